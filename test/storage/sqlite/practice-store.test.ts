import t from 'tap';
import { openDatabase, migrate } from '../../../src/storage/sqlite/database.js';
import { createSqlitePracticeStore } from '../../../src/storage/sqlite/practice-store.js';
import { createSqlitePartnerStore } from '../../../src/storage/sqlite/partner-store.js';
import type { PracticeWrite } from '../../../src/domain/ports.js';
import type { TestContext } from '../../helpers/build-app.js';

let tick = 0;
const clock = { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString() };

function setup(t: TestContext) {
  const db = openDatabase(':memory:');
  migrate(db);
  t.teardown(() => db.close());
  const partners = createSqlitePartnerStore(db, clock);
  for (const id of ['IOM', 'ILO']) {
    partners.upsert({ id, names: { es: id, en: id, fr: id }, type: 'un-agency', country: null, website: null, aliases: id === 'ILO' ? ['OIT', 'BIT'] : ['OIM'], reviewed: true });
  }
  return { db, partners, practices: createSqlitePracticeStore(db, clock) };
}

const base: PracticeWrite = {
  slug: 'a',
  title: 'A',
  summary: 'S',
  bodyMarkdown: 'b',
  bodyHtml: '<p>b</p>',
  countries: ['GT', 'MX'],
  pillars: ['migration-management'],
  partners: ['IOM'],
  kind: 'practice',
  year: 2020,
  language: 'es',
  sourceUrl: null,
  status: 'published',
};

t.test('upsert inserts then updates by slug, keeping created_at', async (t) => {
  const { practices } = setup(t);
  const first = practices.upsert(base);
  t.equal(first.created, true);
  const second = practices.upsert({ ...base, title: 'A2', countries: ['HN'] });
  t.equal(second.created, false);
  t.equal(second.practice.id, first.practice.id);
  t.equal(second.practice.createdAt, first.practice.createdAt);
  t.not(second.practice.updatedAt, first.practice.updatedAt);
  t.same(second.practice.countries, ['HN']);
  t.equal(practices.count({}), 1);
});

t.test('a failing write leaves nothing half-written', async (t) => {
  const { practices, db } = setup(t);
  t.throws(() => practices.upsert({ ...base, slug: 'bad', partners: ['IOM', 'NOT-IN-REGISTRY'] }), /FOREIGN KEY/);
  t.equal(practices.findBySlug('bad'), null);
  t.equal((db.prepare('SELECT count(*) AS n FROM practice_countries').get() as { n: number }).n, 0);
});

t.test('filters, counts and related practices', async (t) => {
  const { practices } = setup(t);
  practices.upsert(base);
  practices.upsert({ ...base, slug: 'b', countries: ['GT'], pillars: ['migration-management', 'emergencies-crises'], partners: ['ILO'] });
  practices.upsert({ ...base, slug: 'c', countries: ['PA'], pillars: ['migration-management'] });
  practices.upsert({ ...base, slug: 'd', countries: ['GT'], pillars: ['emergencies-crises'] });
  practices.upsert({ ...base, slug: 'e', countries: ['GT'], status: 'submitted' });
  t.equal(practices.count({ status: 'published' }), 4);
  t.equal(practices.count({ status: 'published', country: 'GT' }), 3);
  t.equal(practices.count({ status: 'published', country: 'GT', pillar: 'emergencies-crises' }), 2);
  t.equal(practices.count({ status: 'published', partner: 'ILO' }), 1);
  t.same(practices.list({ status: 'published' }).map((p) => p.slug), ['d', 'c', 'b', 'a'], 'newest first');
  t.same(practices.list({ status: 'published' }, { limit: 2, offset: 1 }).map((p) => p.slug), ['c', 'b']);
  t.same(practices.countByCountry({ status: 'published' }), [
    { value: 'GT', count: 3 },
    { value: 'MX', count: 1 },
    { value: 'PA', count: 1 },
  ]);
  t.same(practices.countByPillar({ status: 'published', country: 'GT' }), [
    { value: 'emergencies-crises', count: 2 },
    { value: 'migration-management', count: 2 },
  ]);
  t.same(practices.countByPartner({ status: 'published' }), [
    { value: 'IOM', count: 3 },
    { value: 'ILO', count: 1 },
  ]);
  const grid = practices.countByCountryAndPillar({ status: 'published' });
  t.same(grid.find((g) => g.country === 'GT' && g.pillar === 'emergencies-crises'), { country: 'GT', pillar: 'emergencies-crises', count: 2 });
  const a = practices.findBySlug('a')!;
  // b shares GT and migration-management; c shares only the pillar; d only the country; e is not published.
  t.same(practices.related(a.id, 5).map((p) => p.slug), ['b']);
});

t.test('partner store resolves ids and aliases case- and accent-insensitively', async (t) => {
  const { partners } = setup(t);
  t.equal(partners.resolve('oit')!.id, 'ILO');
  t.equal(partners.resolve(' Oim ')!.id, 'IOM');
  t.equal(partners.resolve('iom')!.id, 'IOM');
  t.equal(partners.resolve('UNHCR'), null);
  partners.upsert({ id: 'OIT', names: { es: 'x', en: 'x', fr: 'x' }, type: 'other', country: null, website: null, aliases: [], reviewed: false });
  t.equal(partners.resolve('OIT')!.id, 'OIT', 'an id wins over another partner\'s alias');
  t.same(partners.list().map((p) => p.id), ['ILO', 'IOM', 'OIT']);
});
