import t from 'tap';
import * as cheerio from 'cheerio';
import { renderMarkdown } from '../../src/services/markdown.js';

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '[a](javascript:alert(1))',
  '[b](JaVaScRiPt:alert(1))',
  '[c](javascript&#58;alert(1))',
  '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![e](javascript:alert(1))',
  '<a href="javascript:alert(1)">f</a>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">g</p>',
  '<img src="data:image/png;base64,AAAA">',
];

t.test('no executable HTML survives', async (t) => {
  for (const attack of ATTACKS) {
    const html = renderMarkdown(`Intro\n\n${attack}\n\nOutro`);
    const $ = cheerio.load(html);
    t.equal($('script, iframe, svg, style, object, embed').length, 0, `${attack}: no dangerous element`);
    $('*').each((_, el) => {
      for (const [name, value] of Object.entries((el as unknown as { attribs: Record<string, string> }).attribs)) {
        t.notMatch(name, /^on/i, `${attack}: no ${name}`);
        if (name === 'href' || name === 'src') t.match(value, /^(https?:|mailto:)/i, `${attack}: ${name}=${value}`);
        t.notOk(name === 'style', `${attack}: no style`);
      }
    });
    t.notMatch(html.toLowerCase(), /javascript:|data:text/, `${attack}: no scheme left`);
  }
});

t.test('the allow-list keeps the Markdown people write', async (t) => {
  const html = renderMarkdown(
    '## Context\n\n*em* **strong** `code`\n\n- one\n- two\n\n1. first\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](https://example.org) [mail](mailto:a@b.org)\n\n![img](https://example.org/x.png)\n\n```\npre\n```',
  );
  const $ = cheerio.load(html);
  for (const sel of ['h2', 'em', 'strong', 'code', 'ul li', 'ol li', 'blockquote', 'table th', 'table td', 'pre']) t.ok($(sel).length, sel);
  t.equal($('a[href="https://example.org"]').attr('rel'), 'nofollow noopener noreferrer');
  t.equal($('a[href="mailto:a@b.org"]').length, 1);
  t.equal($('img[src="https://example.org/x.png"]').attr('alt'), 'img');
});
