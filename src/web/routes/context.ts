import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PresenterContext } from '../presenters/context.js';

/** The presenter context of a request: its language, labels and translator. */
export function presenterContext(app: FastifyInstance, request: FastifyRequest): PresenterContext {
  return { lang: request.lang, taxonomy: app.services.taxonomy, t: request.t };
}
