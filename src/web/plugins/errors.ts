import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { VIEWS_DIR } from '../../paths.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers with an error page (or JSON under /api) exactly like the error handler does. */
    sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): Promise<unknown>;
  }
}

/** Error pages resolve `errors/<status>` -> `errors/4xx` -> `errors/error`. */
function errorTemplate(status: number): string {
  for (const name of [String(status), status < 500 ? '4xx' : '5xx', 'error']) {
    if (existsSync(join(VIEWS_DIR, 'errors', `${name}.hbs`))) return `errors/${name}`;
  }
  return 'errors/error';
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

interface Normalized {
  status: number;
  code: string;
  message: string;
  issues?: unknown;
}

function normalize(err: FastifyError | Error, request: FastifyRequest): Normalized {
  if (err instanceof DomainError) return { status: err.status, code: err.code, message: err.message, issues: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    return { status: 400, code: 'validation_failed', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
  }
  const status = (err as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: (err as FastifyError).code?.toLowerCase() ?? 'bad_request', message: err.message };
  }
  request.log.error({ err }, 'unhandled error');
  return { status: 500, code: 'internal', message: 'Something went wrong on our side; the error was logged.' };
}

/**
 * The one error handler: domain errors, validation errors and 4xx from Fastify keep their status;
 * anything else is logged with the request id and shown as a generic 500. `/api/*` answers JSON
 * `{ error, message, issues? }`; pages render an error template in the reader's language.
 */
export const errorsPlugin = fp(
  async (app) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, n: Normalized) => {
      reply.code(n.status);
      if (isApiRequest(request)) {
        return reply.type('application/json; charset=utf-8').send({ error: n.code, message: n.message, ...(n.issues ? { issues: n.issues } : {}) });
      }
      const t = request.t;
      const title = n.status === 404 ? t('errors.notFound.title') : n.status >= 500 ? t('errors.server.title') : t('errors.client.title');
      const html = await app.renderPage(request, errorTemplate(n.status), { status: n.status, message: n.status >= 500 ? null : n.message }, { title, section: 'error' });
      return reply.type('text/html; charset=utf-8').send(html);
    };
    app.decorate('sendError', (request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) =>
      render(request, reply, { status, code, message }),
    );
    app.setErrorHandler(async (err, request, reply) => render(request, reply, normalize(err as FastifyError, request)));
    app.setNotFoundHandler(async (request, reply) => {
      const e = new NotFoundError('page', request.url);
      return render(request, reply, { status: 404, code: e.code, message: e.message });
    });
  },
  { name: 'puente-errors', dependencies: ['puente-view'] },
);
