import t from 'tap';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import { loadMigrations, migrate, openDatabase } from '../../../src/storage/sqlite/database.js';
import { tempDir } from '../../helpers/build-app.js';

t.test('migrations apply once, set user_version and create STRICT tables', async (t) => {
  const db = openDatabase(join(tempDir(t), 'm.sqlite'));
  t.teardown(() => db.close());
  const all = loadMigrations();
  t.same(migrate(db), all.map((m) => m.version));
  t.equal(db.pragma('user_version', { simple: true }), all.at(-1)!.version);
  t.same(migrate(db), [], 'second run applies nothing');
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(db.pragma('foreign_keys', { simple: true }), 1);
  t.equal(db.pragma('busy_timeout', { simple: true }), 5000);
  const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; strict: number }>;
  t.ok(tables.length >= 6);
  for (const tb of tables) t.equal(tb.strict, 1, `${tb.name} is STRICT`);
});

t.test('a failing migration rolls back and leaves the version', async (t) => {
  const dir = tempDir(t);
  const mdir = join(dir, 'migrations');
  mkdirSync(mdir);
  writeFileSync(join(mdir, '001-a.sql'), 'CREATE TABLE a (x INTEGER) STRICT;');
  writeFileSync(join(mdir, '002-b.sql'), 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nope VALUES (1);');
  const db = openDatabase(join(dir, 'f.sqlite'));
  t.teardown(() => db.close());
  t.throws(() => migrate(db, loadMigrations(mdir)), /no such table: nope/);
  t.equal(db.pragma('user_version', { simple: true }), 1);
  t.equal((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get() as { n: number }).n, 0, 'table b rolled back');
  writeFileSync(join(mdir, '004-gap.sql'), 'SELECT 1;');
  t.throws(() => loadMigrations(mdir), /expected version 3/);
});

t.test('a database newer than the code is refused', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  db.pragma('user_version = 999');
  t.throws(() => migrate(db), /newer than this code/);
});

t.test('two processes starting on one new file at once both migrate it (they take turns)', async (t) => {
  const dir = t.testdir({});
  const script = `import { migrate, openDatabase } from ${JSON.stringify(join(PROJECT_ROOT, 'src', 'storage', 'sqlite', 'database.ts'))};
const db = openDatabase(process.argv[1]);
migrate(db);
process.stdout.write(String(db.pragma('user_version', { simple: true })));`;
  const run = (file: string) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file]);
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
    });
  const latest = loadMigrations().at(-1)!.version;
  for (let round = 0; round < 4; round++) {
    const file = join(dir, `race-${round}.sqlite`);
    const results = await Promise.all([run(file), run(file), run(file)]);
    for (const r of results) {
      t.equal(r.code, 0, `round ${round}: exit 0 ${r.err.slice(0, 300)}`);
      t.equal(r.out, String(latest));
    }
  }
});
