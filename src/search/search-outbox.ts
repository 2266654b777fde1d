import type { Clock, Log, PracticeStore } from '../domain/ports.js';
import type { EngineName, SearchDocument } from '../domain/search.js';
import { systemClock } from '../services/clock.js';
import type { SqliteDatabase } from '../storage/sqlite/database.js';

/**
 * The search outbox (table `search_outbox`, migration 003): every write of a practice enqueues a row in the
 * record's own transaction, and a background worker sends the practice's latest state to the external engine
 * (Meilisearch), retrying with exponential backoff. So an engine outage never fails or loses a write: the
 * rows wait in SQLite until the engine answers again.
 */

export interface OutboxStatus {
  engine: EngineName;
  /** Rows waiting to be sent (due or backing off). */
  pending: number;
  /** Rows that failed at least once. */
  failing: number;
  /** Enqueue time of the oldest waiting row, or null. */
  oldestEnqueuedAt: string | null;
  /** Earliest next attempt among failing rows, or null. */
  nextAttemptAt: string | null;
  /** Error of the most recently failed row, or null. */
  lastError: string | null;
}

export interface SearchOutbox {
  readonly engine: EngineName;
  /** Enqueues a practice (any status). Call inside the record's transaction: the onWrite hook does. */
  enqueue(practiceId: number): void;
  /** Number of rows waiting for this engine. */
  pending(): number;
  status(): OutboxStatus;
  /** One line for operators, e.g. `outbox meilisearch: 3 pending, 3 failing (next attempt ..., last error: ...)`. */
  statusLine(): string;
}

/**
 * The outbox of one engine over an open, migrated database.
 * @param deps.clock ISO timestamps for `enqueued_at` and `next_attempt_at` (compared as strings, so they must
 *   all be `Date#toISOString()` UTC strings).
 */
export function createSearchOutbox(deps: { db: SqliteDatabase; engine: EngineName; clock?: Clock }): SearchOutbox {
  const { db, engine } = deps;
  const clock = deps.clock ?? systemClock;
  const insert = db.prepare('INSERT INTO search_outbox (engine, practice_id, enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?)');
  const count = db.prepare('SELECT count(*) FROM search_outbox WHERE engine = ?').pluck();
  const summary = db.prepare(`
    SELECT count(*) AS pending, count(*) FILTER (WHERE attempts > 0) AS failing, min(enqueued_at) AS oldest,
           min(next_attempt_at) FILTER (WHERE attempts > 0) AS next,
           (SELECT last_error FROM search_outbox WHERE engine = @engine AND last_error IS NOT NULL ORDER BY next_attempt_at DESC, id DESC LIMIT 1) AS lastError
    FROM search_outbox WHERE engine = @engine`);
  const outbox: SearchOutbox = {
    engine,
    enqueue(practiceId) {
      const now = clock.now();
      insert.run(engine, practiceId, now, now);
    },
    pending: () => count.get(engine) as number,
    status() {
      const r = summary.get({ engine }) as { pending: number; failing: number; oldest: string | null; next: string | null; lastError: string | null };
      return { engine, pending: r.pending, failing: r.failing, oldestEnqueuedAt: r.oldest, nextAttemptAt: r.next, lastError: r.lastError };
    },
    statusLine() {
      const s = outbox.status();
      if (s.pending === 0) return `outbox ${engine}: empty`;
      let line = `outbox ${engine}: ${s.pending} pending since ${s.oldestEnqueuedAt}`;
      if (s.failing) line += `, ${s.failing} failing (next attempt ${s.nextAttemptAt}, last error: ${s.lastError})`;
      return line;
    },
  };
  return outbox;
}

/** Registers `outbox` on the practice store: every write enqueues its practice in the same transaction. */
export function registerSearchOutbox(practices: PracticeStore, outbox: SearchOutbox): void {
  practices.onWrite((p) => outbox.enqueue(p.id));
}

/** What the worker sends documents to (the Meilisearch adapter). Both calls resolve once the engine applied them. */
export interface OutboxTarget {
  readonly engine: EngineName;
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: number[]): Promise<void>;
}

export interface DrainResult {
  /** Outbox rows read (due). */
  rows: number;
  /** Practices sent (upserted or removed). */
  sent: number;
  /** Practices whose send failed (their rows were rescheduled). */
  failed: number;
}

export interface OutboxWorker {
  /** Starts polling every `intervalMs` (the timer does not keep the process alive). */
  start(): void;
  /** Stops polling and waits for a send in flight. */
  stop(): Promise<void>;
  /** Processes one batch of due rows now. */
  drainOnce(): Promise<DrainResult>;
  /** Processes due rows until none is left or a send fails. */
  drain(): Promise<DrainResult>;
  pending(): number;
  /**
   * How many sends this worker has completed (upserts or removals acknowledged by the engine): part of the
   * search version when Meilisearch is primary, so answers cached before a send are not reused after it.
   */
  applied(): number;
}

/** Delay before attempt `attempts + 1` after `attempts` failures: base × 2^(attempts−1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

function describe(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  let text = e instanceof Error ? `${e.name}: ${e.message}` : String(err);
  const cause = e?.cause as Error | undefined;
  if (cause instanceof Error) text += ` (${cause.message})`;
  return text.slice(0, 500);
}

/**
 * Creates the worker draining `engine`'s rows (the target's) to `index`.
 * Per batch: due rows (next_attempt_at ≤ now) in id order, coalesced by practice; each practice's latest state is
 * read from SQLite (`documentFor`: the document when published, else null) and sent with one `upsert` and one
 * `remove` call. On success the rows read are deleted (rows enqueued meanwhile stay for the next batch); on
 * failure each row's `attempts` is incremented, `last_error` set and `next_attempt_at` pushed back by
 * {@link backoffMs} (1 s doubling up to 5 min by default). Nothing is ever dropped.
 */
export function createOutboxWorker(deps: {
  db: SqliteDatabase;
  index: OutboxTarget;
  documentFor: (practiceId: number) => SearchDocument | null;
  log: Log;
  clock?: Clock;
  /** Polling interval in milliseconds (default 1000). */
  intervalMs?: number;
  /** Rows per batch (default 500). */
  batchSize?: number;
  /** First retry delay and cap, in milliseconds (defaults 1000 and 300000). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}): OutboxWorker {
  const { db, index, documentFor, log } = deps;
  const clock = deps.clock ?? systemClock;
  const intervalMs = deps.intervalMs ?? 1000;
  const batchSize = deps.batchSize ?? 500;
  const baseBackoff = deps.baseBackoffMs ?? 1000;
  const maxBackoff = deps.maxBackoffMs ?? 300_000;
  const engine = index.engine;

  const due = db.prepare('SELECT id, practice_id AS practiceId, attempts FROM search_outbox WHERE engine = ? AND next_attempt_at <= ? ORDER BY id LIMIT ?');
  const remove = db.prepare('DELETE FROM search_outbox WHERE id = ?');
  const reschedule = db.prepare('UPDATE search_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const count = db.prepare('SELECT count(*) FROM search_outbox WHERE engine = ?').pluck();

  interface Row { id: number; practiceId: number; attempts: number }

  const done = db.transaction((rows: Row[]) => {
    for (const r of rows) remove.run(r.id);
  });
  const failed = db.transaction((rows: Row[], error: string) => {
    const now = Date.parse(clock.now());
    for (const r of rows) {
      const attempts = r.attempts + 1;
      reschedule.run(attempts, new Date(now + backoffMs(attempts, baseBackoff, maxBackoff)).toISOString(), error, r.id);
    }
  });

  let healthy = true;
  let applied = 0;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> | null = null;
  let running = false;

  async function send(rows: Row[], action: () => Promise<void>, practices: number): Promise<boolean> {
    if (rows.length === 0) return true;
    try {
      await action();
      done(rows);
      applied++;
      return true;
    } catch (err) {
      const error = describe(err);
      failed(rows, error);
      if (healthy) log.warn({ engine, practices, error }, 'search outbox: engine unavailable, writes kept for retry');
      healthy = false;
      return false;
    }
  }

  async function drainOnce(): Promise<DrainResult> {
    const rows = due.all(engine, clock.now(), batchSize) as Row[];
    if (rows.length === 0) return { rows: 0, sent: 0, failed: 0 };
    const byPractice = new Map<number, Row[]>();
    for (const r of rows) {
      const list = byPractice.get(r.practiceId);
      if (list) list.push(r);
      else byPractice.set(r.practiceId, [r]);
    }
    const documents: SearchDocument[] = [];
    const upsertRows: Row[] = [];
    const removeIds: number[] = [];
    const removeRows: Row[] = [];
    for (const [id, list] of byPractice) {
      const doc = documentFor(id);
      if (doc) {
        documents.push(doc);
        upsertRows.push(...list);
      } else {
        removeIds.push(id);
        removeRows.push(...list);
      }
    }
    const upserted = await send(upsertRows, () => index.upsert(documents), documents.length);
    const removed = await send(removeRows, () => index.remove(removeIds), removeIds.length);
    const failedCount = (upserted ? 0 : documents.length) + (removed ? 0 : removeIds.length);
    if (failedCount === 0 && !healthy) {
      healthy = true;
      log.info({ engine }, 'search outbox: engine reachable again');
    }
    return { rows: rows.length, sent: byPractice.size - failedCount, failed: failedCount };
  }

  async function drain(): Promise<DrainResult> {
    const total: DrainResult = { rows: 0, sent: 0, failed: 0 };
    for (;;) {
      const r = await drainOnce();
      total.rows += r.rows;
      total.sent += r.sent;
      total.failed += r.failed;
      if (r.rows < batchSize || r.failed > 0) return total;
    }
  }

  async function tick(): Promise<void> {
    timer = null;
    const p = drain().catch((err: unknown) => log.error({ err, engine }, 'search outbox: drain failed'));
    inFlight = p;
    await p;
    inFlight = null;
    if (running) {
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight) await inFlight;
    },
    drainOnce,
    drain,
    pending: () => count.get(engine) as number,
    applied: () => applied,
  };
}
