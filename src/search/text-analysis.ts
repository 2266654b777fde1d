import { eng, fra, spa } from 'stopword';

/**
 * Text analysis shared by the embedded engine, the highlighter and the query parser. It mirrors FTS5's
 * `unicode61 remove_diacritics 2` tokenizer: tokens are runs of letters and digits, folded to lower case
 * without diacritics, so `Migración`, `MIGRACION` and an NFD-typed `migración` are all `migracion`.
 */

/** Folds one token the way unicode61 (remove_diacritics 2) does: NFD, drop combining marks, lower-case. */
export function foldToken(s: string): string {
  // Most tokens are plain ASCII: lower-casing is all they need (NFD is the slow path).
  return ASCII_RE.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
const ASCII_RE = /^[\x00-\x7f]*$/;

// Letters, digits, marks and private-use characters, as FTS5's unicode61 tokenizer reads them: a combining
// mark with no precomposed form (`n̈`) stays inside its word.
const TOKEN_RE = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** A token of a text: its folded form and where it stands in the original string (UTF-16 offsets). */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** Splits `text` into folded tokens with offsets into `text` (offsets refer to the NFC input). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const term = foldToken(m[0]);
    if (term) tokens.push({ term, start: m.index, end: m.index + m[0].length }); // marks alone fold to nothing
  }
  return tokens;
}

/** Spanish, English and French stop words (the `stopword` package's lists), folded. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...spa, ...eng, ...fra].map(foldToken));

/** A parsed free-text query: words (last one may be a prefix) and quoted phrases. */
export interface TextQuery {
  /** Folded words outside quotes, stop words removed unless the query has nothing else, at most MAX_WORDS. */
  words: string[];
  /** True when the last word was typed without a following space: it also matches as a prefix. */
  lastIsPrefix: boolean;
  /** Quoted phrases, each a list of folded tokens (at least 1). */
  phrases: string[][];
}

/** Longer queries are cut: ranking is by words matched, and 10 words already say enough. */
export const MAX_WORDS = 10;
export const MAX_PHRASES = 5;

/**
 * Parses free text (inline filter syntax already removed) into words and phrases. Any string is valid:
 * operators (`AND`, `NEAR`, `*`, `^`, `:`, parentheses) are just characters, unbalanced quotes close at
 * the end, emoji and punctuation separate words.
 */
export function parseText(input: string): TextQuery {
  const text = input.normalize('NFC');
  const phrases: string[][] = [];
  const outside: string[] = [];
  const parts = text.split('"');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const terms = tokenize(part).map((t) => t.term);
      if (terms.length > 1 && phrases.length < MAX_PHRASES) phrases.push(terms);
      else outside.push(part); // a one-word "phrase" is just a word (exact, no prefix)
    } else outside.push(part);
  });
  const rest = outside.join(' ');
  const all = tokenize(rest).map((t) => t.term);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  const words = [...new Set(content.length > 0 || phrases.length > 0 ? content : all)].slice(0, MAX_WORDS);
  const lastIsPrefix = words.length > 0 && /[\p{L}\p{N}]$/u.test(text) && parts.length % 2 === 1 && all.at(-1) === words.at(-1);
  return { words, lastIsPrefix, phrases };
}

/**
 * Typo budget of a word, Meilisearch's defaults: 0 below 5 characters, 1 from 5, 2 from 9.
 * Source: https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings
 */
export function typoBudget(word: string): number {
  const n = [...word].length;
  return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}
