// The one way profile strings enter Markdown (hovers, growth hovers, Leak Suspects tooltips):
// as plain text. A function name from a profile is data: it must not become a heading, a link, a
// `command:` link, an autolinked URL or an image (a remote image is a tracking beacon).
import { shortened, visibleControls } from '../shared/plainText';

/**
 * Escapes any string for Markdown so that it renders as exactly its text: control and invisible
 * characters drawn visibly (no newline can start a block), every ASCII punctuation character
 * backslash-escaped (CommonMark allows it for all of them: no emphasis, link, image, HTML tag,
 * entity, table cell or autolink — `https\:\/\/` and `www\.` are not linked), long strings cut.
 */
export function escapeMarkdown(s: string): string {
  return visibleControls(shortened(s)).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * A profile string as an inline code span: monospace, never interpreted (code spans take no
 * markup), no newline to break out of it, backticks shown as ' (a Go name has none).
 */
export function markdownCode(s: string): string {
  return `\`${visibleControls(shortened(s)).replace(/`/g, "'")}\``;
}
