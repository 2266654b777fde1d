import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { countriesView, countryView } from '../../presenters/browse-presenter.js';
import { urls } from '../../urls.js';
import { presenterContext } from '../context.js';
import { CountryParams } from './schemas.js';

/** `/countries` (regions, pillar grid, map), `/countries/:code` and their JSON twins. */
export async function countriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/countries', async (request, reply) => {
    const view = countriesView(presenterContext(app, request), app.services.browse.countries());
    return reply.page('pages/countries/index', view, { title: request.t('countries.title') });
  });
  app.get('/api/countries', async (request) => {
    const { regions, pillars } = countriesView(presenterContext(app, request), app.services.browse.countries());
    return { lang: request.lang, pillars, regions };
  });
  app.get('/countries/:code', { schema: { params: CountryParams } }, async (request, reply) => {
    const { code } = request.params;
    const view = countryView(presenterContext(app, request), app.services.browse.country(code));
    if (code !== code.toLowerCase()) return reply.redirect(urls.country(code) + queryOf(request.url), 301);
    return reply.page('pages/countries/show', view, { title: view.country.name });
  });
  app.get('/api/countries/:code', { schema: { params: CountryParams } }, async (request, reply) => {
    const { code } = request.params;
    const view = countryView(presenterContext(app, request), app.services.browse.country(code));
    if (code !== code.toLowerCase()) return reply.redirect(urls.api.country(code) + queryOf(request.url), 301);
    return { lang: request.lang, ...view };
  });
}

/** The `?query` part of a raw URL (with its `?`), or ''. */
export function queryOf(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i);
}
