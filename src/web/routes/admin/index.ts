import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import { requireRole } from '../../plugins/session.js';
import { accountsView } from '../../presenters/curation-presenter.js';
import { urls } from '../../urls.js';
import { presenterContext } from '../context.js';
import { AdminQuery, NewAccountBody, RoleBody, StatusBody, UserParams } from './schemas.js';

interface AccountsRender {
  status?: number;
  created?: { email: string; password: string } | null;
  error?: string | null;
  values?: { email: string; name: string; role: string };
  done?: string | null;
}

/**
 * `/admin/users` (admins only; curators get 403, anonymous visitors the login page): the accounts, a form
 * creating one with a temporary password shown once, role changes, disable / enable (disabling ends the
 * account's sessions at once). Every change is in the audit log.
 */
export async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole(['admin']));
  const accounts = () => app.services.accounts;

  const render = (request: FastifyRequest, reply: FastifyReply, r: AccountsRender = {}) => {
    const view = accountsView(presenterContext(app, request), {
      accounts: accounts().list(),
      me: request.account!.id,
      csrf: reply.generateCsrf(),
      created: r.created ?? null,
      error: r.error ?? null,
      values: r.values ?? { email: '', name: '', role: 'curator' },
      done: r.done ?? null,
    });
    reply.header('cache-control', 'no-store');
    return reply.page('pages/admin/users', { admin: view }, { title: request.t('admin.title'), section: 'curation', status: r.status, noindex: true });
  };

  /** A refused change in the reader's language. */
  const problem = (request: FastifyRequest, err: unknown): { status: number; message: string } | null => {
    const t = request.t;
    if (err instanceof ValidationError) {
      const i = err.issues[0];
      const field = i?.path === 'email' ? 'email' : i?.path === 'name' ? 'name' : i?.path === 'role' ? 'role' : 'other';
      return { status: 400, message: t(`admin.errors.${field}`) };
    }
    if (err instanceof DomainError) {
      if (err.status === 409 && (err.details as { reason?: string } | undefined)?.reason === 'self') return { status: 409, message: t('admin.errors.self') };
      if (err.status === 409) return { status: 409, message: t('admin.errors.exists') };
      if (err.status === 400) return { status: 400, message: t('admin.errors.role') };
      if (err.status === 404) return null;
      return { status: err.status, message: err.message };
    }
    return null;
  };

  app.get('/admin/users', { schema: { querystring: AdminQuery } }, async (request, reply) => render(request, reply, { done: request.query.done ?? null }));

  app.post('/admin/users', { schema: { body: NewAccountBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { _csrf, ...values } = request.body;
    try {
      const { account, temporaryPassword } = await accounts().create(values, request.actor);
      request.log.info({ userId: account.id }, 'account created');
      // Shown once, on this answer (no redirect: the password is not kept anywhere).
      return render(request, reply, { created: { email: account.email, password: temporaryPassword }, status: 201 });
    } catch (err) {
      const p = problem(request, err);
      if (!p) throw err;
      return render(request, reply, { error: p.message, values, status: p.status });
    }
  });

  app.post('/admin/users/:id/role', { schema: { params: UserParams, body: RoleBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    try {
      accounts().setRole(request.params.id, request.body.role, request.actor);
    } catch (err) {
      const p = problem(request, err);
      if (!p) throw err;
      return render(request, reply, { error: p.message, status: p.status });
    }
    return reply.redirect(`${urls.adminUsers()}?done=role`, 303);
  });

  app.post('/admin/users/:id/status', { schema: { params: UserParams, body: StatusBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    const disabled = request.body.disabled === '1';
    try {
      accounts().setDisabled(request.params.id, disabled, request.actor);
    } catch (err) {
      const p = problem(request, err);
      if (!p) throw err;
      return render(request, reply, { error: p.message, status: p.status });
    }
    return reply.redirect(`${urls.adminUsers()}?done=${disabled ? 'disabled' : 'enabled'}`, 303);
  });
}
