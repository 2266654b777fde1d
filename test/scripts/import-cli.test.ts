import t from 'tap';
import { spawnSync } from 'node:child_process';
import { writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../src/paths.js';
import { CORPUS_DIR, tempDir } from '../helpers/build-app.js';

/** Runs `scripts/import.ts` as `npm run import` does (through tsx here, so no build is needed). */
function runImport(env: Record<string, string>, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'import.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

t.test('import CLI: valid files imported, invalid ones reported as path: field: message, exit 1', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'cli.sqlite');
  const folder = join(dir, 'in');
  (await import('node:fs')).mkdirSync(folder);
  copyFileSync(join(CORPUS_DIR, 'bz-amnesty-2022.md'), join(folder, 'bz-amnesty-2022.md'));
  writeFileSync(join(folder, 'broken.md'), '---\ntitle: "T"\nsummary: "S"\ncountries: [ZZ]\npillars: [migration-management]\nkind: practice\nyear: 2020\nlanguage: es\n---\nbody\n');
  const r = runImport({ DATABASE_PATH: db }, ['--', folder]);
  t.equal(r.status, 1, r.stderr);
  t.match(r.stderr, `${join(folder, 'broken.md')}: countries.0: unknown country code "ZZ"`);
  t.match(r.stdout, /bz-amnesty-2022\.md: created bz-amnesty-2022/);
  t.match(r.stdout, /2 file\(s\): 1 created, 0 updated, 1 failed/);

  const again = runImport({ DATABASE_PATH: db }, [join(folder, 'bz-amnesty-2022.md')]);
  t.equal(again.status, 0, again.stderr);
  t.match(again.stdout, /updated bz-amnesty-2022/);
  const conn = new Database(db, { readonly: true });
  t.teardown(() => conn.close());
  t.equal((conn.prepare('SELECT count(*) AS n FROM practices').get() as { n: number }).n, 1, 'no duplicate');
});

t.test('import CLI: usage and bad configuration', async (t) => {
  const usage = runImport({}, []);
  t.equal(usage.status, 2);
  t.match(usage.stderr, /usage: npm run import/);
  const bad = runImport({ LOG_LEVEL: 'loud' }, ['x.md']);
  t.equal(bad.status, 1);
  t.match(bad.stderr, /LOG_LEVEL: /);
});
