/**
 * Deterministic synthetic practices for benchmarks (scripts/bench-search.ts): realistic Spanish, English
 * and French text of the migration domain, Zipf-distributed, with the programme's real taxonomy.
 *
 * - Text: words drawn from the lists of ./synthetic-words.ts with a Zipf-Mandelbrot law
 *   (p(rank) ∝ 1 / (rank + 2.7)), so function words and *migración* / *migration* are in nearly every
 *   record (the everyday case, ../shared/PERFORMANCE.md) and most words are rare. Titles 8-12 words,
 *   summaries 25-40, Markdown bodies 250-400 under the guide's headings (Context, What was done, Results,
 *   Lessons), with lists, emphasis, the odd link, country names, partner ids and Spanish institution names.
 * - Languages: 60% es, 35% en, 5% fr.
 * - Taxonomy: 1-5 countries from the programme and RCM countries (Mesoamerica weighted), 1-2 of the 4
 *   pillars, 1-5 partners of the registry (Zipf over a plausible order, plus the countries' own
 *   institutions), kinds weighted, years 2000-2025 (recent years likelier).
 *
 * Record `n` of seed `s` depends only on (s, n): `record(n)` is random access and `records(count)` yields
 * records 0..count-1. Changing anything here or in the word lists changes the corpora: bump
 * GENERATOR_VERSION (part of the benchmark's cache key).
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { KINDS, PILLAR_IDS, PROGRAMME_COUNTRIES, RCM_MEMBERS, type Kind, type Language, type PillarId } from '../../src/domain/taxonomy.js';
import {
  EN_CORE,
  EN_DOMAIN,
  EN_FUNCTION,
  EN_GENERAL,
  EN_HARVEST,
  ES_CORE,
  ES_DOMAIN,
  ES_FUNCTION,
  ES_GENERAL,
  ES_HARVEST,
  FR_WORDS,
  INSTITUTION_PHRASES,
} from './synthetic-words.js';

export const GENERATOR_VERSION = 1;

/** The everyday query: a word in nearly every record (es); it also finds `migration` (one typo). */
export const COMMON_QUERY = 'migración';
/** Each language's word for it. */
export const COMMON_WORDS: Readonly<Record<Language, string>> = { es: 'migración', en: 'migration', fr: 'migration' };

const require = createRequire(import.meta.url);
for (const lang of ['es', 'en', 'fr']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** A generated practice: the fields an import supplies (Markdown not yet rendered). */
export interface SyntheticPractice {
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  countries: string[];
  pillars: PillarId[];
  partners: string[];
  kind: Kind;
  year: number;
  language: Language;
  sourceUrl: string | null;
}

/** What the generator needs of a registry entry (data/partners.json). */
export interface RegistryPartner {
  id: string;
  type?: string;
  country?: string | null;
}

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes (seed, n) into one 32-bit PRNG seed (splitmix-like), so records are independent of each other. */
function mix(seed: number, n: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** A list with a sampler: item i has weight `weight(i)`; draws by binary search over the cumulative sums. */
class Weighted<T> {
  private readonly cdf: Float64Array;
  constructor(
    readonly items: readonly T[],
    weight: (i: number, item: T) => number,
  ) {
    this.cdf = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      sum += weight(i, item);
      this.cdf[i] = sum;
    });
  }
  draw(rnd: () => number): T {
    const x = rnd() * this.cdf[this.cdf.length - 1]!;
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
  /** Up to `k` distinct items. */
  drawDistinct(rnd: () => number, k: number): T[] {
    const out = new Set<T>();
    for (let tries = 0; out.size < Math.min(k, this.items.length) && tries < k * 20; tries++) out.add(this.draw(rnd));
    return [...out];
  }
}

const zipf = (i: number) => 1 / (i + 1 + 2.7);

/**
 * Ranks a language's words by merging its lists at given paces: list L's i-th word gets position
 * `start + i * step`; the merged order sorts by position (first occurrence wins). This puts the domain's
 * core words among the function words at the head of the distribution, as in real domain text.
 */
function rankWords(lists: Array<{ words: string[]; start: number; step: number }>): string[] {
  const placed: Array<[number, string]> = [];
  for (const l of lists) l.words.forEach((w, i) => placed.push([l.start + i * l.step, w.toLowerCase()]));
  placed.sort((a, b) => a[0] - b[0]);
  return [...new Set(placed.map(([, w]) => w))];
}

/**
 * Regular plurals of Spanish and English nouns of the domain lists, to widen the vocabulary's tail with
 * forms real text has (albergue -> albergues, shelter -> shelters). Words that already look plural, verbs
 * and (in English) adjectives are left alone.
 */
function inflect(list: string[], lang: Language): string[] {
  const out: string[] = [];
  for (const w of list) {
    if (w.length < 4 || /[^a-záéíóúñü]/.test(w) || w.endsWith('s')) continue;
    if (lang === 'es') {
      if (/ión$/.test(w)) out.push(w.replace(/ión$/, 'iones'));
      else if (/[aeo]$/.test(w)) out.push(w + 's');
      else if (/[dln]$/.test(w) || (/r$/.test(w) && !/[aei]r$/.test(w))) out.push(w + 'es');
    } else if (lang === 'en') {
      if (/(ed|ing|al|ive|ous|ic|ary|ful|less|ern|ian|ese|ly|ent|ant|ble|ar|ish)$/.test(w)) continue;
      if (/[^aeiou]y$/.test(w)) out.push(w.replace(/y$/, 'ies'));
      else if (/(x|ch|sh)$/.test(w)) out.push(w + 'es');
      else out.push(w + 's');
    }
  }
  return out;
}

interface LanguageModel {
  /** Every word by rank, and the sampler over all of them. */
  all: Weighted<string>;
  /** Content words only (no function words), for titles. */
  content: Weighted<string>;
  connectors: string[];
  headings: [string, string, string, string];
  sourceLabel: string;
}

function languageModel(lang: Language): LanguageModel {
  if (lang === 'fr') {
    const all = [...new Set(words(FR_WORDS).map((w) => w.toLowerCase()))];
    const fn = new Set(all.slice(0, 38));
    return {
      all: new Weighted(all, zipf),
      content: new Weighted(all.filter((w) => !fn.has(w)), zipf),
      connectors: ['de', 'des', 'pour', 'en', 'et', 'dans', 'du', 'la', 'aux'],
      headings: ['## Contexte', '## Ce qui a été fait', '## Résultats', '## Leçons'],
      sourceLabel: 'Source',
    };
  }
  const [fn, core, harvest, domain, general] =
    lang === 'es'
      ? [ES_FUNCTION, ES_CORE, ES_HARVEST, ES_DOMAIN, ES_GENERAL].map(words)
      : [EN_FUNCTION, EN_CORE, EN_HARVEST, EN_DOMAIN, EN_GENERAL].map(words);
  const base = rankWords([
    { words: fn!, start: 0, step: 1 },
    { words: core!, start: 9.5, step: 4 },
    { words: harvest!, start: 30, step: 1.6 },
    { words: domain!, start: 40, step: 1.2 },
    { words: general!, start: 60, step: 1.4 },
  ]);
  const ranked = rankWords([
    { words: base, start: 0, step: 1 },
    { words: inflect([...core!, ...domain!], lang), start: 900, step: 1.5 },
  ]);
  const fnSet = new Set(fn!.map((w) => w.toLowerCase()));
  return {
    all: new Weighted(ranked, zipf),
    content: new Weighted(
      ranked.filter((w) => !fnSet.has(w)),
      zipf,
    ),
    connectors: lang === 'es' ? ['de', 'del', 'para', 'en', 'y', 'con', 'la', 'los', 'las'] : ['of', 'for', 'in', 'and', 'with', 'the', 'on'],
    headings:
      lang === 'es'
        ? ['## Contexto (Context)', '## Qué se hizo (What was done)', '## Resultados (Results)', '## Lecciones (Lessons)']
        : ['## Context', '## What was done', '## Results', '## Lessons'],
    sourceLabel: lang === 'es' ? 'Fuente' : 'Source',
  };
}

/** Programme and RCM countries, weighted towards Mesoamerica (where most of the programme's records are). */
const COUNTRY_WEIGHTS: Record<string, number> = {
  MX: 12, GT: 12, HN: 10, SV: 9, CR: 7, PA: 7, NI: 5, BZ: 4, DO: 6, HT: 5, US: 5, CA: 3,
  CU: 2, JM: 2, TT: 3, BB: 1, BS: 1, AG: 0.5, DM: 0.5, GD: 0.5, KN: 0.5, LC: 0.5, VC: 0.5,
};
const PILLAR_WEIGHTS: Record<PillarId, number> = {
  'migration-management': 40,
  'dialogue-partnerships': 25,
  'emergencies-crises': 20,
  'communication-for-development': 15,
};
const KIND_WEIGHTS: Record<Kind, number> = { practice: 50, 'bilateral-alliance': 15, 'lesson-learned': 20, tool: 15 };
/** Partners most records cite, in order; the rest of the registry follows in file order. */
const PARTNER_HEAD = ['IOM', 'ILO', 'UNHCR', 'RCM', 'UNICEF', 'INM', 'SICA', 'UNDP', 'WFP', 'OCHA', 'IFRC', 'USAID', 'EU', 'IDB', 'WORLDBANK', 'PRM', 'OAS', 'UNFPA'];

function pickCount(rnd: () => number, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i + 1;
  }
  return weights.length;
}

/**
 * A synthetic corpus of seed `seed` over the registry `partners` (data/partners.json's entries).
 * @returns `record(n)` (0-based, random access) and `records(count)` (records 0..count-1, lazily).
 */
export function createSyntheticCorpus(opts: { seed: number; partners: readonly RegistryPartner[] }) {
  const { seed } = opts;
  const models: Record<Language, LanguageModel> = { es: languageModel('es'), en: languageModel('en'), fr: languageModel('fr') };
  const countryCodes = [...new Set([...PROGRAMME_COUNTRIES, ...RCM_MEMBERS])].sort();
  const countriesW = new Weighted(countryCodes, (_, c) => COUNTRY_WEIGHTS[c] ?? 0.5);
  const pillarsW = new Weighted(PILLAR_IDS, (_, p) => PILLAR_WEIGHTS[p]);
  const kindsW = new Weighted(KINDS, (_, k) => KIND_WEIGHTS[k]);
  const years = Array.from({ length: 26 }, (_, i) => 2000 + i);
  const yearsW = new Weighted(years, (_, y) => y - 1997);
  const registryIds = opts.partners.map((p) => p.id);
  const ordered = [...PARTNER_HEAD.filter((id) => registryIds.includes(id)), ...registryIds.filter((id) => !PARTNER_HEAD.includes(id))];
  if (ordered.length === 0) throw new Error('synthetic corpus: the partner registry is empty');
  const partnersW = new Weighted(ordered, (i) => 1 / Math.pow(i + 1, 1.1));
  const institutionsOf = new Map<string, string[]>();
  for (const p of opts.partners) {
    if (p.type === 'government-institution' && p.country) institutionsOf.set(p.country, [...(institutionsOf.get(p.country) ?? []), p.id]);
  }

  function record(n: number): SyntheticPractice {
    const rnd = mulberry32(mix(seed, n));
    const lr = rnd();
    const language: Language = lr < 0.6 ? 'es' : lr < 0.95 ? 'en' : 'fr';
    const m = models[language];
    const recordCountries = countriesW.drawDistinct(rnd, pickCount(rnd, [45, 25, 15, 9, 6]));
    const pillars = pillarsW.drawDistinct(rnd, pickCount(rnd, [70, 30]));
    const partnerCount = pickCount(rnd, [25, 30, 25, 12, 8]);
    const partners = new Set<string>();
    for (let tries = 0; partners.size < partnerCount && tries < 40; tries++) {
      const local = institutionsOf.get(recordCountries[Math.floor(rnd() * recordCountries.length)]!);
      partners.add(local && rnd() < 0.35 ? local[Math.floor(rnd() * local.length)]! : partnersW.draw(rnd));
    }
    const names = recordCountries.map((c) => countries.getName(c, language, { select: 'alias' }) ?? countries.getName(c, language) ?? c);

    /** One word or an inserted name/number, as body text has them. */
    const token = (): string => {
      const x = rnd();
      if (x < 0.02) return names[Math.floor(rnd() * names.length)]!;
      if (x < 0.03) return [...partners][Math.floor(rnd() * partners.size)]!;
      if (x < 0.037) return INSTITUTION_PHRASES[Math.floor(rnd() * INSTITUTION_PHRASES.length)]!;
      if (x < 0.05) return String(rnd() < 0.5 ? 2000 + Math.floor(rnd() * 26) : Math.floor(Math.pow(rnd(), 3) * 50000) + 2);
      return m.all.draw(rnd);
    };
    /** A sentence of about `n` words (counting phrases as one): capitalised, commas here and there, a full stop. */
    const sentence = (len: number): string => {
      const parts: string[] = [];
      for (let i = 0; i < len; i++) parts.push(token() + (i < len - 1 && rnd() < 0.08 ? ',' : ''));
      const s = parts.join(' ');
      return s.charAt(0).toUpperCase() + s.slice(1) + '.';
    };
    /** Sentences adding up to about `budget` words. */
    const prose = (budget: number): string[] => {
      const out: string[] = [];
      let left = budget;
      while (left > 0) {
        const len = Math.min(left, 8 + Math.floor(rnd() * 15));
        out.push(sentence(Math.max(len, 3)));
        left -= len;
      }
      return out;
    };
    const decorate = (s: string): string => {
      const x = rnd();
      if (x < 0.08) return s.replace(/^(\S+ \S+)/, '**$1**');
      if (x < 0.12) return `${s} ([${m.sourceLabel}](https://example.org/${language}/${Math.floor(rnd() * 1e6)}))`;
      return s;
    };

    const titleLen = 8 + Math.floor(rnd() * 5);
    const titleWords: string[] = [];
    while (titleWords.length < titleLen) {
      if (titleWords.length > 0 && rnd() < 0.25) titleWords.push(m.connectors[Math.floor(rnd() * m.connectors.length)]!);
      else if (rnd() < 0.06) titleWords.push(names[Math.floor(rnd() * names.length)]!);
      else titleWords.push(m.content.draw(rnd));
    }
    const title = titleWords.join(' ');
    const summary = prose(25 + Math.floor(rnd() * 16)).join(' ');

    const bodyWords = 250 + Math.floor(rnd() * 151);
    const share = [0.25, 0.35, 0.2, 0.2].map((f) => Math.round(bodyWords * f));
    const list = (budget: number) => {
      const items = 3 + Math.floor(rnd() * 3);
      return prose(budget)
        .reduce<string[]>((acc, s, i) => {
          const k = i % items;
          acc[k] = acc[k] ? `${acc[k]} ${s}` : s;
          return acc;
        }, [])
        .map((s) => `- ${decorate(s)}`)
        .join('\n');
    };
    const paragraphs = (budget: number) => {
      const ss = prose(budget);
      const cut = Math.ceil(ss.length / 2);
      return [ss.slice(0, cut), ss.slice(cut)].filter((p) => p.length).map((p) => decorate(p.join(' '))).join('\n\n');
    };
    const bodyMarkdown = [
      m.headings[0], '', paragraphs(share[0]!), '',
      m.headings[1], '', list(share[1]!), '',
      m.headings[2], '', rnd() < 0.5 ? list(share[2]!) : paragraphs(share[2]!), '',
      m.headings[3], '', list(share[3]!),
    ].join('\n');

    const slug = `syn-s${seed}-${String(n).padStart(6, '0')}`;
    return {
      slug,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      summary,
      bodyMarkdown,
      countries: recordCountries,
      pillars,
      partners: [...partners],
      kind: kindsW.draw(rnd),
      year: yearsW.draw(rnd),
      language,
      sourceUrl: rnd() < 0.7 ? `https://example.org/practices/${slug}` : null,
    };
  }

  return {
    record,
    *records(count: number): IterableIterator<SyntheticPractice> {
      for (let n = 0; n < count; n++) yield record(n);
    },
    /** Vocabulary sizes per language (distinct words the sampler can draw). */
    vocabularySizes: (): Record<Language, number> => ({ es: models.es.all.items.length, en: models.en.all.items.length, fr: models.fr.all.items.length }),
  };
}
export type SyntheticCorpus = ReturnType<typeof createSyntheticCorpus>;
