import t from 'tap';
import { ConfigError, DEV_COOKIE_SECRET, loadConfig } from '../src/config.js';

t.test('defaults', async (t) => {
  const c = loadConfig({});
  t.same(c, { databasePath: 'data/puente.sqlite', host: '127.0.0.1', port: 3000, logLevel: 'info', seedDir: 'data/practices', viewCache: true, meilisearch: null, cookieSecret: DEV_COOKIE_SECRET, cookieSecretIsDefault: true, submissionRateLimit: 10, cookieSecure: false, trustProxy: false });
  t.ok(Object.isFrozen(c));
});

t.test('COOKIE_SECRET and SUBMISSION_RATE_LIMIT', async (t) => {
  const secret = 'a'.repeat(32);
  const c = loadConfig({ COOKIE_SECRET: secret, SUBMISSION_RATE_LIMIT: '3' });
  t.equal(c.cookieSecret, secret);
  t.equal(c.cookieSecretIsDefault, false);
  t.equal(c.submissionRateLimit, 3);
  const short = t.throws(() => loadConfig({ COOKIE_SECRET: 'short-secret' })) as Error;
  t.match(short.message, /^COOKIE_SECRET: expected at least 32 characters/);
  t.notMatch(short.message, /short-secret/, 'the secret is never printed');
  for (const v of ['0', '-1', 'x', '2.5']) t.throws(() => loadConfig({ SUBMISSION_RATE_LIMIT: v }), { message: /^SUBMISSION_RATE_LIMIT: / });
});

t.test('COOKIE_SECURE', async (t) => {
  t.equal(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure, true);
  t.equal(loadConfig({ COOKIE_SECURE: '0' }).cookieSecure, false);
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  t.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /^TRUST_PROXY: /);
  t.throws(() => loadConfig({ COOKIE_SECURE: 'https' }), { message: /^COOKIE_SECURE: expected true or false/ });
});

t.test('values from the environment; empty strings count as unset', async (t) => {
  const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'debug', DATABASE_PATH: '/tmp/x.sqlite', SEED_DIR: '', VIEW_CACHE: 'false' });
  t.equal(c.port, 8080);
  t.equal(c.host, '0.0.0.0');
  t.equal(c.logLevel, 'debug');
  t.equal(c.databasePath, '/tmp/x.sqlite');
  t.equal(c.seedDir, 'data/practices');
  t.equal(c.viewCache, false);
});

t.test('a bad value fails with one line naming the variable', async (t) => {
  for (const [env, name] of [
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '3.5' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ VIEW_CACHE: 'maybe' }, 'VIEW_CACHE'],
  ] as const) {
    const err = t.throws(() => loadConfig(env)) as Error;
    t.type(err, ConfigError);
    t.match(err.message, new RegExp(`^${name}: `), `${JSON.stringify(env)} names ${name}`);
    t.notMatch(err.message, /\n/, 'one line');
  }
});
