import { z } from 'zod';
import type { Localized } from './taxonomy.js';
import { msg } from './validation.js';

/**
 * Bilateral-alliance case studies: two or more countries, an agreement or joint programme between them,
 * and what came of it, recorded as structured data beside the practice (kind `bilateral-alliance`).
 */

export const PARTY_ROLES = ['origin', 'transit', 'destination', 'host', 'partner'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const INSTRUMENTS = ['mou', 'bilateral-agreement', 'protocol', 'joint-action-plan', 'binational-commission', 'pilot-programme', 'other'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const ALLIANCE_STATUSES = ['in-force', 'concluded', 'under-negotiation', 'suspended'] as const;
export type AllianceStatus = (typeof ALLIANCE_STATUSES)[number];

export interface AllianceParty {
  /** ISO 3166-1 alpha-2, uppercase. */
  country: string;
  role: PartyRole;
}

/** A partial date: `2019`, `2019-07` or `2019-07-15` (ISO 8601 calendar date, reduced precision allowed). */
export type PartialDate = string;

export interface Alliance {
  parties: AllianceParty[];
  instrument: Instrument;
  signedOn: PartialDate | null;
  startedOn: PartialDate | null;
  endedOn: PartialDate | null;
  status: AllianceStatus;
}

export const ROLE_NAMES: Readonly<Record<PartyRole, Localized>> = {
  origin: { es: 'Origen', en: 'Origin', fr: 'Origine' },
  transit: { es: 'Tránsito', en: 'Transit', fr: 'Transit' },
  destination: { es: 'Destino', en: 'Destination', fr: 'Destination' },
  host: { es: 'Acogida', en: 'Host', fr: 'Accueil' },
  partner: { es: 'Socio', en: 'Partner', fr: 'Partenaire' },
};
export const INSTRUMENT_NAMES: Readonly<Record<Instrument, Localized>> = {
  mou: { es: 'Memorando de entendimiento', en: 'Memorandum of understanding', fr: "Protocole d'entente" },
  'bilateral-agreement': { es: 'Acuerdo bilateral', en: 'Bilateral agreement', fr: 'Accord bilatéral' },
  protocol: { es: 'Protocolo', en: 'Protocol', fr: 'Protocole' },
  'joint-action-plan': { es: 'Plan de acción conjunto', en: 'Joint action plan', fr: "Plan d'action conjoint" },
  'binational-commission': { es: 'Comisión binacional', en: 'Binational commission', fr: 'Commission binationale' },
  'pilot-programme': { es: 'Programa piloto', en: 'Pilot programme', fr: 'Programme pilote' },
  other: { es: 'Otro instrumento', en: 'Other instrument', fr: 'Autre instrument' },
};
export const ALLIANCE_STATUS_NAMES: Readonly<Record<AllianceStatus, Localized>> = {
  'in-force': { es: 'Vigente', en: 'In force', fr: 'En vigueur' },
  concluded: { es: 'Concluida', en: 'Concluded', fr: 'Terminée' },
  'under-negotiation': { es: 'En negociación', en: 'Under negotiation', fr: 'En négociation' },
  suspended: { es: 'Suspendida', en: 'Suspended', fr: 'Suspendue' },
};

const PARTIAL_DATE_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True for `YYYY`, `YYYY-MM` or a real calendar date `YYYY-MM-DD` (no 2021-02-30). */
export function isPartialDate(s: string): boolean {
  const m = PARTIAL_DATE_RE.exec(s);
  if (!m) return false;
  if (!m[3]) return true;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Accepts a YAML date (gray-matter turns `2019-07-15` into a Date), a number year or a string. */
const partialDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
  z
    .string({ message: msg('partialDate') })
    .trim()
    .refine(isPartialDate, { message: msg('partialDate') }),
);

/**
 * Schema of the `alliance:` block (import front matter, forms and API), snake_case as people write it:
 * `{ parties: [{ country, role }], instrument, signed_on?, started_on?, ended_on?, status }`.
 * Rules: at least two parties, no country twice, at least one of signed_on / started_on, ended_on not
 * before the start.
 */
export function allianceSchema(opts: { isCountryCode: (code: string) => boolean }) {
  return z
    .object({
      parties: z
        .array(
          z.object({
            country: z
              .string({ message: msg('chooseCountry') })
              .trim()
              .toUpperCase()
              .superRefine((c, ctx) => {
                if (c === '') ctx.addIssue({ code: 'custom', message: msg('chooseCountry') });
                else if (!(/^[A-Z]{2}$/.test(c) && opts.isCountryCode(c))) ctx.addIssue({ code: 'custom', message: msg('countryCode', { value: c }) });
              }),
            role: z.enum(PARTY_ROLES, { message: msg('oneOf', { values: PARTY_ROLES.join(', ') }) }),
          }),
          { message: msg('partiesList') },
        )
        .min(2, msg('needTwoParties'))
        .max(20, msg('maxItems', { max: 20 }))
        .superRefine((parties, ctx) => {
          const seen = new Set<string>();
          parties.forEach((p, i) => {
            if (seen.has(p.country)) ctx.addIssue({ code: 'custom', path: [i, 'country'], message: msg('duplicateParty', { value: p.country }) });
            seen.add(p.country);
          });
        }),
      instrument: z.enum(INSTRUMENTS, { message: msg('oneOf', { values: INSTRUMENTS.join(', ') }) }),
      signed_on: partialDate.optional(),
      started_on: partialDate.optional(),
      ended_on: partialDate.optional(),
      status: z.enum(ALLIANCE_STATUSES, { message: msg('oneOf', { values: ALLIANCE_STATUSES.join(', ') }) }),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (!a.signed_on && !a.started_on) ctx.addIssue({ code: 'custom', path: ['signed_on'], message: msg('needStart') });
      const start = a.signed_on ?? a.started_on;
      if (a.ended_on && start && a.ended_on < start.slice(0, a.ended_on.length)) {
        ctx.addIssue({ code: 'custom', path: ['ended_on'], message: msg('endBeforeStart') });
      }
    })
    .transform(
      (a): Alliance => ({
        parties: a.parties,
        instrument: a.instrument,
        signedOn: a.signed_on ?? null,
        startedOn: a.started_on ?? null,
        endedOn: a.ended_on ?? null,
        status: a.status,
      }),
    );
}
