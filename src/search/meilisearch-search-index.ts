import {
  Meilisearch,
  type EnqueuedTaskPromise,
  type FacetDistribution,
  type MultiSearchQuery,
  type Settings,
  type Task,
} from 'meilisearch';
import { eng, spa } from 'stopword';
import type { Partner } from '../domain/partner.js';
import type { Log } from '../domain/ports.js';
import {
  FACETS,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchRequest,
  type SearchResponse,
} from '../domain/search.js';
import { foldToken } from './text-analysis.js';

/**
 * The Meilisearch adapter of the {@link SearchIndex} port, over the official client (`meilisearch` on npm).
 * Documents are {@link SearchDocument}s with primary key `id`. Text matching (prefix, typos, phrases, stop
 * words, synonyms) is Meilisearch's own; this module only translates requests and responses:
 * filters become a filter expression (OR within a facet, AND across), disjunctive facet counts come from one
 * multi-search call, and sorts map to `sort` parameters.
 *
 * Every error of the client (timeout, refused connection, API error) propagates: the search service then
 * answers from the embedded engine. Writes reach Meilisearch through the outbox (search-outbox.ts).
 */

/** Attributes searched, in ranking order (the `attribute` rule prefers earlier ones). */
export const SEARCHABLE_ATTRIBUTES = ['title', 'summary', 'tags', 'body'] as const;
/** Filterable attributes: the facets (`year` also takes range filters). */
export const FILTERABLE_ATTRIBUTES: readonly FacetName[] = FACETS;
/** `id` only breaks ties between records created in the same millisecond, as the embedded engine does. */
export const SORTABLE_ATTRIBUTES = ['createdAt', 'year', 'id'] as const;
/** Meilisearch's default ranking rules (https://www.meilisearch.com/docs/learn/relevancy/ranking_rules). */
export const RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'] as const;
/** Facet values returned per facet; the partner registry is the longest list (well under this). */
export const MAX_VALUES_PER_FACET = 1000;
/**
 * Upper bound of hits a query can reach (Meilisearch's `pagination.maxTotalHits`, 1000 by default): raised so
 * that deep pages and exhaustive `totalHits` cover the whole corpus.
 */
export const MAX_TOTAL_HITS = 100_000;
/** Documents per `addDocuments` call during a rebuild. */
export const REBUILD_BATCH = 1000;

/** Stop words: the `stopword` package's Spanish and English lists, as written and folded (no diacritics). */
export function stopWords(): string[] {
  return [...new Set([...spa, ...eng].flatMap((w) => [w.toLowerCase(), foldToken(w)]))].sort();
}

/** Synonym groups of the partner registry: each partner's id with its aliases (`ILO`, `OIT`, `BIT`). */
export function partnerSynonymGroups(partners: readonly Pick<Partner, 'id' | 'aliases'>[]): string[][] {
  return partners.filter((p) => p.aliases.length > 0).map((p) => [p.id, ...p.aliases]);
}

/**
 * Meilisearch `synonyms` from groups of words that all stand for one another (partner ids and aliases,
 * the es/en/fr glossary of data/synonyms.json): every term of a group lists the others, so a query with any of
 * them also finds texts that use another. Terms are kept as written, deduplicated case-insensitively.
 * @returns `{ term: [other terms] }`
 */
export function buildSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const out = new Map<string, { term: string; others: Map<string, string> }>();
  for (const raw of groups) {
    const group = new Map<string, string>();
    for (const t of raw) {
      const term = t.trim();
      if (term && !group.has(term.toLowerCase())) group.set(term.toLowerCase(), term);
    }
    if (group.size < 2) continue;
    for (const [key, term] of group) {
      let entry = out.get(key);
      if (!entry) out.set(key, (entry = { term, others: new Map() }));
      for (const [k, other] of group) if (k !== key) entry.others.set(k, other);
    }
  }
  const record: Record<string, string[]> = {};
  for (const { term, others } of out.values()) record[term] = [...others.values()];
  return record;
}

/** The index settings Puente relies on (see the constants above). */
export function buildSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    // Meilisearch's defaults, stated so that the embedded engine's rule (text-analysis.ts) stays in step.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    stopWords: stopWords(),
    synonyms,
  };
}

/**
 * One value of a filter expression, double-quoted. Meilisearch's filter grammar unescapes only `\"` inside a
 * double-quoted value (filter-parser, `quoted_by`), so `"` is escaped and a backslash, which that grammar
 * cannot always carry through, is refused. Values are registry ids and codes (`IOM`, `GT`,
 * `migration-management`), so neither occurs in practice.
 * @throws RangeError for a value containing a backslash.
 */
export function quoteFilterValue(value: string): string {
  if (value.includes('\\')) throw new RangeError(`filter value contains a backslash: ${JSON.stringify(value)}`);
  return `"${value.replace(/"/g, '\\"')}"`;
}

type ListFacet = Exclude<FacetName, 'year'>;
const LIST_FACETS: readonly ListFacet[] = ['pillar', 'country', 'partner', 'kind', 'language'];

/** Facets that carry a selection in `filters` (a year range counts as the `year` facet's selection). */
export function selectedFacets(filters: SearchFilters): FacetName[] {
  return FACETS.filter((f) => (f === 'year' ? filters.yearFrom !== null || filters.yearTo !== null : filters[f].length > 0));
}

/**
 * The filter expression of `filters`: values of one facet OR-ed, facets AND-ed, the year range as
 * `year >= from AND year <= to` (inclusive, either end open). `omit` leaves one facet's selection out (for its
 * disjunctive counts).
 * @returns e.g. `(pillar = "migration-management" OR pillar = "emergencies-crises") AND country = "GT" AND year >= 2015`,
 *   or undefined when nothing is selected.
 */
export function buildFilter(filters: SearchFilters, omit?: FacetName): string | undefined {
  const parts: string[] = [];
  for (const f of LIST_FACETS) {
    if (f === omit) continue;
    const values = [...new Set(filters[f] as readonly string[])];
    if (values.length === 0) continue;
    const conditions = values.map((v) => `${f} = ${quoteFilterValue(v)}`);
    parts.push(conditions.length === 1 ? conditions[0]! : `(${conditions.join(' OR ')})`);
  }
  if (omit !== 'year') {
    if (filters.yearFrom !== null) parts.push(`year >= ${integer(filters.yearFrom)}`);
    if (filters.yearTo !== null) parts.push(`year <= ${integer(filters.yearTo)}`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}

function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`expected a whole number, got ${n}`);
  return String(n);
}

/** Meilisearch `sort` for a request: relevance is the ranking rules (newest first when there is no text). */
export function sortFor(request: Pick<SearchRequest, 'sort' | 'text'>): string[] | undefined {
  if (request.sort === 'newest' || (request.sort === 'relevance' && request.text.trim() === '')) return ['createdAt:desc', 'id:desc'];
  if (request.sort === 'year') return ['year:desc', 'createdAt:desc', 'id:desc'];
  return undefined;
}

/** The multi-search body of one search and what each of its queries answers. */
export interface MultiSearchPlan {
  queries: MultiSearchQuery[];
  /** Facets whose counts come from query i + 1 (query 0 is the main query). */
  disjunctive: FacetName[];
  /** Hits of the main query's page to skip (when `offset` is not a multiple of `limit`). */
  skip: number;
}

/**
 * Builds the one multi-search call of a search: the main query (the page of hits, the exhaustive `totalHits`
 * and the counts of every facet without a selection), then, for each facet with a selection, a query without
 * that facet's filter returning only its counts. Numbered pagination (`page`, `hitsPerPage`) makes
 * `totalHits` and the facet distribution exhaustive; `hitsPerPage: 0` returns counts without hits.
 */
export function buildMultiSearch(indexUid: string, request: SearchRequest): MultiSearchPlan {
  const selected = selectedFacets(request.filters);
  const q = request.text;
  const aligned = request.offset % request.limit === 0;
  const main: MultiSearchQuery = {
    indexUid,
    q,
    attributesToRetrieve: ['id', 'slug'],
    facets: FACETS.filter((f) => !selected.includes(f)),
    page: aligned ? request.offset / request.limit + 1 : 1,
    hitsPerPage: aligned ? request.limit : request.offset + request.limit,
  };
  const filter = buildFilter(request.filters);
  if (filter) main.filter = filter;
  const sort = sortFor(request);
  if (sort) main.sort = sort;
  const queries = [main];
  for (const f of selected) {
    const query: MultiSearchQuery = { indexUid, q, facets: [f], page: 1, hitsPerPage: 0 };
    const others = buildFilter(request.filters, f);
    if (others) query.filter = others;
    queries.push(query);
  }
  return { queries, disjunctive: selected, skip: aligned ? 0 : request.offset };
}

/** A facet's distribution as counts sorted by count desc, then value (years: newest first), zero counts dropped. */
export function facetCounts(distribution: FacetDistribution | undefined, facet: FacetName): FacetCount[] {
  const counts = Object.entries(distribution?.[facet] ?? {})
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }));
  return counts.sort((a, b) => b.count - a.count || (facet === 'year' ? Number(b.value) - Number(a.value) : a.value.localeCompare(b.value)));
}

export interface MeilisearchSearchIndex extends SearchIndex {
  readonly engine: 'meilisearch';
  readonly indexName: string;
  /** Creates the index when missing and applies {@link buildSettings}, waiting for both tasks. */
  applySettings(): Promise<void>;
  /** Adds or replaces documents and waits until Meilisearch has indexed them. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id and waits until Meilisearch has applied it. */
  remove(ids: number[]): Promise<void>;
  /** Number of documents in the live index (index stats). */
  documentCount(): Promise<number>;
}

export interface MeilisearchOptions {
  host: string;
  apiKey?: string | null;
  indexName: string;
  /** Timeout of each HTTP request in milliseconds (the client has none by default). */
  timeoutMs: number;
  /** Timeout of each request sending documents, in milliseconds (at least `timeoutMs`). Default 30 s. */
  writeTimeoutMs?: number;
  /** Longest wait for one task (indexing, settings, swap), in milliseconds. Default 120 s. */
  taskTimeoutMs?: number;
  log: Log;
  /** Synonyms to apply with the settings, read when settings are applied (the registry can change). */
  synonyms?: () => Record<string, string[]>;
}

/**
 * Creates the adapter. Makes no request until used.
 * @throws MeilisearchError when `host` is not a valid URL.
 */
export function createMeilisearchSearchIndex(opts: MeilisearchOptions): MeilisearchSearchIndex {
  const { indexName, log } = opts;
  const taskTimeout = opts.taskTimeoutMs ?? 120_000;
  const connect = (timeout: number) =>
    new Meilisearch({
      host: opts.host,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      timeout,
      defaultWaitOptions: { timeout: taskTimeout, interval: 50 },
    });
  // Searches and reads get the configured timeout; bulk writes (up to 1000 documents with their bodies)
  // get at least 30 s to upload.
  const client = connect(opts.timeoutMs);
  const bulk = connect(Math.max(opts.timeoutMs, opts.writeTimeoutMs ?? 30_000));
  const rebuildName = `${indexName}_rebuild`;

  /** Waits for an enqueued task; a task that did not succeed becomes an error. */
  async function settle(enqueued: EnqueuedTaskPromise, what: string, tolerate?: string): Promise<Task> {
    const task = await enqueued.waitTask({ timeout: taskTimeout });
    if (task.status === 'succeeded') return task;
    if (tolerate && task.error?.code === tolerate) return task;
    throw new Error(`meilisearch ${what}: task ${task.uid} ${task.status}${task.error ? `: ${task.error.code}: ${task.error.message}` : ''}`);
  }

  async function ensureIndex(uid: string): Promise<void> {
    await settle(client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`, 'index_already_exists');
  }

  async function applySettingsTo(uid: string): Promise<void> {
    await ensureIndex(uid);
    await settle(bulk.index(uid).updateSettings(buildSettings(opts.synonyms?.() ?? {})), `settings of ${uid}`);
  }

  async function upsertInto(uid: string, documents: SearchDocument[]): Promise<void> {
    if (documents.length) await settle(bulk.index<SearchDocument>(uid).addDocuments(documents), `add documents to ${uid}`);
  }

  async function removeFrom(uid: string, ids: number[]): Promise<void> {
    if (ids.length) await settle(bulk.index(uid).deleteDocuments(ids), `delete documents from ${uid}`);
  }

  return {
    engine: 'meilisearch',
    indexName,

    applySettings: () => applySettingsTo(indexName),
    upsert: (documents) => upsertInto(indexName, documents),
    remove: (ids) => removeFrom(indexName, ids),
    documentCount: async () => (await client.index(indexName).getStats()).numberOfDocuments,

    async search(request: SearchRequest): Promise<SearchResponse> {
      const plan = buildMultiSearch(indexName, request);
      const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, { id: number; slug: string }>({ queries: plan.queries });
      const main = results[0];
      if (!main || results.length !== plan.queries.length) throw new Error(`meilisearch multi-search: expected ${plan.queries.length} results, got ${results.length}`);
      const facets = {} as Record<FacetName, FacetCount[]>;
      for (const f of FACETS) {
        const i = plan.disjunctive.indexOf(f);
        facets[f] = facetCounts(i === -1 ? main.facetDistribution : results[i + 1]!.facetDistribution, f);
      }
      const hits = main.hits.slice(plan.skip, plan.skip + request.limit).map((h) => ({ id: Number(h.id), slug: String(h.slug ?? '') }));
      return { engine: 'meilisearch', total: main.totalHits ?? main.estimatedTotalHits ?? hits.length, hits, facets };
    },

    async documentIds(): Promise<number[]> {
      const ids: number[] = [];
      const limit = 1000;
      for (let offset = 0; ; offset += limit) {
        const page = await client.index<SearchDocument>(indexName).getDocuments({ fields: ['id'], limit, offset });
        for (const d of page.results) ids.push(Number(d.id));
        if (page.results.length < limit || offset + limit >= page.total) break;
      }
      return ids.sort((a, b) => a - b);
    },

    async rebuild(source, onProgress) {
      // Build `<index>_rebuild` completely (settings first, then documents), swap it with the live index in
      // one atomic task, drop the old one: readers see the old index until the swap.
      const started = performance.now();
      // A leftover from an interrupted rebuild is dropped first (the deletion task fails when there is none).
      await settle(client.deleteIndex(rebuildName), `delete ${rebuildName}`, 'index_not_found');
      await applySettingsTo(rebuildName);
      let done = 0;
      let batch: SearchDocument[] = [];
      for (const d of source.all()) {
        batch.push(d);
        if (batch.length === REBUILD_BATCH) {
          await upsertInto(rebuildName, batch);
          done += batch.length;
          batch = [];
          onProgress?.(done, source.total);
        }
      }
      await upsertInto(rebuildName, batch);
      done += batch.length;
      await ensureIndex(indexName);
      await settle(client.swapIndexes([{ indexes: [indexName, rebuildName], rename: false }]), `swap ${indexName} and ${rebuildName}`);
      await settle(client.deleteIndex(rebuildName), `delete ${rebuildName}`);
      // Records written since the source started reading: applied again to the new live index.
      const upserts: SearchDocument[] = [];
      const deletes: number[] = [];
      for (const { id, document } of source.changedSince(source.startedAt)) {
        if (document) upserts.push(document);
        else deletes.push(id);
      }
      await upsertInto(indexName, upserts);
      await removeFrom(indexName, deletes);
      onProgress?.(done, source.total);
      log.info({ index: indexName, documents: done, reapplied: upserts.length + deletes.length, ms: Math.round(performance.now() - started) }, 'meilisearch index rebuilt');
    },

    async close() {
      // The client holds no connection of its own (fetch); nothing to release.
    },
  };
}
