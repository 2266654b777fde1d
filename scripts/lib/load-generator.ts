/**
 * The HTTP load generator of the benchmarks (bench:pages, bench:search): always a separate process, so
 * it never shares the server's event loop (on 2 cores, one runs the servers and one generates load).
 *
 * - **wrk** (C, one thread) when it is on the PATH (`apt-get install -y wrk`). Preferred: it costs the
 *   client almost nothing per byte, so a route's throughput measures the server.
 * - **autocannon** (Node, a devDependency) otherwise. Measured on this 2-core machine, autocannon's own
 *   parsing caps it near 5,000 answers/s for a 12 KB answer against 72,000/s for a 27-byte one (wrk: 50,000
 *   against 60,000), so with autocannon the ratio of a large page to a tiny route measures the client.
 *   The benchmarks print which generator ran.
 *
 * Every request sends a browser's `Accept-Encoding: gzip, deflate, br`.
 */
import type autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Throughput (answers/s) and latency (ms) of one load run; `errors` adds socket errors and 4xx/5xx. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export type LoadGeneratorName = 'wrk' | 'autocannon';

const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * wrk's Lua: `done` prints one JSON line with the run's totals (latencies in microseconds; `errors` are
 * socket errors, `non2xx` wrk's count of answers with status > 399).
 */
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
`;
/** wrk's Lua for {@link LoadOptions.uniqueUrls}: appends `bench_unique=<n>` to every request's URL. */
const WRK_UNIQUE_URLS = `
local n = 0
request = function()
  n = n + 1
  local sep = string.find(wrk.path, '?', 1, true) and '&' or '?'
  return wrk.format(nil, wrk.path .. sep .. 'bench_unique=' .. n)
end
`;

let scripts: { plain: string; unique: string } | null = null;

/** The two wrk scripts, written once per process to a temporary folder. */
function wrkScripts(): { plain: string; unique: string } {
  if (scripts) return scripts;
  const dir = mkdtempSync(join(tmpdir(), 'puente-wrk-'));
  scripts = { plain: join(dir, 'report.lua'), unique: join(dir, 'unique.lua') };
  writeFileSync(scripts.plain, WRK_REPORT);
  writeFileSync(scripts.unique, WRK_UNIQUE_URLS + WRK_REPORT);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return scripts;
}

export interface LoadOptions {
  /**
   * Make every request's URL new (wrk only: `&bench_unique=<n>` is appended), so caches keyed by URL
   * always miss; the app must ignore the parameter.
   */
  uniqueUrls?: boolean;
}

let detected: LoadGeneratorName | null = null;

/** `wrk` when `wrk --version` runs, else `autocannon`; detected once. */
export function loadGenerator(): LoadGeneratorName {
  if (detected) return detected;
  const probe = spawnSync('wrk', ['--version'], { stdio: 'ignore' });
  detected = probe.error ? 'autocannon' : 'wrk';
  return detected;
}

/** One line for a benchmark's header: which generator ran, and the caveat when it is autocannon. */
export function loadGeneratorNote(): string {
  return loadGenerator() === 'wrk'
    ? 'Load generator: wrk (1 thread, separate process).'
    : 'Load generator: autocannon (wrk not found; `apt-get install -y wrk`). autocannon parses answers in JavaScript, ' +
        'which caps large pages: a large page against a tiny bare route then measures the client, not Puente.';
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Loads `url` for `seconds` over `connections` keep-alive connections.
 * @throws when the generator exits non-zero or prints no report, or when `uniqueUrls` is asked of autocannon.
 */
export async function load(url: string, seconds: number, connections: number, options: LoadOptions = {}): Promise<LoadResult> {
  if (loadGenerator() === 'wrk') {
    const script = options.uniqueUrls ? wrkScripts().unique : wrkScripts().plain;
    const out = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-H', `Accept-Encoding: ${ACCEPT_ENCODING}`, '-s', script, url]);
    const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no report for ${url}:\n${out}`);
    const r = JSON.parse(line) as { requests: number; duration_us: number; errors: number; non2xx: number; p50_us: number; p99_us: number };
    return { rps: r.requests / (r.duration_us / 1e6), p50: r.p50_us / 1000, p99: r.p99_us / 1000, errors: r.errors + r.non2xx };
  }
  if (options.uniqueUrls) throw new Error('unique URLs need wrk (apt-get install -y wrk)');
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const out = await run(process.execPath, [cli, '--json', '-c', String(connections), '-d', String(seconds), '-H', `accept-encoding=${ACCEPT_ENCODING}`, url]);
  const r = JSON.parse(out) as autocannon.Result;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}
