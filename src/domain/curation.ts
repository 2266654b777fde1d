/**
 * The curation workflow of the RCM Technical Secretariat, as a state machine checked here, in the domain,
 * whatever route or script asks for a move.
 *
 *   submitted --claim--> in-review --publish--> published --archive--> archived --restore--> published
 *       ^                  |  |  \--request-changes--> changes-requested --resubmit (contributor)--> submitted
 *       +-----release------+  +--reject (reason)--> rejected
 *   published --merge--> archived (merged into another record; its slug then answers 301)
 */
import type { PracticeStatus } from './practice.js';

export const ROLES = ['curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. Contributors act only through their tracking token. */
export type Actor =
  | { kind: 'user'; id: number; role: Role; email: string }
  | { kind: 'contributor' }
  | { kind: 'system' }
  | { kind: 'anonymous' };

export const ACTIONS = ['claim', 'release', 'request-changes', 'publish', 'reject', 'resubmit', 'archive', 'restore', 'merge', 'edit', 'feature', 'unfeature'] as const;
export type CurationAction = (typeof ACTIONS)[number];

export const REJECTION_REASONS = ['out-of-scope', 'duplicate', 'insufficient-evidence', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** What a transition needs to know of the record. */
export interface CurationSubject {
  status: PracticeStatus;
  /** User id of the curator who claimed it (in-review), if any. */
  claimedBy: number | null;
  countries: readonly string[];
  pillars: readonly string[];
  summary: string;
  bodyMarkdown: string;
  /** "Other partner" names a curator has not yet resolved to registry partners. */
  unresolvedPartners: readonly string[];
}

export interface TransitionInput {
  /** Required for request-changes and reject. */
  message?: string | null | undefined;
  reason?: RejectionReason | null | undefined;
  /** For merge: the surviving record's status. */
  survivorStatus?: PracticeStatus | null | undefined;
}

export type TransitionError =
  | { code: 'forbidden'; message: string }
  | { code: 'invalid_transition'; message: string }
  | { code: 'not_ready'; message: string; missing: string[] }
  | { code: 'invalid_input'; message: string; field: string };

export type TransitionResult = { ok: true; next: PracticeStatus } | ({ ok: false } & TransitionError);

/** Allowed moves: action -> (from status -> to status). `edit`, `feature` and `unfeature` keep the status. */
export const TRANSITIONS: Readonly<Record<CurationAction, Readonly<Partial<Record<PracticeStatus, PracticeStatus>>>>> = {
  claim: { submitted: 'in-review' },
  release: { 'in-review': 'submitted' },
  'request-changes': { 'in-review': 'changes-requested' },
  publish: { 'in-review': 'published' },
  reject: { 'in-review': 'rejected' },
  resubmit: { 'changes-requested': 'submitted' },
  archive: { published: 'archived' },
  restore: { archived: 'published' },
  merge: { published: 'archived' },
  edit: { 'in-review': 'in-review', published: 'published' },
  feature: { published: 'published' },
  unfeature: { published: 'published' },
};

/** What is missing before a record may be published (empty when ready). */
export function publishReadiness(s: CurationSubject): string[] {
  const missing: string[] = [];
  if (s.countries.length === 0) missing.push('countries');
  if (s.pillars.length === 0) missing.push('pillars');
  if (s.summary.trim() === '') missing.push('summary');
  if (s.bodyMarkdown.trim() === '') missing.push('body');
  if (s.unresolvedPartners.length > 0) missing.push('other_partners');
  return missing;
}

/**
 * Decides a move: who may do it, from which state, with which inputs.
 * - Only curators and admins move records, except `resubmit`, which only the contributor does.
 * - A record in review is worked on by the curator who claimed it; admins may act on any.
 * - `publish` requires at least one country and pillar, a summary, a body and no unresolved "other partner".
 * - `request-changes` needs a message; `reject` a reason code and a message; `merge` a published survivor.
 */
export function transition(subject: CurationSubject, action: CurationAction, actor: Actor, input: TransitionInput = {}): TransitionResult {
  const next = TRANSITIONS[action][subject.status];
  if (action === 'resubmit') {
    if (actor.kind !== 'contributor') return { ok: false, code: 'forbidden', message: 'only the contributor resubmits, from the tracking link' };
  } else if (actor.kind !== 'user') {
    return { ok: false, code: 'forbidden', message: 'only curators and admins move records' };
  }
  if (!next) return { ok: false, code: 'invalid_transition', message: `cannot ${action} a record that is ${subject.status}` };
  if (
    actor.kind === 'user' &&
    actor.role !== 'admin' &&
    subject.status === 'in-review' &&
    action !== 'claim' &&
    subject.claimedBy !== null &&
    subject.claimedBy !== actor.id
  ) {
    return { ok: false, code: 'forbidden', message: 'this record is claimed by another curator' };
  }
  if ((action === 'request-changes' || action === 'reject') && !input.message?.trim()) {
    return { ok: false, code: 'invalid_input', field: 'message', message: 'write a message for the contributor' };
  }
  if (action === 'reject' && !input.reason) return { ok: false, code: 'invalid_input', field: 'reason', message: 'choose a reason' };
  if (action === 'publish') {
    const missing = publishReadiness(subject);
    if (missing.length) return { ok: false, code: 'not_ready', missing, message: `cannot publish yet: missing ${missing.join(', ')}` };
  }
  if (action === 'merge' && input.survivorStatus !== 'published') {
    return { ok: false, code: 'invalid_input', field: 'survivor', message: 'merge into a published record' };
  }
  return { ok: true, next };
}
