/**
 * Typed errors with a stable `code` and the HTTP status a route maps them to.
 * The one error handler (web/plugins/errors.ts) renders them as JSON or HTML pages.
 */
export type ErrorCode = 'not_found' | 'validation_failed' | 'bad_request' | 'conflict' | 'internal';

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 404: the named record (practice, country, pillar, partner) does not exist or is not public. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: 'practice' | 'country' | 'pillar' | 'partner' | 'page',
    readonly key: string,
  ) {
    super('not_found', 404, `${entity} not found: ${key}`);
  }
}

/** One validation problem: a dotted field path and a human-readable message. */
export interface ValidationIssue {
  path: string;
  /** English message. */
  message: string;
  /** Message code for localisation (`validation.<key>` in the catalogs) and its parameters. */
  key?: string;
  params?: Record<string, string | number>;
}

/** 400: input failed validation; `issues` lists every problem at once. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  constructor(readonly issues: ValidationIssue[]) {
    super('validation_failed', 400, issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
}
