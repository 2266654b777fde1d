/**
 * Validation messages as codes with parameters, so every reader gets them in their language.
 * Schemas write `msg('tooLong', { max: 300 })`; {@link toValidationIssues} turns zod issues into
 * `{ path, message (English), key, params }`; the web layer renders `validation.<key>` from the catalogs
 * (locales/*.json) with the same parameters, falling back to the English template here.
 */
import type { z } from 'zod';
import type { ValidationIssue } from './errors.js';

/** English templates (i18next-style `{{param}}` interpolation). Every key needs a `validation.<key>` in es.json. */
export const VALIDATION_EN = {
  required: 'is required',
  empty: 'must not be empty',
  tooShort: 'must be at least {{min}} characters',
  tooLong: 'must be at most {{max}} characters',
  slugFormat: 'use lowercase letters, digits and single hyphens (e.g. gt-mx-fair-recruitment)',
  listOfCountries: 'must be a list of country codes',
  listOfPillars: 'must be a list of pillars',
  listOfPartners: 'must be a list of partner ids',
  listOfUrls: 'must be a list of http(s) URLs',
  needCountry: 'needs at least one country',
  needPillar: 'needs at least one pillar',
  repeats: 'repeats {{value}}',
  countryCode: 'unknown country code "{{value}}": use an ISO 3166-1 alpha-2 code such as GT',
  oneOf: 'must be one of {{values}}',
  partnerId: 'must be a partner id such as IOM or OIT',
  unknownPartner: 'unknown partner "{{value}}": choose one from the registry or write it under "other partner"',
  year: 'must be a year such as 2021',
  wholeYear: 'must be a whole year',
  yearMin: 'must be {{min}} or later',
  yearMax: 'must be {{max}} or earlier',
  httpUrl: 'must be an http(s) URL',
  maxItems: 'at most {{max}} items',
  allianceOnlyForKind: 'only a bilateral-alliance case study has an alliance block (set kind: bilateral-alliance)',
  partyNotTagged: '{{value}} is a party but not one of the practice\'s countries',
  partiesList: 'must be a list of parties',
  needTwoParties: 'an alliance needs at least two parties',
  duplicateParty: '{{value}} is already a party',
  chooseCountry: 'choose a country',
  partialDate: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD',
  needStart: 'give the date it was signed or started',
  endBeforeStart: 'must not be before the start',
  email: 'must be an e-mail address such as ana@example.org',
  consent: 'tick the box to agree that Puente publishes your contribution once reviewed',
  bodyTooLong: 'must be at most {{max}} KB',
  unknownField: 'is not a known field',
  yaml: 'is not valid YAML: {{detail}}',
  frontMatterMissing: 'is missing: the file must start with a --- YAML block ---',
  notMarkdownFile: 'choose a .md file with front matter',
  invalid: 'is invalid',
} as const;

export type ValidationKey = keyof typeof VALIDATION_EN;
export type ValidationParams = Record<string, string | number>;

const MARK = '\u0001';

/** A zod message carrying a key and parameters (decoded by {@link toValidationIssues}). */
export function msg(key: ValidationKey, params: ValidationParams = {}): string {
  return `${MARK}${key}${MARK}${JSON.stringify(params)}`;
}

/** Fills `{{param}}` placeholders. */
export function interpolate(template: string, params: ValidationParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Decodes a message written by {@link msg}; plain strings come back as `invalid` with the text. */
function decode(message: string): { key: ValidationKey; params: ValidationParams } | null {
  if (!message.startsWith(MARK)) return null;
  const [, key, json] = message.split(MARK);
  return { key: key as ValidationKey, params: JSON.parse(json ?? '{}') as ValidationParams };
}

/**
 * Converts zod issues to `{ path: 'countries.1', message, key, params }`, keeping every issue; an
 * unknown key becomes one issue per key, at that key's path.
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((i): ValidationIssue[] => {
    const base = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: [...base, k].join('.'), message: VALIDATION_EN.unknownField, key: 'unknownField', params: {} }));
    }
    const decoded = decode(i.message);
    const path = base.length ? base.join('.') : '(record)';
    if (!decoded) return [{ path, message: i.message, key: 'invalid', params: { detail: i.message } }];
    return [{ path, message: interpolate(VALIDATION_EN[decoded.key], decoded.params), key: decoded.key, params: decoded.params }];
  });
}
