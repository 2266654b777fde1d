import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../../domain/curation.js';
import { NotFoundError, ValidationError, type ValidationIssue } from '../../../domain/errors.js';
import { PartnerEntrySchema } from '../../../domain/partner.js';
import type { Practice, PracticeStatus } from '../../../domain/practice.js';
import { KINDS } from '../../../domain/taxonomy.js';
import { TransitionError } from '../../../services/curation-service.js';
import type { AuditFilter } from '../../../storage/sqlite/curation-store.js';
import { FORM_BODY_LIMIT } from '../../form-parsing.js';
import { requireRole } from '../../plugins/session.js';
import { contributionForm, formValuesOf } from '../../presenters/contribution-presenter.js';
import {
  AUDIT_PAGE_SIZE,
  auditView,
  historyView,
  queueView,
  recordView,
  refusalMessage,
  type RecordState,
} from '../../presenters/curation-presenter.js';
import type { Submission } from '../../../domain/submission.js';
import { urls } from '../../urls.js';
import { ContributionFormBody, type FormValues } from '../contribute/schemas.js';
import { presenterContext } from '../context.js';
import {
  ActionBody,
  AuditQuery,
  isFormAction,
  MergeBody,
  NoteBody,
  PartnerBody,
  QueueQuery,
  RecordParams,
  RecordQuery,
  SlugParams,
  toEditInput,
  type AuditQueryValues,
  type PartnerValues,
} from './schemas.js';

type User = Extract<Actor, { kind: 'user' }>;

/** What a re-rendered review page keeps from the refused or invalid form. */
interface RecordRender {
  status?: number;
  done?: string | null;
  refusal?: string | null;
  editValues?: FormValues;
  editIssues?: ValidationIssue[];
  partyRows?: number[];
  partnerError?: RecordState['partnerError'];
  mergeError?: string | null;
  mergeValues?: RecordState['mergeValues'];
  noteError?: string | null;
  noteText?: string;
  actionValues?: RecordState['actionValues'];
}

/**
 * The curation screens of the RCM Technical Secretariat (curators and admins; anyone else is sent to
 * `/login`): the queue, the review page and its forms (workflow moves, metadata edit, "other partner"
 * resolution, merge, internal notes), a record's history and the audit log with its CSV download.
 * Every POST checks the CSRF token; every move is decided by the domain (`curation.act` and friends):
 * a refused one re-renders the review page with the reason and the service's status (403, 409 or 400).
 */
export async function curationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole(['curator', 'admin']));
  const curation = () => app.services.curation;
  const actorOf = (request: FastifyRequest) => request.actor as User;

  /** User id -> name, memoised for one page. */
  const nameLookup = () => {
    const cache = new Map<number, string | null>();
    return (id: number) => {
      if (!cache.has(id)) cache.set(id, app.services.users.findById(id)?.name ?? null);
      return cache.get(id)!;
    };
  };

  const load = (id: number): Practice => {
    const p = app.services.practices.findById(id);
    if (!p) throw new NotFoundError('practice', String(id));
    return p;
  };

  // ------------------------------------------------------------------ queue

  app.get('/curation', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const q = request.query;
    const status: PracticeStatus = q.status ?? 'submitted';
    const country = q.country?.toUpperCase();
    const result = curation().queue({ status, kind: q.kind, country, pillar: q.pillar, minAgeDays: q.age });
    const view = queueView(presenterContext(app, request), {
      filter: { status, kind: q.kind, country, pillar: q.pillar, age: q.age },
      result,
      now: app.services.clock.now(),
      userName: nameLookup(),
      csrf: reply.generateCsrf(),
    });
    reply.header('cache-control', 'no-store');
    return reply.page('pages/curation/queue', { queue: view }, { title: request.t('curation.queue.title'), section: 'curation', noindex: true });
  });

  // ------------------------------------------------------------------ review page

  const partnersForForm = (p: Practice) =>
    // The record's own partners stay ticked even when the registry has not reviewed them yet.
    app.services.partners.list().map((x) => (p.partners.includes(x.id) && !x.reviewed ? { ...x, reviewed: true } : x));

  const renderRecord = (request: FastifyRequest, reply: FastifyReply, p: Practice, r: RecordRender = {}) => {
    const ctx = presenterContext(app, request);
    const submission: Submission | null = app.services.submissionStore.findByPracticeId(p.id);
    const csrf = reply.generateCsrf();
    const values = r.editValues ?? formValuesOf(p, submission ?? ({ otherPartners: [] } as unknown as Submission));
    const isAlliance = values.kind === 'bilateral-alliance';
    const editForm = contributionForm(ctx, {
      variant: isAlliance ? 'alliance' : 'practice',
      isRevision: true,
      action: urls.curationRecordPost(p.id, 'edit'),
      csrf,
      values,
      issues: r.editIssues ?? [],
      partyRows: r.partyRows ?? [],
      partners: partnersForForm(p),
      preview: null,
    });
    // Curators may change the kind to any of the four (the contribution form offers three).
    editForm.kinds = KINDS.map((k) => ({ value: k, label: ctx.taxonomy.kindName(k, ctx.lang), selected: values.kind === k }));
    const survivor = p.mergedInto !== null ? app.services.practices.findById(p.mergedInto) : null;
    const view = recordView(ctx, {
      practice: p,
      submission,
      subject: curation().subject(p),
      history: curation().history(p.id),
      notes: curation().notes(p.id),
      partners: app.services.partners.list(),
      resolvePartner: (name) => app.services.partners.resolve(name),
      userName: nameLookup(),
      actorId: actorOf(request).id,
      mergedInto: survivor ? { slug: survivor.slug, url: urls.curationRecord(survivor.id) } : null,
      csrf,
      state: {
        done: r.done ?? null,
        refusal: r.refusal ?? null,
        editForm,
        partnerError: r.partnerError ?? null,
        mergeError: r.mergeError ?? null,
        mergeValues: r.mergeValues ?? { survivor: '', mergeTags: true },
        noteError: r.noteError ?? null,
        noteText: r.noteText ?? '',
        actionValues: r.actionValues ?? { message: '', reason: '', action: '' },
      },
    });
    reply.header('cache-control', 'no-store');
    return reply.page('pages/curation/record', { record: view }, { title: `${request.t('curation.record.title')}: ${p.title}`, section: 'curation', status: r.status, noindex: true });
  };

  /** Re-renders the review page after a refused move (the domain's TransitionError), with its status. */
  const refused = (request: FastifyRequest, reply: FastifyReply, p: Practice, err: TransitionError, action: string, extra: RecordRender = {}) => {
    const claimedByOther = p.claimedBy !== null && p.claimedBy !== actorOf(request).id;
    const refusal = refusalMessage(presenterContext(app, request), err, { action, status: p.status, claimedByOther });
    request.log.info({ practiceId: p.id, action, reason: err.reason }, 'curation move refused');
    return renderRecord(request, reply, p, { refusal, status: err.status, ...extra });
  };

  app.get('/curation/records/:id', { schema: { params: RecordParams, querystring: RecordQuery } }, async (request, reply) => {
    return renderRecord(request, reply, load(request.params.id), { done: request.query.done ?? null });
  });

  app.post(
    '/curation/records/:id/actions',
    { schema: { params: RecordParams, body: ActionBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const p = load(request.params.id);
      const { action, message, reason } = request.body;
      const actionValues = { action, message, reason };
      if (!isFormAction(action)) {
        return renderRecord(request, reply, p, { refusal: request.t('curation.refused.unknownAction'), status: 400, actionValues });
      }
      try {
        curation().act(p.id, action, actorOf(request), { message: message.trim() || null, reason: reason || null });
      } catch (err) {
        if (err instanceof TransitionError) return refused(request, reply, p, err, action, { actionValues });
        throw err;
      }
      return reply.redirect(urls.curationRecord(p.id, action), 303);
    },
  );

  app.post(
    '/curation/records/:id/edit',
    { schema: { params: RecordParams, body: ContributionFormBody }, bodyLimit: FORM_BODY_LIMIT, preHandler: app.csrfProtection },
    async (request, reply) => {
      const p = load(request.params.id);
      const { _csrf, action: _a, website: _w, ...values } = request.body;
      const { input, partyRows } = toEditInput(values, app.services.taxonomy.isCountryCode);
      let result: ReturnType<typeof app.services.curation.edit>;
      try {
        result = curation().edit(p.id, input, actorOf(request));
      } catch (err) {
        if (err instanceof TransitionError) return refused(request, reply, p, err, 'edit', { editValues: values, partyRows });
        throw err;
      }
      if (!result.ok) return renderRecord(request, reply, p, { editValues: values, editIssues: result.issues, partyRows, status: 400 });
      return reply.redirect(urls.curationRecord(p.id, 'edit'), 303);
    },
  );

  app.post(
    '/curation/records/:id/partners',
    { schema: { params: RecordParams, body: PartnerBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const p = load(request.params.id);
      const { _csrf, ...values } = request.body;
      const t = request.t;
      const fail = (message: string) => renderRecord(request, reply, p, { partnerError: { name: values.name, message, values }, status: 400 });
      let target: Parameters<typeof app.services.curation.resolvePartner>[2];
      if (values.mode === 'create') {
        const problem = newPartnerProblem(values, app.services.taxonomy.isCountryCode);
        if (problem) return fail(t(`curation.partners.errors.${problem}`));
        const id = values.id.trim().toUpperCase();
        const country = values.country.trim().toUpperCase();
        target = { create: { id, names: { es: values.name_es.trim(), en: values.name_en.trim(), fr: values.name_en.trim() }, type: values.type as never, country: country || null, website: null } };
      } else {
        if (!values.partner_id) return fail(t('curation.partners.errors.choose'));
        target = { partnerId: values.partner_id };
      }
      try {
        curation().resolvePartner(p.id, values.name, target, actorOf(request));
      } catch (err) {
        if (err instanceof TransitionError) return refused(request, reply, p, err, 'edit');
        if (err instanceof ValidationError) {
          const path = err.issues[0]?.path;
          return fail(t(`curation.partners.errors.${path === 'id' ? 'exists' : path === 'partnerId' ? 'unknown' : 'notUnresolved'}`));
        }
        throw err;
      }
      return reply.redirect(urls.curationRecord(p.id, 'partner'), 303);
    },
  );

  app.post(
    '/curation/records/:id/merge',
    { schema: { params: RecordParams, body: MergeBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const p = load(request.params.id);
      const mergeValues = { survivor: request.body.survivor.trim(), mergeTags: request.body.merge_tags !== '' };
      const slug = mergeValues.survivor.replace(/^.*\/practices\//, '').replace(/[?#].*$/, '');
      const survivor = slug ? app.services.practices.findBySlug(slug) : null;
      if (!survivor) {
        return renderRecord(request, reply, p, { mergeError: request.t('curation.merge.notFound', { slug: mergeValues.survivor }), mergeValues, status: 400 });
      }
      try {
        curation().merge(p.id, survivor.id, actorOf(request), { mergeTags: mergeValues.mergeTags });
      } catch (err) {
        if (err instanceof TransitionError) {
          const claimedByOther = p.claimedBy !== null && p.claimedBy !== actorOf(request).id;
          const mergeError = refusalMessage(presenterContext(app, request), err, { action: 'merge', status: p.status, claimedByOther });
          return renderRecord(request, reply, p, { mergeError, refusal: mergeError, mergeValues, status: err.status });
        }
        throw err;
      }
      return reply.redirect(urls.curationRecord(survivor.id, 'merged'), 303);
    },
  );

  app.post(
    '/curation/records/:id/notes',
    { schema: { params: RecordParams, body: NoteBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const p = load(request.params.id);
      const text = request.body.text;
      if (text.trim() === '') return renderRecord(request, reply, p, { noteError: request.t('curation.notes.empty'), noteText: text, status: 400 });
      curation().addNote(p.id, text, actorOf(request));
      return reply.redirect(`${urls.curationRecord(p.id, 'note')}#notes`, 303);
    },
  );

  // ------------------------------------------------------------------ history

  app.get('/practices/:slug/history', { schema: { params: SlugParams } }, async (request, reply) => {
    const p = app.services.practices.findBySlug(request.params.slug);
    if (!p) throw new NotFoundError('practice', request.params.slug);
    const view = historyView(presenterContext(app, request), p, curation().history(p.id));
    reply.header('cache-control', 'no-store');
    return reply.page('pages/curation/history', { history: view }, { title: `${request.t('curation.history.title')}: ${p.title}`, section: 'curation', noindex: true });
  });

  // ------------------------------------------------------------------ audit log

  app.get('/curation/audit', { schema: { querystring: AuditQuery } }, async (request, reply) => {
    const q = request.query;
    const filter = auditFilter(q);
    const page = q.page ?? 1;
    const log = curation().auditLog(filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
    const view = auditView(presenterContext(app, request), { query: auditUrlQuery(q), page, total: log.total, entries: log.entries });
    reply.header('cache-control', 'no-store');
    return reply.page('pages/curation/audit', { audit: view }, { title: request.t('curation.audit.title'), section: 'curation', noindex: true });
  });

  app.get('/curation/audit.csv', { schema: { querystring: AuditQuery } }, async (request, reply) => {
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename=puente-audit.csv');
    reply.header('cache-control', 'no-store');
    return reply.send(Readable.from(curation().auditCsv(auditFilter(request.query))));
  });

}

/** The audit store's filter: e-mails lower-cased, days as UTC instants (`to` included: before the next day). */
function auditFilter(q: AuditQueryValues): AuditFilter {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(q.action ? { action: q.action } : {}),
    ...(q.actor ? { actorEmail: q.actor.toLowerCase() } : {}),
    ...(q.slug ? { slug: q.slug } : {}),
    ...(q.from ? { from: new Date(`${q.from}T00:00:00Z`).toISOString() } : {}),
    ...(q.to ? { to: nextDay(q.to) } : {}),
  };
}

/** The filters as the audit page's links carry them. */
function auditUrlQuery(q: AuditQueryValues) {
  return { action: q.action, actor: q.actor, slug: q.slug, from: q.from, to: q.to, page: q.page && q.page > 1 ? String(q.page) : undefined };
}

/** What is wrong with a new partner's fields (a key of `curation.partners.errors`), or null. */
function newPartnerProblem(v: PartnerValues, isCountryCode: (c: string) => boolean): string | null {
  const country = v.country.trim().toUpperCase();
  const entry = PartnerEntrySchema.safeParse({
    id: v.id.trim().toUpperCase(),
    names: { es: v.name_es, en: v.name_en },
    type: v.type,
    country: country || null,
    website: null,
  });
  if (!entry.success) {
    const field = String(entry.error.issues[0]?.path[0] ?? 'id');
    return field === 'names' ? 'names' : field === 'type' ? 'type' : field === 'country' ? 'country' : 'id';
  }
  if (v.id.trim().length > 40) return 'id';
  if (country && !isCountryCode(country)) return 'country';
  return null;
}
