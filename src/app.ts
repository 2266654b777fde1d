import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Clock } from './domain/ports.js';
import { ASSETS_DIR } from './paths.js';
import { errorsPlugin } from './web/plugins/errors.js';
import { pageCachePlugin, pageCacheStorePlugin } from './web/plugins/page-cache.js';
import { i18nPlugin } from './web/plugins/i18n.js';
import { servicesPlugin } from './web/plugins/services.js';
import { viewPlugin } from './web/plugins/view.js';
import { sessionPlugin } from './web/plugins/session.js';
import { authRoutes } from './web/routes/auth/index.js';
import { curationRoutes } from './web/routes/curation/index.js';
import { adminRoutes } from './web/routes/admin/index.js';
import { countriesRoutes } from './web/routes/countries/index.js';
import { homeRoutes } from './web/routes/home/index.js';
import { partnersRoutes } from './web/routes/partners/index.js';
import { pillarsRoutes } from './web/routes/pillars/index.js';
import { practicesRoutes } from './web/routes/practices/index.js';
import { alliancesRoutes } from './web/routes/alliances/index.js';
import { searchRoutes } from './web/routes/search/index.js';
import { contributeRoutes } from './web/routes/contribute/index.js';
import { submissionsRoutes } from './web/routes/submissions/index.js';
import { csrfTokenOf, MULTIPART_LIMITS, onUploadFile, parseFormBody, redactTrackingToken } from './web/form-parsing.js';
import { createSubmissionLimiter } from './web/submission-limiter.js';

/** One route of the app as registered: method (GET, HEAD, POST...) and URL pattern (`/practices/:slug`). */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in order (the authorization matrix test walks it). */
    routeTable: readonly RouteEntry[];
  }
}

export interface AppOverrides {
  clock?: Clock;
  /** Partner registry file (tests); defaults to data/partners.json. */
  registryFile?: string;
  /** Pino logger options; defaults to `{ level: config.logLevel }` with secrets redacted. */
  logger?: boolean | object;
  /** Where the default logger writes (tests reading log lines); defaults to stdout. */
  logStream?: { write(line: string): void };
}

/**
 * The composition root: builds Puente's Fastify app from `config`, registering in a fixed order
 * (storage and services, the page cache's hit hook, ecosystem plugins, i18n, view, session, error handlers,
 * the page cache's store, routes). Does not listen.
 * Opens and migrates the database; does not seed it (server.ts does on first start).
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: overrides.logger ?? {
      level: config.logLevel,
      ...(overrides.logStream ? { stream: overrides.logStream } : {}),
      redact: [
        'req.headers.cookie',
        'req.headers["csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        // The Meilisearch API key, wherever a config object or client options are logged.
        'apiKey',
        '*.apiKey',
        'config.meilisearch.apiKey',
        'meilisearch.apiKey',
        'cookieSecret',
        'config.cookieSecret',
      ],
      serializers: {
        // Fastify's default request serializer, except that tracking tokens (/submissions/<token>) never reach the logs.
        req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: req.method,
          url: redactTrackingToken(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    trustProxy: config.trustProxy,
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
  // The route table, recorded before any plugin registers a route.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  // 1. Storage and services, then the page cache's hit hook: the first onRequest hook, so a kept public
  // page is sent before any other plugin works on the request (it replays the headers they set).
  await app.register(servicesPlugin, { config, clock: overrides.clock, registryFile: overrides.registryFile });
  await app.register(pageCachePlugin, { enabled: config.viewCache });

  // 2. Ecosystem plugins
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
  // Signed cookies (the CSRF secret, the receipt); COOKIE_SECRET must be the same on every instance.
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  if (config.cookieSecretIsDefault) {
    app.log.warn('COOKIE_SECRET is not set: cookies are signed with the public development secret. Set COOKIE_SECRET (at least 32 random characters, the same on every instance) in production.');
  }
  // Forms: `parties[0][country]=GT` nests, repeated `countries=GT&countries=MX` become lists (routes turn one value into a list).
  await app.register(fastifyFormbody, { parser: parseFormBody });
  // Markdown upload: one file of at most 1 MiB, read into memory, fields in `request.body` (413 past the limits).
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', onFile: onUploadFile, limits: MULTIPART_LIMITS });
  // CSRF: the secret lives in a signed, httpOnly, SameSite=Lax cookie; forms carry the token in `_csrf`, the live
  // preview in a `csrf-token` header. Routes run `app.csrfProtection` as a preHandler (after the body is parsed).
  await app.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto' },
    getToken: csrfTokenOf,
  });
  // Rate limits only where a route asks for one (contributions: see web/submission-limiter.ts).
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '1h', index: false });

  // 3. i18n, view, session, errors
  await app.register(i18nPlugin);
  await app.register(viewPlugin, { cache: config.viewCache });
  // Curators' sessions (cookie puente_session) and request.actor, before the error pages that show who is logged in.
  await app.register(sessionPlugin, { secret: config.cookieSecret, secure: config.cookieSecure });
  await app.register(errorsPlugin);
  await app.register(pageCacheStorePlugin, { enabled: config.viewCache });

  // 4. Routes
  await app.register(homeRoutes);
  await app.register(countriesRoutes);
  await app.register(pillarsRoutes);
  await app.register(partnersRoutes);
  await app.register(practicesRoutes);
  await app.register(alliancesRoutes);
  await app.register(searchRoutes);
  const submissionLimiter = createSubmissionLimiter(app, config.submissionRateLimit);
  await app.register(contributeRoutes, { limiter: submissionLimiter });
  await app.register(submissionsRoutes, { limiter: submissionLimiter });
  await app.register(authRoutes);
  await app.register(curationRoutes);
  await app.register(adminRoutes);
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));

  return app;
}
