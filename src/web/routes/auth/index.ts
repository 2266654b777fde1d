import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { issueCsrfSecret, SESSION_COOKIE } from '../../plugins/session.js';
import { urls } from '../../urls.js';
import { LoginBody, LoginQuery, LogoutBody, safeNextPath } from './schemas.js';

/** Login attempts accepted per client IP in {@link LOGIN_WINDOW} (on top of the auth service's per-account limit). */
export const LOGIN_ATTEMPTS_PER_IP = 20;
export const LOGIN_WINDOW = '15 minutes';

/**
 * `/login` and `/logout` of curators and admins. A failed login answers 401 with one message whether the
 * e-mail or the password was wrong; too many attempts answer 429 with their own message. A successful
 * login regenerates the session (new id: no session fixation) and the CSRF secret, then redirects (303)
 * to `next` when it is a same-origin path, else to `/curation`. Logout destroys the session server-side.
 */
export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // @fastify/rate-limit, per IP, counted on every POST /login (checked after the CSRF token).
  const limiter = app.createRateLimit({ max: LOGIN_ATTEMPTS_PER_IP, timeWindow: LOGIN_WINDOW });

  const render = (request: FastifyRequest, reply: FastifyReply, state: { email?: string; next?: string; error?: 'invalid' | 'rate_limited'; status?: number }) => {
    reply.header('cache-control', 'no-store');
    const t = request.t;
    return reply.page(
      'pages/auth/login',
      {
        action: urls.login(),
        csrf: reply.generateCsrf(),
        email: state.email ?? '',
        next: state.next ?? '',
        error: state.error === 'rate_limited' ? t('auth.login.rateLimited') : state.error === 'invalid' ? t('auth.login.invalid') : null,
        rateLimited: state.error === 'rate_limited',
      },
      { title: t('auth.login.title'), section: 'login', status: state.status, noindex: true },
    );
  };

  app.get('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const next = safeNextPath(request.query.next) ?? '';
    if (request.actor.kind === 'user') return reply.redirect(next || urls.curation(), 303);
    return render(request, reply, { next });
  });

  app.post('/login', { schema: { body: LoginBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { email, password, next } = request.body;
    const nextPath = safeNextPath(next) ?? '';
    const limit = await limiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(Math.max(1, limit.ttlInSeconds)));
      return render(request, reply, { email, next: nextPath, error: 'rate_limited', status: 429 });
    }
    const result = await app.services.auth.login(email, password, request.ip);
    if (!result.ok) {
      request.log.info({ reason: result.reason }, 'login refused');
      return render(request, reply, { email, next: nextPath, error: result.reason, status: result.reason === 'rate_limited' ? 429 : 401 });
    }
    // A new session id for the logged-in session (session fixation), and a new CSRF secret with it.
    await request.session.regenerate();
    request.session.userId = result.user.id;
    issueCsrfSecret(request, reply);
    request.log.info({ userId: result.user.id }, 'logged in');
    return reply.redirect(nextPath || urls.curation(), 303);
  });

  app.post('/logout', { schema: { body: LogoutBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.session?.userId !== undefined) request.log.info({ userId: request.session.userId }, 'logged out');
    if (request.session) await request.session.destroy();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(urls.home(), 303);
  });
}
