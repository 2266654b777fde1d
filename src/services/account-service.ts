import { randomBytes } from 'node:crypto';
import { ROLES, type Actor, type Role } from '../domain/curation.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import type { Clock } from '../domain/ports.js';
import type { CurationStore } from '../storage/sqlite/curation-store.js';
import type { User, UserStore } from '../storage/sqlite/user-store.js';
import type { AuthService } from './auth-service.js';

/** An account as the admin screen shows it (no password hash). */
export type Account = Omit<User, 'passwordHash'>;

const toAccount = ({ passwordHash: _h, ...rest }: User): Account => rest;

/**
 * Account administration for admins (the `/admin/users` screen): list, create with a temporary password,
 * change role, disable and enable. Every change lands in the append-only audit log (actions
 * `account-create`, `account-role`, `account-disable`, `account-enable`; details name the account).
 * Admins cannot demote or disable themselves (so that an admin always remains).
 */
export function createAccountService(deps: {
  users: UserStore;
  auth: AuthService;
  curation: CurationStore;
  clock: Clock;
  /** Runs `fn` in one SQLite transaction (the practice store's). */
  transaction: <T>(fn: () => T) => T;
}) {
  const { users, curation, clock, transaction } = deps;

  function requireAdmin(actor: Actor): Extract<Actor, { kind: 'user' }> {
    if (actor.kind !== 'user' || actor.role !== 'admin') throw new DomainError('bad_request', 403, 'only admins manage accounts');
    return actor;
  }
  function load(id: number): User {
    const u = users.findById(id);
    if (!u) throw new NotFoundError('page', `user ${id}`);
    return u;
  }
  function audit(actor: Extract<Actor, { kind: 'user' }>, action: string, details: Record<string, unknown>) {
    curation.audit({ at: clock.now(), actorKind: 'user', actorId: actor.id, actorEmail: actor.email, action, practiceId: null, slug: null, fromStatus: null, toStatus: null, details });
  }
  function notSelf(actor: Extract<Actor, { kind: 'user' }>, u: User, what: string) {
    if (actor.id === u.id) throw new DomainError('conflict', 409, `you cannot ${what} your own account`, { reason: 'self' });
  }

  return {
    list: (): Account[] => users.list().map(toAccount),

    /**
     * Creates an account with a random temporary password (24 characters, 144 bits), returned once so the
     * admin can hand it over; the person changes it with `npm run user:passwd`.
     * @throws ValidationError (bad e-mail, name or role), DomainError 409 (the e-mail exists), 403 (not an admin).
     */
    async create(input: { email: string; name: string; role: string }, actor: Actor): Promise<{ account: Account; temporaryPassword: string }> {
      const admin = requireAdmin(actor);
      const temporaryPassword = randomBytes(18).toString('base64url');
      const user = await deps.auth.createUser({ ...input, password: temporaryPassword });
      audit(admin, 'account-create', { email: user.email, role: user.role });
      return { account: toAccount(user), temporaryPassword };
    },

    /** @throws DomainError 400 (unknown role), 403, 404, 409 (own account). */
    setRole(id: number, role: string, actor: Actor): Account {
      const admin = requireAdmin(actor);
      if (!(ROLES as readonly string[]).includes(role)) throw new DomainError('bad_request', 400, `role must be one of ${ROLES.join(', ')}`);
      const u = load(id);
      notSelf(admin, u, 'change the role of');
      if (u.role !== role) {
        transaction(() => {
          users.setRole(u.id, role as Role);
          audit(admin, 'account-role', { email: u.email, from: u.role, to: role });
        });
      }
      return toAccount(load(id));
    },

    /** Disables (ending every session of the account at once) or enables an account. @throws 403, 404, 409. */
    setDisabled(id: number, disabled: boolean, actor: Actor): Account {
      const admin = requireAdmin(actor);
      const u = load(id);
      notSelf(admin, u, disabled ? 'disable' : 'enable');
      if (!!u.disabledAt !== disabled) {
        transaction(() => {
          users.setDisabled(u.id, disabled);
          if (disabled) users.sessions.destroyForUser(u.id);
          audit(admin, disabled ? 'account-disable' : 'account-enable', { email: u.email });
        });
      }
      return toAccount(load(id));
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
