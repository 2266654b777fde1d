import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import t, { type Test } from 'tap';
import { PILLAR_IDS } from '../../../src/domain/taxonomy.js';
import { DATA_DIR } from '../../../src/paths.js';
import { buildTestApp } from '../../helpers/build-app.js';
import { countCorpus, html, readCorpus, squash } from '../../helpers/corpus.js';

const app = await buildTestApp(t, { seed: true });
const registry = JSON.parse(readFileSync(join(DATA_DIR, 'partners.json'), 'utf8')) as Array<{ id: string }>;
const corpus = readCorpus();

interface Card {
  slug: string;
  url: string;
  title: string;
  summary: string;
  kind: { id: string; name: string };
  year: number;
  language: { id: string; name: string };
  countries: Array<{ code: string; name: string; url: string }>;
  pillars: Array<{ id: string; name: string; url: string }>;
}
interface Counted { code?: string; id?: string; name: string; url: string; count: number }

/** GET a JSON endpoint and check status and content type. */
async function api<T = any>(t: Test, url: string, status = 200): Promise<T> {
  const res = await app.inject({ method: 'GET', url });
  t.equal(res.statusCode, status, `${url} status`);
  t.match(res.headers['content-type'], /^application\/json; charset=utf-8$/, `${url} content-type`);
  return res.json() as T;
}
async function page(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return html(res.body);
}
const cardSlugs = ($: ReturnType<typeof html>, scope: string) =>
  $(`${scope} [data-slug]`).map((_, el) => $(el).attr('data-slug')).get();
const sorted = (xs: string[]) => [...xs].sort();

function checkCard(t: Test, c: Card) {
  const e = corpus.find((x) => x.slug === c.slug);
  t.ok(e, `${c.slug} is in the corpus`);
  if (!e) return;
  t.equal(c.url, `/practices/${e.slug}`);
  t.equal(c.title, e.title);
  t.equal(c.summary, e.summary);
  t.equal(c.kind.id, e.kind);
  t.equal(c.year, e.year);
  t.equal(c.language.id, e.language);
  t.same(c.countries.map((x) => x.code), e.countries);
  t.same(c.pillars.map((x) => x.id), e.pillars);
}

t.test('GET /api/practices/:slug', async (t) => {
  const e = corpus.find((x) => x.slug === 'bz-amnesty-2022')!;
  const p = await api(t, '/api/practices/bz-amnesty-2022');
  t.equal(p.lang, 'es');
  checkCard(t, p);
  t.same(p.kind, { id: 'practice', name: 'Práctica' });
  t.same(p.language, { id: 'en', name: 'Inglés' });
  t.same(p.countries, [
    { code: 'BZ', name: 'Belice', url: '/countries/bz' },
    { code: 'GT', name: 'Guatemala', url: '/countries/gt' },
  ]);
  t.same(p.pillars.map((x: { url: string }) => x.url), e.pillars.map((id) => `/pillars/${id}`));
  t.same(p.partners.map((x: { id: string }) => x.id), ['MFAFTI', 'IOM', 'UNHCR', 'UNICEF']);
  t.same(p.partners[1], { id: 'IOM', name: 'Organización Internacional para las Migraciones', url: '/partners/iom', reviewed: true });
  t.equal(p.sourceUrl, e.source);
  t.match(p.bodyHtml, /^<h2>Context<\/h2>/);
  t.notMatch(p.bodyHtml, /<script/i);
  t.match(p.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  t.match(p.updatedAt, /^\d{4}-\d\d-\d\dT/);
  t.equal(p.apiUrl, '/api/practices/bz-amnesty-2022');
  t.ok(Array.isArray(p.related) && p.related.length > 0 && p.related.length <= 4, 'related practices');
  for (const r of p.related as Card[]) {
    checkCard(t, r);
    t.ok(r.countries.some((c) => e.countries.includes(c.code)) && r.pillars.some((x) => e.pillars.includes(x.id)), `${r.slug} shares a country and a pillar`);
    t.notOk('bodyHtml' in r, 'related are cards, without bodies');
  }

  // Same as the page.
  const $ = await page('/practices/bz-amnesty-2022');
  t.equal(squash($('h1').text()), p.title);
  t.same(cardSlugs($, 'section.related'), p.related.map((r: Card) => r.slug));

  // Every corpus practice is served.
  for (const c of corpus) {
    const res = await app.inject(`/api/practices/${c.slug}`);
    t.equal(res.statusCode, 200, c.slug);
    t.equal(res.json().title, c.title);
  }
});

t.test('GET /api/countries', async (t) => {
  const body = await api(t, '/api/countries');
  t.equal(body.lang, 'es');
  t.same(body.pillars.map((p: { id: string }) => p.id), PILLAR_IDS);
  t.same(body.regions.map((r: { id: string }) => r.id), ['north-america', 'central-america', 'caribbean', 'south-america']);
  t.notOk('map' in body, 'the SVG map is page-only');
  const all = body.regions.flatMap((r: { countries: Array<Counted & { pillarCounts: number[] }> }) => r.countries) as Array<
    Counted & { code: string; pillarCounts: number[]; programme: boolean; rcmMember: boolean }
  >;
  t.equal(all.length, new Set(corpus.flatMap((e) => e.countries)).size);
  const gt = all.find((c) => c.code === 'GT')!;
  t.same(gt, {
    code: 'GT',
    name: 'Guatemala',
    url: '/countries/gt',
    count: 15,
    programme: true,
    rcmMember: true,
    pillarCounts: PILLAR_IDS.map((p) => countCorpus((e) => e.countries.includes('GT') && e.pillars.includes(p))),
  });

  // The same numbers as the HTML table, row by row.
  const $ = await page('/countries');
  for (const c of all) {
    const cells = $(`tr[data-code="${c.code}"] td.num`).map((_, td) => Number($(td).text())).get();
    t.same(cells, [c.count, ...c.pillarCounts], `${c.code} row matches the page`);
    t.equal($(`tr[data-code="${c.code}"] th a`).text(), c.name);
  }
});

t.test('GET /api/countries/:code', async (t) => {
  const gt = await api(t, '/api/countries/gt');
  t.equal(gt.lang, 'es');
  t.same(
    { code: gt.country.code, name: gt.country.name, url: gt.country.url, count: gt.country.count, region: gt.country.region },
    { code: 'GT', name: 'Guatemala', url: '/countries/gt', count: 15, region: 'Centroamérica' },
  );
  t.equal(gt.total, 15);
  t.equal(gt.searchUrl, '/search?country=gt');
  t.equal(gt.apiUrl, '/api/countries/gt');
  t.same(
    gt.byPillar.map((g: { pillar: { id: string }; practices: Card[] }) => [g.pillar.id, g.practices.length]),
    PILLAR_IDS.map((p) => [p, countCorpus((e) => e.countries.includes('GT') && e.pillars.includes(p))]).filter(([, n]) => n !== 0),
  );
  const mx = gt.sharedWith.find((c: Counted) => c.code === 'MX');
  t.equal(mx.count, 11);
  t.notOk(gt.sharedWith.some((c: Counted) => c.code === 'GT'), 'not shared with itself');
  t.equal(gt.partners.find((p: Counted) => p.id === 'IOM').count, countCorpus((e) => e.countries.includes('GT') && e.partners.includes('IOM')));

  // Twins: the page shows the same totals, groups, partners and shared countries.
  const $ = await page('/countries/gt');
  t.equal(new Set(cardSlugs($, 'section.pillar-group')).size, gt.total, 'distinct cards on the page = total');
  t.match(squash($('p.lead').text()), new RegExp(`^${gt.total} prácticas`));
  for (const g of gt.byPillar as Array<{ pillar: { id: string }; practices: Card[] }>) {
    const scope = `section.pillar-group[aria-labelledby="group-${g.pillar.id}"]`;
    t.same(cardSlugs($, scope), g.practices.map((p) => p.slug), `${g.pillar.id} same cards, same order`);
  }
  t.same(
    $('section[aria-labelledby="partners-heading"] li').map((_, el) => [[$(el).find('a').attr('href'), Number($(el).find('.count').text())]]).get(),
    gt.partners.map((p: Counted) => [p.url, p.count]),
  );
  t.same(
    $('section[aria-labelledby="shared-heading"] li').map((_, el) => [[$(el).find('a').attr('data-code'), Number($(el).find('.count').text())]]).get(),
    gt.sharedWith.map((c: Counted) => [c.code, c.count]),
  );

  const fr = await api(t, '/api/countries/fr');
  t.same([fr.country.code, fr.country.name, fr.total, fr.byPillar, fr.partners, fr.sharedWith], ['FR', 'Francia', 0, [], [], []]);

  const redirect = await app.inject('/api/countries/GT?lang=en');
  t.equal(redirect.statusCode, 301);
  t.equal(redirect.headers.location, '/api/countries/gt?lang=en');
});

t.test('GET /api/pillars and /api/pillars/:id', async (t) => {
  const body = await api(t, '/api/pillars');
  t.same(body.pillars.map((p: { id: string }) => p.id), PILLAR_IDS);
  t.same(body.pillars.map((p: Counted) => p.count), [17, 15, 7, 5]);
  const $ = await page('/pillars');
  for (const p of body.pillars as Array<Counted & { id: string; description: string; searchUrl: string }>) {
    t.equal(p.count, countCorpus((e) => e.pillars.includes(p.id)));
    t.equal($(`li.pillar-${p.id} .count-line`).text(), `${p.count} prácticas`, `${p.id} same count as the page`);
    t.equal($(`li.pillar-${p.id} h2 a`).text(), p.name);
    t.equal(p.url, `/pillars/${p.id}`);
    t.equal(p.searchUrl, `/search?pillar=${p.id}`);
    t.ok(p.description.length > 50);
  }

  const one = await api(t, '/api/pillars/emergencies-crises');
  t.equal(one.pillar.id, 'emergencies-crises');
  t.equal(one.pillar.name, 'Emergencias y crisis migratorias');
  t.equal(one.pillar.count, 7);
  t.equal(one.practices.length, one.pillar.count);
  t.equal(one.apiUrl, '/api/pillars/emergencies-crises');
  one.practices.forEach((c: Card) => checkCard(t, c));
  const $p = await page('/pillars/emergencies-crises');
  t.same(cardSlugs($p, 'section[aria-labelledby="practices-heading"]'), one.practices.map((c: Card) => c.slug));
  t.same(
    $p('aside[aria-labelledby="by-country-heading"] li').map((_, el) => [[$p(el).find('a').attr('data-code'), Number($p(el).find('.count').text())]]).get(),
    one.countries.map((c: Counted) => [c.code, c.count]),
  );
});

t.test('GET /api/partners and /api/partners/:id', async (t) => {
  const body = await api(t, '/api/partners');
  t.equal(body.total, registry.length);
  const all = body.groups.flatMap((g: { partners: unknown[] }) => g.partners) as Array<
    Counted & { id: string; names: Record<string, string>; type: { id: string; name: string }; aliases: string[]; reviewed: boolean }
  >;
  t.equal(all.length, registry.length);
  t.same(sorted(all.map((p) => p.id)), sorted(registry.map((p) => p.id)));
  for (const g of body.groups as Array<{ type: string; partners: Array<{ type: { id: string } }> }>) {
    t.ok(g.partners.every((p) => p.type.id === g.type), `${g.type} group is homogeneous`);
  }
  const iom = all.find((p) => p.id === 'IOM')!;
  t.same(
    { count: iom.count, url: iom.url, names: iom.names, type: iom.type.id, aliases: iom.aliases, reviewed: iom.reviewed },
    {
      count: 19,
      url: '/partners/iom',
      names: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration', fr: 'Organisation internationale pour les migrations' },
      type: 'un-agency',
      aliases: ['OIM'],
      reviewed: true,
    },
  );
  const $ = await page('/partners');
  t.equal($('tr[data-partner]').length, body.total);
  for (const p of all) t.equal(Number($(`tr[data-partner="${p.id}"] td.num`).text()), p.count, `${p.id} same count as the page`);

  const one = await api(t, '/api/partners/iom');
  t.equal(one.partner.id, 'IOM');
  t.equal(one.partner.count, 19);
  t.equal(one.practices.length, 19);
  t.equal(one.searchUrl, '/search?partner=iom');
  t.equal(one.apiUrl, '/api/partners/iom');
  t.same(sorted(one.practices.map((c: Card) => c.slug)), sorted(corpus.filter((e) => e.partners.includes('IOM')).map((e) => e.slug)));
  const $p = await page('/partners/iom');
  t.same(cardSlugs($p, 'section[aria-labelledby="practices-heading"]'), one.practices.map((c: Card) => c.slug));

  const redirects: Array<[string, string]> = [
    ['/api/partners/oim', '/api/partners/iom'],
    ['/api/partners/OIT', '/api/partners/ilo'],
    ['/api/partners/IOM?lang=en', '/api/partners/iom?lang=en'],
  ];
  for (const [from, to] of redirects) {
    const r = await app.inject(from);
    t.equal(r.statusCode, 301, from);
    t.equal(r.headers.location, to, `${from} -> ${to}`);
  }
});

t.test('unknown keys: 404 JSON { error: not_found, message }', async (t) => {
  const cases: Array<[string, string]> = [
    ['/api/practices/nope', 'practice not found: nope'],
    ['/api/countries/xx', 'country not found: xx'],
    ['/api/countries/12', 'country not found: 12'],
    ['/api/pillars/nope', 'pillar not found: nope'],
    ['/api/partners/nope', 'partner not found: nope'],
    ['/api/nope', 'page not found: /api/nope'],
  ];
  for (const [url, message] of cases) {
    const body = await api(t, url, 404);
    t.same(body, { error: 'not_found', message }, url);
  }
});

t.test('invalid parameter shapes: 4xx JSON, never 500', async (t) => {
  const endpoints = ['/api/practices/', '/api/countries/', '/api/pillars/', '/api/partners/'];
  // Longer than the route schemas allow (100/200) but within the router's 500: zod validation, 400.
  for (const base of endpoints) {
    const res = await app.inject(base + 'a'.repeat(300));
    t.equal(res.statusCode, 400, `${base}<300 chars>`);
    t.match(res.headers['content-type'], /^application\/json/);
    const body = res.json();
    t.equal(body.error, 'validation_failed');
    t.match(body.message, /^params\.\w+: /);
    t.ok(Array.isArray(body.issues) && body.issues.length === 1);
  }
  // Long parameters still reach the app's own validation (router maxParamLength is 2000).
  for (const base of endpoints) {
    const res = await app.inject(base + 'a'.repeat(600));
    t.equal(res.statusCode, 400, `${base}<600 chars>`);
    t.equal(res.json().error, 'validation_failed');
  }
  // Malformed percent-encoding: refused before the hooks, answered by the same error renderer.
  const bad = await app.inject('/api/practices/%E0%A4%A');
  t.equal(bad.statusCode, 400);
  t.match(bad.headers['content-type'], /^application\/json/);
  t.equal(bad.json().error, 'bad_url');
  t.match(bad.headers['content-security-policy'], /script-src 'self'/);
  const page = await app.inject('/practices/%E0%A4%A');
  t.equal(page.statusCode, 400);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(page.body, /<html lang="es">/);
  t.equal(page.headers['x-content-type-options'], 'nosniff');
});

t.test('property: any parameter value gets a JSON answer below 500', async (t) => {
  const endpoints = ['/api/practices/', '/api/countries/', '/api/pillars/', '/api/partners/'];
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...endpoints), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 700 }), async (base, value) => {
      runs++;
      const res = await app.inject(base + encodeURIComponent(value));
      if (res.statusCode >= 500) return false;
      if (res.statusCode === 301) return typeof res.headers.location === 'string' && res.headers.location.startsWith('/api/');
      return /^application\/json/.test(String(res.headers['content-type'])) && typeof res.json().error === (res.statusCode === 200 ? 'undefined' : 'string');
    }),
    { numRuns: 150, seed: 20240601 },
  );
  t.equal(runs, 150);
});
