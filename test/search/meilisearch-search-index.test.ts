/**
 * The Meilisearch adapter without a Meilisearch server: the pure request builders (filter expression,
 * multi-search body, sort, facet mapping, settings, synonyms) and how the real client fails against hosts
 * that are not Meilisearch (a closed port; a port that accepts connections and never answers). What Meilisearch
 * itself does with these requests is the contract suite's job (meilisearch.contract.test.ts, live server only).
 */
import t from 'tap';
import { createServer, type Socket } from 'node:net';
import { MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { emptyFilters, type SearchFilters, type SearchRequest } from '../../src/domain/search.js';
import {
  buildFilter,
  buildMultiSearch,
  buildSettings,
  buildSynonyms,
  createMeilisearchSearchIndex,
  facetCounts,
  partnerSynonymGroups,
  quoteFilterValue,
  selectedFacets,
  sortFor,
  stopWords,
} from '../../src/search/meilisearch-search-index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

function filters(f: Partial<SearchFilters>): SearchFilters {
  return { ...emptyFilters(), ...f };
}
function request(r: Partial<SearchRequest>): SearchRequest {
  return { text: '', filters: emptyFilters(), sort: 'relevance', offset: 0, limit: 20, ...r };
}

t.test('quoteFilterValue: double quotes, inner quotes escaped, backslashes refused', async (t) => {
  t.equal(quoteFilterValue('GT'), '"GT"');
  t.equal(quoteFilterValue('migration-management'), '"migration-management"');
  t.equal(quoteFilterValue('a "b" c'), '"a \\"b\\" c"');
  t.equal(quoteFilterValue('x OR pillar = y'), '"x OR pillar = y"', 'operators stay inside the quoted value');
  t.throws(() => quoteFilterValue('a\\'), RangeError);
});

t.test('buildFilter: OR within a facet, AND across, year range, omit', async (t) => {
  t.equal(buildFilter(emptyFilters()), undefined, 'nothing selected, no filter');
  t.equal(buildFilter(filters({ country: ['GT'] })), 'country = "GT"');
  t.equal(
    buildFilter(filters({ pillar: ['migration-management', 'emergencies-crises'], country: ['GT', 'MX'], partner: ['IOM'] })),
    '(pillar = "migration-management" OR pillar = "emergencies-crises") AND (country = "GT" OR country = "MX") AND partner = "IOM"',
  );
  t.equal(buildFilter(filters({ kind: ['tool'], language: ['es', 'en'] })), 'kind = "tool" AND (language = "es" OR language = "en")');
  t.equal(buildFilter(filters({ yearFrom: 2015, yearTo: 2020 })), 'year >= 2015 AND year <= 2020');
  t.equal(buildFilter(filters({ yearFrom: 2015 })), 'year >= 2015', 'open upper end');
  t.equal(buildFilter(filters({ yearTo: 2001 })), 'year <= 2001', 'open lower end');
  t.equal(buildFilter(filters({ country: ['GT', 'GT'] })), 'country = "GT"', 'duplicates collapse');
  const f = filters({ country: ['GT'], pillar: ['emergencies-crises'], yearFrom: 2010 });
  t.equal(buildFilter(f, 'country'), 'pillar = "emergencies-crises" AND year >= 2010');
  t.equal(buildFilter(f, 'year'), 'pillar = "emergencies-crises" AND country = "GT"');
  t.equal(buildFilter(filters({ country: ['GT'] }), 'country'), undefined);
  t.throws(() => buildFilter(filters({ yearFrom: 2015.5 })), RangeError, 'only whole years reach the expression');
});

t.test('selectedFacets: list facets with values, year with either end', async (t) => {
  t.same(selectedFacets(emptyFilters()), []);
  t.same(selectedFacets(filters({ partner: ['IOM'], yearTo: 2000, pillar: ['migration-management'] })), ['pillar', 'partner', 'year']);
});

t.test('sortFor: relevance by ranking rules (newest without text), newest, year', async (t) => {
  t.equal(sortFor({ sort: 'relevance', text: 'migrantes' }), undefined);
  t.same(sortFor({ sort: 'relevance', text: '  ' }), ['createdAt:desc', 'id:desc'], 'no text: nothing to rank, newest first like the embedded engine');
  t.same(sortFor({ sort: 'newest', text: 'x' }), ['createdAt:desc', 'id:desc']);
  t.same(sortFor({ sort: 'year', text: 'x' }), ['year:desc', 'createdAt:desc', 'id:desc']);
});

t.test('buildMultiSearch: one main query and one counts-only query per selected facet', async (t) => {
  const plain = buildMultiSearch('practices', request({ text: 'migrantes ', offset: 40, limit: 20 }));
  t.equal(plain.queries.length, 1, 'no selection: the main query alone');
  t.same(plain.queries[0], {
    indexUid: 'practices',
    q: 'migrantes ',
    attributesToRetrieve: ['id', 'slug'],
    facets: ['pillar', 'country', 'partner', 'kind', 'language', 'year'],
    page: 3,
    hitsPerPage: 20,
  });
  t.same(plain.disjunctive, []);
  t.equal(plain.skip, 0);

  const f = filters({ country: ['GT', 'MX'], pillar: ['emergencies-crises'], yearFrom: 2010, yearTo: 2020 });
  const plan = buildMultiSearch('idx', request({ text: 'albergues', filters: f, sort: 'year' }));
  t.same(plan.disjunctive, ['pillar', 'country', 'year']);
  const [main, pillar, country, year] = plan.queries;
  t.same(main, {
    indexUid: 'idx',
    q: 'albergues',
    attributesToRetrieve: ['id', 'slug'],
    facets: ['partner', 'kind', 'language'],
    page: 1,
    hitsPerPage: 20,
    filter: 'pillar = "emergencies-crises" AND (country = "GT" OR country = "MX") AND year >= 2010 AND year <= 2020',
    sort: ['year:desc', 'createdAt:desc', 'id:desc'],
  }, 'main query: every filter; counts of the facets without a selection');
  t.same(pillar, { indexUid: 'idx', q: 'albergues', facets: ['pillar'], page: 1, hitsPerPage: 0, filter: '(country = "GT" OR country = "MX") AND year >= 2010 AND year <= 2020' });
  t.same(country, { indexUid: 'idx', q: 'albergues', facets: ['country'], page: 1, hitsPerPage: 0, filter: 'pillar = "emergencies-crises" AND year >= 2010 AND year <= 2020' });
  t.same(year, { indexUid: 'idx', q: 'albergues', facets: ['year'], page: 1, hitsPerPage: 0, filter: 'pillar = "emergencies-crises" AND (country = "GT" OR country = "MX")' });

  const only = buildMultiSearch('idx', request({ filters: filters({ kind: ['tool'] }) }));
  t.notOk('filter' in only.queries[1]!, 'the only selected facet: its counts query has no filter at all');

  const odd = buildMultiSearch('idx', request({ offset: 5, limit: 10 }));
  t.equal(odd.queries[0]!.page, 1);
  t.equal(odd.queries[0]!.hitsPerPage, 15, 'an offset off the page grid fetches through offset + limit');
  t.equal(odd.skip, 5);
});

t.test('facetCounts: count desc, then value (years newest first); zeros dropped', async (t) => {
  t.same(facetCounts({ country: { MX: 3, GT: 5, BZ: 3, CR: 0 } }, 'country'), [
    { value: 'GT', count: 5 },
    { value: 'BZ', count: 3 },
    { value: 'MX', count: 3 },
  ]);
  t.same(facetCounts({ year: { '2014': 2, '2019': 2, '2001': 7 } }, 'year'), [
    { value: '2001', count: 7 },
    { value: '2019', count: 2 },
    { value: '2014', count: 2 },
  ]);
  t.same(facetCounts(undefined, 'kind'), []);
  t.same(facetCounts({ pillar: {} }, 'partner'), []);
});

t.test('synonyms: partner ids and aliases stand for one another, plus glossary groups', async (t) => {
  const groups = partnerSynonymGroups([
    { id: 'ILO', aliases: ['OIT', 'BIT'] },
    { id: 'IOM', aliases: ['OIM'] },
    { id: 'AMEXCID', aliases: [] },
  ]);
  t.same(groups, [['ILO', 'OIT', 'BIT'], ['IOM', 'OIM']], 'partners without aliases give no group');
  const s = buildSynonyms([...groups, ['niños', 'children', 'enfants'], ['OIM', 'oim'], ['solo']]);
  t.same(s.ILO, ['OIT', 'BIT']);
  t.same(s.OIT, ['ILO', 'BIT']);
  t.same(s.OIM, ['IOM']);
  t.same(s.IOM, ['OIM']);
  t.same(s.children, ['niños', 'enfants']);
  t.notOk('oim' in s, 'case variants of one term are one term');
  t.notOk('solo' in s, 'a group of one is no synonym');
});

t.test('settings: attributes in ranking order, facets, sorts, typo defaults, stop words, synonyms', async (t) => {
  const s = buildSettings({ OIM: ['IOM'] });
  t.same(s.searchableAttributes, ['title', 'summary', 'tags', 'body']);
  t.same(s.filterableAttributes, ['pillar', 'country', 'partner', 'kind', 'language', 'year']);
  t.same(s.sortableAttributes, ['createdAt', 'year', 'id']);
  t.same(s.rankingRules, ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness']);
  t.same(s.typoTolerance, { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  t.ok(s.faceting!.maxValuesPerFacet! >= 500);
  t.same(s.synonyms, { OIM: ['IOM'] });
  const words = stopWords();
  t.same(s.stopWords, words);
  for (const w of ['de', 'la', 'el', 'the', 'and', 'of']) t.ok(words.includes(w), `${w} is a stop word`);
  for (const w of ['más', 'mas', 'también', 'tambien']) t.ok(words.includes(w), `${w}: accented stop words are listed as written and folded`);
  t.notOk(words.includes('migracion'));
});

t.test('the real client against a closed port: every call rejects with a request error', async (t) => {
  const index = createMeilisearchSearchIndex({ host: 'http://127.0.0.1:9', indexName: 'practices', timeoutMs: 500, log: silent });
  t.equal(index.engine, 'meilisearch');
  await t.rejects(index.search(request({ text: 'x' })), MeilisearchRequestError);
  await t.rejects(index.documentIds(), MeilisearchRequestError);
  await t.rejects(index.applySettings(), MeilisearchRequestError);
  await t.rejects(index.upsert([{ id: 1, slug: 's', title: 't', summary: '', tags: '', body: '', pillar: [], country: [], partner: [], kind: 'tool', language: 'es', year: 2020, createdAt: 0 }]), MeilisearchRequestError);
  await t.rejects(index.remove([1]), MeilisearchRequestError);
  const source = { total: 0, startedAt: new Date().toISOString(), all: () => [], changedSince: () => [] };
  await t.rejects(index.rebuild(source), MeilisearchRequestError);
  await index.upsert([]);
  await index.remove([]);
  t.pass('empty writes make no request');
});

t.test('a host that accepts connections but never answers: the configured timeout applies', async (t) => {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const { port } = server.address() as { port: number };
  const index = createMeilisearchSearchIndex({ host: `http://127.0.0.1:${port}`, apiKey: 'secret-key', indexName: 'practices', timeoutMs: 300, log: silent });
  const started = performance.now();
  const err = (await index.search(request({ text: 'x' })).catch((e: unknown) => e)) as MeilisearchRequestError;
  const elapsed = performance.now() - started;
  t.type(err, MeilisearchRequestError);
  t.type(err.cause, MeilisearchRequestTimeOutError, 'the cause is the client timeout');
  t.ok(elapsed >= 250 && elapsed < 3000, `rejected after ~300 ms (${Math.round(elapsed)} ms)`);
  t.notMatch(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String((err.cause as Error).message), /secret-key/, 'the API key is not in the error');
});
