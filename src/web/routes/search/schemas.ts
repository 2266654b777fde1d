import { z } from 'zod';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTS } from '../../../domain/search.js';
import type { SearchInput } from '../../../services/search-service.js';

/**
 * Limits of `/search` and `/api/search`. Anything outside them is a 400 naming the parameter (an HTML
 * error page, or `{ error: 'validation_failed', message, issues }` under /api), never a 500.
 *
 * - `q`: at most 10 KB (10,240 characters).
 * - `page`: a whole number 1..10,000. A page past the last page of results (but within 10,000) is not an
 *   error: it answers 200 with no hits, and the page says so and links to the last page.
 * - `per_page`: a whole number 1..100 (default 20).
 * - `year_from`, `year_to`: whole years 1950..2100; given the wrong way round they are swapped.
 * - list filters (`pillar`, `country`, `partner`, `kind`, `language`): repeatable, at most 50 values of at
 *   most 200 characters each. Unknown values are not an error: the page shows a warning.
 * - `sort`: relevance (default), newest or year.
 *
 * Empty values (`year_from=` from an empty number input) count as absent. Scalars given twice
 * (`page=1&page=2`) are a 400.
 */
export const MAX_Q_LENGTH = 10 * 1024;
export const MAX_PAGE = 10_000;
export const YEAR_RANGE = { min: 1950, max: 2100 } as const;
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 200;

/** Empty strings (an empty input in a GET form) mean "not given". */
const blankAsMissing = (v: unknown) => (v === '' ? undefined : v);

const once = (name: string) => `${name} must be given once`;

/** A whole number in min..max written in plain digits (no sign, exponent, decimals or hex). */
function wholeNumber(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    blankAsMissing,
    z
      .string({ error: (issue) => (issue.input === undefined ? undefined : Array.isArray(issue.input) ? once(name) : message) })
      .trim()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message))
      .optional(),
  );
}

/** A repeatable filter: a single value becomes a one-element list; blanks are dropped. */
function valueList(name: string) {
  return z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().max(MAX_VALUE_LENGTH, `each ${name} value must be at most ${MAX_VALUE_LENGTH} characters`), { error: `${name} must be text` })
      .max(MAX_VALUES, `at most ${MAX_VALUES} ${name} values`)
      .transform((list) => list.map((v) => v.trim()).filter((v) => v !== '')),
  );
}

/** The query string of `/search` and `/api/search`, parsed into the search service's input. */
export const SearchQuery = z
  .object({
    q: z.preprocess(
      (v) => (v === undefined ? '' : v),
      z
        .string({ error: (issue) => (Array.isArray(issue.input) ? once('q') : 'q must be text') })
        .max(MAX_Q_LENGTH, `q must be at most ${MAX_Q_LENGTH} characters`),
    ),
    pillar: valueList('pillar'),
    country: valueList('country'),
    partner: valueList('partner'),
    kind: valueList('kind'),
    language: valueList('language'),
    year_from: wholeNumber('year_from', YEAR_RANGE.min, YEAR_RANGE.max),
    year_to: wholeNumber('year_to', YEAR_RANGE.min, YEAR_RANGE.max),
    sort: z.preprocess(
      blankAsMissing,
      z.enum(SORTS, { error: (issue) => (Array.isArray(issue.input) ? once('sort') : `sort must be one of ${SORTS.join(', ')}`) }).optional(),
    ),
    page: wholeNumber('page', 1, MAX_PAGE),
    per_page: wholeNumber('per_page', 1, MAX_PER_PAGE),
  })
  .transform((v): SearchInput => {
    let yearFrom = v.year_from ?? null;
    let yearTo = v.year_to ?? null;
    if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) [yearFrom, yearTo] = [yearTo, yearFrom];
    return {
      q: v.q,
      pillar: v.pillar,
      country: v.country,
      partner: v.partner,
      kind: v.kind,
      language: v.language,
      yearFrom,
      yearTo,
      sort: v.sort ?? 'relevance',
      page: v.page ?? 1,
      perPage: v.per_page ?? DEFAULT_PER_PAGE,
    };
  });
