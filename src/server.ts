import { performance } from 'node:perf_hooks';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { resolveFromRoot } from './paths.js';
import { formatIssues } from './services/import-service.js';

/**
 * The process: reads process.env, builds the app, seeds an empty database from SEED_DIR, listens,
 * and closes gracefully on SIGINT/SIGTERM (in-flight requests finish, the database closes).
 */
async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`puente: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp(config);
  const seeded = app.services.seedIfEmpty(resolveFromRoot(config.seedDir));
  if (seeded) {
    const failed = seeded.filter((r) => r.status === 'failed');
    for (const r of failed) for (const line of formatIssues(r)) app.log.warn(line);
    app.log.info({ imported: seeded.length - failed.length, failed: failed.length, seedDir: config.seedDir }, 'seeded empty database');
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out after 10 s');
      process.exit(1);
    }, 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  // Load the search caches (facet bitsets, typo vocabulary) once listening, so the first reader does not
  // wait for them (about 3 s at 100,000 records).
  setImmediate(() => {
    const t0 = performance.now();
    const warmed = app.services.embeddedSearch.warm();
    app.log.info({ ...warmed, ms: Math.round(performance.now() - t0) }, 'search caches loaded');
  });
  app.log.info({ startupMs: Math.round(performance.now() - started), practices: app.services.practices.count({ status: 'published' }) }, 'Puente ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`puente: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
