import t from 'tap';
import { RECEIPT_COOKIE } from '../../../src/web/routes/contribute/forms.js';
import { Agent, loggedIn, PASSWORD, type FormData } from '../../helpers/agent.js';
import { buildTestApp } from '../../helpers/build-app.js';
import { VALID } from '../../helpers/fixtures.js';

/**
 * The authorization matrix: EVERY route of the app's route table (HEAD included) × four actors, each
 * answered with the status this table expects. A route missing from the table fails the test ("new route
 * without an authorization entry"), and so does an entry matching no route.
 *
 * Actors: anonymous; a contributor (anonymous to the session, holding a tracking token: the tracking URL
 * and the receipt cookie); a curator; an admin. Params are real: a published seeded practice, a live token
 * (the contributor's; others get an unknown one), an account id. POST bodies pass the CSRF check (each
 * actor's own token) and are harmless for those allowed in: invalid or no-op, so every row is
 * deterministic and nothing changes state.
 */

type ActorName = 'anonymous' | 'contributor' | 'curator' | 'admin';
const ACTORS: readonly ActorName[] = ['anonymous', 'contributor', 'curator', 'admin'];

/** Expected status per actor; `login` = 303 to `/login` (with `?next=` for GET and HEAD). */
type Expect = number | 'login';
type Row = Record<ActorName, Expect>;

const all = (s: number): Row => ({ anonymous: s, contributor: s, curator: s, admin: s });
const curators = (s: number): Row => ({ anonymous: 'login', contributor: 'login', curator: s, admin: s });
const admins = (s: number): Row => ({ anonymous: 'login', contributor: 'login', curator: 403, admin: s });

/** Keyed `METHOD url-pattern`; HEAD rows use their GET row. */
const EXPECTED: Record<string, Row> = {
  // Public pages and their JSON twins
  'GET /assets/*': all(200),
  'GET /': all(200),
  'GET /countries': all(200),
  'GET /api/countries': all(200),
  'GET /countries/:code': all(200),
  'GET /api/countries/:code': all(200),
  'GET /pillars': all(200),
  'GET /api/pillars': all(200),
  'GET /pillars/:id': all(200),
  'GET /api/pillars/:id': all(200),
  'GET /partners': all(200),
  'GET /api/partners': all(200),
  'GET /partners/:id': all(200),
  'GET /api/partners/:id': all(200),
  'GET /practices/:slug': all(200),
  'GET /api/practices/:slug': all(200),
  'GET /alliances': all(200),
  'GET /api/alliances': all(200),
  'GET /search': all(200),
  'GET /api/search': all(200),
  'GET /favicon.ico': all(301),
  // Contributions: open to everyone; the forms' preview answers 200, an empty upload 400, bad JSON 400.
  'GET /contribute': all(200),
  'GET /contribute/practice': all(200),
  'POST /contribute/practice': all(200),
  'GET /contribute/alliance': all(200),
  'POST /contribute/alliance': all(200),
  'POST /contribute/preview': all(200),
  'GET /contribute/upload': all(200),
  'POST /contribute/upload': all(400),
  'POST /api/submissions': all(400),
  // The receipt needs the receipt cookie; the tracking page needs a live token (a revision only while
  // changes are requested: otherwise back to the page, 303).
  'GET /contribute/thanks': { anonymous: 303, contributor: 200, curator: 303, admin: 303 },
  'GET /submissions/:token': { anonymous: 404, contributor: 200, curator: 404, admin: 404 },
  'POST /submissions/:token': { anonymous: 404, contributor: 303, curator: 404, admin: 404 },
  // Sessions: logged-in users are sent from the login page to /curation; a wrong password is 401 for anyone.
  'GET /login': { anonymous: 200, contributor: 200, curator: 303, admin: 303 },
  'POST /login': all(401),
  'POST /logout': all(303),
  // Curation: curators and admins; POSTs here are invalid (400) so nothing moves.
  'GET /curation': curators(200),
  'GET /curation/records/:id': curators(200),
  'POST /curation/records/:id/actions': curators(400),
  'POST /curation/records/:id/edit': curators(400),
  'POST /curation/records/:id/partners': curators(400),
  'POST /curation/records/:id/merge': curators(400),
  'POST /curation/records/:id/notes': curators(400),
  'GET /practices/:slug/history': curators(200),
  'GET /curation/audit': curators(200),
  'GET /curation/audit.csv': curators(200),
  // Accounts: admins only (curators 403). Creating with a bad e-mail: 400; a bad role: 400; enabling an
  // enabled account: a no-op, 303.
  'GET /admin/users': admins(200),
  'POST /admin/users': admins(400),
  'POST /admin/users/:id/role': admins(400),
  'POST /admin/users/:id/status': admins(303),
};

/** Harmless bodies of the POST routes (the CSRF token is added per actor). */
const BODIES: Record<string, FormData | { json: unknown }> = {
  '/contribute/practice': { action: 'preview', body: '## Hola' },
  '/contribute/alliance': { action: 'preview', body: '## Hola' },
  '/contribute/preview': { json: { body: '## Hola' } },
  '/contribute/upload': { website: '' },
  '/api/submissions': { json: { title: '' } },
  '/submissions/:token': { action: 'submit', title: 'x' },
  '/login': { email: 'nobody@example.org', password: 'not the password' },
  '/logout': {},
  '/curation/records/:id/actions': { action: 'no-such-action' },
  '/curation/records/:id/edit': { title: '', body: '' },
  '/curation/records/:id/partners': { name: 'Nobody', mode: 'existing', partner_id: '' },
  '/curation/records/:id/merge': { survivor: 'no-such-record' },
  '/curation/records/:id/notes': { text: '   ' },
  '/admin/users': { email: 'not-an-email', name: 'X', role: 'curator' },
  '/admin/users/:id/role': { role: 'emperor' },
  '/admin/users/:id/status': { disabled: '0' },
};

t.test('authorization matrix: every route × anonymous, contributor, curator, admin', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  const submitted = app.services.submissions.submit({ ...VALID }, 'form');
  if (!submitted.ok) throw new Error('fixture submission failed');
  const practice = app.services.practices.findBySlug('gt-centro-recepcion-retornados')!;
  const spare = await app.services.auth.createUser({ email: 'spare@example.org', name: 'Spare', role: 'curator', password: PASSWORD });

  // The actors' browsers.
  const agents: Record<ActorName, Agent> = {
    anonymous: new Agent(app),
    contributor: new Agent(app),
    curator: (await loggedIn(app, { email: 'cura@example.org', name: 'Cura', role: 'curator' })).agent,
    admin: (await loggedIn(app, { email: 'admin@example.org', name: 'Admin', role: 'admin' })).agent,
  };
  agents.contributor.jar.set(RECEIPT_COOKIE, encodeURIComponent(app.signCookie(submitted.token)));
  const tokens = {} as Record<ActorName, string>;
  for (const a of ACTORS) tokens[a] = await agents[a].csrf();

  const paramsFor = (actor: ActorName, route: string): Record<string, string> => ({
    slug: practice.slug,
    code: 'gt',
    id: route.startsWith('/admin/') ? String(spare.id) : route.startsWith('/pillars') || route.startsWith('/api/pillars') ? 'migration-management' : route.includes('partners/') ? 'iom' : String(practice.id),
    token: actor === 'contributor' ? submitted.token : 'no-such-token-0000000000000000000000000000',
  });
  const fill = (actor: ActorName, pattern: string) =>
    pattern.replace('*', 'main.css').replace(/:(\w+)/g, (_m, name: string) => paramsFor(actor, pattern)[name] ?? name);

  // Every route must have an entry; every entry must match a route.
  const keyOf = (r: { method: string; url: string }) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
  const routes = [...app.routeTable];
  const missing = routes.filter((r) => !EXPECTED[keyOf(r)]).map((r) => `${r.method} ${r.url}`);
  t.same(missing, [], 'new route without an authorization entry: add it to EXPECTED');
  const stale = Object.keys(EXPECTED).filter((k) => !routes.some((r) => keyOf(r) === k));
  t.same(stale, [], 'entries matching no route');

  // POST /logout ends the session it is sent with: run it last for each actor.
  const ordered = [...routes].sort((a, b) => Number(a.url === '/logout') - Number(b.url === '/logout'));
  let checked = 0;
  const failures: string[] = [];
  for (const actor of ACTORS) {
    const agent = agents[actor];
    for (const route of ordered) {
      const expected = EXPECTED[keyOf(route)]?.[actor];
      if (expected === undefined) continue;
      const url = fill(actor, route.url);
      let res;
      if (route.method === 'POST') {
        const body = BODIES[route.url] ?? {};
        res =
          'json' in body
            ? await agent.request('POST', url, { json: (body as { json: unknown }).json, headers: { 'csrf-token': tokens[actor] } })
            : await agent.request('POST', url, { form: { _csrf: tokens[actor], ...(body as FormData) } });
      } else {
        res = await agent.request(route.method as 'GET' | 'HEAD', url);
      }
      checked++;
      const label = `${actor.padEnd(11)} ${route.method} ${url}`;
      if (expected === 'login') {
        const location = String(res.headers.location ?? '');
        const wanted = route.method === 'POST' ? '/login' : `/login?next=${encodeURIComponent(url)}`;
        if (res.statusCode !== 303 || location !== wanted) failures.push(`${label}: expected 303 -> ${wanted}, got ${res.statusCode} -> ${location}`);
      } else if (res.statusCode !== expected) {
        failures.push(`${label}: expected ${expected}, got ${res.statusCode}`);
      }
    }
  }
  t.same(failures, [], 'every route answers every actor as expected');
  t.equal(checked, routes.length * ACTORS.length);
  t.comment(`authorization matrix: ${routes.length} routes × ${ACTORS.length} actors = ${checked} checks`);

  // Nothing moved: the fixture submission is still submitted, no audit entry was written.
  t.equal(app.services.practices.findById(submitted.practice.id)!.status, 'submitted');
  t.equal(app.services.curation.auditLog({}, { limit: 10, offset: 0 }).total, 0, 'no audited change');
});
