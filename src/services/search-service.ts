import type { Clock, Log, PartnerStore, PracticeStore } from '../domain/ports.js';
import type { PracticeSummary } from '../domain/practice.js';
import {
  DEFAULT_PER_PAGE,
  emptyFilters,
  type DocumentSource,
  type EngineName,
  type FacetCount,
  type FacetName,
  type SearchFilters,
  type SearchIndex,
  type SearchSort,
} from '../domain/search.js';
import { KINDS, LANGUAGES, PILLAR_IDS, type Kind, type Language, type PillarId } from '../domain/taxonomy.js';
import type { Fts5SearchIndex } from '../search/fts5-search-index.js';
import { highlight, matcherFor, snippet, type Segment } from '../search/highlight.js';
import { parseQuery, type QueryWarning } from '../search/query-parser.js';
import { buildSearchDocument } from '../search/search-document.js';
import type { Synonyms } from '../search/synonyms.js';
import { LRUCache } from 'lru-cache';
import type { TaxonomyService } from './taxonomy-service.js';

/** A search as the routes pass it: the URL's parameters, already shape-checked (zod). */
export interface SearchInput {
  q: string;
  /** Raw filter values from the URL: ids, codes or aliases, any case. */
  pillar: string[];
  country: string[];
  partner: string[];
  kind: string[];
  language: string[];
  yearFrom: number | null;
  yearTo: number | null;
  sort: SearchSort;
  /** 1-based page number and page size (1..100). */
  page: number;
  perPage: number;
}

/**
 * A complete SearchInput from the fields given: no text, no filters, relevance, page 1 of 20 otherwise.
 * For scripts and tests that search without a URL.
 */
export function searchInput(partial: Partial<SearchInput> = {}): SearchInput {
  return {
    q: '',
    pillar: [],
    country: [],
    partner: [],
    kind: [],
    language: [],
    yearFrom: null,
    yearTo: null,
    sort: 'relevance',
    page: 1,
    perPage: DEFAULT_PER_PAGE,
    ...partial,
  };
}

export type SearchWarning = QueryWarning | { code: 'engine_unavailable'; engine: EngineName; fallback: EngineName };

export interface SearchHit {
  practice: PracticeSummary;
  highlights: { title: Segment[]; summary: Segment[]; snippet: Segment[] };
}

/** Everything the search page and `/api/search` show. */
export interface SearchOutcome {
  q: string;
  /** `q` without its inline filters. */
  text: string;
  /** Effective filters: the URL's and the inline ones, resolved to ids. */
  filters: SearchFilters;
  /** The URL's filters alone (resolved); inline ones live in `q`. */
  urlFilters: SearchFilters;
  sort: SearchSort;
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
  engine: EngineName;
  hits: SearchHit[];
  facets: Record<FacetName, FacetCount[]>;
  warnings: SearchWarning[];
  /** A respelled query when nothing was found and a closer spelling exists. */
  suggestion: string | null;
}

/**
 * Search use case: parse the query's inline syntax, resolve URL filters (aliases, names, any case),
 * ask the primary engine (Meilisearch when configured) and fall back to the embedded FTS5 engine when it
 * is unreachable, then hydrate hits from SQLite and highlight them. Only published practices are searched.
 */
export function createSearchService(deps: {
  practices: PracticeStore;
  partners: PartnerStore;
  taxonomy: TaxonomyService;
  embedded: Fts5SearchIndex;
  /** The version results are cached under (services' `searchVersion`); defaults to the embedded index's. */
  version?: () => string;
  /** The primary engine when it is not the embedded one (Meilisearch). */
  primary?: SearchIndex;
  synonyms?: Synonyms;
  /** Outcomes kept in the result cache (0 turns it off). */
  cacheSize?: number;
  clock: Clock;
  log: Log;
}) {
  const { practices, partners, taxonomy, embedded, log } = deps;
  const version = deps.version ?? (() => embedded.version());

  function resolveUrlFilters(input: SearchInput, warnings: SearchWarning[]): SearchFilters {
    const f = emptyFilters();
    const unknown = (field: QueryWarning['field'], value: string) => warnings.push({ code: 'unknown_value', field, value });
    const push = <T extends string>(list: T[], v: T) => {
      if (!list.includes(v)) list.push(v);
    };
    for (const v of input.pillar) (PILLAR_IDS as readonly string[]).includes(v) ? push(f.pillar, v as PillarId) : unknown('pillar', v);
    for (const v of input.kind) (KINDS as readonly string[]).includes(v) ? push(f.kind, v as Kind) : unknown('kind', v);
    for (const v of input.language) (LANGUAGES as readonly string[]).includes(v) ? push(f.language, v as Language) : unknown('language', v);
    for (const v of input.country) {
      const code = v.length === 2 && taxonomy.isCountryCode(v.toUpperCase()) ? v.toUpperCase() : taxonomy.findCountry(v);
      if (code) push(f.country, code);
      else unknown('country', v);
    }
    for (const v of input.partner) {
      const p = partners.resolve(v);
      if (p) push(f.partner, p.id);
      else unknown('partner', v);
    }
    f.yearFrom = input.yearFrom;
    f.yearTo = input.yearTo;
    return f;
  }

  function merge(a: SearchFilters, b: SearchFilters): SearchFilters {
    const u = <T>(x: T[], y: T[]) => [...new Set([...x, ...y])];
    return {
      pillar: u(a.pillar, b.pillar),
      country: u(a.country, b.country),
      partner: u(a.partner, b.partner),
      kind: u(a.kind, b.kind),
      language: u(a.language, b.language),
      yearFrom: b.yearFrom ?? a.yearFrom,
      yearTo: b.yearTo ?? a.yearTo,
    };
  }

  // Results of recent searches, keyed by the index version and the input: any write changes the version,
  // so a cached outcome is never stale. Popular queries (the home page's pillars, a country's link) repeat.
  const cacheSize = deps.cacheSize ?? 500;
  const cache = cacheSize > 0 ? new LRUCache<string, SearchOutcome>({ max: cacheSize }) : null;

  return {
    /** Runs a search (see {@link SearchOutcome}); identical searches on an unchanged index come from a cache. */
    async search(input: SearchInput): Promise<SearchOutcome> {
      const key = `${version()}|${JSON.stringify(input)}`;
      const cached = cache?.get(key);
      if (cached) return cached;
      const outcome = await searchUncached(input);
      if (!outcome.warnings.some((w) => w.code === 'engine_unavailable')) cache?.set(key, outcome);
      return outcome;
    },

    /** The same search, always computed (benchmarks measure this path). */
    searchUncached: (input: SearchInput) => searchUncached(input),

    /** Every published practice as search documents, for rebuilds (reads SQLite lazily). */
    documentSource: () => documentSource(),
  };

  async function searchUncached(input: SearchInput): Promise<SearchOutcome> {
    const warnings: SearchWarning[] = [];
    const parsed = parseQuery(input.q, { taxonomy, partners });
    warnings.push(...parsed.warnings);
    const urlFilters = resolveUrlFilters(input, warnings);
    const filters = merge(urlFilters, parsed.filters);
    const request = { text: parsed.text, filters, sort: input.sort, offset: (input.page - 1) * input.perPage, limit: input.perPage };

    let response;
    if (deps.primary) {
      try {
        response = await deps.primary.search(request);
      } catch (err) {
        log.warn({ err, engine: deps.primary.engine }, 'search engine unavailable, answering from the embedded engine');
        warnings.push({ code: 'engine_unavailable', engine: deps.primary.engine, fallback: 'fts5' });
      }
    }
    response ??= await embedded.search(request);

    const ids = response.hits.map((h) => h.id);
    const summaries = practices.summariesByIds(ids).filter((p) => p.status === 'published');
    const bodies = embedded.bodies(summaries.map((p) => p.id));
    const match = matcherFor(parsed.text, deps.synonyms);
    const hits = summaries.map((practice) => ({
      practice,
      highlights: {
        title: highlight(practice.title, match),
        summary: highlight(practice.summary, match),
        snippet: snippet(bodies.get(practice.id) ?? '', match),
      },
    }));
    // "Did you mean": only a respelling that finds something under the same filters.
    let suggestion = response.total === 0 && parsed.text ? embedded.suggest(parsed.text) : null;
    if (suggestion) {
      const check = await embedded.search({ ...request, text: suggestion, offset: 0, limit: 1 });
      if (check.total === 0) suggestion = null;
    }
    return {
      q: input.q,
      text: parsed.text,
      filters,
      urlFilters,
      sort: input.sort,
      page: input.page,
      perPage: input.perPage,
      total: response.total,
      totalPages: Math.max(1, Math.ceil(response.total / input.perPage)),
      engine: response.engine,
      hits,
      facets: response.facets,
      warnings,
      suggestion,
    };
  }

  function documentSource(): DocumentSource {
    return {
      total: practices.count({ status: 'published' }),
      startedAt: deps.clock.now(),
      *all() {
        for (const p of practices.iteratePublished()) yield buildSearchDocument(p, taxonomy);
      },
      *changedSince(since) {
        for (const p of practices.changedSince(since)) {
          yield { id: p.id, document: p.status === 'published' ? buildSearchDocument(p, taxonomy) : null };
        }
      },
    };
  }
}
export type SearchService = ReturnType<typeof createSearchService>;
