import argon2 from 'argon2';
import { z } from 'zod';
import { DomainError, ValidationError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/curation.js';
import type { Clock, Log } from '../domain/ports.js';
import type { User, UserStore } from '../storage/sqlite/user-store.js';

/** Password rules: at least 12 characters, at most 512 (argon2 input), any characters. */
export const MIN_PASSWORD_LENGTH = 12;

/** Failed logins tolerated in the window before further attempts are refused (per account / per address). */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const NewUser = z.object({
  email: z.email({ message: 'must be an e-mail address' }).max(320),
  name: z.string().trim().min(1, 'is required').max(200),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(512),
});

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'rate_limited' };

/**
 * Accounts of curators and admins: argon2id password hashes (OWASP's recommended algorithm; the argon2
 * package's defaults: m=64 MiB, t=3, p=4), login with per-account and per-address limits, and the same
 * answer for an unknown e-mail and a wrong password (a dummy verification keeps the timing alike).
 */
export function createAuthService(deps: { users: UserStore; clock: Clock; log: Log }) {
  const { users, clock } = deps;
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= argon2.hash('not-a-real-password-' + Math.random(), { type: argon2.argon2id }));

  return {
    /** @throws ValidationError for bad fields, DomainError 409 `conflict` when the e-mail exists. */
    async createUser(input: { email: string; name: string; role: string; password: string }): Promise<User> {
      const parsed = NewUser.safeParse(input);
      if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      if (users.findByEmail(parsed.data.email)) throw new DomainError('conflict', 409, `a user with e-mail ${parsed.data.email} exists`);
      const passwordHash = await argon2.hash(parsed.data.password, { type: argon2.argon2id });
      return users.insert({ email: parsed.data.email, name: parsed.data.name, role: parsed.data.role as Role, passwordHash });
    },

    /** Sets a new password and ends the user's sessions. @throws ValidationError, NotFound-like DomainError. */
    async setPassword(email: string, password: string): Promise<User> {
      const user = users.findByEmail(email);
      if (!user) throw new DomainError('not_found', 404, `no user with e-mail ${email}`);
      const p = NewUser.shape.password.safeParse(password);
      if (!p.success) throw new ValidationError([{ path: 'password', message: p.error.issues[0]!.message }]);
      users.setPassword(user.id, await argon2.hash(password, { type: argon2.argon2id }));
      users.sessions.destroyForUser(user.id);
      return user;
    },

    /**
     * Checks a login. Refuses (`rate_limited`) after 5 failures for the account or 20 for the address in
     * 15 minutes, without checking the password. Wrong e-mail and wrong password both answer `invalid`.
     */
    async login(email: string, password: string, ip: string): Promise<LoginResult> {
      const since = new Date(Date.parse(clock.now()) - LOGIN_WINDOW_MS).toISOString();
      const failures = users.failuresSince(email, ip, since);
      if (failures.email >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP) {
        deps.log.warn({ ip }, 'login rate limited');
        return { ok: false, reason: 'rate_limited' };
      }
      const user = users.findByEmail(email);
      const hash = user && !user.disabledAt ? user.passwordHash : await dummy();
      const valid = await argon2.verify(hash, password.slice(0, 512)).catch(() => false);
      if (!user || user.disabledAt || !valid) {
        users.recordFailure(email, ip);
        return { ok: false, reason: 'invalid' };
      }
      users.clearFailures(email);
      return { ok: true, user };
    },

    /** The active user behind a session's user id, or null (unknown or disabled). */
    userById(id: number): User | null {
      const u = users.findById(id);
      return u && !u.disabledAt ? u : null;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
