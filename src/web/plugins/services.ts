import fp from 'fastify-plugin';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { Clock } from '../../domain/ports.js';
import { DATA_DIR, resolveFromRoot } from '../../paths.js';
import { systemClock } from '../../services/clock.js';
import { createServices, type Services } from '../../services/index.js';
import { migrate, openDatabase, type SqliteDatabase } from '../../storage/sqlite/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: SqliteDatabase;
    services: Services;
  }
}

export interface ServicesPluginOptions {
  config: Config;
  clock?: Clock;
  /** Partner registry file; defaults to data/partners.json. */
  registryFile?: string;
}

/**
 * Opens the SQLite database, applies migrations, syncs the partner registry and decorates
 * `app.db` and `app.services`. Closes the database when the app closes.
 */
export const servicesPlugin = fp<ServicesPluginOptions>(
  async (app, opts) => {
    const db = openDatabase(resolveFromRoot(opts.config.databasePath));
    const applied = migrate(db);
    if (applied.length) app.log.info({ applied }, 'database migrated');
    const services = createServices({ db, clock: opts.clock ?? systemClock, log: app.log });
    services.syncRegistry(opts.registryFile ?? join(DATA_DIR, 'partners.json'));
    if (await services.ensureEmbeddedIndex()) app.log.info('embedded search index rebuilt');
    app.decorate('db', db);
    app.decorate('services', services);
    app.addHook('onClose', async () => {
      db.close();
    });
  },
  { name: 'puente-services' },
);
