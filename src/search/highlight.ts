import { withinTypos } from './edit-distance.js';
import type { Synonyms } from './synonyms.js';
import { parseText, tokenize, typoBudget } from './text-analysis.js';

/** A piece of text, marked when it matched the query. Templates print `text` escaped, wrapping matches in <mark>. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Decides whether a folded token matches a query, with the engine's rules (prefix on the last word, typos, phrases). */
export type TokenMatcher = ((term: string) => boolean) & { /** True when nothing can match (no words). */ none?: boolean };

/**
 * Builds a matcher for the free text of a query: a token matches a word exactly, as a prefix of the last
 * word, within the word's typo budget (first-letter typos count double), as a synonym, or as part of a
 * quoted phrase.
 */
export function matcherFor(text: string, synonyms?: Synonyms): TokenMatcher {
  const q = parseText(text);
  const exact = new Set(q.words);
  if (synonyms) for (const w of q.words) for (const s of synonyms.of(w)) exact.add(s);
  for (const p of q.phrases) for (const t of p) exact.add(t);
  const prefix = q.lastIsPrefix && q.words.length ? q.words.at(-1)! : null;
  const fuzzy = q.words.filter((w) => typoBudget(w) > 0);
  if (exact.size === 0 && !prefix) return Object.assign(() => false, { none: true });
  // Bodies repeat words: decide each distinct term once.
  const seen = new Map<string, boolean>();
  const decide = (term: string) => {
    if (exact.has(term)) return true;
    if (prefix && prefix.length >= 2 && term.startsWith(prefix)) return true;
    for (const w of fuzzy) if (withinTypos(w, term, typoBudget(w))) return true;
    return false;
  };
  return (term) => {
    let r = seen.get(term);
    if (r === undefined) seen.set(term, (r = decide(term)));
    return r;
  };
}

/** Splits `text` into segments, marking every token the matcher accepts (adjacent matches stay separate). */
export function highlight(text: string, match: TokenMatcher): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const t of tokenize(text)) {
    if (!match(t.term)) continue;
    if (t.start > last) out.push({ text: text.slice(last, t.start), match: false });
    out.push({ text: text.slice(t.start, t.end), match: true });
    last = t.end;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}

/**
 * A window of about `words` words of `text` around its densest run of matches, with ellipses where cut;
 * the start of the text when nothing matches.
 */
export function snippet(text: string, match: TokenMatcher, words = 30): Segment[] {
  // Look for the best passage in the first 20,000 characters (bodies can reach 100 KB); with nothing to
  // match, the opening words are the snippet.
  const limit = match.none ? words * 20 : 20_000;
  const tokens = tokenize(text.length > limit ? text.slice(0, limit) : text);
  if (tokens.length === 0) return [];
  let bestStart = 0;
  let bestHits = -1;
  const hits = tokens.map((t) => (match(t.term) ? 1 : 0));
  let window = 0;
  for (let i = 0; i < tokens.length; i++) {
    window += hits[i]!;
    if (i >= words) window -= hits[i - words]!;
    const start = Math.max(0, i - words + 1);
    if (window > bestHits) {
      bestHits = window;
      bestStart = start;
    }
  }
  // Start a few words before the first match in the window so it reads in context.
  const firstHit = hits.indexOf(1, bestStart);
  const from = bestHits > 0 && firstHit >= 0 ? Math.max(0, firstHit - 5) : 0;
  const to = Math.min(tokens.length - 1, from + words - 1);
  const startChar = tokens[from]!.start;
  const endChar = to === tokens.length - 1 ? text.length : tokens[to]!.end;
  const segments = highlight(text.slice(startChar, endChar), match);
  if (from > 0) segments.unshift({ text: '… ', match: false });
  if (endChar < text.length) segments.push({ text: ' …', match: false });
  return segments;
}

/** Segments as HTML: text escaped, matches in <mark>. For the JSON API's `highlights`. */
export function segmentsToHtml(segments: Segment[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return segments.map((s) => (s.match ? `<mark>${esc(s.text)}</mark>` : esc(s.text))).join('');
}
