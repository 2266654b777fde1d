import type { Practice, PracticeSummary } from '../../domain/practice.js';

import { urls } from '../urls.js';
import { allianceView, type AllianceView } from './alliance-presenter.js';
import type { PresenterContext } from './context.js';
import { countryLink, partnerLink, pillarLink, type CountryLink, type PartnerLink, type PillarLink } from './links.js';

/** A practice in a list: what a result card shows. */
export interface PracticeCard {
  slug: string;
  url: string;
  title: string;
  summary: string;
  kind: { id: string; name: string };
  year: number;
  language: { id: string; name: string };
  countries: CountryLink[];
  pillars: PillarLink[];
}

/** A practice page (and `/api/practices/:slug`). `bodyHtml` is sanitizer output, the only raw HTML printed. */
export interface PracticeDetail extends PracticeCard {
  partners: PartnerLink[];
  sourceUrl: string | null;
  bodyHtml: string;
  createdAt: string;
  updatedAt: string;
  related: PracticeCard[];
  apiUrl: string;
  /** The structured alliance of a bilateral-alliance case study (parties diagram), when recorded. */
  alliance: AllianceView | null;
}

/** Name of a content language (BCP 47 tag) in the reader's language, via Intl.DisplayNames. */
export function languageName(ctx: PresenterContext, tag: string): string {
  const key = `${ctx.lang}:${tag}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    const raw = new Intl.DisplayNames([ctx.lang], { type: 'language' }).of(tag) ?? tag;
    name = raw.charAt(0).toLocaleUpperCase(ctx.lang) + raw.slice(1);
    languageNames.set(key, name);
  }
  return name;
}
/** Memo of Intl.DisplayNames results (reader language x content language: at most 9 entries). */
const languageNames = new Map<string, string>();

export function practiceCard(ctx: PresenterContext, p: PracticeSummary): PracticeCard {
  return {
    slug: p.slug,
    url: urls.practice(p.slug),
    title: p.title,
    summary: p.summary,
    kind: { id: p.kind, name: ctx.taxonomy.kindName(p.kind, ctx.lang) },
    year: p.year,
    language: { id: p.language, name: languageName(ctx, p.language) },
    countries: p.countries.map((c) => countryLink(ctx, c)),
    pillars: p.pillars.map((id) => pillarLink(ctx, id)),
  };
}

export function practiceDetail(ctx: PresenterContext, p: Practice, related: PracticeSummary[]): PracticeDetail {
  return {
    ...practiceCard(ctx, p),
    partners: p.partners.map((id) => partnerLink(ctx, id)),
    sourceUrl: p.sourceUrl,
    bodyHtml: p.bodyHtml,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    related: related.map((r) => practiceCard(ctx, r)),
    apiUrl: urls.api.practice(p.slug),
    alliance: p.alliance ? allianceView(ctx, p.alliance) : null,
  };
}

