import { chromiumSkip, screenshotter, seededAppInBrowser } from '../helpers/browser.js';
import { type Page } from 'playwright-core';
import t from 'tap';

/**
 * End-to-end search through the real server in Debian's Chromium, without JavaScript of our own:
 * header box -> results -> tick a country -> Apply -> chip -> remove it -> page 2.
 * Screenshots go to test-output/screenshots/ (git-ignored).
 */
const skip = chromiumSkip;
if (skip) t.comment(skip);

t.test('search: header box -> facet -> chip -> page 2', { skip }, async (t) => {
  const { base, context, page, problems } = await seededAppInBrowser(t);

  const shot = screenshotter(t);
  const noOverflow = async (p: Page, what: string) => {
    const [scroll, client] = (await p.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
    t.ok(scroll <= client, `${what}: no horizontal overflow (${scroll} <= ${client})`);
  };
  const cards = (p: Page) => p.locator('ol.result-list article.search-result');
  const chips = (p: Page) => p.locator('.chip-list .chip');

  // Type a query in the header box on the home page and submit it.
  await page.goto(base + '/');
  await page.locator('#search-q').fill('migración');
  await page.locator('#search-q').press('Enter');
  await page.waitForURL(`${base}/search?q=migraci%C3%B3n`);
  t.equal(await page.locator('h1').innerText(), 'Resultados para «migración»');
  t.equal(await page.locator('#search-q').inputValue(), 'migración', 'the box stays pre-filled');
  const total = Number((await page.locator('.results-count').innerText()).split(' ')[0]);
  t.ok(total > 20, `${total} results: more than one page`);
  t.equal(await cards(page).count(), 20);
  t.ok((await page.locator('article.search-result mark').count()) > 0, 'matches are highlighted');
  t.equal(await chips(page).count(), 0);
  await noOverflow(page, 'results');

  // Tick Guatemala and apply.
  const gt = page.locator('#facet-country-gt');
  const gtCount = Number(await page.locator('label[for="facet-country-gt"] .count').innerText());
  await gt.check();
  await page.getByRole('button', { name: 'Aplicar filtros' }).click();
  // The form also sends its empty year inputs (`year_from=&year_to=`), which count as absent.
  await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'migración' && u.searchParams.getAll('country').join() === 'gt');
  t.ok(await page.locator('#facet-country-gt').isChecked(), 'the checkbox stays checked');
  t.equal(await chips(page).count(), 1);
  t.equal((await chips(page).first().innerText()).replace(/\s+/g, ' ').trim(), 'País: Guatemala ×');
  t.equal(await cards(page).count(), gtCount, 'as many results as the facet count said');
  await noOverflow(page, 'filtered');
  await shot(page, 'search.png');

  // The same page on a phone: the sidebar stacks under the results.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(page.url());
  const results = await phone.locator('section.search-results').boundingBox();
  const sidebar = await phone.locator('aside.search-sidebar').boundingBox();
  t.ok(results && sidebar && sidebar.y >= results.y + results.height, 'narrow screen: filters below the results');
  await noOverflow(phone, 'phone');
  await shot(phone, 'search-phone.png');
  await phone.close();

  // Keyboard focus on a chip's remove link is visible.
  await page.locator('.chip-remove').first().focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string;
  t.equal(outline, 'solid', 'visible focus outline');

  // Remove the chip.
  await page.locator('.chip-remove').first().click();
  await page.waitForURL(`${base}/search?q=migraci%C3%B3n`);
  t.equal(await chips(page).count(), 0, 'chip gone');
  t.notOk(await page.locator('#facet-country-gt').isChecked());
  t.equal(await cards(page).count(), 20);

  // Page 2.
  const firstPage = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
  await page.locator('nav.pagination a[rel="next"]').click();
  await page.waitForURL(`${base}/search?q=migraci%C3%B3n&page=2`);
  t.equal(await page.locator('nav.pagination a[aria-current="page"]').innerText(), '2');
  const second = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-slug')));
  t.equal(second.length, total - 20, 'the rest on page 2');
  t.same(second.filter((s) => firstPage.includes(s)), [], 'page 2 differs from page 1');
  await shot(page, 'search-page2.png');

  // Sort without JavaScript: pick "Año" and press the sort button.
  await page.locator('#search-sort').selectOption('year');
  await page.getByRole('button', { name: 'Ordenar', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('sort') === 'year' && u.searchParams.get('q') === 'migración');
  const years = await page.locator('article.search-result .card-meta span:nth-child(2)').allInnerTexts();
  t.same(years.map(Number), [...years.map(Number)].sort((a, b) => b - a), 'latest year first');

  t.same(problems, [], 'no console errors, failed requests or HTTP errors');
  await context.close();
});
