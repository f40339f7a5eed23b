// ProfileService holds one decoded profile inside the worker and answers the ProfileApi. Every
// number comes from the engine's reports (the -list graph for lines, the -top graph for
// functions), formatted by the one formatter, so what the editor shows is what pprof prints.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fetchProfiles, prepareReport, type Config } from '../core/driver';
import { ProfileError } from '../core/errors';
import type { Graph, Node } from '../core/graph';
import { percentage } from '../core/measurement';
import { nodeInflater } from '../core/node/nodeInflater';
import { parseProfile } from '../core/parse';
import type { Profile } from '../core/profile';
import { buildLineIndex, functionHotLines, listFiles, reportConfig, type HotLineRef, type LineEntry, type LineIndex } from '../core/report/lineIndex';
import type { ReportOptions } from '../core/report/options';
import { Report, computeTotal, formatReportValue } from '../core/report/report';
import { AttributedLines } from './attributedLines';
import { FlameGraphs } from './flameGraphs';
import { GraphLayouts, layoutHere, type LayoutDot } from './graphLayout';
import { ProfileViews } from './profileViews';
import { trace } from './trace';
import { queryKey, type BaseRef, type ComparisonSummary, type FunctionStat, type HotLine, type LineComparison, type LineDetail, type LineStat, type NeighborStat, type ProfileApi, type ProfileSummary, type Query } from '../shared/protocol';

/** How many callers and callees the hover lists. */
const NEIGHBORS = 5;

/** Per-function data of one sample type: the -top graph at function granularity, untrimmed. */
interface FunctionIndex {
  graph: Graph;
  total: number;
  byName: Map<string, Node>;
  options: ReportOptions;
}

/** Answers the ProfileApi for one profile. Invariant: `profile` is merged and pruned as pprof's fetch leaves it. */
export class ProfileService {
  private readonly lineIndexes = new Map<string, LineIndex>();
  private readonly lineGraphs = new Map<string, LineIndex>();
  private readonly hotLineMaps = new WeakMap<LineIndex, Map<string, HotLineRef>>();
  private readonly functionIndexes = new Map<string, FunctionIndex>();
  private summaryCache: ProfileSummary | undefined;
  private filesCache: string[] | undefined;
  // Comparisons: each base decoded once (by path), each profile-with-base fetched once (by mode and path).
  private readonly bases = new Map<string, Profile>();
  private readonly compared = new Map<string, Profile>();

  private constructor(
    private readonly profile: Profile,
    private readonly fileName: string,
  ) {}

  /** Reads, inflates and decodes a profile file; throws ProfileError with one line for bad input. */
  static open(file: string, maxInflatedBytes: number | undefined, progress: (fraction: number, message: string) => void): ProfileService {
    progress(0.05, 'Reading…');
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new ProfileError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    trace('read');
    progress(0.15, 'Decoding…');
    const decoded = parseProfile(bytes, { inflater: nodeInflater, maxInflatedBytes, limitHint: 'the pprofLens.maxProfileSizeMB setting' });
    trace('decoded');
    progress(0.7, 'Indexing…');
    // As `go tool pprof` does for any input: merge (dedupe samples) and apply drop_frames.
    const profile = fetchProfiles({ sources: [decoded] }, { normalize: false });
    // Nothing is indexed yet: each view builds what it asks for (the default type first).
    trace('merged');
    const service = new ProfileService(profile, path.basename(file));
    progress(1, 'Ready');
    return service;
  }

  private defaultSampleIndex(): number {
    const p = this.profile;
    if (p.sampleTypes.length === 0) return 0;
    const i = p.defaultSampleType ? p.sampleTypes.findIndex((t) => t.type === p.defaultSampleType) : -1;
    return i >= 0 ? i : p.sampleTypes.length - 1;
  }

  private config(q: Query): Config {
    const t = this.profile.sampleTypes[q.sampleIndex];
    if (!t) throw new ProfileError(`sample index ${q.sampleIndex} is out of range (the profile has ${this.profile.sampleTypes.length} sample types)`);
    return reportConfig(q.sampleIndex, q.refinements);
  }

  private format(v: number, o: ReportOptions): string {
    // -list formats each value in its own best unit ("minimum" per value), like 49.48MB.
    return formatReportValue(v, o.sampleUnit, 'minimum', o.ratio);
  }

  /**
   * Query keys of the -list indexes built so far, in build order (a probe for tests: opening
   * and the summary must index nothing; a view indexes only the query it asks for).
   */
  get indexedQueries(): string[] {
    return [...this.lineIndexes.keys()];
  }

  /** Summary: sample types with totals and header lines (the files are files()). */
  summary(): ProfileSummary {
    if (this.summaryCache) return this.summaryCache;
    const p = this.profile;
    const def = this.defaultSampleIndex();
    const sampleTypes = p.sampleTypes.map((t, i) => {
      const total = computeTotal(p, i);
      return { type: t.type, unit: t.unit, total, totalText: formatReportValue(total, t.unit, 'minimum', 1) };
    });
    let headerLines: string[] = [];
    // The -top report prepared for them is the first Top page's (same config): prepared once.
    if (p.sampleTypes.length > 0) headerLines = this.views.topHeaderLines(this.config({ sampleIndex: def }));
    this.summaryCache = {
      sampleTypes,
      defaultSampleIndex: def,
      headerLines,
      timeMs: Number(p.timeNanos / 1_000_000n),
      durationNanos: p.durationNanos,
      periodType: p.periodType.type,
      periodUnit: p.periodType.unit,
      period: p.period,
      sampleCount: p.samples.count,
      mainBinary: p.mappings[0]?.file ?? '',
    };
    return this.summaryCache;
  }

  /** Source file names that carry samples (from the location table: no report is built), cached. */
  files(): string[] {
    return (this.filesCache ??= listFiles(this.profile));
  }

  /** The -list graph of one query, indexed by file and line (cached). */
  private lineIndex(q: Query): LineIndex {
    const key = queryKey(q);
    let idx = this.lineIndexes.get(key);
    if (idx) return idx;
    // Numbers only (no edges): every view but the hover's function list needs just flat and cum.
    idx = buildLineIndex(this.profileFor(q), this.config(q), undefined, { nodesOnly: true });
    this.lineIndexes.set(key, idx);
    return idx;
  }

  /** The -list graph of one query with its edges (cached): which frames on a line are inlined, for the hover. */
  private lineGraph(q: Query): LineIndex {
    const key = queryKey(q);
    let idx = this.lineGraphs.get(key);
    if (idx) return idx;
    idx = buildLineIndex(this.profileFor(q), this.config(q));
    this.lineGraphs.set(key, idx);
    return idx;
  }

  /** The untrimmed function graph of one query (cached): callers, callees, CodeLens. */
  private functionIndex(q: Query, granularity: 'functions' | 'filefunctions' = 'functions'): FunctionIndex {
    const key = `${granularity}:${queryKey(q)}`;
    let idx = this.functionIndexes.get(key);
    if (idx) return idx;
    const cfg = this.config(q);
    cfg.granularity = granularity;
    cfg.nodeFraction = 0;
    cfg.edgeFraction = 0;
    const { profile, options } = prepareReport(this.profileFor(q), { name: 'top' }, cfg);
    const rpt = new Report(profile, options);
    const graph = rpt.newGraph();
    const byName = new Map<string, Node>();
    for (const n of graph.nodes) if (!byName.has(n.info.name)) byName.set(n.info.name, n);
    idx = { graph, total: rpt.total, byName, options };
    this.functionIndexes.set(key, idx);
    return idx;
  }

  /** A function's hottest line for a query (cached per line index): where Open Source lands in every view. */
  private hotLineOf(q: Query, functionName: string): HotLineRef | undefined {
    const idx = this.lineIndex(q);
    let m = this.hotLineMaps.get(idx);
    if (!m) this.hotLineMaps.set(idx, (m = functionHotLines(idx)));
    return m.get(functionName);
  }

  lineStats(args: Parameters<ProfileApi['lineStats']>[0]): LineStat[] {
    const idx = this.lineIndex(args.query);
    const merged = new Map<number, { flat: number; cum: number }>();
    for (const f of args.files) {
      for (const [line, e] of idx.files.get(f) ?? []) {
        const m = merged.get(line);
        if (m) {
          m.flat += e.flat;
          m.cum += e.cum;
        } else merged.set(line, { flat: e.flat, cum: e.cum });
      }
    }
    return [...merged]
      .sort((a, b) => a[0] - b[0])
      .map(([line, s]) => ({ line, flat: s.flat, cum: s.cum, flatText: this.format(s.flat, idx.options), cumText: this.format(s.cum, idx.options) }));
  }

  // Hot lines charged to the user's code (attribution), built on first use.
  private attributedCache: AttributedLines | undefined;
  private get attributed(): AttributedLines {
    return (this.attributedCache ??= new AttributedLines((q) => this.profileFor(q), (q) => this.config(q)));
  }

  hotLines(args: Parameters<ProfileApi['hotLines']>[0]): HotLine[] {
    if (args.yourCode) return this.attributed.hotLines(args.query, args.yourCode, args.limit);
    const idx = this.lineIndex(args.query);
    const all: { file: string; line: number; e: LineEntry }[] = [];
    for (const [file, lines] of idx.files) for (const [line, e] of lines) all.push({ file, line, e });
    // Highest |flat| first; ties by |cum|, then by place, so the order is stable.
    all.sort((a, b) => Math.abs(b.e.flat) - Math.abs(a.e.flat) || Math.abs(b.e.cum) - Math.abs(a.e.cum) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    return all.slice(0, Math.max(0, args.limit)).map(({ file, line, e }) => ({
      file,
      line,
      functionName: leafmostName(e.nodes),
      flat: e.flat,
      cum: e.cum,
      flatText: this.format(e.flat, idx.options),
      cumText: this.format(e.cum, idx.options),
      flatPercent: percentage(e.flat, idx.total),
    }));
  }

  lineDetail(args: Parameters<ProfileApi['lineDetail']>[0]): LineDetail {
    const p = this.profile;
    const values = p.sampleTypes.map((t, i) => {
      const idx = this.lineIndex({ ...args.query, sampleIndex: i });
      const e = idx.files.get(args.file)?.get(args.line);
      const flat = e?.flat ?? 0;
      const cum = e?.cum ?? 0;
      return {
        type: t.type,
        flatText: this.format(flat, idx.options),
        cumText: this.format(cum, idx.options),
        flatPercent: percentage(flat, idx.total),
        cumPercent: percentage(cum, idx.total),
      };
    });
    const entry = this.lineGraph(args.query).files.get(args.file)?.get(args.line);
    const functions = (entry?.nodes ?? []).map((n) => ({ name: n.info.name, inline: isInlineNode(n) }));
    const fidx = this.functionIndex(args.query);
    const callers = new Map<string, number>();
    const callees = new Map<string, number>();
    for (const { name } of functions) {
      const fn = fidx.byName.get(name);
      if (!fn) continue;
      for (const [src, e] of fn.in) callers.set(src.info.name, (callers.get(src.info.name) ?? 0) + e.weightValue());
      for (const [dst, e] of fn.out) callees.set(dst.info.name, (callees.get(dst.info.name) ?? 0) + e.weightValue());
    }
    const top = (m: Map<string, number>): NeighborStat[] =>
      [...m]
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
        .slice(0, NEIGHBORS)
        .map(([name, value]) => ({ name, value, valueText: this.format(value, fidx.options) }));
    const comparison = args.query.base ? this.lineComparison(args.query, args.file, args.line) : undefined;
    const charge = args.yourCode ? this.attributed.charge(args.query, args.yourCode, args.file, args.line) : undefined;
    return { file: args.file, line: args.line, values, functions: dedupeFunctions(functions), callers: top(callers), callees: top(callees), comparison, charge };
  }

  /** Before (the base alone), after (this profile alone) and the -diff_base/-base delta of one line, per sample type. */
  private lineComparison(q: Query, file: string, line: number): LineComparison[] {
    const base = q.base!;
    return this.profile.sampleTypes.map((t, i) => {
      const one = { ...q, sampleIndex: i };
      const delta = this.lineIndex(one);
      const after = this.lineIndex({ ...one, base: undefined });
      const before = this.baseLineIndex(base, one);
      const v = (idx: LineIndex) => idx.files.get(file)?.get(line)?.flat ?? 0;
      const d = v(delta);
      return {
        type: t.type,
        before: v(before),
        after: v(after),
        delta: d,
        beforeText: this.format(v(before), before.options),
        afterText: this.format(v(after), after.options),
        deltaText: signed(d, this.format(d, delta.options)),
      };
    });
  }

  /** The -list index of the base profile alone (for "before"), cached like the others. */
  private baseLineIndex(base: BaseRef, q: Query): LineIndex {
    const key = `before\0${base.path}\0${queryKey({ ...q, base: undefined })}`;
    let idx = this.lineIndexes.get(key);
    if (!idx) {
      idx = buildLineIndex(fetchProfiles({ sources: [this.loadBase(base.path)] }, { normalize: false }), this.config({ ...q, base: undefined }));
      this.lineIndexes.set(key, idx);
    }
    return idx;
  }

  /** Decodes a base profile once; throws ProfileError with one line for a bad file. */
  private loadBase(file: string, maxInflatedBytes?: number): Profile {
    let p = this.bases.get(file);
    if (p) return p;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new ProfileError(`cannot read the base profile ${path.basename(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    p = parseProfile(bytes, { inflater: nodeInflater, maxInflatedBytes, limitHint: 'the pprofLens.maxProfileSizeMB setting' });
    this.bases.set(file, p);
    return p;
  }

  /** The profile a query's reports start from: this one, or this one with the base applied as pprof's fetch does. */
  private profileFor(q: Query): Profile {
    const b = q.base;
    if (!b) return this.profile;
    const key = `${b.mode}\0${b.path}`;
    let p = this.compared.get(key);
    if (!p) {
      p = fetchProfiles({ sources: [this.profile], bases: [this.loadBase(b.path)] }, { normalize: false }, b.mode === 'diff_base');
      this.compared.set(key, p);
    }
    return p;
  }

  /** Loads a base, checks that it combines with this profile, and returns both totals per sample type. */
  compare(args: Parameters<ProfileApi['compare']>[0]): ComparisonSummary {
    const base = this.loadBase(args.base.path, args.maxInflatedBytes);
    this.profileFor({ sampleIndex: 0, base: args.base });
    const fetchedBase = fetchProfiles({ sources: [base] }, { normalize: false });
    const types = this.profile.sampleTypes.map((t, i) => {
      const before = computeTotal(fetchedBase, i);
      const after = computeTotal(this.profile, i);
      const text = (v: number) => formatReportValue(v, t.unit, 'minimum', 1);
      return { type: t.type, before, after, delta: after - before, beforeText: text(before), afterText: text(after), deltaText: signed(after - before, text(after - before)) };
    });
    return { baseName: path.basename(args.base.path), baseTimeMs: Number(base.timeNanos / 1_000_000n), types };
  }

  functionStats(args: Parameters<ProfileApi['functionStats']>[0]): FunctionStat[] {
    // -filefunctions: pprof's -functions nodes carry no file name, so they could never match a file.
    const fidx = this.functionIndex(args.query, 'filefunctions');
    const total = fidx.total;
    // Function-granularity nodes carry the file but no line: take the start line from the profile.
    const startLines = new Map<string, number>();
    for (const f of this.profile.functions) if (f.startLine > 0 && !startLines.has(f.name)) startLines.set(f.name, f.startLine);
    const wanted = new Set(args.files);
    const out: FunctionStat[] = [];
    for (const n of fidx.graph.nodes) {
      if (!wanted.has(n.info.file)) continue;
      const startLine = n.info.startLine || startLines.get(n.info.name) || 0;
      out.push({
        name: n.info.name,
        file: n.info.file,
        startLine,
        flat: n.flatValue(),
        cum: n.cumValue(),
        flatText: this.format(n.flatValue(), fidx.options),
        cumText: this.format(n.cumValue(), fidx.options),
        cumPercent: percentage(n.cumValue(), total),
      });
    }
    return out;
  }

  // The profile view's questions (Top, Peek, labels) live in ProfileViews; built on first use.
  private viewsCache: ProfileViews | undefined;
  private get views(): ProfileViews {
    return (this.viewsCache ??= new ProfileViews(this.profile, (q) => this.config(q), (q, fn) => this.hotLineOf(q, fn)));
  }
  // With a base, the views read the profile-with-base (pprof's diff), one ProfileViews per base.
  private readonly comparedViews = new Map<string, ProfileViews>();
  private viewsFor(q: Query): ProfileViews {
    if (!q.base) return this.views;
    const key = `${q.base.mode}\0${q.base.path}`;
    let v = this.comparedViews.get(key);
    if (!v) this.comparedViews.set(key, (v = new ProfileViews(this.profileFor(q), (x) => this.config(x), (x, fn) => this.hotLineOf(x, fn))));
    return v;
  }

  top(args: Parameters<ProfileApi['top']>[0]): ReturnType<ProfileApi['top']> {
    return this.viewsFor(args.query).top(args);
  }

  functionSource(args: Parameters<ProfileApi['functionSource']>[0]): ReturnType<ProfileApi['functionSource']> {
    return this.viewsFor(args.query).functionSource(args.query, args.functionName);
  }

  peek(args: Parameters<ProfileApi['peek']>[0]): ReturnType<ProfileApi['peek']> {
    return this.viewsFor(args.query).peek(args);
  }

  labels(args: Parameters<ProfileApi['labels']>[0]): ReturnType<ProfileApi['labels']> {
    return this.views.labels(args);
  }

  checkQuery(args: Parameters<ProfileApi['checkQuery']>[0]): ReturnType<ProfileApi['checkQuery']> {
    return this.viewsFor(args.query).checkQuery(args);
  }

  /** How the Graph view lays out its dot text: in this thread unless the worker gives it a Graphviz thread. */
  layoutDot: LayoutDot = layoutHere;

  // The call graph view lays out with Graphviz (asynchronous: its wasm loads on first use).
  private graphsCache: GraphLayouts | undefined;
  private readonly comparedGraphs = new Map<string, GraphLayouts>();

  graph(args: Parameters<ProfileApi['graph']>[0]): Promise<ReturnType<ProfileApi['graph']>> {
    const b = args.query.base;
    if (b) {
      const key = `${b.mode}\0${b.path}`;
      let g = this.comparedGraphs.get(key);
      const views = this.viewsFor(args.query);
      if (!g) this.comparedGraphs.set(key, (g = new GraphLayouts(this.profileFor(args.query), (q) => this.config(q), (name, file, line, q) => views.sourceOf(name, file, line, q), this.layoutDot)));
      return g.graph(args);
    }
    this.graphsCache ??= new GraphLayouts(this.profile, (q) => this.config(q), (name, file, line, q) => this.views.sourceOf(name, file, line, q), this.layoutDot);
    return this.graphsCache.graph(args);
  }

  // The flame graph indexes each query's tree once (profileFor applies a base).
  private flamesCache: FlameGraphs | undefined;
  private get flames(): FlameGraphs {
    return (this.flamesCache ??= new FlameGraphs((q) => this.profileFor(q), (q) => this.config(q), (q, fn) => this.hotLineOf(q, fn)));
  }

  flame(args: Parameters<ProfileApi['flame']>[0]): ReturnType<ProfileApi['flame']> {
    return this.flames.flame(args);
  }

  flameSearch(args: Parameters<ProfileApi['flameSearch']>[0]): ReturnType<ProfileApi['flameSearch']> {
    return this.flames.flameSearch(args);
  }

  /** The file name the profile was opened from. */
  get name(): string {
    return this.fileName;
  }
}

/** A formatted delta with its sign: "+1.20MB" for growth (the formatter already writes "-" for shrink). */
function signed(v: number, text: string): string {
  return v > 0 ? `+${text}` : text;
}

/** A node is an inlined frame when some caller edge into it is marked inline. */
function isInlineNode(n: Node): boolean {
  for (const e of n.in.values()) if (e.inline) return true;
  return false;
}

/** The name to show for a line: the node with the largest flat (the leaf-most frame there). */
function leafmostName(nodes: Node[]): string {
  let best = nodes[0];
  for (const n of nodes) if (Math.abs(n.flat) > Math.abs(best.flat)) best = n;
  return best?.info.name ?? '';
}

function dedupeFunctions(fs: { name: string; inline: boolean }[]): { name: string; inline: boolean }[] {
  const seen = new Map<string, { name: string; inline: boolean }>();
  for (const f of fs) {
    const prev = seen.get(f.name);
    if (!prev) seen.set(f.name, { ...f });
    else prev.inline ||= f.inline;
  }
  return [...seen.values()];
}
