import * as cheerio from 'cheerio';
import t from 'tap';
import { LOGIN_ATTEMPTS_PER_IP } from '../../../src/web/routes/auth/index.js';
import { SESSION_COOKIE } from '../../../src/web/plugins/session.js';
import { Agent, loggedIn, PASSWORD } from '../../helpers/agent.js';
import { buildTestApp } from '../../helpers/build-app.js';

/** Logging in and out, the rate limits, session fixation and CSRF on every POST route. */

const CURATOR = { email: 'cura@example.org', name: 'Cura Dora', role: 'curator' as const };

t.test('the login page: fields, CSRF, no session cookie for anonymous visitors', async (t) => {
  const app = await buildTestApp(t);
  const agent = new Agent(app);
  const res = await agent.get('/login');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html/);
  const $ = cheerio.load(res.body);
  t.equal($('form.login-form input[name="email"]').length, 1);
  t.equal($('form.login-form input[name="password"][type="password"]').length, 1);
  t.ok($('form.login-form input[name="_csrf"]').val(), 'a CSRF token');
  t.equal($('meta[name="robots"]').attr('content'), 'noindex');
  t.notOk(agent.jar.has(SESSION_COOKIE), 'no session for anonymous visitors (saveUninitialized: false)');
  const home = cheerio.load((await agent.get('/')).body);
  t.equal(home('.footer-login a').attr('href'), '/login', 'the discreet footer link');
  t.equal(home('.account-menu').length, 0);
});

t.test('a wrong password and an unknown e-mail give the same page, message and status', async (t) => {
  const app = await buildTestApp(t);
  await app.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const a = new Agent(app);
  const wrongPassword = await a.login(CURATOR.email, 'not the password at all');
  const unknownEmail = await a.login('nobody@example.org', PASSWORD);
  t.equal(wrongPassword.statusCode, 401);
  t.equal(unknownEmail.statusCode, wrongPassword.statusCode, 'same status');
  const m1 = cheerio.load(wrongPassword.body)('.login-error').text().trim();
  const m2 = cheerio.load(unknownEmail.body)('.login-error').text().trim();
  t.equal(m1, 'El correo electrónico o la contraseña no son correctos.');
  t.equal(m2, m1, 'same message');
  // The pages differ only by the CSRF token and the e-mail typed back into the form.
  const strip = (html: string) => html.replace(/value="[^"]*"/g, 'value=""');
  t.equal(strip(wrongPassword.body), strip(unknownEmail.body), 'same page');
  t.notOk(a.jar.has(SESSION_COOKIE), 'no session after failures');
  const en = new Agent(app);
  await en.get('/?lang=en');
  const res = await en.login(CURATOR.email, 'wrong');
  t.equal(cheerio.load(res.body)('.login-error').text().trim(), 'E-mail or password is incorrect.');
});

t.test('rate limits: per account in the auth service, per IP with @fastify/rate-limit; each with its own message (429)', async (t) => {
  const app = await buildTestApp(t);
  await app.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const a = new Agent(app);
  for (let i = 0; i < 5; i++) t.equal((await a.login(CURATOR.email, `wrong ${i}`)).statusCode, 401);
  const limited = await a.login(CURATOR.email, PASSWORD);
  t.equal(limited.statusCode, 429, 'after 5 failures the account is locked for a while, even with the right password');
  const msg = cheerio.load(limited.body)('.login-error').text().trim();
  t.match(msg, /Demasiados intentos/);
  t.not(msg, 'El correo electrónico o la contraseña no son correctos.', 'a distinct message');
  t.notOk(a.jar.has(SESSION_COOKIE));

  // Per IP: 20 attempts per 15 minutes whatever the outcome (successful logins of another account here).
  const app2 = await buildTestApp(t);
  await app2.services.auth.createUser({ email: 'ok@example.org', name: 'Ok', role: 'curator', password: PASSWORD });
  let ok = 0;
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_IP; i++) {
    // A fresh browser each time: a login rotates the CSRF secret.
    if ((await new Agent(app2).login('ok@example.org', PASSWORD)).statusCode === 303) ok++;
  }
  t.equal(ok, LOGIN_ATTEMPTS_PER_IP, `${LOGIN_ATTEMPTS_PER_IP} logins accepted`);
  const over = await new Agent(app2).login('ok@example.org', PASSWORD);
  t.equal(over.statusCode, 429, `attempt ${LOGIN_ATTEMPTS_PER_IP + 1} from the same address`);
  t.ok(Number(over.headers['retry-after']) > 0, 'Retry-After');
  t.match(cheerio.load(over.body)('.login-error').text(), /Demasiados intentos/);
});

t.test('session fixation: a new session id on login; the old one is dead', async (t) => {
  const app = await buildTestApp(t);
  await app.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const a = new Agent(app);
  t.equal((await a.login(CURATOR.email, PASSWORD)).statusCode, 303);
  const first = a.jar.get(SESSION_COOKIE);
  t.ok(first, 'a session cookie after login');
  const csrfBefore = a.jar.get('_csrf');
  // Logging in again while holding a session (e.g. one planted by someone else) gives a new id.
  const token = await a.csrf('/');
  const again = await a.post('/login', { email: CURATOR.email, password: PASSWORD }, token);
  t.equal(again.statusCode, 303);
  const second = a.jar.get(SESSION_COOKIE);
  t.ok(second);
  t.not(second, first, 'the session cookie value changed');
  t.not(a.jar.get('_csrf'), csrfBefore, 'the CSRF secret changed with the session');
  const old = await app.inject({ url: '/curation', headers: { cookie: `${SESSION_COOKIE}=${first}` } });
  t.equal(old.statusCode, 303, 'the previous session no longer opens curation pages');
  t.match(old.headers.location, /^\/login\?next=%2Fcuration$/);
  t.equal((await a.get('/curation')).statusCode, 200, 'the new one does');
  // A forged (unsigned) cookie is anonymous.
  const forged = await app.inject({ url: '/curation', headers: { cookie: `${SESSION_COOKIE}=abc.def` } });
  t.equal(forged.statusCode, 303);
});

t.test('the session cookie: httpOnly, SameSite=Lax, 8 hours, Secure only when configured', async (t) => {
  const app = await buildTestApp(t);
  await app.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const a = new Agent(app);
  const res = await a.login(CURATOR.email, PASSWORD);
  const c = (res.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string; expires?: Date }>).find((x) => x.name === SESSION_COOKIE)!;
  t.ok(c.httpOnly);
  t.equal(c.sameSite, 'Lax');
  t.notOk(c.secure);
  t.equal(c.path, '/');
  const hours = (c.expires!.getTime() - Date.now()) / 3_600_000;
  t.ok(hours > 7.9 && hours <= 8, `expires in 8 hours (${hours.toFixed(2)})`);
  t.match(c, { name: SESSION_COOKIE });
  const row = app.db.prepare('SELECT data, expires_at FROM sessions').get() as { data: string; expires_at: string };
  t.match(JSON.parse(row.data), { userId: Number });
  t.ok(Math.abs(Date.parse(row.expires_at) - c.expires!.getTime()) < 1000, 'the store keeps the cookie expiry');

  const secure = await buildTestApp(t, { env: { COOKIE_SECURE: 'true' } });
  await secure.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const s = new Agent(secure);
  const token = await s.csrf();
  // Over plain HTTP a Secure cookie is never set (@fastify/session); behind HTTPS it is.
  const r = await secure.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: s.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
    payload: new URLSearchParams({ _csrf: token, email: CURATOR.email, password: PASSWORD }).toString(),
  });
  t.equal(r.statusCode, 303);
  t.notOk((r.cookies as Array<{ name: string }>).some((x) => x.name === SESSION_COOKIE), 'no Secure cookie over http');
});

t.test('logged in: the header shows the name, curation link and logout form; login redirects', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  const { agent } = await loggedIn(app, CURATOR);
  const $ = cheerio.load((await agent.get('/countries')).body);
  t.match($('.account-menu .account-name').text(), /Cura Dora/);
  t.equal($('.account-menu a[href="/curation"]').length, 1);
  t.equal($('.account-menu a[href="/admin/users"]').length, 0, 'no accounts link for curators');
  t.equal($('.account-menu form.logout-form[method="post"][action="/logout"] input[name="_csrf"]').length, 1);
  t.equal($('.footer-login').length, 0);
  const login = await agent.get('/login');
  t.equal(login.statusCode, 303);
  t.equal(login.headers.location, '/curation');
});

t.test('next: only same-origin paths', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  await app.services.auth.createUser({ ...CURATOR, password: PASSWORD });
  const cases: Array<[string, string]> = [
    ['/curation/audit?action=publish', '/curation/audit?action=publish'],
    ['//evil.example/x', '/curation'],
    ['https://evil.example/', '/curation'],
    ['/\\evil.example', '/curation'],
    ['/.//evil.example', '/evil.example'],
    ['javascript:alert(1)', '/curation'],
    ['/logout', '/curation'],
  ];
  for (const [next, expected] of cases) {
    const a = new Agent(app);
    const res = await a.login(CURATOR.email, PASSWORD, next);
    t.equal(res.statusCode, 303);
    t.equal(res.headers.location, expected, `next=${next}`);
  }
  // The login page carries `next` from the guard's redirect.
  const a = new Agent(app);
  const guard = await a.get('/curation/audit?action=claim');
  t.equal(guard.headers.location, '/login?next=%2Fcuration%2Faudit%3Faction%3Dclaim');
  const page = cheerio.load((await a.get(guard.headers.location as string)).body);
  t.equal(page('input[name="next"]').val(), '/curation/audit?action=claim');
});

t.test('logout destroys the session server-side: the old cookie is anonymous afterwards', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  const { agent } = await loggedIn(app, CURATOR);
  const cookie = agent.jar.get(SESSION_COOKIE)!;
  t.equal((await agent.get('/curation')).statusCode, 200);
  const token = await agent.csrf();
  const out = await agent.post('/logout', {}, token);
  t.equal(out.statusCode, 303);
  t.equal(out.headers.location, '/');
  t.notOk(agent.jar.has(SESSION_COOKIE), 'the cookie is cleared');
  t.equal((app.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n, 0, 'no session row left');
  const reuse = await app.inject({ url: '/curation', headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  t.equal(reuse.statusCode, 303, 're-using the old cookie is anonymous');
  const home = await app.inject({ url: '/', headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  t.equal(cheerio.load(home.body)('.account-menu').length, 0);
});

t.test('disabling an account ends its sessions; a disabled account cannot log in', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  const { agent, id } = await loggedIn(app, CURATOR);
  t.equal((await agent.get('/curation')).statusCode, 200);
  app.services.users.setDisabled(id, true);
  t.equal((await agent.get('/curation')).statusCode, 303, 'a disabled user is anonymous at once');
  const again = await new Agent(app).login(CURATOR.email, PASSWORD);
  t.equal(again.statusCode, 401);
});

t.test('CSRF: a missing or wrong token on every POST route answers 403', async (t) => {
  const app = await buildTestApp(t, { seed: true });
  const { agent: admin } = await loggedIn(app, { email: 'admin@example.org', name: 'Admin', role: 'admin' });
  const token = await admin.csrf();
  const practice = app.services.practices.findBySlug('gt-centro-recepcion-retornados')!;
  const params: Record<string, string> = { id: String(practice.id), token: 'some-token', slug: practice.slug };
  /** POST routes that take no CSRF token, and why. */
  const exempt: Record<string, string> = {
    '/api/submissions': 'JSON API: reads no cookie, requires application/json (no cross-site form can send it without a CORS preflight)',
  };
  const posts = app.routeTable.filter((r) => r.method === 'POST');
  t.ok(posts.length >= 12, `${posts.length} POST routes`);
  for (const route of posts) {
    if (exempt[route.url]) {
      t.comment(`${route.url}: no CSRF (${exempt[route.url]})`);
      continue;
    }
    const url = route.url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'x');
    const json = route.url === '/contribute/preview';
    const send = (csrf: string | null) =>
      json
        ? admin.request('POST', url, { json: { body: 'x' }, headers: csrf === null ? {} : { 'csrf-token': csrf } })
        : admin.request('POST', url, { form: { ...(csrf === null ? {} : { _csrf: csrf }), email: 'x@example.org', password: 'x', text: 'x', action: 'preview' } });
    const missing = await send(null);
    t.equal(missing.statusCode, 403, `POST ${route.url} without a token`);
    const wrong = await send(token.slice(0, -4) + 'AAAA');
    t.equal(wrong.statusCode, 403, `POST ${route.url} with a wrong token`);
  }
  // The admin session survived (no POST above ran).
  t.equal((await admin.get('/admin/users')).statusCode, 200);
  // The CSRF secret is bound to the browser: another browser's token is refused too.
  const other = new Agent(app);
  const otherToken = await other.csrf();
  t.equal((await admin.post('/curation/records/1/notes', { text: 'x' }, otherToken)).statusCode, 403);
});
