import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { LOCALES_DIR } from '../../../src/paths.js';
import { buildTestApp } from '../../helpers/build-app.js';
import { VALID } from '../../helpers/fixtures.js';
import { html, squash } from '../../helpers/corpus.js';

/**
 * The contribution forms, the upload, the receipt, the tracking page and the JSON API through `inject`:
 * every validation path, values echoed back, CSRF, honeypot, limits (413, 429), and XSS payloads.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Catalog = Record<string, unknown>;
const catalog = (lang: string) => JSON.parse(readFileSync(join(LOCALES_DIR, `${lang}.json`), 'utf8')) as Catalog;
const es = catalog('es');
const en = catalog('en');
/** A catalog string by dotted key, with `{{param}}` filled in. */
const msg = (c: Catalog, key: string, params: Record<string, string | number> = {}) =>
  String(key.split('.').reduce<unknown>((o, k) => (o as Catalog)[k], c)).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

const app = await buildTestApp(t, { env: { SUBMISSION_RATE_LIMIT: '1000' } });


/** A valid Markdown upload (import format with an alliance block). */
const UPLOAD_OK = `---
title: "Subido desde un archivo"
summary: "Resumen del archivo."
countries: [CR, NI]
pillars: [migration-management]
partners: [OIM]
kind: bilateral-alliance
year: 2020
language: es
sources: ["https://example.org/convenio"]
alliance:
  parties:
    - { country: CR, role: destination }
    - { country: NI, role: origin }
  instrument: bilateral-agreement
  signed_on: 2020-02-14
  status: in-force
---

## Contexto

Texto del archivo.
`;

type Fields = Array<[string, string]>;
const FORM = 'application/x-www-form-urlencoded';

/** A session: the cookies a browser keeps (CSRF secret, receipt, language). */
class Browser {
  cookies = new Map<string, string>();
  constructor(readonly app: App) {}
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  async get(url: string, headers: Record<string, string> = {}) {
    const res = this.keep(await this.app.inject({ url, headers: { cookie: this.header(), ...headers } }));
    return { res, $: html(res.body) };
  }
  /** GETs a form page and returns its CSRF token (hidden `_csrf`). */
  async form(url: string, headers: Record<string, string> = {}) {
    const page = await this.get(url, headers);
    const csrf = page.$('input[name="_csrf"]').val() as string;
    return { ...page, csrf };
  }
  async post(url: string, fields: Fields, headers: Record<string, string> = {}) {
    const payload = new URLSearchParams(fields).toString();
    const res = this.keep(await this.app.inject({ method: 'POST', url, payload, headers: { 'content-type': FORM, cookie: this.header(), ...headers } }));
    return { res, $: html(res.body) };
  }
  async upload(url: string, fields: Fields, file: { name: string; content: string | Buffer } | null, headers: Record<string, string> = {}) {
    const boundary = '----puente' + Math.random().toString(16).slice(2);
    const parts: Buffer[] = [];
    for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    if (file) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/markdown\r\n\r\n`));
      parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = this.keep(
      await this.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.header(), ...headers } }),
    );
    return { res, $: html(res.body) };
  }
  /** Follows a 303 to the receipt and returns the tracking path shown there. */
  async receipt(res: LightMyRequestResponse): Promise<string> {
    if (res.statusCode !== 303 || res.headers.location !== '/contribute/thanks') throw new Error(`expected a redirect to the receipt, got ${res.statusCode}: ${res.body.slice(0, 3000)}`);
    const { $ } = await this.get('/contribute/thanks');
    return $('.tracking-link a').attr('href')!;
  }
}

const CONTRIBUTOR: Fields = [
  ['contributor[name]', 'Ana Pérez'],
  ['contributor[organisation]', 'Ministerio de Trabajo'],
  ['contributor[email]', 'ana@example.org'],
  ['contributor[focal_point]', 'Luis, luis@example.org'],
  ['contributor[consent]', 'yes'],
];
const practiceFields = (csrf: string, over: Record<string, string | string[]> = {}): Fields => {
  const base: Record<string, string | string[]> = {
    _csrf: csrf,
    action: 'submit',
    website: '',
    title: 'Ventanilla única de empleo para personas retornadas',
    summary: 'Un punto de atención para personas retornadas.',
    countries: ['GT'],
    pillars: ['migration-management'],
    partners: ['IOM'],
    other_partners: '',
    kind: 'practice',
    year: '2022',
    language: 'es',
    sources: 'https://example.org/informe',
    body: '## Contexto\n\nTexto.\n\n## Resultados\n\nMás texto.',
    ...over,
  };
  const out: Fields = [];
  for (const [k, v] of Object.entries(base)) for (const x of Array.isArray(v) ? v : [v]) out.push([k, x]);
  return [...out, ...CONTRIBUTOR.filter(([k]) => !(k in over))];
};
/** The alliance form as a browser sends it: four party rows, both selects of each (empty rows included). */
const allianceFields = (csrf: string, over: Record<string, string | string[]> = {}, rows: Array<[string, string]> = [['GT', 'origin'], ['MX', 'destination'], ['', ''], ['', '']]): Fields => {
  const fields = practiceFields(csrf, { title: 'Mesa binacional Guatemala–México', countries: [], pillars: ['dialogue-partnerships'], partners: ['ILO'], instrument: 'mou', signed_on: '2021-03', started_on: '', ended_on: '', status: 'in-force', ...over }).filter(([k]) => k !== 'kind');
  rows.forEach(([country, role], i) => fields.push([`parties[${i}][country]`, country], [`parties[${i}][role]`, role]));
  return fields;
};
const without = (fields: Fields, ...names: string[]) => fields.filter(([k]) => !names.includes(k));

/** The id an error-summary link points to exists, and the field's message is next to it. */
function checkErrorLinks(t: Test, $: ReturnType<typeof html>) {
  const links = $('.error-summary a').map((_, a) => $(a).attr('href')!).get();
  t.ok(links.length > 0, 'error summary lists problems');
  for (const href of links) t.equal($(href).length, 1, `${href} exists`);
}
/** The message next to a field: its `aria-describedby` names the error element. */
function fieldError($: ReturnType<typeof html>, id: string): string | null {
  const el = $(`#${id}`);
  const errorId = `${id}-error`;
  if (!$(`#${errorId}`).length) return null;
  const described = (el.attr('aria-describedby') ?? '').split(' ');
  if (!described.includes(errorId)) throw new Error(`#${id} does not reference #${errorId} (aria-describedby="${el.attr('aria-describedby')}")`);
  return squash($(`#${errorId}`).text()).replace(/^(Error:)\s*/, '');
}
const count = () => app.services.practices.count({});
const checkedValues = ($: ReturnType<typeof html>, name: string) => $(`input[type=checkbox][name="${name}"]:checked`).map((_, e) => $(e).val() as string).get();

// ---------------------------------------------------------------------------------------- pages

t.test('GET /contribute: the guide and three choices, es and en', async (t) => {
  const b = new Browser(app);
  const { res, $ } = await b.get('/contribute');
  t.equal(res.statusCode, 200);
  t.equal(squash($('h1').text()), msg(es, 'contribute.title'));
  t.same($('.choice-list a').map((_, a) => $(a).attr('href')).get(), ['/contribute/practice', '/contribute/alliance', '/contribute/upload']);
  t.equal($('.guide-list li').length, 5, 'concrete, results, lessons, sources, contact');
  t.equal($('nav.site-nav a[aria-current="page"]').attr('href'), '/contribute');
  const enPage = await b.get('/contribute?lang=en');
  t.equal(squash(enPage.$('h1').text()), 'Contribute');
  t.equal(squash(enPage.$('.choice-list a').eq(1).text()), 'Share a bilateral-alliance case study');
});

t.test('the practice form: every field, the guide headings, CSRF token, honeypot, preview script', async (t) => {
  const b = new Browser(app);
  const { res, $, csrf } = await b.form('/contribute/practice');
  t.equal(res.statusCode, 200);
  const form = $('form.contribution-form');
  t.equal(form.attr('method'), 'post');
  t.equal(form.attr('action'), '/contribute/practice');
  t.match(csrf, /^[\w-]{20,}$/, 'hidden _csrf');
  t.equal(form.attr('data-csrf'), csrf, 'the same token for the live preview');
  const cookie = res.cookies.find((c) => c.name === '_csrf')!;
  t.ok(cookie, 'CSRF secret cookie');
  t.equal(cookie.httpOnly, true);
  t.equal(cookie.sameSite, 'Lax');
  t.match(cookie.value, /\./, 'signed');
  for (const name of ['title', 'year', 'contributor[name]', 'contributor[organisation]', 'contributor[focal_point]']) t.equal($(`input[name="${name}"]`).length, 1, name);
  t.equal($('input[name="contributor[email]"]').attr('type'), 'email');
  for (const name of ['summary', 'other_partners', 'sources', 'body']) t.equal($(`textarea[name="${name}"]`).length, 1, name);
  t.equal($('#f-countries input[type=checkbox][name=countries]').length, 21, 'programme countries as checkboxes');
  t.ok($('select[name=countries][multiple] option').length > 200, 'every other country in a list');
  t.equal($('select[name=countries] option[value=GT]').length, 0, 'programme countries only once');
  t.equal($('input[type=checkbox][name=pillars]').length, 4);
  const reviewed = app.services.partners.list().filter((p) => p.reviewed).length;
  t.equal($('input[type=checkbox][name=partners]').length, reviewed, 'every reviewed registry partner');
  t.ok($('#f-partners details.partner-group summary').length >= 4, 'partners grouped by type');
  t.same($('select[name=kind] option').map((_, o) => $(o).val()).get(), ['', 'practice', 'lesson-learned', 'tool']);
  t.same($('select[name=language] option').map((_, o) => $(o).val()).get(), ['', 'es', 'en', 'fr']);
  t.equal($('select[name=language] option[selected]').val(), 'es', 'language defaults to the reader’s');
  t.same(
    $('textarea[name=body]').text().split('\n').filter((l) => l.startsWith('## ')),
    ['## Contexto', '## Qué se hizo', '## Resultados', '## Lecciones'],
    'body pre-filled with the guide headings',
  );
  t.equal($('input[type=checkbox][name="contributor[consent]"]').length, 1);
  const hp = $('input[name=website]');
  t.equal(hp.attr('autocomplete'), 'off');
  t.equal(hp.attr('tabindex'), '-1');
  t.equal(hp.closest('.hp').attr('aria-hidden'), 'true', 'honeypot hidden');
  t.same($('button[name=action]').map((_, e) => $(e).val()).get(), ['preview', 'submit']);
  t.same($('script[src]').map((_, e) => $(e).attr('src')).get(), ['/assets/preview.js']);
  t.equal($('script:not([src])').length, 0, 'no inline script');
  t.equal($('select[name="parties[0][country]"]').length, 0, 'no alliance block');
  const js = await app.inject('/assets/preview.js');
  t.equal(js.statusCode, 200);
  t.match(js.headers['content-type'], /javascript/);

  const enForm = await b.form('/contribute/practice', { 'accept-language': 'en' });
  t.same(enForm.$('textarea[name=body]').text().split('\n').filter((l) => l.startsWith('## ')), ['## Context', '## What was done', '## Results', '## Lessons'], 'English headings');
  t.equal(enForm.$('select[name=language] option[selected]').val(), 'en');
});

t.test('the alliance form: parties rows, instrument, dates, status; kind fixed', async (t) => {
  const b = new Browser(app);
  const { $ } = await b.form('/contribute/alliance');
  t.equal($('form.contribution-form').attr('action'), '/contribute/alliance');
  t.equal($('select[name=kind]').length, 0, 'no kind choice');
  t.equal($('.party-row').length, 4, 'four party rows');
  for (let i = 0; i < 4; i++) {
    t.ok($(`select[name="parties[${i}][country]"] option[value=GT]`).length, `row ${i} country`);
    t.same($(`select[name="parties[${i}][role]"] option`).map((_, o) => $(o).val()).get(), ['', 'origin', 'transit', 'destination', 'host', 'partner']);
  }
  t.same($('select[name=instrument] option').map((_, o) => $(o).val()).get(), ['', 'mou', 'bilateral-agreement', 'protocol', 'joint-action-plan', 'binational-commission', 'pilot-programme', 'other']);
  t.same($('select[name=status] option').map((_, o) => $(o).val()).get(), ['', 'in-force', 'concluded', 'under-negotiation', 'suspended']);
  for (const d of ['signed_on', 'started_on', 'ended_on']) {
    t.equal($(`input[name=${d}]`).attr('type'), 'text', d);
    t.match(squash($(`#${$(`input[name=${d}]`).attr('aria-describedby')}`).text()), /AAAA, AAAA-MM o AAAA-MM-DD/, `${d} hint`);
  }
  t.same($('textarea[name=body]').text().split('\n').filter((l) => l.startsWith('## ')), ['## Contexto', '## Qué se acordó', '## Resultados', '## Lecciones']);
  const enForm = await b.form('/contribute/alliance?lang=en');
  t.ok(enForm.$('textarea[name=body]').text().includes('## What was agreed'));
});

// ---------------------------------------------------------------------------------------- validation

t.test('an empty practice form: every required field is reported, in Spanish, linked and next to its field', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const before = count();
  const { res, $ } = await b.post('/contribute/practice', [['_csrf', csrf], ['action', 'submit'], ['body', '']]);
  t.equal(res.statusCode, 400);
  t.match(res.headers['content-type'], /text\/html/);
  t.equal(count(), before, 'nothing stored');
  t.equal(squash($('.error-summary h2').text()), msg(es, 'contribute.errors.summaryTitle'));
  checkErrorLinks(t, $);
  const expected: Array<[string, string]> = [
    ['f-title', msg(es, 'validation.empty')],
    ['f-summary', msg(es, 'validation.empty')],
    ['f-countries', msg(es, 'validation.needCountry')],
    ['f-pillars', msg(es, 'validation.needPillar')],
    ['f-kind', msg(es, 'contribute.errors.chooseOne')],
    ['f-year', msg(es, 'validation.year')],
    ['f-language', msg(es, 'contribute.errors.chooseOne')],
    ['f-body', msg(es, 'validation.empty')],
    ['f-contributor-name', msg(es, 'validation.required')],
    ['f-contributor-organisation', msg(es, 'validation.required')],
    ['f-contributor-email', msg(es, 'validation.email')],
    ['f-contributor-consent', msg(es, 'validation.consent')],
  ];
  for (const [id, message] of expected) t.equal(fieldError($, id), message, id);
  for (const id of ['f-title', 'f-summary', 'f-kind', 'f-year', 'f-language', 'f-body', 'f-contributor-email', 'f-contributor-consent']) {
    t.equal($(`#${id}`).attr('aria-invalid'), 'true', `${id} aria-invalid`);
  }
  t.equal($('#f-other_partners').attr('aria-invalid'), undefined, 'valid fields are not marked');
  t.equal($('.error-summary li').length, expected.length, 'one summary line per problem');
  t.match(squash($('.error-summary').text()), `${msg(es, 'contribute.fields.title')}: ${msg(es, 'validation.empty')}`);
});

t.test('messages follow the reader: ?lang=en and Accept-Language', async (t) => {
  for (const [how, headers, url] of [
    ['?lang=en', {}, '/contribute/practice?lang=en'],
    ['Accept-Language', { 'accept-language': 'en-GB,en;q=0.9' }, '/contribute/practice'],
  ] as const) {
    const b = new Browser(app);
    const { csrf } = await b.form(url, headers);
    const { res, $ } = await b.post(url, [['_csrf', csrf], ['title', ''], ['contributor[email]', 'nope']], headers);
    t.equal(res.statusCode, 400, how);
    t.equal($('html').attr('lang'), 'en', how);
    t.equal(squash($('.error-summary h2').text()), 'There are problems with your contribution', how);
    t.equal(fieldError($, 'f-title'), 'must not be empty', how);
    t.equal(fieldError($, 'f-contributor-email'), 'must be an e-mail address such as ana@example.org', how);
    t.equal(fieldError($, 'f-countries'), 'needs at least one country', how);
  }
});

t.test('every field’s own rules', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const cases: Array<[string, Record<string, string | string[]>, string, string]> = [
    ['title too long', { title: 'x'.repeat(301) }, 'f-title', msg(es, 'validation.tooLong', { max: 300 })],
    ['summary too long', { summary: 'x'.repeat(2001) }, 'f-summary', msg(es, 'validation.tooLong', { max: 2000 })],
    ['unknown country', { countries: ['GT', 'XX'] }, 'f-countries', msg(es, 'validation.countryCode', { value: 'XX' })],
    ['repeated country', { countries: ['GT', 'GT'] }, 'f-countries', msg(es, 'validation.repeats', { value: 'GT' })],
    ['unknown pillar', { pillars: ['nope'] }, 'f-pillars', msg(es, 'contribute.errors.chooseOne')],
    ['unknown partner', { partners: ['IOM', 'NOPE'] }, 'f-partners', msg(es, 'validation.unknownPartner', { value: 'NOPE' })],
    ['kind of another form', { kind: 'bilateral-alliance' }, 'f-kind', msg(es, 'contribute.errors.chooseOne')],
    ['year not a number', { year: 'dos mil' }, 'f-year', msg(es, 'validation.year')],
    ['year too early', { year: '1800' }, 'f-year', msg(es, 'validation.yearMin', { min: 1950 })],
    ['year too late', { year: '2999' }, 'f-year', msg(es, 'validation.yearMax', { max: new Date().getUTCFullYear() + 1 })],
    ['unknown language', { language: 'de' }, 'f-language', msg(es, 'contribute.errors.chooseOne')],
    ['bad source on line 2', { sources: 'https://example.org/a\nftp://example.org/b' }, 'f-sources', msg(es, 'contribute.errors.line', { n: 2, message: msg(es, 'validation.httpUrl') })],
    ['body too long', { body: 'x'.repeat(101 * 1024) }, 'f-body', msg(es, 'validation.bodyTooLong', { max: 100 })],
    ['other partners too long', { other_partners: 'x'.repeat(2001) }, 'f-other_partners', msg(es, 'validation.tooLong', { max: 2000 })],
    ['e-mail', { 'contributor[email]': 'ana@' }, 'f-contributor-email', msg(es, 'validation.email')],
    ['no consent', { 'contributor[consent]': '' }, 'f-contributor-consent', msg(es, 'validation.consent')],
  ];
  const before = count();
  for (const [name, over, id, message] of cases) {
    const { res, $ } = await b.post('/contribute/practice', practiceFields(csrf, over));
    t.equal(res.statusCode, 400, name);
    t.equal(fieldError($, id), message, name);
    t.equal($('.error-summary li').length, 1, `${name}: the only problem`);
    checkErrorLinks(t, $);
  }
  t.equal(count(), before, 'nothing stored');
});

t.test('alliance rules: parties, instrument, status, dates', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/alliance');
  const cases: Array<[string, Fields, Array<[string, string]>]> = [
    ['one party', allianceFields(csrf, {}, [['GT', 'origin'], ['', ''], ['', ''], ['', '']]), [['f-parties', msg(es, 'validation.needTwoParties')]]],
    ['no party', allianceFields(csrf, { countries: ['GT'] }, [['', ''], ['', ''], ['', ''], ['', '']]), [['f-parties', msg(es, 'validation.needTwoParties')]]],
    // Row 2 is empty and ignored: the third row is the alliance's second party, reported on row 3.
    ['duplicate party in row 3', allianceFields(csrf, {}, [['GT', 'origin'], ['', ''], ['GT', 'destination'], ['', '']]), [['f-parties-2-country', msg(es, 'validation.duplicateParty', { value: 'GT' })]]],
    ['role missing in row 4', allianceFields(csrf, {}, [['GT', 'origin'], ['MX', 'destination'], ['', ''], ['HN', '']]), [['f-parties-3-role', msg(es, 'contribute.errors.chooseOne')]]],
    ['country missing in row 2', allianceFields(csrf, {}, [['GT', 'origin'], ['', 'transit'], ['MX', 'destination'], ['', '']]), [['f-parties-1-country', msg(es, 'validation.chooseCountry')]]],
    ['instrument and status missing', allianceFields(csrf, { instrument: '', status: '' }), [['f-instrument', msg(es, 'contribute.errors.chooseOne')], ['f-status', msg(es, 'contribute.errors.chooseOne')]]],
    ['bad date', allianceFields(csrf, { signed_on: '2021-13' }), [['f-signed_on', msg(es, 'validation.partialDate')]]],
    ['impossible date', allianceFields(csrf, { signed_on: '', started_on: '2021-02-30' }), [['f-started_on', msg(es, 'validation.partialDate')]]],
    ['no start', allianceFields(csrf, { signed_on: '' }), [['f-signed_on', msg(es, 'validation.needStart')]]],
    ['ends before it starts', allianceFields(csrf, { ended_on: '2020' }), [['f-ended_on', msg(es, 'validation.endBeforeStart')]]],
  ];
  const before = count();
  for (const [name, fields, expected] of cases) {
    const { res, $ } = await b.post('/contribute/alliance', fields);
    t.equal(res.statusCode, 400, name);
    for (const [id, message] of expected) t.equal(fieldError($, id), message, `${name}: ${id}`);
    t.equal($('.error-summary li').length, expected.length, `${name}: only these problems`);
    checkErrorLinks(t, $);
  }
  t.equal(count(), before, 'nothing stored');
  const party = await b.post('/contribute/alliance', allianceFields(csrf, {}, [['GT', 'origin'], ['', ''], ['', 'transit'], ['', '']]));
  t.match(squash(party.$('.error-summary').text()), `${msg(es, 'contribute.fields.partyCountry', { n: 3 })}: ${msg(es, 'validation.chooseCountry')}`, 'the summary names the row');
});

// ---------------------------------------------------------------------------------------- echo

t.test('a rejected form re-renders everything typed: texts, selects, one and several checked boxes', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const typed = {
    title: 'Título con "comillas" & <marcas>',
    summary: 'Línea uno\nLínea dos',
    countries: ['GT', 'MX', 'ES'],
    pillars: ['migration-management', 'emergencies-crises'],
    partners: ['IOM', 'ILO', 'RCM'],
    other_partners: 'Red de Albergues, Pastoral',
    kind: 'tool',
    year: '20x1',
    language: 'en',
    sources: 'https://example.org/a\nhttps://example.org/b',
    body: '## Contexto\n\nCon <b>etiquetas</b> & “comillas”.\n',
    'contributor[name]': 'Ana "Nena" Pérez',
    'contributor[organisation]': 'INM & OIM',
    'contributor[email]': 'ana@example.org',
    'contributor[focal_point]': 'Luis <luis@example.org>',
    'contributor[consent]': 'yes',
  };
  const { res, $ } = await b.post('/contribute/practice', practiceFields(csrf, typed));
  t.equal(res.statusCode, 400, 'the year is wrong');
  t.equal(fieldError($, 'f-year'), msg(es, 'validation.year'));
  t.equal($('input[name=title]').val(), typed.title);
  t.equal($('textarea[name=summary]').text(), typed.summary);
  t.same(checkedValues($, 'countries').sort(), ['GT', 'MX'], 'several programme countries checked');
  t.same($('select[name=countries] option[selected]').map((_, o) => $(o).val()).get(), ['ES'], 'other country selected');
  t.same(checkedValues($, 'pillars'), typed.pillars, 'several pillars');
  t.same(checkedValues($, 'partners').sort(), ['ILO', 'IOM', 'RCM'], 'several partners');
  t.equal($('textarea[name=other_partners]').text(), typed.other_partners);
  t.equal($('select[name=kind] option[selected]').val(), 'tool');
  t.equal($('input[name=year]').val(), '20x1');
  t.equal($('select[name=language] option[selected]').val(), 'en');
  t.equal($('textarea[name=sources]').text(), typed.sources);
  t.equal($('textarea[name=body]').text(), typed.body);
  t.equal($('input[name="contributor[name]"]').val(), typed['contributor[name]']);
  t.equal($('input[name="contributor[organisation]"]').val(), typed['contributor[organisation]']);
  t.equal($('input[name="contributor[email]"]').val(), typed['contributor[email]']);
  t.equal($('input[name="contributor[focal_point]"]').val(), typed['contributor[focal_point]']);
  t.ok($('input[name="contributor[consent]"]').is(':checked'), 'consent stays checked');
  t.equal($('input[name=website]').val(), '', 'the honeypot is never echoed');
  t.equal($('input[name=_csrf]').val(), $('form.contribution-form').attr('data-csrf'), 'a token for the next try');

  // One checked box arrives as a string and must count as a one-element list (no "must be a list" error).
  const one = await b.post('/contribute/practice', practiceFields(csrf, { countries: 'HN', pillars: 'dialogue-partnerships', partners: 'UNHCR', year: '' }));
  t.equal(one.res.statusCode, 400);
  t.same(checkedValues(one.$, 'countries'), ['HN'], 'one country checked');
  t.same(checkedValues(one.$, 'pillars'), ['dialogue-partnerships'], 'one pillar checked');
  t.same(checkedValues(one.$, 'partners'), ['UNHCR'], 'one partner checked');
  t.equal(one.$('.error-summary li').length, 1, 'only the year: single values are lists');
  t.ok(one.$('input[name="contributor[consent]"]').is(':checked'), 'consent still checked');
  const unchecked = await b.post('/contribute/practice', without(practiceFields(csrf, { year: '' }), 'contributor[consent]'));
  t.notOk(unchecked.$('input[name="contributor[consent]"]').is(':checked'), 'an unchecked box stays unchecked');
});

t.test('a rejected alliance form keeps its party rows, instrument, status and dates', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/alliance');
  const rows: Array<[string, string]> = [['GT', 'origin'], ['', ''], ['MX', 'destination'], ['US', 'host']];
  const { res, $ } = await b.post('/contribute/alliance', allianceFields(csrf, { instrument: 'protocol', status: 'concluded', signed_on: '2019-07-15', started_on: '2019-08', ended_on: '2018', countries: ['HN'] }, rows));
  t.equal(res.statusCode, 400);
  t.equal(fieldError($, 'f-ended_on'), msg(es, 'validation.endBeforeStart'));
  rows.forEach(([country, role], i) => {
    t.equal($(`select[name="parties[${i}][country]"] option[selected]`).val() ?? '', country, `row ${i + 1} country`);
    t.equal($(`select[name="parties[${i}][role]"] option[selected]`).val() ?? '', role, `row ${i + 1} role`);
  });
  t.equal($('select[name=instrument] option[selected]').val(), 'protocol');
  t.equal($('select[name=status] option[selected]').val(), 'concluded');
  t.equal($('input[name=signed_on]').val(), '2019-07-15');
  t.equal($('input[name=started_on]').val(), '2019-08');
  t.equal($('input[name=ended_on]').val(), '2018');
  t.same(checkedValues($, 'countries'), ['HN'], 'only the countries the person ticked (parties are added on submit)');
});

// ---------------------------------------------------------------------------------------- submit, receipt, tracking

t.test('a valid alliance: 303 to the receipt, tracking link, stored as submitted with the parties', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/alliance');
  const before = count();
  const { res } = await b.post('/contribute/alliance', allianceFields(csrf, { countries: ['HN'] }));
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/contribute/thanks', 'the token is not in the URL');
  const receiptCookie = res.cookies.find((c) => c.name === 'puente_receipt')!;
  t.equal(receiptCookie.httpOnly, true);
  t.equal(receiptCookie.path, '/contribute/thanks');
  t.equal(count(), before + 1);
  const thanks = await b.get('/contribute/thanks');
  t.equal(thanks.res.statusCode, 200);
  t.equal(thanks.res.headers['referrer-policy'], 'no-referrer');
  t.equal(thanks.res.headers['cache-control'], 'no-store');
  t.equal(thanks.$('meta[name=robots]').attr('content'), 'noindex');
  t.equal(squash(thanks.$('h1').text()), msg(es, 'contribute.thanks.title'));
  t.match(squash(thanks.$('.tracking-box').text()), msg(es, 'contribute.thanks.keep'));
  const path = thanks.$('.tracking-link a').attr('href')!;
  t.match(path, /^\/submissions\/[A-Za-z0-9_-]{43}$/);
  t.equal(thanks.$('#tracking-copy').val(), `http://localhost:80${path}`);
  const token = path.split('/').pop()!;
  const found = app.services.submissions.findByToken(token)!;
  t.equal(found.practice.status, 'submitted');
  t.equal(found.practice.kind, 'bilateral-alliance');
  t.same(found.practice.countries, ['HN', 'GT', 'MX'], 'party countries added to the ticked ones');
  t.same(found.practice.alliance?.parties, [{ country: 'GT', role: 'origin' }, { country: 'MX', role: 'destination' }]);
  t.equal(found.submission.channel, 'form');
  t.equal(found.submission.contributor.focalPoint, 'Luis, luis@example.org');

  const { res: tr, $ } = await b.get(path);
  t.equal(tr.statusCode, 200);
  t.equal(tr.headers['referrer-policy'], 'no-referrer');
  t.equal(tr.headers['cache-control'], 'no-store');
  t.equal($('meta[name=robots]').attr('content'), 'noindex');
  t.equal(squash($('.status-badge').text()), msg(es, 'submission.status.submitted'));
  t.equal(squash($('.record-title').text()), 'Mesa binacional Guatemala–México');
  t.equal($('.record .alliance-diagram').length, 1, 'parties diagram');
  t.same($('.record .alliance-diagram a.party').map((_, a) => $(a).attr('data-code')).get(), ['GT', 'MX']);
  t.equal($('.record .practice-body h2').first().text(), 'Contexto');
  t.match(squash($('.contributor').text()), 'Ana Pérez · Ministerio de Trabajo');
  t.notMatch(tr.body, /ana@example\.org/, 'the e-mail is never shown');
  t.notMatch(tr.body, /luis@example\.org/, 'nor the focal point');
  t.equal($('form.contribution-form').length, 0, 'no revision form while submitted');
  t.equal(squash($('.feedback .empty').text()), msg(es, 'submission.noFeedback'));

  const again = await new Browser(app).get('/contribute/thanks');
  t.equal(again.res.statusCode, 303, 'no receipt without the cookie');
  const forged = await new Browser(app).get('/contribute/thanks', { cookie: `puente_receipt=${token}` });
  t.equal(forged.res.statusCode, 303, 'an unsigned receipt cookie is ignored');
});

t.test('a valid practice with one country and one pillar', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const path = await b.receipt((await b.post('/contribute/practice', practiceFields(csrf, { title: 'Una casilla' }))).res);
  const found = app.services.submissions.findByToken(path.split('/').pop()!)!;
  t.same(found.practice.countries, ['GT']);
  t.same(found.practice.pillars, ['migration-management']);
  t.same(found.practice.partners, ['IOM']);
  t.same(found.practice.sources, ['https://example.org/informe']);
  t.equal(found.practice.alliance, null);
});

t.test('tracking tokens: valid, wrong, malformed -> 404; statuses and feedback localized', async (t) => {
  const b = new Browser(app);
  const r = app.services.submissions.submit({ ...VALID, title: 'Para seguimiento' }, 'api');
  if (!r.ok) throw new Error('submit failed');
  const wrong = r.token.slice(0, -1) + (r.token.endsWith('A') ? 'B' : 'A');
  for (const url of [`/submissions/${wrong}`, '/submissions/x', `/submissions/${'a'.repeat(300)}`, '/submissions/%20', `/submissions/${r.token}x`]) {
    const { res, $ } = await b.get(url);
    t.equal(res.statusCode, 404, url.slice(0, 60));
    t.equal(squash($('h1').text()), msg(es, 'errors.notFound.title'));
  }
  const statuses = [
    ['in-review', 'inReview'],
    ['changes-requested', 'changesRequested'],
    ['published', 'published'],
    ['rejected', 'rejected'],
    ['archived', 'archived'],
    ['submitted', 'submitted'],
  ] as const;
  for (const [status, key] of statuses) {
    app.services.practices.upsert({ ...app.services.practices.findById(r.practice.id)!, status });
    const esPage = await b.get(`/submissions/${r.token}`);
    t.equal(squash(esPage.$('.status-badge').text()), msg(es, `submission.status.${key}`), `${status} es`);
    t.equal(squash(esPage.$('.status-panel > p').last().text()), msg(es, `submission.statusHelp.${key}`));
    const enPage = await b.get(`/submissions/${r.token}`, { 'accept-language': 'en' });
    t.equal(squash(enPage.$('.status-badge').text()), msg(en, `submission.status.${key}`), `${status} en`);
    t.equal(esPage.$('form.contribution-form').length, status === 'changes-requested' ? 1 : 0, `${status}: revision form only while changes are requested`);
  }
  app.services.submissionStore.setFeedback(r.practice.id, 'Añadan cifras.\nY una fuente.');
  const { $ } = await b.get(`/submissions/${r.token}`);
  t.equal($('.feedback-text').text(), 'Añadan cifras.\nY una fuente.');
});

t.test('revising: only while changes are requested, same validation, values kept', async (t) => {
  const b = new Browser(app);
  const r = app.services.submissions.submit({ ...VALID, title: 'Para revisar' }, 'api');
  if (!r.ok) throw new Error('submit failed');
  const url = `/submissions/${r.token}`;
  // While submitted: no form, and a POST changes nothing.
  const page = await b.get(url);
  t.equal(page.$('form.contribution-form').length, 0);
  const { csrf } = await b.form('/contribute/alliance');
  const early = await b.post(url, allianceFields(csrf, { title: 'Cambiado antes de tiempo' }));
  t.equal(early.res.statusCode, 303);
  t.equal(early.res.headers.location, url);
  t.equal(app.services.practices.findById(r.practice.id)!.title, 'Para revisar', 'unchanged');

  app.services.practices.upsert({ ...app.services.practices.findById(r.practice.id)!, status: 'changes-requested' });
  app.services.submissionStore.setFeedback(r.practice.id, 'Falta la fecha de fin.');
  const form = await b.form(url);
  t.equal(squash(form.$('.feedback-text').text()), 'Falta la fecha de fin.');
  const f = form.$('form.contribution-form');
  t.equal(f.attr('action'), url);
  t.equal(form.$('input[name=title]').val(), 'Para revisar', 'pre-filled');
  t.same(checkedValues(form.$, 'countries'), ['GT', 'MX']);
  t.same(checkedValues(form.$, 'partners').sort(), ['ILO', 'IOM']);
  t.equal(form.$('select[name="parties[0][country]"] option[selected]').val(), 'GT');
  t.equal(form.$('select[name="parties[1][role]"] option[selected]').val(), 'destination');
  t.equal(form.$('select[name=instrument] option[selected]').val(), 'mou');
  t.equal(form.$('input[name=signed_on]').val(), '2021-03');
  t.equal(form.$('textarea[name=body]').text(), VALID.body);
  t.equal(form.$('textarea[name=other_partners]').text(), 'Asociación de Jornaleros, Red X');
  t.equal(form.$('input[name="contributor[email]"]').length, 0, 'no contributor block (and never the e-mail)');
  t.notMatch(form.res.body, /ana@example\.org/);

  const noCsrf = await b.post(url, without(allianceFields(form.csrf, { title: 'Sin token' }), '_csrf'));
  t.equal(noCsrf.res.statusCode, 403, 'CSRF on revisions too');

  const revision = (over: Record<string, string | string[]> = {}) =>
    without(allianceFields(form.csrf, { title: 'Revisada', ended_on: '2024', ...over }), ...CONTRIBUTOR.map(([k]) => k));
  const bad = await b.post(url, revision({ year: '1800', title: 'Revisada mal' }));
  t.equal(bad.res.statusCode, 400);
  t.equal(fieldError(bad.$, 'f-year'), msg(es, 'validation.yearMin', { min: 1950 }));
  t.equal(bad.$('input[name=title]').val(), 'Revisada mal', 'typed values kept');
  t.equal(bad.$('input[name=ended_on]').val(), '2024');
  t.equal(app.services.practices.findById(r.practice.id)!.title, 'Para revisar', 'not saved');

  const preview = await b.post(url, revision({ action: 'preview', body: '## Revisado\n\nNuevo.' }));
  t.equal(preview.res.statusCode, 200);
  t.equal(preview.$('#preview-body h2').text(), 'Revisado');
  t.equal(app.services.practices.findById(r.practice.id)!.title, 'Para revisar', 'a preview saves nothing');

  const ok = await b.post(url, revision());
  t.equal(ok.res.statusCode, 303);
  t.equal(ok.res.headers.location, `${url}?revised=1`);
  const p = app.services.practices.findById(r.practice.id)!;
  t.equal(p.title, 'Revisada');
  t.equal(p.status, 'submitted', 'back to submitted');
  t.equal(p.alliance?.endedOn, '2024');
  t.equal(app.services.submissionStore.findByPracticeId(p.id)!.contributor.email, 'ana@example.org', 'original contributor kept');
  const after = await b.get(`${url}?revised=1`);
  t.equal(squash(after.$('.notice').text()), msg(es, 'submission.revisedNotice'));
  t.equal(after.$('form.contribution-form').length, 0, 'no form once resubmitted');
  const twice = await b.post(url, revision({ title: 'Otra vez' }));
  t.equal(twice.res.statusCode, 303);
  t.equal(app.services.practices.findById(r.practice.id)!.title, 'Revisada', 'a second revision is not allowed until changes are requested again');
});

// ---------------------------------------------------------------------------------------- CSRF

t.test('CSRF: missing or wrong token -> 403 page in the reader’s language, nothing stored', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const before = count();
  const check = (name: string, res: LightMyRequestResponse, $: ReturnType<typeof html>, lang: 'es' | 'en' = 'es') => {
    t.equal(res.statusCode, 403, name);
    t.match(res.headers['content-type'], /text\/html/, name);
    t.equal($('html').attr('lang'), lang);
    t.equal(squash($('h1').text()), msg(lang === 'es' ? es : en, 'errors.forbidden.title'), name);
    t.equal(squash($('.error-page p').first().text()), msg(lang === 'es' ? es : en, 'errors.forbidden.body'));
  };
  const missing = await b.post('/contribute/practice', without(practiceFields(csrf), '_csrf'));
  check('token missing', missing.res, missing.$);
  const wrong = await b.post('/contribute/practice', practiceFields(csrf.slice(0, -2) + (csrf.endsWith('aa') ? 'bb' : 'aa')));
  check('token wrong', wrong.res, wrong.$);
  const noCookie = await new Browser(app).post('/contribute/practice', practiceFields(csrf));
  check('no secret cookie (another browser)', noCookie.res, noCookie.$);
  const other = new Browser(app);
  const otherForm = await other.form('/contribute/practice');
  const mixed = await b.post('/contribute/practice', practiceFields(otherForm.csrf));
  check('a token of another session', mixed.res, mixed.$);
  const forged = await new Browser(app).post('/contribute/practice', practiceFields(csrf), { cookie: `_csrf=${b.cookies.get('_csrf')!.split('.')[0]}` });
  check('an unsigned secret cookie', forged.res, forged.$);
  const english = await b.post('/contribute/practice', without(practiceFields(csrf), '_csrf'), { 'accept-language': 'en' });
  check('English', english.res, english.$, 'en');
  for (const url of ['/contribute/alliance', '/contribute/preview']) {
    const res = await app.inject({ method: 'POST', url, payload: { body: 'x' }, headers: { cookie: b.header() } });
    t.equal(res.statusCode, 403, `${url} without token`);
  }
  const upload = await b.upload('/contribute/upload', CONTRIBUTOR, { name: 'a.md', content: '---\ntitle: x\n---\n' });
  t.equal(upload.res.statusCode, 403, 'upload without token');
  t.equal(count(), before, 'nothing stored');
  // And the same session's token works.
  const ok = await b.post('/contribute/practice', practiceFields(csrf, { title: 'Con token' }));
  t.equal(ok.res.statusCode, 303);
});

// ---------------------------------------------------------------------------------------- honeypot

t.test('honeypot: looks like a success, stores nothing, logs', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const before = count();
  const { res } = await b.post('/contribute/practice', practiceFields(csrf, { website: 'http://spam.example' }));
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/contribute/thanks');
  const path = await b.receipt(res);
  t.match(path, /^\/submissions\/[A-Za-z0-9_-]{43}$/, 'a receipt like any other');
  t.equal(count(), before, 'nothing stored');
  t.equal((await b.get(path)).res.statusCode, 404, 'its link leads nowhere');
  const up = await b.form('/contribute/upload');
  const upRes = await b.upload('/contribute/upload', [['_csrf', up.csrf], ['website', 'x'], ...CONTRIBUTOR], { name: 'a.md', content: UPLOAD_OK });
  t.equal(upRes.res.statusCode, 303);
  t.equal(count(), before, 'upload: nothing stored');
});

// ---------------------------------------------------------------------------------------- preview

t.test('preview: the body rendered as published, below the form, values kept, nothing saved', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const before = count();
  const { res, $ } = await b.post('/contribute/practice', practiceFields(csrf, { action: 'preview', title: '', countries: ['GT', 'SV'], body: '## Hola\n\n**fuerte** y [enlace](https://example.org)' }));
  t.equal(res.statusCode, 200);
  t.equal(count(), before, 'nothing stored');
  const preview = $('#preview');
  t.equal(preview.attr('hidden'), undefined, 'preview shown');
  t.equal(preview.find('h2').first().text(), msg(es, 'contribute.preview.heading'));
  t.equal(preview.find('#preview-body h2').text(), 'Hola');
  t.equal(preview.find('#preview-body strong').text(), 'fuerte');
  t.equal(preview.find('#preview-body a').attr('href'), 'https://example.org');
  t.equal($('.error-summary').length, 0, 'a preview validates nothing');
  t.same(checkedValues($, 'countries').sort(), ['GT', 'SV'], 'values kept');
  t.equal($('textarea[name=body]').text(), '## Hola\n\n**fuerte** y [enlace](https://example.org)');
  t.equal($('button[value=preview]').attr('formaction'), '/contribute/practice#preview', 'lands on the preview');
  const empty = await b.get('/contribute/practice');
  t.not(empty.$('#preview').attr('hidden'), undefined, 'hidden before any preview');

  // The live preview's endpoint.
  const live = await app.inject({ method: 'POST', url: '/contribute/preview', payload: { body: '## Vivo\n\n<script>alert(1)</script>' }, headers: { cookie: b.header(), 'csrf-token': csrf } });
  t.equal(live.statusCode, 200);
  t.match(live.headers['content-type'], /application\/json/);
  t.equal(live.json().html, app.services.submissions.preview('## Vivo\n\n<script>alert(1)</script>'), 'same pipeline');
  t.match(live.json().html, /<h2>Vivo<\/h2>/);
  t.notMatch(live.json().html, /<script/);
  const noToken = await app.inject({ method: 'POST', url: '/contribute/preview', payload: { body: 'x' }, headers: { cookie: b.header() } });
  t.equal(noToken.statusCode, 403);
  t.equal(count(), before, 'still nothing stored');
});

// ---------------------------------------------------------------------------------------- sizes

t.test('oversize: a request over the form limit -> 413 page; a file over 1 MB -> 413', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/practice');
  const before = count();
  const big = await b.post('/contribute/practice', practiceFields(csrf, { body: 'x'.repeat(250 * 1024) }));
  t.equal(big.res.statusCode, 413);
  t.match(big.res.headers['content-type'], /text\/html/);
  t.equal(squash(big.$('h1').text()), msg(es, 'errors.tooLarge.title'));
  t.match(squash(big.$('.error-page').text()), msg(es, 'errors.tooLarge.bodyLimit'));
  const bigEn = await b.post('/contribute/alliance', allianceFields(csrf, { summary: 'x'.repeat(250 * 1024) }), { 'accept-language': 'en' });
  t.equal(bigEn.res.statusCode, 413);
  t.equal(squash(bigEn.$('h1').text()), 'What you sent is too large');

  const up = await b.form('/contribute/upload');
  const file = await b.upload('/contribute/upload', [['_csrf', up.csrf], ...CONTRIBUTOR], { name: 'big.md', content: UPLOAD_OK + '\n' + 'x'.repeat(1024 * 1024) });
  t.equal(file.res.statusCode, 413);
  t.equal(squash(file.$('h1').text()), msg(es, 'errors.tooLarge.title'));
  t.match(squash(file.$('.error-page').text()), msg(es, 'errors.tooLarge.fileLimit'));
  const twoFiles = await app.inject({
    method: 'POST',
    url: '/contribute/upload',
    headers: { cookie: b.header(), 'content-type': 'multipart/form-data; boundary=X' },
    payload: `--X\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${up.csrf}\r\n--X\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\na\r\n--X\r\nContent-Disposition: form-data; name="file2"; filename="b.md"\r\n\r\nb\r\n--X--\r\n`,
  });
  t.equal(twoFiles.statusCode, 413, 'one file only');
  t.equal(count(), before, 'nothing stored');
});

// ---------------------------------------------------------------------------------------- upload


t.test('upload: the form, success, and its problems per field', async (t) => {
  const b = new Browser(app);
  const { res: formRes, $: form$, csrf } = await b.form('/contribute/upload');
  t.equal(formRes.statusCode, 200);
  t.equal(form$('form.upload-form').attr('enctype'), 'multipart/form-data');
  t.equal(form$('input[type=file][name=file]').attr('accept'), '.md,text/markdown');
  for (const name of ['contributor[name]', 'contributor[organisation]', 'contributor[email]', 'contributor[focal_point]', 'contributor[consent]', 'website', '_csrf']) t.equal(form$(`input[name="${name}"]`).length, 1, name);

  const before = count();
  const ok = await b.upload('/contribute/upload', [['_csrf', csrf], ['other_partners', 'Red Y'], ...CONTRIBUTOR], { name: 'alianza.MD', content: UPLOAD_OK });
  const path = await b.receipt(ok.res);
  t.equal(count(), before + 1);
  const found = app.services.submissions.findByToken(path.split('/').pop()!)!;
  t.equal(found.submission.channel, 'upload');
  t.equal(found.practice.alliance?.signedOn, '2020-02-14');
  t.same(found.submission.otherPartners, ['Red Y']);
  t.equal(found.submission.contributor.name, 'Ana Pérez');

  // Front-matter problems: listed under the file with the file's field names; the contributor's next to their fields.
  const broken = UPLOAD_OK.replace('countries: [CR, NI]', 'countries: [CR, XX]').replace('year: 2020', 'year: 1800').replace('    - { country: NI, role: origin }\n', '');
  const bad = await b.upload('/contribute/upload', [['_csrf', csrf], ['contributor[name]', ''], ['contributor[organisation]', 'Org'], ['contributor[email]', 'bad']], { name: 'a.md', content: broken });
  t.equal(bad.res.statusCode, 400);
  const lines = bad.$('.file-errors li').map((_, li) => squash(bad.$(li).text())).get();
  t.same(lines.sort(), [
    `alliance.parties: ${msg(es, 'validation.needTwoParties')}`,
    `countries.1: ${msg(es, 'validation.countryCode', { value: 'XX' })}`,
    `year: ${msg(es, 'validation.yearMin', { min: 1950 })}`,
  ].sort());
  t.equal(bad.$('#f-file').attr('aria-invalid'), 'true');
  t.ok((bad.$('#f-file').attr('aria-describedby') ?? '').includes('f-file-error'));
  t.equal(fieldError(bad.$, 'f-contributor-name'), msg(es, 'validation.required'));
  t.equal(fieldError(bad.$, 'f-contributor-email'), msg(es, 'validation.email'));
  t.equal(fieldError(bad.$, 'f-contributor-consent'), msg(es, 'validation.consent'));
  t.equal(bad.$('input[name="contributor[organisation]"]').val(), 'Org', 'contributor values kept');
  checkErrorLinks(t, bad.$);
  t.match(squash(bad.$('#f-file-error').text()), msg(es, 'contribute.upload.chooseAgain'));

  const cases: Array<[string, { name: string; content: string | Buffer } | null, string]> = [
    ['no front matter', { name: 'a.md', content: '# Solo texto' }, `front matter: ${msg(es, 'validation.frontMatterMissing')}`],
    ['not .md', { name: 'a.txt', content: UPLOAD_OK }, msg(es, 'validation.notMarkdownFile')],
    ['no file', null, msg(es, 'validation.notMarkdownFile')],
    ['empty file', { name: 'a.md', content: '' }, msg(es, 'validation.empty')],
    ['not UTF-8', { name: 'a.md', content: Buffer.from([0xff, 0xfe, 0x00, 0xd8]) }, msg(es, 'validation.notMarkdownFile')],
    ['unknown field', { name: 'a.md', content: UPLOAD_OK.replace('year: 2020', 'year: 2020\nauthor: Ana') }, `author: ${msg(es, 'validation.unknownField')}`],
  ];
  for (const [name, file, line] of cases) {
    const r = await b.upload('/contribute/upload', [['_csrf', csrf], ...CONTRIBUTOR], file);
    t.equal(r.res.statusCode, 400, name);
    t.same(r.$('.file-errors li').map((_, li) => squash(r.$(li).text())).get(), [line], name);
    t.equal(r.$('.error-summary li').length, 1, `${name}: one problem`);
  }
  const en = await b.upload('/contribute/upload', [['_csrf', csrf], ...CONTRIBUTOR], { name: 'a.txt', content: 'x' }, { 'accept-language': 'en' });
  t.same(en.$('.file-errors li').map((_, li) => squash(en.$(li).text())).get(), ['choose a .md file with front matter']);
  t.equal(count(), before + 1, 'only the valid upload was stored');
});

// ---------------------------------------------------------------------------------------- JSON API

t.test('POST /api/submissions: 201, 400 in the reader’s language, 415, 413; no CSRF', async (t) => {
  const before = count();
  const created = await app.inject({ method: 'POST', url: '/api/submissions', payload: { ...VALID, title: 'Desde la API' } });
  t.equal(created.statusCode, 201);
  t.match(created.headers['content-type'], /application\/json/);
  const body = created.json() as { token: string; status_url: string };
  t.same(Object.keys(body).sort(), ['status_url', 'token']);
  t.match(body.token, /^[A-Za-z0-9_-]{43}$/);
  t.equal(body.status_url, `http://localhost:80/submissions/${body.token}`);
  t.equal(count(), before + 1);
  const tracking = await app.inject(new URL(body.status_url).pathname);
  t.equal(tracking.statusCode, 200);
  t.equal(app.services.submissions.findByToken(body.token)!.submission.channel, 'api');

  const invalid = { ...VALID, title: '', countries: ['GT', 'MX', 'XX'], contributor: { ...VALID.contributor, email: 'nope' } };
  const bad = await app.inject({ method: 'POST', url: '/api/submissions', payload: invalid });
  t.equal(bad.statusCode, 400);
  const err = bad.json() as { error: string; issues: Array<{ path: string; message: string }> };
  t.equal(err.error, 'validation_failed');
  t.same(
    Object.fromEntries(err.issues.map((i) => [i.path, i.message])),
    {
      title: msg(es, 'validation.empty'),
      'countries.2': msg(es, 'validation.countryCode', { value: 'XX' }),
      'contributor.email': msg(es, 'validation.email'),
    },
    'Spanish by default',
  );
  for (const i of err.issues) t.same(Object.keys(i).sort(), ['message', 'path']);
  const badEn = await app.inject({ method: 'POST', url: '/api/submissions', payload: invalid, headers: { 'accept-language': 'en' } });
  t.equal((badEn.json() as typeof err).issues.find((i) => i.path === 'title')?.message, 'must not be empty', 'English with Accept-Language');
  const notObject = await app.inject({ method: 'POST', url: '/api/submissions', payload: '[1,2]', headers: { 'content-type': 'application/json' } });
  t.equal(notObject.statusCode, 400);
  t.equal(notObject.json().error, 'validation_failed');

  for (const [type, payload] of [
    ['application/x-www-form-urlencoded', 'title=x'],
    ['text/plain', JSON.stringify(VALID)],
    ['multipart/form-data; boundary=X', '--X--\r\n'],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/submissions', payload, headers: { 'content-type': type } });
    t.equal(res.statusCode, 415, type);
    t.equal(res.json().error, 'unsupported_media_type', type);
  }
  const noType = await app.inject({ method: 'POST', url: '/api/submissions', payload: Buffer.from(JSON.stringify(VALID)), headers: { 'content-type': '' } });
  t.equal(noType.statusCode, 415, 'no content type');
  const withCharset = await app.inject({ method: 'POST', url: '/api/submissions', payload: JSON.stringify({ ...VALID, title: 'Con charset' }), headers: { 'content-type': 'application/json; charset=utf-8' } });
  t.equal(withCharset.statusCode, 201, 'application/json; charset=utf-8');
  const tooBig = await app.inject({ method: 'POST', url: '/api/submissions', payload: { ...VALID, body: 'x'.repeat(250 * 1024) } });
  t.equal(tooBig.statusCode, 413);
  t.equal(tooBig.json().error, 'payload_too_large');
  t.equal(tooBig.json().message, msg(es, 'errors.tooLarge.body'));
  const bodyTooLong = await app.inject({ method: 'POST', url: '/api/submissions', payload: { ...VALID, body: 'x'.repeat(101 * 1024) } });
  t.equal(bodyTooLong.statusCode, 400);
  t.same(bodyTooLong.json().issues, [{ path: 'body', message: msg(es, 'validation.bodyTooLong', { max: 100 }) }]);
  t.equal(count(), before + 2);
});

// ---------------------------------------------------------------------------------------- rate limit

t.test('rate limit: the 4th contribution of the hour from one IP -> 429 (forms, upload, API)', async (t) => {
  const limited = await buildTestApp(t, { env: { SUBMISSION_RATE_LIMIT: '3' } });
  const b = new Browser(limited);
  const { csrf } = await b.form('/contribute/practice');
  // Rejected forms and previews do not use up the budget.
  for (let i = 0; i < 5; i++) t.equal((await b.post('/contribute/practice', practiceFields(csrf, { title: '' }))).res.statusCode, 400, `invalid ${i + 1}`);
  for (let i = 0; i < 5; i++) t.equal((await b.post('/contribute/practice', practiceFields(csrf, { action: 'preview' }))).res.statusCode, 200, `preview ${i + 1}`);
  t.equal((await b.post('/contribute/practice', practiceFields(csrf, { title: 'Uno' }))).res.statusCode, 303);
  t.equal((await limited.inject({ method: 'POST', url: '/api/submissions', payload: { ...VALID, title: 'Dos' } })).statusCode, 201);
  const up = await b.form('/contribute/upload');
  t.equal((await b.upload('/contribute/upload', [['_csrf', up.csrf], ...CONTRIBUTOR], { name: 'a.md', content: UPLOAD_OK })).res.statusCode, 303);
  t.equal(limited.services.practices.count({}), 3);

  const page = await b.post('/contribute/alliance', allianceFields(csrf));
  t.equal(page.res.statusCode, 429);
  t.match(page.res.headers['content-type'], /text\/html/);
  t.equal(squash(page.$('h1').text()), msg(es, 'errors.tooMany.title'));
  const retry = Number(page.res.headers['retry-after']);
  t.ok(retry > 3500 && retry <= 3600, `Retry-After about an hour (${retry})`);
  const pageEn = await b.post('/contribute/practice', practiceFields(csrf), { 'accept-language': 'en' });
  t.equal(pageEn.res.statusCode, 429);
  t.equal(squash(pageEn.$('h1').text()), 'Too many contributions');
  const api = await limited.inject({ method: 'POST', url: '/api/submissions', payload: VALID, headers: { 'accept-language': 'en' } });
  t.equal(api.statusCode, 429);
  t.same(api.json(), { error: 'rate_limited', message: msg(en, 'errors.tooMany.body') });
  const upload = await b.upload('/contribute/upload', [['_csrf', up.csrf], ...CONTRIBUTOR], { name: 'a.md', content: UPLOAD_OK });
  t.equal(upload.res.statusCode, 429);
  t.equal((await b.post('/contribute/practice', practiceFields(csrf, { action: 'preview' }))).res.statusCode, 200, 'previews still work');
  t.equal((await b.get('/contribute/practice')).res.statusCode, 200, 'pages still work');
  t.equal(limited.services.practices.count({}), 3, 'nothing more stored');
});

// ---------------------------------------------------------------------------------------- not public

t.test('submitted records are not on public pages, search, country pages or the alliance grid', async (t) => {
  const fresh = await buildTestApp(t, { seed: true });
  const published = fresh.services.practices.count({ status: 'published' });
  const r = fresh.services.submissions.submit({ ...VALID, title: 'Zzyzx alianza oculta', summary: 'Zzyzx' }, 'api');
  if (!r.ok) throw new Error('submit failed');
  const slug = r.practice.slug;
  t.equal((await fresh.inject(`/practices/${slug}`)).statusCode, 404);
  t.equal((await fresh.inject(`/api/practices/${slug}`)).statusCode, 404);
  const search = await fresh.inject('/api/search?q=zzyzx');
  t.equal(search.statusCode, 200);
  t.equal(search.json().total, 0, 'not found by search');
  for (const url of ['/', '/countries/gt', '/countries/mx', '/pillars/dialogue-partnerships', '/alliances', '/alliances?pair=gt-mx', '/partners/iom', '/search?q=zzyzx']) {
    const res = await fresh.inject(url);
    t.equal(res.statusCode, 200, url);
    t.notMatch(res.body, 'Zzyzx alianza oculta', `${url} does not show it`);
    t.notMatch(res.body, slug, `${url} does not link it`);
  }
  const alliances = await fresh.inject('/api/alliances');
  t.notMatch(alliances.body, new RegExp(slug));
  t.equal(fresh.services.practices.count({ status: 'published' }), published);
});

// ---------------------------------------------------------------------------------------- XSS

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '[a](javascript:alert(1))',
  '[b](JaVaScRiPt:alert(1))',
  '[c](javascript&#58;alert(1))',
  '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
];
const XSS_TITLE = '{{lookup this "constructor"}}';

/** No script element (other than Puente's own files), no on* attribute, no javascript:/data: link anywhere. */
function checkInert(t: Test, body: string, where: string) {
  const $ = html(body);
  t.same($('script:not([src])').length, 0, `${where}: no inline script element`);
  t.same($('script[src]').map((_, s) => $(s).attr('src')).get().filter((s) => !s.startsWith('/assets/')), [], `${where}: no foreign script`);
  t.equal($('svg[onload], img[onerror]').length, 0, `${where}: no payload element with a handler`);
  const handlers: string[] = [];
  const badLinks: string[] = [];
  $('*').each((_, el) => {
    for (const [name, value] of Object.entries((el as unknown as { attribs: Record<string, string> }).attribs ?? {})) {
      if (/^on/i.test(name)) handlers.push(`${(el as unknown as { name: string }).name}[${name}]`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) badLinks.push(`${name}=${value}`);
    }
  });
  t.same(handlers, [], `${where}: no event-handler attribute`);
  t.same(badLinks, [], `${where}: no javascript:/data: link`);
  t.notMatch(body, /<script>alert/i, `${where}: no raw script tag in the markup`);
}

t.test('XSS: every text field and the body stay inert in the preview, the tracking page and the practice page', async (t) => {
  const b = new Browser(app);
  const { csrf } = await b.form('/contribute/alliance');
  const all = PAYLOADS.join(' ');
  const body = `## Contexto\n\n${PAYLOADS.join('\n\n')}\n\n<a href="javascript:alert(1)">e</a> <iframe src="javascript:alert(1)"></iframe>`;
  const fields = allianceFields(csrf, {
    title: XSS_TITLE,
    summary: all,
    other_partners: all,
    body,
    sources: 'https://example.org/?q=<script>alert(1)</script>',
    'contributor[name]': `Ana ${PAYLOADS[0]}`,
    'contributor[organisation]': `Org ${PAYLOADS[1]}`,
    'contributor[focal_point]': PAYLOADS[2]!,
  });

  // Preview (form) and the live preview (JSON).
  const preview = await b.post('/contribute/alliance', [...fields.filter(([k]) => k !== 'action'), ['action', 'preview']]);
  t.equal(preview.res.statusCode, 200);
  checkInert(t, preview.res.body, 'form preview');
  t.equal(preview.$('input[name=title]').val(), XSS_TITLE, 'title echoed literally');
  t.equal(preview.$('textarea[name=summary]').text(), all, 'payloads echoed as text');
  t.ok(preview.$('#preview-body a').length >= 1, 'the preview still has links');
  const live = await app.inject({ method: 'POST', url: '/contribute/preview', payload: { body }, headers: { cookie: b.header(), 'csrf-token': csrf } });
  checkInert(t, `<div>${live.json().html}</div>`, 'live preview');

  // A rejected form echoes the payloads inert too.
  const rejected = await b.post('/contribute/alliance', fields.map(([k, v]) => (k === 'year' ? [k, 'x'] : [k, v]) as [string, string]));
  t.equal(rejected.res.statusCode, 400);
  checkInert(t, rejected.res.body, 'rejected form');

  // Tracking page.
  const path = await b.receipt((await b.post('/contribute/alliance', fields)).res);
  const tracking = await b.get(path);
  t.equal(tracking.res.statusCode, 200);
  checkInert(t, tracking.res.body, 'tracking page');
  t.equal(squash(tracking.$('.record-title').text()), XSS_TITLE, 'the title printed literally');
  t.equal(tracking.$('.record .summary').text(), all, 'summary as text');
  t.match(squash(tracking.$('.contributor').text()), `Ana ${PAYLOADS[0]} · Org ${PAYLOADS[1]}`);
  t.same(tracking.$('.other-partners li').map((_, li) => tracking.$(li).text()).get().length > 0, true);
  t.match(tracking.$('title').text(), msg(es, 'submission.title'));

  // The revision form (changes requested) shows them inert as well.
  const token = path.split('/').pop()!;
  const found = app.services.submissions.findByToken(token)!;
  app.services.practices.upsert({ ...found.practice, status: 'changes-requested' });
  app.services.submissionStore.setFeedback(found.practice.id, PAYLOADS.join('\n'));
  const revise = await b.get(path);
  checkInert(t, revise.res.body, 'revision form');
  t.equal(revise.$('input[name=title]').val(), XSS_TITLE);
  t.equal(revise.$('.feedback-text').text(), PAYLOADS.join('\n'), 'feedback as text');

  // Practice page once published.
  app.services.practices.upsert({ ...app.services.practices.findById(found.practice.id)!, status: 'published' });
  const practice = await b.get(`/practices/${found.practice.slug}`);
  t.equal(practice.res.statusCode, 200);
  checkInert(t, practice.res.body, 'practice page');
  t.equal(squash(practice.$('h1').text()), XSS_TITLE, 'the title printed literally on the practice page');
  t.equal(practice.$('p.summary').text(), all);
  const api = await app.inject(`/api/practices/${found.practice.slug}`);
  t.equal(api.json().title, XSS_TITLE);
  t.notMatch(api.json().bodyHtml, /<script|onerror|onload|javascript:|data:text/i, 'JSON twin body sanitized');
  app.services.practices.upsert({ ...app.services.practices.findById(found.practice.id)!, status: 'archived' });
});

// ---------------------------------------------------------------------------------------- logs

t.test('tracking tokens never reach the logs; honeypot catches are logged', async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const logged = await buildTestApp(t, { env: { LOG_LEVEL: 'info' }, overrides: { logger: undefined, logStream: stream } });
  const b = new Browser(logged);
  const { csrf } = await b.form('/contribute/practice');
  const path = await b.receipt((await b.post('/contribute/practice', practiceFields(csrf))).res);
  const token = path.split('/').pop()!;
  await b.get(path);
  await b.get(`${path}?lang=en`);
  const api = await logged.inject({ method: 'POST', url: '/api/submissions', payload: VALID });
  const apiToken = api.json().token as string;
  await logged.inject(`/submissions/${apiToken}`);
  await b.post('/contribute/practice', practiceFields(csrf, { website: 'spam' }));
  const text = lines.join('');
  t.ok(lines.length > 10, `${lines.length} log lines`);
  t.notMatch(text, token, 'form token not logged');
  t.notMatch(text, apiToken, 'API token not logged');
  t.match(text, '/submissions/[token]', 'tracking URLs logged redacted');
  t.notMatch(text, csrf, 'CSRF token not logged');
  t.notMatch(text, /ana@example\.org/, 'e-mail not logged');
  t.match(text, /"honeypot":true/, 'honeypot catch logged');
  t.match(text, /"msg":"contribution submitted"/);
});
