import { buildApp } from '/work/main/src/app.js';
import { loadConfig } from '/work/main/src/config.js';
const app = await buildApp(loadConfig({ DATABASE_PATH: '/tmp/prof.sqlite', LOG_LEVEL: 'silent' }), { logger: false });
if (app.services.practices.count({}) === 0) app.services.importer.importPaths(['/work/main/data/practices']);
app.get('/_bare', async () => 'x');
for (const url of ['/_bare', '/practices/gt-mx-ilo-fair-recruitment', '/api/practices/gt-mx-ilo-fair-recruitment', '/countries/gt']) {
  for (let i = 0; i < 200; i++) await app.inject(url);
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) await app.inject(url);
  console.log(url, ((performance.now() - t0) / 1000).toFixed(3), 'ms/req');
}
await app.close();
