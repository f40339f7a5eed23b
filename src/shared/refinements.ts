// Refinement chips: what the profile view shows as removable filters, and how a list of them
// becomes pprof's six filter expressions (Refinements). Pure code, shared by the webview and tests.
import type { Refinements } from './protocol';

/** One of pprof's sample filters: -focus, -ignore, -hide, -show, -tagfocus, -tagignore. */
export type RefinementKind = keyof Refinements;

/** Every refinement kind, in the order pprof applies them (and the chips are shown). */
export const REFINEMENT_KINDS: readonly RefinementKind[] = ['focus', 'ignore', 'hide', 'show', 'tagfocus', 'tagignore'];

/** A label value picked from the profile's labels (a tag filter chip). */
export interface TagPick {
  key: string;
  value: string;
  /** Numeric labels filter by a value with its unit ("bytes=1024bytes"), string labels by regexp. */
  numeric: boolean;
}

/**
 * Chip is one removable filter. `expr` is a pprof expression of its kind (a Go regexp, or a tag
 * filter); a chip made from a label value also carries `tag`, so chips of one kind combine well.
 */
export interface Chip {
  kind: RefinementKind;
  expr: string;
  /** What the chip says, e.g. "main.checksum" or "api=/users". */
  label: string;
  tag?: TagPick;
}

/** Go's regexp.QuoteMeta: a regexp matching `s` literally. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A Go regexp matching exactly `s` (anchored). */
export function exactRegexp(s: string): string {
  return `^${quoteMeta(s)}$`;
}

// In tag filters pprof splits the expression at "," and takes the key up to the first "=": write
// those characters as escapes so a label value containing them stays one regexp.
function quoteTag(s: string): string {
  return quoteMeta(s).replace(/,/g, '\\x2c').replace(/=/g, '\\x3d');
}

/** Whether a chip can share its kind with others (a raw tag expression or a numeric value cannot). */
function combinable(c: Chip): boolean {
  if (c.kind !== 'tagfocus' && c.kind !== 'tagignore') return true;
  return c.tag !== undefined && !c.tag.numeric;
}

/** The chip for a label value picked for tagfocus or tagignore. */
export function tagChip(kind: 'tagfocus' | 'tagignore', tag: TagPick, unit = ''): Chip {
  // The key before "=" is compared literally; the value is an anchored regexp (or a number).
  const expr = tag.numeric ? `${tag.key}=${tag.value}${unit}` : `${tag.key}=^${quoteTag(tag.value)}$`;
  return { kind, expr, label: `${tag.key}=${tag.value}${tag.numeric ? unit : ''}`, tag };
}

/**
 * addChip returns the chips with `chip` added. A chip equal to one present is not added twice.
 * Tag chips that pprof cannot combine into one expression (numeric values, typed expressions)
 * replace the other chips of their kind, and are replaced by the next chip of that kind.
 */
export function addChip(chips: readonly Chip[], chip: Chip): Chip[] {
  if (chips.some((c) => c.kind === chip.kind && c.expr === chip.expr)) return [...chips];
  const keep = combinable(chip) ? chips.filter((c) => c.kind !== chip.kind || combinable(c)) : chips.filter((c) => c.kind !== chip.kind);
  return [...keep, chip];
}

/** Removes the chip at `index`. */
export function removeChip(chips: readonly Chip[], index: number): Chip[] {
  return chips.filter((_, i) => i !== index);
}

/**
 * refinementsOf turns chips into pprof's filter expressions. Chips of one kind are alternatives:
 * focus/ignore/hide/show join their regexps with "|" (as pprof's web UI does for a multiple
 * selection). Label chips of tagfocus keep samples that have, for every key, one of the picked
 * values (pprof's key-less tag filter: each ","-separated regexp must match some "key:value");
 * label chips of tagignore drop samples that have any picked value.
 */
export function refinementsOf(chips: readonly Chip[]): Refinements {
  const r: Refinements = {};
  for (const kind of REFINEMENT_KINDS) {
    const mine = chips.filter((c) => c.kind === kind);
    if (mine.length === 0) continue;
    if (kind === 'tagfocus' || kind === 'tagignore') {
      r[kind] = tagExpression(kind, mine);
      continue;
    }
    r[kind] = mine.length === 1 ? mine[0].expr : mine.map((c) => `(?:${c.expr})`).join('|');
  }
  return r;
}

function tagExpression(kind: 'tagfocus' | 'tagignore', chips: Chip[]): string {
  const labels = chips.filter((c) => c.tag && !c.tag.numeric);
  // A lone chip keeps its own (keyed) expression: what a person would type.
  if (chips.length === 1 || labels.length !== chips.length) return chips[chips.length - 1].expr;
  const byKey = new Map<string, string[]>();
  for (const c of labels) byKey.set(c.tag!.key, [...(byKey.get(c.tag!.key) ?? []), c.tag!.value]);
  const parts = [...byKey].map(([key, values]) => `${quoteTag(key)}:(?:${values.map(quoteTag).join('|')})`);
  return kind === 'tagfocus' ? parts.map((p) => `^${p}$`).join(',') : `^(?:${parts.join('|')})$`;
}

/**
 * chipsOf turns refinements set elsewhere (another editor of the same profile) into chips: one
 * chip per non-empty expression.
 */
export function chipsOf(r: Readonly<Refinements>): Chip[] {
  const out: Chip[] = [];
  for (const kind of REFINEMENT_KINDS) {
    const expr = r[kind];
    if (expr) out.push({ kind, expr, label: expr });
  }
  return out;
}

/** Whether two refinements filter the same (empty expressions count as absent). */
export function sameRefinements(a: Readonly<Refinements>, b: Readonly<Refinements>): boolean {
  return REFINEMENT_KINDS.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/**
 * The notes of pprof worth showing for refinements made from chips: pprof says "Interpreted
 * '64bytes' as range, not regexp" for every numeric tag filter, which a label chip means.
 */
export function shownWarnings(warnings: readonly string[]): string[] {
  return warnings.filter((w) => !/^tag(focus|ignore):Interpreted '.*' as range, not regexp$/.test(w));
}
