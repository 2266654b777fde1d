/**
 * `npm run reindex`: rebuilds every active search engine from SQLite (the source of truth): the embedded
 * FTS5 engine always, Meilisearch when MEILISEARCH_HOST is set. Idempotent and safe while the server runs:
 * each engine builds a shadow index and swaps it in at the end, then re-applies the records written meanwhile.
 * A progress bar (cli-progress) goes to stderr; stdout gets one line per engine with counts and time.
 * Exit code 1 when an engine failed to rebuild.
 */
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import type { SearchIndex } from '../src/domain/search.js';
import { openCli } from './cli.js';

const cli = openCli();
const engines: SearchIndex[] = [cli.services.embeddedSearch];
if (cli.services.meilisearch) engines.push(cli.services.meilisearch);

let failed = 0;
const started = performance.now();
for (const index of engines) {
  const source = cli.services.search.documentSource();
  const bar = new cliProgress.SingleBar(
    { format: `${index.engine.padEnd(11)} [{bar}] {value}/{total} documents | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(source.total, 0);
  const t0 = performance.now();
  try {
    await index.rebuild(source, (done) => bar.update(done));
    bar.update(source.total);
    bar.stop();
    const indexed = (await index.documentIds()).length;
    const seconds = ((performance.now() - t0) / 1000).toFixed(2);
    process.stdout.write(`${index.engine}: ${indexed} documents indexed (${source.total} published in SQLite) in ${seconds} s\n`);
  } catch (err) {
    bar.stop();
    failed++;
    process.stderr.write(`${index.engine}: rebuild failed: ${describe(err)}\n`);
  }
}
cli.close();
process.stdout.write(`reindex: ${engines.length - failed} of ${engines.length} engine(s) rebuilt in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
process.exit(failed ? 1 : 0);

function describe(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
  return `${e.message ?? String(err)}${cause}`;
}
