import '@fastify/cookie';
import fp from 'fastify-plugin';
import type { TFunction, i18n } from 'i18next';
import Negotiator from 'negotiator';
import { UI_LANGUAGES, createI18n, type UiLanguage } from '../i18n.js';

declare module 'fastify' {
  interface FastifyInstance {
    i18n: i18n;
  }
  interface FastifyRequest {
    /** The reader's interface language: `?lang=`, else the `lang` cookie, else Accept-Language, else es. */
    lang: UiLanguage;
    /** The catalog translator fixed to `lang`. */
    t: TFunction;
  }
}

export const LANG_COOKIE = 'lang';
const ONE_YEAR_S = 365 * 24 * 3600;

function isUi(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/**
 * Language negotiation on every request. A valid `?lang=` is remembered in a `lang` cookie
 * (1 year, SameSite=Lax). Needs @fastify/cookie registered first.
 */
export const i18nPlugin = fp(
  async (app) => {
    const instance = createI18n();
    const fixed = new Map(UI_LANGUAGES.map((l) => [l, instance.getFixedT(l)]));
    app.decorate('i18n', instance);
    app.decorateRequest('lang', 'es');
    app.decorateRequest('t', null as unknown as TFunction);
    app.addHook('onRequest', async (request, reply) => {
      const q = (request.query as Record<string, unknown> | undefined)?.lang;
      let lang: UiLanguage | undefined;
      if (isUi(q)) {
        lang = q;
        if (request.cookies[LANG_COOKIE] !== q) {
          reply.setCookie(LANG_COOKIE, q, { path: '/', maxAge: ONE_YEAR_S, sameSite: 'lax', httpOnly: true });
        }
      } else if (isUi(request.cookies[LANG_COOKIE])) {
        lang = request.cookies[LANG_COOKIE] as UiLanguage;
      } else {
        const header = request.headers['accept-language'];
        const best = header ? new Negotiator({ headers: { 'accept-language': header } }).language([...UI_LANGUAGES]) : undefined;
        lang = isUi(best) ? best : 'es';
      }
      request.lang = lang;
      request.t = fixed.get(lang)!;
      reply.header('Vary', 'Accept-Language, Cookie');
      reply.header('Content-Language', lang);
    });
  },
  { name: 'puente-i18n', dependencies: ['@fastify/cookie'] },
);
