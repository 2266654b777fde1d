import type { PartnerStore } from '../domain/ports.js';
import { emptyFilters, type SearchFilters } from '../domain/search.js';
import { KINDS, KIND_NAMES, LANGUAGES, PILLARS, type Kind, type Language, type PillarId } from '../domain/taxonomy.js';
import { foldKey } from '../domain/text.js';
import type { TaxonomyService } from '../services/taxonomy-service.js';

/** Inline filter keys people can type in the query box, mapped to the facet they set. */
const KEYS: Record<string, 'pillar' | 'country' | 'partner' | 'kind' | 'language' | 'year'> = {
  pillar: 'pillar',
  pilar: 'pillar',
  country: 'country',
  pais: 'country',
  partner: 'partner',
  socio: 'partner',
  kind: 'kind',
  tipo: 'kind',
  lang: 'language',
  language: 'language',
  idioma: 'language',
  year: 'year',
  ano: 'year',
};

/** A problem with one inline filter, reported back to the reader instead of being ignored. */
export interface QueryWarning {
  code: 'unknown_value' | 'empty_value' | 'bad_year';
  field: 'pillar' | 'country' | 'partner' | 'kind' | 'language' | 'year';
  value: string;
}

export interface ParsedQuery {
  /** The free text left once inline filters are removed (whitespace collapsed; one trailing space kept). */
  text: string;
  /** Filters found inline (to merge with the URL's). */
  filters: SearchFilters;
  warnings: QueryWarning[];
}

// key:value or key:"quoted value", at the start or after whitespace; keys are matched accent-insensitively.
export const INLINE_RE = /(^|\s)([\p{L}]{3,8}):(?:"([^"]*)"?|(\S*))/gu;

const LANGUAGE_NAMES: Record<Language, string[]> = {
  es: ['es', 'spa', 'espanol', 'spanish', 'castellano', 'espagnol'],
  en: ['en', 'eng', 'ingles', 'english', 'anglais'],
  fr: ['fr', 'fra', 'frances', 'french', 'francais'],
};

/**
 * Resolves the inline syntax of a query: `pillar:`, `country:`, `partner:`, `kind:`, `lang:`/`language:`,
 * `year:` (Spanish keys `pilar:`, `país:`, `socio:`, `tipo:`, `idioma:`, `año:` too). Values are ids, codes,
 * aliases or names (or name prefixes) in es/en/fr, several separated by commas, quoted when they contain
 * spaces: `country:panama`, `country:PA,gt`, `pillar:emergencias`, `partner:OIT`, `year:2015..2020`.
 * Unknown keys stay in the text (`covid:19` is text); values that match nothing become warnings.
 */
export function parseQuery(q: string, deps: { taxonomy: TaxonomyService; partners: PartnerStore }): ParsedQuery {
  const filters = emptyFilters();
  const warnings: QueryWarning[] = [];
  const text = q.normalize('NFC').replace(INLINE_RE, (whole, lead: string, rawKey: string, quoted?: string, bare?: string) => {
    const field = KEYS[foldKey(rawKey)];
    if (!field) return whole;
    const raw = (quoted ?? bare ?? '').trim();
    if (raw === '') {
      warnings.push({ code: 'empty_value', field, value: '' });
      return lead;
    }
    if (field === 'year') {
      const range = parseYearRange(raw);
      if (!range) warnings.push({ code: 'bad_year', field, value: raw });
      else {
        filters.yearFrom = range.from;
        filters.yearTo = range.to;
      }
      return lead;
    }
    for (const value of raw.split(',').map((v) => v.trim()).filter(Boolean)) {
      const resolved = resolveValue(field, value, deps);
      if (resolved === null) warnings.push({ code: 'unknown_value', field, value });
      else if (!(filters[field] as string[]).includes(resolved)) (filters[field] as string[]).push(resolved);
    }
    return lead;
  });
  // A trailing space is meaningful (the last word is finished, so no prefix match): keep one.
  const collapsed = text.replace(/\s+/gu, ' ').trim();
  return { text: collapsed && /\s$/u.test(q) ? collapsed + ' ' : collapsed, filters, warnings };
}

/** `2019`, `2015..2020`, `2015-2020`, `..2020`, `2015..` -> inclusive range; null when not years. */
export function parseYearRange(raw: string): { from: number | null; to: number | null } | null {
  const m = /^(\d{4})?\s*(?:(\.\.|-|–)\s*(\d{4})?)?$/.exec(raw.trim());
  if (!m || (!m[1] && !m[3])) return null;
  const from = m[1] ? Number(m[1]) : null;
  const to = m[2] ? (m[3] ? Number(m[3]) : null) : from;
  if (from !== null && to !== null && from > to) return { from: to, to: from };
  return { from, to };
}

function resolveValue(
  field: 'pillar' | 'country' | 'partner' | 'kind' | 'language',
  value: string,
  deps: { taxonomy: TaxonomyService; partners: PartnerStore },
): string | null {
  const key = foldKey(value);
  switch (field) {
    case 'country':
      return deps.taxonomy.findCountry(value);
    case 'pillar':
      return matchByNames<PillarId>(key, PILLARS.map((p) => [p.id, [p.id, p.name.es, p.name.en, p.name.fr]]));
    case 'kind':
      return matchByNames<Kind>(key, KINDS.map((k) => [k, [k, KIND_NAMES[k].es, KIND_NAMES[k].en, KIND_NAMES[k].fr]]));
    case 'language':
      return matchByNames<Language>(key, LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]]));
    case 'partner': {
      const direct = deps.partners.resolve(value);
      if (direct) return direct.id;
      const list = deps.partners.list();
      return matchByNames<string>(key, list.map((p) => [p.id, [p.names.es, p.names.en, p.names.fr]]));
    }
  }
}

/** First id whose folded name equals `key`, else whose name starts with it, else whose name has a word starting with it. */
function matchByNames<T extends string>(key: string, entries: Array<[T, string[]]>): T | null {
  if (key.length === 0) return null;
  const folded = entries.map(([id, names]) => [id, names.map(foldKey)] as const);
  const dashed = key.replace(/\s+/g, '-');
  for (const [id, names] of folded) if (names.includes(key) || names.includes(dashed)) return id;
  for (const [id, names] of folded) if (names.some((n) => n.startsWith(key) || n.startsWith(dashed))) return id;
  if (key.length >= 3) for (const [id, names] of folded) if (names.some((n) => n.split(/[\s-]+/).some((w) => w.startsWith(key)))) return id;
  return null;
}
