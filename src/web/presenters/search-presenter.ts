import type { FacetCount, FacetName, SearchFilters } from '../../domain/search.js';
import { SORTS } from '../../domain/search.js';
import type { Kind, Language, PillarId } from '../../domain/taxonomy.js';
import type { Segment } from '../../search/highlight.js';
import { segmentsToHtml } from '../../search/highlight.js';
import type { ParsedQuery, QueryWarning } from '../../search/query-parser.js';
import type { SearchOutcome, SearchWarning } from '../../services/search-service.js';
import { SEARCH_LIST_PARAMS, searchParams, urls, type SearchListParam, type SearchUrlState } from '../urls.js';
import { collatorFor, type PresenterContext } from './context.js';
import { inlineFilterTokens, withoutInlineFilters, type InlineFilterToken } from './inline-filters.js';
import { partnerLink, type PartnerLink } from './links.js';
import { languageName, practiceCard, type PracticeCard } from './practice-presenter.js';

/** Partners shown before the "show all" disclosure. */
export const TOP_PARTNERS = 10;
/** Pages linked on each side of the current one. */
const PAGE_WINDOW = 2;
/** Characters of `q` shown in the title and the heading (the box keeps it whole). */
const SHORT_Q = 80;

/** One facet value: its stored value, the URL parameter that selects it, a label in the reader's language. */
export interface FacetValueView {
  /** The facet (and the checkbox's `name`). */
  field: FacetName;
  /** As stored: ISO country code (uppercase), partner registry id, pillar/kind id, language tag, year. */
  value: string;
  /** As the URL carries it (country codes and partner ids lower-cased). */
  param: string;
  label: string;
  count: number;
  /** In the effective filters (URL or inline). */
  selected: boolean;
  /** Selected only by an inline filter in `q`: the checkbox is shown checked and disabled. */
  fromQuery: boolean;
  /** The URL that toggles the value in the URL's filters; null when only `q` selects it. */
  url: string | null;
  /** The checkbox id (`facet-country-gt`). */
  inputId: string;
}

export interface FacetView {
  name: SearchListParam;
  label: string;
  values: FacetValueView[];
  /** The first values (all but partners' tail) and the rest, behind a <details>. */
  top: FacetValueView[];
  rest: FacetValueView[];
  /** The <details> starts open when a selected value is in `rest`. */
  restOpen: boolean;
  moreLabel: string;
}

/** An active filter as a removable chip. */
export interface ChipView {
  field: FacetName;
  fieldLabel: string;
  label: string;
  /** `url` (a URL parameter) or `query` (typed in `q`: removing it rewrites `q`). */
  source: 'url' | 'query';
  /** The typed token for inline filters (`country:panama`), else null. */
  token: string | null;
  /** An inline filter that resolved to nothing (it has a warning too). */
  problem: boolean;
  removeUrl: string;
  removeLabel: string;
}

export interface WarningView {
  code: SearchWarning['code'];
  field: QueryWarning['field'] | null;
  value: string;
  message: string;
}

export interface SearchHitView extends PracticeCard {
  partners: PartnerLink[];
  highlights: { title: Segment[]; summary: Segment[]; snippet: Segment[] };
}

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
  label: string;
}

export interface SearchView {
  /** Pre-fills the layout's search box. */
  query: string;
  /** Hidden inputs of the layout's search box on /search: a new text keeps the filters, sort and page size. */
  searchHidden: Array<{ name: string; value: string }>;
  q: string;
  qShort: string;
  /** The canonical state (URL filters resolved), from which every link is built. */
  state: SearchUrlState;
  /** The URL of this very page (canonical) and of its JSON twin. */
  selfUrl: string;
  apiUrl: string;
  total: number;
  totalLabel: string;
  page: number;
  perPage: number;
  totalPages: number;
  sort: string;
  engine: { id: string; label: string };
  engineNotice: string | null;
  /** Every warning (the JSON's), and those about the query's inline filters or the URL's values (the page's list). */
  warnings: WarningView[];
  queryWarnings: WarningView[];
  hits: SearchHitView[];
  facets: FacetView[];
  yearFacet: FacetValueView[];
  year: { from: number | null; to: number | null; min: number | null; max: number | null; fromQuery: string | null };
  /** Effective filters as stored (codes uppercase). */
  filters: SearchFilters;
  chips: ChipView[];
  hasChips: boolean;
  /** Two chips or more: the chips offer "clear all filters". */
  manyChips: boolean;
  /** 1-based rank of the first hit of the page (the result list's `start`). */
  firstRank: number;
  sortOptions: Array<{ value: string; label: string; selected: boolean }>;
  /** Hidden inputs of the facet form (q, sort, page size) and of the sort form (everything but sort). */
  facetHidden: Array<{ name: string; value: string }>;
  sortHidden: Array<{ name: string; value: string }>;
  pagination: { prev: string | null; next: string | null; pages: Array<PageLink | { gap: true }>; summary: string } | null;
  suggestion: { text: string; url: string } | null;
  noResults: boolean;
  /** Same text and sort without any filter (URL or inline). */
  clearFiltersUrl: string;
  /** Set when `page` is past the last page of a non-empty result. */
  outOfRange: { message: string; lastUrl: string } | null;
  clearUrl: string;
}

export interface SearchPresenterDeps {
  /** The search service's inline-syntax parser (parseQuery with the taxonomy and partners). */
  parse: (q: string) => ParsedQuery;
}

type T = PresenterContext['t'];

function facetLabel(t: T, field: FacetName): string {
  switch (field) {
    case 'pillar':
      return t('search.facets.pillar');
    case 'country':
      return t('search.facets.country');
    case 'partner':
      return t('search.facets.partner');
    case 'kind':
      return t('search.facets.kind');
    case 'language':
      return t('search.facets.language');
    case 'year':
      return t('search.facets.year');
  }
}

/** A stored facet value's label in the reader's language. */
function valueLabel(ctx: PresenterContext, field: SearchListParam, value: string): string {
  switch (field) {
    case 'pillar':
      return ctx.taxonomy.pillarName(value as PillarId, ctx.lang);
    case 'country':
      return ctx.taxonomy.countryName(value, ctx.lang);
    case 'partner':
      return ctx.taxonomy.partnerName(value, ctx.lang);
    case 'kind':
      return ctx.taxonomy.kindName(value as Kind, ctx.lang);
    case 'language':
      return languageName(ctx, value as Language);
  }
}

const toParam = (field: SearchListParam, value: string) => (field === 'country' || field === 'partner' ? value.toLowerCase() : value);

function yearRangeLabel(t: T, from: number | null, to: number | null): string {
  if (from !== null && to !== null) return from === to ? String(from) : t('search.year.range', { from, to });
  if (from !== null) return t('search.year.since', { from });
  return t('search.year.until', { to });
}

function warningMessage(t: T, w: SearchWarning, engineLabel: (e: string) => string): string {
  if (w.code === 'engine_unavailable') return t('search.engineUnavailable', { engine: engineLabel(w.engine), fallback: engineLabel(w.fallback) });
  if (w.code === 'empty_value') return t('search.warnings.emptyValue', { field: facetLabel(t, w.field) });
  if (w.code === 'bad_year') return t('search.warnings.badYear', { value: w.value });
  const value = w.value;
  switch (w.field) {
    case 'country':
      return t('search.warnings.unknownCountry', { value });
    case 'pillar':
      return t('search.warnings.unknownPillar', { value });
    case 'partner':
      return t('search.warnings.unknownPartner', { value });
    case 'kind':
      return t('search.warnings.unknownKind', { value });
    case 'language':
      return t('search.warnings.unknownLanguage', { value });
    case 'year':
      return t('search.warnings.badYear', { value });
  }
}

function sortLabel(t: T, sort: string): string {
  if (sort === 'newest') return t('search.sort.newest');
  if (sort === 'year') return t('search.sort.year');
  return t('search.sort.relevance');
}

function engineLabelOf(t: T) {
  return (engine: string) => (engine === 'fts5' ? t('search.engines.fts5') : engine === 'meilisearch' ? 'Meilisearch' : engine);
}

const pairs = (list: Array<[string, string]>) => list.map(([name, value]) => ({ name, value }));

/** The first `n` characters (code points) of `s`, with an ellipsis when cut. */
function shorten(s: string, n: number): string {
  if (s.length <= n) return s;
  const cps = Array.from(s);
  return cps.length <= n ? s : `${cps.slice(0, n - 1).join('')}…`;
}

function inlineChip(ctx: PresenterContext, state: SearchUrlState, token: InlineFilterToken): ChipView {
  const { t } = ctx;
  const f = token.parsed.filters;
  const labels: string[] = [];
  let field: FacetName | null = null;
  for (const name of SEARCH_LIST_PARAMS) {
    const values = f[name] as string[];
    if (values.length) {
      field ??= name;
      labels.push(...values.map((v) => valueLabel(ctx, name, v)));
    }
  }
  if (f.yearFrom !== null || f.yearTo !== null) {
    field ??= 'year';
    labels.push(yearRangeLabel(t, f.yearFrom, f.yearTo));
  }
  field ??= token.parsed.warnings[0]?.field ?? 'country';
  const problem = labels.length === 0;
  const label = problem ? token.raw : labels.join(', ');
  const fieldLabel = facetLabel(t, field);
  return {
    field,
    fieldLabel,
    label,
    source: 'query',
    token: token.raw,
    problem,
    removeUrl: urls.searchUrl(state, { q: token.qWithout, page: 1 }),
    removeLabel: t('search.chips.remove', { label: problem ? label : `${fieldLabel}: ${label}` }),
  };
}

function pagination(t: T, state: SearchUrlState, page: number, totalPages: number, total: number): SearchView['pagination'] {
  if (totalPages <= 1 && page <= 1) return null;
  if (total === 0) return null;
  const to = (n: number) => urls.searchUrl(state, { page: n });
  const numbers = new Set<number>([1, totalPages]);
  for (let n = page - PAGE_WINDOW; n <= page + PAGE_WINDOW; n++) if (n >= 1 && n <= totalPages) numbers.add(n);
  const pages: Array<PageLink | { gap: true }> = [];
  let last = 0;
  const link = (n: number): PageLink => ({ number: n, url: to(n), current: n === page, label: t('search.pagination.page', { page: n }) });
  for (const n of [...numbers].sort((a, b) => a - b)) {
    // A gap never hides a single page: that page is shown instead.
    if (n === last + 2) pages.push(link(last + 1));
    else if (n > last + 2) pages.push({ gap: true });
    pages.push(link(n));
    last = n;
  }
  return {
    prev: page > 1 ? to(Math.min(page - 1, totalPages)) : null,
    next: page < totalPages ? to(page + 1) : null,
    pages,
    summary: page <= totalPages ? t('search.pagination.summary', { page, pages: totalPages }) : '',
  };
}

/**
 * The search page's view model (and, through `searchJson`, `/api/search`'s) from the service's outcome:
 * facets with labels, counts, selection and toggle URLs; chips for the URL's filters and for the inline
 * filters typed in `q`; localized warnings; pagination; the suggestion. Every link comes from urls.ts,
 * built from the canonical state (the URL's filters as resolved by the service; unknown values dropped).
 */
export function searchView(ctx: PresenterContext, o: SearchOutcome, deps: SearchPresenterDeps): SearchView {
  const { t } = ctx;
  const uf = o.urlFilters;
  const state: SearchUrlState = {
    q: o.q,
    pillar: uf.pillar,
    country: uf.country,
    partner: uf.partner,
    kind: uf.kind,
    language: uf.language,
    yearFrom: uf.yearFrom,
    yearTo: uf.yearTo,
    sort: o.sort,
    page: o.page,
    perPage: o.perPage,
  };
  const collator = collatorFor(ctx.lang);
  const engineLabel = engineLabelOf(t);
  const tokens = o.q.includes(':') ? inlineFilterTokens(o.q, deps.parse) : [];

  // Facets: every value the engine counted, plus selected values it left out (count 0) so they stay
  // visible and checked; by count, then label.
  const facets: FacetView[] = SEARCH_LIST_PARAMS.map((name) => {
    const effective = o.filters[name] as string[];
    const inUrl = uf[name] as string[];
    const counts: FacetCount[] = [...o.facets[name]];
    for (const v of effective) if (!counts.some((c) => c.value === v)) counts.push({ value: v, count: 0 });
    const values = counts
      .map((c): FacetValueView => {
        const selected = effective.includes(c.value);
        const fromQuery = selected && !inUrl.includes(c.value);
        const param = toParam(name, c.value);
        return {
          field: name,
          value: c.value,
          param,
          label: valueLabel(ctx, name, c.value),
          count: c.count,
          selected,
          fromQuery,
          // Built when read (the JSON twin reads it; the page's form does not need it).
          get url() {
            return fromQuery ? null : urls.searchUrl(state, { [name]: selected ? inUrl.filter((v) => v !== c.value) : [...inUrl, c.value], page: 1 });
          },
          inputId: `facet-${name}-${param.replace(/[^a-z0-9-]/gi, '_')}`,
        };
      })
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
    const cut = name === 'partner' ? TOP_PARTNERS : values.length;
    const rest = values.slice(cut);
    return {
      name,
      label: facetLabel(t, name),
      values,
      top: values.slice(0, cut),
      rest,
      restOpen: rest.some((v) => v.selected),
      moreLabel: rest.length ? t('search.filters.more', { count: rest.length }) : '',
    };
  });

  const { yearFrom, yearTo } = o.filters;
  const hasYear = yearFrom !== null || yearTo !== null;
  const yearFacet: FacetValueView[] = o.facets.year.map((c) => {
    const y = Number(c.value);
    return {
      field: 'year',
      value: c.value,
      param: c.value,
      label: c.value,
      count: c.count,
      selected: hasYear && (yearFrom === null || y >= yearFrom) && (yearTo === null || y <= yearTo),
      fromQuery: false,
      url: urls.searchUrl(state, { yearFrom: y, yearTo: y, page: 1 }),
      inputId: `facet-year-${c.value}`,
    };
  });
  const years = o.facets.year.map((c) => Number(c.value)).filter(Number.isFinite);
  const inlineYear = tokens.find((tk) => tk.parsed.filters.yearFrom !== null || tk.parsed.filters.yearTo !== null);

  // Chips: the URL's filters (removal drops the parameter value), then inline filters (removal rewrites q).
  const chips: ChipView[] = [];
  for (const name of SEARCH_LIST_PARAMS) {
    const inUrl = uf[name] as string[];
    for (const v of inUrl) {
      const fieldLabel = facetLabel(t, name);
      const label = valueLabel(ctx, name, v);
      chips.push({
        field: name,
        fieldLabel,
        label,
        source: 'url',
        token: null,
        problem: false,
        removeUrl: urls.searchUrl(state, { [name]: inUrl.filter((x) => x !== v), page: 1 }),
        removeLabel: t('search.chips.remove', { label: `${fieldLabel}: ${label}` }),
      });
    }
  }
  if (uf.yearFrom !== null || uf.yearTo !== null) {
    const fieldLabel = facetLabel(t, 'year');
    const label = yearRangeLabel(t, uf.yearFrom, uf.yearTo);
    chips.push({
      field: 'year',
      fieldLabel,
      label,
      source: 'url',
      token: null,
      problem: false,
      removeUrl: urls.searchUrl(state, { yearFrom: null, yearTo: null, page: 1 }),
      removeLabel: t('search.chips.remove', { label: `${fieldLabel}: ${label}` }),
    });
  }
  for (const token of tokens) chips.push(inlineChip(ctx, state, token));

  const warnings: WarningView[] = o.warnings.map((w) =>
    w.code === 'engine_unavailable'
      ? { code: w.code, field: null, value: w.engine, message: warningMessage(t, w, engineLabel) }
      : { code: w.code, field: w.field, value: w.value, message: warningMessage(t, w, engineLabel) },
  );
  const engineNotice = warnings.find((w) => w.code === 'engine_unavailable')?.message ?? null;

  const hits: SearchHitView[] = o.hits.map((h) => ({
    ...practiceCard(ctx, h.practice),
    partners: h.practice.partners.map((id) => partnerLink(ctx, id)),
    highlights: h.highlights,
  }));

  const qShort = shorten(o.q, SHORT_Q);
  const suggestion = o.suggestion
    ? { text: o.suggestion, url: urls.searchUrl(state, { q: [o.suggestion, ...tokens.map((tk) => tk.raw)].join(' '), page: 1 }) }
    : null;
  const outOfRange =
    o.total > 0 && o.page > o.totalPages
      ? { message: t('search.outOfRange', { page: o.page, pages: o.totalPages }), lastUrl: urls.searchUrl(state, { page: o.totalPages }) }
      : null;

  return {
    query: o.q,
    searchHidden: pairs(searchParams(state, ['q', 'page'])),
    q: o.q,
    qShort,
    state,
    selfUrl: urls.searchUrl(state),
    apiUrl: urls.api.search(state),
    total: o.total,
    totalLabel: t('count.practices', { count: o.total }),
    page: o.page,
    perPage: o.perPage,
    totalPages: o.totalPages,
    sort: o.sort,
    engine: { id: o.engine, label: engineLabel(o.engine) },
    engineNotice,
    warnings,
    queryWarnings: warnings.filter((w) => w.code !== 'engine_unavailable'),
    hits,
    facets,
    yearFacet,
    year: {
      from: uf.yearFrom,
      to: uf.yearTo,
      min: years.length ? Math.min(...years) : null,
      max: years.length ? Math.max(...years) : null,
      fromQuery: inlineYear ? inlineYear.raw : null,
    },
    filters: o.filters,
    chips,
    hasChips: chips.length > 0,
    manyChips: chips.length > 1,
    firstRank: (o.page - 1) * o.perPage + 1,
    sortOptions: SORTS.map((s) => ({ value: s, label: sortLabel(t, s), selected: s === o.sort })),
    facetHidden: pairs(searchParams(state, [...SEARCH_LIST_PARAMS, 'year_from', 'year_to', 'page'])),
    sortHidden: pairs(searchParams(state, ['sort', 'page'])),
    pagination: pagination(t, state, o.page, o.totalPages, o.total),
    suggestion,
    noResults: o.total === 0,
    outOfRange,
    clearFiltersUrl: urls.searchUrl(state, {
      q: withoutInlineFilters(o.q, tokens),
      ...Object.fromEntries(SEARCH_LIST_PARAMS.map((n) => [n, []])),
      yearFrom: null,
      yearTo: null,
      page: 1,
    }),
    clearUrl: urls.search(),
  };
}

/** `/api/search`: the same view model as JSON, highlights as HTML with <mark> (text escaped). */
export function searchJson(lang: string, v: SearchView) {
  const facet = (values: FacetValueView[]) => values.map((x) => ({ value: x.value, label: x.label, count: x.count, selected: x.selected, url: x.url }));
  const byName = Object.fromEntries(v.facets.map((f) => [f.name, facet(f.values)]));
  return {
    lang,
    q: v.q,
    total: v.total,
    page: v.page,
    per_page: v.perPage,
    total_pages: v.totalPages,
    sort: v.sort,
    engine: v.engine.id,
    url: v.selfUrl,
    hits: v.hits.map((h) => ({
      slug: h.slug,
      url: h.url,
      title: h.title,
      summary: h.summary,
      countries: h.countries,
      pillars: h.pillars,
      partners: h.partners.map((p) => ({ id: p.id, name: p.name, url: p.url })),
      kind: h.kind,
      year: h.year,
      language: h.language,
      highlights: {
        title: segmentsToHtml(h.highlights.title),
        summary: segmentsToHtml(h.highlights.summary),
        snippet: segmentsToHtml(h.highlights.snippet),
      },
    })),
    facets: {
      pillar: byName.pillar ?? [],
      country: byName.country ?? [],
      partner: byName.partner ?? [],
      kind: byName.kind ?? [],
      language: byName.language ?? [],
      year: facet(v.yearFacet),
    },
    filters_applied: {
      pillar: v.filters.pillar,
      country: v.filters.country,
      partner: v.filters.partner,
      kind: v.filters.kind,
      language: v.filters.language,
      year_from: v.filters.yearFrom,
      year_to: v.filters.yearTo,
    },
    chips: v.chips.map((c) => ({ field: c.field, label: c.label, source: c.source, token: c.token, remove_url: c.removeUrl })),
    warnings: v.warnings,
    suggestion: v.suggestion ? { q: v.suggestion.text, url: v.suggestion.url } : null,
  };
}
