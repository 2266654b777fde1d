import type { RevisionSnapshot } from '../../domain/ports.js';
import type { SqliteDatabase } from './database.js';

export interface Revision {
  id: number;
  practiceId: number;
  number: number;
  snapshot: RevisionSnapshot;
  authorKind: 'user' | 'contributor' | 'import' | 'system';
  authorId: number | null;
  authorName: string | null;
  note: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  practiceId: number | null;
  slug: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorEmail?: string;
  slug?: string;
  from?: string;
  to?: string;
}

export interface CurationNote {
  id: number;
  practiceId: number;
  authorId: number;
  authorName: string;
  text: string;
  createdAt: string;
}

/** Revisions, internal notes, the review queue and the append-only audit log. */
export interface CurationStore {
  /** Records of one state matching the filters, oldest submission (or creation) first. */
  queue(f: { status: string; kind?: string; country?: string; pillar?: string; submittedBefore?: string }): Array<{ id: number; submittedAt: string | null }>;
  /** Number of records per state. */
  counts(): Record<string, number>;
  revisions(practiceId: number): Revision[];
  addNote(practiceId: number, authorId: number, text: string, at: string): void;
  notes(practiceId: number): CurationNote[];
  audit(entry: Omit<AuditEntry, 'id'>): void;
  /** Newest first. */
  auditLog(filter: AuditFilter, page: { limit: number; offset: number }): AuditEntry[];
  auditCount(filter: AuditFilter): number;
  /** Every matching entry, oldest first, without loading them all (CSV download). */
  iterateAudit(filter: AuditFilter): IterableIterator<AuditEntry>;
}

interface AuditRow {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  actor_email: string | null;
  action: string;
  practice_id: number | null;
  slug: string | null;
  from_status: string | null;
  to_status: string | null;
  details: string;
}
const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorEmail: r.actor_email,
  action: r.action,
  practiceId: r.practice_id,
  slug: r.slug,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

const AUDIT_WHERE = `WHERE (@action IS NULL OR action = @action) AND (@actorEmail IS NULL OR actor_email = @actorEmail)
  AND (@slug IS NULL OR slug = @slug) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;

export function createSqliteCurationStore(db: SqliteDatabase): CurationStore {
  const revisions = db.prepare(`SELECT r.*, u.name AS author_name FROM practice_revisions r LEFT JOIN users u ON u.id = r.author_id
    WHERE r.practice_id = ? ORDER BY r.number`);
  const addNote = db.prepare('INSERT INTO curation_notes (practice_id, author_id, text, created_at) VALUES (?, ?, ?, ?)');
  const notes = db.prepare('SELECT n.*, u.name AS author_name FROM curation_notes n JOIN users u ON u.id = n.author_id WHERE n.practice_id = ? ORDER BY n.id');
  const audit = db.prepare(`INSERT INTO audit_log (at, actor_kind, actor_id, actor_email, action, practice_id, slug, from_status, to_status, details)
    VALUES (@at, @actorKind, @actorId, @actorEmail, @action, @practiceId, @slug, @fromStatus, @toStatus, @details)`);
  const auditPage = db.prepare(`SELECT * FROM audit_log ${AUDIT_WHERE} ORDER BY id DESC LIMIT @limit OFFSET @offset`);
  const auditCount = db.prepare(`SELECT count(*) FROM audit_log ${AUDIT_WHERE}`).pluck();
  const auditChunk = db.prepare(`SELECT * FROM audit_log ${AUDIT_WHERE} AND id > @after ORDER BY id LIMIT 500`);
  const queue = db.prepare(`SELECT p.id, coalesce(s.resubmitted_at, s.submitted_at) AS submittedAt FROM practices p
    LEFT JOIN submissions s ON s.practice_id = p.id
    WHERE p.status = @status AND (@kind IS NULL OR p.kind = @kind)
      AND (@country IS NULL OR EXISTS (SELECT 1 FROM practice_countries c WHERE c.practice_id = p.id AND c.country_code = @country))
      AND (@pillar IS NULL OR EXISTS (SELECT 1 FROM practice_pillars q WHERE q.practice_id = p.id AND q.pillar_id = @pillar))
      AND (@before IS NULL OR coalesce(s.resubmitted_at, s.submitted_at, p.created_at) <= @before)
    ORDER BY coalesce(s.resubmitted_at, s.submitted_at, p.created_at), p.id LIMIT 500`);
  const counts = db.prepare('SELECT status, count(*) AS n FROM practices GROUP BY status');
  const params = (f: AuditFilter) => ({ action: f.action ?? null, actorEmail: f.actorEmail ?? null, slug: f.slug ?? null, from: f.from ?? null, to: f.to ?? null });
  return {
    queue: (f) =>
      queue.all({ status: f.status, kind: f.kind ?? null, country: f.country ?? null, pillar: f.pillar ?? null, before: f.submittedBefore ?? null }) as Array<{ id: number; submittedAt: string | null }>,
    counts: () => Object.fromEntries((counts.all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n])),
    revisions: (id) =>
      (revisions.all(id) as Array<Record<string, unknown>>).map((r) => ({
        id: r.id as number,
        practiceId: r.practice_id as number,
        number: r.number as number,
        snapshot: JSON.parse(r.snapshot as string) as RevisionSnapshot,
        authorKind: r.author_kind as Revision['authorKind'],
        authorId: r.author_id as number | null,
        authorName: r.author_name as string | null,
        note: r.note as string | null,
        createdAt: r.created_at as string,
      })),
    addNote: (practiceId, authorId, text, at) => void addNote.run(practiceId, authorId, text, at),
    notes: (id) =>
      (notes.all(id) as Array<Record<string, unknown>>).map((r) => ({
        id: r.id as number,
        practiceId: r.practice_id as number,
        authorId: r.author_id as number,
        authorName: r.author_name as string,
        text: r.text as string,
        createdAt: r.created_at as string,
      })),
    audit: (e) => void audit.run({ ...e, details: JSON.stringify(e.details) }),
    auditLog: (f, page) => (auditPage.all({ ...params(f), ...page }) as AuditRow[]).map(toAudit),
    auditCount: (f) => auditCount.get(params(f)) as number,
    *iterateAudit(f) {
      // Keyset chunks, so no statement stays open while the caller streams (other writes can go on).
      let after = 0;
      for (;;) {
        const rows = auditChunk.all({ ...params(f), after }) as AuditRow[];
        for (const r of rows) yield toAudit(r);
        if (rows.length < 500) return;
        after = rows.at(-1)!.id;
      }
    },
  };
}
