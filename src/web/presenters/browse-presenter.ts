import type { Partner } from '../../domain/partner.js';
import type { ValueCount } from '../../domain/ports.js';
import { PARTNER_TYPES, PILLARS, REGIONS, type PillarId } from '../../domain/taxonomy.js';
import type { CountriesData, CountryData, HomeData, PartnerData, PillarData } from '../../services/browse-service.js';
import { urls } from '../urls.js';
import type { PresenterContext } from './context.js';
import { byName, countryLink, partnerLink, pillarLink, type CountryLink, type PartnerLink, type PillarLink } from './links.js';
import { practiceCard, type PracticeCard } from './practice-presenter.js';
import { buildRegionMap, type RegionMapViewModel } from './region-map.js';

export interface CountedCountry extends CountryLink { count: number; programme: boolean; rcmMember: boolean }
export interface CountedPillar extends PillarLink { count: number; description: string; searchUrl: string }
export interface CountedPartner extends PartnerLink { count: number }

function countedCountries(ctx: PresenterContext, counts: ValueCount[]): CountedCountry[] {
  return counts.map((c) => {
    const info = ctx.taxonomy.country(c.value);
    return { ...countryLink(ctx, c.value), count: c.count, programme: info.programme, rcmMember: info.rcmMember };
  });
}

function countedPillars(ctx: PresenterContext, counts: ValueCount<PillarId>[]): CountedPillar[] {
  const byId = new Map(counts.map((c) => [c.value, c.count]));
  return PILLARS.map((p) => ({
    ...pillarLink(ctx, p.id),
    count: byId.get(p.id) ?? 0,
    description: p.description[ctx.lang],
    searchUrl: urls.search({ pillar: p.id }),
  }));
}

function countedPartners(ctx: PresenterContext, counts: ValueCount[]): CountedPartner[] {
  return counts.map((c) => ({ ...partnerLink(ctx, c.value), count: c.count }));
}

export interface HomeView { total: number; pillars: CountedPillar[]; countries: CountedCountry[]; latest: PracticeCard[]; featured: PracticeCard[] }

export function homeView(ctx: PresenterContext, d: HomeData): HomeView {
  return {
    total: d.total,
    pillars: countedPillars(ctx, d.pillarCounts),
    countries: countedCountries(ctx, d.countryCounts),
    latest: d.latest.map((p) => practiceCard(ctx, p)),
    featured: d.featured.map((p) => practiceCard(ctx, p)),
  };
}

export interface CountriesView {
  regions: Array<{ id: string; name: string; countries: Array<CountedCountry & { pillarCounts: number[] }> }>;
  pillars: PillarLink[];
  map: RegionMapViewModel;
}

export function countriesView(ctx: PresenterContext, d: CountriesData): CountriesView {
  const grid = new Map<string, Map<PillarId, number>>();
  for (const c of d.countryPillarCounts) {
    if (!grid.has(c.country)) grid.set(c.country, new Map());
    grid.get(c.country)!.set(c.pillar, c.count);
  }
  const all = countedCountries(ctx, d.countryCounts).map((c) => ({
    ...c,
    pillarCounts: PILLARS.map((p) => grid.get(c.code)?.get(p.id) ?? 0),
  }));
  const regions = REGIONS.map((r) => ({
    id: r,
    name: ctx.taxonomy.regionName(r, ctx.lang),
    countries: all.filter((c) => ctx.taxonomy.country(c.code).region === r).sort(byName(ctx)),
  })).filter((r) => r.countries.length > 0);
  const map = buildRegionMap(
    all.map((c) => ({ code: c.code, label: c.name, count: c.count, href: c.url })),
    { countLabel: (n) => ctx.t('count.practices', { count: n }) },
  );
  return { regions, pillars: PILLARS.map((p) => pillarLink(ctx, p.id)), map };
}

export interface CountryView {
  country: CountedCountry & { region: string };
  total: number;
  byPillar: Array<{ pillar: PillarLink; practices: PracticeCard[] }>;
  partners: CountedPartner[];
  sharedWith: CountedCountry[];
  /** Countries with which this one has published alliances, linking to the pair's list. */
  alliancePartners: Array<CountedCountry & { pairUrl: string }>;
  searchUrl: string;
  apiUrl: string;
}

export function countryView(ctx: PresenterContext, d: CountryData): CountryView {
  const info = ctx.taxonomy.country(d.code);
  const cards = d.practices.map((p) => ({ p, card: practiceCard(ctx, p) }));
  return {
    country: {
      ...countryLink(ctx, d.code),
      count: d.practices.length,
      programme: info.programme,
      rcmMember: info.rcmMember,
      region: ctx.taxonomy.regionName(info.region, ctx.lang),
    },
    total: d.practices.length,
    byPillar: PILLARS.map((pl) => ({
      pillar: pillarLink(ctx, pl.id),
      practices: cards.filter((c) => c.p.pillars.includes(pl.id)).map((c) => c.card),
    })).filter((g) => g.practices.length > 0),
    partners: countedPartners(ctx, d.partnerCounts),
    sharedWith: countedCountries(ctx, d.sharedCountries),
    alliancePartners: countedCountries(ctx, d.alliancePartners).map((c) => ({
      ...c,
      pairUrl: urls.alliances({ pair: [d.code, c.code].sort().join('-').toLowerCase() }),
    })),
    searchUrl: urls.search({ country: d.code.toLowerCase() }),
    apiUrl: urls.api.country(d.code),
  };
}

export interface PillarsView { pillars: CountedPillar[] }
export function pillarsView(ctx: PresenterContext, counts: ValueCount<PillarId>[]): PillarsView {
  return { pillars: countedPillars(ctx, counts) };
}

export interface PillarView {
  pillar: CountedPillar;
  practices: PracticeCard[];
  countries: CountedCountry[];
  apiUrl: string;
}
export function pillarView(ctx: PresenterContext, d: PillarData): PillarView {
  return {
    pillar: { ...pillarLink(ctx, d.pillar.id), count: d.practices.length, description: d.pillar.description[ctx.lang], searchUrl: urls.search({ pillar: d.pillar.id }) },
    practices: d.practices.map((p) => practiceCard(ctx, p)),
    countries: countedCountries(ctx, d.countryCounts),
    apiUrl: urls.api.pillar(d.pillar.id),
  };
}

export interface PartnerSummary extends CountedPartner {
  names: { es: string; en: string; fr: string };
  type: { id: string; name: string };
  country: CountryLink | null;
  website: string | null;
  aliases: readonly string[];
}
function partnerSummary(ctx: PresenterContext, p: Partner, count: number): PartnerSummary {
  return {
    id: p.id,
    name: p.names[ctx.lang],
    names: { ...p.names },
    url: urls.partner(p.id),
    reviewed: p.reviewed,
    count,
    type: { id: p.type, name: ctx.taxonomy.partnerTypeName(p.type, ctx.lang) },
    country: p.country ? countryLink(ctx, p.country) : null,
    website: p.website,
    aliases: p.aliases,
  };
}

export interface PartnersView { total: number; groups: Array<{ type: string; name: string; partners: PartnerSummary[] }> }
export function partnersView(ctx: PresenterContext, d: { partners: Partner[]; counts: Map<string, number> }): PartnersView {
  const all = d.partners.map((p) => partnerSummary(ctx, p, d.counts.get(p.id) ?? 0));
  return {
    total: all.length,
    groups: PARTNER_TYPES.map((type) => ({
      type,
      name: ctx.taxonomy.partnerTypeName(type, ctx.lang),
      partners: all.filter((p) => p.type.id === type).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    })).filter((g) => g.partners.length > 0),
  };
}

export interface PartnerView { partner: PartnerSummary; practices: PracticeCard[]; countries: CountedCountry[]; searchUrl: string; apiUrl: string }
export function partnerView(ctx: PresenterContext, d: PartnerData): PartnerView {
  return {
    partner: partnerSummary(ctx, d.partner, d.practices.length),
    practices: d.practices.map((p) => practiceCard(ctx, p)),
    countries: countedCountries(ctx, d.countryCounts),
    searchUrl: urls.search({ partner: d.partner.id.toLowerCase() }),
    apiUrl: urls.api.partner(d.partner.id),
  };
}
