import { z } from 'zod';
import { ACTIONS, REJECTION_REASONS } from '../../../domain/curation.js';
import { PRACTICE_STATUSES } from '../../../domain/practice.js';
import { KINDS, PILLAR_IDS } from '../../../domain/taxonomy.js';
import { toSubmissionInput, type FormValues } from '../contribute/schemas.js';

/**
 * Schemas of the curation screens. Query strings are strict about values (a wrong filter answers 400, like
 * search) but treat empty values as absent (a form's "all" option). Form bodies never fail: they are
 * re-rendered with the problems next to the fields.
 */

const isString = (v: unknown): v is string => typeof v === 'string';
/** '' (or a missing value) becomes undefined. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());
/** A single text value of a form: the first string, '' when missing or not text. */
const text = z.preprocess((v) => (isString(v) ? v : Array.isArray(v) ? (v.find(isString) ?? '') : ''), z.string());

/** `/curation?status=&kind=&country=&pillar=&age=`: the queue of one state (default: submitted). */
export const QueueQuery = z.object({
  status: optional(z.enum(PRACTICE_STATUSES)),
  kind: optional(z.enum(KINDS)),
  country: optional(z.string().regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code')),
  pillar: optional(z.enum(PILLAR_IDS)),
  age: optional(z.coerce.number().int().min(0).max(3650)),
});

/** `:id` of a record. */
export const RecordParams = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31) });

/** `?done=claim` after a successful action (a notice on the review page). */
export const RecordQuery = z.object({ done: optional(z.string().regex(/^[a-z-]{1,30}$/)) });

/** Workflow moves posted from the review page and the queue's claim buttons. */
export const CURATION_FORM_ACTIONS = ACTIONS.filter((a) => a !== 'resubmit' && a !== 'merge' && a !== 'edit');
export type CurationFormAction = (typeof CURATION_FORM_ACTIONS)[number];

export const ActionBody = z.object({
  _csrf: text,
  action: text,
  message: text,
  reason: text,
});

export function isFormAction(a: string): a is CurationFormAction {
  return (CURATION_FORM_ACTIONS as readonly string[]).includes(a);
}
export const isRejectionReason = (r: string) => (REJECTION_REASONS as readonly string[]).includes(r);

/** Resolving one "other partner": link it to a registry partner (`mode=existing`) or create one (`mode=create`). */
export const PartnerBody = z.object({
  _csrf: text,
  name: text,
  mode: text,
  partner_id: text,
  id: text,
  name_es: text,
  name_en: text,
  type: text,
  country: text,
});
export type PartnerValues = Omit<z.output<typeof PartnerBody>, '_csrf'>;

/** Merge this record into the published record `survivor` (a slug); `merge_tags` adds its countries, pillars and partners. */
export const MergeBody = z.object({ _csrf: text, survivor: text, merge_tags: text });

/** An internal note. */
export const NoteBody = z.object({ _csrf: text, text });

/**
 * The edit form's values as `curation.edit` takes them: the contribution form's conversion (sources one
 * per line, the year as a number, the alliance's party rows, whose countries join the record's), with any
 * kind, no "other partners" and no contributor; the alliance block only for bilateral alliances.
 */
export function toEditInput(values: FormValues, isCountryCode: (code: string) => boolean): { input: Record<string, unknown>; partyRows: number[] } {
  const isAlliance = values.kind === 'bilateral-alliance';
  const { input, partyRows } = toSubmissionInput({ ...values, other_partners: '' }, isAlliance ? 'alliance' : 'practice', { withContributor: false, isCountryCode });
  input.kind = (KINDS as readonly string[]).includes(values.kind) ? values.kind : undefined;
  if (!isAlliance) delete input.alliance;
  return { input, partyRows };
}

/** `/curation/audit?action=&actor=&slug=&from=&to=&page=`. Dates are days (UTC), `to` included. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'expected a real date');
export const AuditQuery = z.object({
  action: optional(z.string().regex(/^[a-z-]{1,40}$/, 'expected an action name')),
  actor: optional(z.string().trim().max(320)),
  slug: optional(z.string().trim().max(200)),
  from: optional(day),
  to: optional(day),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type AuditQueryValues = z.output<typeof AuditQuery>;

/** `:slug` of the history page. */
export const SlugParams = z.object({ slug: z.string().min(1).max(200) });
