import { z } from 'zod';

/**
 * Puente's configuration, parsed once from an environment-like record.
 *
 * Variables (all optional, defaults in brackets):
 * - `DATABASE_PATH` [data/puente.sqlite]: SQLite file; `:memory:` for a throw-away database.
 * - `HOST` [127.0.0.1], `PORT` [3000]: where `server.ts` listens.
 * - `LOG_LEVEL` [info]: pino level (fatal, error, warn, info, debug, trace, silent).
 * - `SEED_DIR` [data/practices]: Markdown practices imported when the database holds none.
 * - `VIEW_CACHE` [true]: cache compiled templates and rendered public pages (turn off only while editing views).
 * - `MEILISEARCH_HOST` [unset]: Meilisearch URL (http or https); unset = the embedded engine only.
 * - `MEILISEARCH_API_KEY` [unset]: API key sent as a bearer token; redacted from logs.
 * - `MEILISEARCH_INDEX` [practices]: index uid (letters, digits, `-`, `_`).
 * - `MEILISEARCH_TIMEOUT_MS` [2000]: per-request timeout of the Meilisearch client (it has none by default).
 * - `COOKIE_SECRET` [a fixed development value, with a warning at start-up]: signs cookies (the CSRF secret
 *   cookie, the receipt cookie); at least 32 characters; the same value on every instance behind a load balancer.
 * - `SUBMISSION_RATE_LIMIT` [10]: contributions accepted per hour and client IP (forms, upload, API, revisions).
 * - `COOKIE_SECURE` [false]: mark the curators' session cookie `Secure` (set true when Puente is served over HTTPS;
 *   the cookie is then only sent, and only set, on HTTPS requests).
 * - `TRUST_PROXY` [false]: behind a reverse proxy, which proxies to trust for X-Forwarded-For/-Proto (Fastify's
 *   `trustProxy`): `true` or a comma-separated list of addresses/CIDR ranges. Needed for per-client rate
 *   limits and Secure cookies behind an HTTPS proxy.
 */
export interface Config {
  readonly databasePath: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly seedDir: string;
  readonly viewCache: boolean;
  /** Meilisearch as the primary search engine, or null (embedded engine only). */
  readonly meilisearch: MeilisearchConfig | null;
  /** Secret signing cookies (>= 32 characters); never logged. */
  readonly cookieSecret: string;
  /** True when COOKIE_SECRET was unset and the public development value {@link DEV_COOKIE_SECRET} is used. */
  readonly cookieSecretIsDefault: boolean;
  /** Contributions accepted per hour and client IP. */
  readonly submissionRateLimit: number;
  /** The session cookie's `Secure` attribute (COOKIE_SECURE; true behind HTTPS). */
  readonly cookieSecure: boolean;
  /** Fastify's `trustProxy`: false, true or a list of trusted addresses/CIDR ranges. */
  readonly trustProxy: boolean | string[];
}

/**
 * The cookie secret used when COOKIE_SECRET is unset: fixed (so that several instances and restarts agree)
 * and public (it is in the repository), hence only for development; the app logs a warning when it is used.
 */
export const DEV_COOKIE_SECRET = 'puente-development-cookie-secret-do-not-use-in-production';

export interface MeilisearchConfig {
  /** Base URL, e.g. `http://127.0.0.1:7700`. */
  readonly host: string;
  /** API key or null; never logged (see the logger's redact paths in app.ts). */
  readonly apiKey: string | null;
  readonly indexName: string;
  /** Timeout of each HTTP request, in milliseconds. */
  readonly timeoutMs: number;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('data/puente.sqlite'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected 0-65535')
    .max(65535, 'expected 0-65535')
    .default(3000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SEED_DIR: z.string().min(1, 'must not be empty').default('data/practices'),
  VIEW_CACHE: bool.default(true),
  MEILISEARCH_HOST: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
  MEILISEARCH_API_KEY: z.string().optional(),
  // Meilisearch index uids: alphanumeric characters, hyphens and underscores.
  MEILISEARCH_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected letters, digits, - and _').default('practices'),
  MEILISEARCH_TIMEOUT_MS: z.coerce
    .number({ message: 'expected a number of milliseconds' })
    .int('expected a whole number')
    .min(1, 'expected 1-600000')
    .max(600_000, 'expected 1-600000')
    .default(2000),
  COOKIE_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  SUBMISSION_RATE_LIMIT: z.coerce
    .number({ message: 'expected a number of contributions per hour' })
    .int('expected a whole number')
    .min(1, 'expected 1-100000')
    .max(100_000, 'expected 1-100000')
    .default(10),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx): boolean | string[] => {
      if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      const list = v.split(',').map((x) => x.trim()).filter(Boolean);
      if (list.length && list.every((x) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(x))) return list;
      ctx.addIssue({ code: 'custom', message: 'expected true, false or a list of addresses/CIDR ranges' });
      return z.NEVER;
    })
    .default(false),
});

/** Variables whose values never appear in messages or logs. */
const SECRET_VARIABLES = new Set(['MEILISEARCH_API_KEY', 'COOKIE_SECRET']);

/** Thrown by {@link loadConfig}; `message` is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses configuration from `env` (normally `process.env`; only `server.ts` and scripts pass it).
 * Empty strings count as unset. Returns a frozen {@link Config}.
 * @throws ConfigError with a one-line message such as `PORT: expected 0-65535 (got "70000")`.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const shown = SECRET_VARIABLES.has(key) ? '(hidden)' : JSON.stringify(cleaned[key] ?? '');
    throw new ConfigError(`${key}: ${issue.message} (got ${shown})`);
  }
  const e = parsed.data;
  return Object.freeze({
    databasePath: e.DATABASE_PATH,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    seedDir: e.SEED_DIR,
    viewCache: e.VIEW_CACHE,
    meilisearch: e.MEILISEARCH_HOST
      ? Object.freeze({
          host: e.MEILISEARCH_HOST,
          apiKey: e.MEILISEARCH_API_KEY ?? null,
          indexName: e.MEILISEARCH_INDEX,
          timeoutMs: e.MEILISEARCH_TIMEOUT_MS,
        })
      : null,
    cookieSecret: e.COOKIE_SECRET ?? DEV_COOKIE_SECRET,
    cookieSecretIsDefault: e.COOKIE_SECRET === undefined,
    submissionRateLimit: e.SUBMISSION_RATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
  });
}
