import t from 'tap';
import { searchInput } from '../../src/services/search-service.js';
import { buildTestApp } from '../helpers/build-app.js';
import { hashToken } from '../../src/services/submission-service.js';
import { VALID } from '../helpers/fixtures.js';


t.test('a valid contribution is stored as submitted, not public, with a hashed token', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.submissions.submit(VALID, 'api');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  t.match(r.token, /^[A-Za-z0-9_-]{43}$/, '256-bit base64url token');
  t.equal(r.practice.status, 'submitted');
  t.equal(r.practice.slug, 'mesa-binacional-guatemala-mexico-para-trabajadores-temporales');
  t.same(r.practice.partners, ['ILO', 'IOM'], 'aliases resolved');
  t.same(r.practice.sources, VALID.sources);
  t.same(r.practice.alliance, { parties: VALID.alliance.parties, instrument: 'mou', signedOn: '2021-03', startedOn: null, endedOn: null, status: 'in-force' });
  t.same(r.submission.otherPartners, ['Asociación de Jornaleros', 'Red X']);
  t.equal(r.submission.contributor.focalPoint, 'Luis, luis@example.org');
  const row = app.db.prepare('SELECT token_hash FROM submissions').get() as { token_hash: string };
  t.equal(row.token_hash, hashToken(r.token));
  t.not(row.token_hash, r.token, 'the token itself is not stored');
  t.equal(app.services.practices.count({ status: 'published' }), 0);
  const search = await app.services.search.search(searchInput({ q: 'binacional', perPage: 10 }));
  t.equal(search.total, 0, 'not in search');
  t.equal((await app.inject('/practices/' + r.practice.slug)).statusCode, 404, 'not public');
  const again = app.services.submissions.submit(VALID, 'form');
  t.ok(again.ok && again.practice.slug.endsWith('-2'), 'slugs stay unique');
});

t.test('tokens: valid, wrong, malformed', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.submissions.submit(VALID, 'api');
  if (!r.ok) throw new Error('submit failed');
  t.equal(app.services.submissions.findByToken(r.token)?.practice.id, r.practice.id);
  t.equal(app.services.submissions.findByToken(r.token.slice(0, -1) + (r.token.endsWith('A') ? 'B' : 'A')), null);
  t.equal(app.services.submissions.findByToken('x'), null);
  t.equal(app.services.submissions.findByToken(''), null);
});

t.test('every invalid field is reported with a key for localisation', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.submissions.submit(
    {
      ...VALID,
      title: '',
      countries: ['GT'],
      partners: ['NOPE'],
      body: 'x'.repeat(101 * 1024),
      contributor: { name: '', organisation: 'Org', email: 'not-an-email', consent: false },
      alliance: { parties: [{ country: 'GT', role: 'origin' }], instrument: 'treaty', status: 'in-force' },
    },
    'form',
  );
  t.notOk(r.ok);
  if (r.ok) return;
  const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.key]));
  t.same(byPath, {
    title: 'empty',
    body: 'bodyTooLong',
    'contributor.name': 'required',
    'contributor.email': 'email',
    'contributor.consent': 'consent',
    'alliance.parties': 'needTwoParties',
    'alliance.instrument': 'oneOf',
    'partners.0': 'unknownPartner',
  });
  t.equal(app.services.practices.count({}), 0, 'nothing stored');
  const onlyDates = app.services.submissions.submit({ ...VALID, alliance: { ...VALID.alliance, signed_on: undefined, ended_on: '2020-13' } }, 'form');
  t.match(onlyDates, { ok: false, issues: [{ path: 'alliance.ended_on', key: 'partialDate' }] });
  const noStart = app.services.submissions.submit({ ...VALID, alliance: { ...VALID.alliance, signed_on: undefined } }, 'form');
  t.match(noStart, { ok: false, issues: [{ path: 'alliance.signed_on', key: 'needStart' }] }, 'cross-field rules once the fields are valid');
});

t.test('resubmission only while changes are requested', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.submissions.submit(VALID, 'form');
  if (!r.ok) throw new Error('submit failed');
  const { contributor: _c, ...revision } = { ...VALID, title: 'Título revisado' };
  t.match(app.services.submissions.resubmit(r.token, revision), { ok: false, notAllowed: true }, 'not while submitted');
  app.services.practices.upsert({ ...r.practice, status: 'changes-requested' });
  const bad = app.services.submissions.resubmit(r.token, { ...revision, year: 1800 });
  t.match(bad, { ok: false, issues: [{ path: 'year', key: 'yearMin' }] });
  const ok = app.services.submissions.resubmit(r.token, revision);
  t.ok(ok.ok);
  const p = app.services.practices.findById(r.practice.id)!;
  t.equal(p.title, 'Título revisado');
  t.equal(p.status, 'submitted', 'back to submitted');
  t.equal(p.slug, r.practice.slug, 'same record');
  t.ok(app.services.submissionStore.findByPracticeId(p.id)!.resubmittedAt);
});

t.test('a Markdown upload in the import format', async (t) => {
  const app = await buildTestApp(t);
  const file = '---\ntitle: "Subido"\nsummary: "Resumen"\ncountries: [CR, NI]\npillars: [migration-management]\npartners: [OIM]\nkind: bilateral-alliance\nyear: 2020\nlanguage: es\nsource: "https://example.org"\nalliance:\n  parties:\n    - { country: CR, role: destination }\n    - { country: NI, role: origin }\n  instrument: bilateral-agreement\n  signed_on: 2020-02-14\n  status: in-force\n---\n\n## Contexto\n\nTexto.\n';
  const contributor = { name: 'Ana', organisation: 'Org', email: 'a@example.org', consent: true };
  const r = app.services.submissions.submitMarkdown(file, { contributor });
  t.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  if (r.ok) t.equal(r.practice.alliance?.signedOn, '2020-02-14', 'a YAML date becomes YYYY-MM-DD');
  const broken = app.services.submissions.submitMarkdown('no front matter', { contributor });
  t.match(broken, { ok: false, issues: [{ path: 'front matter', key: 'frontMatterMissing' }] });
  const invalid = app.services.submissions.submitMarkdown(file.replace('kind: bilateral-alliance', 'kind: practice'), { contributor });
  t.match(invalid, { ok: false, issues: [{ path: 'alliance', key: 'allianceOnlyForKind' }] });
});

t.test('preview uses the publishing pipeline', async (t) => {
  const app = await buildTestApp(t);
  const html = app.services.submissions.preview('## Hola\n\n<script>alert(1)</script>[x](javascript:alert(1))');
  t.match(html, /<h2>Hola<\/h2>/);
  t.notMatch(html, /<script|href="javascript/i);
});
