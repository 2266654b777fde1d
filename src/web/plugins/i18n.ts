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

/** True when `v` is one of the interface languages (`es`, `en`, `fr`). */
export function isUi(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/**
 * The reader's interface language: a valid `?lang=` value, else a valid `lang` cookie, else the best
 * match of the Accept-Language header (RFC 9110 §12.5.4, via negotiator), else `es`.
 */
export function negotiateLanguage(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (isUi(query)) return query;
  if (isUi(cookie)) return cookie;
  const best = acceptLanguage ? new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...UI_LANGUAGES]) : undefined;
  return isUi(best) ? best : 'es';
}

/**
 * `t` with its argument-free calls (`t('nav.home')`) remembered: i18next resolves every call anew (about
 * 10 µs), and the catalogs do not change while the app runs. Calls with options go to i18next.
 */
function rememberingT(base: TFunction): TFunction {
  const remembered = new Map<string, string>();
  const call = base as unknown as (...args: unknown[]) => unknown;
  const t = (...args: unknown[]) => {
    if (args.length !== 1 || typeof args[0] !== 'string') return call(...args);
    const key = args[0];
    let text = remembered.get(key);
    if (text === undefined) {
      text = String(call(key));
      if (remembered.size < 10_000) remembered.set(key, text);
    }
    return text;
  };
  return t as unknown as TFunction;
}

/**
 * Language negotiation on every request. A valid `?lang=` is remembered in a `lang` cookie
 * (1 year, SameSite=Lax). Needs @fastify/cookie registered first.
 */
export const i18nPlugin = fp(
  async (app) => {
    const instance = createI18n();
    const fixed = new Map(UI_LANGUAGES.map((l) => [l, rememberingT(instance.getFixedT(l))]));
    app.decorate('i18n', instance);
    app.decorateRequest('lang', 'es');
    app.decorateRequest('t', null as unknown as TFunction);
    app.addHook('onRequest', async (request, reply) => {
      const q = (request.query as Record<string, unknown> | undefined)?.lang;
      if (isUi(q) && request.cookies[LANG_COOKIE] !== q) {
        reply.setCookie(LANG_COOKIE, q, { path: '/', maxAge: ONE_YEAR_S, sameSite: 'lax', httpOnly: true });
      }
      const lang = negotiateLanguage(q, request.cookies[LANG_COOKIE], request.headers['accept-language']);
      request.lang = lang;
      request.t = fixed.get(lang)!;
      reply.header('Vary', 'Accept-Language, Cookie');
      reply.header('Content-Language', lang);
    });
  },
  { name: 'puente-i18n', dependencies: ['@fastify/cookie'] },
);
