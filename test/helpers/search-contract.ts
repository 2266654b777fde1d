/**
 * The search contract: one suite that every SearchIndex adapter must pass, run through the real search
 * service of a real app (corpus imported through the real import path). `build` returns the app and a
 * `settle()` that resolves once the engine has taken in every write (immediate for FTS5; the outbox
 * drained and tasks done for Meilisearch). Every search asserts which engine answered: a silent fallback
 * to the embedded engine would otherwise pass the Meilisearch run.
 */
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { EngineName } from '../../src/domain/search.js';
import { searchInput, type SearchInput, type SearchOutcome } from '../../src/services/search-service.js';
import { CORPUS_DIR } from './build-app.js';

export interface ContractTarget {
  app: FastifyInstance;
  engine: EngineName;
  settle: () => Promise<void>;
}

type T = Test;

const BASE: SearchInput = searchInput({ perPage: 100 });

/** Extra records with words found nowhere else in the corpus, to pin ranking and typo rules down. */
const FIXTURES: Record<string, string> = {
  'zz-title-match': doc('Zanahoria quimera en el título', 'Un resumen sin la palabra clave.', 'Cuerpo corriente sobre gestión migratoria.', { countries: '[GT]', year: 2011 }),
  'zz-summary-match': doc('Documento corriente dos', 'Resumen con zanahoria quimera adentro.', 'Cuerpo corriente.', { countries: '[MX]', year: 2012 }),
  'zz-body-match': doc('Documento corriente tres', 'Resumen corriente.', 'Un cuerpo que menciona zanahoria quimera al final.', { countries: '[HN]', year: 2013 }),
  'zz-one-word-title': doc('Zanahoria sola en el título', 'Resumen corriente.', 'Cuerpo corriente.', { countries: '[SV]', year: 2014 }),
  'zz-hurricane': doc('Albergues tras el huracán Mitch', 'Respuesta a un huracán.', 'Cuerpo sobre albergues temporales y el huracán.', { countries: '[NI]', pillars: '[emergencies-crises]', year: 1999 + 20 }),
  'zz-long-word': doc('Interoperabilidad consular', 'Resumen corriente.', 'Cuerpo corriente.', { countries: '[CR]', year: 2016 }),
  'zz-short-word': doc('Plan ruta', 'Resumen corriente.', 'Cuerpo corriente.', { countries: '[PA]', year: 2017 }),
};

function doc(title: string, summary: string, body: string, o: { countries: string; pillars?: string; year: number }) {
  return `---\ntitle: "${title}"\nsummary: "${summary}"\ncountries: ${o.countries}\npillars: ${o.pillars ?? '[migration-management]'}\npartners: [IOM]\nkind: tool\nyear: ${o.year}\nlanguage: es\n---\n\n## Contexto\n\n${body}\n`;
}

export async function seedContractData(app: FastifyInstance): Promise<void> {
  const results = app.services.importer.importPaths([CORPUS_DIR]);
  for (const [slug, text] of Object.entries(FIXTURES)) results.push(app.services.importer.importText(`/fixtures/${slug}.md`, text));
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error('contract fixtures failed to import: ' + JSON.stringify(failed));
}

export function runSearchContract(t: T, build: (t: T) => Promise<ContractTarget>): void {
  let target: ContractTarget;
  const search = async (input: Partial<SearchInput>): Promise<SearchOutcome> => {
    const out = await target.app.services.search.search({ ...BASE, ...input });
    if (out.engine !== target.engine) throw new Error(`answered by ${out.engine}, expected ${target.engine}: ${JSON.stringify(out.warnings)}`);
    return out;
  };
  const slugs = (o: SearchOutcome) => o.hits.map((h) => h.practice.slug);
  const published = () => target.app.services.practices.count({ status: 'published' });

  t.before(async () => {
    target = await build(t);
    await seedContractData(target.app);
    await target.settle();
  });

  t.test('empty query: every published record, newest first', async (t) => {
    const all = await search({});
    t.equal(all.total, published());
    t.equal(all.total, 24 + Object.keys(FIXTURES).length);
  });

  t.test('case, accents and Unicode normalisation do not matter', async (t) => {
    const forms = ['migración', 'migracion', 'MIGRACIÓN', 'Migracion', 'migracio\u0301n'];
    const results = await Promise.all(forms.map((q) => search({ q: q + ' ' })));
    t.ok(results[0]!.total > 0, 'migración is found');
    for (const [i, r] of results.entries()) t.same(slugs(r).sort(), slugs(results[0]!).sort(), `${JSON.stringify(forms[i])} finds the same records`);
  });

  t.test('the last word matches as a prefix', async (t) => {
    const r = await search({ q: 'regulari' });
    t.ok(slugs(r).includes('pa-crisol-de-razas'), 'regulari finds regularización');
    t.equal((await search({ q: 'interoperab' })).hits[0]?.practice.slug, 'zz-long-word');
    t.notOk(slugs(await search({ q: 'interoperab ' })).includes('zz-long-word'), 'a finished word (followed by a space) is not a prefix');
  });

  t.test('typo tolerance: 1 typo from 5 letters, 2 from 9, none below 5', async (t) => {
    t.ok(slugs(await search({ q: 'amnisty ' })).includes('bz-amnesty-2022'), 'amnisty finds amnesty');
    t.ok(slugs(await search({ q: 'huracan ' })).includes('zz-hurricane'), 'huracan finds huracán');
    t.ok(slugs(await search({ q: 'interoperavilidat ' })).includes('zz-long-word'), '2 typos in a 17-letter word');
    t.notOk(slugs(await search({ q: 'interoperavilidatt ' })).includes('zz-long-word'), '3 typos are too many');
    t.notOk(slugs(await search({ q: 'rutw ' })).includes('zz-short-word'), 'no typo allowed in a 4-letter word');
    t.ok(slugs(await search({ q: 'ruta ' })).includes('zz-short-word'), 'the exact 4-letter word matches');
  });

  t.test('quoted phrases must appear as written', async (t) => {
    const r = await search({ q: '"flujo controlado"' });
    t.ok(slugs(r).includes('pa-cr-flujo-controlado-darien'));
    const reversed = await search({ q: '"controlado flujo"' });
    t.notOk(slugs(reversed).includes('pa-cr-flujo-controlado-darien'), 'the words in another order are not the phrase');
    const unbalanced = await search({ q: '"flujo controlado' });
    t.ok(unbalanced.total >= 1, 'an unbalanced quote still searches');
  });

  t.test('stop words do not drown the query', async (t) => {
    const plain = await search({ q: 'zanahoria quimera ' });
    const wordy = await search({ q: 'la zanahoria de la quimera en el ' });
    t.same(slugs(wordy), slugs(plain), 'the same records in the same order');
  });

  t.test('ranking: title > summary > body; more words matched first', async (t) => {
    const r = await search({ q: 'zanahoria quimera ' });
    const order = slugs(r).filter((s) => s.startsWith('zz-'));
    t.same(order.slice(0, 3), ['zz-title-match', 'zz-summary-match', 'zz-body-match'], 'attribute order among records matching both words');
    t.equal(order[3], 'zz-one-word-title', 'a record matching one word (even in its title) comes after those matching both');
  });

  t.test('filters: OR within a facet, AND across facets, year range', async (t) => {
    const gt = await search({ country: ['GT'] });
    const mx = await search({ country: ['MX'] });
    const both = await search({ country: ['GT', 'MX'] });
    const union = new Set([...slugs(gt), ...slugs(mx)]);
    t.equal(both.total, union.size, 'country=GT|MX is the union');
    const gtEmergency = await search({ country: ['GT'], pillar: ['emergencies-crises'] });
    const emergency = new Set(slugs(await search({ pillar: ['emergencies-crises'] })));
    t.same(slugs(gtEmergency).sort(), slugs(gt).filter((s) => emergency.has(s)).sort(), 'country AND pillar is the intersection');
    const years = await search({ yearFrom: 2015, yearTo: 2020 });
    t.ok(years.total > 0);
    for (const h of years.hits) t.ok(h.practice.year >= 2015 && h.practice.year <= 2020, `${h.practice.slug} ${h.practice.year}`);
    const en = await search({ language: ['en'], kind: ['bilateral-alliance'] });
    for (const h of en.hits) t.ok(h.practice.language === 'en' && h.practice.kind === 'bilateral-alliance');
    const partner = await search({ partner: ['ILO'] });
    t.same(slugs(partner), ['gt-mx-ilo-fair-recruitment']);
  });

  t.test('facets are disjunctive and count right', async (t) => {
    const none = await search({ q: 'migrantes ' });
    const gt = await search({ q: 'migrantes ', country: ['GT'] });
    t.same(gt.facets.country, none.facets.country, "a facet's counts ignore its own selection");
    t.ok(gt.facets.country.filter((c) => c.value !== 'GT').every((c) => c.count > 0), 'other countries still show what they would add');
    const kindSum = gt.facets.kind.reduce((a, c) => a + c.count, 0);
    t.equal(kindSum, gt.total, 'each record has one kind: kind counts add up to the total');
    const gtPillars = await search({ q: 'migrantes ', country: ['GT'], pillar: ['dialogue-partnerships'] });
    const expectedPillarCounts = (await search({ q: 'migrantes ', country: ['GT'] })).facets.pillar;
    t.same(gtPillars.facets.pillar, expectedPillarCounts, 'pillar counts ignore the pillar selection but honour the country one');
    for (const c of gt.facets.pillar) {
      const r = await search({ q: 'migrantes ', country: ['GT'], pillar: [c.value] });
      t.equal(r.total, c.count, `pillar ${c.value}: count equals the results when chosen`);
    }
    for (const f of ['pillar', 'country', 'partner', 'kind', 'language', 'year'] as const) {
      const counts = gt.facets[f].map((c) => c.count);
      t.same(counts, [...counts].sort((a, b) => b - a), `${f} values sorted by count`);
    }
  });

  t.test('sorting: newest and year', async (t) => {
    const byYear = await search({ sort: 'year' });
    const years = byYear.hits.map((h) => h.practice.year);
    t.same(years, [...years].sort((a, b) => b - a));
    const newest = await search({ sort: 'newest' });
    const created = newest.hits.map((h) => h.practice.createdAt);
    t.same(created, [...created].sort().reverse());
  });

  t.test('pagination: disjoint pages that add up to the ranking', async (t) => {
    const all = await search({ q: 'migrantes ', perPage: 30 });
    const p1 = await search({ q: 'migrantes ', perPage: 10, page: 1 });
    const p2 = await search({ q: 'migrantes ', perPage: 10, page: 2 });
    t.same([...slugs(p1), ...slugs(p2)], slugs(all).slice(0, 20));
    const beyond = await search({ q: 'migrantes ', perPage: 10, page: 99 });
    t.same(slugs(beyond), []);
    t.equal(beyond.total, all.total);
  });

  t.test('any string is a valid query', async (t) => {
    const nasty = [
      '"', '""', '"unbalanced', "l'accès", 'covid-19', '*', '^', ':', '()', ')(', 'a AND b', 'OR', 'NOT migración', 'NEAR(a b)',
      'migración*', 'title:x', '{title}: x', '🙂🌎', '\u0000', '\\', '%', "' OR 1=1 --", 'x'.repeat(10_000), 'a '.repeat(2000),
      'pillar:', 'country:"costa rica"', 'year:abc', 'year:2020..2010',
    ];
    for (const q of nasty) {
      const r = await search({ q });
      t.ok(r.total >= 0, `${JSON.stringify(q.slice(0, 40))}: ${r.total} results`);
    }
  });

  t.test('only published records are searchable; edits are reflected', async (t) => {
    const app = target.app;
    const p = app.services.practices.findBySlug('zz-short-word')!;
    app.services.practices.upsert({ ...p, countries: [...p.countries], pillars: [...p.pillars], partners: [...p.partners], title: 'Plan ruta renombrado xilófono', status: 'published' });
    await target.settle();
    t.same(slugs(await search({ q: 'xilofono ' })), ['zz-short-word'], 'the new word is found');
    app.services.practices.upsert({ ...p, countries: [...p.countries], pillars: [...p.pillars], partners: [...p.partners], title: 'Plan ruta', status: 'submitted' });
    await target.settle();
    t.same(slugs(await search({ q: 'xilofono ' })), [], 'the old word is gone');
    t.notOk(slugs(await search({ q: 'ruta ' })).includes('zz-short-word'), 'an unpublished record is not found');
    t.equal((await search({})).total, published());
  });
}
