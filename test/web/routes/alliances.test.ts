import t from 'tap';
import * as cheerio from 'cheerio';
import { buildTestApp } from '../../helpers/build-app.js';

/** A bilateral-alliance practice file with a structured alliance block. */
function allianceFile(o: { title: string; countries: string[]; parties: Array<[string, string]>; instrument: string; status: string; signed?: string }) {
  return `---
title: "${o.title}"
summary: "Resumen."
countries: [${o.countries.join(', ')}]
pillars: [dialogue-partnerships]
partners: [IOM]
kind: bilateral-alliance
year: 2020
language: es
alliance:
  parties:
${o.parties.map(([c, r]) => `    - { country: ${c}, role: ${r} }`).join('\n')}
  instrument: ${o.instrument}
  signed_on: ${o.signed ?? '2020-05'}
  status: ${o.status}
---

## Contexto

Texto.
`;
}

const app = await buildTestApp(t);
const imp = (slug: string, text: string) => {
  const r = app.services.importer.importText(`/x/${slug}.md`, text);
  if (r.status === 'failed') throw new Error(JSON.stringify(r.issues));
};
imp('a-gt-mx', allianceFile({ title: 'GT MX uno', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['MX', 'destination']], instrument: 'mou', status: 'in-force' }));
imp('b-gt-mx-hn', allianceFile({ title: 'GT MX HN', countries: ['GT', 'MX', 'HN'], parties: [['HN', 'origin'], ['GT', 'transit'], ['MX', 'destination']], instrument: 'protocol', status: 'concluded' }));
imp('c-cr-ni', allianceFile({ title: 'CR NI', countries: ['CR', 'NI'], parties: [['NI', 'origin'], ['CR', 'host']], instrument: 'bilateral-agreement', status: 'in-force' }));
// A bilateral-alliance record without a structured block: its countries count as parties.
imp('d-pa-co', `---\ntitle: "PA CO"\nsummary: "S"\ncountries: [PA, CO]\npillars: [emergencies-crises]\nkind: bilateral-alliance\nyear: 2021\nlanguage: es\n---\n\nTexto.\n`);
// Not alliances, or not public: never counted.
imp('e-practice', `---\ntitle: "Práctica GT MX"\nsummary: "S"\ncountries: [GT, MX]\npillars: [migration-management]\nkind: practice\nyear: 2021\nlanguage: es\n---\n\nTexto.\n`);
imp('f-hidden', allianceFile({ title: 'Oculta GT MX', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['MX', 'destination']], instrument: 'mou', status: 'in-force' }));
const hidden = app.services.practices.findBySlug('f-hidden')!;
app.services.practices.upsert({ ...hidden, status: 'submitted' });

const cell = ($: cheerio.CheerioAPI, row: string, col: string) => {
  const cols = $('table.alliance-grid thead th').map((_, el) => $(el).attr('data-code')).get();
  const i = cols.indexOf(col);
  return $(`table.alliance-grid tbody tr[data-code="${row}"] td`).eq(i);
};

t.test('the grid counts published alliances per pair, symmetric, programme countries first', async (t) => {
  const res = await app.inject('/alliances');
  t.equal(res.statusCode, 200);
  const $ = cheerio.load(res.body);
  t.equal(cell($, 'GT', 'MX').text().trim(), '2', 'GT-MX: two published alliances (the submitted one and the plain practice do not count)');
  t.equal(cell($, 'MX', 'GT').text().trim(), '2', 'symmetric');
  t.equal(cell($, 'GT', 'HN').text().trim(), '1');
  t.equal(cell($, 'CR', 'NI').text().trim(), '1');
  t.equal(cell($, 'PA', 'CO').text().trim(), '1', 'unstructured alliances count through their countries');
  t.equal(cell($, 'GT', 'CR').text().trim(), '·');
  t.equal(cell($, 'GT', 'MX').find('a').attr('href'), '/alliances?pair=gt-mx');
  const cols = $('table.alliance-grid thead th').map((_, el) => $(el).attr('data-code')).get();
  t.same(cols.at(-1), 'CO', 'Colombia (not a programme country) comes last');
  const api = (await app.inject('/api/alliances')).json();
  t.same(api.pairs.find((p: { a: string; b: string }) => p.a === 'GT' && p.b === 'MX'), { a: 'GT', b: 'MX', count: 2 });
  t.equal(api.total, 4);
});

t.test('the list filters by pair, instrument and status', async (t) => {
  const slugs = async (url: string) => {
    const res = await app.inject(url);
    t.equal(res.statusCode, 200, url);
    return cheerio.load(res.body)('article.practice-card').map((_, el) => cheerio.load(res.body)(el).attr('data-slug')).get().sort();
  };
  t.same(await slugs('/alliances?pair=gt-mx'), ['a-gt-mx', 'b-gt-mx-hn']);
  t.same(await slugs('/alliances?pair=MX-GT'), ['a-gt-mx', 'b-gt-mx-hn'], 'any order and case');
  t.same(await slugs('/alliances?pair=gt-mx&status=in-force'), ['a-gt-mx']);
  t.same(await slugs('/alliances?instrument=protocol'), ['b-gt-mx-hn']);
  t.same(await slugs('/alliances?pair=gt-cr'), []);
  const api = (await app.inject('/api/alliances?pair=gt-mx&instrument=mou')).json();
  t.same(api.alliances.map((a: { slug: string }) => a.slug), ['a-gt-mx']);
  t.same(api.alliances[0].alliance.parties.map((p: { country: { code: string }; role: { id: string } }) => [p.country.code, p.role.id]), [['GT', 'origin'], ['MX', 'destination']]);
  for (const bad of ['pair=gt', 'pair=gt-gt', 'pair=zz-gt', 'instrument=treaty', 'status=maybe']) {
    const page = await app.inject(`/alliances?${bad}`);
    t.equal(page.statusCode, 400, bad);
    const json = await app.inject(`/api/alliances?${bad}`);
    t.equal(json.statusCode, 400, `api ${bad}`);
    t.type(json.json().message, 'string');
  }
});

t.test('practice page: parties diagram; country page: alliance partners', async (t) => {
  const $ = cheerio.load((await app.inject('/practices/b-gt-mx-hn')).body);
  const steps = $('.alliance-flow .flow-step').map((_, el) => $(el).find('a.party').map((__, a) => $(a).attr('data-code')).get().join(',')).get();
  t.same(steps, ['HN', 'GT', 'MX'], 'origin -> transit -> destination');
  const api = (await app.inject('/api/practices/c-cr-ni')).json();
  t.equal(api.alliance.instrument.id, 'bilateral-agreement');
  t.same(api.alliance.diagram.to.map((p: { country: { code: string }; note: string }) => [p.country.code, p.note]), [['CR', 'Acogida']]);
  const gt = cheerio.load((await app.inject('/countries/gt')).body);
  const partners = gt('section[aria-labelledby="alliance-heading"] li').map((_, el) => [[gt(el).find('a').attr('data-code'), gt(el).find('.count').text()]]).get();
  t.same(partners, [['MX', '2'], ['HN', '1']]);
  t.equal(gt('section[aria-labelledby="alliance-heading"] a[data-code="MX"]').attr('href'), '/alliances?pair=gt-mx');
  t.same((await app.inject('/api/countries/gt')).json().alliancePartners.map((c: { code: string; count: number }) => [c.code, c.count]), [['MX', 2], ['HN', 1]]);
});

t.test('import: the alliance block is validated', async (t) => {
  const bad = app.services.importer.importText('/x/bad-alliance.md', allianceFile({ title: 'x', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['BR', 'pilot']], instrument: 'treaty', status: 'in-force', signed: '2020-13' }));
  t.equal(bad.status, 'failed');
  t.same(bad.issues.map((i) => i.path).sort(), ['alliance.instrument', 'alliance.parties.1.role', 'alliance.signed_on']);
  const notTagged = app.services.importer.importText('/x/bad-alliance.md', allianceFile({ title: 'x', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['BR', 'destination']], instrument: 'mou', status: 'in-force' }));
  t.match(notTagged.issues, [{ path: 'alliance.parties.1.country', message: /BR is a party but not one of the practice's countries/ }]);
  const wrongKind = app.services.importer.importText('/x/bad-alliance.md', allianceFile({ title: 'x', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['MX', 'destination']], instrument: 'mou', status: 'in-force' }).replace('kind: bilateral-alliance', 'kind: tool'));
  t.match(wrongKind.issues, [{ path: 'alliance', message: /only a bilateral-alliance/ }]);
  // Re-import without the block removes the structured alliance.
  imp('a-gt-mx', allianceFile({ title: 'GT MX uno', countries: ['GT', 'MX'], parties: [['GT', 'origin'], ['MX', 'destination']], instrument: 'mou', status: 'in-force' }).replace(/alliance:[\s\S]*?status: in-force\n/, ''));
  t.equal(app.services.practices.findBySlug('a-gt-mx')!.alliance, null);
});
