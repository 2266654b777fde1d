import qs from 'qs';
import { z } from 'zod';

/**
 * Schemas of the contribution forms (`/contribute/practice`, `/contribute/alliance`, `/contribute/upload`,
 * revisions on `/submissions/:token`). They never reject: whatever arrives becomes {@link FormValues}, the
 * values echoed back into the form; the rules live in the submission service (domain schema), whose
 * issues are shown next to the fields.
 */

const isString = (v: unknown): v is string => typeof v === 'string';

/** A single text value: the first string of a repeated field, '' when missing or not text. */
const text = z.preprocess((v) => (isString(v) ? v : Array.isArray(v) ? (v.find(isString) ?? '') : ''), z.string());

/**
 * A list of strings: one checked box arrives as a string (-> one-element list), several as a list, more
 * than qs's arrayLimit (50) as an object with numeric keys; empty strings are dropped.
 */
const list = z.preprocess((v) => {
  const items = isString(v) ? [v] : Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
  return items.filter(isString).filter((s) => s !== '');
}, z.array(z.string()));

const object = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** The alliance form's party rows as posted (every row sends both selects, so indexes are kept). */
const rows = z.preprocess(
  (v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []),
  z.array(z.preprocess(object, z.object({ country: text, role: text }))).max(50),
);

/** The contributor block: `contributor[name]`, `contributor[organisation]`, `contributor[email]`, `contributor[focal_point]`, `contributor[consent]`. */
const contributor = z.preprocess(
  object,
  z.object({ name: text, organisation: text, email: text, focal_point: text, consent: text }).transform((c) => ({ ...c, consent: c.consent !== '' })),
);

/** What a person typed into a contribution form, as strings and lists of strings. */
export const ContributionFormBody = z.object({
  _csrf: text,
  /** `preview` renders the body below the form and saves nothing; anything else submits. */
  action: text.transform((a): 'preview' | 'submit' => (a === 'preview' ? 'preview' : 'submit')),
  /** Honeypot: a field people never see; bots fill it in. */
  website: text,
  title: text,
  summary: text,
  countries: list,
  pillars: list,
  partners: list,
  other_partners: text,
  kind: text,
  year: text,
  language: text,
  sources: text,
  body: text,
  contributor,
  parties: rows,
  instrument: text,
  signed_on: text,
  started_on: text,
  ended_on: text,
  status: text,
});
export type FormValues = Omit<z.output<typeof ContributionFormBody>, '_csrf' | 'action' | 'website'>;

/** The fields of a multipart form arrive flat (`contributor[name]`): nest them like a URL-encoded form. */
const nestMultipart = (v: unknown) => {
  if (!v || typeof v !== 'object') return {};
  const fields = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'file'));
  return { ...qs.parse(fields as Record<string, string>, { depth: 3, arrayLimit: 50, parameterLimit: 500 }), file: (v as { file?: unknown }).file };
};

/** `/contribute/upload`: the contributor block, the "other partner" box, the honeypot and the `.md` file. */
export const UploadFormBody = z.preprocess(
  nestMultipart,
  z.object({
    _csrf: text,
    website: text,
    other_partners: text,
    contributor,
    file: z.unknown(),
  }),
);
export type UploadValues = z.output<typeof UploadFormBody>;

/** `POST /contribute/preview` (the live preview): `{ body }` as JSON. */
export const PreviewBody = z.object({ body: z.string().max(200 * 1024) });

/** Empty form values (a new practice or alliance form), with `rows` empty party rows. */
export function emptyFormValues(defaults: { language: string; body: string; kind: string }, rowsCount = 4): FormValues {
  return {
    title: '',
    summary: '',
    countries: [],
    pillars: [],
    partners: [],
    other_partners: '',
    kind: defaults.kind,
    year: '',
    language: defaults.language,
    sources: '',
    body: defaults.body,
    contributor: { name: '', organisation: '', email: '', focal_point: '', consent: false },
    parties: Array.from({ length: rowsCount }, () => ({ country: '', role: '' })),
    instrument: '',
    signed_on: '',
    started_on: '',
    ended_on: '',
    status: '',
  };
}

/** Which form: a practice (kind chosen by the person), an alliance case study (kind fixed), or a revision of either (no contributor block). */
export type FormVariant = 'practice' | 'alliance';

/** Kinds offered on the practice form (a bilateral alliance has its own form). */
export const PRACTICE_FORM_KINDS = ['practice', 'lesson-learned', 'tool'] as const;

/**
 * Turns form values into the input of `submissions.submit` / `resubmit`:
 * sources one per line, the year as a number, empty optional fields left out, the alliance's non-empty party
 * rows (whose countries are added to the record's countries: an alliance's parties are its countries).
 * `partyRows[i]` is the form row of the alliance's i-th party (issue paths count parties, the form counts rows).
 */
export function toSubmissionInput(
  v: FormValues,
  variant: FormVariant,
  opts: { withContributor: boolean; isCountryCode: (code: string) => boolean },
): { input: Record<string, unknown>; partyRows: number[] } {
  const trimmed = (s: string) => (s.trim() === '' ? undefined : s);
  const year = v.year.trim();
  const input: Record<string, unknown> = {
    title: v.title,
    summary: v.summary,
    countries: v.countries.map((c) => c.trim().toUpperCase()),
    pillars: v.pillars,
    partners: v.partners,
    // The practice form offers three kinds (anything else is reported as a wrong kind); the alliance form one.
    kind: variant === 'alliance' ? 'bilateral-alliance' : (PRACTICE_FORM_KINDS as readonly string[]).includes(v.kind) ? v.kind : undefined,
    year: year === '' ? undefined : /^\d{1,6}$/.test(year) ? Number(year) : year,
    language: trimmed(v.language),
    body: v.body,
  };
  const sources = v.sources.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (sources.length) input.sources = sources;
  if (v.other_partners.trim() !== '') input.other_partners = v.other_partners;
  if (opts.withContributor) {
    const c = v.contributor;
    input.contributor = { name: c.name, organisation: c.organisation, email: c.email, ...(c.focal_point.trim() ? { focal_point: c.focal_point } : {}), consent: c.consent };
  }
  const partyRows: number[] = [];
  if (variant === 'alliance') {
    const parties: Array<{ country: string; role: string | undefined }> = [];
    v.parties.forEach((p, row) => {
      if (p.country.trim() === '' && p.role.trim() === '') return;
      partyRows.push(row);
      parties.push({ country: p.country, role: trimmed(p.role) });
    });
    const countries = input.countries as string[];
    for (const p of parties) {
      const code = p.country.trim().toUpperCase();
      if (opts.isCountryCode(code) && !countries.includes(code)) countries.push(code);
    }
    input.alliance = {
      parties,
      instrument: trimmed(v.instrument),
      ...(trimmed(v.signed_on) ? { signed_on: v.signed_on } : {}),
      ...(trimmed(v.started_on) ? { started_on: v.started_on } : {}),
      ...(trimmed(v.ended_on) ? { ended_on: v.ended_on } : {}),
      status: trimmed(v.status),
    };
  }
  return { input, partyRows };
}
