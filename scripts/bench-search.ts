/**
 * `npm run bench:search [-- options]`: latency of a full search (hits + every facet count, as
 * `services.search.search` answers the search page) on deterministic synthetic corpora of 1k, 10k and
 * 100k practices (scripts/lib/synthetic-corpus.ts), the naive FTS5 + GROUP BY design of
 * ../shared/bench/fts5-naive-facets.mjs on the same machine in the same run, and `/search` page
 * throughput against a bare Fastify route (wrk, or autocannon without it, in a separate process,
 * interleaved rounds, as scripts/bench-pages.ts does). Prints Markdown tables. Machines are shared and noisy: read ratios.
 *
 * Options:
 *   --sizes 1000,10000,100000   corpus sizes (default 1000,10000,100000)
 *   --seed 42                   generator seed (default 42)
 *   --runs 50                   timed runs per query (default 50; fewer, never below 30, when slow)
 *   --load hook|bulk            how to build a missing corpus database (default hook: the real write path,
 *                               FTS5 written by the store's hook; bulk: hook-less inserts then one rebuild)
 *   --no-naive, --no-pages      skip the naive comparison or the page throughput
 *   --json path                 also write every number as JSON
 * Environment: BENCH_SECONDS (default 5 per load round), BENCH_CONNECTIONS (default 10).
 *
 * Built corpora are cached in $TMPDIR/puente-bench-search (key: size, seed, generator version, registry,
 * load mode); delete that folder to rebuild. Each size is measured in a fresh child process (run with
 * --expose-gc), so its RSS and heap are those of the loaded service, not of the build.
 */
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { destination, pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DATA_DIR, PROJECT_ROOT } from '../src/paths.js';
import { systemClock } from '../src/services/clock.js';
import { createServices } from '../src/services/index.js';
import { searchInput, type SearchInput } from '../src/services/search-service.js';
import { migrate, openDatabase } from '../src/storage/sqlite/database.js';
import { load, loadGenerator, loadGeneratorNote, type LoadResult } from './lib/load-generator.js';
import { COMMON_QUERY } from './lib/synthetic-corpus.js';
import { ensureSyntheticDatabase, type LoadMode, type SyntheticDatabase } from './lib/synthetic-db.js';

const NAIVE_SCRIPT = resolve(PROJECT_ROOT, '..', 'shared', 'bench', 'fts5-naive-facets.mjs');
const TARGET_P95_MS = 50;
const TARGET_PAGE_RATIO = 0.3;
/** The name suffix of the page row measured with a new URL per request (every request renders). */
const MISS_ROW = 'new URL each request (page cache misses)';
/** Time budget of the timed runs of one corpus; runs drop (never below 30) to stay near it. */
const RUN_BUDGET_MS = 120_000;

/** The measured searches: the everyday ones of the search page. */
const QUERIES: Array<{ name: string; input: Partial<SearchInput> }> = [
  { name: 'empty query', input: { q: '' } },
  { name: `common word \`${COMMON_QUERY}\``, input: { q: COMMON_QUERY } },
  { name: 'three words `protección niñez migrante`', input: { q: 'protección niñez migrante' } },
  { name: 'typo `reintegrasion` (reintegración)', input: { q: 'reintegrasion' } },
  { name: '`albergues` + country GT + pillar emergencies', input: { q: 'albergues', country: ['GT'], pillar: ['emergencies-crises'] } },
];


interface Stats {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  runs: number;
}

/** Nearest-rank percentiles of `samples` (ms). */
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s.at(-1)!, runs: s.length };
}

interface QueryResult {
  name: string;
  total: number;
  hits: number;
  full: Stats;
  /** The engine alone (`embeddedSearch.search`: match, facets, ranking), without hydration and highlighting. */
  engine: Stats;
}

interface MeasureResult {
  documents: number;
  coldFirstSearchMs: number;
  coldFirstTypoMs: number;
  rssMb: number;
  heapMb: number;
  queries: QueryResult[];
}

// ---------------------------------------------------------------------------------------------------
// Child process: open the database like the server does, warm up, then time every query.

async function measureWorker(dbPath: string, runsWanted: number): Promise<MeasureResult> {
  const db = openDatabase(dbPath);
  migrate(db);
  const services = createServices({ db, clock: systemClock, log: pino({ level: 'warn' }, destination(2)) });
  services.syncRegistry(join(DATA_DIR, 'partners.json'));
  if (await services.ensureEmbeddedIndex()) process.stderr.write('  (the embedded index needed a rebuild)\n');
  const documents = services.practices.count({ status: 'published' });

  let t = performance.now();
  await services.search.searchUncached(searchInput({ q: '' })); // loads the facet bitsets
  const coldFirstSearchMs = performance.now() - t;
  t = performance.now();
  await services.search.searchUncached(searchInput({ q: 'albergeus' })); // loads the vocabulary (typo candidates)
  const coldFirstTypoMs = performance.now() - t;

  const prepared = [] as Array<{ name: string; input: SearchInput; request: Parameters<typeof services.embeddedSearch.search>[0] }>;
  const warm = new Map<string, number>();
  for (const q of QUERIES) {
    const input = searchInput(q.input);
    const outcome = await services.search.searchUncached(input);
    const request = { text: outcome.text, filters: outcome.filters, sort: input.sort, offset: 0, limit: input.perPage };
    prepared.push({ name: q.name, input, request });
    const started = performance.now();
    for (let i = 0; i < 5; i++) await services.search.searchUncached(input);
    warm.set(q.name, (performance.now() - started) / 5);
  }
  const perRound = [...warm.values()].reduce((a, b) => a + b, 0) * 1.5; // full + engine-only runs
  const runs = Math.max(Math.min(runsWanted, 30), Math.min(runsWanted, Math.floor(RUN_BUDGET_MS / Math.max(perRound, 0.001))));
  if (runs < runsWanted) process.stderr.write(`  ${documents}: ${runs} runs per query instead of ${runsWanted} (about ${Math.round(perRound)} ms per round)\n`);

  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();

  const full = new Map<string, number[]>(prepared.map((p) => [p.name, []]));
  const engine = new Map<string, number[]>(prepared.map((p) => [p.name, []]));
  const totals = new Map<string, { total: number; hits: number }>();
  // Interleaved: every round runs every query once, so drift on a shared machine hits all alike.
  for (let r = 0; r < runs; r++) {
    for (const p of prepared) {
      let s = performance.now();
      // Uncached: the service's result cache would answer repeated queries in microseconds.
      const outcome = await services.search.searchUncached(p.input);
      full.get(p.name)!.push(performance.now() - s);
      totals.set(p.name, { total: outcome.total, hits: outcome.hits.length });
      s = performance.now();
      await services.embeddedSearch.search(p.request);
      engine.get(p.name)!.push(performance.now() - s);
    }
  }
  db.close();
  return {
    documents,
    coldFirstSearchMs,
    coldFirstTypoMs,
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
    queries: prepared.map((p) => ({ name: p.name, ...totals.get(p.name)!, full: stats(full.get(p.name)!), engine: stats(engine.get(p.name)!) })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Parent process.

function runChild(args: string[], opts: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd ?? PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

interface NaiveResult {
  loadMs: number;
  rssMb: number;
  rows: Array<{ name: string; total: number; p50: number; p95: number }>;
}

/** Runs ../shared/bench/fts5-naive-facets.mjs for `size` documents and parses its lines. */
async function naive(size: number): Promise<NaiveResult> {
  const out = await runChild([NAIVE_SCRIPT, String(size)]);
  const head = /load\+index (\d+) ms, rss (\d+) MB/.exec(out);
  const rows = [...out.matchAll(/^(.+?)\s+total=\s*(\d+) p50=([\d.]+)ms p95=([\d.]+)ms/gm)].map((m) => ({
    name: m[1]!.trim(),
    total: Number(m[2]),
    p50: Number(m[3]),
    p95: Number(m[4]),
  }));
  return { loadMs: Number(head?.[1] ?? NaN), rssMb: Number(head?.[2] ?? NaN), rows };
}

interface PageResult {
  notes: string[];
  rows: Array<{ name: string; rps: number; ratio: number; p50: number; p99: number; errors: number }>;
}

/** `/search` (and `/api/search`) against a bare Fastify route, interleaved rounds, over the corpus database. */
async function pages(dbPath: string): Promise<PageResult> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const app = await buildApp(loadConfig({ DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }), { logger: false });
  const notes: string[] = [];
  const q = encodeURIComponent(COMMON_QUERY);
  const candidates: Array<[string, string]> = [
    [`/search?q=${COMMON_QUERY}`, `/search?q=${q}`],
    [`/api/search?q=${COMMON_QUERY}`, `/api/search?q=${q}`],
  ];
  const routes: Array<[string, string]> = [];
  for (const [name, path] of candidates) {
    const res = await app.inject({ method: 'GET', url: path });
    if (res.statusCode === 404) notes.push(`${name}: the app answers 404 (route not built yet), skipped`);
    else if (res.statusCode !== 200) notes.push(`${name}: the app answers ${res.statusCode}, skipped`);
    else routes.push([name, path]);
  }
  if (routes.length === 0) {
    await app.close();
    return { notes, rows: [] };
  }
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><p>hello</p>'));
  // The same bytes as the search page, from a bare route: separates the cost of moving a 60 KB page over
  // loopback from the cost of Puente's own work.
  const page = await app.inject({ method: 'GET', url: routes[0]![1], headers: { 'accept-encoding': 'gzip, deflate, br' } });
  const pageBytes = page.rawPayload;
  const pageEncoding = page.headers['content-encoding'];
  bare.get('/bare-same-size', async (_req, reply) => {
    if (pageEncoding) reply.header('content-encoding', pageEncoding);
    return reply.type('text/html; charset=utf-8').send(pageBytes);
  });
  const plainSize = Buffer.byteLength((await app.inject({ method: 'GET', url: routes[0]![1] })).body);
  notes.push(
    `${routes[0]![0]} is ${Math.round(plainSize / 1024)} KB, ${Math.round(pageBytes.length / 1024)} KB as sent (${pageEncoding ?? 'identity'}); "bare route, same bytes" sends exactly those bytes`,
  );
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const targets: Array<{ name: string; url: string; uniqueUrls?: boolean }> = [
    { name: 'bare Fastify route', url: `${bareUrl}/bare` },
    { name: 'bare route, same bytes', url: `${bareUrl}/bare-same-size` },
    ...routes.map(([name, path]) => ({ name, url: appUrl + path })),
  ];
  if (loadGenerator() === 'wrk') {
    // The same page with a new URL every time: the page cache always misses, so this row is the cost of
    // rendering the page (the search service's own result cache still answers the search itself).
    targets.push({ name: `${routes[0]![0]}, ${MISS_ROW}`, url: appUrl + routes[0]![1], uniqueUrls: true });
  } else notes.push('the page-cache-miss row needs wrk (apt-get install -y wrk)');
  try {
    for (const { url, uniqueUrls } of targets) await load(url, 1, connections, { uniqueUrls }); // warm-up
    const results = new Map<string, LoadResult[]>();
    for (let round = 0; round < 2; round++) {
      for (const { name, url, uniqueUrls } of targets) results.set(name, [...(results.get(name) ?? []), await load(url, seconds, connections, { uniqueUrls })]);
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bareRps = avg(results.get('bare Fastify route')!.map((r) => r.rps));
    return {
      notes,
      rows: targets.map(({ name }) => {
        const rs = results.get(name)!;
        const rps = avg(rs.map((r) => r.rps));
        return { name, rps, ratio: rps / bareRps, p50: avg(rs.map((r) => r.p50)), p99: avg(rs.map((r) => r.p99)), errors: rs.reduce((a, r) => a + r.errors, 0) };
      }),
    };
  } finally {
    await app.close();
    await bare.close();
  }
}

interface SizeReport {
  size: number;
  database: SyntheticDatabase;
  measured: MeasureResult;
  naive: NaiveResult | null;
  naiveNote: string | null;
  pages: PageResult | null;
}

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (x: number) => (x < 0.1 ? x.toFixed(4) : x.toFixed(2)) + 'x';
const label = (size: number) => (size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size));

function render(reports: SizeReport[], meta: { seed: number; runs: number }): string {
  const lines: string[] = [];
  lines.push(
    `# Puente search benchmark (${new Date().toISOString()}; seed ${meta.seed}; node ${process.version}; ${cpus().length} CPUs)`,
    '',
    'Synthetic corpora: scripts/lib/synthetic-corpus.ts (60% es / 35% en / 5% fr, Zipf vocabulary of real words).',
    `Full search = \`services.search.searchUncached\` with perPage 20 (the result cache bypassed): parse, engine (match, ranking, all six facets' counts), hydrate, highlight. Interleaved runs after 5 warm-up runs per query. Page throughput below is for a repeated URL, so the service's result cache (keyed by index version) answers after the first request.`,
    '',
    '| corpus | load | DB file | RSS / heap after loading | first search (facet bitsets) | first typo search (vocabulary) |',
    '|---|---|---|---|---|---|',
  );
  for (const r of reports) {
    const d = r.database;
    const loadCell = d.built ? `built in ${(d.loadMs! / 1000).toFixed(1)} s (${d.mode === 'hook' ? 'write hook' : 'bulk + rebuild'})` : `cached (${d.mode})`;
    lines.push(
      `| ${label(r.size)} | ${loadCell} | ${Math.round(d.bytes / 2 ** 20)} MB | ${Math.round(r.measured.rssMb)} MB / ${Math.round(r.measured.heapMb)} MB | ${fmt(r.measured.coldFirstSearchMs)} ms | ${fmt(r.measured.coldFirstTypoMs)} ms |`,
    );
  }
  lines.push('', '| corpus | query | results | p50 ms | p95 ms | p99 ms | engine alone p50 / p95 ms | runs |', '|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    for (const q of r.measured.queries) {
      lines.push(
        `| ${label(r.size)} | ${q.name} | ${q.total.toLocaleString('en')} | ${fmt(q.full.p50)} | ${fmt(q.full.p95)} | ${fmt(q.full.p99)} | ${fmt(q.engine.p50)} / ${fmt(q.engine.p95)} | ${q.full.runs} |`,
      );
    }
    const common = r.measured.queries[1]!;
    const nc = r.naive?.rows.find((x) => x.name === 'common word');
    if (nc) {
      lines.push(
        `| ${label(r.size)} | naive design (FTS5 + GROUP BY facets; its own w-token corpus; engine only), common word | ${nc.total.toLocaleString('en')} | ${fmt(nc.p50)} | ${fmt(nc.p95)} | | naive / ours, p50: ${(nc.p50 / common.full.p50).toFixed(1)}x full, ${(nc.p50 / common.engine.p50).toFixed(1)}x engine; p95: ${(nc.p95 / common.full.p95).toFixed(1)}x full, ${(nc.p95 / common.engine.p95).toFixed(1)}x engine | 30 |`,
      );
    } else if (r.naiveNote) lines.push(`| ${label(r.size)} | naive design | ${r.naiveNote} | | | | | |`);
  }
  const withPages = reports.filter((r) => r.pages);
  if (withPages.length) {
    lines.push('', loadGeneratorNote(), '', '| corpus | page | req/s | vs bare | p50 ms | p99 ms | errors |', '|---|---|---|---|---|---|---|');
    for (const r of withPages) {
      for (const p of r.pages!.rows) {
        lines.push(`| ${label(r.size)} | ${p.name} | ${Math.round(p.rps)} | ${ratio(p.ratio)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.errors} |`);
      }
      for (const n of r.pages!.notes) lines.push(`| ${label(r.size)} | ${n} | | | | | |`);
    }
  }

  lines.push('', 'Targets:');
  const largest = reports.reduce<SizeReport | null>((a, b) => (!a || b.size > a.size ? b : a), null);
  if (largest) {
    const worst = largest.measured.queries.reduce((a, b) => (b.full.p95 > a.full.p95 ? b : a));
    const verdict = worst.full.p95 <= TARGET_P95_MS ? 'MET' : 'NOT MET';
    const scope = largest.size >= 100_000 ? '' : ` (measured at ${label(largest.size)} only, not at 100k)`;
    lines.push(`- full search p95 ≤ ${TARGET_P95_MS} ms at 100k${scope}: worst p95 ${fmt(worst.full.p95)} ms (${worst.name}): ${verdict}`);
  }
  const searchPages = withPages.flatMap((r) => r.pages!.rows.filter((p) => p.name.startsWith('/search')).map((p) => ({ size: r.size, ...p })));
  if (searchPages.length) {
    for (const p of searchPages) {
      if (p.name.includes(MISS_ROW)) {
        lines.push(`- ${label(p.size)}: ${p.name} at ${ratio(p.ratio)} the bare route: the cost of rendering the page, reported for information`);
      } else {
        lines.push(`- ${label(p.size)}: ${p.name} at ${ratio(p.ratio)} the bare route (target ≥ ${TARGET_PAGE_RATIO}x): ${p.ratio >= TARGET_PAGE_RATIO ? 'MET' : 'NOT MET'}`);
      }
    }
  } else lines.push(`- /search page ≥ ${TARGET_PAGE_RATIO}x the bare route: not measured (${reports.some((r) => r.pages) ? 'no /search route yet' : 'skipped'})`);
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  if (arg('--worker') === 'measure') {
    const result = await measureWorker(arg('--db')!, Number(arg('--runs') ?? 50));
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const sizes = (arg('--sizes') ?? '1000,10000,100000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`--sizes: expected positive integers, got "${arg('--sizes')}"`);
  const seed = Number(arg('--seed') ?? 42);
  const runs = Number(arg('--runs') ?? 50);
  const mode = (arg('--load') ?? 'hook') as LoadMode;
  if (mode !== 'hook' && mode !== 'bulk') throw new Error(`--load: expected hook or bulk, got "${mode}"`);
  const withNaive = !process.argv.includes('--no-naive');
  const withPages = !process.argv.includes('--no-pages');
  const say = (line: string) => process.stderr.write(line + '\n');

  const reports: SizeReport[] = [];
  for (const size of sizes) {
    say(`${label(size)}: corpus database (seed ${seed})...`);
    const database = await ensureSyntheticDatabase({ size, seed, mode, progress: say });
    say(database.built ? `${label(size)}: built in ${(database.loadMs! / 1000).toFixed(1)} s (${database.path})` : `${label(size)}: cached ${database.path}`);

    say(`${label(size)}: timing searches in a fresh process...`);
    const out = await runChild(['--expose-gc', fileURLToPath(import.meta.url), '--worker', 'measure', '--db', database.path, '--runs', String(runs)]);
    const measured = JSON.parse(out.trim().split('\n').at(-1)!) as MeasureResult;

    let naiveResult: NaiveResult | null = null;
    let naiveNote: string | null = null;
    if (!withNaive) naiveNote = 'skipped (--no-naive)';
    else if (!existsSync(NAIVE_SCRIPT)) naiveNote = `skipped: ${NAIVE_SCRIPT} not found`;
    else {
      say(`${label(size)}: naive design (${NAIVE_SCRIPT})...`);
      naiveResult = await naive(size);
    }
    if (naiveNote) say(`${label(size)}: naive design ${naiveNote}`);

    let pageResult: PageResult | null = null;
    if (withPages) {
      say(`${label(size)}: page throughput...`);
      pageResult = await pages(database.path);
      for (const n of pageResult.notes) say(`${label(size)}: ${n}`);
    }
    reports.push({ size, database, measured, naive: naiveResult, naiveNote, pages: pageResult });
  }

  process.stdout.write(render(reports, { seed, runs }));
  const jsonPath = arg('--json');
  if (jsonPath) {
    writeFileSync(resolve(jsonPath), JSON.stringify({ at: new Date().toISOString(), seed, runs, reports }, null, 2) + '\n');
    say(`JSON written to ${resolve(jsonPath)}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error).stack ?? err) + '\n');
  process.exit(1);
});
