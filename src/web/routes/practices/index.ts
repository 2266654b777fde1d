import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { practiceDetail } from '../../presenters/practice-presenter.js';
import { urls } from '../../urls.js';
import { queryOf } from '../countries/index.js';
import { presenterContext } from '../context.js';

const PracticeParams = z.object({ slug: z.string().min(1).max(200) });

/**
 * `/practices/:slug` and `/api/practices/:slug`: one published practice with related ones. A record merged
 * into another answers 301 to the survivor.
 */
export async function practicesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const load = (request: { params: { slug: string } } & Parameters<typeof presenterContext>[1]) => {
    const found = app.services.browse.practice(request.params.slug);
    if ('movedTo' in found) return { movedTo: found.movedTo, view: null };
    return { movedTo: null, view: practiceDetail(presenterContext(app, request), found.practice, found.related) };
  };
  app.get('/practices/:slug', { schema: { params: PracticeParams } }, async (request, reply) => {
    const r = load(request);
    if (r.view === null) return reply.redirect(urls.practice(r.movedTo) + queryOf(request.url), 301);
    return reply.page('pages/practices/show', { practice: r.view }, { title: r.view.title });
  });
  app.get('/api/practices/:slug', { schema: { params: PracticeParams } }, async (request, reply) => {
    const r = load(request);
    if (r.view === null) return reply.redirect(urls.api.practice(r.movedTo) + queryOf(request.url), 301);
    return { lang: request.lang, ...r.view };
  });
}
