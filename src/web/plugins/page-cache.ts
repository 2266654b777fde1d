import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isUi, LANG_COOKIE, negotiateLanguage } from './i18n.js';
import { SESSION_COOKIE } from './session.js';

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

/** A kept answer: the headers it was sent with (security headers included) and its body, gzipped. */
interface Rendered {
  headers: Record<string, string | string[]>;
  gzip: Buffer;
}

/** URLs longer than this (path and query, in characters) are never kept: real links are far shorter. */
export const MAX_CACHED_URL_LENGTH = 2048;

/** Bytes an entry holds besides its gzip bytes: its key and headers, as UTF-16 strings, plus object overhead. */
function entryBytes(key: string, r: Rendered): number {
  let n = 2 * key.length + 200;
  for (const [name, value] of Object.entries(r.headers)) n += 2 * (name.length + String(value).length) + 32;
  return n + r.gzip.byteLength;
}

/** A short fingerprint of a cache key (SHA-256, 16 bytes, base64url): what the admission filter remembers. */
const fingerprint = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 22);

/** gzip level of kept answers (sent many times: worth the best ratio) and of answers sent once (fast). */
const KEPT_GZIP_LEVEL = 6;
const ONCE_GZIP_LEVEL = 1;

/** Headers that belong to one sending, not to the answer: never replayed. */
const PER_SENDING_HEADERS = new Set(['content-length', 'content-encoding', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

const parseCookie = fastifyCookie.parse;

const acceptsGzip = (request: FastifyRequest) =>
  !!request.headers['accept-encoding'] && new Negotiator(request).encoding(['gzip', 'identity']) === 'gzip';

declare module 'fastify' {
  interface FastifyInstance {
    /** The page cache's store (created by {@link pageCachePlugin}, filled by {@link pageCacheStorePlugin}). */
    pageCache: LRUCache<string, Rendered>;
    /** Fingerprints of keys asked for once and not kept yet (the cache's admission filter). */
    pageCacheSeen: LRUCache<string, true>;
  }
}

/**
 * Rendered-answer cache for anonymous readers, part 1: creates the cache and answers hits. Register it
 * right after the services and before every other plugin that adds hooks: a hit is answered in the first
 * `onRequest` hook, with the headers the answer was first sent with (helmet's security headers, Vary,
 * Content-Language), so it costs no more than a bare route sending the same bytes.
 *
 * Answers are keyed by the search version (services' `searchVersion`, which changes with every write to a
 * record, in this process or another), the reader's language and the URL, so a kept answer is never
 * stale. Only GET
 * and HEAD requests of {@link CACHEABLE_ROUTES} without a curator session cookie, with URLs of at most
 * {@link MAX_CACHED_URL_LENGTH} characters, are answered from the cache; a request whose `?lang=` would
 * set the language cookie goes through the app. `enabled: false` (VIEW_CACHE=false, while editing
 * templates) turns the cache off.
 *
 * Admission: an answer is kept the second time its key is asked for (the first time, only the key is
 * remembered, as a 16-byte fingerprint). Faceted search has a combinatorial URL space that crawlers walk;
 * answers asked for once would otherwise push the popular pages out and cost a best-ratio gzip each.
 *
 * Kept answers are stored gzipped only (level 6), and sent as is to clients that accept gzip (every
 * browser), decompressed for the others. Answers sent without being kept are gzipped at level 1.
 */
export const pageCachePlugin = fp<{ maxBytes?: number; enabled?: boolean }>(
  async (app, opts) => {
    const cache = new LRUCache<string, Rendered>({
      max: 2000,
      maxSize: opts.maxBytes ?? 128 * 2 ** 20,
      sizeCalculation: (r, key) => entryBytes(key, r),
    });
    app.decorate('pageCache', cache);
    app.decorate('pageCacheSeen', new LRUCache<string, true>({ max: 20_000 }));
    app.decorateRequest('pageCacheKey', null);
    if (opts.enabled === false) return;
    app.addHook('onRequest', (request, reply, done) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !cacheable(request)) return done();
      const cookies = request.headers.cookie ? parseCookie(request.headers.cookie) : {};
      if (cookies[SESSION_COOKIE]) return done();
      const q = (request.query as Record<string, unknown> | undefined)?.lang;
      if (isUi(q) && cookies[LANG_COOKIE] !== q) return done();
      const lang = negotiateLanguage(q, cookies[LANG_COOKIE], request.headers['accept-language']);
      const hit = cache.get(pageCacheKey(app, lang, request.url));
      if (!hit) return done();
      reply.headers(hit.headers);
      if (acceptsGzip(request)) reply.header('content-encoding', 'gzip').send(hit.gzip);
      else reply.send(gunzipSync(hit.gzip).toString('utf8'));
    });
  },
  { name: 'puente-page-cache', dependencies: ['puente-services'] },
);

/** A public route's request with a URL short enough to keep. */
const cacheable = (request: FastifyRequest) => request.url.length <= MAX_CACHED_URL_LENGTH && CACHEABLE_ROUTES.has(request.routeOptions.url ?? '');

/** The cache key of a page: search version, interface language and URL (path and query as requested). */
function pageCacheKey(app: FastifyInstance, lang: string, url: string): string {
  return `${app.services.searchVersion()}|${lang}|${url}`;
}

/**
 * Rendered-answer cache, part 2: keeps the 200 answers of cacheable requests. Register it after the
 * cookie, i18n and session plugins, so that a curator's session is known and cookies set by the app
 * are visible (an answer that sets a cookie is never kept).
 */
export const pageCacheStorePlugin = fp<{ enabled?: boolean }>(
  async (app, opts) => {
    if (opts.enabled === false) return;
    const { pageCache: cache, pageCacheSeen: seen } = app;
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'GET' || !cacheable(request) || request.cookies?.[SESSION_COOKIE]) return;
      // Read the version before rendering: a write during the render then keys the answer as already stale.
      request.pageCacheKey = pageCacheKey(app, request.lang, request.url);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.pageCacheKey;
      if (!key || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie')) return payload;
      reply.header('vary', 'Accept-Language, Cookie, Accept-Encoding');
      if (!reply.hasHeader('content-type')) reply.type('text/html; charset=utf-8');
      const gzip = acceptsGzip(request);
      let body: Buffer | null = null;
      const print = fingerprint(key);
      if (seen.has(print)) {
        seen.delete(print);
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined && !PER_SENDING_HEADERS.has(name)) headers[name] = typeof value === 'number' ? String(value) : value;
        }
        // A copy: gzipSync's result may be a slice of a larger buffer that would stay alive with it.
        body = Buffer.from(gzipSync(payload, { level: KEPT_GZIP_LEVEL }));
        cache.set(key, { headers, gzip: body });
      } else {
        seen.set(print, true);
        if (gzip) body = gzipSync(payload, { level: ONCE_GZIP_LEVEL });
      }
      if (!gzip || !body) return payload;
      reply.header('content-encoding', 'gzip');
      return body;
    });
  },
  { name: 'puente-page-cache-store', dependencies: ['puente-page-cache', 'puente-i18n', '@fastify/cookie'] },
);
