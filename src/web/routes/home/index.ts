import type { FastifyInstance } from 'fastify';
import { homeView } from '../../presenters/browse-presenter.js';
import { presenterContext } from '../context.js';

/** `/`: pillars and countries with counts, latest practices, the search box. */
export async function homeRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    const view = homeView(presenterContext(app, request), app.services.browse.home());
    return reply.page('pages/home/index', view, { title: request.t('home.title') });
  });
}
