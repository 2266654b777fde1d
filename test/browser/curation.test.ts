import type { AddressInfo } from 'node:net';
import { chromiumSkip, launchChromium, screenshotter } from '../helpers/browser.js';
import { type BrowserContext, type Page } from 'playwright-core';
import t from 'tap';
import { buildTestApp } from '../helpers/build-app.js';
import { VALID } from '../helpers/fixtures.js';

/**
 * The curation loop in Debian's Chromium: a curator logs in, claims a submitted alliance and requests
 * changes; the contributor revises from the tracking link; the curator resolves the "other partner",
 * publishes, and the practice appears in /search and on its countries' pages.
 * Screenshots: test-output/screenshots/curation-*.png.
 */
const skip = chromiumSkip;
if (skip) t.comment(skip);

const PASSWORD = 'correct horse battery staple';

t.test('curation: login, claim, request changes, contributor revision, resolve partner, publish', { skip }, async (t) => {
  const app = await buildTestApp(t, { seed: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await app.services.auth.createUser({ email: 'cura@example.org', name: 'Cura Dora', role: 'curator', password: PASSWORD });
  await app.services.auth.createUser({ email: 'admin@example.org', name: 'Ana Admin', role: 'admin', password: PASSWORD });
  const submitted = app.services.submissions.submit({ ...VALID, title: 'Mesa binacional zeppelin', other_partners: 'Red de Jornaleros' }, 'form');
  if (!submitted.ok) throw new Error('fixture submission failed');
  const id = submitted.practice.id;

  const browser = await launchChromium(t);

  const problems: string[] = [];
  /** Answers a step expects (the refused publish: 409), by URL. */
  const expected = new Map<string, number>();
  const open = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      const wanted = expected.get(m.location().url);
      if (wanted && m.text().includes(`status of ${wanted}`)) return;
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // A request the browser itself abandons (a favicon or image still loading when a link is followed) is not a failure.
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('response', (r) => {
      if (r.url().startsWith(base) && r.status() >= 400 && expected.get(r.url()) !== r.status()) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    return { context, page };
  };
  const shot = screenshotter(t);
  const noOverflow = async (p: Page, what: string) => {
    const [scroll, client] = (await p.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    t.ok(scroll <= client, `${what}: no horizontal overflow (${scroll} <= ${client})`);
  };

  // The curator logs in from the footer link.
  const { context: curatorContext, page: cur } = await open();
  await cur.goto(base + '/');
  await cur.locator('.footer-login a').click();
  await cur.waitForURL(base + '/login');
  await shot(cur, 'curation-login.png');
  await cur.locator('#login-email').fill('cura@example.org');
  await cur.locator('#login-password').fill(PASSWORD);
  await cur.locator('form.login-form button[type="submit"]').click();
  await cur.waitForURL(base + '/curation');
  t.match(await cur.locator('.account-menu .account-name').innerText(), /Cura Dora/, 'the header names the curator');
  t.equal(await cur.locator(`.queue-table tr[data-id="${id}"]`).count(), 1, 'the submission is in the queue');
  await noOverflow(cur, 'queue');
  await shot(cur, 'curation-queue.png');

  // Claim from the queue, then request changes.
  await cur.locator(`.queue-table tr[data-id="${id}"] form button`).click();
  await cur.waitForURL(`${base}/curation/records/${id}?done=claim`);
  t.match(await cur.locator('.notice-done').innerText(), /Registro tomado/);
  t.equal(await cur.locator('.practice-preview figure.alliance-diagram').count(), 1, 'the alliance as it will be published');
  t.equal(await cur.locator('.contributor-email').innerText(), 'ana@example.org');
  await noOverflow(cur, 'review page');
  await shot(cur, 'curation-review.png');
  await cur.locator('#changes-message').fill('Añadan los resultados de 2023, por favor.');
  await cur.locator('form.action-request-changes button[type="submit"]').click();
  await cur.waitForURL(`${base}/curation/records/${id}?done=request-changes`);
  t.equal(app.services.practices.findById(id)!.status, 'changes-requested');

  // The contributor revises from the tracking link.
  const { context: contributorContext, page: con } = await open();
  await con.goto(`${base}/submissions/${submitted.token}`);
  t.match(await con.locator('.feedback-text').innerText(), /Añadan los resultados de 2023/);
  const body = con.locator('textarea[name="body"]');
  await body.fill((await body.inputValue()) + '\n\n## Resultados\n\nEn 2023 se contrataron 1200 personas.');
  await con.locator('input[name="title"]').fill('Mesa binacional zeppelin revisada');
  await con.locator('form.contribution-form button[name="action"][value="submit"]').click();
  await con.waitForURL(`${base}/submissions/${submitted.token}?revised=1`);
  t.equal(app.services.practices.findById(id)!.status, 'submitted', 'back in the queue');
  await shot(con, 'curation-tracking-revised.png');
  await contributorContext.close();

  // The curator claims it again, sees what changed, resolves the other partner and publishes.
  await cur.goto(base + '/curation');
  await cur.locator(`.queue-table tr[data-id="${id}"] form button`).click();
  await cur.waitForURL(`${base}/curation/records/${id}?done=claim`);
  t.equal(await cur.locator('.revision-diff .diff-field[data-field="body"] li.diff-ins', { hasText: '## Resultados' }).count(), 1, 'the revision diff shows the added lines');
  await shot(cur, 'curation-review-revised.png');
  expected.set(`${base}/curation/records/${id}/actions`, 409);
  await cur.locator('form.action-publish button[type="submit"]').click();
  t.match(await cur.locator('.refusal-message').innerText(), /resolver los «otros socios»/, 'publishing is refused while a partner is unresolved');
  const partner = cur.locator('.other-partner[data-name="Red de Jornaleros"]');
  await partner.locator('details.partner-create summary').click();
  await partner.locator('input[name="id"]').fill('RED-JORNALEROS');
  await partner.locator('input[name="name_en"]').fill('Day Labourers Network');
  await partner.locator('details.partner-create button[type="submit"]').click();
  await cur.waitForURL(`${base}/curation/records/${id}?done=partner`);
  expected.clear();
  t.match(await cur.locator('.readiness').innerText(), /Listo para publicar/);
  await cur.locator('form.action-publish button[type="submit"]').click();
  await cur.waitForURL(`${base}/curation/records/${id}?done=publish`);
  t.equal(app.services.practices.findById(id)!.status, 'published');
  await shot(cur, 'curation-published.png');

  // Public: search and the countries' pages.
  const slug = app.services.practices.findById(id)!.slug;
  await cur.goto(`${base}/search?q=zeppelin`);
  t.equal(await cur.locator(`a[href="/practices/${slug}"]`).count() > 0, true, 'in /search');
  await shot(cur, 'curation-search.png');
  for (const code of ['gt', 'mx']) {
    await cur.goto(`${base}/countries/${code}`);
    t.ok((await cur.locator(`a[href="/practices/${slug}"]`).count()) > 0, `on /countries/${code}`);
  }
  await cur.goto(`${base}/practices/${slug}/history`);
  t.ok((await cur.locator('.revision').count()) >= 3, 'the history lists the revisions');
  await noOverflow(cur, 'history');
  await shot(cur, 'curation-history.png');
  await cur.goto(`${base}/curation/audit`);
  t.same(await cur.locator('.audit-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))), [
    'publish', 'resolve-partner', 'create-partner', 'claim', 'resubmit', 'request-changes', 'claim',
  ]);
  await noOverflow(cur, 'audit');
  await shot(cur, 'curation-audit.png');

  // Log out: the header is anonymous again and curation pages ask for a login.
  await cur.locator('.account-menu form.logout-form button').click();
  await cur.waitForURL(base + '/');
  t.equal(await cur.locator('.account-menu').count(), 0);
  await cur.goto(base + '/curation');
  t.equal(new URL(cur.url()).pathname, '/login');
  await curatorContext.close();

  // An admin manages accounts; the review page also fits a phone.
  const { context: adminContext, page: adm } = await open();
  await adm.goto(base + '/login');
  await adm.locator('#login-email').fill('admin@example.org');
  await adm.locator('#login-password').fill(PASSWORD);
  await adm.locator('form.login-form button[type="submit"]').click();
  await adm.waitForURL(base + '/curation');
  await adm.locator('.account-menu a[href="/admin/users"]').click();
  await adm.locator('#new-email').fill('nueva@example.org');
  await adm.locator('#new-name').fill('Nueva Curadora');
  await adm.locator('.new-account-form button[type="submit"]').click();
  t.ok((await adm.locator('.temporary-password code').innerText()).length >= 20, 'a temporary password');
  await noOverflow(adm, 'accounts');
  await shot(adm, 'curation-accounts.png');
  await adm.setViewportSize({ width: 390, height: 844 });
  await adm.goto(`${base}/curation/records/${id}`);
  await noOverflow(adm, 'review page at 390 px');
  await adm.goto(`${base}/curation`);
  await noOverflow(adm, 'queue at 390 px');
  await shot(adm, 'curation-queue-phone.png');
  await adminContext.close();

  t.same(problems, [], 'no console errors, failed requests or HTTP errors');
});
