import type { HelperOptions } from 'handlebars';
import type { i18n } from 'i18next';

/**
 * `{{t "key" count=3 name="x"}}`: the catalog string for `key` in the page's language (`@root.lang`),
 * with hash arguments interpolated and pluralised by `count` (i18next rules). Output is escaped by Handlebars.
 */
export function createTHelper(instance: i18n) {
  return function t(key: unknown, options: HelperOptions): string {
    const lang = (options.data?.root as { lang?: string } | undefined)?.lang ?? 'es';
    return instance.t(String(key), { ...options.hash, lng: lang }) as string;
  };
}
