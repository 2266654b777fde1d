import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { practiceDetail } from '../../presenters/practice-presenter.js';
import { presenterContext } from '../context.js';

const PracticeParams = z.object({ slug: z.string().min(1).max(200) });

/** `/practices/:slug` and `/api/practices/:slug`: one published practice with related ones. */
export async function practicesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const load = (request: { params: { slug: string } } & Parameters<typeof presenterContext>[1]) => {
    const { practice, related } = app.services.browse.practice(request.params.slug);
    return practiceDetail(presenterContext(app, request), practice, related);
  };
  app.get('/practices/:slug', { schema: { params: PracticeParams } }, async (request, reply) => {
    const view = load(request);
    return reply.page('pages/practices/show', { practice: view }, { title: view.title });
  });
  app.get('/api/practices/:slug', { schema: { params: PracticeParams } }, async (request) => ({ lang: request.lang, ...load(request) }));
}
