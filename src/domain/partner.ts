import { z } from 'zod';
import { PARTNER_TYPES, type Localized, type PartnerType } from './taxonomy.js';
import { cleanLine } from './text.js';

/** A partner of the registry (UN agency, government institution, intergovernmental process...). */
export interface Partner {
  /** Registry key, usually the English acronym: `IOM`, `RCM`, `INM`. */
  readonly id: string;
  readonly names: Localized;
  readonly type: PartnerType;
  /** ISO 3166-1 alpha-2 code for national institutions, else null. */
  readonly country: string | null;
  readonly website: string | null;
  /** Other acronyms and names people search by, in any language: `OIM`, `OIT`, `ACNUR`. */
  readonly aliases: readonly string[];
  /** False for partners created automatically from an unknown id at import, until a curator reviews them. */
  readonly reviewed: boolean;
}

const name = z.string().transform(cleanLine).pipe(z.string().min(1).max(300));

/** Schema of one entry of `data/partners.json`. */
export const PartnerEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits and hyphens'),
    names: z.object({ es: name, en: name, fr: name.optional() }),
    type: z.enum(PARTNER_TYPES),
    country: z.string().regex(/^[A-Z]{2}$/).nullable(),
    website: z.url({ protocol: /^https?$/ }).nullable(),
    aliases: z.array(name).default([]),
  })
  .strict();

/** Parses the registry file contents; throws a zod error naming the entry index and field. */
export function parsePartnerRegistry(json: unknown): Partner[] {
  return z
    .array(PartnerEntrySchema)
    .parse(json)
    .map((e) => ({
      id: e.id,
      names: { es: e.names.es, en: e.names.en, fr: e.names.fr ?? e.names.en },
      type: e.type,
      country: e.country,
      website: e.website,
      aliases: e.aliases,
      reviewed: true,
    }));
}
