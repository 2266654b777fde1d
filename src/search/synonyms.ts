import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../paths.js';
import { foldToken } from './text-analysis.js';

/**
 * Cross-language search synonyms (data/synonyms.json): groups of es/en/fr words that find each other,
 * e.g. niños = children = enfants. Folded like index terms.
 */
export interface Synonyms {
  /** Other folded words of `word`'s groups (empty when it has none). */
  of(word: string): string[];
  /** The groups as written (for engines that take synonyms as settings, e.g. Meilisearch). */
  groups: string[][];
}

export function loadSynonyms(file: string = join(DATA_DIR, 'synonyms.json')): Synonyms {
  const { groups } = JSON.parse(readFileSync(file, 'utf8')) as { groups: string[][] };
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const folded = [...new Set(group.map((w) => foldToken(w)).filter((w) => /^[\p{L}\p{N}]+$/u.test(w)))];
    for (const w of folded) {
      let set = map.get(w);
      if (!set) map.set(w, (set = new Set()));
      for (const other of folded) if (other !== w) set.add(other);
    }
  }
  return { of: (word) => [...(map.get(word) ?? [])], groups };
}
