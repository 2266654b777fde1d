import type { Clock } from '../../domain/ports.js';
import type { Role } from '../../domain/curation.js';
import type { SqliteDatabase } from './database.js';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

/** Accounts, login failures (for rate limiting) and server-side sessions. */
export interface UserStore {
  insert(u: { email: string; name: string; role: Role; passwordHash: string }): User;
  findByEmail(email: string): User | null;
  findById(id: number): User | null;
  list(): User[];
  setPassword(id: number, passwordHash: string): void;
  setRole(id: number, role: Role): void;
  setDisabled(id: number, disabled: boolean): void;
  recordFailure(email: string, ip: string): void;
  /** Failures since `sinceIso` for this e-mail and for this address. */
  failuresSince(email: string, ip: string, sinceIso: string): { email: number; ip: number };
  clearFailures(email: string): void;
  sessions: {
    get(id: string): unknown | null;
    set(id: string, data: unknown, expiresAt: string): void;
    destroy(id: string): void;
    /** Ends every session of a user (password change, disabled account). */
    destroyForUser(userId: number): void;
  };
}

export function createSqliteUserStore(db: SqliteDatabase, clock: Clock): UserStore {
  const insert = db.prepare('INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES (@email, @name, @role, @passwordHash, @now, @now)');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const all = db.prepare('SELECT * FROM users ORDER BY email');
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?');
  const setRole = db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?');
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?');
  const addFailure = db.prepare('INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)');
  const pruneFailures = db.prepare("DELETE FROM login_failures WHERE at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-1 day')");
  const countEmail = db.prepare('SELECT count(*) FROM login_failures WHERE email = ? AND at >= ?').pluck();
  const countIp = db.prepare('SELECT count(*) FROM login_failures WHERE ip = ? AND at >= ?').pluck();
  const clearFailures = db.prepare('DELETE FROM login_failures WHERE email = ?');
  const sessionGet = db.prepare('SELECT data, expires_at FROM sessions WHERE id = ?');
  const sessionSet = db.prepare('INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at');
  const sessionDestroy = db.prepare('DELETE FROM sessions WHERE id = ?');
  const sessionPrune = db.prepare('DELETE FROM sessions WHERE expires_at < ?');
  const sessionsOfUser = db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.userId') = ?");
  return {
    insert(u) {
      const id = Number(insert.run({ ...u, email: u.email.trim().toLowerCase(), now: clock.now() }).lastInsertRowid);
      return toUser(byId.get(id) as UserRow);
    },
    findByEmail(email) {
      const r = byEmail.get(email.trim().toLowerCase()) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    findById(id) {
      const r = byId.get(id) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    list: () => (all.all() as UserRow[]).map(toUser),
    setPassword: (id, hash) => void setPassword.run(hash, clock.now(), id),
    setRole: (id, role) => void setRole.run(role, clock.now(), id),
    setDisabled: (id, disabled) => void setDisabled.run(disabled ? clock.now() : null, clock.now(), id),
    recordFailure(email, ip) {
      const now = clock.now();
      pruneFailures.run(now);
      addFailure.run(email.trim().toLowerCase(), ip, now);
    },
    failuresSince(email, ip, since) {
      return { email: countEmail.get(email.trim().toLowerCase(), since) as number, ip: countIp.get(ip, since) as number };
    },
    clearFailures: (email) => void clearFailures.run(email.trim().toLowerCase()),
    sessions: {
      get(id) {
        const r = sessionGet.get(id) as { data: string; expires_at: string } | undefined;
        if (!r) return null;
        if (r.expires_at < clock.now()) {
          sessionDestroy.run(id);
          return null;
        }
        return JSON.parse(r.data) as unknown;
      },
      set(id, data, expiresAt) {
        sessionPrune.run(clock.now());
        sessionSet.run(id, JSON.stringify(data), expiresAt);
      },
      destroy: (id) => void sessionDestroy.run(id),
      destroyForUser: (userId) => void sessionsOfUser.run(userId),
    },
  };
}
