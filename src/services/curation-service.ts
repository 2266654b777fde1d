import { stringify } from 'csv-stringify/sync';
import { diffLines, diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import { DomainError, NotFoundError, ValidationError, type ValidationIssue } from '../domain/errors.js';
import {
  REJECTION_REASONS,
  transition,
  type Actor,
  type CurationAction,
  type CurationSubject,
  type RejectionReason,
  type TransitionInput,
} from '../domain/curation.js';
import type { Partner } from '../domain/partner.js';
import type { Clock, Log, PartnerStore, PracticeStore, PracticeWrite, RevisionSnapshot } from '../domain/ports.js';
import { practiceMetadataShape, practiceRules, type Practice, type PracticeStatus } from '../domain/practice.js';
import { nfc } from '../domain/text.js';
import { toValidationIssues, msg } from '../domain/validation.js';
import type { AuditFilter, CurationStore } from '../storage/sqlite/curation-store.js';
import type { SubmissionStore } from '../storage/sqlite/submission-store.js';
import { renderMarkdown } from './markdown.js';
import type { TaxonomyService } from './taxonomy-service.js';

/** Thrown for a refused workflow move; `status` 403 (forbidden) or 409 (not allowed now / not ready). */
export class TransitionError extends DomainError {
  override readonly name = 'TransitionError';
  constructor(
    readonly reason: 'forbidden' | 'invalid_transition' | 'not_ready' | 'invalid_input',
    message: string,
    readonly missing: string[] = [],
    readonly field: string | null = null,
  ) {
    super(reason === 'forbidden' ? 'bad_request' : 'conflict', reason === 'forbidden' ? 403 : reason === 'invalid_input' ? 400 : 409, message, { reason, missing, field });
  }
}

export const QUEUE_STATES: readonly PracticeStatus[] = ['submitted', 'in-review', 'changes-requested', 'published', 'rejected', 'archived'];

export interface QueueFilter {
  status: PracticeStatus;
  kind?: string;
  country?: string;
  pillar?: string;
  /** Only records submitted at least this many days ago. */
  minAgeDays?: number;
}

/** One field's change between two revisions: for text, line-by-line (body) or word-by-word parts. */
export interface FieldDiff {
  field: keyof RevisionSnapshot;
  kind: 'text' | 'list' | 'value';
  parts: Array<{ value: string; added: boolean; removed: boolean }>;
}

/**
 * Curation use cases for the RCM Technical Secretariat. Every move is checked by the domain's
 * `transition` and written through the practice store (so the embedded index changes in the same
 * transaction and Meilisearch through the outbox), with an append-only audit entry in that transaction.
 */
export function createCurationService(deps: {
  practices: PracticeStore;
  partners: PartnerStore;
  submissions: SubmissionStore;
  curation: CurationStore;
  taxonomy: TaxonomyService;
  clock: Clock;
  log: Log;
}) {
  const { practices, partners, submissions, curation, clock } = deps;

  function load(id: number): Practice {
    const p = practices.findById(id);
    if (!p) throw new NotFoundError('practice', String(id));
    return p;
  }

  function subject(p: Practice): CurationSubject {
    const s = submissions.findByPracticeId(p.id);
    return {
      status: p.status,
      claimedBy: p.claimedBy,
      countries: p.countries,
      pillars: p.pillars,
      summary: p.summary,
      bodyMarkdown: p.bodyMarkdown,
      unresolvedPartners: s?.otherPartners ?? [],
    };
  }

  function rewrite(p: Practice, changes: Partial<PracticeWrite>, actor: Actor, note: string | null = null) {
    return practices.upsert({
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      bodyMarkdown: p.bodyMarkdown,
      bodyHtml: p.bodyHtml,
      countries: p.countries,
      pillars: p.pillars,
      partners: p.partners,
      kind: p.kind,
      year: p.year,
      language: p.language,
      sourceUrl: p.sourceUrl,
      sources: p.sources,
      alliance: p.alliance,
      status: p.status,
      ...changes,
      revision: actor.kind === 'user' ? { authorKind: 'user', authorId: actor.id, note } : { authorKind: actor.kind === 'contributor' ? 'contributor' : 'system', note },
    }).practice;
  }

  function audit(actor: Actor, action: string, p: Practice | null, from: PracticeStatus | null, to: PracticeStatus | null, details: Record<string, unknown> = {}) {
    curation.audit({
      at: clock.now(),
      actorKind: actor.kind,
      actorId: actor.kind === 'user' ? actor.id : null,
      actorEmail: actor.kind === 'user' ? actor.email : null,
      action,
      practiceId: p?.id ?? null,
      slug: p?.slug ?? null,
      fromStatus: from,
      toStatus: to,
      details,
    });
  }

  function check(p: Practice, action: CurationAction, actor: Actor, input: TransitionInput = {}): PracticeStatus {
    const r = transition(subject(p), action, actor, input);
    if (!r.ok) throw new TransitionError(r.code, r.message, r.code === 'not_ready' ? r.missing : [], r.code === 'invalid_input' ? r.field : null);
    return r.next;
  }

  const editSchema = () => {
    const { slug: _s, ...shape } = practiceMetadataShape({ isCountryCode: deps.taxonomy.isCountryCode, maxYear: new Date(clock.now()).getUTCFullYear() + 1 });
    return z
      .object({ ...shape, body: z.string({ message: msg('required') }).transform((b) => nfc(b).replace(/\r\n/g, '\n').trim()).pipe(z.string().min(1, msg('empty'))) })
      .strict()
      .superRefine(practiceRules);
  };

  return {
    subject,

    /**
     * Applies a workflow move to record `id` as `actor`.
     * @throws TransitionError (403 forbidden, 409 not allowed now or not ready, 400 missing message/reason)
     */
    act(id: number, action: Exclude<CurationAction, 'merge' | 'edit'>, actor: Actor, input: { message?: string | null; reason?: string | null } = {}): Practice {
      return practices.transaction(() => {
        const p = load(id);
        const reason = REJECTION_REASONS.includes(input.reason as RejectionReason) ? (input.reason as RejectionReason) : null;
        const next = check(p, action, actor, { message: input.message, reason });
        const changes: Partial<PracticeWrite> = { status: next };
        if (action === 'claim' && actor.kind === 'user') changes.claimedBy = actor.id;
        if (action === 'release' || action === 'publish') changes.claimedBy = null;
        if (action === 'feature') changes.featured = true;
        if (action === 'unfeature' || action === 'archive') changes.featured = false;
        const updated = rewrite(p, changes, actor);
        if (action === 'request-changes' || action === 'reject') {
          submissions.setFeedback(p.id, input.message!.trim());
          if (action === 'reject') submissions.setRejectionReason(p.id, reason);
        }
        audit(actor, action, updated, p.status, next, {
          ...(input.message ? { message: input.message.trim() } : {}),
          ...(reason ? { reason } : {}),
        });
        return updated;
      });
    },

    /**
     * Edits a record's metadata and body (in review or published), creating a revision.
     * @returns the record, or `{ issues }` when the fields are invalid (nothing written).
     */
    edit(id: number, input: unknown, actor: Actor): { ok: true; practice: Practice } | { ok: false; issues: ValidationIssue[] } {
      const p = load(id);
      check(p, 'edit', actor);
      const parsed = editSchema().safeParse(input);
      const issues = parsed.success ? [] : toValidationIssues(parsed.error);
      const partnerIds: string[] = [];
      if (parsed.success) {
        parsed.data.partners.forEach((ref, i) => {
          const partner = partners.resolve(ref);
          if (!partner) issues.push({ path: `partners.${i}`, message: `unknown partner "${ref}"`, key: 'unknownPartner', params: { value: ref } });
          else if (!partnerIds.includes(partner.id)) partnerIds.push(partner.id);
        });
      }
      if (!parsed.success || issues.length) return { ok: false, issues };
      const d = parsed.data;
      const sources = [...new Set([...(d.source ? [d.source] : []), ...(d.sources ?? [])])];
      const practice = practices.transaction(() => {
        const updated = rewrite(
          p,
          {
            title: d.title,
            summary: d.summary,
            bodyMarkdown: d.body,
            bodyHtml: renderMarkdown(d.body),
            countries: d.countries,
            pillars: d.pillars,
            partners: partnerIds,
            kind: d.kind,
            year: d.year,
            language: d.language,
            sourceUrl: sources[0] ?? null,
            sources,
            alliance: d.alliance ?? null,
          },
          actor,
          'edited by a curator',
        );
        audit(actor, 'edit', updated, p.status, p.status);
        return updated;
      });
      return { ok: true, practice };
    },

    /**
     * Resolves one "other partner" name of a submission: to an existing registry partner (`partnerId`) or
     * to a new reviewed partner created by the curator (`create`). The partner is added to the record.
     */
    resolvePartner(id: number, name: string, target: { partnerId: string } | { create: Omit<Partner, 'reviewed' | 'aliases'> & { aliases?: string[] } }, actor: Actor): Practice {
      return practices.transaction(() => {
        const p = load(id);
        check(p, 'edit', actor);
        const s = submissions.findByPracticeId(p.id);
        if (!s || !s.otherPartners.includes(name)) throw new ValidationError([{ path: 'name', message: `"${name}" is not an unresolved partner of this record` }]);
        let partner: Partner | null;
        if ('partnerId' in target) {
          partner = partners.findById(target.partnerId);
          if (!partner) throw new ValidationError([{ path: 'partnerId', message: `no partner ${target.partnerId}` }]);
        } else {
          if (partners.findById(target.create.id)) throw new ValidationError([{ path: 'id', message: `partner ${target.create.id} exists: choose it instead` }]);
          partner = { ...target.create, aliases: target.create.aliases ?? [name], reviewed: true };
          partners.upsert(partner);
          audit(actor, 'create-partner', p, null, null, { partner: partner.id });
        }
        submissions.setOtherPartners(p.id, s.otherPartners.filter((n) => n !== name));
        const updated = p.partners.includes(partner.id) ? p : rewrite(p, { partners: [...p.partners, partner.id] }, actor, `partner "${name}" resolved to ${partner.id}`);
        audit(actor, 'resolve-partner', updated, p.status, p.status, { name, partner: partner.id });
        return updated;
      });
    },

    /**
     * Merges duplicate `duplicateId` into `survivorId`: the duplicate is archived with `mergedInto` (its slug
     * then answers 301 to the survivor); with `mergeTags`, its countries, pillars and partners are added to
     * the survivor's.
     */
    merge(duplicateId: number, survivorId: number, actor: Actor, opts: { mergeTags: boolean }): { duplicate: Practice; survivor: Practice } {
      return practices.transaction(() => {
        if (duplicateId === survivorId) throw new TransitionError('invalid_input', 'a record cannot be merged into itself', [], 'survivor');
        const dup = load(duplicateId);
        const survivor = load(survivorId);
        const next = check(dup, 'merge', actor, { survivorStatus: survivor.status });
        const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
        const mergedSurvivor = opts.mergeTags
          ? rewrite(survivor, { countries: union(survivor.countries, dup.countries), pillars: union(survivor.pillars, dup.pillars), partners: union(survivor.partners, dup.partners) }, actor, `tags merged from ${dup.slug}`)
          : survivor;
        const archived = rewrite(dup, { status: next, mergedInto: survivor.id, featured: false }, actor, `merged into ${survivor.slug}`);
        audit(actor, 'merge', archived, dup.status, next, { into: survivor.slug, mergeTags: opts.mergeTags });
        return { duplicate: archived, survivor: mergedSurvivor };
      });
    },

    addNote(id: number, text: string, actor: Actor): void {
      const p = load(id);
      if (actor.kind !== 'user') throw new TransitionError('forbidden', 'only curators and admins write notes');
      const clean = text.trim();
      if (!clean) throw new ValidationError([{ path: 'note', message: 'is empty' }]);
      practices.transaction(() => {
        curation.addNote(p.id, actor.id, clean.slice(0, 5000), clock.now());
        audit(actor, 'note', p, p.status, p.status);
      });
    },

    /** Records of one state, oldest submission first, with the counts of every state. */
    queue(filter: QueueFilter) {
      const before = filter.minAgeDays ? new Date(Date.parse(clock.now()) - filter.minAgeDays * 86_400_000).toISOString() : undefined;
      const rows = curation.queue({ status: filter.status, kind: filter.kind, country: filter.country, pillar: filter.pillar, submittedBefore: before });
      const summaries = new Map(practices.summariesByIds(rows.map((r) => r.id)).map((p) => [p.id, p]));
      return {
        counts: curation.counts(),
        items: rows.flatMap((r) => {
          const p = summaries.get(r.id);
          return p ? [{ practice: p, submittedAt: r.submittedAt, submission: submissions.findByPracticeId(r.id) }] : [];
        }),
      };
    },

    /** Every revision of a record with the diff from the one before (field by field; the body line by line). */
    history(id: number) {
      const revisions = curation.revisions(id);
      return revisions.map((r, i) => ({ revision: r, changes: i === 0 ? [] : diffSnapshots(revisions[i - 1]!.snapshot, r.snapshot) }));
    },

    /** Diff of the latest revision against the one before (what the contributor changed when revising). */
    lastChanges(id: number): FieldDiff[] {
      const revisions = curation.revisions(id);
      return revisions.length < 2 ? [] : diffSnapshots(revisions.at(-2)!.snapshot, revisions.at(-1)!.snapshot);
    },

    notes: (id: number) => curation.notes(id),
    auditLog: (filter: AuditFilter, page: { limit: number; offset: number }) => ({ total: curation.auditCount(filter), entries: curation.auditLog(filter, page) }),

    /** The audit log as CSV (RFC 4180, csv-stringify), header first, oldest entry first. */
    *auditCsv(filter: AuditFilter): Generator<string> {
      yield stringify([['id', 'at', 'actor_kind', 'actor_email', 'action', 'slug', 'from_status', 'to_status', 'details']]);
      for (const e of curation.iterateAudit(filter)) {
        yield stringify([[e.id, e.at, e.actorKind, e.actorEmail ?? '', e.action, e.slug ?? '', e.fromStatus ?? '', e.toStatus ?? '', JSON.stringify(e.details)]]);
      }
    },
  };
}
export type CurationService = ReturnType<typeof createCurationService>;

/** Field-by-field differences between two snapshots; text fields word by word, the body line by line. */
export function diffSnapshots(a: RevisionSnapshot, b: RevisionSnapshot): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of Object.keys(b) as Array<keyof RevisionSnapshot>) {
    const before = a[field];
    const after = b[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const norm = (c: { value: string; added?: boolean; removed?: boolean }) => ({ value: c.value, added: !!c.added, removed: !!c.removed });
    // A last line that merely gained a newline (text appended after it) is not a change.
    if (field === 'body') out.push({ field, kind: 'text', parts: diffLines(String(before ?? ''), String(after ?? ''), { ignoreNewlineAtEof: true }).map(norm) });
    else if (field === 'title' || field === 'summary') out.push({ field, kind: 'text', parts: diffWordsWithSpace(String(before ?? ''), String(after ?? '')).map(norm) });
    else if (Array.isArray(after) || Array.isArray(before)) {
      const x = (before as string[] | null) ?? [];
      const y = (after as string[] | null) ?? [];
      out.push({
        field,
        kind: 'list',
        parts: [
          ...x.filter((v) => !y.includes(v)).map((v) => ({ value: String(v), added: false, removed: true })),
          ...y.filter((v) => !x.includes(v)).map((v) => ({ value: String(v), added: true, removed: false })),
          ...y.filter((v) => x.includes(v)).map((v) => ({ value: String(v), added: false, removed: false })),
        ],
      });
    } else {
      out.push({
        field,
        kind: 'value',
        parts: [
          { value: before === null || before === undefined ? '' : typeof before === 'object' ? JSON.stringify(before) : String(before), added: false, removed: true },
          { value: after === null || after === undefined ? '' : typeof after === 'object' ? JSON.stringify(after) : String(after), added: true, removed: false },
        ],
      });
    }
  }
  return out;
}
