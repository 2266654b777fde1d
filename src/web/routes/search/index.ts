import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseQuery } from '../../../search/query-parser.js';
import type { SearchInput } from '../../../services/search-service.js';
import { searchJson, searchView } from '../../presenters/search-presenter.js';
import { presenterContext } from '../context.js';
import { SearchQuery } from './schemas.js';
import { LRUCache } from 'lru-cache';
import '@fastify/cookie';

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
  // name and forms) and answers given by a fallback engine are never cached.
  const rendered = new LRUCache<string, string>({ max: 500, maxSize: 64 * 2 ** 20, sizeCalculation: (s) => s.length || 1 });
  const cacheKey = (request: FastifyRequest) =>
    request.cookies?.puente_session ? null : `${app.services.embeddedSearch.version()}|${request.lang}|${request.url}`;

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const key = cacheKey(request);
    const hit = key ? rendered.get(`html|${key}`) : undefined;
    if (hit) return reply.type('text/html; charset=utf-8').send(hit);
    const v = await view(request, request.query);
    const title = v.q.trim() ? request.t('search.titleQuery', { q: v.qShort }) : request.t('search.title');
    const html = await reply.page('pages/search/index', v, { title, section: 'search' });
    if (key && !v.engineNotice) rendered.set(`html|${key}`, html);
    return html;
  });
  app.get('/api/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const key = cacheKey(request);
    const hit = key ? rendered.get(`json|${key}`) : undefined;
    reply.type('application/json; charset=utf-8');
    if (hit) return reply.send(hit);
    const v = await view(request, request.query);
    const json = JSON.stringify(searchJson(request.lang, v));
    if (key && !v.engineNotice) rendered.set(`json|${key}`, json);
    return reply.send(json);
  });
}
