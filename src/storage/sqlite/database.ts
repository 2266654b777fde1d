import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIGRATIONS_DIR } from '../../paths.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating if needed) the SQLite file at `path` (`:memory:` allowed) with Puente's pragmas:
 * WAL journal, foreign keys on, busy_timeout 5000 ms, synchronous NORMAL (safe with WAL).
 * Creates the parent folder. Does not migrate: call {@link migrate}.
 */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lists `NNN-name.sql` files of `dir` in version order. Versions must be 1, 2, 3... without gaps. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected version ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction that also
 * bumps user_version, so a failed migration leaves the database at the previous version.
 * @returns the versions applied (empty when up to date).
 * @throws if the database is newer than this code (user_version above the last migration).
 */
export function migrate(db: SqliteDatabase, migrations: Migration[] = loadMigrations()): number[] {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  const current = version();
  if (current > latest) throw new Error(`database schema version ${current} is newer than this code (${latest})`);
  // Each step reads user_version again inside a write (IMMEDIATE) transaction: two processes starting on
  // the same file at once take turns (busy_timeout), and the second finds the step done.
  const step = db.transaction((m: Migration): boolean => {
    if (version() >= m.version) return false;
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
    return true;
  });
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version > current && step.immediate(m)) applied.push(m.version);
  }
  return applied;
}
