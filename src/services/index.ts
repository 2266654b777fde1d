import type { Clock, Log } from '../domain/ports.js';
import type { SqliteDatabase } from '../storage/sqlite/database.js';
import { createSqlitePartnerStore } from '../storage/sqlite/partner-store.js';
import { createSqlitePracticeStore } from '../storage/sqlite/practice-store.js';
import { createBrowseService } from './browse-service.js';
import { createSqliteAllianceStore } from '../storage/sqlite/alliance-store.js';
import { createSqliteSubmissionStore } from '../storage/sqlite/submission-store.js';
import { createSubmissionService } from './submission-service.js';
import { createSqliteUserStore } from '../storage/sqlite/user-store.js';
import { createSqliteCurationStore } from '../storage/sqlite/curation-store.js';
import { createAuthService } from './auth-service.js';
import { createAccountService } from './account-service.js';
import { createCurationService } from './curation-service.js';
import { createImportService } from './import-service.js';
import { syncPartnerRegistry } from './registry-service.js';
import { createTaxonomyService } from './taxonomy-service.js';
import { createFts5SearchIndex } from '../search/fts5-search-index.js';
import { buildSearchDocument } from '../search/search-document.js';
import { createSearchService } from './search-service.js';
import { loadSynonyms } from '../search/synonyms.js';
import type { SearchDocument, SearchIndex } from '../domain/search.js';
import type { MeilisearchConfig } from '../config.js';
import { buildSynonyms, createMeilisearchSearchIndex, partnerSynonymGroups, type MeilisearchSearchIndex } from '../search/meilisearch-search-index.js';
import { createOutboxWorker, createSearchOutbox, registerSearchOutbox, type OutboxWorker, type SearchOutbox } from '../search/search-outbox.js';

/**
 * Builds every store and service once over an open, migrated database. The composition used by
 * `app.ts` and by the scripts, so both run the same code.
 */
export function createServices(deps: {
  db: SqliteDatabase;
  clock: Clock;
  log: Log;
  /** A primary engine built by the caller (tests); writes reach it through the search outbox. */
  primarySearch?: SearchIndex;
  /** Meilisearch settings (config.meilisearch): builds the Meilisearch adapter as the primary engine. */
  meilisearch?: MeilisearchConfig | null;
}) {
  const practices = createSqlitePracticeStore(deps.db, deps.clock);
  const partners = createSqlitePartnerStore(deps.db, deps.clock);
  const taxonomy = createTaxonomyService({ partners });
  const importer = createImportService({ practices, partners, taxonomy, clock: deps.clock, log: deps.log.child({ service: 'import' }) });
  const browse = createBrowseService({ practices, partners, taxonomy, alliances: createSqliteAllianceStore(deps.db) });
  const submissionStore = createSqliteSubmissionStore(deps.db, deps.clock);
  const users = createSqliteUserStore(deps.db, deps.clock);
  const auth = createAuthService({ users, clock: deps.clock, log: deps.log.child({ service: 'auth' }) });
  const curationStore = createSqliteCurationStore(deps.db);
  const submissions = createSubmissionService({
    practices,
    partners,
    submissions: submissionStore,
    taxonomy,
    clock: deps.clock,
    log: deps.log.child({ service: 'submissions' }),
    curation: curationStore,
  });
  // The embedded engine is always maintained, in the record's own transaction: it is the default engine
  // and the fallback when Meilisearch is unreachable.
  const synonyms = loadSynonyms();
  const embeddedSearch = createFts5SearchIndex({ db: deps.db, log: deps.log.child({ service: 'fts5' }), synonyms });
  practices.onWrite((p) => embeddedSearch.write(p, () => buildSearchDocument(p, taxonomy)));
  // Meilisearch, when configured, is the primary engine: searched first, fed through the outbox (rows written
  // in each record's transaction, drained by the worker the services plugin starts).
  const meilisearch: MeilisearchSearchIndex | null = deps.meilisearch
    ? createMeilisearchSearchIndex({
        host: deps.meilisearch.host,
        apiKey: deps.meilisearch.apiKey,
        indexName: deps.meilisearch.indexName,
        timeoutMs: deps.meilisearch.timeoutMs,
        log: deps.log.child({ service: 'meilisearch' }),
        synonyms: () => buildSynonyms([...partnerSynonymGroups(partners.list()), ...synonyms.groups]),
      })
    : null;
  const primarySearch: SearchIndex | null = deps.primarySearch ?? meilisearch;
  let outbox: SearchOutbox | null = null;
  if (primarySearch && primarySearch.engine !== 'fts5') {
    outbox = createSearchOutbox({ db: deps.db, engine: primarySearch.engine, clock: deps.clock });
    registerSearchOutbox(practices, outbox);
  }
  /** The search document of a practice's current state in SQLite, or null when it is not published (or gone). */
  const searchDocumentFor = (id: number): SearchDocument | null => {
    const summary = practices.summariesByIds([id])[0];
    const p = summary && summary.status === 'published' ? practices.findBySlug(summary.slug) : null;
    return p && p.status === 'published' ? buildSearchDocument(p, taxonomy) : null;
  };
  // Drains the outbox into Meilisearch; the services plugin starts and stops it (scripts never start it).
  const outboxWorker: OutboxWorker | null =
    outbox && meilisearch
      ? createOutboxWorker({ db: deps.db, index: meilisearch, documentFor: searchDocumentFor, log: deps.log.child({ service: 'search-outbox' }), clock: deps.clock })
      : null;
  // The version under which search answers and public pages may be kept: the embedded index's (every
  // write, in this process or another), plus, with Meilisearch, the outbox sends this process completed
  // (a write reaches Meilisearch only then; another process's sends delete outbox rows, which changes the
  // embedded version's data_version part).
  const searchVersion = outboxWorker ? () => `${embeddedSearch.version()}/${outboxWorker.applied()}` : () => embeddedSearch.version();
  const search = createSearchService({
    version: searchVersion,
    practices,
    partners,
    taxonomy,
    embedded: embeddedSearch,
    primary: primarySearch ?? undefined,
    synonyms,
    clock: deps.clock,
    log: deps.log.child({ service: 'search' }),
  });
  return {
    /** The clock every service reads (pages show ages and dates against it). */
    clock: deps.clock,
    synonyms,
    embeddedSearch,
    /**
     * Changes whenever a search could answer differently or a public page could show something else: the
     * key prefix of the search service's result cache and of the page cache.
     */
    searchVersion,
    /** The primary engine when it is not the embedded one (Meilisearch), else null. */
    primarySearch,
    /** The Meilisearch adapter when configured, else null. */
    meilisearch,
    /** The outbox feeding the primary engine, or null when there is none. */
    outbox,
    /** The worker draining the outbox into Meilisearch (not started), or null. */
    outboxWorker,
    searchDocumentFor,
    search,
    practices,
    partners,
    taxonomy,
    importer,
    browse,
    submissionStore,
    submissions,
    users,
    auth,
    /** Account administration (admins): create with a temporary password, role, disable/enable; audited. */
    accounts: createAccountService({ users, auth, curation: curationStore, clock: deps.clock, transaction: practices.transaction }),
    curationStore,
    curation: createCurationService({
      practices,
      partners,
      submissions: submissionStore,
      curation: curationStore,
      taxonomy,
      clock: deps.clock,
      log: deps.log.child({ service: 'curation' }),
    }),
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
