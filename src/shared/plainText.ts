// Profile strings are data from other machines: before they reach a surface that interprets
// text (Markdown, Graphviz, a one-line label) their invisible characters are made visible.

/** Longest profile string a hover or tooltip shows; the rest becomes "…" (a name can be 1 MB). */
export const MAX_SHOWN_CHARS = 500;

// C0 controls and DEL, C1 controls, line and paragraph separators, zero-width and bidirectional
// formatting characters (they can make a name read as another: "Trojan Source").
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Returns `s` with every control and invisible formatting character drawn visibly: C0 controls
 * and DEL as their Unicode Control Pictures (NUL → ␀, BEL → ␇, ESC → ␛, newline → ␊), the
 * others as `<U+202E>`. Invariant: the result has no control, line-breaking or bidi character.
 */
export function visibleControls(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** `s` cut to MAX_SHOWN_CHARS (on a code point boundary), with "…" when cut. */
export function shortened(s: string, max = MAX_SHOWN_CHARS): string {
  if (s.length <= max) return s;
  const cut = /[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max;
  return `${s.slice(0, cut)}…`;
}

/** A profile string for a one-line plain-text surface (tree labels, tooltips): shortened, controls visible. */
export function plainText(s: string): string {
  return visibleControls(shortened(s));
}
