import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerView, partnersView } from '../../presenters/browse-presenter.js';
import { urls } from '../../urls.js';
import { queryOf } from '../countries/index.js';
import { presenterContext } from '../context.js';

const PartnerParams = z.object({ id: z.string().min(1).max(200) });

/** `/partners` (the registry), `/partners/:id` (ids and aliases, canonical lower-case id) and JSON twins. */
export async function partnersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/partners', async (request, reply) => {
    const view = partnersView(presenterContext(app, request), app.services.browse.partners());
    return reply.page('pages/partners/index', view, { title: request.t('partners.title') });
  });
  app.get('/api/partners', async (request) => ({
    lang: request.lang,
    ...partnersView(presenterContext(app, request), app.services.browse.partners()),
  }));
  app.get('/partners/:id', { schema: { params: PartnerParams } }, async (request, reply) => {
    const view = partnerView(presenterContext(app, request), app.services.browse.partner(request.params.id));
    if (request.params.id !== view.partner.id.toLowerCase()) return reply.redirect(view.partner.url + queryOf(request.url), 301);
    return reply.page('pages/partners/show', view, { title: view.partner.name });
  });
  app.get('/api/partners/:id', { schema: { params: PartnerParams } }, async (request, reply) => {
    const view = partnerView(presenterContext(app, request), app.services.browse.partner(request.params.id));
    if (request.params.id !== view.partner.id.toLowerCase()) return reply.redirect(urls.api.partner(view.partner.id) + queryOf(request.url), 301);
    return { lang: request.lang, ...view };
  });
}
