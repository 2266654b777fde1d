import fc from 'fast-check';
import t from 'tap';
import { buildTestApp } from '../../helpers/build-app.js';
import { html } from '../../helpers/corpus.js';

/**
 * Property: whatever the query string, `/search` and `/api/search` answer 200 or 400 (never 5xx),
 * both the same, `/api/search` always in JSON, and a 200 keeps its invariants (page size, escaping).
 */
const app = await buildTestApp(t, { seed: true });

/** Fragments that mean something to a query parser, a tokenizer, a URL or an HTML page. */
const nasty = fc.constantFrom(
  '*', '^', ':', '(', ')', '"', "'", '`', '-', '+', '~', '\\', '/', '{', '}', '[', ']', '<', '>', '&', '=', '#', '?', '%', '%zz', '%C3', '..', '...',
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR(a b)', 'a*', '^a', 'col:x', 'title:x', 'body:"x',
  'country:', 'country:gt', 'country:PA,gt', 'país:"el salvador"', 'pillar:emergencias', 'partner:OIT', 'kind:tool', 'lang:en',
  'year:2015..2020', 'year:..', 'year:3000', 'año:2019-', 'pillar:"', 'year:"2019',
  '😀', '👩‍👩‍👧', '🇬🇹', 'é', 'e\u0301', 'İ', 'ß', 'ﬁ', '\u0000', '\u200b', '\uFEFF', '\uFFFF', '\uD800', '\t', '\n', ' ', '　',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{x}}', '{{{x}}}',
  'migración', 'regularización', 'trata', 'darién', 'IOM', 'gt', 'mx', 'emergencies-crises', 'practice', 'es', '2019',
);
const words = fc.array(nasty, { maxLength: 12 });
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 4, arbitrary: words.map((w) => w.join(' ')) },
  { weight: 2, arbitrary: words.map((w) => w.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 11_000 }).map((n) => 'migración darién '.repeat(Math.ceil(n / 17)).slice(0, n)) },
  { weight: 1, arbitrary: fc.constantFrom('a'.repeat(10 * 1024), 'a'.repeat(10 * 1024 + 1), '😀'.repeat(3000), `"${'x y '.repeat(2000)}`) },
);
const number = fc.oneof(
  fc.integer({ min: -5, max: 12_000 }).map(String),
  fc.constantFrom('', ' ', '0', '1', '20', '100', '101', '1e9', '1e2', '0x10', '1.0', '1.5', '-0', '+1', ' 2 ', '１', 'NaN', 'Infinity', '99999999999999999999', '2015', '1949', '2101'),
  fc.double().map(String),
  text,
);
/** A list parameter's value: absent, one value, or repeated. */
const list = (value: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 1, maxLength: 4 }) });
/** A scalar parameter: mostly absent or valid, sometimes anything (or given twice). */
const scalar = (valid: fc.Arbitrary<string>, anything: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.array(fc.oneof(valid, anything), { minLength: 2, maxLength: 3 }) },
  );
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);

const query = fc.record({
  q: scalar(text, text),
  pillar: list(fc.oneof(text, fc.constantFrom('migration-management', 'emergencies-crises', 'nope'))),
  country: list(fc.oneof(text, fc.constantFrom('gt', 'GT', 'mx', 'panama', 'xx', 'atlantis'))),
  partner: list(fc.oneof(text, fc.constantFrom('iom', 'OIM', 'IMMIGRATION-TT', 'zzz'))),
  kind: list(fc.oneof(text, fc.constantFrom('practice', 'tool', 'x'))),
  language: list(fc.oneof(text, fc.constantFrom('es', 'en', 'fr', 'de'))),
  year_from: scalar(int(1950, 2100), number),
  year_to: scalar(int(1950, 2100), number),
  sort: scalar(fc.constantFrom('relevance', 'newest', 'year', ''), fc.oneof(text, fc.constantFrom('RELEVANCE', 'random'))),
  page: scalar(fc.oneof(int(1, 5), int(1, 10_000)), number),
  per_page: scalar(int(1, 100), number),
  lang: scalar(fc.constantFrom('es', 'en'), fc.constantFrom('fr', 'xx', '')),
  extra: list(text),
});

function toQueryString(params: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  }
  return out.toString();
}

t.test('any query string: 200 or 400, never 5xx; /api/search always JSON', async (t) => {
  let ok = 0;
  let bad = 0;
  await fc.assert(
    fc.asyncProperty(query, async (params) => {
      const qs = toQueryString(params);
      const api = await app.inject({ method: 'GET', url: `/api/search?${qs}` });
      const page = await app.inject({ method: 'GET', url: `/search?${qs}` });
      if (![200, 400].includes(api.statusCode)) throw new Error(`/api/search?${qs.slice(0, 300)}: ${api.statusCode} ${api.body.slice(0, 300)}`);
      if (page.statusCode !== api.statusCode) throw new Error(`/search?${qs.slice(0, 300)}: ${page.statusCode}, /api/search: ${api.statusCode}`);
      if (!/^application\/json/.test(String(api.headers['content-type']))) throw new Error(`not JSON: ${api.headers['content-type']}`);
      if (!/^text\/html/.test(String(page.headers['content-type']))) throw new Error(`not HTML: ${page.headers['content-type']}`);
      const body = api.json();
      if (api.statusCode === 400) {
        bad++;
        if (body.error !== 'validation_failed' || typeof body.message !== 'string') throw new Error(`400 shape: ${api.body.slice(0, 300)}`);
        return;
      }
      ok++;
      if (!Array.isArray(body.hits) || body.hits.length > body.per_page || body.total < body.hits.length) throw new Error(`hits: ${api.body.slice(0, 300)}`);
      if (body.per_page < 1 || body.per_page > 100 || body.page < 1) throw new Error(`paging: ${body.page}/${body.per_page}`);
      for (const f of ['pillar', 'country', 'partner', 'kind', 'language', 'year']) if (!Array.isArray(body.facets[f])) throw new Error(`facet ${f}`);
      for (const w of body.warnings) if (typeof w.code !== 'string' || typeof w.message !== 'string' || !w.message) throw new Error(`warning ${JSON.stringify(w)}`);
      for (const h of body.hits) for (const s of Object.values(h.highlights) as string[]) if (/<(?!\/?mark>)/.test(s)) throw new Error(`highlight markup: ${s}`);
      const $ = html(page.body);
      if ($('script').length || $('[onerror], [onload]').length || $('main img').length) throw new Error(`markup from the query: /search?${qs.slice(0, 300)}`);
      if ($('ol.result-list article.search-result').length !== body.hits.length) throw new Error('the page and its JSON twin disagree');
    }),
    { numRuns: 200 },
  );
  t.ok(ok > 20, `${ok} answered 200`);
  t.ok(bad > 20, `${bad} answered 400`);
});
