import { chromiumSkip, screenshotter, seededAppInBrowser } from '../helpers/browser.js';
import { type Page } from 'playwright-core';
import t from 'tap';

/**
 * End-to-end browse through the real server in Debian's Chromium (never `playwright install`).
 * Screenshots go to test-output/screenshots/ (git-ignored).
 */
const skip = chromiumSkip;
if (skip) t.comment(skip);

t.test('browse: home -> countries -> map -> Guatemala -> practice -> English', { skip }, async (t) => {
  const { base, context, page, problems } = await seededAppInBrowser(t);

  const shot = screenshotter(t);
  const h1 = (p: Page) => p.locator('h1').innerText();
  const htmlLang = (p: Page) => p.locator('html').getAttribute('lang');
  /** No horizontal scrolling at 1280 px: a broken layout usually shows up here first. */
  const noOverflow = async (p: Page, what: string) => {
    const [scroll, client] = (await p.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    t.ok(scroll <= client, `${what}: no horizontal overflow (${scroll} <= ${client})`);
  };

  // Home
  const home = await page.goto(base + '/');
  t.equal(home?.status(), 200);
  t.equal(await htmlLang(page), 'es');
  t.equal(await h1(page), 'Lo que funcionó en migración, de país a país');
  t.equal(await page.locator('section[aria-labelledby="latest-heading"] article.practice-card').count(), 6);
  const cssColor = await page.evaluate('getComputedStyle(document.querySelector(".site-header")).display');
  t.not(cssColor, '', 'stylesheet applied');
  await noOverflow(page, 'home');
  await shot(page, 'home.png');

  // Countries nav link
  await page.locator('nav.site-nav a', { hasText: 'Países' }).click();
  await page.waitForURL(base + '/countries');
  t.equal(await h1(page), 'Países');
  t.equal(await page.locator('nav.site-nav a[aria-current="page"]').innerText(), 'Países');
  const gt = page.locator('svg.region-map-svg a[data-code="GT"]');
  t.equal(await gt.count(), 1);
  t.ok(await gt.isVisible(), 'Guatemala is visible on the map');
  const box = await page.locator('svg.region-map-svg').boundingBox();
  t.ok(box && box.width > 300 && box.height > 150, `map is drawn at a usable size (${box?.width}×${box?.height})`);
  await noOverflow(page, 'countries');
  await shot(page, 'countries.png');

  // Click Guatemala on the map
  await gt.click();
  await page.waitForURL(base + '/countries/gt');
  t.equal(await h1(page), 'Guatemala');
  t.match(await page.locator('p.lead').innerText(), /^15 prácticas/);
  await noOverflow(page, 'country');
  await shot(page, 'country-gt.png');

  // First practice listed under the first pillar
  const row = page.locator('.pillar-group .practice-rows li').first();
  const title = (await row.locator('a').first().innerText()).trim();
  const slug = await row.getAttribute('data-slug');
  t.ok(title.length > 10, `first practice: ${title}`);
  await row.locator('a').first().click();
  await page.waitForURL(`${base}/practices/${slug}`);
  t.equal((await h1(page)).trim(), title, 'practice h1 equals the card title');
  t.ok(await page.locator('.practice-body h2').count() > 0, 'body rendered');
  await noOverflow(page, 'practice');
  await shot(page, 'practice.png');

  // Language switcher
  await page.locator('nav.lang-switch a[hreflang="en"]').click();
  await page.waitForURL(`${base}/practices/${slug}?lang=en`);
  t.equal(await htmlLang(page), 'en');
  t.equal((await h1(page)).trim(), title, 'content keeps its own title');
  t.equal(await page.locator('nav.site-nav a').nth(1).innerText(), 'Countries');
  t.equal(await page.locator('nav.lang-switch a[aria-current="true"]').getAttribute('hreflang'), 'en');
  // The choice sticks (cookie) on the next page without ?lang.
  await page.locator('nav.site-nav a', { hasText: 'Countries' }).click();
  await page.waitForURL(base + '/countries');
  t.equal(await htmlLang(page), 'en');
  t.equal(await h1(page), 'Countries');
  t.equal(await page.locator('svg.region-map-svg a[data-code="MX"]').getAttribute('aria-label'), 'Mexico: 13 practices');

  t.same(problems, [], 'no console errors, failed requests or HTTP errors');
  await context.close();
});
