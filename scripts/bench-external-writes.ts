/**
 * `npm run bench:external-writes [-- --sizes 10000,100000]`: what a server's next search costs after another
 * process (a CLI import, a second server) writes to the same database file. The server re-reads just the
 * practices logged in `search_changes`; a rebuild elsewhere makes it reload every facet bitset. Runs on a
 * copy of the synthetic corpus database of bench:search (built there and cached in
 * $TMPDIR/puente-bench-search), so the cached corpus is not changed. Prints a Markdown table.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { searchInput } from '../src/services/search-service.js';
import { COMMON_QUERY } from './lib/synthetic-corpus.js';
import { ensureSyntheticDatabase } from './lib/synthetic-db.js';

const ROUNDS = 5;

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(size: number): Promise<string[]> {
  const db = await ensureSyntheticDatabase({ size, seed: 42, progress: (l) => process.stderr.write(`${l}\n`) });
  const dir = mkdtempSync(join(tmpdir(), 'puente-bench-external-'));
  const path = join(dir, 'copy.sqlite');
  copyFileSync(db.path, path);
  const server = await buildApp(loadConfig({ DATABASE_PATH: path, LOG_LEVEL: 'silent' }), { logger: false });
  const other = await buildApp(loadConfig({ DATABASE_PATH: path, LOG_LEVEL: 'silent' }), { logger: false });
  const search = async () => {
    const started = performance.now();
    await server.services.search.searchUncached(searchInput({ q: COMMON_QUERY }));
    return performance.now() - started;
  };
  try {
    const first = await search();
    const warm: number[] = [];
    for (let i = 0; i < ROUNDS; i++) warm.push(await search());
    const afterWrite: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const doc = `---\nslug: bench-external-${i}\ntitle: "Práctica externa ${i}"\nsummary: "Escrita por otro proceso"\ncountries: [BZ]\npillars: [migration-management]\nkind: tool\nyear: 2021\nlanguage: es\n---\n\nTexto sobre migración.\n`;
      other.services.importer.importText(`/bench/external-${i}.md`, doc);
      afterWrite.push(await search());
    }
    const ownWrite: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const p = server.services.practices.findBySlug(`bench-external-${i}`)!;
      server.services.practices.upsert({ ...p, title: `${p.title} (editada)` });
      ownWrite.push(await search());
    }
    await other.services.embeddedSearch.rebuild(other.services.search.documentSource());
    const afterRebuild = await search();
    const label = size >= 1000 ? `${size / 1000}k` : String(size);
    return [
      `| ${label} | ${Math.round(first)} | ${median(warm).toFixed(1)} | ${median(afterWrite).toFixed(1)} | ${median(ownWrite).toFixed(1)} | ${Math.round(afterRebuild)} |`,
    ];
  } finally {
    await server.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const sizes = (arg('--sizes') ?? '10000,100000').split(',').map(Number);
  const lines = [
    `# Search after another process writes (${new Date().toISOString()}; common word \`${COMMON_QUERY}\`, full search; medians of ${ROUNDS})`,
    '',
    '| corpus | first search after start ms | warm ms | after another process wrote 1 practice ms | after this process wrote 1 practice ms | after another process rebuilt the index ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const size of sizes) lines.push(...(await measure(size)));
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error).stack ?? err) + '\n');
  process.exit(1);
});
