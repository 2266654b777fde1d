import damerauLevenshtein from 'damerau-levenshtein';
import { distance as levenshtein } from 'fastest-levenshtein';

/**
 * Typo distance between two folded words, as Meilisearch counts typos: Levenshtein edits where swapping two
 * adjacent letters counts as one (optimal string alignment), and a typo on the first letter counts as two.
 * fastest-levenshtein answers most pairs; damerau-levenshtein only when a swap could bring the count down.
 * Source: Meilisearch typo tolerance, https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings
 */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a[0] !== b[0]) {
    // A typo on the first letter counts double: substitute, delete or insert it (or swap the first two
    // letters), then count the edits left in the rest.
    const swapped = a.length > 1 && a[1] === b[0] && a[0] === b[1] ? levenshtein(a.slice(2), b.slice(2)) : Infinity;
    return 2 + Math.min(levenshtein(a.slice(1), b.slice(1)), levenshtein(a.slice(1), b), levenshtein(a, b.slice(1)), swapped);
  }
  const d = levenshtein(a, b);
  if (d < 2) return d;
  return Math.min(d, damerauLevenshtein(a, b).steps);
}

/** True when `candidate` is within `budget` typos of `word`. */
export function withinTypos(word: string, candidate: string, budget: number): boolean {
  if (budget <= 0 || Math.abs(word.length - candidate.length) > budget) return word === candidate;
  return typoDistance(word, candidate) <= budget;
}
