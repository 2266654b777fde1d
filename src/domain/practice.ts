import { z } from 'zod';
import { allianceSchema, type Alliance } from './alliance.js';
import type { ValidationIssue } from './errors.js';
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
    .string({ message: 'is required' })
    .transform(cleanLine)
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

function uniqueList<T extends z.ZodTypeAny>(item: T, what: string) {
  return z
    .array(item, { message: `must be a list of ${what}` })
    .min(1, `needs at least one ${what.replace(/s$/, '')}`)
    .superRefine((list, ctx) => {
      const seen = new Set<unknown>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${String(v)}` });
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
  return z
    .object({
      slug: z
        .string()
        .trim()
        .min(3, 'must be at least 3 characters')
        .max(120, 'must be at most 120 characters')
        .regex(SLUG_RE, 'use lowercase letters, digits and single hyphens (e.g. gt-mx-fair-recruitment)')
        .optional(),
      title: line(300),
      summary: line(2000),
      countries: uniqueList(
        z
          .string({ message: 'must be an ISO 3166-1 alpha-2 code' })
          .trim()
          .toUpperCase()
          .superRefine((c, ctx) => {
            if (!(COUNTRY_CODE_RE.test(c) && opts.isCountryCode(c))) {
              ctx.addIssue({ code: 'custom', message: `unknown country code "${c}": use an ISO 3166-1 alpha-2 code such as GT` });
            }
          }),
        'countries',
      ),
      pillars: uniqueList(
        z.enum(PILLAR_IDS, { message: `must be one of ${PILLAR_IDS.join(', ')}` }),
        'pillars',
      ),
      partners: z
        .array(
          z
            .string({ message: 'must be a partner id' })
            .transform(cleanLine)
            .pipe(z.string().max(60, 'must be at most 60 characters').regex(PARTNER_REF_RE, 'must be a partner id such as IOM or OIT')),
          { message: 'must be a list of partner ids' },
        )
        .default([]),
      kind: z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` }),
      year: z
        .number({ message: 'must be a year such as 2021' })
        .int('must be a whole year')
        .min(MIN_YEAR, `must be ${MIN_YEAR} or later`)
        .max(opts.maxYear, `must be ${opts.maxYear} or earlier`),
      language: z.enum(LANGUAGES, { message: `must be one of ${LANGUAGES.join(', ')}` }),
      source: httpUrl().optional(),
      sources: z.array(httpUrl(), { message: 'must be a list of http(s) URLs' }).max(20, 'at most 20 sources').optional(),
      alliance: allianceSchema({ isCountryCode: opts.isCountryCode }).optional(),
    })
    .strict()
    .superRefine((m, ctx) => {
      if (m.alliance && m.kind !== 'bilateral-alliance') {
        ctx.addIssue({ code: 'custom', path: ['alliance'], message: 'only a bilateral-alliance case study has an alliance block (set kind: bilateral-alliance)' });
      }
      if (m.alliance) {
        const tagged = new Set(m.countries);
        m.alliance.parties.forEach((p, i) => {
          if (!tagged.has(p.country)) ctx.addIssue({ code: 'custom', path: ['alliance', 'parties', i, 'country'], message: `${p.country} is a party but not one of the practice's countries` });
        });
      }
    });
}

function httpUrl() {
  return z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2000, 'must be at most 2000 characters')
    .transform(nfc);
}

export type PracticeMetadata = z.output<ReturnType<typeof practiceMetadataSchema>>;

/** Converts zod issues to `{ path: 'countries.1', message }` pairs, keeping every issue. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'is not a known field' }));
    }
    return [{ path: i.path.length ? i.path.join('.') : '(record)', message: i.message }];
  });
}
