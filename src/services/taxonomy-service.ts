import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Partner } from '../domain/partner.js';
import type { PartnerStore } from '../domain/ports.js';
import {
  KIND_NAMES,
  PARTNER_TYPE_NAMES,
  PILLARS,
  PROGRAMME_COUNTRIES,
  RCM_MEMBERS,
  REGION_NAMES,
  regionOf,
  type Kind,
  type Language,
  type PartnerType,
  type Pillar,
  type PillarId,
  type Region,
} from '../domain/taxonomy.js';
import { foldKey } from '../domain/text.js';

const require = createRequire(import.meta.url);
for (const lang of ['es', 'en', 'fr']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** A country as Puente shows it. */
export interface CountryInfo {
  code: string;
  region: Region;
  programme: boolean;
  rcmMember: boolean;
}

/**
 * Labels and lookups over the taxonomy: country names (i18n-iso-countries, ISO 3166-1 alpha-2, es/en/fr),
 * pillars, kinds, regions and the partner registry.
 */
export interface TaxonomyService {
  /** True for an assigned ISO 3166-1 alpha-2 code (uppercase). */
  isCountryCode(code: string): boolean;
  country(code: string): CountryInfo;
  /** Short official name in `lang`, e.g. `MX` -> `México`; the code itself if unknown. */
  countryName(code: string, lang: Language): string;
  /** Finds a country code by code or a (prefix of a) name in es/en/fr, accent-insensitive: `panama` -> `PA`. */
  findCountry(text: string): string | null;
  pillar(id: PillarId): Pillar;
  pillarName(id: PillarId, lang: Language): string;
  kindName(kind: Kind, lang: Language): string;
  regionName(region: Region, lang: Language): string;
  partnerTypeName(type: PartnerType, lang: Language): string;
  partner(id: string): Partner | null;
  /** Partner name in `lang` (falls back to the id for unknown ids). */
  partnerName(id: string, lang: Language): string;
}

export function createTaxonomyService(deps: { partners: PartnerStore }): TaxonomyService {
  const pillarById = new Map(PILLARS.map((p) => [p.id, p]));
  const nameCache = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const lang of ['es', 'en', 'fr'] as const) {
    for (const [code, name] of Object.entries(countries.getNames(lang, { select: 'official' }))) {
      byName.set(foldKey(name), code);
    }
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const n of names as unknown as string[]) if (!byName.has(foldKey(n))) byName.set(foldKey(n), code);
    }
  }
  const countryName = (code: string, lang: Language): string => {
    const key = `${lang}:${code}`;
    let name = nameCache.get(key);
    if (name === undefined) {
      name = countries.getName(code, lang, { select: 'official' }) ?? code;
      nameCache.set(key, name);
    }
    return name;
  };
  return {
    isCountryCode: (code) => /^[A-Z]{2}$/.test(code) && countries.isValid(code),
    country: (code) => ({
      code,
      region: regionOf(code),
      programme: PROGRAMME_COUNTRIES.has(code),
      rcmMember: RCM_MEMBERS.has(code),
    }),
    countryName,
    findCountry(text) {
      const key = foldKey(text);
      if (!key) return null;
      if (/^[a-z]{2}$/.test(key) && countries.isValid(key.toUpperCase())) return key.toUpperCase();
      const exact = byName.get(key);
      if (exact) return exact;
      // Prefix of a name: programme countries first, then the Americas, then the rest of the world.
      let best: { code: string; rank: number } | null = null;
      for (const [name, code] of byName) {
        if (!name.startsWith(key)) continue;
        const rank = PROGRAMME_COUNTRIES.has(code) ? 0 : regionOf(code) !== 'elsewhere' ? 1 : 2;
        if (!best || rank < best.rank) best = { code, rank };
        if (rank === 0) break;
      }
      return best?.code ?? null;
    },
    pillar: (id) => pillarById.get(id)!,
    pillarName: (id, lang) => pillarById.get(id)!.name[lang],
    kindName: (kind, lang) => KIND_NAMES[kind][lang],
    regionName: (region, lang) => REGION_NAMES[region][lang],
    partnerTypeName: (type, lang) => PARTNER_TYPE_NAMES[type][lang],
    partner: (id) => deps.partners.findById(id),
    partnerName: (id, lang) => deps.partners.findById(id)?.names[lang] ?? id,
  };
}
