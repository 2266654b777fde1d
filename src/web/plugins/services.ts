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
    const clock = opts.clock ?? systemClock;
    const services = createServices({ db, clock, log: app.log, meilisearch: opts.config.meilisearch });
    services.syncRegistry(opts.registryFile ?? join(DATA_DIR, 'partners.json'));
    if (await services.ensureEmbeddedIndex()) app.log.info('embedded search index rebuilt');
    // Meilisearch (when configured): the outbox worker starts now; settings are applied in the background,
    // retried with backoff (1 s doubling up to 5 min) while Meilisearch is down, so that an unreachable engine
    // delays nothing: searches fall back to the embedded engine meanwhile.
    const { meilisearch, outboxWorker } = services;
    let startup: Promise<void> | null = null;
    let closing = false;
    let wake: (() => void) | null = null;
    if (meilisearch) {
      const log = app.log.child({ service: 'meilisearch' });
      outboxWorker?.start();
      const pause = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      startup = (async () => {
        for (let attempt = 1; !closing; attempt++) {
          try {
            await meilisearch.applySettings();
            const published = services.practices.count({ status: 'published' });
            // A new (empty) index is filled once from SQLite; otherwise `npm run reindex` is the operator's call.
            if (published > 0 && (await meilisearch.documentCount()) === 0) {
              log.info({ index: meilisearch.indexName, published }, 'meilisearch index empty: building it from SQLite');
              await meilisearch.rebuild(services.search.documentSource());
            }
            if (attempt > 1) log.info({ index: meilisearch.indexName }, 'meilisearch settings applied');
            return;
          } catch (err) {
            if (closing) return;
            const retryMs = Math.min(300_000, 1000 * 2 ** (attempt - 1));
            if (attempt === 1) log.warn({ err, index: meilisearch.indexName, retryMs }, 'meilisearch unavailable at start-up: searches use the embedded engine until it answers');
            else log.debug({ err, retryMs }, 'meilisearch still unavailable');
            await pause(retryMs);
          }
        }
      })();
    }
    app.decorate('db', db);
    app.decorate('services', services);
    app.addHook('onClose', async () => {
      closing = true;
      wake?.();
      await outboxWorker?.stop();
      await startup;
      db.close();
    });
  },
  { name: 'puente-services' },
);
