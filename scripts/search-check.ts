/**
 * `npm run search:check`: compares the published practices in SQLite with the documents of each active
 * search engine (the embedded FTS5 engine always, Meilisearch when MEILISEARCH_HOST is set) and prints a table:
 * engine, SQLite count, engine count, missing ids, extra ids, outbox pending. Exit code 1 on any drift
 * (or when an engine cannot be read); `npm run reindex` repairs drift.
 */
import type { SearchIndex } from '../src/domain/search.js';
import { openCli } from './cli.js';

const MAX_IDS = 20;

const cli = openCli();
const published = cli.services.practices.list({ status: 'published' });
const slugOf = new Map(published.map((p) => [p.id, p.slug]));
const sqliteIds = new Set(slugOf.keys());
const engines: SearchIndex[] = [cli.services.embeddedSearch];
if (cli.services.meilisearch) engines.push(cli.services.meilisearch);

interface Row { engine: string; sqlite: string; indexed: string; missing: string; extra: string; outbox: string }
const rows: Row[] = [];
const details: string[] = [];
let drift = false;

for (const index of engines) {
  const outbox = cli.services.outbox && cli.services.outbox.engine === index.engine ? String(cli.services.outbox.pending()) : '-';
  let ids: number[];
  try {
    ids = await index.documentIds();
  } catch (err) {
    drift = true;
    rows.push({ engine: index.engine, sqlite: String(sqliteIds.size), indexed: '?', missing: '?', extra: '?', outbox });
    details.push(`${index.engine}: cannot read its documents: ${(err as Error).message}${(err as Error).cause instanceof Error ? ` (${((err as Error).cause as Error).message})` : ''}`);
    continue;
  }
  const indexed = new Set(ids);
  const missing = [...sqliteIds].filter((id) => !indexed.has(id)).sort((a, b) => a - b);
  const extra = [...indexed].filter((id) => !sqliteIds.has(id)).sort((a, b) => a - b);
  if (missing.length || extra.length) drift = true;
  rows.push({ engine: index.engine, sqlite: String(sqliteIds.size), indexed: String(indexed.size), missing: list(missing), extra: list(extra), outbox });
  for (const id of missing) details.push(`${index.engine}: missing ${id} ${slugOf.get(id)}`);
  for (const id of extra) details.push(`${index.engine}: extra ${id} (not a published practice)`);
}

const header: Row = { engine: 'engine', sqlite: 'sqlite', indexed: 'indexed', missing: 'missing ids', extra: 'extra ids', outbox: 'outbox pending' };
const cols = Object.keys(header) as Array<keyof Row>;
const width = (c: keyof Row) => Math.max(...[header, ...rows].map((r) => r[c].length));
for (const r of [header, ...rows]) process.stdout.write(cols.map((c) => r[c].padEnd(width(c))).join('  ').trimEnd() + '\n');
for (const line of details.slice(0, 100)) process.stdout.write(line + '\n');
if (details.length > 100) process.stdout.write(`... ${details.length - 100} more\n`);
if (cli.services.outbox) process.stdout.write(cli.services.outbox.statusLine() + '\n');
process.stdout.write(drift ? 'search:check: DRIFT (run `npm run reindex`)\n' : 'search:check: ok\n');
cli.close();
process.exit(drift ? 1 : 0);

function list(ids: number[]): string {
  if (ids.length === 0) return '0';
  const shown = ids.slice(0, MAX_IDS).join(',');
  return ids.length > MAX_IDS ? `${ids.length}: ${shown},...` : `${ids.length}: ${shown}`;
}
