import t from 'tap';
import countries from 'i18n-iso-countries';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { practiceMetadataSchema, SLUG_RE } from '../../src/domain/practice.js';
import { PILLAR_IDS } from '../../src/domain/taxonomy.js';
import { DATA_DIR } from '../../src/paths.js';
import { foldToken, tokenize } from '../../src/search/text-analysis.js';
import { COMMON_WORDS, createSyntheticCorpus, type RegistryPartner } from '../../scripts/lib/synthetic-corpus.js';

const registry = JSON.parse(readFileSync(join(DATA_DIR, 'partners.json'), 'utf8')) as RegistryPartner[];
const registryIds = new Set(registry.map((p) => p.id));

t.test('same seed, same records; another seed, other records; record(n) is the n-th of records()', async (t) => {
  const a = createSyntheticCorpus({ seed: 42, partners: registry });
  const b = createSyntheticCorpus({ seed: 42, partners: registry });
  const first = [...a.records(5)];
  t.same([...b.records(5)], first);
  t.same(b.record(3), first[3]);
  const other = createSyntheticCorpus({ seed: 43, partners: registry });
  t.not(other.record(0).title, first[0]!.title);
  t.not(other.record(0).bodyMarkdown, first[0]!.bodyMarkdown);
  t.equal(new Set(first.map((r) => r.slug)).size, 5, 'slugs are unique');
});

t.test('records are valid practices with the real taxonomy', async (t) => {
  const schema = practiceMetadataSchema({ isCountryCode: (c) => countries.isValid(c), maxYear: 2026 });
  const corpus = createSyntheticCorpus({ seed: 7, partners: registry });
  const languages = { es: 0, en: 0, fr: 0 };
  let problems = 0;
  for (const r of corpus.records(600)) {
    languages[r.language]++;
    const parsed = schema.safeParse({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      countries: r.countries,
      pillars: r.pillars,
      partners: r.partners,
      kind: r.kind,
      year: r.year,
      language: r.language,
      ...(r.sourceUrl ? { source: r.sourceUrl } : {}),
    });
    const ok =
      parsed.success &&
      SLUG_RE.test(r.slug) &&
      r.countries.length >= 1 && r.countries.length <= 5 && r.countries.every((c) => countries.isValid(c)) &&
      r.pillars.length >= 1 && r.pillars.length <= 2 && r.pillars.every((p) => PILLAR_IDS.includes(p)) &&
      r.partners.length >= 1 && r.partners.length <= 5 && r.partners.every((p) => registryIds.has(p)) &&
      r.year >= 2000 && r.year <= 2025;
    if (!ok && problems++ < 3) t.fail(`invalid record ${r.slug}: ${JSON.stringify(parsed.success ? r : parsed.error.issues)}`);
    const words = (s: string) => tokenize(s).length;
    // Titles and summaries are counted in sampled words; names (Costa Rica, institution names) add tokens.
    if (words(r.title) < 8 || words(r.title) > 20) t.fail(`${r.slug}: title of ${words(r.title)} words: ${r.title}`);
    if (words(r.summary) < 25 || words(r.summary) > 60) t.fail(`${r.slug}: summary of ${words(r.summary)} words`);
    const body = words(r.bodyMarkdown.replace(/^##.*$/gm, '').replace(/\(https?:[^)]*\)/g, ''));
    if (body < 240 || body > 500) t.fail(`${r.slug}: body of ${body} words`);
    if ((r.bodyMarkdown.match(/^## /gm) ?? []).length !== 4) t.fail(`${r.slug}: expected the guide's 4 headings`);
  }
  t.equal(problems, 0, 'every record is valid');
  t.ok(languages.es > 300 && languages.es < 420, `about 60% es (${languages.es}/600)`);
  t.ok(languages.en > 160 && languages.en < 260, `about 35% en (${languages.en}/600)`);
  t.ok(languages.fr > 10 && languages.fr < 60, `about 5% fr (${languages.fr}/600)`);
});

t.test('the common word is in more than 90% of records; the vocabulary is real words with a long tail', async (t) => {
  const corpus = createSyntheticCorpus({ seed: 42, partners: registry });
  const n = 1000;
  let own = 0;
  let commonQueryFinds = 0;
  const documentFrequency = new Map<string, number>();
  for (const r of corpus.records(n)) {
    const terms = new Set(tokenize(`${r.title} ${r.summary} ${r.bodyMarkdown}`).map((x) => x.term));
    if (terms.has(foldToken(COMMON_WORDS[r.language]))) own++;
    // What the common query (`migración`, typo budget 2) finds: migración or migration.
    if (terms.has('migracion') || terms.has('migration')) commonQueryFinds++;
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  t.ok(own / n > 0.9, `own language's common word in ${own}/${n} records`);
  t.ok(commonQueryFinds / n > 0.9, `migración or migration in ${commonQueryFinds}/${n} records`);
  const dfs = [...documentFrequency.values()];
  t.ok(documentFrequency.size > 3000, `a vocabulary of real size (${documentFrequency.size} distinct terms)`);
  t.ok(dfs.filter((d) => d >= 0.05 * n && d <= 0.2 * n).length >= 100, 'plenty of mid-frequency words (5-20% of records)');
  t.ok(dfs.filter((d) => d <= 0.01 * n).length > documentFrequency.size / 3, 'a long tail of rare words');
  t.notOk([...documentFrequency.keys()].some((w) => /^w[0-9a-z]+$/.test(w) && /\d/.test(w)), 'no w123-style placeholder tokens');
});
