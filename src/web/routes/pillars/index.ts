import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pillarView, pillarsView } from '../../presenters/browse-presenter.js';
import { presenterContext } from '../context.js';

const PillarParams = z.object({ id: z.string().min(1).max(100) });

/** `/pillars`, `/pillars/:id` and their JSON twins. */
export async function pillarsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/pillars', async (request, reply) => {
    const view = pillarsView(presenterContext(app, request), app.services.browse.pillars());
    return reply.page('pages/pillars/index', view, { title: request.t('pillars.title') });
  });
  app.get('/api/pillars', async (request) => ({
    lang: request.lang,
    ...pillarsView(presenterContext(app, request), app.services.browse.pillars()),
  }));
  app.get('/pillars/:id', { schema: { params: PillarParams } }, async (request, reply) => {
    const view = pillarView(presenterContext(app, request), app.services.browse.pillar(request.params.id));
    return reply.page('pages/pillars/show', view, { title: view.pillar.name });
  });
  app.get('/api/pillars/:id', { schema: { params: PillarParams } }, async (request) => ({
    lang: request.lang,
    ...pillarView(presenterContext(app, request), app.services.browse.pillar(request.params.id)),
  }));
}
