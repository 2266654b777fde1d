import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { searchInput } from '../../src/services/search-service.js';
import { buildTestApp } from '../helpers/build-app.js';

// A server (app A) and another process on the same database file (app B: a CLI import, a second server).
// A must see B's writes at its next search, re-reading only the practices B changed.
const lines: string[] = [];
const a = await buildTestApp(t, {
  seed: true,
  env: { LOG_LEVEL: 'debug' },
  overrides: { logger: undefined, logStream: { write: (line: string) => void lines.push(line) } },
});
const b = await buildApp(loadConfig({ DATABASE_PATH: a.config.databasePath, LOG_LEVEL: 'silent' }), { logger: false });
t.teardown(() => b.close());

const fullLoads = () => lines.filter((l) => l.includes('"search facets loaded"')).length;
const search = (q: string, more: Partial<ReturnType<typeof searchInput>> = {}) => a.services.search.searchUncached(searchInput({ q, ...more }));
const doc = (slug: string, title: string, country = 'BZ') =>
  `---\nslug: ${slug}\ntitle: "${title}"\nsummary: "Resumen"\ncountries: [${country}]\npillars: [migration-management]\nkind: tool\nyear: 2021\nlanguage: es\n---\n\nTexto sobre ${title}.\n`;

t.test("another connection's write is seen at once, without reloading every bitset", async (t) => {
  const before = await search('');
  const loads = fullLoads();
  t.ok(loads >= 1, 'the state was loaded once');
  t.equal((await search('xochipilli')).total, 0);
  t.equal(b.services.importer.importText('/x/xochipilli.md', doc('bz-xochipilli', 'Xochipilli')).status, 'created');
  const after = await search('xochipilli');
  t.same(after.hits.map((h) => h.practice.slug), ['bz-xochipilli'], 'the new record is found');
  t.equal((await search('')).total, before.total + 1);
  const bz = (await search('', { country: ['BZ'] })).facets.country.find((c) => c.value === 'BZ');
  t.ok(bz && bz.count >= 1, 'facet counts include it');
  t.equal((await search('xochipili')).total, 1, 'its words reach the typo vocabulary');
  t.equal(fullLoads(), loads, 'no full reload');
});

t.test("another connection's edits and unpublishing are seen too; this process's own writes still count", async (t) => {
  const loads = fullLoads();
  const p = b.services.practices.findBySlug('bz-xochipilli')!;
  b.services.practices.upsert({ ...p, title: 'Tlaloc', countries: ['GT'] });
  t.same((await search('xochipilli')).hits.map((h) => h.practice.title), ['Tlaloc'], 'found by its body, with the new title');
  t.equal((await search('xochipilli', { country: ['BZ'] })).total, 0, 'no longer in Belize');
  const gt = await search('tlaloc', { country: ['GT'] });
  t.same(gt.hits.map((h) => h.practice.slug), ['bz-xochipilli'], 'the new title and country');
  t.equal(a.services.importer.importText('/x/own.md', doc('bz-own', 'Huitzilopochtli')).status, 'created');
  t.equal((await search('huitzilopochtli')).total, 1, 'an own write');
  b.services.practices.upsert({ ...b.services.practices.findBySlug('bz-xochipilli')!, status: 'archived' });
  t.equal((await search('tlaloc')).total, 0, 'archived elsewhere: not found here');
  t.equal((await search('huitzilopochtli')).total, 1, 'the own write is still there');
  t.equal(fullLoads(), loads, 'no full reload');
});

t.test('a rebuild elsewhere, or changes pruned before this process saw them, reload everything', async (t) => {
  let loads = fullLoads();
  await b.services.embeddedSearch.rebuild(b.services.search.documentSource());
  t.equal((await search('huitzilopochtli')).total, 1);
  t.equal(fullLoads(), loads + 1, 'rebuilt elsewhere: one full reload');
  loads = fullLoads();
  b.services.importer.importText('/x/pruned.md', doc('bz-pruned', 'Coatlicue'));
  b.db.exec('DELETE FROM search_changes');
  t.equal((await search('coatlicue')).total, 1, 'found although its change row is gone');
  t.equal(fullLoads(), loads + 1, 'a gap in the change log: one full reload');
  loads = fullLoads();
  b.db.prepare("UPDATE users SET name = name WHERE 0").run();
  b.db.exec("CREATE TABLE IF NOT EXISTS scratch (x INTEGER) STRICT; INSERT INTO scratch VALUES (1)");
  t.equal((await search('coatlicue')).total, 1);
  t.equal(fullLoads(), loads, 'another table changed: nothing to reload');
});

t.test('after writes here and elsewhere, the newest and year orders equal a fresh load', async (t) => {
  const year = (slug: string, y: number, from: FastifyInstance) => {
    const p = from.services.practices.findBySlug(slug)!;
    from.services.practices.upsert({ ...p, year: y });
  };
  await search(''); // bring the state up to date, then change it in small steps
  year('pa-crisol-de-razas', 1999, a);
  year('bz-own', 2030, b);
  a.services.importer.importText('/x/o1.md', doc('bz-order-1', 'Orden uno', 'MX'));
  b.services.importer.importText('/x/o2.md', doc('bz-order-2', 'Orden dos', 'GT'));
  await search('');
  year('bz-order-1', 2001, b);
  b.services.practices.upsert({ ...b.services.practices.findBySlug('bz-order-2')!, status: 'archived' });
  const fresh = await buildApp(loadConfig({ DATABASE_PATH: a.config.databasePath, LOG_LEVEL: 'silent' }), { logger: false });
  t.teardown(() => fresh.close());
  for (const sort of ['newest', 'year', 'relevance'] as const) {
    const order = async (app: FastifyInstance) => (await app.services.search.searchUncached(searchInput({ q: '', sort, perPage: 100 }))).hits.map((h) => h.practice.slug);
    const here = await order(a);
    t.same(here, await order(fresh), `${sort}: the same order as a fresh load`);
    t.notOk(here.includes('bz-order-2'), 'the archived one is gone');
  }
});

t.test('words that left the index elsewhere do not crowd out typo candidates or suggestions', async (t) => {
  await search('reintegrasion'); // the typo vocabulary is loaded
  b.services.importer.importText('/x/v1.md', doc('bz-vocab-live', 'abcdefghkl'));
  const crowd = 'abcdefghiklmnopqrstuvwxyz'.split('').filter((c) => c !== 'j').slice(0, 20).map((c) => `abcdefghi${c}`);
  b.services.importer.importText('/x/v2.md', doc('bz-vocab-crowd', crowd.join(' ')));
  t.same((await search('abcdefghij')).hits.map((h) => h.practice.slug), ['bz-vocab-crowd'], 'while indexed, 20 words one typo away fill the candidates');
  b.services.practices.upsert({ ...b.services.practices.findBySlug('bz-vocab-crowd')!, status: 'archived' });
  const after = await search('abcdefghij');
  t.same(after.hits.map((h) => h.practice.slug), ['bz-vocab-live'], 'the live word two typos away is still found');
  b.services.importer.importText('/x/v3.md', doc('bz-vocab-sonalx', 'sonalx'));
  await search('sonal');
  b.services.practices.upsert({ ...b.services.practices.findBySlug('bz-vocab-sonalx')!, status: 'archived' });
  const fresh = await buildApp(loadConfig({ DATABASE_PATH: a.config.databasePath, LOG_LEVEL: 'silent' }), { logger: false });
  t.teardown(() => fresh.close());
  const suggestion = async (app: FastifyInstance) => (await app.services.search.searchUncached(searchInput({ q: 'sonala' }))).suggestion;
  t.same(await suggestion(a), await suggestion(fresh), 'the same "did you mean" as a fresh load');
});

t.test('a write by any writer is seen: SQL typed elsewhere, without the app (the triggers log it)', async (t) => {
  const loads = fullLoads();
  const before = await search('', { country: ['BZ'] });
  const id = (b.db.prepare("SELECT id FROM practices WHERE slug = 'bz-amnesty-2022'").pluck().get() as number);
  b.db.prepare("UPDATE practices SET status = 'archived' WHERE id = ?").run(id);
  b.db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(id);
  const after = await search('', { country: ['BZ'] });
  t.equal(after.total, before.total - 1, 'one practice fewer in Belize');
  t.notOk(after.hits.some((h) => h.practice.slug === 'bz-amnesty-2022'));
  t.equal(fullLoads(), loads, 'no full reload');
});

t.test('words with combining marks are read as FTS5 reads them (the posting cache stays exact)', async (t) => {
  t.equal((await search('banol')).total, 0);
  b.services.importer.importText('/x/banol.md', doc('bz-banol', 'Ban\u0308ol'));
  t.same((await search('banol')).hits.map((h) => h.practice.slug), ['bz-banol'], 'found through the cached posting list');
});
