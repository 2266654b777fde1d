import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown to safe HTML, the one pipeline every write path uses (imports, forms, previews):
 * marked (GitHub-flavoured Markdown) followed by sanitize-html with an allow-list.
 *
 * Allowed: headings, paragraphs, lists, emphasis, code, tables, blockquotes, horizontal rules,
 * links with http/https/mailto hrefs (given rel="nofollow noopener noreferrer") and images with
 * http(s) src. Everything else (script, iframe, style, event-handler attributes, javascript:/data: URLs,
 * entity-encoded schemes, which sanitize-html decodes before checking) is removed.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const LINK_URL = /^(https?:\/\/|mailto:)/i;
const IMAGE_URL = /^https?:\/\//i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'a', 'em', 'strong', 'del', 's',
    'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'sup', 'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Only absolute URLs: relative ones (`x`, `/path`, `//host`) are dropped with the attribute.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return { tagName, attribs: href && LINK_URL.test(href.trim()) ? { ...rest, href, rel: 'nofollow noopener noreferrer' } : rest };
    },
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src && IMAGE_URL.test(src.trim()) ? { ...rest, src } : rest };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * Renders Markdown `source` to sanitized HTML (a string safe to print unescaped).
 * Input should already be NFC; output is deterministic for a given input.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, SANITIZE);
}
