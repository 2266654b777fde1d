import type { TFunction } from 'i18next';
import type { Language } from '../../domain/taxonomy.js';
import type { TaxonomyService } from '../../services/taxonomy-service.js';

/** What every presenter needs: the reader's language, labels, and the catalog translator fixed to that language. */
export interface PresenterContext {
  lang: Language;
  taxonomy: TaxonomyService;
  t: TFunction;
}
