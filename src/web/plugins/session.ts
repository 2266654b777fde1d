import fastifySession from '@fastify/session';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, Role } from '../../domain/curation.js';
import type { UserStore } from '../../storage/sqlite/user-store.js';
import { urls } from '../urls.js';
import { isApiRequest } from './errors.js';

/** The curators' session cookie. */
export const SESSION_COOKIE = 'puente_session';

/** Lifetime of a session from login, in milliseconds (8 hours: a working day; not extended by activity). */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

declare module 'fastify' {
  interface Session {
    /** The logged-in curator or admin (set once, at login, on a regenerated session). */
    userId?: number;
  }
  interface FastifyRequest {
    /** Who is asking: a curator or admin with a valid session whose account is active, else anonymous. */
    actor: Actor;
    /** The logged-in account as pages show it (header, review page), or null. */
    account: { id: number; name: string; email: string; role: Role } | null;
    /** A CSRF token for the layout's logout form (logged-in users only), else null. */
    layoutCsrf: (() => string) | null;
  }
}

export interface SessionPluginOptions {
  /** Signs the session cookie (COOKIE_SECRET, at least 32 characters). */
  secret: string;
  /** The cookie's `Secure` attribute (COOKIE_SECURE). */
  secure: boolean;
}

/**
 * The CSRF secret cookie of @fastify/csrf-protection as app.ts configures it (default name `_csrf`, signed,
 * httpOnly, SameSite=Lax, `secure: 'auto'`).
 */
const CSRF_COOKIE = '_csrf';
const CSRF_COOKIE_OPTIONS = { path: '/', signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/**
 * Gives the request a fresh CSRF secret (cookie set on the reply and visible to later `reply.generateCsrf()`
 * calls of the same request, so every token of a page matches the one secret the browser keeps).
 * Used at login (a new secret with the new session) and when a logged-in user's browser lost the secret
 * cookie (it lasts the browser session, the login 8 hours): without it, two `generateCsrf()` calls in one
 * request would each create a secret and the first token would never verify.
 */
export function issueCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  const secret = randomBytes(18).toString('base64url');
  reply.setCookie(CSRF_COOKIE, secret, CSRF_COOKIE_OPTIONS);
  request.cookies[CSRF_COOKIE] = reply.signCookie(secret);
}

const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' }) as Actor;

/**
 * @fastify/session's callback-style store over the user store's `sessions` table (server-side sessions:
 * destroying one ends it whatever cookie a browser still holds). The stored data is the session object
 * as JSON (`{ userId, cookie }`); its expiry is the cookie's (`SESSION_MAX_AGE_MS` from login).
 */
export function sqliteSessionStore(sessions: UserStore['sessions']) {
  return {
    get(id: string, callback: (err: unknown, session?: never | null) => void) {
      try {
        callback(null, sessions.get(id) as never);
      } catch (err) {
        callback(err);
      }
    },
    set(id: string, session: { cookie?: { expires?: Date | null } }, callback: (err?: unknown) => void) {
      try {
        const expires = session.cookie?.expires instanceof Date ? session.cookie.expires : new Date(Date.now() + SESSION_MAX_AGE_MS);
        sessions.set(id, session, expires.toISOString());
        callback();
      } catch (err) {
        callback(err);
      }
    },
    destroy(id: string, callback: (err?: unknown) => void) {
      try {
        sessions.destroy(id);
        callback();
      } catch (err) {
        callback(err);
      }
    },
  };
}

/**
 * Sessions of curators and admins: @fastify/session with the SQLite store, cookie `puente_session`
 * (signed, httpOnly, SameSite=Lax, `Secure` from config, 8 hours, not saved for anonymous visitors), and
 * `request.actor` / `request.account` on every request. Needs @fastify/cookie and the services plugin.
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app, opts) => {
    await app.register(fastifySession, {
      secret: opts.secret,
      cookieName: SESSION_COOKIE,
      store: sqliteSessionStore(app.services.users.sessions),
      saveUninitialized: false,
      rolling: false,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure, maxAge: SESSION_MAX_AGE_MS },
    });
    app.decorateRequest('actor', null as never);
    app.decorateRequest('account', null);
    app.decorateRequest('layoutCsrf', null);
    app.addHook('onRequest', async (request, reply) => {
      request.actor = ANONYMOUS;
      request.account = null;
      request.layoutCsrf = null;
      const userId = request.session?.userId;
      if (typeof userId !== 'number') return;
      const user = app.services.auth.userById(userId);
      if (!user) return;
      request.actor = { kind: 'user', id: user.id, role: user.role, email: user.email };
      request.account = { id: user.id, name: user.name, email: user.email, role: user.role };
      const secretCookie = request.cookies[CSRF_COOKIE];
      if (!secretCookie || !request.unsignCookie(secretCookie).valid) issueCsrfSecret(request, reply);
      request.layoutCsrf = () => reply.generateCsrf();
    });
  },
  { name: 'puente-session', dependencies: ['@fastify/cookie', 'puente-services'] },
);

/**
 * An `onRequest` hook admitting only users with one of `roles`: anonymous visitors are sent to the login
 * page (303, `?next=` the page for GET and HEAD) or get 401 JSON under `/api`; users of another role get 403.
 */
export function requireRole(roles: readonly Role[]): onRequestAsyncHookHandler {
  return async function guard(this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const actor = request.actor;
    if (actor.kind === 'user' && roles.includes(actor.role)) return;
    const api = isApiRequest(request);
    if (actor.kind !== 'user') {
      if (api) {
        return reply.code(401).type('application/json; charset=utf-8').send({ error: 'unauthorized', message: request.t('auth.required') });
      }
      return reply.redirect(urls.login(request.method === 'GET' || request.method === 'HEAD' ? request.url : undefined), 303);
    }
    if (api) {
      return reply.code(403).type('application/json; charset=utf-8').send({ error: 'forbidden', message: request.t('auth.forbidden.body') });
    }
    const html = await reply.page('pages/auth/forbidden', {}, { title: request.t('auth.forbidden.title'), section: 'curation', status: 403, noindex: true });
    return reply.send(html);
  };
}
