import * as cheerio from 'cheerio';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { Agent, csrfOf, loggedIn, PASSWORD, type FormData } from '../../helpers/agent.js';
import { buildTestApp, type TestContext } from '../../helpers/build-app.js';
import { VALID } from '../../helpers/fixtures.js';

/** The curation screens through their forms: queue, review page and every action, edit, merge, notes, history, audit, accounts. */

const DAY = 86_400_000;
const page = (html: string) => cheerio.load(html);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The form a contributor posts on the tracking page to revise (the contribution form's field names). */
function revisionForm(changes: Partial<Record<string, string | string[]>> = {}): FormData {
  return {
    action: 'submit',
    website: '',
    title: VALID.title,
    summary: VALID.summary,
    countries: VALID.countries,
    pillars: VALID.pillars,
    partners: ['ILO', 'IOM'],
    other_partners: VALID.other_partners,
    kind: 'bilateral-alliance',
    year: String(VALID.year),
    language: 'es',
    sources: VALID.sources.join('\n'),
    body: VALID.body,
    'parties[0][country]': 'GT',
    'parties[0][role]': 'origin',
    'parties[1][country]': 'MX',
    'parties[1][role]': 'destination',
    instrument: 'mou',
    signed_on: '2021-03',
    status: 'in-force',
    ...(changes as FormData),
  };
}

/** An app with the corpus, three submissions 10, 6 and 2 days old, two curators and an admin. */
async function setup(t: TestContext) {
  let daysAgo = 0;
  const clock = { now: () => new Date(Date.now() - daysAgo * DAY).toISOString() };
  const app = await buildTestApp(t, { seed: true, overrides: { clock } });
  const submit = (days: number, fields: Record<string, unknown>) => {
    daysAgo = days;
    const r = app.services.submissions.submit({ ...VALID, ...fields }, 'form');
    daysAgo = 0;
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return { id: r.practice.id, slug: r.practice.slug, token: r.token };
  };
  const alliance = submit(10, { title: 'Mesa binacional zeppelin' });
  const practice = submit(6, {
    title: 'Ventanilla única quetzal',
    kind: 'practice',
    countries: ['HN'],
    pillars: ['migration-management'],
    alliance: undefined,
    other_partners: undefined,
    contributor: { ...VALID.contributor, organisation: 'Alcaldía de Choluteca', email: 'hn@example.org' },
  });
  const recent = submit(2, { title: 'Protocolo reciente xilófono', other_partners: undefined });
  const cura = await loggedIn(app, { email: 'cura@example.org', name: 'Cura Dora', role: 'curator' });
  const otra = await loggedIn(app, { email: 'otra@example.org', name: 'Otra Persona', role: 'curator' });
  const admin = await loggedIn(app, { email: 'admin@example.org', name: 'Ana Admin', role: 'admin' });
  return { app, alliance, practice, recent, cura: cura.agent, curaId: cura.id, otra: otra.agent, admin: admin.agent, adminId: admin.id };
}

/** Posts a form of the review page (its own CSRF token). */
async function act(agent: Agent, id: number, what: 'actions' | 'edit' | 'partners' | 'merge' | 'notes', form: FormData) {
  const token = csrfOf((await agent.get(`/curation/records/${id}`)).body);
  return agent.post(`/curation/records/${id}/${what}`, form, token);
}

const statusOf = (app: FastifyInstance, id: number) => app.services.practices.findById(id)!.status;

t.test('the queue: counts as tabs, oldest first, filters, claimed by, quick claim', async (t) => {
  const { app, alliance, practice, recent, cura, curaId } = await setup(t);
  const res = await cura.get('/curation');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const $ = page(res.body);
  const tabs = Object.fromEntries($('.queue-tabs a').map((_i, a) => [[$(a).attr('data-status'), Number($(a).find('.count').text())]]).get());
  t.same(tabs, { submitted: 3, 'in-review': 0, 'changes-requested': 0, published: 24, rejected: 0, archived: 0 }, 'counts per state');
  t.equal($('.queue-tabs a[aria-current="page"]').attr('data-status'), 'submitted');
  const ids = $('.queue-table tbody tr').map((_i, tr) => Number($(tr).attr('data-id'))).get();
  t.same(ids, [alliance.id, practice.id, recent.id], 'oldest submission first');
  const first = $(`tr[data-id="${alliance.id}"]`);
  t.equal(first.find('a.queue-title').attr('href'), `/curation/records/${alliance.id}`);
  t.match(squash(first.text()), /hace 10 días/);
  t.match(squash(first.text()), /2 socios por resolver/);
  t.equal(first.find('form[action$="/actions"] input[name="action"]').val(), 'claim');

  const rows = async (qs: string) => page((await cura.get(`/curation?${qs}`)).body)('.queue-table tbody tr').map((_i, tr) => Number(cheerio.load(tr)('tr').attr('data-id'))).get();
  t.same(await rows('kind=practice'), [practice.id], 'kind');
  t.same(await rows('country=hn'), [practice.id], 'country');
  t.same(await rows('country=mx'), [alliance.id, recent.id]);
  t.same(await rows('pillar=migration-management'), [practice.id], 'pillar');
  t.same(await rows('age=5'), [alliance.id, practice.id], 'at least 5 days old');
  t.same(await rows('age=8&country=gt'), [alliance.id]);
  t.same(await rows('status=published&country=hn&pillar=emergencies-crises').then((r) => r.length > 0), true, 'other tabs filter too');
  t.equal((await cura.get('/curation?status=nope')).statusCode, 400);
  t.equal((await cura.get('/curation?country=Honduras')).statusCode, 400);
  t.equal((await cura.get('/curation?kind=&country=&pillar=&age=')).statusCode, 200, 'empty filters are "all"');

  // Quick claim from the queue: to the review page, claimed by the curator.
  const claim = await cura.post(`/curation/records/${alliance.id}/actions`, { action: 'claim' }, $('input[name="_csrf"]').last().val() as string);
  t.equal(claim.statusCode, 303);
  t.equal(claim.headers.location, `/curation/records/${alliance.id}?done=claim`);
  t.equal(app.services.practices.findById(alliance.id)!.claimedBy, curaId);
  const inReview = page((await cura.get('/curation?status=in-review')).body);
  t.equal(squash(inReview(`tr[data-id="${alliance.id}"] .claimed-by`).text()), 'Cura Dora', 'claimed by column');
  t.equal(Number(inReview('.queue-tabs a[data-status="in-review"] .count').text()), 1);
});

t.test('the review page: the record as published, the contributor, the partners to resolve', async (t) => {
  const { app, alliance, cura } = await setup(t);
  const res = await cura.get(`/curation/records/${alliance.id}`);
  t.equal(res.statusCode, 200);
  const $ = page(res.body);
  t.equal($('.practice-preview .practice-title').text(), 'Mesa binacional zeppelin');
  t.equal($('.practice-preview .summary').text(), VALID.summary);
  t.equal($('.practice-preview .practice-body h2').first().text(), 'Contexto', 'the body as stored HTML');
  t.equal($('.practice-preview figure.alliance-diagram').length, 1, 'the alliance diagram partial');
  t.same($('.practice-preview .alliance-diagram a.party').map((_i, a) => $(a).attr('data-code')).get(), ['GT', 'MX']);
  t.same($('.practice-preview .tag-country').map((_i, a) => $(a).attr('data-code')).get().sort(), ['GT', 'MX']);
  // The same markup as the public page (the shared partial), once published.
  t.equal($('.contributor-email').text(), 'ana@example.org', 'curators see the contributor e-mail');
  t.equal($('.contributor-email').attr('href'), 'mailto:ana@example.org');
  t.equal($('.focal-point').text(), 'Luis, luis@example.org');
  t.same($('.other-partner h3').map((_i, h) => $(h).text()).get(), ['Asociación de Jornaleros', 'Red X']);
  t.match($('.other-partner').first().text(), /Tome el registro para resolverlos/, 'resolution needs a claim first');
  t.same($('.action-form input[name="action"]').map((_i, i) => $(i).val()).get(), ['claim'], 'from submitted: claim');
  t.equal($('.notes-panel form textarea[name="text"]').length, 1);
  t.equal($('a[href$="/history"]').attr('href'), `/practices/${alliance.slug}/history`);
  t.equal((await cura.get('/curation/records/99999')).statusCode, 404);
  t.equal((await cura.get('/curation/records/abc')).statusCode, 400);
  // The contributor's e-mail never reaches the tracking page.
  t.notMatch((await app.inject(`/submissions/${alliance.token}`)).body, /ana@example\.org/);
});

t.test('the workflow through the forms, refused moves included; search and pages follow', async (t) => {
  const { app, alliance, cura, otra } = await setup(t);
  const id = alliance.id;
  t.equal((await act(cura, id, 'actions', { action: 'claim' })).statusCode, 303);
  let $ = page((await cura.get(`/curation/records/${id}?done=claim`)).body);
  t.match($('.notice-done').text(), /Registro tomado/);
  t.match($('.record-status').text(), /Lo revisa usted/);
  t.same($('.action-form input[name="action"]').map((_i, i) => $(i).val()).get(), ['publish', 'request-changes', 'reject', 'release']);
  t.match(squash($('.readiness').text()), /resolver los «otros socios»/, 'what is missing before publishing');

  // Refused: another curator; publishing with unresolved partners; no message; a wrong state.
  let res = await act(otra, id, 'actions', { action: 'publish' });
  t.equal(res.statusCode, 403, 'claimed by someone else');
  t.match(page(res.body)('.refusal-message').text(), /Otra persona del equipo tomó este registro/);
  res = await act(cura, id, 'actions', { action: 'publish' });
  t.equal(res.statusCode, 409, 'publish with an unresolved partner');
  t.equal(page(res.body)('.refusal-message').text(), 'Todavía no se puede publicar: falta resolver los «otros socios».');
  const en = await cura.request('POST', `/curation/records/${id}/actions?lang=en`, { form: { _csrf: await cura.csrf(), action: 'publish' } });
  t.equal(en.statusCode, 409);
  t.equal(page(en.body)('.refusal-message').text(), 'Cannot publish yet: missing the resolution of every "other partner".');
  await cura.get('/?lang=es');
  res = await act(cura, id, 'actions', { action: 'request-changes', message: '  ' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.refusal-message').text(), /Escriba un mensaje/);
  res = await act(cura, id, 'actions', { action: 'restore' });
  t.equal(res.statusCode, 409);
  t.equal(page(res.body)('.refusal-message').text(), 'No se puede «Restaurar» un registro en estado «En revisión».');
  res = await act(cura, id, 'actions', { action: 'resubmit' });
  t.equal(res.statusCode, 400, 'resubmit is not a curator action');
  t.equal(statusOf(app, id), 'in-review', 'nothing moved');

  // Request changes; the contributor sees the message and revises from the tracking link.
  res = await act(cura, id, 'actions', { action: 'request-changes', message: 'Añadan los resultados de 2023, por favor.' });
  t.equal(res.statusCode, 303);
  t.equal(statusOf(app, id), 'changes-requested');
  const contributor = new Agent(app);
  const tracking = await contributor.get(`/submissions/${alliance.token}`);
  t.match(page(tracking.body)('.feedback-text').text(), /Añadan los resultados de 2023/);
  const revised = await contributor.post(
    `/submissions/${alliance.token}`,
    revisionForm({ title: 'Mesa binacional zeppelin revisada', body: `${VALID.body}\n\n## Resultados\n\nEn 2023 se contrataron 1200 personas.` }),
    csrfOf(tracking.body),
  );
  t.equal(revised.statusCode, 303);
  t.equal(statusOf(app, id), 'submitted');

  // The review page shows what the contributor changed.
  $ = page((await cura.get(`/curation/records/${id}`)).body);
  const diff = $('.revision-diff');
  t.equal(diff.length, 1, 'the diff against the previous revision');
  t.equal(diff.find('.diff-field[data-field="title"] ins').text().trim(), 'revisada');
  t.match(diff.find('.diff-field[data-field="body"] li.diff-ins ins').text(), /En 2023 se contrataron 1200 personas\./);

  // Claim again, resolve both partners (one to the registry, one created), publish.
  await act(cura, id, 'actions', { action: 'claim' });
  res = await act(cura, id, 'partners', { name: 'Red X', mode: 'existing', partner_id: '' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.other-partner[data-name="Red X"] .field-error').text(), /Elija un socio/);
  res = await act(cura, id, 'partners', { name: 'Red X', mode: 'existing', partner_id: 'IOM' });
  t.equal(res.statusCode, 303);
  res = await act(cura, id, 'partners', { name: 'Asociación de Jornaleros', mode: 'create', id: 'bad id!', name_es: 'x', name_en: 'x', type: 'civil-society', country: 'GT' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.other-partner[data-name="Asociación de Jornaleros"] .field-error').text(), /identificador/);
  t.equal(page(res.body)('.other-partner[data-name="Asociación de Jornaleros"] input[name="id"]').val(), 'bad id!', 'typed values kept');
  res = await act(cura, id, 'partners', { name: 'Asociación de Jornaleros', mode: 'create', id: 'asoc-jornaleros', name_es: 'Asociación de Jornaleros', name_en: 'Day Labourers Association', type: 'civil-society', country: 'GT' });
  t.equal(res.statusCode, 303);
  t.equal(app.services.partners.findById('ASOC-JORNALEROS')?.names.en, 'Day Labourers Association');
  t.ok(app.services.practices.findById(id)!.partners.includes('ASOC-JORNALEROS'));
  $ = page((await cura.get(`/curation/records/${id}`)).body);
  t.equal($('.other-partner').length, 0, 'nothing left to resolve');
  t.match($('.readiness').text(), /Listo para publicar/);
  t.equal((await cura.get(`/practices/${alliance.slug}`)).statusCode, 404, 'not public before publishing');
  t.equal((await act(cura, id, 'actions', { action: 'publish' })).statusCode, 303);
  t.equal(statusOf(app, id), 'published');
  t.equal((await app.inject(`/practices/${alliance.slug}`)).statusCode, 200);
  t.equal((await app.inject(`/api/practices/${alliance.slug}`)).statusCode, 200);
  const search = (await app.inject('/api/search?q=zeppelin')).json() as { total: number; hits: Array<{ slug: string }> };
  t.same(search.hits.map((h) => h.slug), [alliance.slug], 'in search');
  t.match((await app.inject('/countries/mx')).body, /Mesa binacional zeppelin revisada/, 'on its countries’ pages');

  // Feature, unfeature, archive, restore; refused claim on a published record.
  await act(cura, id, 'actions', { action: 'feature' });
  t.match(page((await app.inject('/')).body)('section.featured').text(), /zeppelin revisada/, 'featured on the home page');
  await act(cura, id, 'actions', { action: 'unfeature' });
  t.equal(page((await app.inject('/')).body)('section.featured').text().includes('zeppelin'), false);
  res = await act(cura, id, 'actions', { action: 'claim' });
  t.equal(res.statusCode, 409);
  t.match(page(res.body)('.refusal-message').text(), /No se puede «Tomar» un registro en estado «Publicada»/);
  t.equal((await act(cura, id, 'actions', { action: 'archive' })).statusCode, 303);
  t.equal((await app.inject(`/practices/${alliance.slug}`)).statusCode, 404, 'archived: not public');
  t.equal(((await app.inject('/api/search?q=zeppelin')).json() as { total: number }).total, 0);
  t.equal((await act(cura, id, 'actions', { action: 'restore' })).statusCode, 303);
  t.equal((await app.inject(`/practices/${alliance.slug}`)).statusCode, 200);
});

t.test('reject needs a reason; release gives a record back', async (t) => {
  const { app, practice, recent, cura } = await setup(t);
  await act(cura, practice.id, 'actions', { action: 'claim' });
  let res = await act(cura, practice.id, 'actions', { action: 'reject', reason: '', message: 'Fuera del programa' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.refusal-message').text(), /Elija un motivo/);
  t.equal(page(res.body)('#reject-message').text(), 'Fuera del programa', 'the message typed is kept');
  res = await act(cura, practice.id, 'actions', { action: 'reject', reason: 'out-of-scope', message: 'Fuera del programa' });
  t.equal(res.statusCode, 303);
  t.equal(statusOf(app, practice.id), 'rejected');
  const $ = page((await cura.get(`/curation/records/${practice.id}`)).body);
  t.match($('.contributor-panel').text(), /Fuera del alcance/);
  t.equal($('.action-form').length, 0, 'no actions on a rejected record');
  await act(cura, recent.id, 'actions', { action: 'claim' });
  t.equal((await act(cura, recent.id, 'actions', { action: 'release' })).statusCode, 303);
  t.equal(statusOf(app, recent.id), 'submitted');
  t.equal(app.services.practices.findById(recent.id)!.claimedBy, null);
});

t.test('edit: invalid fields re-render with the typed values and localized messages; a valid edit makes a revision', async (t) => {
  const { app, alliance, cura } = await setup(t);
  const id = alliance.id;
  // Not editable while submitted.
  let res = await act(cura, id, 'edit', revisionForm({ title: 'x' }));
  t.equal(res.statusCode, 409);
  await act(cura, id, 'actions', { action: 'claim' });
  res = await act(cura, id, 'edit', revisionForm({ title: '', year: 'dos mil', countries: ['GT', 'MX', 'ZZ'], body: 'Texto con <script>alert(1)</script>' }));
  t.equal(res.statusCode, 400);
  const $ = page(res.body);
  t.ok($('.curation-edit-form .error-summary li').length >= 3, 'the error summary');
  t.match($('#f-title').closest('.field').find('.field-error').text(), /no puede quedar vacío/i, 'title: localized message');
  t.equal($('#f-year').val(), 'dos mil', 'typed year kept');
  t.match($('#f-year').closest('.field').find('.field-error').text(), /año/i);
  t.match($('#f-countries .field-error').text(), /ZZ/);
  t.equal($('#f-body').text().trim(), 'Texto con <script>alert(1)</script>', 'typed body kept (escaped in the HTML)');
  t.notMatch(res.body, /<script>alert/, 'never printed raw');
  t.equal(app.services.practices.findById(id)!.title, 'Mesa binacional zeppelin', 'nothing saved');

  const newBody = VALID.body.replace('## Qué se acordó', '## Lo que se acordó') + '\n\nLínea añadida por curaduría.';
  res = await act(cura, id, 'edit', revisionForm({ title: 'Mesa binacional zeppelin (corregida)', body: newBody, kind: 'bilateral-alliance', pillars: ['dialogue-partnerships', 'migration-management'] }));
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, `/curation/records/${id}?done=edit`);
  const p = app.services.practices.findById(id)!;
  t.equal(p.title, 'Mesa binacional zeppelin (corregida)');
  t.same([...p.pillars].sort(), ['dialogue-partnerships', 'migration-management']);
  t.equal(app.services.curation.history(id).length, 2);

  // The history page: who, when, and the diff field by field, the body line by line.
  const history = await cura.get(`/practices/${alliance.slug}/history`);
  t.equal(history.statusCode, 200);
  const h = page(history.body);
  t.same(h('.revision').map((_i, r) => Number(h(r).attr('data-number'))).get(), [2, 1], 'newest first');
  const latest = h('.revision[data-number="2"]');
  t.match(latest.find('.revision-author').text(), /Cura Dora/);
  t.match(latest.find('.revision-note').text(), /edited by a curator/);
  t.match(h('.revision[data-number="1"] .revision-author').text(), /Quien contribuyó/);
  const body = latest.find('.diff-field[data-field="body"]');
  t.same(body.find('li.diff-del del').map((_i, d) => h(d).text().replace(/^quitado:\s*/, '')).get(), ['## Qué se acordó']);
  t.same(body.find('li.diff-ins ins').map((_i, d) => h(d).text().replace(/^añadido:\s*/, '')).get(), ['## Lo que se acordó', '', 'Línea añadida por curaduría.']);
  t.match(latest.find('.diff-field[data-field="pillars"] ins').text(), /Gestión migratoria|migrat/i);
  t.equal(latest.find('.diff-field[data-field="title"] ins').text().trim(), '(corregida)');
  t.equal((await cura.get('/practices/no-such-record/history')).statusCode, 404);
});

t.test('the diff escapes what it shows', async (t) => {
  const { app, alliance, cura } = await setup(t);
  await act(cura, alliance.id, 'actions', { action: 'claim' });
  await act(cura, alliance.id, 'edit', revisionForm({ title: 'Zeppelin <img src=x onerror=alert(1)>', body: `${VALID.body}\n\n<script>alert("x")</script>` }));
  const res = await cura.get(`/practices/${alliance.slug}/history`);
  t.notMatch(res.body, /<img src=x/);
  t.notMatch(res.body, /<script>alert\("x"\)/);
  t.match(res.body, /&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt;|&lt;img src=x onerror=alert\(1\)&gt;/);
  t.equal(app.services.practices.findById(alliance.id)!.bodyHtml.includes('<script'), false, 'the sanitizer dropped it from the page body');
});

t.test('merge a duplicate: the old slug answers 301; refused merges re-render', async (t) => {
  const { app, alliance, cura } = await setup(t);
  const dup = app.services.practices.findBySlug('hn-camr-rebuilt-after-eta-iota')!;
  const survivor = app.services.practices.findBySlug('gt-centro-recepcion-retornados')!;
  let $ = page((await cura.get(`/curation/records/${dup.id}`)).body);
  t.equal($('.merge-form input[name="survivor"]').length, 1, 'offered on published records');
  t.equal($('.merge-form input[name="merge_tags"]').attr('checked'), 'checked', 'tags offered for merge');
  let res = await act(cura, dup.id, 'merge', { survivor: 'no-such-record', merge_tags: 'yes' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.merge-panel .field-error').text(), /No hay ningún registro «no-such-record»/);
  res = await act(cura, dup.id, 'merge', { survivor: alliance.slug, merge_tags: 'yes' });
  t.equal(res.statusCode, 400, 'into an unpublished record');
  t.match(page(res.body)('.merge-panel .field-error').text(), /registro publicado/);
  res = await act(cura, dup.id, 'merge', { survivor: `/practices/${survivor.slug}`, merge_tags: 'yes' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, `/curation/records/${survivor.id}?done=merged`);
  t.equal(statusOf(app, dup.id), 'archived');
  t.ok(app.services.practices.findById(survivor.id)!.countries.includes('HN'), 'its tags were merged');
  const old = await app.inject(`/practices/${dup.slug}`);
  t.equal(old.statusCode, 301);
  t.equal(old.headers.location, `/practices/${survivor.slug}`);
  $ = page((await cura.get(`/curation/records/${dup.id}`)).body);
  t.equal($('.notice a').attr('href'), `/curation/records/${survivor.id}`, 'the duplicate points to the survivor');
});

t.test('internal notes: curators only, never on the tracking page', async (t) => {
  const { app, alliance, cura, otra } = await setup(t);
  let res = await act(cura, alliance.id, 'notes', { text: '   ' });
  t.equal(res.statusCode, 400);
  t.match(page(res.body)('.notes-panel .field-error').text(), /vacía/);
  res = await act(cura, alliance.id, 'notes', { text: 'Confirmar con la OIT si el acuerdo sigue vigente <b>ya</b>' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, `/curation/records/${alliance.id}?done=note#notes`);
  const $ = page((await otra.get(`/curation/records/${alliance.id}`)).body);
  t.equal($('.note .note-text').text(), 'Confirmar con la OIT si el acuerdo sigue vigente <b>ya</b>', 'printed as text');
  t.match($('.note .note-meta').text(), /Cura Dora/);
  t.notMatch((await app.inject(`/submissions/${alliance.token}`)).body, /Confirmar con la OIT/, 'not on the tracking page');
});

t.test('the audit log: filters, pagination, CSV with the same filters', async (t) => {
  const { app, alliance, practice, cura, admin } = await setup(t);
  await act(cura, alliance.id, 'actions', { action: 'claim' });
  await act(cura, practice.id, 'actions', { action: 'claim' });
  await act(admin, practice.id, 'actions', { action: 'reject', reason: 'duplicate', message: 'Ya existe' });
  await act(cura, alliance.id, 'notes', { text: 'nota' });
  let $ = page((await cura.get('/curation/audit')).body);
  t.same($('.audit-table tbody tr').map((_i, r) => $(r).attr('data-action')).get(), ['note', 'reject', 'claim', 'claim'], 'newest first');
  const reject = $('.audit-table tr[data-action="reject"]');
  t.equal(reject.find('.audit-actor').text(), 'admin@example.org');
  t.match(squash(reject.text()), /En revisión → Rechazada/);
  t.match(squash(reject.text()), /motivo: Duplicada/);
  t.equal(reject.find(`a[href="/curation/records/${practice.id}"]`).text(), practice.slug);

  const actions = async (qs: string) => {
    const p = page((await cura.get(`/curation/audit?${qs}`)).body);
    return p('.audit-table tbody tr').map((_i, r) => p(r).attr('data-action')).get();
  };
  t.same(await actions('action=claim'), ['claim', 'claim']);
  t.same(await actions('actor=ADMIN%40example.org'), ['reject'], 'actor e-mail, any case');
  t.same(await actions(`slug=${alliance.slug}`), ['note', 'claim']);
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  t.same((await actions(`from=${today}&to=${today}`)).length, 4, 'a day range includes its last day');
  t.same(await actions(`from=${tomorrow}`), []);
  t.equal((await cura.get('/curation/audit?from=2024-02-30')).statusCode, 400);
  t.equal((await cura.get('/curation/audit?action=DROP%20TABLE')).statusCode, 400);

  // Pagination: 50 per page.
  for (let i = 0; i < 50; i++) app.services.curation.addNote(alliance.id, `n${i}`, { kind: 'user', id: 1, role: 'curator', email: 'cura@example.org' });
  $ = page((await cura.get('/curation/audit')).body);
  t.equal($('.audit-table tbody tr').length, 50);
  t.match($('.audit-total').text(), /54 entradas/);
  const next = $('.audit-pagination a[rel="next"]').attr('href');
  t.equal(next, '/curation/audit?page=2');
  t.equal(page((await cura.get(next!)).body)('.audit-table tbody tr').length, 4);
  $ = page((await cura.get('/curation/audit?action=note')).body);
  t.equal($('a.csv-link').attr('href'), '/curation/audit.csv?action=note', 'the CSV link keeps the filters');

  const csv = await cura.get('/curation/audit.csv?action=reject');
  t.equal(csv.statusCode, 200);
  t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  t.equal(csv.headers['content-disposition'], 'attachment; filename=puente-audit.csv');
  const lines = csv.body.trim().split('\n');
  t.equal(lines[0], 'id,at,actor_kind,actor_email,action,slug,from_status,to_status,details');
  t.equal(lines.length, 2);
  t.match(lines[1], new RegExp(`,user,admin@example.org,reject,${practice.slug},in-review,rejected,"\\{""message"":""Ya existe"",""reason"":""duplicate""\\}"$`));
  const everything = await cura.get('/curation/audit.csv');
  t.equal(everything.body.trim().split('\n').length, 55, 'header + every entry');
});

t.test('submitted, rejected and archived records never reach public pages, search or the JSON API', async (t) => {
  const { app, alliance, practice, recent, cura } = await setup(t);
  await act(cura, practice.id, 'actions', { action: 'claim' });
  await act(cura, practice.id, 'actions', { action: 'reject', reason: 'other', message: 'No' });
  const archived = app.services.practices.findBySlug('oim-piensalo-2-veces')!;
  t.equal((await act(cura, archived.id, 'actions', { action: 'archive' })).statusCode, 303);
  const hidden = [
    { slug: alliance.slug, word: 'zeppelin', country: 'gt' },
    { slug: practice.slug, word: 'quetzal', country: 'hn' },
    { slug: recent.slug, word: 'xilófono', country: 'mx' },
    { slug: archived.slug, word: 'Piénsalo', country: archived.countries[0]!.toLowerCase() },
  ];
  t.same(hidden.map((h) => app.services.practices.findBySlug(h.slug)!.status), ['submitted', 'rejected', 'submitted', 'archived']);
  for (const h of hidden) {
    t.equal((await app.inject(`/practices/${h.slug}`)).statusCode, 404, `/practices/${h.slug}`);
    t.equal((await app.inject(`/api/practices/${h.slug}`)).statusCode, 404, `/api/practices/${h.slug}`);
    const api = (await app.inject(`/api/search?q=${encodeURIComponent(h.word)}`)).json() as { hits: Array<{ slug: string }> };
    t.notOk(api.hits.some((x) => x.slug === h.slug), `/api/search?q=${h.word} excludes it`);
    t.notOk((await app.inject(`/search?q=${encodeURIComponent(h.word)}`)).body.includes(`/practices/${h.slug}"`), `/search?q=${h.word} excludes it`);
    t.notOk((await app.inject(`/countries/${h.country}`)).body.includes(`/practices/${h.slug}"`), `/countries/${h.country} excludes it`);
    t.notOk(JSON.stringify((await app.inject(`/api/countries/${h.country}`)).json()).includes(h.slug), `/api/countries/${h.country} excludes it`);
  }
  t.notOk((await app.inject('/')).body.includes(archived.slug), 'nor the home page');
  t.notOk((await app.inject('/api/alliances')).body.includes(alliance.slug), 'nor the alliances JSON');
});

t.test('accounts: admins list, create with a temporary password, change roles, disable', async (t) => {
  const { app, cura, curaId, admin, adminId } = await setup(t);
  t.equal((await cura.get('/admin/users')).statusCode, 403, 'curators may not');
  t.match(page((await cura.get('/admin/users')).body)('h1').text(), /Acceso restringido/);
  let $ = page((await admin.get('/admin/users')).body);
  t.same($('.accounts-table tbody tr').map((_i, r) => $(r).attr('data-email')).get(), ['admin@example.org', 'cura@example.org', 'otra@example.org']);
  t.equal($('.account-menu a[href="/admin/users"]').length, 1, 'admins get the accounts link');

  let res = await admin.post('/admin/users', { email: 'nuevo@example.org', name: 'Nuevo Curador', role: 'curator' }, await admin.csrf('/admin/users'));
  t.equal(res.statusCode, 201);
  t.equal(res.headers['cache-control'], 'no-store');
  const password = page(res.body)('.temporary-password code').text();
  t.ok(password.length >= 20, 'a temporary password shown once');
  t.equal((await new Agent(app).login('nuevo@example.org', password)).statusCode, 303, 'it works');
  res = await admin.post('/admin/users', { email: 'nuevo@example.org', name: 'Otra vez', role: 'curator' }, await admin.csrf('/admin/users'));
  t.equal(res.statusCode, 409);
  t.match(page(res.body)('.admin-error').text(), /Ya existe una cuenta/);
  t.equal(page(res.body)('#new-name').val(), 'Otra vez', 'typed values kept');

  res = await admin.post(`/admin/users/${curaId}/role`, { role: 'admin' }, await admin.csrf('/admin/users'));
  t.equal(res.statusCode, 303);
  t.equal(app.services.users.findById(curaId)!.role, 'admin');
  t.equal((await cura.get('/admin/users')).statusCode, 200, 'the new role applies at once');
  await admin.post(`/admin/users/${curaId}/role`, { role: 'curator' }, await admin.csrf('/admin/users'));

  res = await admin.post(`/admin/users/${curaId}/status`, { disabled: '1' }, await admin.csrf('/admin/users'));
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/admin/users?done=disabled');
  t.equal((await cura.get('/curation')).statusCode, 303, 'their session ended');
  $ = page((await admin.get('/admin/users?done=disabled')).body);
  t.ok($('tr[data-email="cura@example.org"]').hasClass('is-disabled'));
  t.equal((await new Agent(app).login('cura@example.org', PASSWORD)).statusCode, 401, 'cannot log in');
  await admin.post(`/admin/users/${curaId}/status`, { disabled: '0' }, await admin.csrf('/admin/users'));
  t.equal((await new Agent(app).login('cura@example.org', PASSWORD)).statusCode, 303, 'enabled again');

  res = await admin.post(`/admin/users/${adminId}/status`, { disabled: '1' }, await admin.csrf('/admin/users'));
  t.equal(res.statusCode, 409, 'not their own account');
  t.match(page(res.body)('.admin-error').text(), /propia cuenta/);
  t.equal((await admin.post('/admin/users/99999/role', { role: 'admin' }, await admin.csrf('/admin/users'))).statusCode, 404);

  const log = app.services.curation.auditLog({}, { limit: 20, offset: 0 }).entries.map((e) => e.action);
  t.same(log, ['account-enable', 'account-disable', 'account-role', 'account-role', 'account-create'], 'audited');
});
