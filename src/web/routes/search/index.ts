import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseQuery } from '../../../search/query-parser.js';
import type { SearchInput } from '../../../services/search-service.js';
import { searchJson, searchView } from '../../presenters/search-presenter.js';
import { presenterContext } from '../context.js';
import { SearchQuery } from './schemas.js';

/**
 * `/search` (results, facets, chips, pagination; works without JavaScript) and its JSON twin
 * `/api/search`, both from the same view model. Parameters and limits: ./schemas.ts. Answers are kept by
 * the page cache (web/plugins/page-cache.ts), except those given by a fallback engine.
 */
export async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { taxonomy, partners } = app.services;
  const parse = (q: string) => parseQuery(q, { taxonomy, partners });
  const view = async (request: FastifyRequest, input: SearchInput) => {
    const v = searchView(presenterContext(app, request), await app.services.search.search(input), { parse });
    if (v.engineNotice) request.pageCacheKey = null; // Meilisearch was down: do not keep this answer
    return v;
  };

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const v = await view(request, request.query);
    const title = v.q.trim() ? request.t('search.titleQuery', { q: v.qShort }) : request.t('search.title');
    return reply.page('pages/search/index', v, { title, section: 'search' });
  });
  app.get('/api/search', { schema: { querystring: SearchQuery } }, async (request) => searchJson(request.lang, await view(request, request.query)));
}
