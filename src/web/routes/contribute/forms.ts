import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contributorSchema } from '../../../domain/submission.js';
import type { ValidationIssue } from '../../../domain/errors.js';
import { toValidationIssues } from '../../../domain/validation.js';
import type { FormValues } from './schemas.js';

/** Helpers shared by the contribution routes (`/contribute/*`) and the tracking pages (`/submissions/:token`). */

/** The signed cookie carrying a fresh tracking token from the POST to the receipt page (never the URL: URLs get logged). */
export const RECEIPT_COOKIE = 'puente_receipt';
const RECEIPT_MAX_AGE_S = 60 * 60;

/** Headers of every page showing a tracking token or link: no caching, no Referer leaking the token. */
export function privatePageHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
}

/** Answers a successful contribution: the token goes into the receipt cookie, the browser to the receipt (303). */
export function redirectToReceipt(reply: FastifyReply, receiptUrl: string, token: string): FastifyReply {
  reply.setCookie(RECEIPT_COOKIE, token, { path: receiptUrl, httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto', maxAge: RECEIPT_MAX_AGE_S });
  return reply.redirect(receiptUrl, 303);
}

/** The token of the receipt cookie, or null when there is none or its signature is wrong. */
export function receiptToken(request: FastifyRequest): string | null {
  const raw = request.cookies[RECEIPT_COOKIE];
  if (!raw) return null;
  const u = request.unsignCookie(raw);
  return u.valid && u.value ? u.value : null;
}

/** A token that looks like a real one and leads nowhere: what a bot filling the honeypot gets. */
export function decoyToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Logs a honeypot catch (no field values, no token). */
export function logHoneypot(request: FastifyRequest, form: string): void {
  request.log.warn({ form, honeypot: true }, 'honeypot field filled in: contribution discarded');
}

/** 429 in the reader's language (page or JSON under /api) with Retry-After. */
export function tooMany(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, retryAfterS: number) {
  reply.header('retry-after', String(retryAfterS));
  return app.sendError(request, reply, 429, 'rate_limited', request.t('errors.tooMany.body'));
}

/** The contributor block as the submission service takes it. */
export function contributorInput(c: FormValues['contributor']): Record<string, unknown> {
  return { name: c.name, organisation: c.organisation, email: c.email, ...(c.focal_point.trim() ? { focal_point: c.focal_point } : {}), consent: c.consent };
}

/** Problems of the contributor block alone (paths `contributor.<field>`), e.g. while the uploaded file cannot be read. */
export function contributorIssues(c: FormValues['contributor']): ValidationIssue[] {
  const r = contributorSchema.safeParse(contributorInput(c));
  return r.success ? [] : toValidationIssues(r.error).map((i) => ({ ...i, path: `contributor.${i.path}` }));
}
