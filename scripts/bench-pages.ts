/**
 * `npm run bench:pages`: start-up time of the server on a fresh database seeded with the corpus, and
 * throughput of `/practices/:slug` (and other pages) against a bare Fastify route, measured in the same
 * run with wrk (or autocannon without it; scripts/lib/load-generator.ts), a separate process sending a browser's
 * Accept-Encoding, over loopback. Machines are shared and noisy: read the ratios, not the absolutes.
 *
 * Options (environment): BENCH_SECONDS (default 5 per round), BENCH_CONNECTIONS (default 10).
 */
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PROJECT_ROOT, DATA_DIR } from '../src/paths.js';
import { load as loadUrl, loadGeneratorNote, type LoadResult } from './lib/load-generator.js';

const load = (url: string, duration = seconds): Promise<LoadResult> => loadUrl(url, duration, connections);

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'puente-bench-'));

/** Spawns the built server on a fresh database and reads its own `startupMs` log field. */
async function startupTime(): Promise<{ wallMs: number; reportedMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'server.js')], {
    env: { ...process.env, DATABASE_PATH: join(dir, `startup-${Date.now()}.sqlite`), PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"startupMs":(\d+)/.exec(buf);
      if (m) {
        const wallMs = performance.now() - started;
        child.kill('SIGTERM');
        resolve({ wallMs, reportedMs: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before ready:\n${buf}`)));
  });
}

async function main() {
  const startups = [] as Array<{ wallMs: number; reportedMs: number }>;
  for (let i = 0; i < 3; i++) startups.push(await startupTime());

  const app = await buildApp(loadConfig({ DATABASE_PATH: join(dir, 'bench.sqlite'), LOG_LEVEL: 'silent' }), { logger: false });
  app.services.importer.importPaths([join(DATA_DIR, 'practices')]);
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><p>hello</p>'));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const targets: Array<[string, string]> = [
    ['bare Fastify route', `${bareUrl}/bare`],
    ['/practices/:slug', `${appUrl}/practices/gt-mx-ilo-fair-recruitment`],
    ['/api/practices/:slug', `${appUrl}/api/practices/gt-mx-ilo-fair-recruitment`],
    ['/countries/gt', `${appUrl}/countries/gt`],
    ['/', `${appUrl}/`],
  ];
  for (const [, url] of targets) await load(url, 1); // warm-up
  // Two interleaved rounds so drift on a shared machine hits every target alike.
  const results = new Map<string, LoadResult[]>();
  for (let round = 0; round < 2; round++) {
    for (const [name, url] of targets) {
      const r = await load(url);
      results.set(name, [...(results.get(name) ?? []), r]);
    }
  }
  await app.close();
  await bare.close();
  rmSync(dir, { recursive: true, force: true });

  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bareRps = avg(results.get('bare Fastify route')!.map((r) => r.rps));
  const lines = [
    `# Puente page benchmark (${new Date().toISOString()}, ${connections} connections, 2 x ${seconds} s per target)`,
    '',
    loadGeneratorNote(),
    '',
    `Start-up with the 24-practice corpus (fresh database: migrate, seed, listen), 3 runs: ` +
      startups.map((s) => `${Math.round(s.reportedMs)} ms in-process / ${Math.round(s.wallMs)} ms wall`).join('; '),
    '',
    '| target | req/s | vs bare | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|',
    ...targets.map(([name]) => {
      const rs = results.get(name)!;
      const rps = avg(rs.map((r) => r.rps));
      return `| ${name} | ${Math.round(rps)} | ${(rps / bareRps).toFixed(2)}x | ${avg(rs.map((r) => r.p50)).toFixed(1)} | ${avg(rs.map((r) => r.p99)).toFixed(1)} | ${rs.reduce((a, r) => a + r.errors, 0)} |`;
    }),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(String((err as Error).stack ?? err) + '\n');
  process.exit(1);
});
