/**
 * Meilisearch configured but down (the real client against a closed port): the app starts, writes succeed and
 * wait in the outbox, and searches answer from the embedded engine with an `engine_unavailable` warning.
 */
import t from 'tap';
import { searchInput } from '../../src/services/search-service.js';
import { buildTestApp } from '../helpers/build-app.js';

const BASE = searchInput();

t.test('Meilisearch at a closed port: start-up, writes and searches go on without it', async (t) => {
  const app = await buildTestApp(t, { seed: true, env: { MEILISEARCH_HOST: 'http://127.0.0.1:9', MEILISEARCH_TIMEOUT_MS: '300' } });
  t.equal(app.config.meilisearch?.host, 'http://127.0.0.1:9');
  t.equal(app.services.primarySearch?.engine, 'meilisearch', 'Meilisearch is the primary engine');

  const published = app.services.practices.count({ status: 'published' });
  t.equal(published, 24, 'every seed write succeeded');
  t.equal(app.services.outbox!.pending(), 24, 'one outbox row per write, none lost');

  const r = await app.services.search.search({ ...BASE, q: 'migrantes ' });
  t.equal(r.engine, 'fts5', 'answered by the embedded engine');
  t.ok(r.total > 0 && r.hits.length > 0, `${r.total} results`);
  t.same(r.warnings.filter((w) => w.code === 'engine_unavailable'), [{ code: 'engine_unavailable', engine: 'meilisearch', fallback: 'fts5' }]);

  const filtered = await app.services.search.search({ ...BASE, country: ['GT'] });
  t.equal(filtered.engine, 'fts5');
  t.ok(filtered.hits.every((h) => h.practice.countries.includes('GT')));
});

t.test('without MEILISEARCH_HOST: the embedded engine alone, no warning, no outbox', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  t.equal(app.services.primarySearch, null);
  t.equal(app.services.outbox, null);
  const r = await app.services.search.search({ ...BASE, q: 'migrantes ' });
  t.equal(r.engine, 'fts5');
  t.same(r.warnings.filter((w) => w.code === 'engine_unavailable'), []);
  t.equal(app.db.prepare('SELECT count(*) FROM search_outbox').pluck().get(), 0);
});
