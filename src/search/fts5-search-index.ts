import { typoDistance } from './edit-distance.js';
import { TypedFastBitSet } from 'typedfastbitset';
import type { Log } from '../domain/ports.js';
import type { Practice } from '../domain/practice.js';
import {
  FACETS,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchIndex,
  type SearchRequest,
  type SearchResponse,
} from '../domain/search.js';
import type { SqliteDatabase } from '../storage/sqlite/database.js';
import { SEARCH_DOCUMENT_VERSION } from './search-document.js';
import type { Synonyms } from './synonyms.js';
import { foldToken, parseText, tokenize, typoBudget } from './text-analysis.js';

/**
 * The embedded search engine: SQLite FTS5 for text matching (table `search_fts`, written in the same
 * transaction as each practice) and in-memory bitsets (TypedFastBitSet, one per facet value) for filters
 * and disjunctive facet counts, so a facet count costs one word-wise AND + popcount over the document id
 * space instead of a SQL GROUP BY over the match set (see ../shared/PERFORMANCE.md).
 *
 * Ranking, in the spirit of Meilisearch's default rules: (1) number of query words matched, (2) words
 * matched without a typo, (3) best attribute matched (title > summary > tags > body), (4) sum of the
 * matched words' inverse document frequency, (5) newest. Phrases are required. Sorts `newest` and `year`
 * walk precomputed orders.
 *
 * The bitsets are a cache of SQLite, refreshed per document after this process's writes and rebuilt
 * when another connection commits (PRAGMA data_version).
 */

type Bitset = TypedFastBitSet;

/** One query word, or a phrase, with the FTS5 MATCH expressions that find it. */
/** One indexed token to look up: a whole term, or a prefix (the last word as typed). */
interface Atom {
  token: string;
  prefix: boolean;
}

interface TermPlan {
  /** The word as typed (or as a prefix, for the last word) and its synonyms. */
  exact: Atom[];
  /** Its typo variants (empty when none). */
  typos: Atom[];
}

/** An atom's documents: anywhere, and per ranking column (title, summary, tags), each loaded on first use. */
interface Posting {
  all: Bitset;
  columns: Array<Bitset | undefined>;
}

interface FacetState {
  /** PRAGMA data_version when the state was last brought up to date. */
  version: number;
  /** The last search_changes row applied (changes after it are re-read when another connection writes). */
  changeSeq: number;
  published: Bitset;
  values: Record<FacetName, Map<string, Bitset>>;
  year: Map<number, number>;
  /** Position of each id in newestOrder, indexed by id (fast tie-breaks). */
  newestRankArray: Int32Array;
  newestOrder: number[];
  yearOrder: number[];
}

const RANK_COLUMNS = ['title', 'summary', 'tags'] as const;

/** Past this many practices changed by another connection, reloading every bitset is cheaper. */
const MAX_INCREMENTAL_CHANGES = 2000;
/** Past this many re-read ids, sorting the orders again is cheaper than moving each id. */
const MAX_REORDERED = 500;
/** search_changes keeps its newest CHANGE_LOG_KEEP rows, pruned every CHANGE_LOG_PRUNE_EVERY writes of this process. */
const CHANGE_LOG_KEEP = 20_000;
const CHANGE_LOG_PRUNE_EVERY = 1000;

/** `"term"` for FTS5, doubling any quote (terms are letters and digits, but be strict anyway). */
function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** Best k items by `score` desc (ties: `tie` asc), without sorting everything when the list is long. */
function topK<T>(items: T[], k: number, score: (x: T) => number, tie: (x: T) => number): T[] {
  const cmp = (a: T, b: T) => score(b) - score(a) || tie(a) - tie(b);
  if (items.length <= Math.max(64, k * 4)) return items.sort(cmp).slice(0, k);
  // Keep a sorted window of the best k while scanning: O(n log k) on average for k << n.
  const best: T[] = [];
  for (const x of items) {
    if (best.length === k && cmp(x, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, x);
    if (best.length > k) best.pop();
  }
  return best;
}

export interface Fts5SearchIndex extends SearchIndex {
  /** Loads the facet bitsets and the typo vocabulary now (seconds at 100k records) instead of on the first search. */
  warm(): { documents: number; terms: number };
  /**
   * Changes whenever the indexed content may have changed (this process's writes, another connection's
   * commits, rebuilds): the key under which search results may be cached.
   */
  version(): string;
  /** Plain-text bodies of the given documents (for snippets), by id. */
  bodies(ids: number[]): Map<number, string>;
  /**
   * A respelling of `text` where each word unknown to the index is replaced by its closest indexed term
   * (edit distance up to 2); null when every word is known or nothing close exists.
   */
  suggest(text: string): string | null;
  /** Writes (or removes, when not published) the practice's FTS row. Call inside the record's transaction. */
  write(practice: Practice, document: () => SearchDocument): void;
  /** True when the FTS rows were built with another document format or count differs from the records. */
  needsRebuild(): boolean;
}

/**
 * Creates the embedded engine over an open, migrated database.
 * @param deps.db better-sqlite3 connection (the app's one connection)
 * @param deps.log logger for rebuild notices
 * @param deps.synonyms cross-language synonyms; a synonym match counts as an exact match
 */
export function createFts5SearchIndex(deps: { db: SqliteDatabase; log: Log; synonyms?: Synonyms }): Fts5SearchIndex {
  const { db, log } = deps;
  const deleteRow = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
  const insertRow = db.prepare('INSERT INTO search_fts (rowid, title, summary, tags, body) VALUES (?, ?, ?, ?, ?)');
  const matchIds = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck();
  const allIds = db.prepare('SELECT rowid FROM search_fts ORDER BY rowid').pluck();
  const bodiesOf = db.prepare('SELECT rowid AS id, body FROM search_fts WHERE rowid IN (SELECT value FROM json_each(?))');
  // Whether a term is indexed: one MATCH that stops at the first row (tens of µs). The fts5vocab table
  // would read the term's whole posting list to count it (1.6 ms for a common word at 100k records).
  const termMatch = db.prepare('SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1').pluck();
  const termExists = { get: (term: string) => termMatch.get(quote(term)) };
  const ftsRow = db.prepare('SELECT title, summary, tags, body FROM search_fts WHERE rowid = ?');
  const ftsCount = db.prepare('SELECT count(*) FROM search_fts').pluck();
  const publishedCount = db.prepare("SELECT count(*) FROM practices WHERE status = 'published'").pluck();
  const getState = db.prepare('SELECT value FROM search_state WHERE key = ?').pluck();
  const setState = db.prepare('INSERT INTO search_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const logChange = db.prepare('INSERT INTO search_changes (practice_id) VALUES (?)');
  const lastChange = db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'), 0)").pluck();
  const changesAfter = db.prepare('SELECT seq, practice_id AS id FROM search_changes WHERE seq > ? ORDER BY seq LIMIT ?');
  const pruneChanges = db.prepare('DELETE FROM search_changes WHERE seq <= ?');
  const vocabTerms = db.prepare('SELECT term FROM search_fts_vocab').pluck();
  const facetRows = {
    base: db.prepare("SELECT id, kind, language, year, created_at FROM practices WHERE status = 'published'"),
    baseOne: db.prepare("SELECT id, kind, language, year, created_at FROM practices WHERE status = 'published' AND id = ?"),
    country: db.prepare("SELECT t.practice_id AS id, t.country_code AS v FROM practice_countries t JOIN practices p ON p.id = t.practice_id WHERE p.status = 'published'"),
    pillar: db.prepare("SELECT t.practice_id AS id, t.pillar_id AS v FROM practice_pillars t JOIN practices p ON p.id = t.practice_id WHERE p.status = 'published'"),
    partner: db.prepare("SELECT t.practice_id AS id, t.partner_id AS v FROM practice_partners t JOIN practices p ON p.id = t.practice_id WHERE p.status = 'published'"),
    countryOne: db.prepare('SELECT country_code FROM practice_countries WHERE practice_id = ?').pluck(),
    pillarOne: db.prepare('SELECT pillar_id FROM practice_pillars WHERE practice_id = ?').pluck(),
    partnerOne: db.prepare('SELECT partner_id FROM practice_partners WHERE practice_id = ?').pluck(),
  };

  let state: FacetState | null = null;
  let writes = 0;
  let ordersStale = false;
  /** Ids re-read since the orders were last brought up to date. */
  const reordered = new Set<number>();
  const dirty = new Set<number>();
  let vocab: Map<string, string[]> | null = null;
  let vocabSet: Set<string> | null = null;
  const pendingTerms = new Set<string>();
  /** Vocabulary terms found no longer indexed, to drop from their buckets. */
  const goneTerms: string[] = [];

  function add(map: Map<string, Bitset>, value: string, id: number) {
    let set = map.get(value);
    if (!set) map.set(value, (set = new TypedFastBitSet()));
    set.add(id);
  }

  interface BaseRow { id: number; kind: string; language: string; year: number; created_at: string }

  function addBase(s: FacetState, r: BaseRow, created: Map<number, number>) {
    s.published.add(r.id);
    add(s.values.kind, r.kind, r.id);
    add(s.values.language, r.language, r.id);
    add(s.values.year, String(r.year), r.id);
    s.year.set(r.id, r.year);
    created.set(r.id, Date.parse(r.created_at));
  }

  let createdAt = new Map<number, number>();

  const newestFirst = (a: number, b: number) => createdAt.get(b)! - createdAt.get(a)! || b - a;
  const yearFirst = (s: FacetState) => (a: number, b: number) => s.year.get(b)! - s.year.get(a)! || s.newestRankArray[a]! - s.newestRankArray[b]!;

  function rankNewest(s: FacetState) {
    s.newestRankArray = new Int32Array((s.published.array().at(-1) ?? 0) + 1).fill(2_147_483_647);
    s.newestOrder.forEach((id, i) => (s.newestRankArray[id] = i));
  }

  /** Sorts every published id by creation (newest first) and by year (then newest). */
  function buildOrders(s: FacetState) {
    const ids = s.published.array();
    s.newestOrder = ids.slice().sort(newestFirst);
    rankNewest(s);
    s.yearOrder = ids.slice().sort(yearFirst(s));
    reordered.clear();
    ordersStale = false;
  }

  /** Inserts `id` into the sorted `list` at its place (binary search). */
  function insertSorted(list: number[], id: number, compare: (a: number, b: number) => number) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, id);
  }

  /**
   * Moves just the re-read ids to their places in both orders (the others keep their relative order), or
   * sorts everything again past {@link MAX_REORDERED} ids. At 100k records a full sort costs about 80 ms.
   */
  function updateOrders(s: FacetState) {
    if (reordered.size > MAX_REORDERED) return buildOrders(s);
    const keep = (id: number) => !reordered.has(id);
    s.newestOrder = s.newestOrder.filter(keep);
    s.yearOrder = s.yearOrder.filter(keep);
    const back = [...reordered].filter((id) => s.published.has(id));
    for (const id of back) insertSorted(s.newestOrder, id, newestFirst);
    rankNewest(s);
    const byYear = yearFirst(s);
    for (const id of back) insertSorted(s.yearOrder, id, byYear);
    reordered.clear();
    ordersStale = false;
  }

  /** Loads every published record's facet values from SQLite into fresh bitsets. */
  function loadState(): FacetState {
    const started = performance.now();
    const s: FacetState = {
      version: dataVersion.get() as number,
      // Read before the rows: a change committed meanwhile is re-applied later (re-reading a row is idempotent).
      changeSeq: lastChange.get() as number,
      published: new TypedFastBitSet(),
      values: { pillar: new Map(), country: new Map(), partner: new Map(), kind: new Map(), language: new Map(), year: new Map() },
      year: new Map(),
      newestRankArray: new Int32Array(0),
      newestOrder: [],
      yearOrder: [],
    };
    createdAt = new Map();
    for (const r of facetRows.base.iterate() as IterableIterator<BaseRow>) addBase(s, r, createdAt);
    for (const f of ['country', 'pillar', 'partner'] as const) {
      for (const r of facetRows[f].iterate() as IterableIterator<{ id: number; v: string }>) add(s.values[f], r.v, r.id);
    }
    buildOrders(s);
    dirty.clear();
    log.debug({ documents: s.published.size(), ms: Math.round(performance.now() - started) }, 'search facets loaded');
    return s;
  }

  /** Re-reads the documents this process wrote since the last search. */
  function refreshDirty(s: FacetState) {
    if (dirty.size > 200) postings.clear(); // a bulk write: cheaper to reload what is used next
    for (const id of dirty) {
      if (postings.size > 0) updatePostings(id, ftsRow.get(id) as { title: string; summary: string; tags: string; body: string } | undefined);
      s.published.remove(id);
      for (const f of FACETS) for (const set of s.values[f].values()) set.remove(id);
      s.year.delete(id);
      reordered.add(id);
      const r = facetRows.baseOne.get(id) as BaseRow | undefined;
      if (r) {
        addBase(s, r, createdAt);
        for (const v of facetRows.countryOne.all(id) as string[]) add(s.values.country, v, id);
        for (const v of facetRows.pillarOne.all(id) as string[]) add(s.values.pillar, v, id);
        for (const v of facetRows.partnerOne.all(id) as string[]) add(s.values.partner, v, id);
      }
    }
    dirty.clear();
    ordersStale = true;
  }

  /**
   * Another connection committed: queue the practices it changed (from search_changes) for re-reading, as
   * this process's own writes are. False when that is not possible or not worth it (a rebuild, changes
   * pruned before this process saw them, or more than {@link MAX_INCREMENTAL_CHANGES}): reload everything.
   */
  function applyExternalChanges(s: FacetState): boolean {
    if (db.inTransaction) return false; // rows this transaction logged could still roll back
    const rows = changesAfter.all(s.changeSeq, MAX_INCREMENTAL_CHANGES + 1) as Array<{ seq: number; id: number | null }>;
    if (rows.length === 0) return lastChange.get() === s.changeSeq; // nothing logged: other tables changed
    if (rows.length > MAX_INCREMENTAL_CHANGES || rows[0]!.seq !== s.changeSeq + 1 || rows.some((r) => r.id === null)) return false;
    for (const r of rows) {
      dirty.add(r.id!);
      if (vocab) {
        const row = ftsRow.get(r.id!) as { title: string; summary: string; tags: string; body: string } | undefined;
        if (row) for (const t of tokenize(`${row.title} ${row.summary} ${row.tags} ${row.body}`)) pendingTerms.add(t.term);
      }
    }
    s.changeSeq = rows.at(-1)!.seq;
    return true;
  }

  function current(): FacetState {
    const version = dataVersion.get() as number;
    if (state && state.version !== version) {
      if (applyExternalChanges(state)) state.version = version;
      else state = null;
    } else if (state && dirty.size > 0 && !db.inTransaction) {
      // This process wrote: the changes it logged are already queued, so skip them when another connection
      // writes later. Only when no other connection committed meanwhile (data_version read again after).
      const seq = lastChange.get() as number;
      if (dataVersion.get() === version) state.changeSeq = seq;
    }
    if (!state) {
      state = loadState();
      vocab = null; // another connection rebuilt or wrote much: the vocabulary and postings may have changed too
      postings.clear();
    } else if (dirty.size > 0) refreshDirty(state);
    if (ordersStale) updateOrders(state);
    return state;
  }

  /** The index vocabulary bucketed by first character, for typo candidates. */
  function vocabulary(): Map<string, string[]> {
    if (!vocab) {
      const started = performance.now();
      vocab = new Map();
      vocabSet = new Set();
      for (const t of vocabTerms.iterate() as IterableIterator<string>) addTerm(vocab, t);
      pendingTerms.clear();
      log.debug({ terms: [...vocab.values()].reduce((a, b) => a + b.length, 0), ms: Math.round(performance.now() - started) }, 'search vocabulary loaded');
    } else if (pendingTerms.size > 0) {
      for (const t of pendingTerms) addTerm(vocab, t);
      pendingTerms.clear();
    }
    return vocab;
  }
  function addTerm(v: Map<string, string[]>, term: string) {
    if (vocabSet!.has(term)) return;
    vocabSet!.add(term);
    const first = term[0]!;
    let list = v.get(first);
    if (!list) v.set(first, (list = []));
    list.push(term);
  }

  /**
   * Vocabulary terms within the word's typo budget (Meilisearch's rule: a typo on the first letter counts
   * as two), excluding the word itself. Capped to the 20 closest.
   */
  function typoVariants(word: string): string[] {
    const budget = typoBudget(word);
    if (budget === 0) return [];
    const v = vocabulary();
    const found = new Map<string, number>();
    for (const t of v.get(word[0]!) ?? []) {
      if (t === word || Math.abs(t.length - word.length) > budget) continue;
      const d = typoDistance(word, t);
      if (d <= budget && !(found.get(t)! <= d)) found.set(t, d);
    }
    if (budget >= 2) {
      // A first-letter typo spends the whole budget of 2: the rest must be identical. Probe the
      // vocabulary for the three one-edit shapes at the first letter instead of scanning it.
      const rest = word.slice(1);
      const swapped = word.length > 2 ? word[1]! + word[0]! + word.slice(2) : '';
      const candidates = [rest, swapped, ...[...v.keys()].flatMap((c) => (c === word[0] ? [] : [c + rest, c + word]))];
      for (const c of candidates) if (c.length > 0 && c !== word && vocabSet!.has(c) && !found.has(c)) found.set(c, 2);
    }
    const out: string[] = [];
    for (const [t] of [...found.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))) {
      if (liveTerm(t)) out.push(t);
      if (out.length === 20) break;
    }
    sweepGoneTerms();
    return out;
  }

  /**
   * True when `term` is still in the index. The in-memory vocabulary only grows between full loads (a
   * change can remove a record's last use of a word); a term found gone is dropped from it here.
   */
  function liveTerm(term: string): boolean {
    if (termExists.get(term)) return true;
    if (vocabSet?.delete(term)) goneTerms.push(term);
    return false;
  }

  /** Removes the terms {@link liveTerm} found gone from the vocabulary's buckets (after any loop over them). */
  function sweepGoneTerms() {
    for (const term of goneTerms.splice(0)) {
      const list = vocab?.get(term[0]!);
      const i = list ? list.indexOf(term) : -1;
      if (i >= 0) list!.splice(i, 1);
    }
  }

  function plan(word: string, prefix: boolean): TermPlan {
    const asPrefix = prefix && word.length >= 2;
    // Synonyms already covered by the typed prefix (migracion* covers migraciones) are left out.
    const synonyms = (deps.synonyms?.of(word) ?? []).filter((syn) => !(asPrefix && syn.startsWith(word)));
    const known = new Set([word, ...synonyms]);
    const variants = typoVariants(word).filter((v) => !known.has(v) && !(asPrefix && v.startsWith(word)));
    return {
      exact: [{ token: word, prefix: asPrefix }, ...synonyms.map((t) => ({ token: t, prefix: false }))],
      typos: variants.map((t) => ({ token: t, prefix: false })),
    };
  }

  function ids(expression: string): Bitset {
    return new TypedFastBitSet(matchIds.all(expression) as number[]);
  }

  // Posting lists of recently used atoms as bitsets (an LRU of at most POSTING_CACHE atoms): the common
  // words of a migration corpus are in nearly every record, and reading their FTS5 lists (~100k rowids)
  // dominates a search. Kept exact: the practices written here or by another connection (search_changes)
  // update the cached bitsets before the next search (see refreshDirty); a full reload empties the cache.
  const POSTING_CACHE = 1000;
  const postings = new Map<string, Posting>();
  const atomExpr = (a: Atom) => (a.prefix ? `${quote(a.token)}*` : quote(a.token));
  function posting(a: Atom): Posting {
    const key = (a.prefix ? '*' : '=') + a.token;
    let p = postings.get(key);
    if (p) {
      postings.delete(key); // re-insert: most recently used last
      postings.set(key, p);
      return p;
    }
    p = { all: ids(atomExpr(a)), columns: [] };
    postings.set(key, p);
    if (postings.size > POSTING_CACHE) postings.delete(postings.keys().next().value!);
    return p;
  }
  function atomsSet(atoms: Atom[]): Bitset {
    return union(atoms.map((a) => posting(a).all));
  }
  function atomsColumn(atoms: Atom[], column: number): Bitset {
    return union(atoms.map((a) => {
      const p = posting(a);
      return (p.columns[column] ??= ids(`{${RANK_COLUMNS[column]}} : ${atomExpr(a)}`));
    }));
  }
  /** Applies one document's current text (or its removal) to the cached posting bitsets. */
  function updatePostings(id: number, row: { title: string; summary: string; tags: string; body: string } | undefined) {
    const cols = row ? [row.title, row.summary, row.tags].map((t) => new Set(tokenize(t).map((x) => x.term))) : [];
    const all = row ? new Set([...cols.flatMap((c) => [...c]), ...tokenize(row.body).map((x) => x.term)]) : new Set<string>();
    const has = (set: Set<string>, key: string) => {
      const token = key.slice(1);
      if (key[0] === '=') return set.has(token);
      for (const t of set) if (t.startsWith(token)) return true;
      return false;
    };
    for (const [key, p] of postings) {
      if (row && has(all, key)) p.all.add(id);
      else p.all.remove(id);
      p.columns.forEach((c, i) => {
        if (!c) return;
        if (row && has(cols[i]!, key)) c.add(id);
        else c.remove(id);
      });
    }
  }

  function union(sets: Bitset[]): Bitset {
    const out = new TypedFastBitSet();
    for (const s of sets) out.union(s);
    return out;
  }

  function emptyFacets(): Record<FacetName, FacetCount[]> {
    return { pillar: [], country: [], partner: [], kind: [], language: [], year: [] };
  }

  async function search(request: SearchRequest): Promise<SearchResponse> {
    const s = current();
    const text = parseText(request.text);
    const filters = request.filters;

    // 1. Text: candidate set, and per-word sets for ranking.
    const words = text.words.map((w, i) => plan(w, text.lastIsPrefix && i === text.words.length - 1));
    const exactSets = words.map((p) => atomsSet(p.exact));
    const wordSets = words.map((p, i) => (p.typos.length ? exactSets[i]!.new_union(atomsSet(p.typos)) : exactSets[i]!));
    const phrasePlans = text.phrases.map((ph) => quote(ph.join(' ')));
    const phraseSets = phrasePlans.map(ids);
    let candidates: Bitset;
    if (wordSets.length > 0) candidates = union(wordSets).intersection(s.published);
    else candidates = s.published.clone();
    for (const p of phraseSets) candidates.intersection(p);

    // 2. Filters per facet (OR within a facet), then the result set and disjunctive facet bases.
    const facetFilter: Partial<Record<FacetName, Bitset>> = {};
    for (const f of ['pillar', 'country', 'partner', 'kind', 'language'] as const) {
      const selected = filters[f] as string[];
      if (selected.length) facetFilter[f] = union(selected.map((v) => s.values[f].get(v) ?? new TypedFastBitSet()));
    }
    if (filters.yearFrom !== null || filters.yearTo !== null) {
      const from = filters.yearFrom ?? -Infinity;
      const to = filters.yearTo ?? Infinity;
      facetFilter.year = union([...s.values.year].filter(([y]) => Number(y) >= from && Number(y) <= to).map(([, b]) => b));
    }
    const active = Object.entries(facetFilter) as Array<[FacetName, Bitset]>;
    const result = candidates.clone();
    for (const [, b] of active) result.intersection(b);

    const facets = emptyFacets();
    for (const f of FACETS) {
      let base = candidates;
      const others = active.filter(([g]) => g !== f);
      if (others.length) {
        base = candidates.clone();
        for (const [, b] of others) base.intersection(b);
      }
      const counts: FacetCount[] = [];
      for (const [value, set] of s.values[f]) {
        const count = base.intersection_size(set);
        if (count > 0) counts.push({ value, count });
      }
      counts.sort((a, b) => b.count - a.count || (f === 'year' ? Number(b.value) - Number(a.value) : a.value.localeCompare(b.value)));
      facets[f] = counts;
    }

    // 3. Order and page.
    const total = result.size();
    const need = Math.min(total, request.offset + request.limit);
    let ordered: number[];
    if (need === 0) ordered = [];
    else if (request.sort === 'newest' || (request.sort === 'relevance' && words.length === 0)) ordered = walk(s.newestOrder, result, need);
    else if (request.sort === 'year') ordered = walk(s.yearOrder, result, need);
    else ordered = rank(s, result, need, words, exactSets, wordSets);
    const page = ordered.slice(request.offset, request.offset + request.limit);
    return { engine: 'fts5', total, hits: page.map((id) => ({ id, slug: '' })), facets };
  }

  function walk(order: number[], result: Bitset, need: number): number[] {
    const out: number[] = [];
    for (const id of order) {
      if (result.has(id)) {
        out.push(id);
        if (out.length === need) break;
      }
    }
    return out;
  }

  /**
   * Orders the result set by the ranking rules, computing only what the requested page needs: buckets by
   * words matched (then matched without typo); inside a bucket, attribute groups (title, summary, tags,
   * body) are resolved column by column with one FTS5 query each, stopping once the page is full; inside a
   * group, the sum of the matched words' IDF, then newest.
   */
  function rank(s: FacetState, result: Bitset, need: number, words: TermPlan[], exactSets: Bitset[], wordSets: Bitset[]): number[] {
    const n = s.published.size() || 1;
    const idf = wordSets.map((w) => Math.log(1 + n / Math.max(1, w.intersection_size(s.published))));
    const single = wordSets.length === 1;
    // Buckets by (words matched, words matched exactly): set algebra for one word, a pass over the docs otherwise.
    const buckets: Array<[number, Bitset]> = [];
    if (single) {
      const exact = result.new_intersection(exactSets[0]!);
      buckets.push([101, exact], [100, result.new_difference(exact)]);
    } else {
      const lists = new Map<number, number[]>();
      result.forEach((id) => {
        let key = 0;
        for (let i = 0; i < wordSets.length; i++) if (wordSets[i]!.has(id)) key += exactSets[i]!.has(id) ? 101 : 100;
        let list = lists.get(key);
        if (!list) lists.set(key, (list = []));
        list.push(id);
      });
      for (const [key, list] of lists) buckets.push([key, new TypedFastBitSet(list)]);
    }
    buckets.sort((a, b) => b[0] - a[0]);

    const atoms = words.flatMap((w) => [...w.exact, ...w.typos]);
    const columnSets: Bitset[] = [];
    const column = (i: number) => (columnSets[i] ??= atomsColumn(atoms, i));
    const out: number[] = [];
    const rankOf = s.newestRankArray;
    const score = (id: number) => {
      let sum = 0;
      for (let i = 0; i < wordSets.length; i++) if (wordSets[i]!.has(id)) sum += idf[i]!;
      return sum;
    };
    for (const [, bucket] of buckets) {
      let rest = bucket;
      for (let attr = 0; attr <= RANK_COLUMNS.length && out.length < need && !rest.isEmpty(); attr++) {
        const group = attr < RANK_COLUMNS.length ? rest.new_intersection(column(attr)) : rest;
        if (attr < RANK_COLUMNS.length) rest = rest.new_difference(group);
        const want = need - out.length;
        if (group.isEmpty()) continue;
        if (single) {
          // One word: every doc of the group has the same IDF, so newest first is the order.
          out.push(...walk(s.newestOrder, group, Math.min(want, group.size())));
        } else {
          out.push(...topK(group.array(), want, score, (id) => rankOf[id] ?? Number.MAX_SAFE_INTEGER));
        }
      }
      if (out.length >= need) break;
    }
    return out;
  }

  return {
    engine: 'fts5',
    search,
    write(practice, document) {
      deleteRow.run(practice.id);
      if (practice.status === 'published') {
        const d = document();
        insertRow.run(d.id, d.title, d.summary, d.tags, d.body);
        if (vocab) for (const t of tokenize(`${d.title} ${d.summary} ${d.tags} ${d.body}`)) pendingTerms.add(t.term);
      }
      dirty.add(practice.id);
      writes++;
      // The practices triggers logged this write in search_changes; keep the log to its newest rows.
      if (writes % CHANGE_LOG_PRUNE_EVERY === 0) pruneChanges.run((lastChange.get() as number) - CHANGE_LOG_KEEP);
    },
    version() {
      return `${dataVersion.get() as number}:${writes}`;
    },
    warm() {
      const s = current();
      const v = vocabulary();
      return { documents: s.published.size(), terms: vocabSet?.size ?? v.size };
    },
    bodies(list) {
      const out = new Map<number, string>();
      if (list.length === 0) return out;
      for (const r of bodiesOf.all(JSON.stringify(list)) as Array<{ id: number; body: string }>) out.set(r.id, r.body);
      return out;
    },
    suggest(text) {
      const words = parseText(text).words;
      let changed = false;
      const respelled = words.map((w) => {
        if (termExists.get(w)) return w;
        const v = vocabulary();
        let best: [string, number] | null = null;
        for (const list of v.values()) {
          for (const t of list) {
            if (Math.abs(t.length - w.length) > 2) continue;
            const d = typoDistance(w, t);
            // Closest first, then alphabetical (the vocabulary's order depends on the order of writes).
            if (d <= 2 && (!best || d < best[1] || (d === best[1] && t < best[0])) && liveTerm(t)) best = [t, d];
          }
        }
        sweepGoneTerms();
        if (!best) return w;
        changed = true;
        return best[0];
      });
      return changed ? respelled.join(' ') : null;
    },
    needsRebuild() {
      const version = getState.get('fts5_document_version') as string | undefined;
      const inStep = ftsCount.get() === publishedCount.get();
      // A database whose rows were all written through the hooks (fresh, or filled by a CLI import) has no
      // version yet: the rows are current, so record it instead of rebuilding.
      if (version === undefined && inStep) {
        setState.run('fts5_document_version', String(SEARCH_DOCUMENT_VERSION));
        return false;
      }
      return version !== String(SEARCH_DOCUMENT_VERSION) || !inStep;
    },
    async documentIds() {
      return allIds.all() as number[];
    },
    async rebuild(source, onProgress) {
      // Build a shadow table in batches (readers and writers keep using search_fts), then swap it in
      // with one short transaction that also re-applies the records written meanwhile.
      const BATCH = 500;
      db.exec(`DROP TABLE IF EXISTS search_fts_build;
        CREATE VIRTUAL TABLE search_fts_build USING fts5 (title, summary, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');`);
      const insertBuild = db.prepare('INSERT INTO search_fts_build (rowid, title, summary, tags, body) VALUES (?, ?, ?, ?, ?)');
      const flush = db.transaction((docs: SearchDocument[]) => {
        for (const d of docs) insertBuild.run(d.id, d.title, d.summary, d.tags, d.body);
      });
      let done = 0;
      let batch: SearchDocument[] = [];
      for (const d of source.all()) {
        batch.push(d);
        if (batch.length === BATCH) {
          flush(batch);
          done += batch.length;
          batch = [];
          onProgress?.(done, source.total);
        }
      }
      flush(batch);
      done += batch.length;
      db.prepare("INSERT INTO search_fts_build (search_fts_build) VALUES ('optimize')").run();
      const deleteBuild = db.prepare('DELETE FROM search_fts_build WHERE rowid = ?');
      db.transaction(() => {
        for (const { id, document } of source.changedSince(source.startedAt)) {
          deleteBuild.run(id);
          if (document) insertBuild.run(document.id, document.title, document.summary, document.tags, document.body);
        }
        db.exec(`DROP TABLE search_fts_vocab; DROP TABLE search_fts; ALTER TABLE search_fts_build RENAME TO search_fts;
          CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab (search_fts, 'row');`);
        setState.run('fts5_document_version', String(SEARCH_DOCUMENT_VERSION));
        logChange.run(null);
        pruneChanges.run((lastChange.get() as number) - CHANGE_LOG_KEEP);
      })();
      state = null;
      vocab = null;
      postings.clear();
      writes++;
      onProgress?.(done, source.total);
    },
    async close() {
      state = null;
      vocab = null;
    },
  };
}

/** Folds free text the way the index does (exported for the highlighter and tests). */
export const foldForIndex = foldToken;
