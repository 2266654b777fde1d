import type { Clock } from '../../domain/ports.js';
import type { Channel, Contributor, Submission } from '../../domain/submission.js';
import type { SqliteDatabase } from './database.js';

interface SubmissionRow {
  id: number;
  practice_id: number;
  contributor_name: string;
  contributor_organisation: string;
  contributor_email: string;
  focal_point: string | null;
  consent_at: string;
  other_partners: string;
  feedback: string | null;
  rejection_reason: string | null;
  channel: string;
  submitted_at: string;
  resubmitted_at: string | null;
}

function toSubmission(r: SubmissionRow): Submission {
  return {
    id: r.id,
    practiceId: r.practice_id,
    contributor: { name: r.contributor_name, organisation: r.contributor_organisation, email: r.contributor_email, focalPoint: r.focal_point },
    consentAt: r.consent_at,
    otherPartners: JSON.parse(r.other_partners) as string[],
    feedback: r.feedback,
    rejectionReason: r.rejection_reason,
    channel: r.channel as Channel,
    submittedAt: r.submitted_at,
    resubmittedAt: r.resubmitted_at,
  };
}

/** Persistence of contributions; tracking tokens are looked up by their SHA-256 hash only. */
export interface SubmissionStore {
  insert(s: { practiceId: number; tokenHash: string; contributor: Contributor; otherPartners: string[]; channel: Channel }): Submission;
  findByTokenHash(tokenHash: string): Submission | null;
  findByPracticeId(practiceId: number): Submission | null;
  markResubmitted(id: number, otherPartners: string[]): void;
  setFeedback(practiceId: number, feedback: string | null): void;
  setRejectionReason(practiceId: number, reason: string | null): void;
  setOtherPartners(practiceId: number, names: string[]): void;
}

export function createSqliteSubmissionStore(db: SqliteDatabase, clock: Clock): SubmissionStore {
  const insert = db.prepare(`INSERT INTO submissions (practice_id, token_hash, contributor_name, contributor_organisation, contributor_email,
      focal_point, consent_at, other_partners, channel, submitted_at)
    VALUES (@practiceId, @tokenHash, @name, @organisation, @email, @focalPoint, @now, @otherPartners, @channel, @now)`);
  const byId = db.prepare('SELECT * FROM submissions WHERE id = ?');
  const byToken = db.prepare('SELECT * FROM submissions WHERE token_hash = ?');
  const byPractice = db.prepare('SELECT * FROM submissions WHERE practice_id = ?');
  const resubmitted = db.prepare('UPDATE submissions SET resubmitted_at = ?, other_partners = ? WHERE id = ?');
  const feedback = db.prepare('UPDATE submissions SET feedback = ? WHERE practice_id = ?');
  const reason = db.prepare('UPDATE submissions SET rejection_reason = ? WHERE practice_id = ?');
  const others = db.prepare('UPDATE submissions SET other_partners = ? WHERE practice_id = ?');
  return {
    insert(s) {
      const now = clock.now();
      const id = Number(
        insert.run({ practiceId: s.practiceId, tokenHash: s.tokenHash, ...s.contributor, otherPartners: JSON.stringify(s.otherPartners), channel: s.channel, now }).lastInsertRowid,
      );
      return toSubmission(byId.get(id) as SubmissionRow);
    },
    findByTokenHash(h) {
      const r = byToken.get(h) as SubmissionRow | undefined;
      return r ? toSubmission(r) : null;
    },
    findByPracticeId(id) {
      const r = byPractice.get(id) as SubmissionRow | undefined;
      return r ? toSubmission(r) : null;
    },
    markResubmitted(id, otherPartners) {
      resubmitted.run(clock.now(), JSON.stringify(otherPartners), id);
    },
    setFeedback(practiceId, text) {
      feedback.run(text, practiceId);
    },
    setRejectionReason(practiceId, r) {
      reason.run(r, practiceId);
    },
    setOtherPartners(practiceId, names) {
      others.run(JSON.stringify(names), practiceId);
    },
  };
}
