import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { gzipSync } from 'node:zlib';
import { parseQuery } from '../../../search/query-parser.js';
import type { SearchInput } from '../../../services/search-service.js';
import { searchJson, searchView } from '../../presenters/search-presenter.js';
import { presenterContext } from '../context.js';
import { SearchQuery } from './schemas.js';
import '@fastify/cookie';

/** A rendered answer kept for reuse: the body and its gzip encoding (compressed once, when cached). */
interface Rendered {
  type: string;
  body: string;
  gzip: Buffer;
}

/**
 * `/search` (results, facets, chips, pagination; works without JavaScript) and its JSON twin
 * `/api/search`, both from the same view model. Parameters and limits: ./schemas.ts.
 */
export async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { taxonomy, partners } = app.services;
  const parse = (q: string) => parseQuery(q, { taxonomy, partners });
  const view = async (request: FastifyRequest, input: SearchInput) =>
    searchView(presenterContext(app, request), await app.services.search.search(input), { parse });

  // Rendered answers of recent searches, keyed by the index version, the reader's language and the URL:
  // any write changes the version, so nothing stale is served. Signed-in curators (whose pages carry their
  // name and forms) and answers given by a fallback engine are never cached. A 60 KB results page is
  // about 10 KB gzipped: clients that accept gzip (every browser) get the bytes compressed at caching time.
  const rendered = new LRUCache<string, Rendered>({
    max: 500,
    maxSize: 96 * 2 ** 20,
    sizeCalculation: (r) => r.body.length + r.gzip.length || 1,
  });
  const cacheKey = (request: FastifyRequest) =>
    request.cookies?.puente_session ? null : `${app.services.embeddedSearch.version()}|${request.lang}|${request.url}`;
  const send = (request: FastifyRequest, reply: FastifyReply, r: Rendered) => {
    reply.type(r.type).header('vary', 'Accept-Language, Cookie, Accept-Encoding');
    if (request.headers['accept-encoding'] && new Negotiator(request).encoding(['gzip', 'identity']) === 'gzip') {
      return reply.header('content-encoding', 'gzip').send(r.gzip);
    }
    return reply.send(r.body);
  };
  const keep = (key: string, type: string, body: string): Rendered => {
    const r = { type, body, gzip: gzipSync(body, { level: 6 }) };
    rendered.set(key, r);
    return r;
  };

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const key = cacheKey(request);
    const hit = key ? rendered.get(`html|${key}`) : undefined;
    if (hit) return send(request, reply, hit);
    const v = await view(request, request.query);
    const title = v.q.trim() ? request.t('search.titleQuery', { q: v.qShort }) : request.t('search.title');
    const html = await reply.page('pages/search/index', v, { title, section: 'search' });
    if (key && !v.engineNotice) return send(request, reply, keep(`html|${key}`, 'text/html; charset=utf-8', html));
    return html;
  });
  app.get('/api/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const key = cacheKey(request);
    const hit = key ? rendered.get(`json|${key}`) : undefined;
    if (hit) return send(request, reply, hit);
    const v = await view(request, request.query);
    const json = JSON.stringify(searchJson(request.lang, v));
    if (key && !v.engineNotice) return send(request, reply, keep(`json|${key}`, 'application/json; charset=utf-8', json));
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
