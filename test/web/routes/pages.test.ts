import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { PILLARS, PILLAR_IDS } from '../../../src/domain/taxonomy.js';
import { DATA_DIR, LOCALES_DIR } from '../../../src/paths.js';
import { urls } from '../../../src/web/urls.js';
import { buildTestApp } from '../../helpers/build-app.js';
import { countCorpus, html, readCorpus, squash, type CorpusEntry } from '../../helpers/corpus.js';

const app = await buildTestApp(t, { seed: true });
const es = JSON.parse(readFileSync(join(LOCALES_DIR, 'es.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(LOCALES_DIR, 'en.json'), 'utf8'));
const registry = JSON.parse(readFileSync(join(DATA_DIR, 'partners.json'), 'utf8')) as Array<{ id: string; aliases: string[] }>;
const corpus = readCorpus();
const pillarName = (id: string, lang: 'es' | 'en' = 'es') => PILLARS.find((p) => p.id === id)!.name[lang];
const practicesEs = (n: number) => `${n} ${n === 1 ? 'práctica' : 'prácticas'}`;

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { res, $: html(res.body) };
}

/** Asserts what every HTML page shares: status, type, `<html lang>`, the `<h1>`, security headers, no inline script. */
function checkPage(
  t: Test,
  res: LightMyRequestResponse,
  $: ReturnType<typeof html>,
  expected: { status?: number; lang?: string; h1: string | RegExp },
) {
  t.equal(res.statusCode, expected.status ?? 200, 'status');
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/, 'content-type');
  t.equal($('html').attr('lang'), expected.lang ?? 'es', '<html lang>');
  t.equal($('h1').length, 1, 'one h1');
  if (typeof expected.h1 === 'string') t.equal(squash($('h1').text()), expected.h1, 'h1');
  else t.match(squash($('h1').text()), expected.h1, 'h1');
  checkSecurity(t, res, $);
}

function checkSecurity(t: Test, res: LightMyRequestResponse, $: ReturnType<typeof html>) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  t.ok(csp, 'content-security-policy header present');
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
  t.equal(scriptSrc, "script-src 'self'", "script-src is 'self' only");
  t.notMatch(csp, /script-src[^;]*'unsafe-inline'/, 'no unsafe-inline scripts');
  t.match(csp, /default-src 'self'/);
  t.match(csp, /frame-ancestors 'none'/);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.equal($('script:not([src])').length, 0, 'no inline <script>');
  t.equal($('[onclick], [onload], [onerror]').length, 0, 'no inline event handlers');
}

const slugsOf = ($: ReturnType<typeof html>, scope: string) =>
  $(`${scope} [data-slug]`).map((_, el) => $(el).attr('data-slug')).get();
const sorted = (xs: string[]) => [...xs].sort();
const has = (e: CorpusEntry, country?: string, pillar?: string, partner?: string) =>
  (!country || e.countries.includes(country)) && (!pillar || e.pillars.includes(pillar)) && (!partner || e.partners.includes(partner));

t.test('corpus sanity (numbers these tests rely on, verified by grepping data/practices)', async (t) => {
  t.equal(corpus.length, 24);
  t.equal(countCorpus((e) => has(e, 'GT')), 15, 'Guatemala has 15 practices');
  t.equal(countCorpus((e) => has(e, 'GT') && has(e, 'MX')), 11, 'Guatemala shares 11 practices with Mexico');
  t.equal(countCorpus((e) => has(e, undefined, undefined, 'IOM')), 19, 'IOM has 19 practices');
  t.equal(registry.length, 74, 'registry rows');
});

t.test('GET / (home)', async (t) => {
  const { res, $ } = await get('/');
  checkPage(t, res, $, { h1: es.home.heading });
  t.match(squash($('.hero .lead').text()), /^24 prácticas compartidas/);
  t.equal($('nav.site-nav a[aria-current="page"]').text(), 'Inicio');

  // Four pillars with counts from the corpus, and the same as the store.
  const tiles = $('ul.pillar-grid > li.pillar-tile');
  t.equal(tiles.length, 4);
  const stored = new Map(app.services.practices.countByPillar({ status: 'published' }).map((c) => [c.value, c.count]));
  tiles.each((i, el) => {
    const id = PILLAR_IDS[i]!;
    const a = $(el).find('h3 a');
    t.equal(a.attr('href'), `/pillars/${id}`);
    t.equal(a.text(), pillarName(id));
    const n = countCorpus((e) => has(e, undefined, id));
    t.equal(n, stored.get(id), `${id}: corpus and store agree`);
    t.equal($(el).find('.count-line').text(), practicesEs(n), `${id} count line`);
  });
  t.equal($('li.pillar-migration-management .count-line').text(), '17 prácticas');
  t.equal($('li.pillar-communication-for-development .count-line').text(), '5 prácticas');

  // Country list: every tagged country with its count, most practices first.
  const items = $('section[aria-labelledby="countries-heading"] ul.count-list > li');
  const tagged = new Set(corpus.flatMap((e) => e.countries));
  t.equal(items.length, tagged.size, 'one item per tagged country');
  items.each((_, el) => {
    const a = $(el).find('a');
    const code = a.attr('data-code')!;
    t.equal(a.attr('href'), `/countries/${code.toLowerCase()}`);
    t.equal(Number($(el).find('.count').text()), countCorpus((e) => has(e, code)), `${code} count`);
  });
  t.equal(items.first().find('a').text(), 'Guatemala');
  t.equal(items.first().find('.count').text(), '15');
  t.equal($('section[aria-labelledby="countries-heading"] a[href="/countries"]').length, 1, 'link to all countries');

  // Latest six practices, newest first, as the store lists them.
  const latest = slugsOf($, 'section[aria-labelledby="latest-heading"]');
  t.equal(latest.length, 6);
  t.same(latest, app.services.practices.list({ status: 'published' }, { limit: 6, offset: 0 }).map((p) => p.slug));
  const first = $('section[aria-labelledby="latest-heading"] article.practice-card').first();
  const entry = corpus.find((e) => e.slug === latest[0])!;
  t.equal(first.find('.card-title a').text(), entry.title);
  t.equal(first.find('.card-title a').attr('href'), `/practices/${entry.slug}`);
  t.equal(first.find('.card-summary').text(), entry.summary);

  // Search form.
  const form = $('form.search-box');
  t.equal(form.length, 1);
  t.equal(form.attr('action'), '/search');
  t.equal(form.attr('method'), 'get');
  t.equal(form.find('input[type="search"]').attr('name'), 'q');
  t.equal(squash(form.find('button[type="submit"]').text()), es.search.submit);
});

t.test('GET /countries', async (t) => {
  const { res, $ } = await get('/countries');
  checkPage(t, res, $, { h1: 'Países' });
  t.equal($('nav.site-nav a[aria-current="page"]').attr('href'), '/countries');

  const svg = $('figure.region-map svg.region-map-svg');
  t.equal(svg.length, 1, 'SVG map');
  const gt = svg.find('a[data-code="GT"]');
  t.equal(gt.length, 1);
  t.equal(gt.attr('href'), '/countries/gt');
  t.equal(gt.attr('aria-label'), 'Guatemala: 15 prácticas');
  t.equal(svg.find('a[data-code="MX"]').attr('href'), '/countries/mx');
  t.equal(svg.find('a.map-link').length > 10, true, 'programme countries are links');
  t.equal(svg.find('path.map-context[data-code="CU"]').length, 1, 'Cuba is unlinked context');

  // One table row per tagged country, in exactly one region section.
  const tagged = [...new Set(corpus.flatMap((e) => e.countries))];
  const rows = $('section.region tbody tr[data-code]');
  t.same(sorted(rows.map((_, el) => $(el).attr('data-code')).get()), sorted(tagged));
  rows.each((_, el) => {
    const code = $(el).attr('data-code')!;
    const cells = $(el).find('td.num').map((_, td) => Number($(td).text())).get();
    t.same(
      cells,
      [countCorpus((e) => has(e, code)), ...PILLAR_IDS.map((p) => countCorpus((e) => has(e, code, p)))],
      `${code}: total and per-pillar counts`,
    );
  });
  const central = $('section.region#region-central-america, section.region[aria-labelledby="region-central-america"]');
  t.equal(central.find('h2').text(), 'Centroamérica');
  t.same(
    sorted(central.find('tr[data-code]').map((_, el) => $(el).attr('data-code')).get()),
    ['BZ', 'CR', 'GT', 'HN', 'NI', 'PA', 'SV'],
  );
  t.equal(central.find('tr[data-code="GT"] th a').text(), 'Guatemala');
  t.equal(central.find('tr[data-code="GT"] th a').attr('href'), '/countries/gt');
  t.equal($('section[aria-labelledby="region-north-america"] tr[data-code="MX"]').length, 1, 'Mexico is listed with North America');
  t.equal($('section[aria-labelledby="region-caribbean"] tr[data-code="DO"]').length, 1);
});

t.test('GET /countries/gt', async (t) => {
  const { res, $ } = await get('/countries/gt');
  checkPage(t, res, $, { h1: 'Guatemala' });
  t.match(squash($('p.lead').text()), /^15 prácticas · Centroamérica/);
  t.equal($('nav.breadcrumb a').attr('href'), '/countries');

  // Grouped by pillar, every group exactly the corpus' GT practices of that pillar.
  const groups = $('section.pillar-group');
  const expectedPillars = PILLAR_IDS.filter((p) => countCorpus((e) => has(e, 'GT', p)) > 0);
  t.same(groups.map((_, el) => $(el).find('h2 a').attr('href')).get(), expectedPillars.map((p) => `/pillars/${p}`));
  for (const p of expectedPillars) {
    const g = $(`section.pillar-group[aria-labelledby="group-${p}"]`);
    const want = corpus.filter((e) => has(e, 'GT', p)).map((e) => e.slug);
    t.equal(Number(g.find('h2 .count').text()), want.length, `${p} count`);
    t.same(sorted(slugsOf($, `section.pillar-group[aria-labelledby="group-${p}"]`)), sorted(want), `${p} practices`);
  }
  const allCards = new Set(slugsOf($, 'section.pillar-group'));
  t.equal(allCards.size, 15, 'every GT practice appears in some group');

  // Partners active in Guatemala with their counts.
  const partnerItems = $('section[aria-labelledby="partners-heading"] ul.count-list > li');
  const partnerIds = new Set(corpus.filter((e) => has(e, 'GT')).flatMap((e) => e.partners));
  t.equal(partnerItems.length, partnerIds.size);
  partnerItems.each((_, el) => {
    const href = $(el).find('a').attr('href')!;
    t.match(href, /^\/partners\/[^/]+$/);
    const id = decodeURIComponent(href.slice('/partners/'.length)).toUpperCase();
    t.ok(partnerIds.has(id), `${href} is a GT partner`);
    t.equal(Number($(el).find('.count').text()), countCorpus((e) => has(e, 'GT', undefined, id)), `${id} count`);
  });
  const iom = $('section[aria-labelledby="partners-heading"] a[href="/partners/iom"]');
  t.equal(iom.text(), 'Organización Internacional para las Migraciones');
  t.equal(iom.parent().find('.count').text(), String(countCorpus((e) => has(e, 'GT', undefined, 'IOM'))));

  // Shares practices with: other countries on the same practices.
  const shared = $('section[aria-labelledby="shared-heading"] ul.count-list > li');
  const others = new Set(corpus.filter((e) => has(e, 'GT')).flatMap((e) => e.countries).filter((c) => c !== 'GT'));
  t.same(sorted(shared.map((_, el) => $(el).find('a').attr('data-code')).get()), sorted([...others]));
  shared.each((_, el) => {
    const code = $(el).find('a').attr('data-code')!;
    t.equal(Number($(el).find('.count').text()), countCorpus((e) => has(e, 'GT') && has(e, code)), `shared with ${code}`);
  });
  const mx = $('section[aria-labelledby="shared-heading"] a[data-code="MX"]');
  t.equal(mx.text(), 'México');
  t.equal(mx.attr('href'), '/countries/mx');
  t.equal(mx.parent().find('.count').text(), '11', 'Guatemala shares 11 practices with Mexico');
  t.equal(shared.first().find('a').attr('data-code'), 'MX', 'most shared first');
});

t.test('GET /countries/GT redirects to the canonical lower-case URL, keeping the query', async (t) => {
  const r1 = await app.inject('/countries/GT');
  t.equal(r1.statusCode, 301);
  t.equal(r1.headers.location, '/countries/gt');
  const r2 = await app.inject('/countries/GT?lang=en&x=1');
  t.equal(r2.statusCode, 301);
  t.equal(r2.headers.location, '/countries/gt?lang=en&x=1');
  const r3 = await app.inject('/countries/Mx');
  t.equal(r3.headers.location, '/countries/mx');
});

t.test('GET /countries/mx', async (t) => {
  const { res, $ } = await get('/countries/mx');
  checkPage(t, res, $, { h1: 'México' });
  const n = countCorpus((e) => has(e, 'MX'));
  t.equal(n, 13);
  t.match(squash($('p.lead').text()), new RegExp(`^${n} prácticas · América del Norte`));
  t.equal(new Set(slugsOf($, 'section.pillar-group')).size, n);
  t.equal($('section[aria-labelledby="shared-heading"] a[data-code="GT"]').parent().find('.count').text(), '11', 'symmetric with GT');
  t.equal($('a.button').attr('href'), urls.search({ country: 'mx' }));
});

t.test('GET /countries/fr: a valid ISO code with no practices', async (t) => {
  const { res, $ } = await get('/countries/fr');
  checkPage(t, res, $, { h1: 'Francia' });
  t.match(squash($('p.lead').text()), /^0 prácticas · Otras regiones/);
  t.equal($('article.practice-card').length, 0);
  t.equal($('section.pillar-group').length, 0);
  t.equal(squash($('p.empty').first().text()), es.countries.noPractices);
  t.equal(squash($('p.empty').first().text()), 'Aún no hay prácticas publicadas para este país.');
});

t.test('GET /countries/xx: 404 page in the reader language', async (t) => {
  const { res, $ } = await get('/countries/xx');
  checkPage(t, res, $, { status: 404, h1: 'Página no encontrada' });
  t.equal(squash($('.error-page p').first().text()), es.errors.notFound.body);
  t.match($('title').text(), /^Página no encontrada/);
  const enRes = await get('/countries/xx', { 'accept-language': 'en' });
  checkPage(t, enRes.res, enRes.$, { status: 404, lang: 'en', h1: en.errors.notFound.title });
  t.equal(en.errors.notFound.title, 'Page not found');
  for (const bad of ['/countries/12', '/countries/gtm', '/countries/zz']) {
    const r = await app.inject(bad);
    t.equal(r.statusCode, 404, bad);
    t.match(r.headers['content-type'], /^text\/html/);
  }
});

t.test('GET /pillars', async (t) => {
  const { res, $ } = await get('/pillars');
  checkPage(t, res, $, { h1: 'Pilares' });
  const tiles = $('ul.pillar-grid > li.pillar-tile');
  t.equal(tiles.length, 4);
  tiles.each((i, el) => {
    const p = PILLARS[i]!;
    t.equal($(el).find('h2 a').attr('href'), `/pillars/${p.id}`);
    t.equal($(el).find('h2 a').text(), p.name.es);
    t.equal($(el).find('.count-line').text(), practicesEs(countCorpus((e) => has(e, undefined, p.id))));
    t.equal(squash($(el).find('p').last().text()), p.description.es);
  });
});

t.test('GET /pillars/emergencies-crises', async (t) => {
  const { res, $ } = await get('/pillars/emergencies-crises');
  const pillar = PILLARS.find((p) => p.id === 'emergencies-crises')!;
  checkPage(t, res, $, { h1: 'Emergencias y crisis migratorias' });
  t.equal(squash($('p.lead').text()), pillar.description.es);
  const want = corpus.filter((e) => has(e, undefined, 'emergencies-crises')).map((e) => e.slug);
  t.equal(want.length, 7);
  t.match(squash($('main > p').eq(1).text()), /^7 prácticas/);
  t.same(sorted(slugsOf($, 'section[aria-labelledby="practices-heading"]')), sorted(want));
  const byCountry = $('aside[aria-labelledby="by-country-heading"] ul.count-list > li');
  const codes = new Set(corpus.filter((e) => has(e, undefined, 'emergencies-crises')).flatMap((e) => e.countries));
  t.equal(byCountry.length, codes.size);
  byCountry.each((_, el) => {
    const code = $(el).find('a').attr('data-code')!;
    t.equal(Number($(el).find('.count').text()), countCorpus((e) => has(e, code, 'emergencies-crises')), `${code}`);
  });
  t.equal($('a.button').attr('href'), '/search?pillar=emergencies-crises');
});

t.test('GET /pillars/nope: 404', async (t) => {
  const { res, $ } = await get('/pillars/nope');
  checkPage(t, res, $, { status: 404, h1: 'Página no encontrada' });
});

t.test('GET /partners', async (t) => {
  const { res, $ } = await get('/partners');
  checkPage(t, res, $, { h1: 'Socios' });
  const rows = $('tr[data-partner]');
  t.equal(rows.length, registry.length, 'one row per registry partner');
  t.same(sorted(rows.map((_, el) => $(el).attr('data-partner')).get()), sorted(registry.map((p) => p.id)));
  t.match(squash($('p.lead').text()), new RegExp(`^Registro de ${registry.length} socios`));
  rows.each((_, el) => {
    const id = $(el).attr('data-partner')!;
    t.equal($(el).find('th a').attr('href'), `/partners/${encodeURIComponent(id.toLowerCase())}`);
    t.equal(Number($(el).find('td.num').text()), countCorpus((e) => has(e, undefined, undefined, id)), `${id} count`);
  });
  t.equal($('tr[data-partner="IOM"] td.num').text(), '19');
  t.equal($('tr[data-partner="IOM"]').closest('section').find('h2').length, 1, 'grouped by type');
});

t.test('GET /partners/iom', async (t) => {
  const { res, $ } = await get('/partners/iom');
  checkPage(t, res, $, { h1: 'Organización Internacional para las Migraciones (IOM)' });
  const want = corpus.filter((e) => has(e, undefined, undefined, 'IOM')).map((e) => e.slug);
  const got = slugsOf($, 'section[aria-labelledby="practices-heading"]');
  t.equal(got.length, 19);
  t.same(sorted(got), sorted(want));
  t.same($('dl.meta .tag').map((_, el) => $(el).text()).get(), ['OIM'], 'aliases');
  t.equal($('dl.meta a[href="https://www.iom.int"]').length, 1, 'website');
  t.equal($('a.button').attr('href'), '/search?partner=iom');
  t.equal($('p.notice').length, 0, 'registry partners are reviewed');
});

t.test('partner aliases and case redirect to the canonical id', async (t) => {
  const cases: Array<[string, string]> = [
    ['/partners/oim', '/partners/iom'],
    ['/partners/OIM', '/partners/iom'],
    ['/partners/IOM', '/partners/iom'],
    ['/partners/OIT', '/partners/ilo'],
    ['/partners/oit?lang=en', '/partners/ilo?lang=en'],
  ];
  for (const [from, to] of cases) {
    const r = await app.inject(from);
    t.equal(r.statusCode, 301, `${from} status`);
    t.equal(r.headers.location, to, `${from} -> ${to}`);
  }
  const ilo = await get('/partners/ilo');
  checkPage(t, ilo.res, ilo.$, { h1: 'Organización Internacional del Trabajo (ILO)' });
});

t.test('GET /partners/nope: 404', async (t) => {
  const { res, $ } = await get('/partners/nope');
  checkPage(t, res, $, { status: 404, h1: 'Página no encontrada' });
});

t.test('GET /practices/bz-amnesty-2022', async (t) => {
  const entry = corpus.find((e) => e.slug === 'bz-amnesty-2022')!;
  const { res, $ } = await get('/practices/bz-amnesty-2022');
  checkPage(t, res, $, { h1: entry.title });
  t.equal($('h1').attr('lang'), 'en', 'title marked with the content language');
  t.equal($('article.practice').attr('data-slug'), 'bz-amnesty-2022');
  t.equal($('p.summary').text(), entry.summary);
  t.match($('title').text(), /^Belize Amnesty 2022/);

  const meta = $('aside dl.meta');
  t.same(meta.find('a.tag-country').map((_, el) => $(el).attr('data-code')).get(), entry.countries);
  t.same(meta.find('a.tag-country').map((_, el) => $(el).attr('href')).get(), ['/countries/bz', '/countries/gt']);
  t.same(meta.find('a.tag-country').map((_, el) => $(el).text()).get(), ['Belice', 'Guatemala']);
  t.same(meta.find('a.tag-pillar').map((_, el) => $(el).attr('href')).get(), entry.pillars.map((p) => `/pillars/${p}`));
  t.same(meta.find('a.tag-pillar').map((_, el) => $(el).text()).get(), entry.pillars.map((p) => pillarName(p)));
  t.same(entry.partners, ['MFAFTI', 'IOM', 'UNHCR', 'UNICEF']);
  const partnerLinks = meta.find('a.tag:not(.tag-country):not(.tag-pillar)');
  t.same(partnerLinks.map((_, el) => $(el).text()).get(), entry.partners);
  t.same(partnerLinks.map((_, el) => $(el).attr('href')).get(), entry.partners.map((p) => `/partners/${p.toLowerCase()}`));
  const dd = (label: string) => squash(meta.find('dt').filter((_, el) => $(el).text() === label).next('dd').text());
  t.equal(dd('Tipo'), 'Práctica');
  t.equal(dd('Año'), '2022');
  t.equal(dd('Idioma'), 'Inglés');
  const source = meta.find('a.source-link');
  t.equal(source.attr('href'), entry.source);
  t.equal(source.attr('href'), 'https://mirps-platform.org/en/resources/good-practices/belize-amnesty-program/');
  t.match(source.attr('rel'), /noopener/);

  const body = $('.practice-body');
  t.equal(body.find('h2').first().text(), 'Context');
  t.same(body.find('h2').map((_, el) => $(el).text()).get(), ['Context', 'What was done', 'Results', 'Lessons']);
  t.ok(body.find('li').length >= 8, 'lists rendered');
  t.equal($('p.api-link a').attr('href'), '/api/practices/bz-amnesty-2022');

  // Related practices: each shares a pillar and a country, checked through the JSON twin.
  const related = slugsOf($, 'section.related');
  t.ok(related.length > 0 && related.length <= 4, `related count ${related.length}`);
  t.notOk(related.includes('bz-amnesty-2022'), 'not related to itself');
  const self = (await app.inject('/api/practices/bz-amnesty-2022')).json();
  t.same(self.related.map((r: { slug: string }) => r.slug), related, 'page and API list the same related practices');
  for (const slug of related) {
    const r = (await app.inject(`/api/practices/${slug}`)).json() as { countries: Array<{ code: string }>; pillars: Array<{ id: string }> };
    t.ok(r.countries.some((c) => entry.countries.includes(c.code)), `${slug} shares a country`);
    t.ok(r.pillars.some((p) => entry.pillars.includes(p.id)), `${slug} shares a pillar`);
  }
});

t.test('GET /practices/nope and unknown URLs: 404 pages', async (t) => {
  for (const url of ['/practices/nope', '/no/such/page', '/countries/gt/extra']) {
    const { res, $ } = await get(url);
    checkPage(t, res, $, { status: 404, h1: 'Página no encontrada' });
    t.equal($('.error-page a.button').attr('href'), '/');
  }
  const { res, $ } = await get('/no/such/page', { 'accept-language': 'en-GB,en;q=0.8' });
  checkPage(t, res, $, { status: 404, lang: 'en', h1: 'Page not found' });
});

t.test('security headers and no inline script on every page', async (t) => {
  for (const url of ['/', '/countries', '/countries/gt', '/pillars', '/pillars/migration-management', '/partners', '/partners/iom', '/practices/bz-amnesty-2022', '/nope']) {
    const { res, $ } = await get(url);
    t.test(url, async (t) => {
      checkSecurity(t, res, $);
      t.equal($('script').length, 0, 'no scripts at all (server-rendered pages)');
      t.equal($('[style]').length, 0, 'no inline style attributes (style-src self)');
    });
  }
});

t.test('language switcher links stay on this site (no protocol-relative links from crafted paths)', async (t) => {
  t.equal(urls.withLang('/countries/gt?x=1', 'en'), '/countries/gt?x=1&lang=en');
  t.equal(urls.withLang('/.//evil.example/x', 'en').startsWith('//'), false, 'dot segment cannot make //host');
  t.equal(urls.withLang('/a/..//evil.example/', 'es').startsWith('//'), false);
  // light-my-request normalises paths, so send the raw request line over a socket.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as net.AddressInfo;
  for (const path of ['/.//evil.example', '/%2e//evil.example/a', '/x/..//evil.example/']) {
    const raw: string = await new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
      let b = '';
      s.on('data', (d) => (b += d));
      s.on('end', () => resolve(b));
      s.on('error', reject);
    });
    t.match(raw, /^HTTP\/1\.1 404/, `${path} is a 404`);
    const $ = html(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    const hrefs = $('nav.lang-switch a').map((_, el) => $(el).attr('href')).get();
    t.equal(hrefs.length, 2, `${path}: two language links`);
    for (const href of hrefs) t.match(href, /^\/(?!\/)/, `${path}: ${href} is a same-site path`);
  }
});
