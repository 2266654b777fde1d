import type { PillarId } from '../../domain/taxonomy.js';
import { urls } from '../urls.js';
import { collatorFor, type PresenterContext } from './context.js';

export interface CountryLink { code: string; name: string; url: string }
export interface PillarLink { id: PillarId; name: string; url: string }
export interface PartnerLink { id: string; name: string; url: string; reviewed: boolean }

export function countryLink(ctx: PresenterContext, code: string): CountryLink {
  return { code, name: ctx.taxonomy.countryName(code, ctx.lang), url: urls.country(code) };
}
export function pillarLink(ctx: PresenterContext, id: PillarId): PillarLink {
  return { id, name: ctx.taxonomy.pillarName(id, ctx.lang), url: urls.pillar(id) };
}
export function partnerLink(ctx: PresenterContext, id: string): PartnerLink {
  const p = ctx.taxonomy.partner(id);
  return { id, name: p?.names[ctx.lang] ?? id, url: urls.partner(id), reviewed: p?.reviewed ?? false };
}
/** Sorts labelled items by their name in the reader's language (Intl.Collator, accent-aware). */
export function byName<T extends { name: string }>(ctx: PresenterContext) {
  const collator = collatorFor(ctx.lang);
  return (a: T, b: T) => collator.compare(a.name, b.name);
}
