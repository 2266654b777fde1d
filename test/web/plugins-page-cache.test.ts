import t from 'tap';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MAX_CACHED_URL_LENGTH } from '../../src/web/plugins/page-cache.js';
import { buildTestApp } from '../helpers/build-app.js';

const app = await buildTestApp(t, { seed: true });

t.test('repeated searches are answered from the cache, gzipped for clients that accept it', async (t) => {
  const plain = await app.inject('/search?q=darien');
  t.equal(plain.statusCode, 200);
  t.equal(plain.headers['content-encoding'], undefined, 'no encoding unless asked');
  const zipped = await app.inject({ url: '/search?q=darien', headers: { 'accept-encoding': 'gzip, deflate, br' } });
  t.equal(zipped.headers['content-encoding'], 'gzip');
  t.match(String(zipped.headers.vary), /Accept-Encoding/);
  t.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body, 'the same page, compressed');
  t.ok(zipped.rawPayload.length < plain.body.length / 3, `gzip shrinks the page (${zipped.rawPayload.length} of ${plain.body.length} bytes)`);
  const api = await app.inject({ url: '/api/search?q=darien', headers: { 'accept-encoding': 'gzip' } });
  const apiPlain = (await app.inject('/api/search?q=darien')).json();
  t.ok(apiPlain.total > 0);
  t.same(JSON.parse(gunzipSync(api.rawPayload).toString('utf8')), apiPlain, 'the JSON twin too');
});

t.test('a write changes the answer at once (the cache is keyed by the index version)', async (t) => {
  const before = (await app.inject('/api/search?q=quetzalcoatl')).json();
  t.equal(before.total, 0);
  const r = app.services.importer.importText('/x/quetzal.md', '---\ntitle: "Quetzalcoatl"\nsummary: "S"\ncountries: [MX]\npillars: [migration-management]\nkind: tool\nyear: 2020\nlanguage: es\n---\n\nTexto.\n');
  t.equal(r.status, 'created');
  const after = (await app.inject('/api/search?q=quetzalcoatl')).json();
  t.equal(after.total, 1, 'the new record is found by the very same URL');
  const html = await app.inject('/search?q=quetzalcoatl');
  t.match(html.body, /Quetzalcoatl/);
});

t.test('public pages: kept until a write, never for curators, never errors', async (t) => {
  const first = await app.inject({ url: '/practices/pa-crisol-de-razas', headers: { 'accept-encoding': 'gzip' } });
  t.equal(first.headers['content-encoding'], 'gzip');
  const p = app.services.practices.findBySlug('pa-crisol-de-razas')!;
  app.services.practices.upsert({ ...p, title: 'Crisol de Razas (título editado)' });
  const after = await app.inject('/practices/pa-crisol-de-razas');
  t.match(after.body, /Crisol de Razas \(título editado\)/, 'the edit shows at once');
  const english = await app.inject({ url: '/countries/pa', headers: { 'accept-language': 'en' } });
  const spanish = await app.inject({ url: '/countries/pa', headers: { 'accept-language': 'es' } });
  t.match(english.body, /<html lang="en">/);
  t.match(spanish.body, /<html lang="es">/, 'one cached page per language');
  const missing = await app.inject('/practices/nope');
  t.equal(missing.statusCode, 404);
  t.equal((await app.inject('/practices/nope')).statusCode, 404, 'errors are not kept');
  const curator = await app.inject({ url: '/countries/pa', headers: { cookie: 'puente_session=x' } });
  t.equal(curator.statusCode, 200, 'a session cookie (even an invalid one) bypasses the cache');
});

t.test('a kept answer is sent with the headers of the first one (security headers included)', async (t) => {
  const url = '/countries/gt';
  const first = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  const kept = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(first.statusCode, 200);
  const sentOnce = new Set(['date', 'connection', 'keep-alive', 'content-length']);
  const headersOf = (r: typeof first) => Object.fromEntries(Object.entries(r.headers).filter(([k]) => !sentOnce.has(k)));
  t.same(headersOf(again), headersOf(first), 'same headers, hit or not');
  t.match(String(again.headers['content-security-policy']), /default-src 'self'/);
  t.equal(again.headers['x-content-type-options'], 'nosniff');
  t.equal(again.headers['content-language'], 'es');
  t.equal(again.headers['set-cookie'], undefined);
  t.same(again.rawPayload, kept.rawPayload, 'the kept bytes');
});

t.test('language: ?lang= sets its cookie every time it differs, a lang cookie picks its own kept page', async (t) => {
  for (let i = 0; i < 2; i++) {
    const r = await app.inject('/pillars?lang=en');
    t.match(String(r.headers['set-cookie']), /lang=en/, `request ${i + 1}: the cookie is set, the answer is the app's`);
    t.match(r.body, /<html lang="en">/);
  }
  const withCookie = await app.inject({ url: '/pillars?lang=en', headers: { cookie: 'lang=en' } });
  t.equal(withCookie.headers['set-cookie'], undefined, 'nothing to set');
  t.match(withCookie.body, /<html lang="en">/);
  const english = await app.inject({ url: '/pillars', headers: { cookie: 'lang=en', 'accept-language': 'es' } });
  const english2 = await app.inject({ url: '/pillars', headers: { cookie: 'lang=en', 'accept-language': 'es' } });
  t.match(english.body, /<html lang="en">/, 'the cookie outranks Accept-Language');
  t.equal(english2.body, english.body);
  t.equal(english2.headers['content-language'], 'en');
  const spanish = await app.inject({ url: '/pillars', headers: { 'accept-language': 'es' } });
  t.match(spanish.body, /<html lang="es">/);
});

t.test('forms are never kept; HEAD gets the kept headers and no body', async (t) => {
  const a = await app.inject('/contribute/practice');
  const b = await app.inject('/contribute/practice');
  t.match(String(a.headers['set-cookie']), /_csrf=/, 'a form page sets its CSRF secret every time');
  t.match(String(b.headers['set-cookie']), /_csrf=/);
  for (let i = 0; i < 2; i++) await app.inject({ url: '/countries/cr', headers: { 'accept-encoding': 'gzip' } });
  const get = await app.inject({ url: '/countries/cr', headers: { 'accept-encoding': 'gzip' } });
  const head = await app.inject({ method: 'HEAD', url: '/countries/cr', headers: { 'accept-encoding': 'gzip' } });
  t.equal(head.statusCode, 200);
  t.equal(head.body, '');
  t.equal(head.headers.vary, get.headers.vary, 'the same Vary as GET');
  t.equal(head.headers['content-length'], get.headers['content-length'], 'the length GET would send');
});

t.test('bounded memory: long URLs are never kept, the admission filter holds fingerprints', async (t) => {
  const long = `/api/pillars?junk=${'x'.repeat(MAX_CACHED_URL_LENGTH)}`;
  for (let i = 0; i < 3; i++) t.equal((await app.inject(long)).statusCode, 200);
  t.notOk([...app.pageCache.keys()].some((k) => k.includes('junk=')), 'a URL over the limit is not kept');
  await app.inject('/api/pillars?fingerprint=1');
  const seen = [...app.pageCacheSeen.keys()];
  t.ok(seen.length > 0);
  t.ok(seen.every((k) => /^[A-Za-z0-9_-]{22}$/.test(k)), 'only 22-character fingerprints, never URLs');
  const [key, entry] = [...app.pageCache.entries()][0]!;
  t.ok(app.pageCache.calculatedSize >= entry.gzip.byteLength + 2 * key.length, 'the size counted includes the key, not just the bytes');
});

t.test('VIEW_CACHE=false (editing templates): nothing is kept', async (t) => {
  const dev = await buildTestApp(t, { seed: true, env: { VIEW_CACHE: 'false' } });
  for (let i = 0; i < 3; i++) t.equal((await dev.inject('/pillars')).statusCode, 200);
  t.equal(dev.pageCache.size, 0);
  t.equal(dev.pageCacheSeen.size, 0);
});

t.test('admission: an answer is kept the second time it is asked for, then sent from the cache', async (t) => {
  const url = '/partners?admission=1';
  const kept = () => [...app.pageCache.keys()].filter((k) => k.endsWith(`|${url}`));
  const first = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(first.headers['content-encoding'], 'gzip', 'sent gzipped even when not kept');
  t.same(kept(), [], 'asked once: not kept');
  const second = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(kept().length, 1, 'asked twice: kept');
  t.equal(gunzipSync(second.rawPayload).toString(), gunzipSync(first.rawPayload).toString(), 'the same page either way');
  // Replace the kept bytes: the next answer must be exactly them, with the kept headers.
  const key = kept()[0]!;
  const entry = app.pageCache.get(key)!;
  app.pageCache.set(key, { ...entry, gzip: gzipSync('<p>from the cache</p>') });
  const third = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(gunzipSync(third.rawPayload).toString(), '<p>from the cache</p>', 'the third answer comes from the cache');
  t.equal(third.headers['content-type'], first.headers['content-type']);
  const plain = await app.inject(url);
  t.equal(plain.body, '<p>from the cache</p>', 'decompressed for clients without gzip');
  t.equal(plain.headers['content-encoding'], undefined);
});
