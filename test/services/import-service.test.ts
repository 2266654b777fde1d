import t from 'tap';
import * as cheerio from 'cheerio';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestApp, CORPUS_DIR, tempDir } from '../helpers/build-app.js';

const FRONT = {
  title: '"Tarjeta de prueba"',
  summary: '"Un resumen."',
  countries: '[GT, MX]',
  pillars: '[migration-management]',
  partners: '[IOM, OIT]',
  kind: 'practice',
  year: '2020',
  language: 'es',
  source: '"https://example.org/fuente"',
};

/** A practice file in the corpus format with `overrides` (null removes a field). */
function practiceFile(overrides: Record<string, string | null> = {}, body = '## Contexto\n\nTexto.') {
  const fields = { ...FRONT, ...overrides };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\n\n${body}\n`;
}

t.test('imports the whole corpus: 24 published practices, every partner known', async (t) => {
  const app = await buildTestApp(t);
  const results = app.services.importer.importPaths([CORPUS_DIR]);
  t.equal(results.length, 24);
  t.same(results.filter((r) => r.status !== 'created'), [], 'all created');
  t.same(results.flatMap((r) => r.warnings), [], 'no unknown partners in the corpus');
  t.equal(app.services.practices.count({ status: 'published' }), 24);
  const p = app.services.practices.findBySlug('bz-amnesty-2022')!;
  t.same(p.countries, ['BZ', 'GT']);
  t.same(p.pillars, ['migration-management', 'communication-for-development']);
  t.same(p.partners, ['MFAFTI', 'IOM', 'UNHCR', 'UNICEF']);
  t.equal(p.kind, 'practice');
  t.equal(p.year, 2022);
  t.equal(p.language, 'en');
  t.equal(p.sourceUrl, 'https://mirps-platform.org/en/resources/good-practices/belize-amnesty-program/');
  t.equal(p.status, 'published');
  t.match(p.bodyHtml, /<h2>Context<\/h2>/);
  t.match(p.bodyMarkdown, /^## Context/);
});

t.test('re-importing the same file updates, never duplicates', async (t) => {
  const app = await buildTestApp(t);
  const dir = tempDir(t);
  const file = join(dir, 'gt-prueba.md');
  writeFileSync(file, practiceFile());
  t.equal(app.services.importer.importFile(file).status, 'created');
  writeFileSync(file, practiceFile({ title: '"Título nuevo"', countries: '[HN]' }));
  const again = app.services.importer.importFile(file);
  t.equal(again.status, 'updated');
  t.equal(app.services.practices.count({}), 1);
  const p = app.services.practices.findBySlug('gt-prueba')!;
  t.equal(p.title, 'Título nuevo');
  t.same(p.countries, ['HN'], 'tags replaced, not appended');
  t.equal(app.services.practices.count({ country: 'GT' }), 0);
});

t.test('slug from the front matter wins over the file name', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.importer.importText('/x/Some File.md', practiceFile({ slug: 'my-slug' }));
  t.equal(r.status, 'created');
  t.equal(r.slug, 'my-slug');
  const bad = app.services.importer.importText('/x/Some File.md', practiceFile());
  t.equal(bad.status, 'failed');
  t.match(bad.issues, [{ path: 'slug', message: /not a valid slug/ }]);
});

t.test('aliases resolve across languages; unknown partners are kept as unreviewed', async (t) => {
  const app = await buildTestApp(t);
  const r = app.services.importer.importText('/x/p-one.md', practiceFile({ partners: '[OIM, OIT, ACNUR, CRM, Nueva ONG]' }));
  t.equal(r.status, 'created');
  const p = app.services.practices.findBySlug('p-one')!;
  t.same(p.partners, ['IOM', 'ILO', 'UNHCR', 'RCM', 'NUEVA-ONG']);
  t.equal(r.warnings.length, 1);
  t.match(r.warnings[0], /unknown partner "Nueva ONG" kept as unreviewed partner NUEVA-ONG/);
  const created = app.services.partners.findById('NUEVA-ONG')!;
  t.equal(created.reviewed, false);
  t.equal(created.names.es, 'Nueva ONG');
  const dup = app.services.importer.importText('/x/p-two.md', practiceFile({ partners: '[IOM, OIM]' }));
  t.same(app.services.practices.findBySlug('p-two')!.partners, ['IOM'], 'an alias of a listed partner is not listed twice');
  t.match(dup.warnings, [/already listed/]);
});

t.test('each invalid field is reported as path: field: message and nothing is stored', async (t) => {
  const app = await buildTestApp(t);
  const cases: Array<[Record<string, string | null>, string, RegExp]> = [
    [{ title: null }, 'title', /required/],
    [{ title: '""' }, 'title', /empty/],
    [{ summary: null }, 'summary', /required/],
    [{ countries: '[]' }, 'countries', /at least one/],
    [{ countries: '[XX]' }, 'countries.0', /unknown country code "XX"/],
    [{ countries: 'GT' }, 'countries', /list/],
    [{ pillars: '[peace]' }, 'pillars.0', /must be one of/],
    [{ pillars: null }, 'pillars', /./],
    [{ kind: 'story' }, 'kind', /must be one of/],
    [{ year: '"soon"' }, 'year', /year/],
    [{ year: '1900' }, 'year', /1950 or later/],
    [{ year: '2999' }, 'year', /or earlier/],
    [{ language: 'de' }, 'language', /es, en, fr/],
    [{ source: '"ftp://x.org"' }, 'source', /http/],
    [{ source: '"javascript:alert(1)"' }, 'source', /http/],
    [{ colour: 'red' }, 'colour', /not a known field/],
  ];
  for (const [overrides, path, message] of cases) {
    const r = app.services.importer.importText('/x/bad-file.md', practiceFile(overrides));
    t.equal(r.status, 'failed', JSON.stringify(overrides));
    t.match(r.issues, [{ path, message }], `${JSON.stringify(overrides)} -> ${path}`);
  }
  const many = app.services.importer.importText('/x/bad-file.md', practiceFile({ title: '""', kind: 'x', year: '1' }));
  t.same(many.issues.map((i) => i.path).sort(), ['kind', 'title', 'year'], 'all problems of a file at once');
  const empty = app.services.importer.importText('/x/bad-file.md', practiceFile({}, ''));
  t.match(empty.issues, [{ path: 'body', message: /empty/ }]);
  const noFront = app.services.importer.importText('/x/bad-file.md', '# just markdown');
  t.match(noFront.issues, [{ path: 'front matter', message: /missing/ }]);
  const yaml = app.services.importer.importText('/x/bad-file.md', '---\ntitle: [oops\n---\nbody');
  t.match(yaml.issues, [{ path: 'front matter', message: /YAML/ }]);
  t.equal(app.services.practices.count({}), 0, 'no record from any invalid file');
  t.equal(app.services.partners.findById('OIT'), null, 'no partner created by a failed file either');
});

t.test('a folder with valid and invalid files imports the valid ones', async (t) => {
  const app = await buildTestApp(t);
  const dir = tempDir(t);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a-good.md'), practiceFile());
  writeFileSync(join(dir, 'b-bad.md'), practiceFile({ kind: 'nope', partners: '[BRAND-NEW]' }));
  writeFileSync(join(dir, 'sub', 'c-good.md'), practiceFile());
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  const results = app.services.importer.importPaths([dir]);
  t.same(results.map((r) => [r.slug, r.status]), [['a-good', 'created'], ['b-bad', 'failed'], ['c-good', 'created']]);
  t.equal(app.services.partners.findById('BRAND-NEW'), null, 'the failed file created no partner');
  t.match(app.services.importer.importPaths([join(dir, 'missing')]), [{ status: 'failed', issues: [{ path: '(file)', message: /ENOENT/ }] }]);
});

t.test('NFD input is stored as NFC', async (t) => {
  const app = await buildTestApp(t);
  const nfd = 'Regularizacio\u0301n migratoria en Panama\u0301';
  app.services.importer.importText('/x/nfd-test.md', practiceFile({ title: JSON.stringify(nfd) }, `## Contexto\n\n${nfd}`));
  const p = app.services.practices.findBySlug('nfd-test')!;
  t.equal(p.title, 'Regularización migratoria en Panamá');
  t.equal(p.title, p.title.normalize('NFC'));
  t.not(p.title, nfd);
  t.ok(p.bodyMarkdown.includes('Regularización'), 'body too');
});

t.test('a hostile body renders no executable HTML', async (t) => {
  const app = await buildTestApp(t);
  const body = '## Ataque\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<iframe src="https://e.org"></iframe>';
  t.equal(app.services.importer.importText('/x/xss-test.md', practiceFile({}, body)).status, 'created');
  const p = app.services.practices.findBySlug('xss-test')!;
  t.ok(p.bodyMarkdown.includes('<script>'), 'the source is kept as written');
  const $ = cheerio.load(p.bodyHtml);
  t.equal($('script, iframe').length, 0);
  t.equal($('[onerror]').length, 0);
  t.equal($('a[href^="javascript"]').length, 0);
  const page = await app.inject('/practices/xss-test');
  t.equal(page.statusCode, 200);
  const $$ = cheerio.load(page.body);
  t.equal($$('.practice-body script, .practice-body iframe, .practice-body [onerror]').length, 0);
  t.notMatch(page.body, /javascript:alert/);
});

const SHARED_CORPUS = join(CORPUS_DIR, '..', '..', '..', 'shared', 'corpus', 'practices');
t.test('the shipped seed copy matches the shared corpus', { skip: existsSync(SHARED_CORPUS) ? false : '../shared/corpus not present' }, async (t) => {
  const names = readdirSync(SHARED_CORPUS);
  t.equal(names.length, 24);
  for (const n of names) t.equal(readFileSync(join(CORPUS_DIR, n), 'utf8'), readFileSync(join(SHARED_CORPUS, n), 'utf8'), n);
});
