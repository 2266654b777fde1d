import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { PILLARS } from '../../../src/domain/taxonomy.js';
import { LOCALES_DIR } from '../../../src/paths.js';
import { EMPTY_SEARCH_STATE, urls } from '../../../src/web/urls.js';
import { buildTestApp } from '../../helpers/build-app.js';
import { countCorpus, html, readCorpus, squash } from '../../helpers/corpus.js';

const app = await buildTestApp(t, { seed: true });
const es = JSON.parse(readFileSync(join(LOCALES_DIR, 'es.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(LOCALES_DIR, 'en.json'), 'utf8'));
const corpus = readCorpus();

type Cheerio = ReturnType<typeof html>;
interface FacetValue { value: string; label: string; count: number; selected: boolean; url?: string | null }
interface Hit {
  slug: string;
  url: string;
  title: string;
  year: number;
  countries: Array<{ code: string; name: string; url: string }>;
  pillars: Array<{ id: string; name: string; url: string }>;
  partners: Array<{ id: string; name: string; url: string }>;
  kind: { id: string; name: string };
  language: { id: string; name: string };
  highlights: { title: string; summary: string; snippet: string };
}
interface ApiSearch {
  q: string;
  total: number;
  page: number;
  per_page: number;
  total_pages: number;
  engine: string;
  hits: Hit[];
  facets: Record<'pillar' | 'country' | 'partner' | 'kind' | 'language' | 'year', FacetValue[]>;
  filters_applied: { pillar: string[]; country: string[]; partner: string[]; kind: string[]; language: string[]; year_from: number | null; year_to: number | null };
  warnings: Array<{ code: string; field: string | null; value: string; message: string }>;
  suggestion: { q: string; url: string } | null;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { res, $: html(res.body) };
}
async function api(url: string, headers: Record<string, string> = {}): Promise<ApiSearch> {
  const res = await app.inject({ method: 'GET', url: `/api${url}`, headers });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as ApiSearch;
}
/** The URL the query string of `url` would have under /api. */
const slugs = ($: Cheerio) => $('ol.result-list article.search-result').map((_, el) => $(el).attr('data-slug')).get();
const sorted = (xs: string[]) => [...xs].sort();
const chips = ($: Cheerio) =>
  $('.chip-list .chip')
    .map((_, el) => ({ field: $(el).attr('data-field'), source: $(el).attr('data-source'), label: squash($(el).find('.chip-label').text()), remove: $(el).find('a.chip-remove').attr('href') }))
    .get() as Array<{ field: string; source: string; label: string; remove: string }>;

/** Facet values as the HTML sidebar shows them: the checkbox's stored value, label, count and checked state. */
function htmlFacets($: Cheerio): Record<string, FacetValue[]> {
  const out: Record<string, FacetValue[]> = {};
  $('form.facets fieldset.facet[data-facet]').each((_, fs) => {
    const name = $(fs).attr('data-facet')!;
    if (name === 'year') return;
    out[name] = $(fs)
      .find('li.facet-value')
      .map((_, li) => {
        const input = $(li).find('input[type="checkbox"]');
        return { value: input.attr('data-value')!, label: squash($(li).find('.facet-name').text()), count: Number($(li).find('.count').text()), selected: input.attr('checked') !== undefined };
      })
      .get();
  });
  return out;
}

function checkHtml(t: Test, res: LightMyRequestResponse, $: Cheerio, status = 200) {
  t.equal(res.statusCode, status, 'status');
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/, 'content-type');
  t.equal($('h1').length, 1, 'one h1');
  t.equal($('script').length, 0, 'no script element');
  t.equal($('[onerror], [onload], [onclick]').length, 0, 'no inline event handler');
  t.equal($('[style]').length, 0, 'no inline style');
}

const inCorpus = (pred: (e: (typeof corpus)[number]) => boolean) => sorted(corpus.filter(pred).map((e) => e.slug));

t.test('GET /search and /api/search: status, content type, title, landmarks', async (t) => {
  const { res, $ } = await get('/search?q=regularizaci%C3%B3n');
  checkHtml(t, res, $);
  t.match($('title').text(), /regularización/, '<title> includes the query');
  t.equal(squash($('h1').text()), 'Resultados para «regularización»');
  t.equal($('form.search-box input[name="q"]').attr('value'), 'regularización', 'the header search box is pre-filled');
  t.ok($('main section.search-results').length && $('aside form.facets').length, 'results and facet sidebar');
  // Every form control has a label.
  $('main input:not([type="hidden"]), main select').each((_, el) => {
    const id = $(el).attr('id');
    t.ok(id && $(`label[for="${id}"]`).length === 1, `label for #${id}`);
  });
  t.equal(squash($('.results-count').text()), `${(await api('/search?q=regularizaci%C3%B3n')).total} ${(await api('/search?q=regularizaci%C3%B3n')).total === 1 ? 'práctica' : 'prácticas'}`);
  t.match(squash($('.engine-line').text()), /integrado \(SQLite FTS5\)/, 'engine indicator');

  const json = await app.inject('/api/search?q=regularizaci%C3%B3n');
  t.equal(json.statusCode, 200);
  t.match(json.headers['content-type'], /^application\/json/);
  const body = json.json() as ApiSearch;
  t.equal(body.q, 'regularización');
  t.equal(body.engine, 'fts5');
  t.same(sorted(body.hits.map((h) => h.slug)), sorted(slugs($)), 'the page and its JSON twin list the same practices');
  t.same(Object.keys(body.facets), ['pillar', 'country', 'partner', 'kind', 'language', 'year']);

  const empty = await get('/search');
  checkHtml(t, empty.res, empty.$);
  t.equal(squash(empty.$('h1').text()), es.search.heading);
  t.equal(empty.$('title').text(), `${es.search.title} · Puente`);
  t.equal(squash(empty.$('.results-count').text()), '24 prácticas', 'no query: every published practice');
});

t.test('facet checkboxes and counts in the HTML equal /api/search', async (t) => {
  for (const qs of ['', 'q=migraci%C3%B3n', 'country=gt', 'country=gt&country=mx&pillar=emergencies-crises', 'q=trata&kind=practice', 'q=country%3Apanama']) {
    const { $ } = await get(`/search?${qs}`);
    const body = await api(`/search?${qs}`);
    const fromHtml = htmlFacets($);
    for (const name of ['pillar', 'country', 'partner', 'kind', 'language'] as const) {
      t.same(fromHtml[name] ?? [], body.facets[name].map(({ value, label, count, selected }) => ({ value, label, count, selected })), `${qs || '(none)'}: ${name}`);
    }
  }
  const { $ } = await get('/search');
  const countries = htmlFacets($).country!;
  t.equal(countries.length, 15, 'every country of the corpus is offered');
  t.same(countries.map((c) => c.count), [...countries.map((c) => c.count)].sort((a, b) => b - a), 'sorted by count');
  t.equal(countries[0]!.label, 'Guatemala');
  t.equal(countries[0]!.count, countCorpus((e) => e.countries.includes('GT')));
  // Partners: the top 10 visible, the rest behind <details>.
  t.equal($('fieldset.facet-partner > ul.facet-values > li').length, 10, 'top 10 partners');
  const rest = $('fieldset.facet-partner details.facet-more li').length;
  t.ok(rest > 0, `${rest} more partners behind "show all"`);
  t.match(squash($('fieldset.facet-partner details.facet-more summary').text()), new RegExp(`Mostrar ${rest} más`));
  t.equal($('fieldset.facet-partner details.facet-more').attr('open'), undefined, 'closed when nothing in it is selected');
  // A selected partner from the tail opens the disclosure.
  const tail = $('fieldset.facet-partner details.facet-more input').first().attr('value')!;
  const open = await get(`/search?partner=${tail}`);
  t.not(open.$('fieldset.facet-partner details.facet-more').attr('open'), undefined, 'open when a selected partner is in it');
  t.ok(open.$(`fieldset.facet-partner input[value="${tail}"]`).attr('checked') !== undefined);
  // Labels in the reader's language.
  const english = await get('/search?lang=en');
  t.equal(english.$('fieldset.facet-country legend').text(), 'Country');
  t.equal(squash(english.$('input[data-value="MX"]').parent().find('.facet-name').text()), 'Mexico');
  t.equal(squash(english.$('input[data-value="emergencies-crises"]').parent().find('.facet-name').text()), 'Migration emergencies & crises');
  t.equal(squash(english.$('input[data-value="es"]').parent().find('.facet-name').text()), 'Spanish');
  t.equal(squash(english.$('input[data-value="IOM"]').parent().find('.facet-name').text()), 'International Organization for Migration');
  t.equal(squash(english.$('form.facets button[type="submit"]').text()), en.search.filters.apply);
});

t.test('the facet form works without JavaScript', async (t) => {
  const { $ } = await get('/search?q=migraci%C3%B3n&sort=year&per_page=5&page=2&country=gt');
  const form = $('form.facets');
  t.equal(form.attr('method'), 'get');
  t.equal(form.attr('action'), '/search');
  const hidden = form.find('input[type="hidden"]').map((_, el) => [[$(el).attr('name'), $(el).attr('value')]]).get();
  t.same(hidden, [['q', 'migración'], ['sort', 'year'], ['per_page', '5']], 'hidden inputs keep q, sort and the page size (not the page)');
  t.equal(squash(form.find('button[type="submit"]').text()), es.search.filters.apply);
  t.equal(form.find('input[name="country"][value="gt"]').attr('checked'), 'checked');
  t.equal(form.find('input[name="year_from"]').attr('type'), 'number');
  // Submitting the form as a browser would (checked boxes + hidden + year inputs) gives the same state.
  const params = new URLSearchParams();
  form.find('input').each((_, el) => {
    const i = $(el);
    if (i.attr('disabled') !== undefined) return;
    if (i.attr('type') === 'checkbox' && i.attr('checked') === undefined) return;
    params.append(i.attr('name')!, i.attr('value') ?? '');
  });
  const again = await api(`/search?${params}`);
  t.same(again.filters_applied.country, ['GT']);
  t.equal(again.per_page, 5);
  t.equal(again.page, 1, 'applying filters goes back to page 1');

  // The sort form keeps everything but the sort (and the page).
  const sortHidden = $('form.sort-form input[type="hidden"]').map((_, el) => [[$(el).attr('name'), $(el).attr('value')]]).get();
  t.same(sortHidden, [['q', 'migración'], ['country', 'gt'], ['per_page', '5']]);
  t.equal($('form.sort-form select[name="sort"] option[selected]').attr('value'), 'year');
  // The header box on /search keeps the filters, sort and page size for a new text.
  const box = $('form.search-box input[type="hidden"]').map((_, el) => [[$(el).attr('name'), $(el).attr('value')]]).get();
  t.same(box, [['country', 'gt'], ['sort', 'year'], ['per_page', '5']]);
  const home = await get('/');
  t.equal(home.$('form.search-box input[type="hidden"]').length, 0, 'elsewhere the header box sends q only');
  t.equal(home.$('form.search-box input[name="q"]').attr('value'), '', 'and is empty');
});

t.test('country filter: a single value and repeated values', async (t) => {
  const one = await get('/search?country=gt&per_page=100');
  checkHtml(t, one.res, one.$);
  t.equal(one.$('form.facets input[name="country"][value="gt"]').attr('checked'), 'checked');
  t.same(sorted(slugs(one.$)), inCorpus((e) => e.countries.includes('GT')), 'country=gt: the practices of Guatemala');
  const oneApi = await api('/search?country=gt');
  t.same(oneApi.filters_applied.country, ['GT'], 'a single value becomes a one-element list');

  const two = await get('/search?country=gt&country=mx&per_page=100');
  t.equal(two.$('form.facets input[name="country"][value="gt"]').attr('checked'), 'checked');
  t.equal(two.$('form.facets input[name="country"][value="mx"]').attr('checked'), 'checked');
  t.same(sorted(slugs(two.$)), inCorpus((e) => e.countries.includes('GT') || e.countries.includes('MX')), 'OR within a facet: the union');
  t.same((await api('/search?country=mx&country=gt')).filters_applied.country.sort(), ['GT', 'MX']);
  // Aliases and names resolve; upper-case codes too.
  t.same((await api('/search?country=GT')).filters_applied.country, ['GT']);
  t.same((await api('/search?country=guatemala')).filters_applied.country, ['GT']);
});

t.test('facet counts are disjunctive', async (t) => {
  const all = await api('/search');
  const gt = await api('/search?country=gt');
  const count = (b: ApiSearch, f: keyof ApiSearch['facets'], v: string) => b.facets[f].find((x) => x.value === v)?.count ?? 0;
  t.equal(gt.total, 15);
  t.same(gt.facets.country.map((c) => [c.value, c.count]), all.facets.country.map((c) => [c.value, c.count]), 'the country facet ignores its own selection');
  t.ok(count(gt, 'country', 'MX') > 0 && count(gt, 'country', 'HN') > 0, 'other countries keep their counts');
  t.equal(count(gt, 'country', 'MX'), countCorpus((e) => e.countries.includes('MX')));
  t.equal(gt.facets.country.filter((c) => c.selected).map((c) => c.value).join(), 'GT');
  // Other facets are counted within the selection.
  t.equal(count(gt, 'pillar', 'emergencies-crises'), countCorpus((e) => e.countries.includes('GT') && e.pillars.includes('emergencies-crises')));
  const { $ } = await get('/search?country=gt');
  t.equal(Number($('input[data-value="MX"]').parent().find('.count').text()), count(all, 'country', 'MX'));
});

t.test('AND across facets', async (t) => {
  const { $ } = await get('/search?country=gt&pillar=emergencies-crises&per_page=100');
  t.same(sorted(slugs($)), inCorpus((e) => e.countries.includes('GT') && e.pillars.includes('emergencies-crises')));
  const body = await api('/search?country=gt&pillar=emergencies-crises&kind=practice&per_page=100');
  for (const h of body.hits) {
    t.ok(h.countries.some((c) => c.code === 'GT') && h.pillars.some((p) => p.id === 'emergencies-crises') && h.kind.id === 'practice', h.slug);
  }
  t.equal(body.total, countCorpus((e) => e.countries.includes('GT') && e.pillars.includes('emergencies-crises') && e.kind === 'practice'));
  const years = await api('/search?year_from=2015&year_to=2020&per_page=100');
  t.equal(years.total, countCorpus((e) => e.year >= 2015 && e.year <= 2020));
  t.ok(years.facets.year.filter((y) => y.selected).every((y) => Number(y.value) >= 2015 && Number(y.value) <= 2020));
  const swapped = await api('/search?year_from=2020&year_to=2015');
  t.equal(swapped.total, years.total, 'a reversed year range is swapped');
});

t.test('chips and their removal links', async (t) => {
  const { $ } = await get('/search?q=migraci%C3%B3n&country=gt&pillar=emergencies-crises&year_from=2016');
  const list = chips($);
  t.same(list.map((c) => [c.field, c.source, c.label]), [
    ['pillar', 'url', 'Emergencias y crisis migratorias'],
    ['country', 'url', 'Guatemala'],
    ['year', 'url', 'desde 2016'],
  ]);
  t.equal($('.chip[data-field="country"] a.chip-remove').attr('aria-label'), 'Quitar el filtro País: Guatemala');
  // Follow the country chip: the filter is gone, the others stay.
  const country = list.find((c) => c.field === 'country')!;
  t.equal(country.remove, '/search?q=migraci%C3%B3n&pillar=emergencies-crises&year_from=2016');
  const after = await get(country.remove);
  checkHtml(t, after.res, after.$);
  t.same(chips(after.$).map((c) => c.field), ['pillar', 'year']);
  t.equal(after.$('form.facets input[value="gt"]').attr('checked'), undefined, 'the checkbox is unchecked');
  const afterApi = await api(country.remove);
  t.same(afterApi.filters_applied.country, []);
  t.same(afterApi.filters_applied.pillar, ['emergencies-crises']);
  // Remove the rest one by one.
  const year = await get(chips(after.$).find((c) => c.field === 'year')!.remove);
  const last = chips(year.$);
  t.same(last.map((c) => c.field), ['pillar']);
  const none = await get(last[0]!.remove);
  t.same(chips(none.$), []);
  t.equal(none.$('form.search-box input[name="q"]').attr('value'), 'migración', 'the text stays');
  // "Clear all filters" keeps the text.
  t.equal($('.chips-clear a').attr('href'), '/search?q=migraci%C3%B3n');
});

t.test('pagination', async (t) => {
  const first = await get('/search?per_page=5');
  checkHtml(t, first.res, first.$);
  t.equal(slugs(first.$).length, 5, 'per_page=5: five cards');
  const nav = first.$('nav.pagination');
  t.equal(nav.attr('aria-label'), es.search.pagination.label);
  t.equal(nav.find('a[aria-current="page"]').text(), '1');
  t.same(nav.find('li a:not([rel])').map((_, a) => first.$(a).text()).get(), ['1', '2', '3', '4', '5'], '24 results, 5 a page: 5 pages');
  const next = nav.find('a[rel="next"]').attr('href')!;
  t.equal(next, '/search?page=2&per_page=5');
  t.equal(nav.find('a[rel="prev"]').length, 0, 'no previous on page 1');
  const second = await get(next);
  t.equal(slugs(second.$).length, 5);
  t.same(slugs(second.$).filter((s) => slugs(first.$).includes(s)), [], 'page 2 differs from page 1');
  t.equal(second.$('ol.result-list').attr('start'), '6');
  t.equal(second.$('nav.pagination a[rel="prev"]').attr('href'), '/search?per_page=5', 'page 1 is the canonical URL without page=');
  const five = await get('/search?per_page=5&page=5');
  t.equal(slugs(five.$).length, 4, 'the last page holds the rest');
  t.equal(five.$('nav.pagination a[rel="next"]').length, 0);
  // Every practice once across the pages.
  const seen: string[] = [];
  for (let p = 1; p <= 5; p++) seen.push(...(await api(`/search?per_page=5&page=${p}`)).hits.map((h) => h.slug));
  t.same(sorted(seen), inCorpus(() => true));
  // Windowed page numbers with gaps.
  const mid = await get('/search?per_page=2&page=6');
  const labels = mid.$('nav.pagination li').map((_, li) => squash(mid.$(li).text())).get();
  t.same(labels, ['Anterior', '1', '…', '4', '5', '6', '7', '8', '…', '12', 'Siguiente']);
  const near = await get('/search?per_page=2&page=4');
  t.same(near.$('nav.pagination li').map((_, li) => squash(near.$(li).text())).get(), ['Anterior', '1', '2', '3', '4', '5', '6', '…', '12', 'Siguiente'], 'a gap never hides a single page');
  // A page past the end: 200, no cards, a link to the last page (documented choice; not a 400).
  const past = await get('/search?per_page=5&page=9');
  checkHtml(t, past.res, past.$);
  t.equal(slugs(past.$).length, 0);
  t.match(squash(past.$('.out-of-range').text()), /La página 9 no existe: los resultados ocupan 5 páginas/);
  t.equal(past.$('.out-of-range a').attr('href'), '/search?page=5&per_page=5');
  const pastApi = await api('/search?per_page=5&page=9');
  t.same([pastApi.total, pastApi.page, pastApi.total_pages, pastApi.hits.length], [24, 9, 5, 0]);
});

t.test('sort: relevance, newest, year', async (t) => {
  const newest = await api('/search?sort=newest&per_page=100');
  t.same(newest.hits.map((h) => h.slug), app.services.practices.list({ status: 'published' }, { limit: 100, offset: 0 }).map((p) => p.slug), 'newest first, as the store lists them');
  for (const q of ['', 'q=migraci%C3%B3n&']) {
    const byYear = await api(`/search?${q}sort=year&per_page=100`);
    const years = byYear.hits.map((h) => h.year);
    t.same(years, [...years].sort((a, b) => b - a), `${q || '(no text) '}sort=year: latest year first`);
  }
  const { $ } = await get('/search?sort=year&per_page=3');
  const shown = $('article.search-result .card-meta span:nth-child(2)').map((_, el) => Number($(el).text())).get();
  t.same(shown, [...shown].sort((a, b) => b - a));
  t.equal($('select[name="sort"] option[selected]').attr('value'), 'year');
  t.equal($('select[name="sort"] option').length, 3);
});

t.test('highlights: <mark> around the query word in the API and mark elements in the HTML', async (t) => {
  const body = await api('/search?q=regularizaci%C3%B3n');
  t.ok(body.total > 0);
  const all = body.hits.flatMap((h) => [h.highlights.title, h.highlights.summary, h.highlights.snippet]).join('\n');
  t.match(all, /<mark>regularización<\/mark>/i, 'the word is marked');
  for (const h of body.hits) t.notMatch(h.highlights.snippet + h.highlights.title, /<(?!\/?mark>)/, `${h.slug}: no tag but <mark>`);
  const { $ } = await get('/search?q=regularizaci%C3%B3n');
  const marks = $('article.search-result mark').map((_, m) => $(m).text().toLowerCase()).get();
  t.ok(marks.length > 0, `${marks.length} mark elements`);
  t.ok(marks.includes('regularización'), 'regularización is marked');
  const title = $('article.search-result[data-slug="pa-crisol-de-razas"] .card-title');
  t.equal(title.find('mark').text(), 'regularización', 'in the title');
  t.equal(squash(title.text()), corpus.find((e) => e.slug === 'pa-crisol-de-razas')!.title, 'the title reads whole');
  // Text that looks like markup in a practice is escaped inside highlights too.
  t.notMatch(JSON.stringify(body.hits.map((h) => h.highlights)), /<script/i);
});

t.test('inline syntax in q: country:, pillar:, partner:, year:', async (t) => {
  const panama = await api('/search?q=country%3Apanama&per_page=100');
  t.same(panama.filters_applied.country, ['PA']);
  t.equal(panama.total, countCorpus((e) => e.countries.includes('PA')));
  t.ok(panama.hits.every((h) => h.countries.some((c) => c.code === 'PA')));
  t.ok(panama.facets.country.find((c) => c.value === 'PA')!.selected, 'selected in the facet');
  const { $ } = await get('/search?q=country%3Apanama');
  const chip = chips($);
  t.same(chip.map((c) => [c.field, c.source, c.label]), [['country', 'query', 'Panamá']], 'shown as a chip');
  const box = $('input[data-value="PA"]');
  t.equal(box.attr('checked'), 'checked');
  t.equal(box.attr('disabled'), 'disabled', 'set by the text: the checkbox cannot drop it');
  // Removing the chip rewrites q.
  t.equal(chip[0]!.remove, '/search');
  const back = await api(chip[0]!.remove);
  t.equal(back.total, 24);

  const emerg = await api('/search?q=pillar%3Aemergencias');
  t.same(emerg.filters_applied.pillar, ['emergencies-crises']);
  t.equal(emerg.total, countCorpus((e) => e.pillars.includes('emergencies-crises')));

  const ilo = await api('/search?q=partner%3AOIT&per_page=100');
  t.same(ilo.filters_applied.partner, ['ILO'], 'OIT is the ILO');
  t.equal(ilo.total, (await api('/search?partner=ilo')).total);
  t.ok(ilo.total > 0 && ilo.hits.every((h) => h.partners.some((p) => p.id === 'ILO')));

  const years = await api('/search?q=year%3A2015..2020&per_page=100');
  t.same([years.filters_applied.year_from, years.filters_applied.year_to], [2015, 2020]);
  t.equal(years.total, countCorpus((e) => e.year >= 2015 && e.year <= 2020));
  t.ok(years.hits.every((h) => h.year >= 2015 && h.year <= 2020));

  // Mixed with text and URL filters: each inline chip removes only its own token.
  const mixed = await get('/search?q=migraci%C3%B3n%20pillar%3Aemergencias%20year%3A2015..2020&country=gt');
  const mixedChips = chips(mixed.$);
  t.same(mixedChips.map((c) => [c.field, c.source, c.label]), [
    ['country', 'url', 'Guatemala'],
    ['pillar', 'query', 'Emergencias y crisis migratorias'],
    ['year', 'query', '2015–2020'],
  ]);
  t.equal(mixedChips[1]!.remove, '/search?q=migraci%C3%B3n+year%3A2015..2020&country=gt');
  t.equal(mixedChips[2]!.remove, '/search?q=migraci%C3%B3n+pillar%3Aemergencias&country=gt');
  const noPillar = await api(mixedChips[1]!.remove);
  t.same(noPillar.filters_applied.pillar, []);
  t.same([noPillar.filters_applied.year_from, noPillar.filters_applied.country], [2015, ['GT']]);
  t.equal(mixed.$('.chips-clear a').attr('href'), '/search?q=migraci%C3%B3n', 'clearing all filters strips the inline ones too');
});

t.test('warnings for the inline syntax', async (t) => {
  const { res, $ } = await get('/search?q=country%3Aatlantis');
  checkHtml(t, res, $);
  t.equal(squash($('.search-warnings li[data-code="unknown_value"]').text()), 'No hay ningún país llamado «atlantis».');
  t.equal(squash($('.results-count').text()), '24 prácticas', 'the filter is ignored, not an error');
  const problem = $('.chip.chip-problem');
  t.equal(squash(problem.find('.chip-label').text()), 'country:atlantis', 'the bad token is a chip that removes it');
  const body = await api('/search?q=country%3Aatlantis');
  t.same(body.warnings, [{ code: 'unknown_value', field: 'country', value: 'atlantis', message: 'No hay ningún país llamado «atlantis».' }]);

  const english = await api('/search?q=country%3Aatlantis%20pillar%3Anope%20partner%3Azzz%20kind%3Azzz%20lang%3Aklingon%20year%3Asoon%20pais%3A', { cookie: 'lang=en' });
  t.same(english.warnings.map((w) => w.message), [
    'There is no country called “atlantis”.',
    'There is no pillar called “nope”.',
    'There is no partner called “zzz”.',
    'There is no kind of practice called “zzz”.',
    'There is no language called “klingon”.',
    '“soon” is not a year or a range of years (for example 2019 or 2015..2020).',
    'The “Country” filter is empty and was not applied.',
  ]);
  t.same(english.warnings.map((w) => w.code), ['unknown_value', 'unknown_value', 'unknown_value', 'unknown_value', 'unknown_value', 'bad_year', 'empty_value']);
  // Unknown values in the URL's filters warn the same way and are dropped from every link.
  const url = await get('/search?country=atlantis&country=gt');
  t.equal(squash(url.$('.search-warnings li').text()), 'No hay ningún país llamado «atlantis».');
  t.same(chips(url.$).map((c) => c.label), ['Guatemala']);
  t.equal(chips(url.$)[0]!.remove, '/search');
});

t.test('engine unavailable: a visible, localized notice', async (t) => {
  const search = app.services.search;
  const original = search.search;
  search.search = async (input) => {
    const outcome = await original(input);
    return { ...outcome, warnings: [{ code: 'engine_unavailable', engine: 'meilisearch', fallback: 'fts5' }, ...outcome.warnings] };
  };
  t.teardown(() => {
    search.search = original;
  });
  // A URL no earlier test asked for: rendered answers of a healthy engine are cached by URL.
  const { res, $ } = await get('/search?q=trata&per_page=7');
  checkHtml(t, res, $);
  t.equal(squash($('.engine-notice').text()), 'Meilisearch no responde; los resultados vienen del motor integrado.');
  const english = await get('/search?q=trata&per_page=7&lang=en');
  t.equal(squash(english.$('.engine-notice').text()), 'Meilisearch is unreachable; results come from the embedded engine.');
  const body = await api('/search?q=trata&per_page=7', { cookie: 'lang=en' });
  t.same(body.warnings[0], { code: 'engine_unavailable', field: null, value: 'meilisearch', message: 'Meilisearch is unreachable; results come from the embedded engine.' });
  t.equal($('.search-warnings').length, 0, 'not repeated in the query warnings');
});

t.test('no results: suggestion, filter removal, clear everything', async (t) => {
  // "dariennn" is two edits from "darien", beyond the typo budget of an 8-letter word, and "xyzzy"
  // matches nothing: no results, and the suggestion respells it (and finds something in Panama).
  const q = 'dariennn xyzzy';
  const body = await api(`/search?q=${encodeURIComponent(q)}&country=pa`);
  t.equal(body.total, 0, `"${q}" finds nothing`);
  t.ok(body.suggestion, `the engine suggests ${JSON.stringify(body.suggestion)}`);
  const { res, $ } = await get(`/search?q=${encodeURIComponent(q)}&country=pa`);
  checkHtml(t, res, $);
  t.equal(slugs($).length, 0);
  const suggestion = $('.no-results .suggestion');
  t.equal(squash(suggestion.text()), `¿Quiso decir ${body.suggestion!.q}?`);
  const link = suggestion.find('a').attr('href')!;
  t.equal(link, urls.searchUrl({ ...EMPTY_SEARCH_STATE, q: body.suggestion!.q, country: ['pa'] }), 'the respelled query, filters kept');
  const followed = await api(link);
  t.ok(followed.total > 0, `the suggestion finds ${followed.total}`);
  t.same($('.no-results .remove-links a').map((_, a) => [[squash($(a).text()), $(a).attr('href')]]).get(), [
    ['Quitar el filtro País: Panamá', `/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}`],
  ]);
  t.equal($('.no-results a.clear-all').attr('href'), '/search');
  t.equal(squash($('.no-results-title').text()), es.search.noResults.title);

  // No suggestion when nothing is close.
  const none = await get('/search?q=qqqqqqqq');
  t.equal(none.$('.no-results').length, 1);
  t.equal(none.$('.no-results .suggestion').length, 0);
  t.equal(none.$('.no-results .remove-links').length, 0, 'no filter to remove');
});

t.test('400 for out-of-range or malformed parameters, in both shapes', async (t) => {
  const bad = [
    'page=0',
    'page=-1',
    'page=abc',
    'page=1e9',
    'page=1.5',
    'page=10001',
    'page=99999999999999999999',
    'per_page=101',
    'per_page=0',
    'per_page=-5',
    'per_page=1e2',
    'year_from=1949',
    'year_to=2101',
    'year_from=20x0',
    'sort=random',
    'page=1&page=2',
    'q=a&q=b',
    `q=${'a'.repeat(10 * 1024 + 1)}`,
    `country=${'x'.repeat(201)}`,
  ];
  for (const qs of bad) {
    const page = await get(`/search?${qs}`);
    const label = qs.length > 40 ? `${qs.slice(0, 40)}…` : qs;
    t.equal(page.res.statusCode, 400, `/search?${label}: 400`);
    t.match(page.res.headers['content-type'], /^text\/html/, `${label}: an HTML page`);
    t.equal(squash(page.$('h1').text()), `${es.errors.client.title} (400)`);
    t.ok(squash(page.$('.error-message').text()).length > 0, `${label}: the reason is shown (${squash(page.$('.error-message').text()).slice(0, 80)})`);
    const json = await app.inject(`/api/search?${qs}`);
    t.equal(json.statusCode, 400, `/api/search?${label}: 400`);
    t.match(json.headers['content-type'], /^application\/json/);
    const body = json.json();
    t.equal(body.error, 'validation_failed');
    t.type(body.message, 'string');
    t.ok(Array.isArray(body.issues) && body.issues.length > 0, 'issues');
  }
  const page0 = (await app.inject('/api/search?page=0')).json();
  t.same(page0.issues, [{ path: 'querystring.page', message: 'page must be a whole number from 1 to 10000' }]);
  const pp = (await app.inject('/api/search?per_page=101')).json();
  t.same(pp.issues, [{ path: 'querystring.per_page', message: 'per_page must be a whole number from 1 to 100' }]);
  // Blank values (an empty number input) are "not given", not errors.
  for (const qs of ['year_from=&year_to=', 'page=', 'sort=', 'per_page=', 'q=', 'country=', 'page=10000', 'per_page=100', 'year_from=1950&year_to=2100']) {
    t.equal((await app.inject(`/search?${qs}`)).statusCode, 200, `${qs}: 200`);
  }
});

t.test('a 10 KB query works', async (t) => {
  const long = 'migración trabajadores '.repeat(500).slice(0, 10 * 1024);
  t.equal(long.length, 10 * 1024);
  const page = await get(`/search?q=${encodeURIComponent(long)}`);
  checkHtml(t, page.res, page.$);
  t.equal(page.$('form.search-box input[name="q"]').attr('value'), long, 'pre-filled whole');
  t.ok(page.$('title').text().length < 200, 'the title shows a shortened query');
  const body = await api(`/search?q=${encodeURIComponent(long)}`);
  t.equal(body.q, long);
  const plain = await app.inject(`/api/search?q=${'a'.repeat(10 * 1024)}`);
  t.equal(plain.statusCode, 200);
});

t.test('XSS: the query is printed escaped everywhere', async (t) => {
  for (const q of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", 'country:"<img src=x onerror=alert(1)>"', '{{constructor}}']) {
    const { res, $ } = await get(`/search?q=${encodeURIComponent(q)}`);
    checkHtml(t, res, $);
    t.equal($('img').length, 0, `${q}: no img element`);
    t.equal($('main svg').length, 0, `${q}: no svg element`);
    t.notMatch(res.body, /<script|<img|<svg/i, `${q}: no markup from the query in the page source`);
    t.equal($('form.search-box input[name="q"]').attr('value'), q, 'the box holds the text as typed');
    t.ok(squash($('h1').text()).includes(q), 'the heading shows it as text');
    t.ok($('title').text().includes(q), 'so does the title');
    const body = await api(`/search?q=${encodeURIComponent(q)}`);
    t.equal(body.q, q, 'JSON carries the text as is');
  }
  const warn = await get(`/search?q=${encodeURIComponent('country:"<b>x</b>"')}`);
  t.equal(warn.$('.search-warnings b').length, 0);
  t.equal(squash(warn.$('.search-warnings li').text()), 'No hay ningún país llamado «<b>x</b>».');
});

t.test('browse pages link to the search with their filter applied and shown as a chip', async (t) => {
  const cases = [
    { page: '/countries/gt', field: 'country', value: 'GT', label: 'Guatemala', total: countCorpus((e) => e.countries.includes('GT')) },
    { page: '/pillars/emergencies-crises', field: 'pillar', value: 'emergencies-crises', label: PILLARS.find((p) => p.id === 'emergencies-crises')!.name.es, total: countCorpus((e) => e.pillars.includes('emergencies-crises')) },
    { page: '/partners/iom', field: 'partner', value: 'IOM', label: 'Organización Internacional para las Migraciones', total: 19 },
  ];
  for (const c of cases) {
    const source = await get(c.page);
    const href = source.$('main a.button').attr('href')!;
    t.match(href, /^\/search\?/, `${c.page} links to ${href}`);
    const { res, $ } = await get(href);
    checkHtml(t, res, $);
    t.same(chips($).map((x) => [x.field, x.source, x.label]), [[c.field, 'url', c.label]], `${c.page}: one chip`);
    t.equal($(`form.facets input[data-value="${c.value}"]`).attr('checked'), 'checked', 'its checkbox is checked');
    t.equal(squash($('.results-count').text()), `${c.total} prácticas`);
    const body = await api(href);
    t.same((body.filters_applied as unknown as Record<string, string[]>)[c.field], [c.value]);
  }
});

t.test('urls.searchUrl: canonical, stable, defaults omitted', async (t) => {
  const s = { ...EMPTY_SEARCH_STATE };
  t.equal(urls.searchUrl(s), '/search');
  t.equal(urls.search({ country: 'GT' }), '/search?country=gt', 'country codes lower-cased');
  t.equal(urls.search({ partner: 'IMMIGRATION-TT' }), '/search?partner=immigration-tt');
  const full = { ...s, q: 'a b', pillar: ['emergencies-crises'], country: ['MX', 'gt', 'GT'], partner: ['IOM'], kind: ['tool'], language: ['es'], yearFrom: 2015, yearTo: 2020, sort: 'year', page: 3, perPage: 50 };
  t.equal(
    urls.searchUrl(full),
    '/search?q=a+b&pillar=emergencies-crises&country=gt&country=mx&partner=iom&kind=tool&language=es&year_from=2015&year_to=2020&sort=year&page=3&per_page=50',
  );
  t.equal(urls.searchUrl({ ...full, country: ['mx', 'gt'] }), urls.searchUrl(full), 'value order does not matter');
  t.equal(urls.searchUrl(full, { sort: 'relevance', page: 1, perPage: 20, yearFrom: null, yearTo: null }), '/search?q=a+b&pillar=emergencies-crises&country=gt&country=mx&partner=iom&kind=tool&language=es');
  t.equal(urls.api.search(full, { q: '' }).split('?')[0], '/api/search');
  // The page's own links are canonical: the JSON link and the form's state agree.
  const { $ } = await get('/search?per_page=5&country=MX&q=trata&country=gt&sort=newest');
  t.equal($('.engine-line a').attr('href'), '/api/search?q=trata&country=gt&country=mx&sort=newest&per_page=5');
});
