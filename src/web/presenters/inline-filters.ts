import { INLINE_RE as TOKEN_RE, type ParsedQuery } from '../../search/query-parser.js';

// `key:value` tokens exactly as the query parser reads its inline syntax (one regular expression, shared).

/** One inline filter typed in `q`, with what the parser made of it. */
export interface InlineFilterToken {
  /** The token as typed (NFC): `country:panama`, `país:"el salvador"`, `year:2015..2020`. */
  raw: string;
  /** `q` (NFC) without this token, whitespace collapsed: the `q` of the chip's removal link. */
  qWithout: string;
  /** The parser's reading of the token alone: its filters and warnings (its text is empty). */
  parsed: ParsedQuery;
}

/**
 * The inline filters of `q`, in order. A `key:value` token counts when `parse` consumes it entirely
 * (its key is a filter key); `covid:19` stays free text and is not returned.
 * @param parse the search service's own inline-syntax parser (parseQuery bound to the taxonomy and partners)
 */
export function inlineFilterTokens(q: string, parse: (q: string) => ParsedQuery): InlineFilterToken[] {
  const text = q.normalize('NFC');
  const out: InlineFilterToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const lead = m[1] ?? '';
    const raw = m[0].slice(lead.length);
    const parsed = parse(raw);
    if (parsed.text !== '') continue;
    const qWithout = (text.slice(0, m.index) + lead + text.slice(m.index + m[0].length)).replace(/\s+/gu, ' ').trim();
    out.push({ raw, qWithout, parsed });
  }
  return out;
}

/** `q` (NFC) without any of its inline filters, whitespace collapsed: the text of "clear the filters". */
export function withoutInlineFilters(q: string, tokens: readonly InlineFilterToken[]): string {
  if (tokens.length === 0) return q;
  const drop = new Set(tokens.map((t) => t.raw));
  return q
    .normalize('NFC')
    .replace(TOKEN_RE, (whole, lead: string) => (drop.has(whole.slice(lead.length)) ? lead : whole))
    .replace(/\s+/gu, ' ')
    .trim();
}
