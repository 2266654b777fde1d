import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The per-IP budget of contributions (`SUBMISSION_RATE_LIMIT` per hour), shared by every way in: the
 * practice and alliance forms, the Markdown upload, revisions and `POST /api/submissions`.
 *
 * Built on @fastify/rate-limit's `createRateLimit` (one in-memory store, keyed by `request.ip`): a request is
 * checked before anything runs (`check`, no increment) and counted only once a contribution was accepted
 * (`count`), so previews and forms sent back with errors do not use up a person's budget. Honeypot catches
 * are counted like accepted contributions.
 */
export interface SubmissionLimiter {
  /** null when the client may submit now, else the seconds until it may submit again. */
  check(request: FastifyRequest): Promise<number | null>;
  /** Counts one accepted contribution for the client. */
  count(request: FastifyRequest): Promise<void>;
}

/** Needs @fastify/rate-limit registered on `app`. `max` contributions per hour and IP. */
export function createSubmissionLimiter(app: FastifyInstance, max: number): SubmissionLimiter {
  const limiter = app.createRateLimit({ max, timeWindow: '1 hour' });
  return {
    async check(request) {
      const r = await limiter(request, { increment: false });
      if (r.isAllowed || r.remaining > 0) return null;
      return Math.max(1, r.ttlInSeconds);
    },
    async count(request) {
      await limiter(request);
    },
  };
}
