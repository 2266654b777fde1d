import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import t, { type Test } from 'tap';
import { PILLARS } from '../../src/domain/taxonomy.js';
import { LOCALES_DIR, VIEWS_DIR } from '../../src/paths.js';
import { UI_LANGUAGES } from '../../src/web/i18n.js';
import { buildTestApp } from '../helpers/build-app.js';
import { html, squash } from '../helpers/corpus.js';

const app = await buildTestApp(t, { seed: true });

type Catalog = Record<string, unknown>;
const catalog = (lang: string) => JSON.parse(readFileSync(join(LOCALES_DIR, `${lang}.json`), 'utf8')) as Catalog;
const es = catalog('es');
const en = catalog('en');
const fr = catalog('fr');
/** A catalog string by dotted key. */
const msg = (c: Catalog, key: string) => String(key.split('.').reduce<unknown>((o, k) => (o as Catalog)[k], c));

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { res, $: html(res.body) };
}
const navText = ($: ReturnType<typeof html>) => $('nav.site-nav a').map((_, el) => $(el).text()).get();
const setCookie = (res: { headers: Record<string, unknown> }) => {
  const v = res.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [String(v)];
};

function checkLang(t: Test, res: { statusCode: number; headers: Record<string, unknown> }, $: ReturnType<typeof html>, lang: 'es' | 'en') {
  t.equal($('html').attr('lang'), lang, '<html lang>');
  t.equal(res.headers['content-language'], lang, 'Content-Language');
  t.same(
    navText($),
    lang === 'es' ? ['Inicio', 'Países', 'Pilares', 'Socios', 'Alianzas', 'Contribuir'] : ['Home', 'Countries', 'Pillars', 'Partners', 'Alliances', 'Contribute'],
    'nav',
  );
}

t.test('UI languages offered', async (t) => {
  t.same([...UI_LANGUAGES], ['es', 'en'], 'fr catalog exists but the UI is not offered in fr yet');
});

t.test('default is Spanish', async (t) => {
  const { res, $ } = await get('/');
  checkLang(t, res, $, 'es');
  t.equal(squash($('h1').text()), 'Lo que funcionó en migración, de país a país');
  t.match(String(res.headers.vary), /Accept-Language/);
  t.match(String(res.headers.vary), /Cookie/);
  t.same(setCookie(res), [], 'no cookie without ?lang');
  t.same($('nav.lang-switch a').map((_, el) => [[$(el).attr('hreflang'), $(el).attr('href'), $(el).attr('aria-current') ?? null]]).get(), [
    ['es', '/?lang=es', 'true'],
    ['en', '/?lang=en', null],
  ]);
});

t.test('Accept-Language negotiation', async (t) => {
  const cases: Array<[string, 'es' | 'en']> = [
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en;q=0.8,es;q=0.9', 'es'],
    // fr is not a UI language: the negotiator skips it and the default (es) applies...
    ['fr', 'es'],
    ['fr-FR,fr;q=0.9', 'es'],
    // ...unless the reader also accepts a UI language.
    ['fr,en;q=0.5', 'en'],
    ['de, *;q=0.1', 'es'],
    ['', 'es'],
    ['garbage;;q=x', 'es'],
  ];
  for (const [header, lang] of cases) {
    const { res, $ } = await get('/countries', { 'accept-language': header });
    t.equal(res.statusCode, 200, header);
    t.equal($('html').attr('lang'), lang, `Accept-Language "${header}" -> ${lang}`);
    t.equal(squash($('h1').text()), lang === 'es' ? 'Países' : 'Countries');
  }
  const { res, $ } = await get('/', { 'accept-language': 'en-US,en;q=0.9' });
  checkLang(t, res, $, 'en');
  t.equal(squash($('h1').text()), 'What worked in migration, country to country');
});

t.test('?lang= sets a cookie that later requests follow', async (t) => {
  const first = await get('/countries?lang=en');
  checkLang(t, first.res, first.$, 'en');
  const cookies = setCookie(first.res);
  t.equal(cookies.length, 1);
  t.match(cookies[0], /^lang=en;/);
  t.match(cookies[0], /Path=\//);
  t.match(cookies[0], /Max-Age=31536000/);
  t.match(cookies[0], /HttpOnly/);
  t.match(cookies[0], /SameSite=Lax/);

  // The cookie wins over Accept-Language, and is not re-set.
  const later = await get('/pillars', { cookie: 'lang=en', 'accept-language': 'es' });
  checkLang(t, later.res, later.$, 'en');
  t.equal(squash(later.$('h1').text()), 'Pillars');
  t.same(setCookie(later.res), [], 'cookie already matches: no Set-Cookie');
  const repeated = await get('/?lang=en', { cookie: 'lang=en' });
  t.same(setCookie(repeated.res), [], '?lang equal to the cookie: no Set-Cookie');

  // ?lang beats the cookie, and replaces it.
  const back = await get('/?lang=es', { cookie: 'lang=en', 'accept-language': 'en' });
  checkLang(t, back.res, back.$, 'es');
  t.match(setCookie(back.res)[0], /^lang=es;/);

  // JSON twins follow the same negotiation.
  const json = await app.inject({ url: '/api/countries/mx', headers: { cookie: 'lang=en' } });
  t.equal(json.json().lang, 'en');
  t.equal(json.json().country.name, 'Mexico');
});

t.test('invalid ?lang and cookie values are ignored', async (t) => {
  for (const q of ['xx', 'fr', 'EN', '', 'en-US']) {
    const plain = await get(`/?lang=${q}`);
    t.equal(plain.$('html').attr('lang'), 'es', `?lang=${q} -> es`);
    t.same(setCookie(plain.res), [], `?lang=${q}: no cookie`);
    const withHeader = await get(`/?lang=${q}`, { 'accept-language': 'en' });
    t.equal(withHeader.$('html').attr('lang'), 'en', `?lang=${q} falls through to Accept-Language`);
  }
  for (const c of ['lang=xx', 'lang=fr', 'lang=']) {
    const r = await get('/', { cookie: c, 'accept-language': 'en' });
    t.equal(r.$('html').attr('lang'), 'en', `cookie ${c} is ignored`);
  }
  const arr = await get('/?lang=en&lang=es');
  t.equal(arr.res.statusCode, 200, 'repeated ?lang does not break the page');
  t.equal(arr.$('html').attr('lang'), 'es', 'repeated ?lang (an array) is ignored');
});

t.test('404 pages are in the reader language', async (t) => {
  const es404 = await get('/countries/xx');
  t.equal(es404.res.statusCode, 404);
  checkLang(t, es404.res, es404.$, 'es');
  t.equal(squash(es404.$('h1').text()), msg(es, 'errors.notFound.title'));
  const en404 = await get('/countries/xx', { cookie: 'lang=en' });
  t.equal(en404.res.statusCode, 404);
  checkLang(t, en404.res, en404.$, 'en');
  t.equal(squash(en404.$('h1').text()), 'Page not found');
  t.equal(squash(en404.$('.error-page p').first().text()), msg(en, 'errors.notFound.body'));
  const enQuery = await get('/no/such/page?lang=en');
  t.equal(squash(enQuery.$('h1').text()), 'Page not found');
  t.match(enQuery.$('title').text(), /^Page not found · Puente$/);
});

t.test('country, pillar, kind and language names are localized', async (t) => {
  const mxEs = await get('/countries/mx');
  t.equal(squash(mxEs.$('h1').text()), 'México');
  const mxEn = await get('/countries/mx', { 'accept-language': 'en' });
  t.equal(squash(mxEn.$('h1').text()), 'Mexico');
  t.match(squash(mxEn.$('p.lead').text()), /^13 practices · North America/);
  t.equal(mxEn.$('section[aria-labelledby="shared-heading"] a[data-code="PA"]').text(), 'Panama');
  t.equal(mxEs.$('section[aria-labelledby="shared-heading"] a[data-code="PA"]').text(), 'Panamá');

  for (const p of PILLARS) {
    const pes = await get(`/pillars/${p.id}`);
    const pen = await get(`/pillars/${p.id}?lang=en`);
    t.equal(squash(pes.$('h1').text()), p.name.es);
    t.equal(squash(pen.$('h1').text()), p.name.en);
    t.equal(squash(pen.$('p.lead').text()), p.description.en);
  }
  const emerg = await get('/pillars/emergencies-crises', { cookie: 'lang=en' });
  t.equal(squash(emerg.$('h1').text()), 'Migration emergencies & crises');

  const practice = await get('/practices/bz-amnesty-2022', { cookie: 'lang=en' });
  const dd = (label: string) => squash(practice.$('dl.meta dt').filter((_, el) => practice.$(el).text() === label).next('dd').text());
  t.equal(dd(msg(en, 'practice.kind')), 'Practice');
  t.equal(dd(msg(en, 'practice.language')), 'English');
  t.same(practice.$('dl.meta a.tag-country').map((_, el) => practice.$(el).text()).get(), ['Belize', 'Guatemala']);
  // The content keeps its own language, whatever the interface language.
  t.equal(practice.$('h1').attr('lang'), 'en');
  const esPractice = await get('/practices/pa-crisol-de-razas', { cookie: 'lang=en' });
  t.equal(esPractice.$('h1').attr('lang'), 'es');
  t.equal(esPractice.$('html').attr('lang'), 'en');
});

t.test('plurals follow the catalog in both languages', async (t) => {
  // Colombia has exactly one practice.
  const coEs = await get('/countries/co');
  t.match(squash(coEs.$('p.lead').text()), /^1 práctica · América del Sur/);
  const coEn = await get('/countries/co?lang=en');
  t.match(squash(coEn.$('p.lead').text()), /^1 practice · /);
  const home = await get('/?lang=en');
  t.equal(home.$('li.pillar-emergencies-crises .count-line').text(), '7 practices');
});

// ---------------------------------------------------------------- catalogs

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Catalog, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Catalog, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}
const baseKeys = (c: Catalog) => new Set([...flatten(c).keys()].map((k) => k.replace(PLURAL, '')));

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

t.test('catalogs es, en and fr have the same keys', async (t) => {
  const keys = { es: baseKeys(es), en: baseKeys(en), fr: baseKeys(fr) };
  t.ok(keys.es.size > 50, `es has ${keys.es.size} keys`);
  for (const lang of ['en', 'fr'] as const) {
    t.same([...keys[lang]].filter((k) => !keys.es.has(k)).sort(), [], `no key in ${lang} missing from es`);
    t.same([...keys.es].filter((k) => !keys[lang].has(k)).sort(), [], `no key in es missing from ${lang}`);
  }
  // Every value is a string (no arrays, numbers or nulls that i18next would mishandle).
  for (const [lang, c] of Object.entries({ es, en, fr })) {
    for (const [k, v] of flatten(c)) if (typeof v !== 'string') t.fail(`${lang}: ${k} is not a string`);
  }
  // es and en are complete: no empty strings (fr is filled in as translations arrive).
  for (const [lang, c] of Object.entries({ es, en })) {
    t.same([...flatten(c)].filter(([, v]) => v === '').map(([k]) => k), [], `${lang} has no empty strings`);
  }
});

t.test('plural keys have every CLDR category of their language', async (t) => {
  for (const [lang, c] of Object.entries({ es, en, fr })) {
    const flat = flatten(c);
    const bases = new Set([...flat.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    t.ok(bases.size >= 3, `${lang}: plural keys found`);
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const base of bases) {
      for (const cat of categories) t.ok(flat.has(`${base}_${cat}`), `${lang}: ${base}_${cat}`);
      t.notOk(flat.has(base), `${lang}: ${base} is not also a plain key`);
    }
  }
});

t.test('every key used by the templates and the web layer exists in es and en', async (t) => {
  const exists = (c: Catalog, key: string) => {
    const flat = flatten(c);
    return flat.has(key) || (flat.has(`${key}_one`) && flat.has(`${key}_other`));
  };
  const used = new Map<string, string>();
  const templates = walk(VIEWS_DIR, '.hbs');
  t.ok(templates.length >= 15, `${templates.length} templates`);
  for (const file of templates) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/[{(]t\s+["']([^"']+)["']/g)) used.set(m[1]!, relative(VIEWS_DIR, file));
  }
  const srcWeb = join(VIEWS_DIR, '..', 'src', 'web');
  for (const file of walk(srcWeb, '.ts')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.set(m[1]!, relative(srcWeb, file));
  }
  t.ok(used.size >= 60, `${used.size} keys used`);
  t.ok(used.has('count.practices') && used.has('countries.mapTitle') && used.has('home.title'), 'the scan sees helper calls, subexpressions and code');
  for (const [key, where] of used) {
    t.ok(exists(es, key), `es: ${key} (${where})`);
    t.ok(exists(en, key), `en: ${key} (${where})`);
  }
});
