// Per-line and per-function numbers of one report, as data: the graphs `-list` and `-top` are
// printed from, indexed for lookups. The editor (worker), growth analysis and line diffs all read
// their numbers here, so each of them shows exactly what `go tool pprof -list` prints.
import { defaultConfig, prepareReport, type Config } from '../driver';
import type { Node } from '../graph';
import type { Profile } from '../profile';
import type { ReportOptions } from './options';
import { Report } from './report';
import { trimPath } from '../trimPath';

/**
 * ReportRefinements are pprof's sample filters as Go regexps (-focus, -ignore, -hide, -show,
 * -tagfocus, -tagignore). Field names match src/shared's Refinements, so a Query's refinements
 * can be passed as they are. Empty or absent fields filter nothing.
 */
export interface ReportRefinements {
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  tagfocus?: string;
  tagignore?: string;
}

/**
 * reportConfig is pprof's default config with a sample index (pprof's -sample_index: an index
 * or a type name, "" for the default type) and refinements. Invariant: every other field keeps
 * pprof's default, so reports built from it equal the CLI's for the same flags.
 */
export function reportConfig(sampleIndex: string | number | undefined, refinements: ReportRefinements = {}): Config {
  const cfg = defaultConfig();
  cfg.sampleIndex = sampleIndex === undefined ? '' : String(sampleIndex);
  cfg.focus = refinements.focus ?? '';
  cfg.ignore = refinements.ignore ?? '';
  cfg.hide = refinements.hide ?? '';
  cfg.show = refinements.show ?? '';
  cfg.tagFocus = refinements.tagfocus ?? '';
  cfg.tagIgnore = refinements.tagignore ?? '';
  return cfg;
}

/** One source line of a LineIndex: the sum of the -list graph's nodes on it. */
export interface LineEntry {
  flat: number;
  cum: number;
  /** The -list graph nodes on this line: one per function (inlined frames included). */
  nodes: Node[];
}

/**
 * LineIndex is the `-list` graph of one report (line granularity, untrimmed), by file then line.
 * Invariant: for any file and line, `flat` and `cum` are the numbers `go tool pprof -list` prints
 * on that source line for the same profile, sample index and filters. File names are the
 * profile's, after pprof's trimPath heuristics with no source path (what -list looks up).
 */
export interface LineIndex {
  files: Map<string, Map<number, LineEntry>>;
  /** The report's total (before filters, as pprof's percentages). */
  total: number;
  options: ReportOptions;
}

/**
 * buildLineIndex computes the -list graph of `p` (a fetched profile: see fetchProfiles) for a
 * config, as `go tool pprof -list=.` would, and indexes its nodes by file and line. Nodes
 * without a file or a line number are left out (-list cannot show them). With `nodesOnly` the
 * nodes carry their flat and cum but no edges (no callers, callees or inline marks): the same
 * numbers for about a quarter of the time on big profiles, where a line graph's edges are most
 * of the work. Throws ProfileError (bad sample index, bad filter regexp).
 */
export function buildLineIndex(p: Profile, config: Config, warn?: (m: string) => void, opts: { nodesOnly?: boolean } = {}): LineIndex {
  const { profile, options } = prepareReport(p, { name: 'list', arg: '.' }, config, warn);
  const rpt = new Report(profile, options);
  return indexLines(rpt.newGraph(undefined, opts.nodesOnly === true).nodes, rpt.total, options);
}

/** indexLines indexes the nodes of a line-granularity graph by file and line (see LineIndex). */
export function indexLines(nodes: readonly Node[], total: number, options: ReportOptions): LineIndex {
  const files = new Map<string, Map<number, LineEntry>>();
  for (const n of nodes) {
    const f = n.info.file;
    if (f === '' || n.info.lineno === 0) continue;
    let lines = files.get(f);
    if (!lines) files.set(f, (lines = new Map()));
    const e = lines.get(n.info.lineno);
    if (e) {
      e.flat += n.flat;
      e.cum += n.cum;
      e.nodes.push(n);
    } else {
      lines.set(n.info.lineno, { flat: n.flat, cum: n.cum, nodes: [n] });
    }
  }
  return { files, total, options };
}

/**
 * listFiles is the set of file names a LineIndex of any sample type of `p` (no filters) can
 * hold, read from the location table instead of building a -list graph per sample type: the
 * files (after the same trimPath) of every frame with a line number in a sample with a non-zero
 * value of some type. It equals the union of those indexes' files, except that a node whose
 * values cancel to zero over mixed-sign samples (never in a profile as Go writes it) still lists
 * its file. Sorted.
 */
export function listFiles(p: Profile): string[] {
  // 1. Locations used by a sample with any non-zero value.
  const s = p.samples;
  const nv = s.numValues;
  const used = new Uint8Array(p.locations.length);
  for (let i = 0; i < s.count; i++) {
    let nonZero = false;
    for (let t = 0; t < nv; t++) {
      if (s.values[i * nv + t] !== 0) {
        nonZero = true;
        break;
      }
    }
    if (!nonZero) continue;
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) used[s.stack[j]] = 1;
  }
  // 2. Their functions' files, for frames with a line number (what -list can show).
  const fnUsed = new Uint8Array(p.functions.length);
  for (const loc of p.locations) {
    if (!used[loc.index]) continue;
    for (const l of loc.lines) if (l.function && l.line !== 0) fnUsed[l.function.index] = 1;
  }
  const files = new Set<string>();
  for (const f of p.functions) if (fnUsed[f.index] && f.filename !== '') files.add(trimPath(f.filename, '', ''));
  files.delete('');
  return [...files].sort();
}

/** One function of a FunctionIndex: the untrimmed -top graph's node. */
export interface FunctionEntry {
  name: string;
  /** Source file of the function ("" when the profile has none), after trimPath. */
  file: string;
  flat: number;
  cum: number;
  node: Node;
}

/**
 * FunctionIndex is the untrimmed `-top` graph at function granularity. Invariant: flat and cum
 * are what `go tool pprof -top -nodefraction=0` prints for the function.
 */
export interface FunctionIndex {
  functions: FunctionEntry[];
  total: number;
  options: ReportOptions;
}

/** buildFunctionIndex computes the untrimmed function graph of `p` for a config. Throws ProfileError. */
export function buildFunctionIndex(p: Profile, config: Config, warn?: (m: string) => void): FunctionIndex {
  const cfg: Config = { ...config, granularity: 'functions', nodeFraction: 0, edgeFraction: 0 };
  const { profile, options } = prepareReport(p, { name: 'top' }, cfg, warn);
  const rpt = new Report(profile, options);
  const g = rpt.newGraph();
  const functions = g.nodes.map((n) => ({ name: n.info.name, file: n.info.file, flat: n.flatValue(), cum: n.cumValue(), node: n }));
  return { functions, total: rpt.total, options };
}

/** A function's hottest line: where "Open Source" on the function lands. */
export interface HotLineRef {
  file: string;
  line: number;
}

/**
 * functionHotLines finds, for every function of a -list graph, its line with the highest |flat|
 * (ties: the highest |cum|, then the first line): the line `go tool pprof -list FUNC` marks as the
 * hottest for that report's sample type and filters. A function with no flat anywhere (a caller)
 * lands on its heaviest call site.
 */
export function functionHotLines(idx: LineIndex): Map<string, HotLineRef> {
  const best = new Map<string, HotLineRef & { flat: number; cum: number }>();
  for (const [file, lines] of idx.files) {
    for (const [line, e] of lines) {
      // A function may have several nodes on one line (distinct inlining contexts): add them up.
      const own = new Map<string, { flat: number; cum: number }>();
      for (const n of e.nodes) {
        const o = own.get(n.info.name);
        if (o) {
          o.flat += n.flat;
          o.cum += n.cum;
        } else own.set(n.info.name, { flat: n.flat, cum: n.cum });
      }
      for (const [name, o] of own) {
        const flat = Math.abs(o.flat);
        const cum = Math.abs(o.cum);
        const b = best.get(name);
        const better = !b || flat > b.flat || (flat === b.flat && (cum > b.cum || (cum === b.cum && (file === b.file ? line < b.line : file < b.file))));
        if (better) best.set(name, { file, line, flat, cum });
      }
    }
  }
  return new Map([...best].map(([name, b]) => [name, { file: b.file, line: b.line }]));
}
