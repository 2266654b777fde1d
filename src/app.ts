import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Clock } from './domain/ports.js';
import { ASSETS_DIR } from './paths.js';
import { errorsPlugin } from './web/plugins/errors.js';
import { i18nPlugin } from './web/plugins/i18n.js';
import { servicesPlugin } from './web/plugins/services.js';
import { viewPlugin } from './web/plugins/view.js';
import { countriesRoutes } from './web/routes/countries/index.js';
import { homeRoutes } from './web/routes/home/index.js';
import { partnersRoutes } from './web/routes/partners/index.js';
import { pillarsRoutes } from './web/routes/pillars/index.js';
import { practicesRoutes } from './web/routes/practices/index.js';
import { alliancesRoutes } from './web/routes/alliances/index.js';
import { searchRoutes } from './web/routes/search/index.js';

export interface AppOverrides {
  clock?: Clock;
  /** Partner registry file (tests); defaults to data/partners.json. */
  registryFile?: string;
  /** Pino logger options; defaults to `{ level: config.logLevel }` with secrets redacted. */
  logger?: boolean | object;
}

/**
 * The composition root: builds Puente's Fastify app from `config`, registering in a fixed order
 * (ecosystem plugins, storage and services, i18n, view, error handlers, routes). Does not listen.
 * Opens and migrates the database; does not seed it (server.ts does on first start).
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: overrides.logger ?? {
      level: config.logLevel,
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        // The Meilisearch API key, wherever a config object or client options are logged.
        'apiKey',
        '*.apiKey',
        'config.meilisearch.apiKey',
        'meilisearch.apiKey',
      ],
    },
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    // Malformed URLs (bad %-encoding) are refused before any hook runs: answer them with the same
    // error page or JSON as other 400s, in Spanish (no negotiation ran) and with the security headers.
    frameworkErrors: (err, request, reply) => {
      request.lang = 'es';
      request.t = app.i18n.getFixedT('es');
      reply.header('content-security-policy', "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'");
      reply.header('x-content-type-options', 'nosniff');
      void app.sendError(request, reply, 400, 'bad_url', err.message);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // 1. Ecosystem plugins
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '1h', index: false });

  // 2. Storage and services
  await app.register(servicesPlugin, { config, clock: overrides.clock, registryFile: overrides.registryFile });

  // 3. i18n, view, errors
  await app.register(i18nPlugin);
  await app.register(viewPlugin, { cache: config.viewCache });
  await app.register(errorsPlugin);

  // 4. Routes
  await app.register(homeRoutes);
  await app.register(countriesRoutes);
  await app.register(pillarsRoutes);
  await app.register(partnersRoutes);
  await app.register(practicesRoutes);
  await app.register(alliancesRoutes);
  await app.register(searchRoutes);
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));

  return app;
}
