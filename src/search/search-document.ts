import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';
import type { Practice } from '../domain/practice.js';
import type { SearchDocument } from '../domain/search.js';
import { KIND_NAMES, LANGUAGES } from '../domain/taxonomy.js';
import type { TaxonomyService } from '../services/taxonomy-service.js';

/**
 * Version of the document format below. Bump it when what goes into a SearchDocument changes:
 * engines compare it with the version their index was built with and rebuild on start-up.
 */
export const SEARCH_DOCUMENT_VERSION = 1;

/** Plain text of sanitized HTML: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|td|th|blockquote|pre)>/g, '$& '), { allowedTags: [], allowedAttributes: {} });
  return decodeHTML(text).replace(/\s+/gu, ' ').trim();
}

/**
 * The searchable form of a published practice, the same for every engine:
 * - `tags`: country names in es/en/fr, partner ids, aliases and es/en names, pillar and kind names in es/en,
 *   so that `OIT`, `Guatemala`, `Panamá` or `emergencias` find the records tagged with them;
 * - `body`: the body as plain text (from the sanitized HTML, so what is searchable is what is shown).
 */
export function buildSearchDocument(p: Practice, taxonomy: TaxonomyService): SearchDocument {
  const tags = new Set<string>();
  for (const c of p.countries) for (const l of LANGUAGES) tags.add(taxonomy.countryName(c, l));
  for (const id of p.partners) {
    tags.add(id);
    const partner = taxonomy.partner(id);
    if (partner) {
      for (const a of partner.aliases) tags.add(a);
      tags.add(partner.names.es);
      tags.add(partner.names.en);
    }
  }
  for (const id of p.pillars) for (const l of ['es', 'en'] as const) tags.add(taxonomy.pillarName(id, l));
  for (const l of ['es', 'en'] as const) tags.add(KIND_NAMES[p.kind][l]);
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    tags: [...tags].join(' · '),
    body: htmlToText(p.bodyHtml),
    pillar: [...p.pillars],
    country: [...p.countries],
    partner: [...p.partners],
    kind: p.kind,
    language: p.language,
    year: p.year,
    createdAt: Date.parse(p.createdAt),
  };
}
