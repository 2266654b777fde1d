import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('MEILISEARCH_*: unset host means the embedded engine only', async (t) => {
  t.equal(loadConfig({}).meilisearch, null);
  t.equal(loadConfig({ MEILISEARCH_HOST: '', MEILISEARCH_API_KEY: 'k', MEILISEARCH_INDEX: 'x' }).meilisearch, null, 'other variables alone do not enable it');
});

t.test('MEILISEARCH_*: values and defaults', async (t) => {
  const c = loadConfig({ MEILISEARCH_HOST: 'http://127.0.0.1:7700' });
  t.same(c.meilisearch, { host: 'http://127.0.0.1:7700', apiKey: null, indexName: 'practices', timeoutMs: 2000 });
  t.ok(Object.isFrozen(c.meilisearch));
  const d = loadConfig({ MEILISEARCH_HOST: 'https://search.example.org', MEILISEARCH_API_KEY: 'abc', MEILISEARCH_INDEX: 'puente_prod-2', MEILISEARCH_TIMEOUT_MS: '750' });
  t.same(d.meilisearch, { host: 'https://search.example.org', apiKey: 'abc', indexName: 'puente_prod-2', timeoutMs: 750 });
});

t.test('MEILISEARCH_*: bad values fail with one line naming the variable; the key is never echoed', async (t) => {
  for (const [env, name] of [
    [{ MEILISEARCH_HOST: 'localhost:7700' }, 'MEILISEARCH_HOST'],
    [{ MEILISEARCH_HOST: 'ftp://x' }, 'MEILISEARCH_HOST'],
    [{ MEILISEARCH_INDEX: 'a b' }, 'MEILISEARCH_INDEX'],
    [{ MEILISEARCH_INDEX: 'a/b' }, 'MEILISEARCH_INDEX'],
    [{ MEILISEARCH_TIMEOUT_MS: '0' }, 'MEILISEARCH_TIMEOUT_MS'],
    [{ MEILISEARCH_TIMEOUT_MS: 'soon' }, 'MEILISEARCH_TIMEOUT_MS'],
    [{ MEILISEARCH_TIMEOUT_MS: '1.5' }, 'MEILISEARCH_TIMEOUT_MS'],
  ] as const) {
    const err = t.throws(() => loadConfig({ ...env, MEILISEARCH_API_KEY: 'top-secret' })) as Error;
    t.type(err, ConfigError);
    t.match(err.message, new RegExp(`^${name}: `), `${JSON.stringify(env)} names ${name}`);
    t.notMatch(err.message, /\n|top-secret/);
  }
});
