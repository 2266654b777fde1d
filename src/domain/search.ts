import type { Kind, Language, PillarId } from './taxonomy.js';

/**
 * The search contract shared by every SearchIndex adapter (embedded FTS5, Meilisearch).
 * Text semantics follow Meilisearch's defaults so both engines can be held to one contract suite:
 * case-, accent- and normalisation-insensitive; prefix match on the last word; typos tolerated
 * (1 for words of 5-8 characters, 2 from 9; a typo on the first letter counts double);
 * `"quoted phrases"` must appear as written; stop words (es, en) are ignored.
 */

/** Facets in display order. `year` is a facet of single years; its filter is a range. */
export const FACETS = ['pillar', 'country', 'partner', 'kind', 'language', 'year'] as const;
export type FacetName = (typeof FACETS)[number];

export const SORTS = ['relevance', 'newest', 'year'] as const;
export type SearchSort = (typeof SORTS)[number];

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;

/** Structured filters: OR within one facet, AND across facets. Empty lists mean "no filter". */
export interface SearchFilters {
  pillar: PillarId[];
  /** ISO 3166-1 alpha-2, uppercase. */
  country: string[];
  /** Partner registry ids. */
  partner: string[];
  kind: Kind[];
  language: Language[];
  /** Inclusive year range; null for open ends. */
  yearFrom: number | null;
  yearTo: number | null;
}

export function emptyFilters(): SearchFilters {
  return { pillar: [], country: [], partner: [], kind: [], language: [], yearFrom: null, yearTo: null };
}

/** What an engine is asked. `text` is free text with the inline syntax already removed. */
export interface SearchRequest {
  text: string;
  filters: SearchFilters;
  sort: SearchSort;
  /** 0-based offset of the first hit; `limit` hits at most (1..MAX_PER_PAGE). */
  offset: number;
  limit: number;
}

/** One facet value's count over the result set, disjunctive (ignoring the facet's own selection). */
export interface FacetCount {
  value: string;
  count: number;
}

export type EngineName = 'fts5' | 'meilisearch';

/** What an engine answers: ids of the page's hits in rank order, the total and facet counts. */
export interface SearchResponse {
  engine: EngineName;
  total: number;
  hits: Array<{ id: number; slug: string }>;
  /** Every facet, values sorted by count desc then value; values with count 0 may be omitted. */
  facets: Record<FacetName, FacetCount[]>;
}

/**
 * The document an engine indexes for one published practice, built by search/search-document.ts from
 * the record and the taxonomy so that every engine sees the same text.
 */
export interface SearchDocument {
  id: number;
  slug: string;
  title: string;
  summary: string;
  /** Names of the practice's countries (es/en/fr), partners (ids, aliases, names) and pillars: one string. */
  tags: string;
  /** The body as plain text (Markdown removed). */
  body: string;
  pillar: PillarId[];
  country: string[];
  partner: string[];
  kind: Kind;
  language: Language;
  year: number;
  /** Milliseconds since the epoch of created_at: the `newest` sort key. */
  createdAt: number;
}

/** What a rebuild reads: SQLite's published practices as search documents. */
export interface DocumentSource {
  /** Number of documents `all()` yields. */
  total: number;
  /** ISO time taken before `all()` started reading. */
  startedAt: string;
  /** Every published practice's document, in id order. */
  all(): Iterable<SearchDocument>;
  /** Records written at or after `since`: their document, or null when no longer published. */
  changedSince(since: string): Iterable<{ id: number; document: SearchDocument | null }>;
}

/** The port every search engine adapter implements. */
export interface SearchIndex {
  readonly engine: EngineName;
  /**
   * Runs a search. Never throws for any text (any string is a valid query); throws only when the
   * engine itself is unavailable (the caller then falls back to the embedded engine).
   */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Ids of every document in the index (for `search:check`). */
  documentIds(): Promise<number[]>;
  /**
   * Rebuilds the index from `source` (every published practice), idempotently and safely while the
   * server runs: readers see the old index until the new one is complete, and records written during
   * the rebuild are applied again at the end (`source.changedSince`). `onProgress(done, total)` is
   * called as batches complete.
   */
  rebuild(source: DocumentSource, onProgress?: (done: number, total: number) => void): Promise<void>;
  close(): Promise<void>;
}
