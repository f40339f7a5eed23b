// Line stats → decoration specs: a pure function, tested without VS Code (DESIGN style rule 5).
import type { LineStat } from '../shared/protocol';
import { HEAT_BUCKETS } from './constants';

/** One decorated line: 0-based line, heat bucket (0 = plain, 1..HEAT_BUCKETS) and column text. */
export interface LineDecoration {
  line: number;
  bucket: number;
  text: string;
  flat: number;
  cum: number;
}

/** Options of lineDecorations. */
export interface DecorationOptions {
  /** Total of the sample type (pprof's total: sum of absolute values). */
  total: number;
  heatBy: 'flat' | 'cum';
  /** Lines whose heat value is below this percent of the total stay plain. */
  thresholdPercent: number;
  /** Number of lines in the document: stats beyond it are dropped (stale profile). */
  lineCount: number;
}

// Bucket upper bounds as fractions of the total. Heat is relative to the whole profile, not to
// one file, so that the same color means the same share everywhere. Log-spaced like pprof's
// node sizes, because a few lines usually hold most of the value.
const BUCKET_FLOORS = [0, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

/** Returns the heat bucket (1..HEAT_BUCKETS) of `value` against `total`; 0 for nothing. */
export function heatBucket(value: number, total: number): number {
  if (value === 0 || total <= 0) return 0;
  const f = Math.abs(value) / total;
  let b = 1;
  for (let i = 1; i < BUCKET_FLOORS.length && i < HEAT_BUCKETS; i++) if (f >= BUCKET_FLOORS[i]) b = i + 1;
  return b;
}

/** Width of one value in the column: -list prints values in %10s; trimmed to what values need. */
export const VALUE_WIDTH = 8;

/** The column text of one line: flat then cum, '.' for zero, as `go tool pprof -list` prints. */
export function columnText(s: Pick<LineStat, 'flat' | 'cum' | 'flatText' | 'cumText'>): string {
  const f = s.flat === 0 ? '.' : s.flatText;
  const c = s.cum === 0 ? '.' : s.cumText;
  return `${f.padStart(VALUE_WIDTH)} ${c.padStart(VALUE_WIDTH)}`;
}

/** Decorations for one file's stats (1-based lines in stats, 0-based in the result). */
export function lineDecorations(stats: readonly LineStat[], o: DecorationOptions): LineDecoration[] {
  const out: LineDecoration[] = [];
  const threshold = (o.thresholdPercent / 100) * o.total;
  for (const s of stats) {
    const line = s.line - 1;
    if (line < 0 || line >= o.lineCount) continue;
    if (s.flat === 0 && s.cum === 0) continue;
    const v = o.heatBy === 'flat' ? s.flat : s.cum;
    const bucket = Math.abs(v) < threshold ? 0 : heatBucket(v, o.total);
    out.push({ line, bucket, text: columnText(s), flat: s.flat, cum: s.cum });
  }
  return out;
}

/** The blank column shown on lines without samples is this wide, so code stays aligned. */
export const COLUMN_WIDTH = VALUE_WIDTH * 2 + 1;

/** A value's text with its sign, for deltas: "+1.20MB", "-300kB" (the formatter writes the minus), "." for zero. */
export function signedText(v: number, text: string): string {
  if (v === 0) return '.';
  return v > 0 && !text.startsWith('+') ? `+${text}` : text;
}

/** One line of a comparison: 0-based line, growth (1), shrink (-1) or neither (0), column text. */
export interface DiffDecoration {
  line: number;
  /** Sign of the heat value's delta: colors growth or shrink. */
  sign: 1 | -1 | 0;
  text: string;
}

/**
 * diffDecorations: a compared profile's stats (flat and cum are deltas against the base) as
 * signed columns, colored by the sign of the heat value (flat or cum). Lines with no delta and
 * lines past the document's end are left out.
 */
export function diffDecorations(stats: readonly LineStat[], o: Pick<DecorationOptions, 'heatBy' | 'lineCount'>): DiffDecoration[] {
  const out: DiffDecoration[] = [];
  for (const s of stats) {
    const line = s.line - 1;
    if (line < 0 || line >= o.lineCount) continue;
    if (s.flat === 0 && s.cum === 0) continue;
    const v = o.heatBy === 'flat' ? s.flat : s.cum;
    const sign = v > 0 ? 1 : v < 0 ? -1 : 0;
    const text = `${signedText(s.flat, s.flatText).padStart(VALUE_WIDTH)} ${signedText(s.cum, s.cumText).padStart(VALUE_WIDTH)}`;
    out.push({ line, sign, text });
  }
  return out;
}
