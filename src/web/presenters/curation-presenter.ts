import { publishReadiness, REJECTION_REASONS, TRANSITIONS, type CurationSubject } from '../../domain/curation.js';
import type { Partner } from '../../domain/partner.js';
import type { Practice, PracticeStatus } from '../../domain/practice.js';
import type { Submission } from '../../domain/submission.js';
import { KINDS, PARTNER_TYPES, PILLAR_IDS, PROGRAMME_COUNTRIES } from '../../domain/taxonomy.js';
import type { AccountService } from '../../services/account-service.js';
import { QUEUE_STATES, type CurationService, type TransitionError } from '../../services/curation-service.js';
import type { AuditEntry, CurationNote, Revision } from '../../storage/sqlite/curation-store.js';
import type { CurationFormAction, PartnerValues } from '../routes/curation/schemas.js';
import { urls, type AuditQuery, type CurationQuery } from '../urls.js';
import type { ContributionFormView, OptionView } from './contribution-presenter.js';
import { collatorFor, type PresenterContext } from './context.js';
import { diffViews } from './diff-presenter.js';
import { practiceDetail, type PracticeDetail } from './practice-presenter.js';

/**
 * View models of the curation screens: the queue, the review page, a record's history, the audit log
 * and the accounts screen. Labels in the reader's language; dates in UTC.
 */

type QueueResult = ReturnType<CurationService['queue']>;
type History = ReturnType<CurationService['history']>;
type Account = ReturnType<AccountService['list']>[number];

const DAY_MS = 86_400_000;

/** A record's state, singular (`Publicada`). */
export function stateName(ctx: PresenterContext, status: string): string {
  return ctx.t(`curation.status.${status}`, { defaultValue: status });
}

/** The queue of a state, plural (`Publicadas`): tabs and headings. */
export function queueName(ctx: PresenterContext, status: string): string {
  return ctx.t(`curation.states.${status}`, { defaultValue: status });
}

export function actionName(ctx: PresenterContext, action: string): string {
  return ctx.t(`curation.actionNames.${action}`, { defaultValue: action });
}

/** `15 mar 2025` or with the time, `15 mar 2025, 14:03 UTC`. */
export function formatDate(ctx: PresenterContext, iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'UTC' }).format(d);
  return withTime ? `${s} UTC` : s;
}

const option = (value: string, label: string, selected: boolean): OptionView => ({ value, label, selected });

function countryOptions(ctx: PresenterContext, selected: string | undefined): OptionView[] {
  const collator = collatorFor(ctx.lang);
  return [...PROGRAMME_COUNTRIES]
    .map((c) => option(c.toLowerCase(), ctx.taxonomy.countryName(c, ctx.lang), c === selected))
    .sort((a, b) => collator.compare(a.label, b.label));
}

// ------------------------------------------------------------------ queue

export interface QueueFilterValues {
  status: PracticeStatus;
  kind?: string | undefined;
  country?: string | undefined;
  pillar?: string | undefined;
  age?: number | undefined;
}

export function queueView(ctx: PresenterContext, args: { filter: QueueFilterValues; result: QueueResult; now: string; userName: (id: number) => string | null; csrf: string }) {
  const { filter, result } = args;
  const query: CurationQuery = {
    kind: filter.kind,
    country: filter.country?.toLowerCase(),
    pillar: filter.pillar,
    age: filter.age === undefined ? undefined : String(filter.age),
  };
  const now = Date.parse(args.now);
  const filtered = !!(filter.kind || filter.country || filter.pillar || filter.age !== undefined);
  return {
    status: { id: filter.status, name: queueName(ctx, filter.status) },
    tabs: QUEUE_STATES.map((s) => ({
      id: s,
      name: queueName(ctx, s),
      count: result.counts[s] ?? 0,
      url: urls.curation({ ...query, status: s === 'submitted' ? undefined : s }),
      current: s === filter.status,
    })),
    filters: {
      action: urls.curation(),
      status: filter.status === 'submitted' ? null : filter.status,
      kinds: KINDS.map((k) => option(k, ctx.taxonomy.kindName(k, ctx.lang), k === filter.kind)),
      countries: countryOptions(ctx, filter.country),
      pillars: PILLAR_IDS.map((p) => option(p, ctx.taxonomy.pillarName(p, ctx.lang), p === filter.pillar)),
      age: filter.age === undefined ? '' : String(filter.age),
      active: filtered,
      clearUrl: urls.curation({ status: filter.status === 'submitted' ? undefined : filter.status }),
    },
    rows: result.items.map(({ practice: p, submittedAt, submission }) => {
      const since = submittedAt ?? p.createdAt;
      return {
        id: p.id,
        url: urls.curationRecord(p.id),
        title: p.title,
        lang: p.language,
        kind: { id: p.kind, name: ctx.taxonomy.kindName(p.kind, ctx.lang) },
        countries: p.countries.map((c) => ctx.taxonomy.countryName(c, ctx.lang)).join(', '),
        submittedAt: formatDate(ctx, since),
        submittedIso: since,
        ageDays: Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS)),
        contributor: submission ? submission.contributor.organisation : null,
        otherPartners: submission?.otherPartners.length ?? 0,
        claimedBy: p.claimedBy === null ? null : (args.userName(p.claimedBy) ?? `#${p.claimedBy}`),
        canClaim: p.status === 'submitted',
        claimAction: urls.curationRecordPost(p.id, 'actions'),
      };
    }),
    csrf: args.csrf,
    auditUrl: urls.audit(),
  };
}

// ------------------------------------------------------------------ review page

/** A refused move, localized: why, and (not ready) what is missing. */
export function refusalMessage(ctx: PresenterContext, err: TransitionError, info: { action: string; status: PracticeStatus; claimedByOther: boolean }): string {
  const t = ctx.t;
  switch (err.reason) {
    case 'not_ready':
      return t('curation.refused.notReady', { missing: err.missing.map((m) => t(`curation.missing.${m}`, { defaultValue: m })).join(', ') });
    case 'forbidden':
      return info.claimedByOther ? t('curation.refused.claimedByOther') : t('curation.refused.forbidden');
    case 'invalid_transition':
      return t('curation.refused.invalidTransition', { action: actionName(ctx, info.action), status: stateName(ctx, info.status) });
    case 'invalid_input':
      if (err.field === 'message') return t('curation.refused.needMessage');
      if (err.field === 'reason') return t('curation.refused.needReason');
      if (err.field === 'survivor') return err.message.includes('itself') ? t('curation.refused.mergeSelf') : t('curation.refused.mergePublished');
      return err.message;
  }
}

interface ActionView {
  action: CurationFormAction;
  label: string;
  hint: string;
  primary: boolean;
  needsMessage: boolean;
  isReject: boolean;
  danger: boolean;
  /** The message typed before a refusal (kept for the same action). */
  message: string;
}

/** The moves offered from `status` (the domain decides the rest: who, and whether the record is ready). */
function actionsFor(ctx: PresenterContext, p: Practice, typed: RecordState['actionValues']): ActionView[] {
  const offered: CurationFormAction[] = ['claim', 'publish', 'request-changes', 'reject', 'release', 'feature', 'unfeature', 'archive', 'restore'];
  return offered
    .filter((a) => TRANSITIONS[a][p.status] !== undefined)
    .filter((a) => (a === 'feature' ? !p.featured : a === 'unfeature' ? p.featured : true))
    .map((a) => ({
      action: a,
      label: actionName(ctx, a),
      hint: ctx.t(`curation.actionHints.${a}`),
      primary: a === 'claim' || a === 'publish',
      needsMessage: a === 'request-changes',
      isReject: a === 'reject',
      danger: a === 'reject' || a === 'archive',
      message: typed.action === a ? typed.message : '',
    }));
}

export interface RecordState {
  done: string | null;
  refusal: string | null;
  editForm: ContributionFormView;
  partnerError: { name: string; message: string; values: PartnerValues } | null;
  mergeError: string | null;
  mergeValues: { survivor: string; mergeTags: boolean };
  noteError: string | null;
  noteText: string;
  actionValues: { message: string; reason: string; action: string };
}

export function recordView(
  ctx: PresenterContext,
  args: {
    practice: Practice;
    submission: Submission | null;
    subject: CurationSubject;
    history: History;
    notes: CurationNote[];
    partners: readonly Partner[];
    resolvePartner: (name: string) => Partner | null;
    userName: (id: number) => string | null;
    actorId: number;
    mergedInto: { slug: string; url: string } | null;
    csrf: string;
    state: RecordState;
  },
) {
  const { practice: p, submission: s, state } = args;
  const t = ctx.t;
  const canEdit = TRANSITIONS.edit[p.status] !== undefined;
  const last = args.history.at(-1);
  const revisedByContributor = !!last && args.history.length > 1 && last.revision.authorKind === 'contributor';
  const missing = p.status === 'in-review' ? publishReadiness(args.subject) : [];
  const collator = collatorFor(ctx.lang);
  const registry = args.partners
    .filter((x) => x.reviewed)
    .map((x) => ({ id: x.id, label: x.names[ctx.lang] === x.id ? x.id : `${x.id} — ${x.names[ctx.lang]}` }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const detail: PracticeDetail = practiceDetail(ctx, p, []);
  const done = state.done ? t(`curation.done.${state.done}`, { defaultValue: '' }) : '';
  return {
    id: p.id,
    title: p.title,
    status: { id: p.status, name: stateName(ctx, p.status) },
    claimedBy: p.claimedBy === null ? null : { name: args.userName(p.claimedBy) ?? `#${p.claimedBy}`, isMe: p.claimedBy === args.actorId },
    featured: p.featured,
    mergedInto: args.mergedInto,
    queueUrl: urls.curation({ status: p.status === 'submitted' ? undefined : p.status }),
    queueName: queueName(ctx, p.status),
    historyUrl: urls.practiceHistory(p.slug),
    publicUrl: p.status === 'published' ? urls.practice(p.slug) : null,
    slug: p.slug,
    done: done || null,
    refusal: state.refusal,
    csrf: args.csrf,
    actionUrl: urls.curationRecordPost(p.id, 'actions'),
    actions: actionsFor(ctx, p, state.actionValues),
    actionValues: state.actionValues,
    reasons: REJECTION_REASONS.map((r) => option(r, t(`curation.reasons.${r}`), r === state.actionValues.reason)),
    readiness: p.status === 'in-review' ? { ready: missing.length === 0, missing: missing.map((m) => t(`curation.missing.${m}`, { defaultValue: m })) } : null,
    waiting: p.status === 'changes-requested',
    practice: detail,
    contributor: s
      ? {
          name: s.contributor.name,
          organisation: s.contributor.organisation,
          email: s.contributor.email,
          mailto: `mailto:${s.contributor.email}`,
          focalPoint: s.contributor.focalPoint,
          channel: t(`curation.channels.${s.channel}`, { defaultValue: s.channel }),
          submittedAt: formatDate(ctx, s.submittedAt, true),
          resubmittedAt: s.resubmittedAt ? formatDate(ctx, s.resubmittedAt, true) : null,
          feedback: s.feedback,
          rejectionReason: s.rejectionReason ? t(`curation.reasons.${s.rejectionReason}`, { defaultValue: s.rejectionReason }) : null,
        }
      : null,
    otherPartners: (s?.otherPartners ?? []).map((name, i) => {
      const guess = args.resolvePartner(name);
      const err = state.partnerError && state.partnerError.name === name ? state.partnerError : null;
      const v = err?.values;
      return {
        name,
        n: i,
        canResolve: canEdit,
        action: urls.curationRecordPost(p.id, 'partners'),
        error: err?.message ?? null,
        existing: registry.map((r) => option(r.id, r.label, v ? v.partner_id === r.id : guess?.id === r.id)),
        create: {
          id: v?.id ?? suggestPartnerId(name),
          nameEs: v?.name_es ?? name,
          nameEn: v?.name_en ?? name,
          types: PARTNER_TYPES.map((x) => option(x, ctx.taxonomy.partnerTypeName(x, ctx.lang), v ? v.type === x : x === 'civil-society')),
          countries: countryOptions(ctx, v?.country.toUpperCase() || (p.countries.length === 1 ? p.countries[0] : undefined)).map((o) => ({ ...o, value: o.value.toUpperCase() })),
        },
      };
    }),
    revision: revisedByContributor && last ? { number: last.revision.number, at: formatDate(ctx, last.revision.createdAt, true), changes: diffViews(ctx, last.changes) } : null,
    edit: canEdit ? { action: urls.curationRecordPost(p.id, 'edit'), form: state.editForm } : null,
    merge:
      p.status === 'published'
        ? { action: urls.curationRecordPost(p.id, 'merge'), survivor: state.mergeValues.survivor, mergeTags: state.mergeValues.mergeTags, error: state.mergeError }
        : null,
    notes: {
      action: urls.curationRecordPost(p.id, 'notes'),
      items: args.notes.map((n) => ({ author: n.authorName, at: formatDate(ctx, n.createdAt, true), text: n.text })),
      error: state.noteError,
      text: state.noteText,
    },
  };
}

/** A registry id suggestion for a new partner: the name's initials or its first word, upper-case ASCII. */
function suggestPartnerId(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0 && !['DE', 'DEL', 'LA', 'LAS', 'LOS', 'EL', 'Y', 'OF', 'THE', 'AND', 'FOR', 'PARA'].includes(w));
  if (words.length === 0) return '';
  if (words.length === 1) return words[0]!.slice(0, 20);
  return words.map((w) => w[0]).join('').slice(0, 20);
}

// ------------------------------------------------------------------ history

export function historyView(ctx: PresenterContext, p: Practice, history: History) {
  const authorName = (r: Revision) =>
    r.authorKind === 'user' ? (r.authorName ?? `#${r.authorId}`) : ctx.t(`curation.authors.${r.authorKind}`, { defaultValue: r.authorKind });
  return {
    title: p.title,
    status: { id: p.status, name: stateName(ctx, p.status) },
    recordUrl: urls.curationRecord(p.id),
    publicUrl: p.status === 'published' ? urls.practice(p.slug) : null,
    count: history.length,
    revisions: [...history].reverse().map(({ revision: r, changes }) => ({
      number: r.number,
      author: authorName(r),
      authorKind: r.authorKind,
      at: formatDate(ctx, r.createdAt, true),
      iso: r.createdAt,
      note: r.note,
      first: r.number === history[0]?.revision.number,
      changes: diffViews(ctx, changes),
    })),
  };
}

// ------------------------------------------------------------------ audit

/** Actions the audit log records, for its filter. */
export const AUDIT_ACTIONS = [
  'claim', 'release', 'request-changes', 'publish', 'reject', 'resubmit', 'archive', 'restore', 'merge', 'edit', 'feature', 'unfeature',
  'note', 'create-partner', 'resolve-partner', 'account-create', 'account-role', 'account-disable', 'account-enable',
] as const;

export const AUDIT_PAGE_SIZE = 50;

export function auditView(
  ctx: PresenterContext,
  args: { query: AuditQuery; page: number; total: number; entries: AuditEntry[] },
) {
  const { query, total } = args;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(args.page, pages);
  const at = (n: number) => urls.audit({ ...query, page: n === 1 ? undefined : String(n) });
  const details = (e: AuditEntry) =>
    Object.entries(e.details).map(([k, v]) => ({
      key: ctx.t(`curation.auditDetails.${k}`, { defaultValue: k }),
      value: k === 'reason' && typeof v === 'string' ? ctx.t(`curation.reasons.${v}`, { defaultValue: v }) : typeof v === 'string' ? v : JSON.stringify(v),
    }));
  return {
    filters: {
      action: urls.audit(),
      actions: AUDIT_ACTIONS.map((a) => option(a, actionName(ctx, a), a === query.action)),
      actor: query.actor ?? '',
      slug: query.slug ?? '',
      from: query.from ?? '',
      to: query.to ?? '',
      active: !!(query.action || query.actor || query.slug || query.from || query.to),
    },
    total,
    csvUrl: urls.auditCsv(query),
    entries: args.entries.map((e) => ({
      id: e.id,
      at: formatDate(ctx, e.at, true),
      iso: e.at,
      actor: e.actorEmail ?? ctx.t(`curation.authors.${e.actorKind}`, { defaultValue: e.actorKind }),
      action: actionName(ctx, e.action),
      actionId: e.action,
      record: e.practiceId !== null ? { slug: e.slug ?? `#${e.practiceId}`, url: urls.curationRecord(e.practiceId) } : null,
      from: e.fromStatus ? stateName(ctx, e.fromStatus) : null,
      to: e.toStatus ? stateName(ctx, e.toStatus) : null,
      moved: !!e.fromStatus && !!e.toStatus && e.fromStatus !== e.toStatus,
      details: details(e),
    })),
    pagination:
      pages > 1
        ? {
            prev: page > 1 ? at(page - 1) : null,
            next: page < pages ? at(page + 1) : null,
            label: ctx.t('curation.audit.pageOf', { page, pages }),
          }
        : null,
  };
}

// ------------------------------------------------------------------ accounts

export function accountsView(
  ctx: PresenterContext,
  args: { accounts: Account[]; me: number; csrf: string; created: { email: string; password: string } | null; error: string | null; values: { email: string; name: string; role: string }; done: string | null },
) {
  const roles = (selected: string) => (['curator', 'admin'] as const).map((r) => option(r, ctx.t(`auth.roles.${r}`), r === selected));
  return {
    csrf: args.csrf,
    createAction: urls.adminUsers(),
    created: args.created,
    error: args.error,
    done: args.done ? ctx.t(`admin.done.${args.done}`, { defaultValue: '' }) || null : null,
    values: { ...args.values, roles: roles(args.values.role || 'curator') },
    accounts: args.accounts.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      role: ctx.t(`auth.roles.${a.role}`),
      roles: roles(a.role),
      isMe: a.id === args.me,
      disabled: a.disabledAt !== null,
      status: a.disabledAt ? ctx.t('admin.status.disabled', { date: formatDate(ctx, a.disabledAt) }) : ctx.t('admin.status.active'),
      createdAt: formatDate(ctx, a.createdAt),
      roleAction: urls.adminUser(a.id, 'role'),
      statusAction: urls.adminUser(a.id, 'status'),
    })),
  };
}
