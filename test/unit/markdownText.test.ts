// Profile strings in Markdown (hovers, growth hovers, Leak Suspects tooltips) render as exactly
// their text: checked through marked, the renderer VS Code's MarkdownString uses (GFM on).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marked } from 'marked';
import { escapeMarkdown, markdownCode } from '../../src/extension/markdownText';
import { MAX_SHOWN_CHARS, plainText, shortened, visibleControls } from '../../src/shared/plainText';

/** Payloads an attacker puts in a function name, file name or sample type. */
const PAYLOADS = [
  '# Heading',
  'main.f\n\n# Heading after a blank line\n\n![beacon](https://tracker.example/pixel.png)',
  '[click me](command:workbench.action.terminal.new)',
  '[x](command:pprofLens.goToHottestLine "title")',
  '![img](https://tracker.example/a.png)',
  '<img src="https://tracker.example/b.png">',
  '<a href="https://evil.example">html link</a>',
  '<script>alert(1)</script>',
  'https://evil.example/bare-url and www.evil.example and mail@evil.example',
  '<https://evil.example/autolink>',
  'main.(*T).Method`code`break',
  '**bold** _em_ ~~strike~~ | table | cell |',
  '> quote',
  '1. list',
  '- item',
  'Setext\n===',
  '&lt;entity&gt; &#x3C;img&#x3E;',
  '[ref]: https://evil.example\n[ref]',
  'a\\`b\\',
  'nul\u0000bel\u0007esc\u001b[31mred\u2028sep\u202Eevil',
];

/** HTML the rendered Markdown must never contain (from profile text). */
const FORBIDDEN = /<(a|img|h[1-6]|script|blockquote|ol|ul|li|table|strong|em|del|hr|code)[\s>]/i;

/** The text of rendered HTML (tags dropped, entities decoded). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .trim();
}

describe('escapeMarkdown', () => {
  for (const p of PAYLOADS) {
    it(`renders ${JSON.stringify(p.slice(0, 40))} as its text, no markup`, () => {
      const html = marked.parse(escapeMarkdown(p), { gfm: true, async: false }) as string;
      assert.doesNotMatch(html, FORBIDDEN, html);
      assert.equal(textOf(html), visibleControls(p).trim());
    });
  }

  it('keeps the text inside our own table row and bold heading', () => {
    const md = `**pprof Lens** · ${escapeMarkdown('x|y\n# h')}\n\n| a | b |\n|---|---|\n| ${escapeMarkdown('c|d')} | e |\n`;
    const html = marked.parse(md, { gfm: true, async: false }) as string;
    assert.match(html, /<td>c\|d<\/td>/);
    assert.match(html, /<strong>pprof Lens<\/strong> · x\|y␊# h/);
  });
});

describe('markdownCode', () => {
  for (const p of PAYLOADS) {
    it(`puts ${JSON.stringify(p.slice(0, 40))} in one code span`, () => {
      const html = (marked.parse(`On this line: ${markdownCode(p)} (inline)`, { gfm: true, async: false }) as string).trim();
      const m = /^<p>On this line: <code>([^<]*)<\/code> \(inline\)<\/p>$/.exec(html);
      assert.ok(m, html);
      assert.equal(textOf(m[1]), visibleControls(p).replace(/`/g, "'").trim());
    });
  }
});

describe('plain text of profile strings', () => {
  it('draws control characters visibly', () => {
    assert.equal(visibleControls('a\u0000b\u0007c\u001bd\ne\u007ff\u202eg\u200bh'), 'a␀b␇c␛d␊e␡f<U+202E>g<U+200B>h');
  });
  it('cuts long strings on a code point boundary', () => {
    assert.equal(shortened('x'.repeat(MAX_SHOWN_CHARS + 5)), `${'x'.repeat(MAX_SHOWN_CHARS)}…`);
    const emoji = `${'x'.repeat(MAX_SHOWN_CHARS - 1)}😀`;
    assert.equal(shortened(`${emoji}tail`), `${'x'.repeat(MAX_SHOWN_CHARS - 1)}…`);
    assert.equal(plainText('short\tname'), 'short␉name');
  });
});
