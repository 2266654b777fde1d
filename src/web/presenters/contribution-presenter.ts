import countries from 'i18n-iso-countries';
import { ALLIANCE_STATUSES, ALLIANCE_STATUS_NAMES, INSTRUMENTS, INSTRUMENT_NAMES, PARTY_ROLES, ROLE_NAMES } from '../../domain/alliance.js';
import type { ValidationIssue } from '../../domain/errors.js';
import type { Partner } from '../../domain/partner.js';
import type { Practice, PracticeStatus } from '../../domain/practice.js';
import type { Submission } from '../../domain/submission.js';
import { LANGUAGES, PARTNER_TYPES, PILLAR_IDS, PROGRAMME_COUNTRIES, REGIONS, type Kind } from '../../domain/taxonomy.js';
import { PRACTICE_FORM_KINDS, type FormValues, type FormVariant } from '../routes/contribute/schemas.js';
import { urls } from '../urls.js';
import { allianceView, type AllianceView } from './alliance-presenter.js';
import { collatorFor, type PresenterContext } from './context.js';
import { byName, countryLink, partnerLink, pillarLink, type CountryLink, type PartnerLink, type PillarLink } from './links.js';
import { languageName } from './practice-presenter.js';
import { localizeIssues } from './validation-presenter.js';

/**
 * View models of the contribution forms (practice, alliance, upload, revision), the receipt and the
 * tracking page. Field keys are the form's own: `title`, `countries`, `contributor.email`,
 * `parties.2.country`...; issue paths of the submission service (`alliance.parties.1.country`,
 * `countries.0`, `sources.3`) are mapped onto them.
 */

/** One form control: what the template prints, already decided. */
export interface FieldView {
  id: string;
  value: string;
  /** The field's messages in the reader's language, joined; null when valid. */
  error: string | null;
  errorId: string;
  hintId: string;
  /** `aria-describedby`: the hint and the error, when present. */
  describedBy: string | null;
}

export interface OptionView { value: string; label: string; selected: boolean }
export interface CheckboxView { value: string; label: string; checked: boolean; id: string }

export interface ErrorSummaryItem { label: string; message: string; href: string }

export interface ContributorView {
  name: FieldView;
  organisation: FieldView;
  email: FieldView;
  focal_point: FieldView;
  consent: FieldView & { checked: boolean };
}

export interface PartyRowView {
  n: number;
  country: FieldView;
  role: FieldView;
  programmeCountries: OptionView[];
  otherCountries: OptionView[];
  roles: OptionView[];
}

export interface ContributionFormView {
  variant: FormVariant;
  isAlliance: boolean;
  /** A revision on the tracking page: no contributor block (the original one is kept). */
  isRevision: boolean;
  action: string;
  csrf: string;
  previewUrl: string;
  errorSummary: ErrorSummaryItem[];
  /** Sanitizer output of the submission service's preview (the same pipeline as publishing); printed unescaped. */
  preview: string | null;
  f: {
    title: FieldView;
    summary: FieldView;
    countries: FieldView;
    countriesOthers: FieldView;
    pillars: FieldView;
    partners: FieldView;
    other_partners: FieldView;
    kind: FieldView;
    year: FieldView;
    language: FieldView;
    sources: FieldView;
    body: FieldView;
    parties: FieldView;
    instrument: FieldView;
    signed_on: FieldView;
    started_on: FieldView;
    ended_on: FieldView;
    status: FieldView;
  };
  contributor: ContributorView | null;
  programmeCountries: CheckboxView[];
  otherCountryGroups: Array<{ label: string; options: OptionView[] }>;
  pillars: CheckboxView[];
  partnerGroups: Array<{ label: string; partners: CheckboxView[]; checkedCount: number; open: boolean }>;
  kinds: OptionView[];
  languages: OptionView[];
  parties: PartyRowView[];
  instruments: OptionView[];
  statuses: OptionView[];
}

const SIMPLE_FIELDS = new Set(['title', 'summary', 'other_partners', 'kind', 'year', 'language', 'body']);
const LIST_FIELDS = new Set(['countries', 'pillars', 'partners', 'sources']);
const ALLIANCE_FIELDS = new Set(['instrument', 'signed_on', 'started_on', 'ended_on', 'status']);
/** Fields offering fixed choices, selects and checkboxes (their `oneOf` messages become "choose one of the options"). */
const SELECT_FIELDS = /^(kind|language|instrument|status|pillars|parties\.\d+\.role)$/;
const CONTRIBUTOR_FIELDS = new Set(['name', 'organisation', 'email', 'focal_point', 'consent']);
/** Fields printed with a hint paragraph (its id goes into `aria-describedby`). */
const HINTED = new Set([
  'summary', 'countries', 'countriesOthers', 'partners', 'other_partners', 'year', 'sources', 'body', 'parties',
  'signed_on', 'started_on', 'ended_on', 'contributor.email', 'contributor.focal_point', 'file',
]);

/** The element id of a field key: `contributor.email` -> `f-contributor-email`. */
export function fieldId(key: string): string {
  return `f-${key.replace(/\./g, '-')}`;
}

/**
 * The form field an issue path belongs to, or null for record-level problems:
 * `countries.3` -> `countries`, `source` -> `sources`, `alliance.parties.1.role` -> `parties.<row>.role`
 * (`partyRows` maps the alliance's party index to the form row), `alliance.status` -> `status`.
 */
export function fieldKeyOf(path: string, partyRows: readonly number[] = []): string | null {
  const [head = '', ...rest] = path.split('.');
  if (head === 'source') return 'sources';
  if (LIST_FIELDS.has(head)) return head;
  if (SIMPLE_FIELDS.has(head)) return head;
  if (head === 'contributor') return rest[0] && CONTRIBUTOR_FIELDS.has(rest[0]) ? `contributor.${rest[0]}` : 'contributor.name';
  if (head === 'alliance') {
    if (rest[0] === 'parties') {
      if (rest[1] === undefined || !/^\d+$/.test(rest[1])) return 'parties';
      const i = Number(rest[1]);
      return `parties.${partyRows[i] ?? i}.${rest[2] === 'role' ? 'role' : 'country'}`;
    }
    if (rest[0] && ALLIANCE_FIELDS.has(rest[0])) return rest[0];
    return 'parties';
  }
  return null;
}

/** Localized messages grouped by field key, plus the ordered summary at the top of the form. */
interface IssueMap {
  byField: Map<string, string[]>;
  summary: ErrorSummaryItem[];
}

function mapIssues(ctx: PresenterContext, issues: readonly ValidationIssue[], opts: { partyRows: readonly number[]; sourceLines: readonly number[]; fileField?: boolean }): IssueMap {
  const t = ctx.t;
  const localized = localizeIssues(issues, t);
  const byField = new Map<string, string[]>();
  const summary: ErrorSummaryItem[] = [];
  const raw = issues;
  localized.forEach((issue, index) => {
    // "is a party but not one of the practice's countries" for a party whose country is missing or unknown
    // repeats the country's own problem (reported on the same field).
    const params = raw[index]?.params;
    if (raw[index]?.key === 'partyNotTagged' && !ctx.taxonomy.isCountryCode(String(params?.value ?? ''))) return;
    let key = fieldKeyOf(issue.path, opts.partyRows);
    let message = issue.message;
    let label: string;
    if (opts.fileField && (key === null || !(key.startsWith('contributor.') || key === 'other_partners')) && issue.path !== 'file') {
      // An uploaded file's problems are listed under the file input with the front-matter field names.
      message = issue.path === '(record)' ? message : `${issue.path}: ${message}`;
      key = 'file';
      label = t('contribute.fields.file');
    } else if (key === null) {
      key = issue.path === 'file' ? 'file' : null;
      label = key ? t('contribute.fields.file') : issue.path;
    } else {
      // A select offers only valid choices: "must be one of a, b, c" (ids) reads better as "choose one of the options".
      if (raw[index]?.key === 'oneOf' && SELECT_FIELDS.test(key)) message = t('contribute.errors.chooseOne');
      const line = /^sources\.(\d+)$/.exec(issue.path);
      if (line) message = t('contribute.errors.line', { n: (opts.sourceLines[Number(line[1])] ?? Number(line[1])) + 1, message });
      label = fieldLabel(ctx, key);
    }
    if (key) byField.set(key, [...(byField.get(key) ?? []), message]);
    summary.push({ label, message, href: key ? `#${fieldId(key)}` : '#form-errors' });
  });
  return { byField, summary };
}

/** The visible label of a field key, for the error summary. */
function fieldLabel(ctx: PresenterContext, key: string): string {
  const t = ctx.t;
  const party = /^parties\.(\d+)\.(country|role)$/.exec(key);
  if (party) {
    return party[2] === 'role' ? t('contribute.fields.partyRole', { n: Number(party[1]) + 1 }) : t('contribute.fields.partyCountry', { n: Number(party[1]) + 1 });
  }
  const labels: Record<string, string> = {
    title: t('contribute.fields.title'),
    summary: t('contribute.fields.summary'),
    countries: t('contribute.fields.countries'),
    pillars: t('contribute.fields.pillars'),
    partners: t('contribute.fields.partners'),
    other_partners: t('contribute.fields.otherPartners'),
    kind: t('contribute.fields.kind'),
    year: t('contribute.fields.year'),
    language: t('contribute.fields.language'),
    sources: t('contribute.fields.sources'),
    body: t('contribute.fields.body'),
    parties: t('contribute.fields.parties'),
    instrument: t('contribute.fields.instrument'),
    signed_on: t('contribute.fields.signedOn'),
    started_on: t('contribute.fields.startedOn'),
    ended_on: t('contribute.fields.endedOn'),
    status: t('contribute.fields.allianceStatus'),
    'contributor.name': t('contribute.fields.contributorName'),
    'contributor.organisation': t('contribute.fields.organisation'),
    'contributor.email': t('contribute.fields.email'),
    'contributor.focal_point': t('contribute.fields.focalPoint'),
    'contributor.consent': t('contribute.fields.consent'),
    file: t('contribute.fields.file'),
  };
  return labels[key] ?? key;
}

function fieldFactory(errors: Map<string, string[]>) {
  return (key: string, value = ''): FieldView => {
    const id = fieldId(key);
    const messages = errors.get(key);
    const error = messages ? messages.join(' · ') : null;
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const describedBy = [HINTED.has(key) ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || null;
    return { id, value, error, errorId, hintId, describedBy };
  };
}

function contributorView(field: ReturnType<typeof fieldFactory>, c: FormValues['contributor']): ContributorView {
  return {
    name: field('contributor.name', c.name),
    organisation: field('contributor.organisation', c.organisation),
    email: field('contributor.email', c.email),
    focal_point: field('contributor.focal_point', c.focal_point),
    consent: { ...field('contributor.consent', 'yes'), checked: c.consent },
  };
}

/** Every assigned ISO 3166-1 alpha-2 code. */
let allCodes: string[] | null = null;
function allCountryCodes(ctx: PresenterContext): string[] {
  allCodes ??= Object.keys(countries.getAlpha2Codes()).filter((c) => ctx.taxonomy.isCountryCode(c));
  return allCodes;
}

/** The index (in the list of non-empty lines) -> line number (0-based) of the sources textarea. */
function sourceLineNumbers(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() !== '') out.push(i);
  });
  return out;
}

/**
 * A contribution form with `values` echoed back (every text, select and checked box) and `issues`
 * (from the submission service) next to their fields and summarised at the top.
 */
export function contributionForm(
  ctx: PresenterContext,
  opts: {
    variant: FormVariant;
    isRevision: boolean;
    action: string;
    csrf: string;
    values: FormValues;
    issues: readonly ValidationIssue[];
    partyRows: readonly number[];
    partners: readonly Partner[];
    preview: string | null;
  },
): ContributionFormView {
  const v = opts.values;
  const { byField, summary } = mapIssues(ctx, opts.issues, { partyRows: opts.partyRows, sourceLines: sourceLineNumbers(v.sources) });
  const field = fieldFactory(byField);
  const collator = collatorFor(ctx.lang);
  const sortByLabel = (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);
  const checked = new Set(v.countries.map((c) => c.trim().toUpperCase()));
  const name = (code: string) => ctx.taxonomy.countryName(code, ctx.lang);
  const codes = [...allCountryCodes(ctx)].sort((a, b) => collator.compare(name(a), name(b)));
  const countryOption = (code: string, selected: boolean): OptionView => ({ value: code, label: name(code), selected });
  const programme = codes.filter((c) => PROGRAMME_COUNTRIES.has(c));
  const others = codes.filter((c) => !PROGRAMME_COUNTRIES.has(c));
  const checkedPillars = new Set(v.pillars);
  const checkedPartners = new Set(v.partners);
  const reviewed = opts.partners.filter((p) => p.reviewed);
  const rowCount = Math.max(4, v.parties.length);
  const rows = Array.from({ length: rowCount }, (_, i) => v.parties[i] ?? { country: '', role: '' });
  return {
    variant: opts.variant,
    isAlliance: opts.variant === 'alliance',
    isRevision: opts.isRevision,
    action: opts.action,
    csrf: opts.csrf,
    previewUrl: urls.contributePreview(),
    errorSummary: summary,
    preview: opts.preview,
    f: {
      title: field('title', v.title),
      summary: field('summary', v.summary),
      countries: field('countries'),
      countriesOthers: field('countriesOthers'),
      pillars: field('pillars'),
      partners: field('partners'),
      other_partners: field('other_partners', v.other_partners),
      kind: field('kind', v.kind),
      year: field('year', v.year),
      language: field('language', v.language),
      sources: field('sources', v.sources),
      body: field('body', v.body),
      parties: field('parties'),
      instrument: field('instrument', v.instrument),
      signed_on: field('signed_on', v.signed_on),
      started_on: field('started_on', v.started_on),
      ended_on: field('ended_on', v.ended_on),
      status: field('status', v.status),
    },
    contributor: opts.isRevision ? null : contributorView(field, v.contributor),
    programmeCountries: programme.map((code) => ({ value: code, label: name(code), checked: checked.has(code), id: `${fieldId('countries')}-${code.toLowerCase()}` })),
    otherCountryGroups: REGIONS.map((region) => ({
      label: ctx.taxonomy.regionName(region, ctx.lang),
      options: others.filter((c) => ctx.taxonomy.country(c).region === region).map((c) => countryOption(c, checked.has(c))),
    })).filter((g) => g.options.length > 0),
    pillars: PILLAR_IDS.map((id) => ({ value: id, label: ctx.taxonomy.pillarName(id, ctx.lang), checked: checkedPillars.has(id), id: `${fieldId('pillars')}-${id}` })),
    partnerGroups: PARTNER_TYPES.map((type) => {
      const partners = reviewed
        .filter((p) => p.type === type)
        .map((p) => ({ value: p.id, label: p.names[ctx.lang] === p.id ? p.id : `${p.names[ctx.lang]} (${p.id})`, checked: checkedPartners.has(p.id), id: `${fieldId('partners')}-${p.id.toLowerCase()}` }))
        .sort(sortByLabel);
      return { label: ctx.taxonomy.partnerTypeName(type, ctx.lang), partners, checkedCount: partners.filter((p) => p.checked).length };
    })
      .filter((g) => g.partners.length > 0)
      // The first group starts open, and every group holding a ticked partner (so a re-rendered form shows them).
      .map((g, i) => ({ ...g, open: i === 0 || g.checkedCount > 0 })),
    kinds: PRACTICE_FORM_KINDS.map((k) => ({ value: k, label: ctx.taxonomy.kindName(k as Kind, ctx.lang), selected: v.kind === k })),
    languages: LANGUAGES.map((l) => ({ value: l, label: languageName(ctx, l), selected: v.language === l })),
    parties: rows.map((p, i) => {
      const code = p.country.trim().toUpperCase();
      return {
        n: i + 1,
        country: field(`parties.${i}.country`, p.country),
        role: field(`parties.${i}.role`, p.role),
        programmeCountries: programme.map((c) => countryOption(c, c === code)),
        otherCountries: others.map((c) => countryOption(c, c === code)),
        roles: PARTY_ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r][ctx.lang], selected: p.role === r })),
      };
    }),
    instruments: INSTRUMENTS.map((id) => ({ value: id, label: INSTRUMENT_NAMES[id][ctx.lang], selected: v.instrument === id })),
    statuses: ALLIANCE_STATUSES.map((id) => ({ value: id, label: ALLIANCE_STATUS_NAMES[id][ctx.lang], selected: v.status === id })),
  };
}

/** The body a new form starts with: the guide's headings, in the reader's language. */
export function bodyTemplate(ctx: PresenterContext, variant: FormVariant): string {
  const t = ctx.t;
  const middle = variant === 'alliance' ? t('contribute.bodyTemplate.agreed') : t('contribute.bodyTemplate.done');
  return [t('contribute.bodyTemplate.context'), middle, t('contribute.bodyTemplate.results'), t('contribute.bodyTemplate.lessons')].map((h) => `## ${h}\n\n`).join('\n');
}

/** The upload form: contributor block, "other partner" box, the file input and its problems. */
export interface UploadFormView {
  action: string;
  csrf: string;
  errorSummary: ErrorSummaryItem[];
  contributor: ContributorView;
  other_partners: FieldView;
  file: FieldView;
  /** Problems of the file, one line each (front-matter field name and message). */
  fileErrors: string[];
}

export function uploadForm(
  ctx: PresenterContext,
  opts: { action: string; csrf: string; values: { other_partners: string; contributor: FormValues['contributor'] }; issues: readonly ValidationIssue[] },
): UploadFormView {
  const { byField, summary } = mapIssues(ctx, opts.issues, { partyRows: [], sourceLines: [], fileField: true });
  const field = fieldFactory(byField);
  const file = field('file');
  return {
    action: opts.action,
    csrf: opts.csrf,
    errorSummary: summary,
    contributor: contributorView(field, opts.values.contributor),
    other_partners: field('other_partners', opts.values.other_partners),
    file,
    fileErrors: byField.get('file') ?? [],
  };
}

/** Form values of a stored record: what the revision form starts from (no contributor block). */
export function formValuesOf(p: Practice, s: Submission): FormValues {
  const parties: FormValues['parties'] = (p.alliance?.parties ?? []).map((x) => ({ country: x.country, role: x.role }));
  while (parties.length < 4) parties.push({ country: '', role: '' });
  return {
    title: p.title,
    summary: p.summary,
    countries: [...p.countries],
    pillars: [...p.pillars],
    partners: [...p.partners],
    other_partners: s.otherPartners.join(', '),
    kind: p.kind,
    year: String(p.year),
    language: p.language,
    sources: p.sources.join('\n'),
    body: p.bodyMarkdown,
    contributor: { name: '', organisation: '', email: '', focal_point: '', consent: true },
    parties,
    instrument: p.alliance?.instrument ?? '',
    signed_on: p.alliance?.signedOn ?? '',
    started_on: p.alliance?.startedOn ?? '',
    ended_on: p.alliance?.endedOn ?? '',
    status: p.alliance?.status ?? '',
  };
}

/** The tracking page: status, feedback and the record as submitted. Never the contributor's e-mail. */
export interface SubmissionPageView {
  status: { id: PracticeStatus; name: string; description: string };
  feedback: string | null;
  submittedAt: string;
  resubmittedAt: string | null;
  contributor: { name: string; organisation: string };
  record: {
    title: string;
    summary: string;
    language: { id: string; name: string };
    kind: { id: string; name: string };
    year: number;
    countries: CountryLink[];
    pillars: PillarLink[];
    partners: PartnerLink[];
    otherPartners: string[];
    sources: string[];
    /** Sanitizer output stored with the record (rendered at write time). */
    bodyHtml: string;
    alliance: AllianceView | null;
  };
  canRevise: boolean;
  revised: boolean;
  form: ContributionFormView | null;
}

function formatDate(ctx: PresenterContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

function statusName(ctx: PresenterContext, s: PracticeStatus): { name: string; description: string } {
  const t = ctx.t;
  const names: Record<PracticeStatus, [string, string]> = {
    submitted: [t('submission.status.submitted'), t('submission.statusHelp.submitted')],
    'in-review': [t('submission.status.inReview'), t('submission.statusHelp.inReview')],
    'changes-requested': [t('submission.status.changesRequested'), t('submission.statusHelp.changesRequested')],
    published: [t('submission.status.published'), t('submission.statusHelp.published')],
    rejected: [t('submission.status.rejected'), t('submission.statusHelp.rejected')],
    archived: [t('submission.status.archived'), t('submission.statusHelp.archived')],
  };
  const [name, description] = names[s] ?? [s, ''];
  return { name, description };
}

export function submissionPage(ctx: PresenterContext, p: Practice, s: Submission, extra: { revised: boolean; form: ContributionFormView | null }): SubmissionPageView {
  return {
    status: { id: p.status, ...statusName(ctx, p.status) },
    feedback: s.feedback,
    submittedAt: formatDate(ctx, s.submittedAt),
    resubmittedAt: s.resubmittedAt ? formatDate(ctx, s.resubmittedAt) : null,
    contributor: { name: s.contributor.name, organisation: s.contributor.organisation },
    record: {
      title: p.title,
      summary: p.summary,
      language: { id: p.language, name: languageName(ctx, p.language) },
      kind: { id: p.kind, name: ctx.taxonomy.kindName(p.kind, ctx.lang) },
      year: p.year,
      countries: p.countries.map((c) => countryLink(ctx, c)).sort(byName<CountryLink>(ctx)),
      pillars: p.pillars.map((id) => pillarLink(ctx, id)),
      partners: p.partners.map((id) => partnerLink(ctx, id)),
      otherPartners: s.otherPartners,
      sources: [...p.sources],
      bodyHtml: p.bodyHtml,
      alliance: p.alliance ? allianceView(ctx, p.alliance) : null,
    },
    canRevise: p.status === 'changes-requested',
    revised: extra.revised,
    form: extra.form,
  };
}
