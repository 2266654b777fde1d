/**
 * The search contract against a live Meilisearch server, through the real app with Meilisearch as the primary
 * engine (writes reach it through the outbox; `settle()` drains the outbox and waits for Meilisearch's tasks).
 * Runs only when MEILISEARCH_HOST (and MEILISEARCH_API_KEY when the server has a master key) is set in the
 * environment: each run uses its own index, deleted at teardown. Without a server the suite is skipped —
 * nothing here stands in for Meilisearch.
 */
import t from 'tap';
import { searchInput } from '../../src/services/search-service.js';
import { Meilisearch } from 'meilisearch';
import { buildTestApp } from '../helpers/build-app.js';
import { runSearchContract, seedContractData } from '../helpers/search-contract.js';

const host = process.env.MEILISEARCH_HOST;
const apiKey = process.env.MEILISEARCH_API_KEY ?? '';
const skip = host ? false : 'MEILISEARCH_HOST not set: no live Meilisearch server, contract suite skipped for the meilisearch adapter';
if (skip) t.comment(skip);

/** An app whose primary engine is Meilisearch on a fresh index named for this run; the index is deleted at teardown. */
async function buildMeilisearchApp(t: Parameters<Parameters<typeof runSearchContract>[1]>[0]) {
  const indexName = `puente_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const app = await buildTestApp(t, {
    env: { MEILISEARCH_HOST: host!, MEILISEARCH_API_KEY: apiKey, MEILISEARCH_INDEX: indexName, MEILISEARCH_TIMEOUT_MS: '10000' },
  });
  t.teardown(async () => {
    const client = new Meilisearch({ host: host!, ...(apiKey ? { apiKey } : {}), timeout: 10_000 });
    for (const uid of [indexName, `${indexName}_rebuild`]) await client.deleteIndex(uid).waitTask({ timeout: 30_000 });
  });
  const meilisearch = app.services.meilisearch!;
  await meilisearch.applySettings();
  const settle = async () => {
    await app.services.outboxWorker!.drain();
    const left = app.services.outbox!.pending();
    if (left > 0) throw new Error(`outbox not drained: ${app.services.outbox!.statusLine()}`);
  };
  return { app, meilisearch, settle };
}

t.test('search contract: meilisearch adapter', { skip }, async (t) => {
  runSearchContract(t, async (t) => {
    const { app, settle } = await buildMeilisearchApp(t);
    return { app, engine: 'meilisearch', settle };
  });
});

t.test('meilisearch rebuild: swapped in whole, same ids as SQLite, no leftover index', { skip }, async (t) => {
  const { app, meilisearch, settle } = await buildMeilisearchApp(t);
  await seedContractData(app);
  await settle();
  const published = app.services.practices.list({ status: 'published' }).map((p) => p.id).sort((a, b) => a - b);
  const progress: number[] = [];
  await meilisearch.rebuild(app.services.search.documentSource(), (done) => progress.push(done));
  t.same(await meilisearch.documentIds(), published);
  t.equal(progress.at(-1), published.length);
  t.equal(await meilisearch.documentCount(), published.length);
  const client = new Meilisearch({ host: host!, ...(apiKey ? { apiKey } : {}), timeout: 10_000 });
  await t.rejects(client.getRawIndex(`${meilisearch.indexName}_rebuild`), 'the build index is gone after the swap');
  const r = await app.services.search.search(searchInput({ q: 'migrantes ', perPage: 10 }));
  t.equal(r.engine, 'meilisearch', JSON.stringify(r.warnings));
  t.ok(r.total > 0);
});
