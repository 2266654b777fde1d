import i18next, { type i18n, type TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../domain/taxonomy.js';
import { LOCALES_DIR } from '../paths.js';

/** Languages the interface is offered in; fr's catalog exists and is filled in as translations arrive. */
export const UI_LANGUAGES = ['es', 'en'] as const satisfies readonly Language[];
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Loads `locales/<lang>.json` catalogs into the plain object shape i18next expects. */
export function loadCatalogs(dir: string = LOCALES_DIR): Record<Language, Record<string, unknown>> {
  return Object.fromEntries(
    LANGUAGES.map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, unknown>]),
  ) as Record<Language, Record<string, unknown>>;
}

/**
 * A dedicated i18next instance (no global state) initialised synchronously with every catalog.
 * Missing or empty strings fall back: fr -> en -> es, en -> es. Interpolation escaping is off because
 * Handlebars escapes every `{{t ...}}` result itself.
 */
export function createI18n(catalogs = loadCatalogs()): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([l, c]) => [l, { translation: c }])),
    lng: 'es',
    fallbackLng: { fr: ['en', 'es'], en: ['es'], default: ['es'] },
    supportedLngs: [...LANGUAGES],
    returnEmptyString: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

export type Translate = TFunction;
