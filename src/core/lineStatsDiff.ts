// Per-line before/after/delta of two profiles, for editor annotations of a comparison ("Compare
// with Base Profile…"). The delta is what `go tool pprof -list -diff_base=BASE PROFILE` (or
// -base) prints on each line: the engine's fetchProfiles with a base, then the -list graph.
// Before and after are each profile's own -list numbers. Platform-neutral.

import { fetchProfiles } from './driver';
import type { Profile } from './profile';
import { buildLineIndex, reportConfig, type LineIndex, type ReportRefinements } from './report/lineIndex';

/** The sample type and filters of a comparison (pprof's -sample_index and refinements). */
export interface LineDiffQuery {
  /** pprof's -sample_index: an index, a type name, or ""/undefined for the default type. */
  sampleIndex?: string | number;
  refinements?: ReportRefinements;
}

/**
 * How the base is applied, as pprof's flags: "diff_base" (-diff_base: percentages of the base's
 * total) or "base" (-base: plain subtraction, percentages of the difference's total).
 */
export type BaseMode = 'diff_base' | 'base';

/** A value in both profiles and their difference. Invariant: delta = after − before. */
export interface LineDiffValue {
  before: number;
  after: number;
  delta: number;
}

/** One source line of a comparison. */
export interface LineDiff {
  /** The profile's file name, as -list shows it. */
  file: string;
  line: number;
  /** Functions with samples on the line (in either profile). */
  functions: string[];
  flat: LineDiffValue;
  cum: LineDiffValue;
}

/**
 * LineDiffReport holds the per-line comparison of a profile with a base. Invariants: `lines`
 * are sorted by file then line, and hold every line with a non-zero value in either profile;
 * for each line, `flat.delta` and `cum.delta` are the numbers `go tool pprof -list
 * -diff_base=base profile` (or -base) prints, and equal after − before.
 */
export interface LineDiffReport {
  sampleType: string;
  sampleUnit: string;
  mode: BaseMode;
  /** pprof's total of the comparison report (-diff_base: the base's total; -base: of the difference). */
  total: number;
  /** Totals of each profile alone. */
  afterTotal: number;
  beforeTotal: number;
  lines: LineDiff[];
}

/**
 * lineStatsDiff compares `profile` with `base` line by line, as pprof's -list with -diff_base
 * (default) or -base. Both are decoded profiles (fetched ones are fine too). Throws ProfileError
 * when the profiles are incompatible (other sample types) or the query is invalid.
 */
export function lineStatsDiff(profile: Profile, base: Profile, query: LineDiffQuery = {}, mode: BaseMode = 'diff_base'): LineDiffReport {
  // 1. The comparison as pprof computes it: sources merged, base negated (and marked) and merged in.
  const cfg = reportConfig(query.sampleIndex, query.refinements);
  const diff = buildLineIndex(fetchProfiles({ sources: [profile], bases: [base] }, cfg, mode === 'diff_base'), cfg);
  // 2. Each side alone, for before and after.
  const after = buildLineIndex(fetchProfiles({ sources: [profile] }, cfg), cfg);
  const before = buildLineIndex(fetchProfiles({ sources: [base] }, cfg), cfg);

  // 3. Every line of any of the three, with the functions seen on it.
  const lines = new Map<string, LineDiff>();
  const visit = (idx: LineIndex, side: 'before' | 'after' | 'delta') => {
    for (const [file, byLine] of idx.files) {
      for (const [line, e] of byLine) {
        const key = `${file}\u0000${line}`;
        let d = lines.get(key);
        if (!d) {
          d = { file, line, functions: [], flat: { before: 0, after: 0, delta: 0 }, cum: { before: 0, after: 0, delta: 0 } };
          lines.set(key, d);
        }
        d.flat[side] += e.flat;
        d.cum[side] += e.cum;
        for (const n of e.nodes) if (!d.functions.includes(n.info.name)) d.functions.push(n.info.name);
      }
    }
  };
  visit(diff, 'delta');
  visit(after, 'after');
  visit(before, 'before');
  const out = [...lines.values()].filter((d) => d.flat.before !== 0 || d.flat.after !== 0 || d.cum.before !== 0 || d.cum.after !== 0 || d.flat.delta !== 0 || d.cum.delta !== 0);
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    sampleType: diff.options.sampleType,
    sampleUnit: diff.options.sampleUnit,
    mode,
    total: diff.total,
    afterTotal: after.total,
    beforeTotal: before.total,
    lines: out,
  };
}
