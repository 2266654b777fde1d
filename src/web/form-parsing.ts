import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import qs from 'qs';

/**
 * How Puente reads form posts: URL-encoded bodies through `qs` (so `parties[0][country]=GT` nests and
 * repeated `countries=GT&countries=MX` become lists), multipart uploads into memory (one file, 1 MiB), and
 * where the CSRF token travels. Used by app.ts when it registers @fastify/formbody, @fastify/multipart and
 * @fastify/csrf-protection.
 */

/** Request body limit of the contribution forms and the JSON API, in bytes (the Markdown body itself: 100 KB). */
export const FORM_BODY_LIMIT = 200 * 1024;

/** Largest Markdown file accepted by `/contribute/upload`, in bytes. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** Multipart limits: one file of at most 1 MiB, at most 20 other fields. */
export const MULTIPART_LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } as const;

/** Parses an `application/x-www-form-urlencoded` body: nesting 3 levels deep, lists of 50, 500 parameters at most. */
export function parseFormBody(body: string): Record<string, unknown> {
  return qs.parse(body, { depth: 3, arrayLimit: 50, parameterLimit: 500 });
}

/** A file of a multipart form, read into memory (its size is bounded by {@link MAX_UPLOAD_BYTES}). */
export interface UploadedFile {
  kind: 'uploaded-file';
  filename: string;
  mimetype: string;
  data: Buffer;
}

export function isUploadedFile(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'uploaded-file';
}

/**
 * @fastify/multipart `onFile` hook (with `attachFieldsToBody: 'keyValues'`): reads the file into memory
 * and puts `{ kind, filename, mimetype, data }` in the body under the field's name. Throws the plugin's
 * 413 error past the size limit.
 */
export async function onUploadFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const data = await part.toBuffer();
  const file: UploadedFile = { kind: 'uploaded-file', filename: part.filename, mimetype: part.mimetype, data };
  (part as unknown as { value: unknown }).value = file;
}

/**
 * Where the CSRF token comes from: the hidden `_csrf` field of a form post, else the `csrf-token` header
 * (the live preview's fetch). Nothing else (no query string: tokens in URLs end up in logs).
 */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const fromBody = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers['csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/** Path of a tracking page; its token must never reach a log line. */
const TRACKING_PATH = /^(\/submissions\/)[^/?#]+/;

/** `url` with the tracking token of `/submissions/<token>` replaced by `[token]` (for request logs). */
export function redactTrackingToken(url: string): string {
  return url.replace(TRACKING_PATH, '$1[token]');
}
