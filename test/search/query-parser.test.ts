import t from 'tap';
import { searchInput } from '../../src/services/search-service.js';
import fc from 'fast-check';
import { parseQuery, parseYearRange } from '../../src/search/query-parser.js';
import { parseText, typoBudget, foldToken, STOP_WORDS } from '../../src/search/text-analysis.js';
import { highlight, matcherFor, snippet, segmentsToHtml } from '../../src/search/highlight.js';
import { buildTestApp } from '../helpers/build-app.js';

const app = await buildTestApp(t);
const deps = { taxonomy: app.services.taxonomy, partners: app.services.partners };

t.test('inline filters resolve ids, codes, aliases and names in es/en', async (t) => {
  const cases: Array<[string, string, string[]]> = [
    ['country:panama', 'country', ['PA']],
    ['country:Panamá', 'country', ['PA']],
    ['country:PA', 'country', ['PA']],
    ['country:pa', 'country', ['PA']],
    ['country:"costa rica"', 'country', ['CR']],
    ['country:costa', 'country', ['CR']],
    ['country:mexico,gt', 'country', ['MX', 'GT']],
    ['país:honduras', 'country', ['HN']],
    ['country:haiti', 'country', ['HT']],
    ['pillar:emergencias', 'pillar', ['emergencies-crises']],
    ['pillar:emergencies-crises', 'pillar', ['emergencies-crises']],
    ['pillar:dialogo', 'pillar', ['dialogue-partnerships']],
    ['pillar:communication', 'pillar', ['communication-for-development']],
    ['partner:OIT', 'partner', ['ILO']],
    ['partner:oim', 'partner', ['IOM']],
    ['partner:ACNUR', 'partner', ['UNHCR']],
    ['partner:CRM', 'partner', ['RCM']],
    ['kind:alianza', 'kind', ['bilateral-alliance']],
    ['kind:tool', 'kind', ['tool']],
    ['lang:es', 'language', ['es']],
    ['language:english', 'language', ['en']],
    ['idioma:francés', 'language', ['fr']],
  ];
  for (const [q, field, expected] of cases) {
    const r = parseQuery(`${q} migración`, deps);
    t.same((r.filters as unknown as Record<string, string[]>)[field], expected, q);
    t.equal(r.text, 'migración', `${q}: the filter leaves the text`);
    t.same(r.warnings, [], `${q}: no warning`);
  }
});

t.test('years', async (t) => {
  t.same(parseYearRange('2019'), { from: 2019, to: 2019 });
  t.same(parseYearRange('2015..2020'), { from: 2015, to: 2020 });
  t.same(parseYearRange('2015-2020'), { from: 2015, to: 2020 });
  t.same(parseYearRange('2020..2015'), { from: 2015, to: 2020 });
  t.same(parseYearRange('..2010'), { from: null, to: 2010 });
  t.same(parseYearRange('2010..'), { from: 2010, to: null });
  t.equal(parseYearRange('abc'), null);
  t.equal(parseYearRange('..'), null);
  const r = parseQuery('year:2015..2020 x', deps);
  t.equal(r.filters.yearFrom, 2015);
  t.equal(r.filters.yearTo, 2020);
  t.match(parseQuery('year:soon', deps).warnings, [{ code: 'bad_year', field: 'year', value: 'soon' }]);
});

t.test('values that match nothing are reported, not ignored', async (t) => {
  const r = parseQuery('country:atlantis pillar:magic partner:NOPE kind:novel lang:klingon país:', deps);
  t.same(r.warnings.map((w) => [w.code, w.field, w.value]), [
    ['unknown_value', 'country', 'atlantis'],
    ['unknown_value', 'pillar', 'magic'],
    ['unknown_value', 'partner', 'NOPE'],
    ['unknown_value', 'kind', 'novel'],
    ['unknown_value', 'language', 'klingon'],
    ['empty_value', 'country', ''],
  ]);
  t.equal(r.text, '');
});

t.test('unknown keys and colons stay text', async (t) => {
  t.equal(parseQuery('covid:19 ratio 3:1', deps).text, 'covid:19 ratio 3:1');
  t.equal(parseQuery("l'accès aux droits", deps).text, "l'accès aux droits");
});

t.test('free text: words, prefix, phrases, stop words', async (t) => {
  t.same(parseText('Migración de las personas'), { words: ['migracion', 'personas'], lastIsPrefix: true, phrases: [] });
  t.same(parseText('migración '), { words: ['migracion'], lastIsPrefix: false, phrases: [] });
  t.same(parseText('"flujo controlado" darién'), { words: ['darien'], lastIsPrefix: true, phrases: [['flujo', 'controlado']] });
  t.same(parseText('"flujo controlado"').words, []);
  t.same(parseText('de la').words, ['de', 'la'], 'a query of only stop words keeps them');
  t.same(parseText('covid-19').words, ['covid', '19']);
  t.equal(parseText(Array.from({ length: 15 }, (_, i) => `palabra${i}`).join(' ')).words.length, 10, 'at most 10 words');
  t.equal(foldToken('MIGRACIÓN'), 'migracion');
  t.ok(STOP_WORDS.has('de') && STOP_WORDS.has('the') && !STOP_WORDS.has('migracion'));
  t.equal(typoBudget('ruta'), 0);
  t.equal(typoBudget('amnesty'), 1);
  t.equal(typoBudget('regularización'), 2);
});

t.test('highlighting marks exact, prefix, typo and phrase matches', async (t) => {
  const m = matcherFor('amnisty regulari');
  const seg = highlight('Belize Amnesty: regularización', m);
  t.same(seg.filter((s) => s.match).map((s) => s.text), ['Amnesty', 'regularización']);
  t.equal(segmentsToHtml(highlight('<b>Amnesty</b> & co', m)), '&lt;b&gt;<mark>Amnesty</mark>&lt;/b&gt; &amp; co');
  const long = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ') + ' amnesty ' + 'end '.repeat(50);
  const s = snippet(long, m, 20);
  t.ok(s.some((x) => x.match && x.text === 'amnesty'), 'the snippet holds the match');
  t.equal(s[0]!.text, '… ');
  t.equal(s.at(-1)!.text, ' …');
  t.same(snippet('', m), []);
});

t.test('property: the parser never throws and always returns well-formed output', async (t) => {
  const keys = fc.constantFrom('pillar:', 'country:', 'partner:', 'kind:', 'lang:', 'language:', 'year:', 'país:', 'x:', '"', '(', ')', '*', '^', ' AND ', ' OR ', ' NOT ', ' NEAR ', ':', ',', '..');
  const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), keys, fc.constantFrom('panama', 'OIT', '2015..2020', 'emergencias', '🙂', '\u0000', 'é', 'e\u0301'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (q) => {
      const r = parseQuery(q, deps);
      const text = parseText(r.text);
      return (
        typeof r.text === 'string' &&
        Array.isArray(r.warnings) &&
        text.words.length <= 10 &&
        text.words.every((w) => /^[\p{L}\p{N}\p{Co}]+$/u.test(w)) &&
        text.phrases.every((p) => p.every((w) => /^[\p{L}\p{N}\p{Co}]+$/u.test(w))) &&
        r.filters.country.every((c) => /^[A-Z]{2}$/.test(c))
      );
    }),
    { numRuns: 1000 },
  );
  t.pass('1000 random queries parsed');
});

t.test('property: the embedded engine answers any string without throwing', async (t) => {
  const seeded = await buildTestApp(t, { seed: true });
  const base = searchInput({ perPage: 5 });
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (q) => {
      const r = await seeded.services.search.search({ ...base, q });
      return r.total >= 0 && r.hits.length <= 5;
    }),
    { numRuns: 300 },
  );
  t.pass('300 random queries searched');
});
