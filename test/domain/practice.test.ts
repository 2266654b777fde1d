import t from 'tap';
import { practiceMetadataSchema, toValidationIssues } from '../../src/domain/practice.js';
import { foldKey, nfc, cleanLine } from '../../src/domain/text.js';
import { regionOf, RCM_MEMBERS, PROGRAMME_COUNTRIES, PILLARS, PILLAR_IDS } from '../../src/domain/taxonomy.js';

const schema = practiceMetadataSchema({ isCountryCode: (c) => ['GT', 'MX', 'BZ'].includes(c), maxYear: 2027 });
const valid = {
  title: 'Título',
  summary: 'Resumen',
  countries: ['gt', 'MX'],
  pillars: ['migration-management'],
  partners: ['IOM'],
  kind: 'practice',
  year: 2020,
  language: 'es',
  source: 'https://example.org/x',
};

t.test('valid metadata is normalised', async (t) => {
  const r = schema.parse({ ...valid, title: '  Migraci\u006f\u0301n   y  más ' });
  t.equal(r.title, 'Migración y más');
  t.equal(r.title, r.title.normalize('NFC'));
  t.same(r.countries, ['GT', 'MX'], 'codes upper-cased');
  t.same(schema.parse({ ...valid, partners: undefined }).partners, [], 'partners default to none');
});

t.test('every invalid field is reported at once', async (t) => {
  const r = schema.safeParse({
    title: '',
    summary: 3,
    countries: ['XX', 'GT', 'GT'],
    pillars: [],
    partners: ['<script>'],
    kind: 'story',
    year: 2031,
    language: 'de',
    source: 'javascript:alert(1)',
    slug: 'Bad Slug',
    colour: 'red',
  });
  t.notOk(r.success);
  const paths = toValidationIssues(r.error!).map((i) => i.path);
  t.same(
    [...new Set(paths)].sort(),
    ['colour', 'countries.0', 'countries.2', 'kind', 'language', 'partners.0', 'pillars', 'slug', 'source', 'summary', 'title', 'year'].sort(),
  );
  const byPath = Object.fromEntries(toValidationIssues(r.error!).map((i) => [i.path, i.message]));
  t.match(byPath['countries.0'], /unknown country code "XX"/);
  t.match(byPath['countries.2'], /repeats GT/);
  t.match(byPath.year, /2027 or earlier/);
  t.match(byPath.colour, /not a known field/);
});

t.test('missing required fields', async (t) => {
  const r = schema.safeParse({});
  const paths = toValidationIssues(r.error!).map((i) => i.path).sort();
  t.same(paths, ['countries', 'kind', 'language', 'pillars', 'summary', 'title', 'year']);
});

t.test('text helpers', async (t) => {
  t.equal(nfc('e\u0301'), '\u00e9');
  t.equal(cleanLine(' a \n b '), 'a b');
  t.equal(foldKey('  Panamá  '), 'panama');
  t.equal(foldKey('OIT'), 'oit');
});

t.test('taxonomy rules', async (t) => {
  t.equal(RCM_MEMBERS.size, 11);
  for (const c of ['BZ', 'CA', 'CR', 'SV', 'US', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO']) t.ok(RCM_MEMBERS.has(c), c);
  for (const c of ['BZ', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO', 'HT', 'JM', 'TT']) t.ok(PROGRAMME_COUNTRIES.has(c), c);
  t.notOk(PROGRAMME_COUNTRIES.has('US'));
  t.equal(regionOf('GT'), 'central-america');
  t.equal(regionOf('HT'), 'caribbean');
  t.equal(regionOf('MX'), 'north-america');
  t.equal(regionOf('VE'), 'south-america');
  t.equal(regionOf('ES'), 'elsewhere');
  t.same(PILLARS.map((p) => p.id), [...PILLAR_IDS]);
  for (const p of PILLARS) for (const l of ['es', 'en', 'fr'] as const) {
    t.ok(p.name[l].length > 3, `${p.id} name ${l}`);
    t.ok(p.description[l].length > 80, `${p.id} description ${l}`);
  }
});
