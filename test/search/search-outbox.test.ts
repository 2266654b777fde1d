/**
 * The search outbox on real SQLite (real migrations): rows are written in the record's transaction, and the
 * worker keeps every row through an outage (the real Meilisearch client against a closed port), with attempts
 * counted and exponential backoff. The success path uses a recording OutboxTarget: it checks the worker's
 * own logic (coalescing, deleting exactly the rows it sent), not Meilisearch.
 */
import t from 'tap';
import { join } from 'node:path';
import type { Clock } from '../../src/domain/ports.js';
import type { SearchDocument } from '../../src/domain/search.js';
import { DATA_DIR } from '../../src/paths.js';
import { createMeilisearchSearchIndex } from '../../src/search/meilisearch-search-index.js';
import { backoffMs, createOutboxWorker, type OutboxTarget } from '../../src/search/search-outbox.js';
import { createServices } from '../../src/services/index.js';
import { migrate, openDatabase } from '../../src/storage/sqlite/database.js';
import { CORPUS_DIR, tempDir } from '../helpers/build-app.js';

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const CLOSED = { host: 'http://127.0.0.1:9', apiKey: null, indexName: 'practices', timeoutMs: 500 };

/** A clock the test moves by hand. */
function manualClock(start = '2026-01-01T00:00:00.000Z') {
  let now = Date.parse(start);
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now).toISOString(),
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

function open(t: Parameters<typeof tempDir>[0], opts: { meilisearch?: boolean; clock?: Clock } = {}) {
  const db = openDatabase(join(tempDir(t), 'outbox.sqlite'));
  t.teardown(() => db.close());
  migrate(db);
  const services = createServices({ db, clock: opts.clock ?? manualClock(), log: silent, meilisearch: opts.meilisearch === false ? null : CLOSED });
  services.syncRegistry(join(DATA_DIR, 'partners.json'));
  return { db, services };
}

interface OutboxRow { id: number; engine: string; practice_id: number; attempts: number; next_attempt_at: string; enqueued_at: string; last_error: string | null }
const rowsOf = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT * FROM search_outbox ORDER BY id').all() as OutboxRow[];
const importOne = (services: ReturnType<typeof createServices>, file = 'bz-amnesty-2022.md') => {
  const [r] = services.importer.importPaths([join(CORPUS_DIR, file)]);
  if (r!.status === 'failed') throw new Error(JSON.stringify(r));
  return services.practices.findBySlug(r!.slug!)!;
};

t.test('no Meilisearch configured: no outbox, no rows', async (t) => {
  const { db, services } = open(t, { meilisearch: false });
  t.equal(services.outbox, null);
  t.equal(services.outboxWorker, null);
  importOne(services);
  t.same(rowsOf(db), []);
});

t.test('each write enqueues one row in its own transaction', async (t) => {
  const { db, services } = open(t);
  t.equal(services.outbox!.engine, 'meilisearch');
  // A hook registered after the outbox's runs in the same transaction: the row is already there.
  let seenInTransaction = -1;
  services.practices.onWrite((p) => {
    seenInTransaction = (db.prepare('SELECT count(*) FROM search_outbox WHERE practice_id = ?').pluck().get(p.id) as number);
  });
  const p = importOne(services);
  t.equal(seenInTransaction, 1, 'the row is visible inside the write transaction');
  const rows = rowsOf(db);
  t.equal(rows.length, 1);
  t.match(rows[0], { engine: 'meilisearch', practice_id: p.id, attempts: 0, last_error: null, next_attempt_at: '2026-01-01T00:00:00.000Z', enqueued_at: '2026-01-01T00:00:00.000Z' });
  importOne(services);
  t.equal(rowsOf(db).length, 2, 're-importing (an update) enqueues again');
  t.equal(services.outbox!.pending(), 2);
});

t.test('a rolled-back write leaves no outbox row (and no record)', async (t) => {
  const { db, services } = open(t);
  services.practices.onWrite(() => {
    throw new Error('a later hook fails');
  });
  t.throws(() => importOne(services));
  t.same(rowsOf(db), [], 'no outbox row');
  t.equal(services.practices.count({}), 0, 'no record');

  const { db: db2, services: s2 } = open(t);
  const p = importOne(s2);
  t.throws(() =>
    s2.practices.transaction(() => {
      s2.practices.upsert({ ...p, countries: [...p.countries], pillars: [...p.pillars], partners: [...p.partners], title: 'Changed' });
      throw new Error('rollback');
    }),
  );
  t.equal(rowsOf(db2).length, 1, 'only the committed write left a row');
  t.equal(s2.practices.findBySlug(p.slug)!.title, p.title);
});

t.test('outage: the real client at a closed port; rows stay, attempts and backoff grow, nothing is lost', async (t) => {
  const clock = manualClock();
  const { db, services } = open(t, { clock });
  const a = importOne(services, 'bz-amnesty-2022.md');
  importOne(services, 'bz-amnesty-2022.md');
  const b = importOne(services, 'ca4-libre-movilidad.md');
  unpublish(services, b.slug);
  t.equal(rowsOf(db).length, 4);

  const index = createMeilisearchSearchIndex({ ...CLOSED, log: silent });
  const warnings: unknown[] = [];
  const log = { ...silent, warn: (o: object) => warnings.push(o), child: () => log };
  const worker = createOutboxWorker({ db, index, documentFor: services.searchDocumentFor, log, clock });

  const first = await worker.drainOnce();
  t.same(first, { rows: 4, sent: 0, failed: 2 }, 'two practices (one upsert, one delete), both failed');
  let rows = rowsOf(db);
  t.equal(rows.length, 4, 'every row kept');
  for (const r of rows) {
    t.equal(r.attempts, 1);
    t.equal(r.next_attempt_at, '2026-01-01T00:00:01.000Z', 'retried after 1 s');
    t.match(r.last_error, /MeilisearchRequestError: Request to http:\/\/127\.0\.0\.1:9\/.* has failed \(fetch failed\)/);
  }
  t.equal(warnings.length, 1, 'the outage is logged once');
  t.same(rows.map((r) => r.practice_id).sort(), [a.id, a.id, b.id, b.id].sort());

  t.same(await worker.drainOnce(), { rows: 0, sent: 0, failed: 0 }, 'nothing is due before the backoff ends');
  clock.advance(1000);
  await worker.drain();
  rows = rowsOf(db);
  t.same(rows.map((r) => [r.attempts, r.next_attempt_at]), Array(4).fill([2, '2026-01-01T00:00:03.000Z']), 'second failure: 2 s later');
  clock.advance(2000);
  await worker.drainOnce();
  t.same(rowsOf(db).map((r) => r.attempts), [3, 3, 3, 3]);
  t.equal(rowsOf(db)[0]!.next_attempt_at, '2026-01-01T00:00:07.000Z', 'third failure: 4 s later');
  t.equal(warnings.length, 1, 'still logged once');
  t.equal(worker.pending(), 4);
  t.match(services.outbox!.statusLine(), /^outbox meilisearch: 4 pending since 2026-01-01T00:00:00\.000Z, 4 failing \(next attempt 2026-01-01T00:00:07\.000Z, last error: MeilisearchRequestError/);
  t.match(services.outbox!.status(), { pending: 4, failing: 4 });

  t.equal(backoffMs(1, 1000, 300_000), 1000);
  t.equal(backoffMs(4, 1000, 300_000), 8000);
  t.equal(backoffMs(9, 1000, 300_000), 256_000);
  t.equal(backoffMs(10, 1000, 300_000), 300_000, 'capped at 5 min');
  t.equal(backoffMs(60, 1000, 300_000), 300_000);
});

function unpublish(services: ReturnType<typeof createServices>, slug: string) {
  const p = services.practices.findBySlug(slug)!;
  services.practices.upsert({ ...p, countries: [...p.countries], pillars: [...p.pillars], partners: [...p.partners], status: 'submitted' });
}

t.test('worker logic with a recording target: coalesced by practice, latest state, only the rows sent are deleted', async (t) => {
  const clock = manualClock();
  const { db, services } = open(t, { clock });
  const a = importOne(services, 'bz-amnesty-2022.md');
  importOne(services, 'bz-amnesty-2022.md');
  const b = importOne(services, 'ca4-libre-movilidad.md');
  unpublish(services, b.slug);

  const calls: Array<['upsert', SearchDocument[]] | ['remove', number[]]> = [];
  let duringSend: (() => void) | null = null;
  const target: OutboxTarget = {
    engine: 'meilisearch',
    async upsert(documents) {
      calls.push(['upsert', documents]);
      duringSend?.();
    },
    async remove(ids) {
      calls.push(['remove', ids]);
    },
  };
  const worker = createOutboxWorker({ db, index: target, documentFor: services.searchDocumentFor, log: silent, clock });
  // A write of `a` while its send is in flight: its new row must stay for the next batch.
  duringSend = () => {
    duringSend = null;
    importOne(services, 'bz-amnesty-2022.md');
  };
  t.same(await worker.drainOnce(), { rows: 4, sent: 2, failed: 0 });
  t.equal(calls.length, 2);
  t.equal(calls[0]![0], 'upsert');
  t.same((calls[0]![1] as SearchDocument[]).map((d) => d.id), [a.id], 'one document for three rows of a');
  t.equal((calls[0]![1] as SearchDocument[])[0]!.slug, a.slug);
  t.same(calls[1], ['remove', [b.id]], 'the unpublished practice is removed');
  const left = rowsOf(db);
  t.equal(left.length, 1, 'the row enqueued during the send is kept');
  t.equal(left[0]!.practice_id, a.id);
  t.equal(left[0]!.attempts, 0);

  // start() drains on its own; stop() waits for the send in flight.
  worker.start();
  for (let i = 0; i < 100 && worker.pending() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  await worker.stop();
  t.equal(worker.pending(), 0, 'the background worker drained the last row');
  t.equal(services.outbox!.statusLine(), 'outbox meilisearch: empty');
});

t.test('a row failing once succeeds later and is deleted; recovery is logged', async (t) => {
  const clock = manualClock();
  const { db, services } = open(t, { clock });
  importOne(services);
  let fail = true;
  const infos: string[] = [];
  const log = { ...silent, info: (_o: object, msg?: string) => infos.push(msg ?? ''), child: () => log };
  const target: OutboxTarget = {
    engine: 'meilisearch',
    async upsert() {
      if (fail) throw new Error('engine down');
    },
    async remove() {},
  };
  const worker = createOutboxWorker({ db, index: target, documentFor: services.searchDocumentFor, log, clock });
  t.equal(worker.applied(), 0);
  t.same(await worker.drainOnce(), { rows: 1, sent: 0, failed: 1 });
  t.equal(rowsOf(db)[0]!.last_error, 'Error: engine down');
  t.equal(worker.applied(), 0, 'a failed send is not counted as applied');
  fail = false;
  clock.advance(1000);
  t.same(await worker.drainOnce(), { rows: 1, sent: 1, failed: 0 });
  t.same(rowsOf(db), []);
  t.equal(worker.applied(), 1, 'the acknowledged send is counted (cached search answers keyed before it are not reused)');
  t.same(infos, ['search outbox: engine reachable again']);
});
