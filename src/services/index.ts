import type { Clock, Log } from '../domain/ports.js';
import type { SqliteDatabase } from '../storage/sqlite/database.js';
import { createSqlitePartnerStore } from '../storage/sqlite/partner-store.js';
import { createSqlitePracticeStore } from '../storage/sqlite/practice-store.js';
import { createBrowseService } from './browse-service.js';
import { createImportService } from './import-service.js';
import { syncPartnerRegistry } from './registry-service.js';
import { createTaxonomyService } from './taxonomy-service.js';

/**
 * Builds every store and service once over an open, migrated database. The composition used by
 * `app.ts` and by the scripts, so both run the same code.
 */
export function createServices(deps: { db: SqliteDatabase; clock: Clock; log: Log }) {
  const practices = createSqlitePracticeStore(deps.db, deps.clock);
  const partners = createSqlitePartnerStore(deps.db, deps.clock);
  const taxonomy = createTaxonomyService({ partners });
  const importer = createImportService({ practices, partners, taxonomy, clock: deps.clock, log: deps.log.child({ service: 'import' }) });
  const browse = createBrowseService({ practices, partners, taxonomy });
  return {
    practices,
    partners,
    taxonomy,
    importer,
    browse,
    /** Upserts `data/partners.json` (or `file`) into the registry. @returns the number of entries. */
    syncRegistry: (file: string) => syncPartnerRegistry(partners, file, practices.transaction),
    /**
     * Imports `seedDir` when no practice exists yet (first start). @returns the import results, or null
     * when the database already held practices.
     */
    seedIfEmpty(seedDir: string) {
      if (practices.count({}) > 0) return null;
      return importer.importPaths([seedDir]);
    },
  };
}
export type Services = ReturnType<typeof createServices>;
