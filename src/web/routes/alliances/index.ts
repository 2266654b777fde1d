import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ValidationError } from '../../../domain/errors.js';
import { alliancesView } from '../../presenters/alliance-presenter.js';
import { presenterContext } from '../context.js';
import { AlliancesQuery } from './schemas.js';

/** `/alliances`: the country x country grid of published alliances and the filterable list; `/api/alliances`. */
export async function alliancesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const load = (request: Parameters<typeof presenterContext>[1], q: { pair?: [string, string] | undefined; instrument?: string | undefined; status?: string | undefined }) => {
    const unknown = q.pair?.find((c) => !app.services.taxonomy.isCountryCode(c));
    if (unknown) throw new ValidationError([{ path: 'querystring.pair', message: `unknown country code "${unknown}"` }]);
    return alliancesView(presenterContext(app, request), app.services.browse.alliances(q as Parameters<typeof app.services.browse.alliances>[0]));
  };
  app.get('/alliances', { schema: { querystring: AlliancesQuery } }, async (request, reply) => {
    const view = load(request, request.query);
    return reply.page('pages/alliances/index', view, { title: request.t('alliances.title') });
  });
  app.get('/api/alliances', { schema: { querystring: AlliancesQuery } }, async (request) => {
    const { rows: _rows, ...view } = load(request, request.query);
    return { lang: request.lang, ...view, pairs: app.services.browse.alliances({}).pairs };
  });
}
