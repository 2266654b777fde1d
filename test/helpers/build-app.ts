import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOverrides } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { DATA_DIR } from '../../src/paths.js';

/** Minimal tap surface the helpers need (tap's `t`). */
export interface TestContext {
  teardown(fn: () => unknown): void;
}

/** A fresh temporary folder removed at teardown. */
export function tempDir(t: TestContext, prefix = 'puente-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const CORPUS_DIR = join(DATA_DIR, 'practices');

/**
 * A fresh app on its own real SQLite file (real migrations), logging off, templates cached.
 * `seed: true` imports the 24-practice corpus first. Closed at teardown.
 */
export async function buildTestApp(
  t: TestContext,
  opts: { seed?: boolean; env?: Record<string, string>; overrides?: AppOverrides } = {},
): Promise<FastifyInstance & { config: Config }> {
  const dir = tempDir(t);
  const config = loadConfig({ DATABASE_PATH: join(dir, 'puente.sqlite'), LOG_LEVEL: 'silent', ...opts.env });
  const app = await buildApp(config, { logger: false, ...opts.overrides });
  t.teardown(() => app.close());
  if (opts.seed) {
    const results = app.services.importer.importPaths([CORPUS_DIR]);
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length) throw new Error('corpus import failed: ' + JSON.stringify(failed));
  }
  return Object.assign(app, { config });
}
