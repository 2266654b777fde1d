import type { HelperOptions } from 'handlebars';
import type { i18n } from 'i18next';

/** At most this many plain (argument-free) translations are remembered; past it, they are looked up each time. */
const MAX_REMEMBERED = 10_000;

/**
 * `{{t "key" count=3 name="x"}}`: the catalog string for `key` in the page's language (`@root.lang`),
 * with hash arguments interpolated and pluralised by `count` (i18next rules). Output is escaped by Handlebars.
 * Calls without hash arguments are remembered per language and key (the catalogs do not change while the
 * app runs), which spares i18next's resolution on every page render.
 */
export function createTHelper(instance: i18n) {
  const remembered = new Map<string, string>();
  return function t(key: unknown, options: HelperOptions): string {
    const lang = (options.data?.root as { lang?: string } | undefined)?.lang ?? 'es';
    const hash = options.hash as Record<string, unknown> | undefined;
    if (hash && Object.keys(hash).length > 0) return instance.t(String(key), { ...hash, lng: lang }) as string;
    const id = `${lang}\u0000${String(key)}`;
    let text = remembered.get(id);
    if (text === undefined) {
      text = instance.t(String(key), { lng: lang }) as string;
      if (remembered.size < MAX_REMEMBERED) remembered.set(id, text);
    }
    return text;
  };
}
