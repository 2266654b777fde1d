import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/build-app.js';

const run = (db: string, args: string[], input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'user.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: db },
    input,
    encoding: 'utf8',
  });

t.test('user:add and user:passwd read the password from standard input', async (t) => {
  const db = join(tempDir(t), 'users.sqlite');
  const add = run(db, ['add', '--', '--email', 'Ana@Example.org', '--name', 'Ana Pérez', '--role', 'admin'], 'a long enough password\n');
  t.equal(add.status, 0, add.stderr);
  t.match(add.stdout, /created admin ana@example.org/);
  const conn = new Database(db, { readonly: true });
  t.teardown(() => conn.close());
  const row = conn.prepare('SELECT email, role, password_hash FROM users').get() as { email: string; role: string; password_hash: string };
  t.equal(row.email, 'ana@example.org');
  t.match(row.password_hash, /^\$argon2id\$/);
  t.notMatch(row.password_hash, /a long enough password/);
  const dup = run(db, ['add', '--email', 'ana@example.org', '--name', 'Ana'], 'another long password\n');
  t.equal(dup.status, 1);
  t.match(dup.stderr, /exists/);
  const short = run(db, ['add', '--email', 'b@example.org', '--name', 'B'], 'short\n');
  t.equal(short.status, 1);
  t.match(short.stderr, /password: must be at least 12 characters/);
  const passwd = run(db, ['passwd', '--email', 'ana@example.org'], 'a brand new password\n');
  t.equal(passwd.status, 0, passwd.stderr);
  t.not((conn.prepare('SELECT password_hash FROM users').get() as { password_hash: string }).password_hash, row.password_hash);
  const usage = run(db, ['add', '--email', 'x@example.org'], '');
  t.equal(usage.status, 2);
  t.match(usage.stderr, /usage/);
});
