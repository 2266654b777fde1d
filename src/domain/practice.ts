import { z } from 'zod';
import { allianceSchema, type Alliance } from './alliance.js';
import { msg, type ValidationKey } from './validation.js';
import { COUNTRY_CODE_RE, KINDS, LANGUAGES, PILLAR_IDS, type Kind, type Language, type PillarId } from './taxonomy.js';
import { cleanLine, nfc } from './text.js';

/** Workflow states of a record; only `published` records are public. */
export const PRACTICE_STATUSES = ['submitted', 'in-review', 'changes-requested', 'published', 'rejected', 'archived'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** A practice as stored: the unit Puente publishes. Timestamps are ISO 8601 UTC strings. */
export interface Practice {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  /** Markdown source as contributed (NFC). */
  readonly bodyMarkdown: string;
  /** `bodyMarkdown` rendered by marked and cleaned by sanitize-html at write time: safe to print unescaped. */
  readonly bodyHtml: string;
  /** ISO 3166-1 alpha-2 codes, uppercase, at least one, in contributed order. */
  readonly countries: readonly string[];
  readonly pillars: readonly PillarId[];
  /** Partner registry ids, in contributed order. */
  readonly partners: readonly string[];
  readonly kind: Kind;
  readonly year: number;
  readonly language: Language;
  readonly sourceUrl: string | null;
  /** Every source URL (the first is `sourceUrl`). */
  readonly sources: readonly string[];
  /** The structured alliance of a `bilateral-alliance` case study, when recorded. */
  readonly alliance: Alliance | null;
  readonly status: PracticeStatus;
  /** Curator (user id) who claimed the record for review. */
  readonly claimedBy: number | null;
  /** Shown on the home page. */
  readonly featured: boolean;
  /** When merged as a duplicate: the surviving record's id (this record is archived; its slug redirects). */
  readonly mergedInto: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A practice without its body and sources: what lists, cards and counts need (bodies are 3-100 KB each). */
export type PracticeSummary = Omit<Practice, 'bodyMarkdown' | 'bodyHtml' | 'sources'>;

/** URL-safe slug: lowercase ASCII letters and digits in hyphen-separated groups, 3-120 characters. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MIN_YEAR = 1950;

/** Partner references are registry ids or aliases: letters, digits, spaces and . & ' ( ) / - (e.g. `IOM`, `IMMIGRATION-TT`, `OIT`). */
export const PARTNER_REF_RE = /^[\p{L}\p{N}][\p{L}\p{N} .&'()/-]*$/u;

export interface PracticeSchemaOptions {
  /** True when `code` (uppercase) is an assigned ISO 3166-1 alpha-2 code. */
  isCountryCode: (code: string) => boolean;
  /** Latest acceptable year (normally the current year + 1). */
  maxYear: number;
}

const line = (max: number) =>
  z
    .string({ message: msg('required') })
    .transform(cleanLine)
    .pipe(z.string().min(1, msg('empty')).max(max, msg('tooLong', { max })));

function uniqueList<T extends z.ZodTypeAny>(item: T, listKey: ValidationKey, needKey: ValidationKey) {
  return z
    .array(item, { message: msg(listKey) })
    .min(1, msg(needKey))
    .superRefine((list, ctx) => {
      const seen = new Set<unknown>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: msg('repeats', { value: String(v) }) });
        seen.add(v);
      });
    });
}

/**
 * The zod schema of a practice's metadata as written in import front matter (and, later, forms and the API):
 * `{ slug?, title, summary, countries[], pillars[], partners[], kind, year, language, source? }`.
 * Strings are NFC-normalised, codes upper-cased. Unknown keys are rejected so typos surface.
 */
export function practiceMetadataSchema(opts: PracticeSchemaOptions) {
  return z.object(practiceMetadataShape(opts)).strict().superRefine(practiceRules);
}

/** The fields of {@link practiceMetadataSchema}, for schemas that add their own (submissions). */
export function practiceMetadataShape(opts: PracticeSchemaOptions) {
  return {
    slug: z
      .string()
      .trim()
      .min(3, msg('tooShort', { min: 3 }))
      .max(120, msg('tooLong', { max: 120 }))
      .regex(SLUG_RE, msg('slugFormat'))
      .optional(),
    title: line(300),
    summary: line(2000),
    countries: uniqueList(
      z
        .string({ message: msg('countryCode', { value: '' }) })
        .trim()
        .toUpperCase()
        .superRefine((c, ctx) => {
          if (!(COUNTRY_CODE_RE.test(c) && opts.isCountryCode(c))) {
            ctx.addIssue({ code: 'custom', message: msg('countryCode', { value: c }) });
          }
        }),
      'listOfCountries',
      'needCountry',
    ),
    pillars: uniqueList(
      z.enum(PILLAR_IDS, { message: msg('oneOf', { values: PILLAR_IDS.join(', ') }) }),
      'listOfPillars',
      'needPillar',
    ),
    partners: z
      .array(
        z
          .string({ message: msg('partnerId') })
          .transform(cleanLine)
          .pipe(z.string().max(60, msg('tooLong', { max: 60 })).regex(PARTNER_REF_RE, msg('partnerId'))),
        { message: msg('listOfPartners') },
      )
      .default([]),
    kind: z.enum(KINDS, { message: msg('oneOf', { values: KINDS.join(', ') }) }),
    year: z
      .number({ message: msg('year') })
      .int(msg('wholeYear'))
      .min(MIN_YEAR, msg('yearMin', { min: MIN_YEAR }))
      .max(opts.maxYear, msg('yearMax', { max: opts.maxYear })),
    language: z.enum(LANGUAGES, { message: msg('oneOf', { values: LANGUAGES.join(', ') }) }),
    source: httpUrl().optional(),
    sources: z.array(httpUrl(), { message: msg('listOfUrls') }).max(20, msg('maxItems', { max: 20 })).optional(),
    alliance: allianceSchema({ isCountryCode: opts.isCountryCode }).optional(),
  };
}

/** Cross-field rules: an alliance block only on `bilateral-alliance` records, its parties among the countries. */
export function practiceRules(
  m: { kind: Kind; countries: string[]; alliance?: Alliance | undefined },
  ctx: z.RefinementCtx,
): void {
  if (m.alliance && m.kind !== 'bilateral-alliance') {
    ctx.addIssue({ code: 'custom', path: ['alliance'], message: msg('allianceOnlyForKind') });
  }
  if (m.alliance) {
    const tagged = new Set(m.countries);
    m.alliance.parties.forEach((p, i) => {
      if (!tagged.has(p.country)) ctx.addIssue({ code: 'custom', path: ['alliance', 'parties', i, 'country'], message: msg('partyNotTagged', { value: p.country }) });
    });
  }
}

function httpUrl() {
  return z
    .url({ protocol: /^https?$/, message: msg('httpUrl') })
    .max(2000, msg('tooLong', { max: 2000 }))
    .transform(nfc);
}

export type PracticeMetadata = z.output<ReturnType<typeof practiceMetadataSchema>>;

export { toValidationIssues } from './validation.js';
