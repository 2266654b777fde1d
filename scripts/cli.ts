import { join } from 'node:path';
import { destination, pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { DATA_DIR, resolveFromRoot } from '../src/paths.js';
import { systemClock } from '../src/services/clock.js';
import { createServices, type Services } from '../src/services/index.js';
import { migrate, openDatabase, type SqliteDatabase } from '../src/storage/sqlite/database.js';

/**
 * Shared set-up of the command-line scripts: parse config from the environment (exit 1 with a
 * one-line message on a bad value), open and migrate the database, sync the partner registry.
 * Logs go to stderr so stdout carries only the script's report.
 */
export function openCli(env: Record<string, string | undefined> = process.env): {
  config: Config;
  db: SqliteDatabase;
  services: Services;
  close: () => void;
} {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, redact: ['apiKey', '*.apiKey'] }, destination(2));
  const db = openDatabase(resolveFromRoot(config.databasePath));
  migrate(db);
  // With Meilisearch configured, writes made by a script enqueue outbox rows like the server's do (the
  // server's worker sends them); scripts never start the worker themselves.
  const services = createServices({ db, clock: systemClock, log, meilisearch: config.meilisearch });
  services.syncRegistry(join(DATA_DIR, 'partners.json'));
  return { config, db, services, close: () => db.close() };
}
