/**
 * `npm run reindex` and `npm run search:check`, run as the npm scripts do (through tsx here, so no build is
 * needed) against a seeded database, with the embedded engine; Meilisearch configured at a closed port shows
 * how both scripts report an unreachable engine (the real client, no server).
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openCli } from '../../scripts/cli.js';
import { CORPUS_DIR, tempDir } from '../helpers/build-app.js';

function run(script: 'reindex' | 'search-check', env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', `${script}.ts`)], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

/** A database with the 24-practice corpus imported (in-process, through the scripts' own set-up). */
function seeded(t: Parameters<typeof tempDir>[0]): string {
  const path = join(tempDir(t), 'scripts.sqlite');
  const cli = openCli({ DATABASE_PATH: path, LOG_LEVEL: 'silent' });
  const results = cli.services.importer.importPaths([CORPUS_DIR]);
  cli.close();
  if (results.some((r) => r.status === 'failed')) throw new Error('corpus import failed');
  return path;
}

t.test('reindex, check, lose an FTS row, check names it, reindex repairs it', async (t) => {
  const db = seeded(t);
  const env = { DATABASE_PATH: db };

  const reindex = run('reindex', env);
  t.equal(reindex.status, 0, reindex.stderr);
  t.match(reindex.stdout, /^fts5: 24 documents indexed \(24 published in SQLite\) in \d+\.\d\d s$/m);
  t.match(reindex.stdout, /^reindex: 1 of 1 engine\(s\) rebuilt in \d+\.\d\d s$/m);

  const again = run('reindex', env);
  t.equal(again.status, 0, 'idempotent: a second run succeeds too');
  t.match(again.stdout, /fts5: 24 documents indexed/);

  const ok = run('search-check', env);
  t.equal(ok.status, 0, ok.stdout + ok.stderr);
  t.match(ok.stdout, /^engine\s+sqlite\s+indexed\s+missing ids\s+extra ids\s+outbox pending$/m);
  t.match(ok.stdout, /^fts5\s+24\s+24\s+0\s+0\s+-$/m);
  t.match(ok.stdout, /search:check: ok/);

  const conn = new Database(db);
  const victim = conn.prepare("SELECT id, slug FROM practices WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET 6").get() as { id: number; slug: string };
  t.equal(conn.prepare('DELETE FROM search_fts WHERE rowid = ?').run(victim.id).changes, 1, 'an FTS row removed by hand');
  conn.close();

  const drift = run('search-check', env);
  t.equal(drift.status, 1, 'drift: exit code 1');
  t.match(drift.stdout, new RegExp(`^fts5\\s+24\\s+23\\s+1: ${victim.id}\\s+0\\s+-$`, 'm'), 'the table names the missing id');
  t.match(drift.stdout, new RegExp(`^fts5: missing ${victim.id} ${victim.slug}$`, 'm'));
  t.match(drift.stdout, /search:check: DRIFT/);

  const repair = run('reindex', env);
  t.equal(repair.status, 0, repair.stderr);
  const healed = run('search-check', env);
  t.equal(healed.status, 0, healed.stdout);
  t.match(healed.stdout, /^fts5\s+24\s+24\s+0\s+0\s+-$/m);
});

t.test('an extra id in the index is drift too', async (t) => {
  const db = seeded(t);
  const conn = new Database(db);
  const p = conn.prepare("SELECT id FROM practices WHERE status = 'published' ORDER BY id LIMIT 1").get() as { id: number };
  conn.prepare("UPDATE practices SET status = 'submitted' WHERE id = ?").run(p.id);
  conn.close();
  const r = run('search-check', { DATABASE_PATH: db });
  t.equal(r.status, 1);
  t.match(r.stdout, new RegExp(`^fts5\\s+23\\s+24\\s+0\\s+1: ${p.id}\\s+-$`, 'm'));
  t.match(r.stdout, new RegExp(`^fts5: extra ${p.id} \\(not a published practice\\)$`, 'm'));
});

t.test('Meilisearch configured but unreachable: reindex and check say so and exit 1', async (t) => {
  const db = seeded(t);
  const env = { DATABASE_PATH: db, MEILISEARCH_HOST: 'http://127.0.0.1:9', MEILISEARCH_TIMEOUT_MS: '300', MEILISEARCH_API_KEY: 'secret-key-123' };
  const reindex = run('reindex', env);
  t.equal(reindex.status, 1);
  t.match(reindex.stdout, /fts5: 24 documents indexed/, 'the embedded engine is rebuilt anyway');
  t.match(reindex.stdout, /reindex: 1 of 2 engine\(s\) rebuilt/);
  t.match(reindex.stderr, /meilisearch: rebuild failed: Request to http:\/\/127\.0\.0\.1:9\/.* has failed/);
  const check = run('search-check', env);
  t.equal(check.status, 1);
  t.match(check.stdout, /^fts5\s+24\s+24\s+0\s+0\s+-$/m);
  t.match(check.stdout, /^meilisearch\s+24\s+\?\s+\?\s+\?\s+0$/m, 'outbox pending: 0 (the seed was imported without Meilisearch)');
  t.match(check.stdout, /^meilisearch: cannot read its documents: Request to http:\/\/127\.0\.0\.1:9\/.* has failed/m);
  t.match(check.stdout, /^outbox meilisearch: empty$/m);
  t.notMatch(reindex.stdout + reindex.stderr + check.stdout + check.stderr, /secret-key-123/, 'the API key is never printed');
});
