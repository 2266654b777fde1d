import { z } from 'zod';

/**
 * Puente's configuration, parsed once from an environment-like record.
 *
 * Variables (all optional, defaults in brackets):
 * - `DATABASE_PATH` [data/puente.sqlite]: SQLite file; `:memory:` for a throw-away database.
 * - `HOST` [127.0.0.1], `PORT` [3000]: where `server.ts` listens.
 * - `LOG_LEVEL` [info]: pino level (fatal, error, warn, info, debug, trace, silent).
 * - `SEED_DIR` [data/practices]: Markdown practices imported when the database holds none.
 * - `VIEW_CACHE` [true]: cache compiled templates (turn off only while editing views).
 */
export interface Config {
  readonly databasePath: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly seedDir: string;
  readonly viewCache: boolean;
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
});

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
    throw new ConfigError(`${key}: ${issue.message} (got ${JSON.stringify(cleaned[key] ?? '')})`);
  }
  const e = parsed.data;
  return Object.freeze({
    databasePath: e.DATABASE_PATH,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    seedDir: e.SEED_DIR,
    viewCache: e.VIEW_CACHE,
  });
}
