import t, { type Test } from 'tap';
import { searchInput } from '../../src/services/search-service.js';
import { buildTestApp, type TestContext } from '../helpers/build-app.js';
import type { Actor } from '../../src/domain/curation.js';
import { VALID } from '../helpers/fixtures.js';

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(t: Test, fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  t.fail('expected an error');
  return null;
}

const search = (app: Awaited<ReturnType<typeof buildTestApp>>, q: string) =>
  app.services.search.search(searchInput({ q, perPage: 50 }));

async function setup(t: TestContext) {
  const app = await buildTestApp(t, { seed: true });
  const u1 = await app.services.auth.createUser({ email: 'cura@example.org', name: 'Cura', role: 'curator', password: 'correct horse battery' });
  const u2 = await app.services.auth.createUser({ email: 'otra@example.org', name: 'Otra', role: 'curator', password: 'correct horse battery' });
  const curator: Actor = { kind: 'user', id: u1.id, role: 'curator', email: u1.email };
  const other: Actor = { kind: 'user', id: u2.id, role: 'curator', email: u2.email };
  const r = app.services.submissions.submit({ ...VALID, title: 'Mesa binacional zeppelin', other_partners: 'Red Jornaleros' }, 'form');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { app, curator, other, token: r.token, id: r.practice.id };
}

t.test('the full loop: claim, request changes, resubmit, publish; search follows; audit records it', async (t) => {
  const { app, curator, other, token, id } = await setup(t);
  const c = app.services.curation;
  t.equal(c.act(id, 'claim', curator).status, 'in-review');
  t.match(thrown(t, () => c.act(id, 'publish', other)), { name: 'TransitionError', status: 403 }, 'claimed by someone else');
  t.match(thrown(t, () => c.act(id, 'request-changes', curator, {})), { status: 400 }, 'a message is required');
  t.equal(c.act(id, 'request-changes', curator, { message: 'Añadan resultados' }).status, 'changes-requested');
  t.equal(app.services.submissions.findByToken(token)!.submission.feedback, 'Añadan resultados');
  const { contributor: _c, ...revision } = { ...VALID, title: 'Mesa binacional zeppelin revisada', other_partners: 'Red Jornaleros' };
  t.ok(app.services.submissions.resubmit(token, revision).ok);
  t.equal(app.services.practices.findById(id)!.status, 'submitted');
  c.act(id, 'claim', curator);
  t.match(thrown(t, () => c.act(id, 'publish', curator)), { reason: 'not_ready', missing: ['other_partners'] }, 'an unresolved other partner blocks publishing');
  c.resolvePartner(id, 'Red Jornaleros', { create: { id: 'RED-JORNALEROS', names: { es: 'Red de Jornaleros', en: 'Day Labourers Network', fr: 'Red de Jornaleros' }, type: 'civil-society', country: 'GT', website: null } }, curator);
  t.ok(app.services.practices.findById(id)!.partners.includes('RED-JORNALEROS'));
  t.equal((await search(app, 'zeppelin')).total, 0, 'not searchable before publishing');
  t.equal(c.act(id, 'publish', curator).status, 'published');
  t.equal((await search(app, 'zeppelin')).total, 1, 'searchable once published (same transaction)');
  t.equal((await app.inject('/countries/gt')).body.includes('zeppelin revisada'), true, 'on the country page');
  c.act(id, 'archive', curator);
  t.equal((await search(app, 'zeppelin')).total, 0, 'archived records leave search');
  t.equal((await app.inject(`/practices/${app.services.practices.findById(id)!.slug}`)).statusCode, 404);
  const log = c.auditLog({}, { limit: 50, offset: 0 });
  t.same(log.entries.map((e) => e.action).reverse(), ['claim', 'request-changes', 'resubmit', 'claim', 'create-partner', 'resolve-partner', 'publish', 'archive']);
  t.match(log.entries.find((e) => e.action === 'publish'), { fromStatus: 'in-review', toStatus: 'published', actorEmail: 'cura@example.org' });
  t.throws(() => app.db.prepare('DELETE FROM audit_log').run(), /append-only/);
  t.throws(() => app.db.prepare("UPDATE audit_log SET action = 'x'").run(), /append-only/);
  const csv = [...c.auditCsv({ action: 'publish' })].join('');
  t.match(csv, /^id,at,actor_kind,actor_email,action,slug,from_status,to_status,details\n/);
  t.match(csv, /cura@example.org,publish,mesa-binacional-zeppelin,in-review,published/);
});

t.test('reject needs a reason; edits create revisions with diffs', async (t) => {
  const { app, curator, id } = await setup(t);
  const c = app.services.curation;
  c.act(id, 'claim', curator);
  t.match(thrown(t, () => c.act(id, 'reject', curator, { message: 'No' })), { status: 400 });
  const p = app.services.practices.findById(id)!;
  const edited = c.edit(id, { title: 'Título corregido', summary: p.summary, sources: [...p.sources], countries: ['GT', 'MX'], pillars: ['dialogue-partnerships'], partners: ['IOM'], kind: 'bilateral-alliance', year: 2021, language: 'es', body: p.bodyMarkdown + '\n\nLínea nueva.', alliance: { parties: [{ country: 'GT', role: 'origin' }, { country: 'MX', role: 'destination' }], instrument: 'mou', signed_on: '2021', status: 'in-force' } }, curator);
  t.ok(edited.ok);
  const history = c.history(id);
  t.equal(history.length, 2);
  t.equal(history[1]!.revision.authorName, 'Cura');
  const fields = history[1]!.changes.map((d) => d.field);
  t.same(fields.sort(), ['alliance', 'body', 'partners', 'title'].sort());
  const body = history[1]!.changes.find((d) => d.field === 'body')!;
  t.ok(body.parts.some((x) => x.added && x.value.includes('Línea nueva.')));
  const bad = c.edit(id, { title: '' }, curator);
  t.notOk(bad.ok);
  c.act(id, 'reject', curator, { message: 'Fuera del alcance', reason: 'out-of-scope' });
  t.equal(app.services.submissionStore.findByPracticeId(id)!.rejectionReason, 'out-of-scope');
});

t.test('merge a duplicate: archived, redirected, tags offered', async (t) => {
  const { app, curator } = await setup(t);
  const dup = app.services.practices.findBySlug('hn-camr-rebuilt-after-eta-iota')!;
  const survivor = app.services.practices.findBySlug('gt-centro-recepcion-retornados')!;
  const r = app.services.curation.merge(dup.id, survivor.id, curator, { mergeTags: true });
  t.equal(r.duplicate.status, 'archived');
  t.equal(r.duplicate.mergedInto, survivor.id);
  t.ok(r.survivor.countries.includes('HN'), 'the duplicate country was merged in');
  const res = await app.inject('/practices/hn-camr-rebuilt-after-eta-iota');
  t.equal(res.statusCode, 301);
  t.equal(res.headers.location, '/practices/gt-centro-recepcion-retornados');
  t.match(thrown(t, () => app.services.curation.merge(dup.id, survivor.id, curator, { mergeTags: false })), { reason: 'invalid_transition' });
});

t.test('login: same answer for wrong e-mail and password; rate limit per account', async (t) => {
  const { app } = await setup(t);
  const a = app.services.auth;
  t.match(await a.login('cura@example.org', 'correct horse battery', '1.1.1.1'), { ok: true, user: { email: 'cura@example.org' } });
  t.same(await a.login('nobody@example.org', 'x', '1.1.1.1'), { ok: false, reason: 'invalid' });
  t.same(await a.login('cura@example.org', 'wrong', '1.1.1.1'), { ok: false, reason: 'invalid' });
  for (let i = 0; i < 4; i++) await a.login('cura@example.org', 'wrong', '2.2.2.2');
  t.same(await a.login('cura@example.org', 'correct horse battery', '3.3.3.3'), { ok: false, reason: 'rate_limited' }, 'the account is locked for a while');
  t.match(await a.createUser({ email: 'cura@example.org', name: 'x', role: 'curator', password: 'correct horse battery' }).catch((e: unknown) => e), { status: 409 });
  t.match(await a.createUser({ email: 'new@example.org', name: 'x', role: 'curator', password: 'short' }).catch((e: unknown) => e), { name: 'ValidationError' });
});
