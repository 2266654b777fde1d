import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { gzipSync } from 'node:zlib';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this answer may be kept by the page cache; a handler clears it to keep an answer out. */
    pageCacheKey: string | null;
  }
}

/**
 * The public pages and JSON twins whose answers depend only on the records, the reader's language and the
 * URL: they are kept in memory (and gzipped once) until the next write. Forms, tracking pages and curation
 * screens are not listed: they carry CSRF tokens or private data.
 */
export const CACHEABLE_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/countries',
  '/countries/:code',
  '/api/countries',
  '/api/countries/:code',
  '/pillars',
  '/pillars/:id',
  '/api/pillars',
  '/api/pillars/:id',
  '/partners',
  '/partners/:id',
  '/api/partners',
  '/api/partners/:id',
  '/practices/:slug',
  '/api/practices/:slug',
  '/alliances',
  '/api/alliances',
  '/search',
  '/api/search',
]);

interface Rendered {
  type: string;
  body: string;
  gzip: Buffer;
}

const acceptsGzip = (request: FastifyRequest) =>
  !!request.headers['accept-encoding'] && new Negotiator(request).encoding(['gzip', 'identity']) === 'gzip';

/**
 * Rendered-answer cache for anonymous readers: keyed by the search index version (which changes with every
 * write to a record, in this process or another), the reader's language and the URL, so an answer is never
 * stale. Only 200 answers of {@link CACHEABLE_ROUTES} to GET requests without a curator session are kept.
 * Clients that accept gzip (every browser) get the bytes compressed once, when kept.
 */
export const pageCachePlugin = fp<{ maxBytes?: number }>(
  async (app, opts) => {
    const cache = new LRUCache<string, Rendered>({
      max: 2000,
      maxSize: opts.maxBytes ?? 128 * 2 ** 20,
      sizeCalculation: (r) => r.body.length + r.gzip.length || 1,
    });
    const send = (request: FastifyRequest, reply: FastifyReply, r: Rendered) => {
      reply.type(r.type).header('vary', 'Accept-Language, Cookie, Accept-Encoding');
      return acceptsGzip(request) ? reply.header('content-encoding', 'gzip').send(r.gzip) : reply.send(r.body);
    };
    app.decorateRequest('pageCacheKey', null);
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' || !CACHEABLE_ROUTES.has(request.routeOptions.url ?? '') || request.cookies?.puente_session) return;
      const key = `${app.services.embeddedSearch.version()}|${request.lang}|${request.url}`;
      const hit = cache.get(key);
      if (hit) return send(request, reply, hit);
      request.pageCacheKey = key;
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.pageCacheKey;
      if (!key || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie')) return payload;
      const r: Rendered = { type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), body: payload, gzip: gzipSync(payload) };
      cache.set(key, r);
      reply.header('vary', 'Accept-Language, Cookie, Accept-Encoding');
      if (!acceptsGzip(request)) return payload;
      reply.header('content-encoding', 'gzip');
      return r.gzip;
    });
  },
  { name: 'puente-page-cache', dependencies: ['puente-i18n', 'puente-services'] },
);
