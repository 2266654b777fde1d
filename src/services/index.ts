import type { Clock, Log } from '../domain/ports.js';
import type { SqliteDatabase } from '../storage/sqlite/database.js';
import { createSqlitePartnerStore } from '../storage/sqlite/partner-store.js';
import { createSqlitePracticeStore } from '../storage/sqlite/practice-store.js';
import { createBrowseService } from './browse-service.js';
import { createImportService } from './import-service.js';
import { syncPartnerRegistry } from './registry-service.js';
import { createTaxonomyService } from './taxonomy-service.js';
import { createFts5SearchIndex } from '../search/fts5-search-index.js';
import { buildSearchDocument } from '../search/search-document.js';
import { createSearchService } from './search-service.js';
import { loadSynonyms } from '../search/synonyms.js';
import type { SearchIndex } from '../domain/search.js';

/**
 * Builds every store and service once over an open, migrated database. The composition used by
 * `app.ts` and by the scripts, so both run the same code.
 */
export function createServices(deps: { db: SqliteDatabase; clock: Clock; log: Log; primarySearch?: SearchIndex }) {
  const practices = createSqlitePracticeStore(deps.db, deps.clock);
  const partners = createSqlitePartnerStore(deps.db, deps.clock);
  const taxonomy = createTaxonomyService({ partners });
  const importer = createImportService({ practices, partners, taxonomy, clock: deps.clock, log: deps.log.child({ service: 'import' }) });
  const browse = createBrowseService({ practices, partners, taxonomy });
  // The embedded engine is always maintained, in the record's own transaction: it is the default engine
  // and the fallback when Meilisearch is unreachable.
  const synonyms = loadSynonyms();
  const embeddedSearch = createFts5SearchIndex({ db: deps.db, log: deps.log.child({ service: 'fts5' }), synonyms });
  practices.onWrite((p) => embeddedSearch.write(p, () => buildSearchDocument(p, taxonomy)));
  const search = createSearchService({
    practices,
    partners,
    taxonomy,
    embedded: embeddedSearch,
    primary: deps.primarySearch,
    synonyms,
    clock: deps.clock,
    log: deps.log.child({ service: 'search' }),
  });
  return {
    synonyms,
    embeddedSearch,
    search,
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
    /** Rebuilds the embedded index when its document format changed or it lost count of the records. */
    async ensureEmbeddedIndex(): Promise<boolean> {
      if (!embeddedSearch.needsRebuild()) return false;
      await embeddedSearch.rebuild(search.documentSource());
      return true;
    },
    seedIfEmpty(seedDir: string) {
      if (practices.count({}) > 0) return null;
      return importer.importPaths([seedDir]);
    },
  };
}
export type Services = ReturnType<typeof createServices>;
