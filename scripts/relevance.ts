/**
 * `npm run relevance [-- --json path]`: relevance of the search service against the judged queries of
 * `../shared/corpus/queries.tsv` (columns `q`, `filters` as a query string such as
 * `pillar=emergencies-crises&country=PA`, `expected_in_top5` as comma-separated slugs).
 *
 * Imports `../shared/corpus/practices/` (or `data/practices/` when ../shared is absent) into a temporary
 * SQLite database through the real import service, runs every row through
 * `services.search.search({ q, ...filters, sort: 'relevance', page: 1, perPage: 5 })` per engine (the
 * embedded `fts5` always; Meilisearch too when MEILISEARCH_HOST is set, on a throw-away index
 * `<MEILISEARCH_INDEX>_relevance`) and prints a
 * table per query and the totals:
 * - recall@5: mean over queries of |expected ∩ top 5| / min(5, |expected|);
 * - MRR: mean of 1 / rank of the first expected slug in the top 5 (0 when none is there).
 * The target is recall@5 ≥ 0.95 ("TARGET MET" / "BELOW TARGET"). The same numbers go, as JSON, to the
 * last line of stdout, or to the file given by `--json path`. Exit code 0 unless the script crashes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { destination, pino } from 'pino';
import { ConfigError, loadConfig, type MeilisearchConfig } from '../src/config.js';
import type { EngineName } from '../src/domain/search.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/paths.js';
import { systemClock } from '../src/services/clock.js';
import { createServices, type Services } from '../src/services/index.js';
import { searchInput, type SearchInput } from '../src/services/search-service.js';
import { openCli } from './cli.js';

const TARGET_RECALL = 0.95;
const SHARED = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');

interface Judged {
  q: string;
  filters: string;
  expected: string[];
}

interface QueryResult extends Judged {
  recall: number;
  reciprocalRank: number;
  got: string[];
  total: number;
  /** Engine that actually answered (differs from the one asked when it fell back). */
  answeredBy: EngineName;
}

interface EngineReport {
  engine: EngineName;
  queries: number;
  recallAt5: number;
  mrr: number;
  targetMet: boolean;
  results: QueryResult[];
}

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Reads the TSV (header row first); skips blank lines. */
function readJudgements(file: string): Judged[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column "${name}" in the header`);
    return i;
  };
  const [qi, fi, ei] = [col('q'), col('filters'), col('expected_in_top5')];
  return lines.map((line) => {
    const cells = line.split('\t');
    return {
      q: (cells[qi] ?? '').trim(),
      filters: (cells[fi] ?? '').trim(),
      expected: (cells[ei] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    };
  });
}

/** `pillar=a&country=PA` -> the SearchInput fields (repeated keys and comma lists both add values). */
function toSearchInput(j: Judged): SearchInput {
  const input: SearchInput = searchInput({ q: j.q, perPage: 5 });
  for (const [key, raw] of new URLSearchParams(j.filters)) {
    const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
    switch (key) {
      case 'pillar':
      case 'country':
      case 'partner':
      case 'kind':
      case 'language':
        input[key].push(...values);
        break;
      case 'yearFrom':
      case 'yearTo':
        input[key] = Number(raw);
        break;
      case 'year':
        input.yearFrom = input.yearTo = Number(raw);
        break;
      default:
        throw new Error(`unknown filter "${key}" in "${j.filters}"`);
    }
  }
  return input;
}

async function evaluate(engine: EngineName, services: Services, judged: Judged[]): Promise<EngineReport> {
  const results: QueryResult[] = [];
  for (const j of judged) {
    const outcome = await services.search.search(toSearchInput(j));
    const got = outcome.hits.map((h) => h.practice.slug);
    const found = j.expected.filter((s) => got.includes(s)).length;
    const firstRank = got.findIndex((s) => j.expected.includes(s));
    results.push({
      ...j,
      recall: j.expected.length ? found / Math.min(5, j.expected.length) : 1,
      reciprocalRank: firstRank >= 0 ? 1 / (firstRank + 1) : 0,
      got,
      total: outcome.total,
      answeredBy: outcome.engine,
    });
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const recallAt5 = mean(results.map((r) => r.recall));
  return {
    engine,
    queries: results.length,
    recallAt5,
    mrr: mean(results.map((r) => r.reciprocalRank)),
    targetMet: recallAt5 >= TARGET_RECALL,
    results,
  };
}

function printReport(r: EngineReport): void {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `## ${r.engine}`,
    '',
    '| # | q | filters | recall@5 | RR | total | top 5 (✓ = expected) | missing |',
    '|---|---|---|---|---|---|---|---|',
    ...r.results.map((x, i) => {
      const top = x.got.map((s) => (x.expected.includes(s) ? `✓${s}` : s)).join(', ') || '(none)';
      const missing = x.expected.filter((s) => !x.got.includes(s)).join(', ');
      const fell = x.answeredBy !== r.engine ? ` (answered by ${x.answeredBy})` : '';
      return `| ${i + 1} | ${cell(x.q) || '(empty)'} | ${cell(x.filters)} | ${x.recall.toFixed(2)} | ${x.reciprocalRank.toFixed(2)} | ${x.total} | ${cell(top)}${fell} | ${missing} |`;
    }),
    '',
    `${r.engine}: ${r.queries} queries, recall@5 ${r.recallAt5.toFixed(3)}, MRR ${r.mrr.toFixed(3)}: ` +
      (r.targetMet ? 'TARGET MET' : 'BELOW TARGET') +
      ` (target recall@5 ≥ ${TARGET_RECALL})`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const jsonPath = argValue('--json');
  let corpusDir = join(SHARED, 'practices');
  let queriesFile = join(SHARED, 'queries.tsv');
  if (!existsSync(corpusDir)) {
    corpusDir = join(DATA_DIR, 'practices');
    process.stdout.write(`note: ${join(SHARED, 'practices')} not found; using ${corpusDir}\n`);
  }
  if (!existsSync(queriesFile)) {
    // Nothing to fall back to for the judgements: say so and stop.
    process.stdout.write(`note: ${queriesFile} not found; no judged queries to run\n`);
    return;
  }
  const judged = readJudgements(queriesFile);

  const dir = mkdtempSync(join(tmpdir(), 'puente-relevance-'));
  // The embedded engine alone (MEILISEARCH_HOST emptied): Meilisearch, when configured, is evaluated below.
  const cli = openCli({ ...process.env, DATABASE_PATH: join(dir, 'relevance.sqlite'), MEILISEARCH_HOST: '' });
  try {
    const imported = cli.services.importer.importPaths([corpusDir]);
    const failed = imported.filter((r) => r.status === 'failed');
    for (const r of failed) process.stderr.write(`${r.path}: failed: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`);
    process.stdout.write(
      `# Puente relevance (${new Date().toISOString()}): ${imported.length - failed.length} practices from ${corpusDir}, ` +
        `${judged.length} judged queries from ${queriesFile}\n\n`,
    );

    const reports: EngineReport[] = [await evaluate('fts5', cli.services, judged)];
    printReport(reports[0]!);

    let meiliNote: string | null = null;
    const meili = meilisearchSettings();
    if ('reason' in meili) {
      meiliNote = `meilisearch: not configured (${meili.reason})`;
      process.stdout.write(meiliNote + '\n');
    } else {
      // A second composition over the same database with Meilisearch as the primary engine, on an index
      // of its own (`<MEILISEARCH_INDEX>_relevance`, replaced at each run) so the live index is never touched.
      const log = pino({ level: 'warn', redact: ['apiKey', '*.apiKey'] }, destination(2));
      const services = createServices({ db: cli.db, clock: systemClock, log, meilisearch: meili.settings });
      try {
        await services.meilisearch!.rebuild(services.search.documentSource());
      } catch (err) {
        meiliNote = `meilisearch: unavailable at ${meili.settings.host} (${(err as Error).message}), skipped`;
        process.stdout.write(meiliNote + '\n');
      }
      if (!meiliNote) {
        const report = await evaluate('meilisearch', services, judged);
        reports.push(report);
        printReport(report);
        const fellBack = report.results.filter((r) => r.answeredBy !== 'meilisearch').length;
        if (fellBack) process.stdout.write(`warning: ${fellBack} meilisearch queries were answered by the embedded engine (fallback)\n`);
      }
      await services.meilisearch!.close();
    }

    const summary = {
      at: new Date().toISOString(),
      corpus: corpusDir,
      targetRecallAt5: TARGET_RECALL,
      engines: Object.fromEntries(
        reports.map((r) => [
          r.engine,
          {
            queries: r.queries,
            recallAt5: round(r.recallAt5),
            mrr: round(r.mrr),
            targetMet: r.targetMet,
            perQuery: r.results.map((x) => ({ q: x.q, filters: x.filters, recallAt5: round(x.recall), rr: round(x.reciprocalRank), top5: x.got })),
          },
        ]),
      ),
      ...(meiliNote ? { meilisearch: meiliNote } : {}),
    };
    if (jsonPath) {
      writeFileSync(resolve(jsonPath), JSON.stringify(summary, null, 2) + '\n');
      process.stdout.write(`JSON written to ${resolve(jsonPath)}\n`);
    } else process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    cli.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Meilisearch settings from the environment (index renamed `<index>_relevance`), or why there are none. */
function meilisearchSettings(): { settings: MeilisearchConfig } | { reason: string } {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) return { reason: `configuration error: ${err.message}` };
    throw err;
  }
  if (!config.meilisearch) return { reason: 'MEILISEARCH_HOST is not set' };
  return { settings: { ...config.meilisearch, indexName: `${config.meilisearch.indexName}_relevance` } };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error).stack ?? err) + '\n');
  process.exit(1);
});
