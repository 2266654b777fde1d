import t from 'tap';
import { gunzipSync } from 'node:zlib';
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
