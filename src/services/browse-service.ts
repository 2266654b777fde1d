import { NotFoundError } from '../domain/errors.js';
import type { Partner } from '../domain/partner.js';
import type { PartnerStore, PracticeStore, ValueCount } from '../domain/ports.js';
import type { Practice, PracticeSummary } from '../domain/practice.js';
import { isPillarId, type Pillar, type PillarId } from '../domain/taxonomy.js';
import type { TaxonomyService } from './taxonomy-service.js';
import type { AllianceStatus, Instrument } from '../domain/alliance.js';
import type { AllianceStore } from '../storage/sqlite/alliance-store.js';

const PUBLISHED = { status: 'published' } as const;

export interface HomeData {
  total: number;
  /** Practices the curators feature on the home page, newest first. */
  featured: PracticeSummary[];
  pillarCounts: ValueCount<PillarId>[];
  countryCounts: ValueCount[];
  latest: PracticeSummary[];
}
export interface CountriesData {
  countryCounts: ValueCount[];
  countryPillarCounts: Array<{ country: string; pillar: PillarId; count: number }>;
}
export interface AlliancesData {
  pairs: Array<{ a: string; b: string; count: number }>;
  alliances: PracticeSummary[];
  filter: AllianceFilter;
}
export interface AllianceFilter {
  pair?: [string, string];
  instrument?: Instrument;
  status?: AllianceStatus;
}
export interface CountryData {
  code: string;
  /** Countries this one has published alliances with. */
  alliancePartners: ValueCount[];
  practices: PracticeSummary[];
  partnerCounts: ValueCount[];
  /** Other countries tagged on the same practices, with how many practices they share. */
  sharedCountries: ValueCount[];
}
export interface PillarData {
  pillar: Pillar;
  practices: PracticeSummary[];
  countryCounts: ValueCount[];
}
export interface PartnerData {
  partner: Partner;
  practices: PracticeSummary[];
  countryCounts: ValueCount[];
}

/**
 * Read-only use cases behind the browse pages and their JSON twins. Only `published` practices are
 * ever returned. Lookups of unknown keys throw {@link NotFoundError} (404).
 */
export function createBrowseService(deps: { practices: PracticeStore; partners: PartnerStore; taxonomy: TaxonomyService; alliances: AllianceStore }) {
  const { practices, partners, taxonomy, alliances } = deps;
  return {
    home(latest = 6): HomeData {
      return {
        total: practices.count(PUBLISHED),
        featured: practices.list({ ...PUBLISHED, featured: true }, { limit: 6, offset: 0 }),
        pillarCounts: practices.countByPillar(PUBLISHED),
        countryCounts: practices.countByCountry(PUBLISHED),
        latest: practices.list(PUBLISHED, { limit: latest, offset: 0 }),
      };
    },
    countries(): CountriesData {
      return {
        countryCounts: practices.countByCountry(PUBLISHED),
        countryPillarCounts: practices.countByCountryAndPillar(PUBLISHED),
      };
    },
    /** @param code ISO 3166-1 alpha-2, any case. @throws NotFoundError for codes that are not assigned. */
    country(code: string): CountryData {
      const upper = code.toUpperCase();
      if (!taxonomy.isCountryCode(upper)) throw new NotFoundError('country', code);
      const filter = { ...PUBLISHED, country: upper };
      return {
        code: upper,
        practices: practices.list(filter),
        partnerCounts: practices.countByPartner(filter),
        sharedCountries: practices.countByCountry(filter).filter((c) => c.value !== upper),
        alliancePartners: alliances.partnersOf(upper),
      };
    },
    /** The alliance grid (pairs of countries) and the alliances matching `filter`. */
    alliances(filter: AllianceFilter): AlliancesData {
      const ids = alliances.list(filter);
      return { pairs: alliances.pairCounts(), alliances: practices.summariesByIds(ids), filter };
    },
    pillars(): ValueCount<PillarId>[] {
      return practices.countByPillar(PUBLISHED);
    },
    /** @throws NotFoundError unless `id` is one of the four pillar ids. */
    pillar(id: string): PillarData {
      if (!isPillarId(id)) throw new NotFoundError('pillar', id);
      const filter = { ...PUBLISHED, pillar: id };
      return { pillar: taxonomy.pillar(id), practices: practices.list(filter), countryCounts: practices.countByCountry(filter) };
    },
    partners(): { partners: Partner[]; counts: Map<string, number> } {
      return {
        partners: partners.list(),
        counts: new Map(practices.countByPartner(PUBLISHED).map((c) => [c.value, c.count])),
      };
    },
    /** Resolves ids and aliases (`oim` -> IOM). @throws NotFoundError when nothing answers to `ref`. */
    partner(ref: string): PartnerData {
      const partner = partners.resolve(ref);
      if (!partner) throw new NotFoundError('partner', ref);
      const filter = { ...PUBLISHED, partner: partner.id };
      return { partner, practices: practices.list(filter), countryCounts: practices.countByCountry(filter) };
    },
    /**
     * A published practice and related ones; `{ movedTo }` (the surviving slug) when it was merged into another.
     * @throws NotFoundError for unknown slugs and for records that are not published.
     */
    practice(slug: string, relatedLimit = 4): { practice: Practice; related: PracticeSummary[] } | { movedTo: string } {
      let practice = practices.findBySlug(slug);
      // Follow merges (a survivor may itself have been merged later), at most a few hops.
      for (let hops = 0; practice && practice.status === 'archived' && practice.mergedInto && hops < 5; hops++) {
        const survivor = practices.findById(practice.mergedInto);
        if (survivor?.status === 'published') return { movedTo: survivor.slug };
        practice = survivor;
      }
      if (!practice || practice.status !== 'published') throw new NotFoundError('practice', slug);
      return { practice, related: practices.related(practice.id, relatedLimit) };
    },
  };
}
export type BrowseService = ReturnType<typeof createBrowseService>;
