import type { TFunction } from 'i18next';
import type { Language } from '../../domain/taxonomy.js';
import type { TaxonomyService } from '../../services/taxonomy-service.js';

/** What every presenter needs: the reader's language, labels, and the catalog translator fixed to that language. */
export interface PresenterContext {
  lang: Language;
  taxonomy: TaxonomyService;
  t: TFunction;
}

const collators = new Map<string, Intl.Collator>();

/**
 * The reader's-language collator (accent-aware sort order), made once per language: building an
 * Intl.Collator costs far more than the comparisons of a page.
 */
export function collatorFor(lang: string): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(lang)));
  return c;
}
