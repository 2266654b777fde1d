import { DEFAULT_PER_PAGE } from '../domain/search.js';

/**
 * The only place that builds page URLs. Country codes are lower-case in URLs (canonical), partner ids too;
 * the reader's language travels in a cookie, not in the path.
 */
export const urls = {
  home: () => '/',
  countries: () => '/countries',
  country: (code: string) => `/countries/${code.toLowerCase()}`,
  pillars: () => '/pillars',
  pillar: (id: string) => `/pillars/${id}`,
  partners: () => '/partners',
  partner: (id: string) => `/partners/${encodeURIComponent(id.toLowerCase())}`,
  practice: (slug: string) => `/practices/${slug}`,
  /** `/alliances` with optional `pair=gt-mx`, `instrument`, `status` (in that order, empty ones omitted). */
  alliances: (q: AllianceQuery = {}) => withQuery('/alliances', q),
  contribute: () => '/contribute',
  contributePractice: () => '/contribute/practice',
  contributeAlliance: () => '/contribute/alliance',
  contributeUpload: () => '/contribute/upload',
  /** The receipt shown once after a contribution (the token travels in a signed cookie, never in the URL). */
  contributeThanks: () => '/contribute/thanks',
  /** The live preview's JSON endpoint (`{ body }` -> `{ html }`). */
  contributePreview: () => '/contribute/preview',
  /** The private tracking page of a contribution. */
  submission: (token: string) => `/submissions/${token}`,
  /** The curators' login page; `next` (a same-origin path) is where a successful login leads. */
  login: (next?: string) => (next ? `/login?${new URLSearchParams({ next }).toString()}` : '/login'),
  logout: () => '/logout',
  /** The review queue: `/curation?status=in-review&kind=...&country=gt&pillar=...&age=7` (empty ones omitted). */
  curation: (q: CurationQuery = {}) => withQuery('/curation', q),
  /** The review page of a record (any state), and its form endpoints (`edit`, `actions`, `partners`, `merge`, `notes`). */
  curationRecord: (id: number, done?: string) => withQuery(`/curation/records/${id}`, { done }),
  curationRecordPost: (id: number, what: 'actions' | 'edit' | 'partners' | 'merge' | 'notes') => `/curation/records/${id}/${what}`,
  /** Every revision of a record with its diffs (curators). */
  practiceHistory: (slug: string) => `/practices/${slug}/history`,
  /** The audit log and its CSV download, with the same filters. */
  audit: (q: AuditQuery = {}) => withQuery('/curation/audit', q),
  auditCsv: (q: AuditQuery = {}) => withQuery('/curation/audit.csv', { ...q, page: undefined }),
  adminUsers: () => '/admin/users',
  adminUser: (id: number, what: 'role' | 'status') => `/admin/users/${id}/${what}`,
  /**
   * A search URL from a partial state (the browse pages' "search in this country" links):
   * `urls.search({ country: 'gt' })` -> `/search?country=gt`. Same canonical form as `searchUrl`.
   */
  search: (changes: SearchUrlChanges = {}) => searchUrl(EMPTY_SEARCH_STATE, changes),
  /** `state` with `changes` applied, as a canonical `/search` URL (see `searchUrl`). */
  searchUrl: (state: SearchUrlState, changes: SearchUrlChanges = {}) => searchUrl(state, changes),
  /** The same path and query with `lang` set: the language switcher's links. */
  withLang: (rawUrl: string, lang: string) => {
    const u = new URL(rawUrl, 'http://x');
    u.searchParams.set('lang', lang);
    // Dot segments can normalise to `//host/...` (`/.//evil.example`): collapse leading slashes so the
    // link never becomes protocol-relative (off-site).
    return `${u.pathname.replace(/^\/{2,}/, '/')}?${u.searchParams.toString()}`;
  },
  api: {
    practice: (slug: string) => `/api/practices/${slug}`,
    countries: () => '/api/countries',
    country: (code: string) => `/api/countries/${code.toLowerCase()}`,
    pillars: () => '/api/pillars',
    pillar: (id: string) => `/api/pillars/${id}`,
    partners: () => '/api/partners',
    partner: (id: string) => `/api/partners/${encodeURIComponent(id.toLowerCase())}`,
    search: (state: SearchUrlState, changes: SearchUrlChanges = {}) => searchUrl(state, changes, '/api/search'),
    alliances: (q: AllianceQuery = {}) => withQuery('/api/alliances', q),
    submissions: () => '/api/submissions',
  },
};

export interface CurationQuery {
  status?: string | undefined;
  kind?: string | undefined;
  country?: string | undefined;
  pillar?: string | undefined;
  age?: string | undefined;
}

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  slug?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: string | undefined;
}

export interface AllianceQuery {
  pair?: string | undefined;
  instrument?: string | undefined;
  status?: string | undefined;
}

/** `path?k=v&...` keeping the given key order and dropping empty values. */
function withQuery(path: string, q: object): string {
  const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  return qs ? `${path}?${qs}` : path;
}

/** The list filters of a search URL, in their canonical order. */
export const SEARCH_LIST_PARAMS = ['pillar', 'country', 'partner', 'kind', 'language'] as const;
export type SearchListParam = (typeof SEARCH_LIST_PARAMS)[number];

/**
 * Everything a search URL holds (`/search` and `/api/search`). List values are ids as the URL carries
 * them (country codes and partner ids in any case: they are lower-cased in URLs).
 */
export interface SearchUrlState {
  q: string;
  pillar: readonly string[];
  country: readonly string[];
  partner: readonly string[];
  kind: readonly string[];
  language: readonly string[];
  yearFrom: number | null;
  yearTo: number | null;
  sort: string;
  page: number;
  perPage: number;
}

/** Changes to a state: any field; a list filter may be given as a single value. */
export type SearchUrlChanges = Partial<Omit<SearchUrlState, SearchListParam>> & Partial<Record<SearchListParam, string | readonly string[]>>;

/** A state whose list filters may be single values. */
type LooseSearchState = Omit<SearchUrlState, SearchListParam> & Record<SearchListParam, string | readonly string[]>;

/** Defaults, omitted from URLs: no text, no filters, relevance, page 1 of DEFAULT_PER_PAGE (20). */
export const SEARCH_DEFAULTS = { sort: 'relevance', page: 1, perPage: DEFAULT_PER_PAGE } as const;

export const EMPTY_SEARCH_STATE: SearchUrlState = {
  q: '',
  pillar: [],
  country: [],
  partner: [],
  kind: [],
  language: [],
  yearFrom: null,
  yearTo: null,
  ...SEARCH_DEFAULTS,
};

/**
 * The canonical URL of a search: `state` with `changes` applied, parameters in a fixed order
 * (q, pillar, country, partner, kind, language, year_from, year_to, sort, page, per_page), list values
 * lower-cased for countries and partners, de-duplicated and sorted, defaults omitted (empty q, no
 * filter, sort=relevance, page=1, per_page=20). Equal states give equal strings.
 */
export function searchUrl(state: SearchUrlState, changes: SearchUrlChanges = {}, path = '/search'): string {
  const qs = new URLSearchParams(searchParams({ ...state, ...changes })).toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The query parameters of a search state as `[name, value]` pairs in the canonical order of `searchUrl`
 * (defaults omitted). Forms print them as hidden inputs; `omit` leaves out the ones a form edits itself.
 */
export function searchParams(state: LooseSearchState, omit: readonly string[] = []): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (name: string, value: string) => {
    if (!omit.includes(name)) out.push([name, value]);
  };
  if (state.q !== '') add('q', state.q);
  for (const key of SEARCH_LIST_PARAMS) {
    const raw = state[key];
    const list = typeof raw === 'string' ? [raw] : raw;
    const values = list.map((v) => (key === 'country' || key === 'partner' ? v.toLowerCase() : v)).filter((v) => v !== '');
    for (const v of [...new Set(values)].sort()) add(key, v);
  }
  if (state.yearFrom !== null) add('year_from', String(state.yearFrom));
  if (state.yearTo !== null) add('year_to', String(state.yearTo));
  if (state.sort !== SEARCH_DEFAULTS.sort) add('sort', state.sort);
  if (state.page !== SEARCH_DEFAULTS.page) add('page', String(state.page));
  if (state.perPage !== SEARCH_DEFAULTS.perPage) add('per_page', String(state.perPage));
  return out;
}
