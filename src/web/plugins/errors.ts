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

/**
 * Errors of ecosystem plugins, by code, with the status and stable code Puente answers and the catalog
 * key of the message (the plugins' own messages are English and technical).
 */
const PLUGIN_ERRORS: Readonly<Record<string, { status: number; code: string; messageKey: string }>> = {
  // @fastify/csrf-protection: no secret cookie, or a missing or wrong token.
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'csrf_invalid', messageKey: 'errors.forbidden.body' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'csrf_invalid', messageKey: 'errors.forbidden.body' },
  // Body over the route's bodyLimit; multipart limits (file size, number of files and fields).
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', messageKey: 'errors.tooLarge.body' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'payload_too_large', messageKey: 'errors.tooLarge.body' },
  FST_FILES_LIMIT: { status: 413, code: 'payload_too_large', messageKey: 'errors.tooLarge.body' },
  FST_FIELDS_LIMIT: { status: 413, code: 'payload_too_large', messageKey: 'errors.tooLarge.body' },
  FST_PARTS_LIMIT: { status: 413, code: 'payload_too_large', messageKey: 'errors.tooLarge.body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', messageKey: 'errors.unsupportedType.body' },
};

/** Page titles of the statuses that have their own (others: the generic client or server title). */
const TITLE_KEYS: Readonly<Record<number, string>> = {
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  413: 'errors.tooLarge.title',
  415: 'errors.unsupportedType.title',
  429: 'errors.tooMany.title',
};

function normalize(err: FastifyError | Error, request: FastifyRequest): Normalized {
  const known = PLUGIN_ERRORS[(err as FastifyError).code ?? ''];
  if (known) return { status: known.status, code: known.code, message: request.t(known.messageKey) };
  if ((err as FastifyError).statusCode === 429) return { status: 429, code: 'rate_limited', message: request.t('errors.tooMany.body') };
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
      const title = TITLE_KEYS[n.status] ? t(TITLE_KEYS[n.status]!) : n.status >= 500 ? t('errors.server.title') : t('errors.client.title');
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
