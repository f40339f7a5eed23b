// One protocol for the worker that holds a decoded profile. The host (and, through the host,
// the webview) asks questions; the worker answers. Every request is one member of WorkerRequest;
// RPC method types come from one interface, ProfileApi.
import type { GrowthReport } from '../core/growth';
import type { BaseMode } from '../core/lineStatsDiff';
import type { YourCodeSpec } from '../core/yourCode';
import type { FlameArgs, FlameSearchArgs, FlameSearchResult, FlameTree } from './flameGraph';
import type { GraphArgs, GraphView } from './graphView';

export type { BaseMode } from '../core/lineStatsDiff';
export type { YourCodeSpec } from '../core/yourCode';

/** One sample type with its total (sum of absolute values, as pprof's totals). */
export interface SampleTypeInfo {
  type: string;
  unit: string;
  total: number;
  /** The total formatted with pprof's unit scaling, e.g. "51.99MB". */
  totalText: string;
}

/** What the custom editor and the status bar show about a profile. */
export interface ProfileSummary {
  sampleTypes: SampleTypeInfo[];
  /** pprof's default sample index: default_sample_type, else the last type. */
  defaultSampleIndex: number;
  /** Header lines as `go tool pprof -top` prints them (File:, Type:, Time:, Duration:). */
  headerLines: string[];
  /** Time of the profile in ms since the epoch, or 0 when unset. */
  timeMs: number;
  durationNanos: number;
  periodType: string;
  periodUnit: string;
  period: number;
  sampleCount: number;
  /** Main binary's file name (first mapping), or "". */
  mainBinary: string;
}

/**
 * Refinements are pprof's sample filters (Go regexps, as on the command line: -focus, -ignore,
 * -hide, -show, -tagfocus, -tagignore). Empty or absent fields filter nothing.
 */
export interface Refinements {
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  tagfocus?: string;
  tagignore?: string;
}

/**
 * The view options every query carries. The same Query gives the same numbers in every view:
 * editor annotations, the Top table, the graph and the flame graph.
 */
export interface Query {
  sampleIndex: number;
  refinements?: Refinements;
  /** A base profile to compare with (pprof's -diff_base or -base): every number becomes a delta. */
  base?: BaseRef;
}

/** A base profile of a comparison: its file and how it applies (pprof's -diff_base or -base). */
export interface BaseRef {
  path: string;
  mode: BaseMode;
}

/** A stable key of a query, for caches. */
export function queryKey(q: Query): string {
  const r = q.refinements ?? {};
  const b = q.base ? `${q.base.mode}:${q.base.path}` : '';
  return JSON.stringify([q.sampleIndex, r.focus ?? '', r.ignore ?? '', r.hide ?? '', r.show ?? '', r.tagfocus ?? '', r.tagignore ?? '', b]);
}

/** Flat and cum of one source line for one sample type, raw and formatted like `-list`. */
export interface LineStat {
  line: number;
  flat: number;
  cum: number;
  flatText: string;
  cumText: string;
}

/**
 * A line ranked by flat (Go to Hottest Line, Next Hot Line, Show Hot Lines). With attribution
 * (a YourCodeSpec in the request), `flat` is what the line is charged with: the samples whose
 * leaf-most frame of the user's code is on it (pprof's flat when the stack has no user frame).
 */
export interface HotLine {
  file: string;
  line: number;
  functionName: string;
  flat: number;
  cum: number;
  flatText: string;
  cumText: string;
  /** flat as a percentage of the total, formatted like pprof ("95.18%"). */
  flatPercent: string;
  /** With attribution: what the line calls into, plain text ("via bytes.Repeat (bytes/bytes.go:610, inlined) 100%"). */
  via?: string;
  /** With attribution on a goroutine profile: the suspect sentence ("1,200 goroutines blocked at … (chan receive), started as …"). */
  goroutines?: string;
}

/** What one line is charged with under attribution (the hover's "your line" section). */
export interface LineCharge {
  /** The charged value of the query's sample type, formatted, and its share of the total. */
  valueText: string;
  percent: string;
  /** What it calls into, plain text, largest first ("via bytes.Repeat (bytes/bytes.go:610, inlined) 100%"). */
  via: string[];
  /** Goroutine profiles: the suspect sentence. */
  goroutines?: string;
}

/** A function's value for the hover's callers/callees lists. */
export interface NeighborStat {
  name: string;
  value: number;
  valueText: string;
}

/** Everything the hover shows for one source line. */
export interface LineDetail {
  file: string;
  line: number;
  /** For every sample type: flat and cum with % of its total. */
  values: { type: string; flatText: string; cumText: string; flatPercent: string; cumPercent: string }[];
  /** The functions on that line; inlined frames marked. */
  functions: { name: string; inline: boolean }[];
  callers: NeighborStat[];
  callees: NeighborStat[];
  /** With a base in the query: before (base), after (profile) and delta for every sample type. */
  comparison?: LineComparison[];
  /** With attribution (a YourCodeSpec in the request) and a charge on the line: what it is charged with. */
  charge?: LineCharge;
}

/** One sample type of a compared line: each profile's own -list flat and the -diff_base (or -base) delta. */
export interface LineComparison {
  type: string;
  before: number;
  after: number;
  delta: number;
  beforeText: string;
  afterText: string;
  /** Signed: "+1.20MB", "-300kB", "0". */
  deltaText: string;
}

/** What a comparison with a base shows in the status bar: totals of both profiles per sample type. */
export interface ComparisonSummary {
  /** The base's file name. */
  baseName: string;
  /** The base's profile time in ms since the epoch, or 0. */
  baseTimeMs: number;
  types: { type: string; before: number; after: number; delta: number; beforeText: string; afterText: string; deltaText: string }[];
}

/** Per-function totals for CodeLens. */
export interface FunctionStat {
  name: string;
  file: string;
  startLine: number;
  flat: number;
  cum: number;
  flatText: string;
  cumText: string;
  cumPercent: string;
}

/** Granularity of the Top table and Peek: pprof's -functions, -lines and -files. */
export type ViewGranularity = 'functions' | 'lines' | 'files';

/** A Top column the table can be re-ordered by (besides -top's own flat or -cum order). */
export type TopSortKey = 'flat' | 'flatPercent' | 'sum' | 'cum' | 'cumPercent' | 'name';

/** Where a row leads in the source: a file name as written in the profile, and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** One row of the Top table: -top's numbers, raw and formatted exactly as -top prints them. */
export interface TopRowView {
  /** Position in the engine's order (0-based): stable under re-ordering and search. */
  rank: number;
  /** pprof's printable name, as -top prints it (with " file:line" at line granularity). */
  name: string;
  /** "(inline)", "(partial-inline)" or "". */
  inlineLabel: string;
  /** The function's name ("" at file granularity). */
  functionName: string;
  flat: number;
  cum: number;
  /** flat and cum in the report's unit (e.g. "7.22s"); percentages as pprof prints them ("80.58%"). */
  flatText: string;
  cumText: string;
  flatPercent: string;
  sumPercent: string;
  cumPercent: string;
  /**
   * Where "open source" goes; undefined when the profile has no file for it. For a function row
   * (`hotLineOnOpen`) this is the function's own place (its start line); Open Source asks
   * ProfileApi.functionSource for its hottest line instead, so the table never waits for the -list index.
   */
  source: SourceRef | undefined;
  /** Whether Open Source lands on the function's hottest line, asked of ProfileApi.functionSource when opened. */
  hotLineOnOpen: boolean;
  /** A Go regexp selecting this row's function (or file) for focus, ignore, hide and show. */
  refine: string;
}

/** Arguments of ProfileApi.top: -top's options plus a page of a re-ordered, searched view. */
export interface TopArgs {
  query: Query;
  granularity: ViewGranularity;
  /** -top -cum: the engine sorts by cum (sum% follows that order). */
  cumSort?: boolean;
  /** Show every node (nodefraction 0) instead of -top's default cutoff (0.005). */
  showAll?: boolean;
  /** Re-order the engine's rows by a column; absent: the engine's order. */
  order?: { key: TopSortKey; descending: boolean };
  /** Keep only rows whose name matches this Go regexp ("" keeps all). */
  search?: string;
  offset: number;
  limit: number;
}

/** A page of the Top table. */
export interface TopPage {
  rows: TopRowView[];
  offset: number;
  /** Rows that match the search (the table's length). */
  matched: number;
  /** Rows of the report. */
  count: number;
  /** -top's header lines ("Showing nodes accounting for…", "Dropped N nodes (cum <= X)"). */
  labels: string[];
  /** pprof's notes for this query, such as "Focus expression matched no samples". */
  warnings: string[];
}

/** A caller or callee in Peek: pprof's edge weight and its share of the node's cum. */
export interface PeekEdge {
  name: string;
  value: number;
  valueText: string;
  /** weight / cum of the peeked node, as -peek prints it. */
  percent: string;
  inline: boolean;
  source: SourceRef | undefined;
}

/** One node -peek prints: its callers above, its own numbers, its callees below. */
export interface PeekEntry {
  name: string;
  flat: number;
  cum: number;
  flatText: string;
  flatPercent: string;
  sumPercent: string;
  cumText: string;
  cumPercent: string;
  source: SourceRef | undefined;
  refine: string;
  callers: PeekEdge[];
  callees: PeekEdge[];
}

/** The -peek report as data: its header lines and every node matching the regexp. */
export interface PeekReport {
  labels: string[];
  entries: PeekEntry[];
  warnings: string[];
}

/** A label key present in the profile with its most common values (for tag filter chips). */
export interface LabelKeyInfo {
  key: string;
  /** Numeric labels (num/num_unit) filter by ranges; string labels by regexps. */
  numeric: boolean;
  /** Unit of a numeric key's values ("bytes"); "" for string labels. */
  unit: string;
  /**
   * The values, heaviest first (as pprof's -tags weighs them: the sum of |value| of the query's
   * sample type over the samples carrying them); `text` is the value as pprof prints it ("1kB"),
   * `weightText` the weight in the sample type's unit.
   */
  values: { value: string; text: string; samples: number; weight: number; weightText: string }[];
  /** Whether values were left out (more than the limit). */
  truncated: boolean;
}

/** Whether a query's refinements compile, and pprof's notes about them. */
export interface QueryCheck {
  /** The one-line reason the query cannot run (e.g. a bad regexp), or undefined. */
  error: string | undefined;
  warnings: string[];
}

/** The methods a worker answers, each taking one argument and returning one result. */
export interface ProfileApi {
  /** Decodes the file (once) and returns its summary. */
  open(args: { path: string; maxInflatedBytes?: number }): ProfileSummary;
  /**
   * Distinct source file names that carry samples, as written in the profile (sorted): what the
   * host resolves onto the workspace. Not in the summary: the host asks after the first view's
   * answer, so that opening does not wait for a pass over every sample's stack.
   */
  files(args: Record<string, never>): string[];
  /** Per-line stats of the given profile file names, merged by line (they map to one local file). */
  lineStats(args: { query: Query; files: string[] }): LineStat[];
  /** The hottest lines by flat, best first; with `yourCode`, charged to the user's lines (attribution). */
  hotLines(args: { query: Query; limit: number; yourCode?: YourCodeSpec }): HotLine[];
  /** Hover detail for one line of one profile file name; with `yourCode`, also what the line is charged with. */
  lineDetail(args: { query: Query; file: string; line: number; yourCode?: YourCodeSpec }): LineDetail;
  /** Flat/cum per function of the given files (CodeLens). */
  functionStats(args: { query: Query; files: string[] }): FunctionStat[];
  /** The -top report for these options, re-ordered, searched and paged for the Top table. */
  top(args: TopArgs): TopPage;
  /**
   * Where Open Source on a function lands: its hottest line for the query (what the annotations
   * mark; the query's -list index is built on this first call), else its start line.
   */
  functionSource(args: { query: Query; functionName: string }): SourceRef | undefined;
  /** -peek of a Go regexp: callers and callees of every matching node, with values. */
  peek(args: { query: Query; granularity: ViewGranularity; regexp: string }): PeekReport;
  /** Label keys and values present in the (unfiltered) profile, weighed by the query's sample type. */
  labels(args: { query: Query; limit?: number }): LabelKeyInfo[];
  /** Compiles the query's refinements and reports pprof's warnings (no report is built). */
  checkQuery(args: { query: Query }): QueryCheck;
  /** The -dot call graph of a query (pprof's nodes, edges and labels), laid out by Graphviz in the worker. */
  graph(args: GraphArgs): GraphView;
  /** A view of pprof's flame graph tree (the -http call tree): the path to a focus node and its subtree, narrow frames left out. */
  flame(args: FlameArgs): FlameTree;
  /** The samples with a frame matching a Go regexp, counted once per stack, over the tree and the focus node. */
  flameSearch(args: FlameSearchArgs): FlameSearchResult;
  /** Decodes a base profile (once, cached) for queries with `base`, and checks it is comparable. */
  compare(args: { base: BaseRef; maxInflatedBytes?: number }): ComparisonSummary;
}

/** Limits of one capture from /debug/pprof (see src/capture: FetchOptions). */
export interface CaptureLimits {
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** The whole capture's deadline (a CPU profile's seconds are added), never restarted. */
  totalTimeoutMs?: number;
  maxBytes: number;
  maxInflatedBytes?: number;
}

/** A growth analysis of snapshot files: the engine's report and the files that were not profiles. */
export interface GrowthAnalysis {
  /** The report of the first series (`series[0]`). */
  report: GrowthReport;
  skipped: { path: string; reason: string }[];
  /**
   * The files' series, one per profile kind ("heap", "allocs", "cpu", …): heap first, then the
   * larger ones. The report is the first's; the others can be analyzed on their own.
   */
  series: { kind: string; paths: string[] }[];
}

/** What a running snapshot series reports to the host (as WorkerEvent messages of its startSeries call). */
export type SeriesUpdate =
  | { type: 'waiting'; attempt: number; count: number; atMs: number }
  | { type: 'capturing'; attempt: number; count: number }
  /** A snapshot was written; `report` covers every snapshot so far (or `reportError` says why not). */
  | { type: 'snapshot'; attempt: number; count: number; file: string; report?: GrowthReport; reportError?: string }
  /** One capture failed (`message` names the URL and what came back); the series goes on. */
  | { type: 'failure'; attempt: number; count: number; message: string };

/** How a snapshot series ended. */
export interface SeriesSummary {
  reason: 'count' | 'stopped';
  files: string[];
  failures: { attempt: number; message: string }[];
}

/**
 * The methods of a growth worker: decoding many snapshots, capturing and running a live series,
 * all off the extension host thread. One growth worker per window.
 */
export interface GrowthApi {
  /** Decodes the files and ranks what grows (order by profile time, file time as a fallback). */
  analyzeGrowth(args: { paths: string[]; maxInflatedBytes?: number; yourCode?: YourCodeSpec }): GrowthAnalysis;
  /** Fetches one profile (validated by decoding it) and saves it under `dir` with a timestamped name. */
  capture(args: { url: string; kind: string; dir: string; limits: CaptureLimits }): { file: string; size: number };
  /** Runs a heap snapshot series until `count` attempts or stopSeries; streams SeriesUpdate events. */
  startSeries(args: { url: string; dir: string; intervalMs: number; count: number; limits: CaptureLimits; yourCode?: YourCodeSpec }): SeriesSummary;
  /** Stops the running series (what was captured stays on disk). */
  stopSeries(args: Record<string, never>): boolean;
  /** Cancels the captures in flight (not a series): they fail with "capture canceled". */
  cancelCaptures(args: Record<string, never>): number;
}

/** Every method a worker thread answers: a profile worker's ProfileApi, a growth worker's GrowthApi. */
export type WorkerApi = ProfileApi & GrowthApi;

/** Method names of WorkerApi. */
export type WorkerMethod = keyof WorkerApi;

/** Method names of ProfileApi. */
export type ProfileMethod = keyof ProfileApi;

/** A request from the host to the worker. */
export interface WorkerRequest<M extends WorkerMethod = WorkerMethod> {
  kind: 'request';
  id: number;
  method: M;
  args: Parameters<WorkerApi[M]>[0];
}

/**
 * The host no longer wants the answer to request `id` (its query was superseded): the worker
 * drops it unless it already started. The host has already settled the call (CancelledError).
 */
export interface WorkerCancel {
  kind: 'cancel';
  id: number;
}

/** Progress reported by the worker while it decodes (0..1). */
export interface WorkerProgress {
  kind: 'progress';
  id: number;
  fraction: number;
  message: string;
}

/** The answer to request `id`: a result, or a one-line error (isProfileError: bad input, not a bug). */
export type WorkerResponse =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; message: string; isProfileError: boolean };

/** Any message a profile worker sends. */
export type WorkerMessage = WorkerResponse | WorkerProgress;

/** A dot text for the profile worker's Graphviz thread to lay out (src/worker/graphvizThread.ts). */
export interface GraphvizRequest {
  id: number;
  dot: string;
}

/**
 * The Graphviz thread's answer: Graphviz's JSON layout, the time it waited for the wasm (ms, the
 * first request only unless the warm-up finished) and the layout's, or Graphviz's error.
 */
export type GraphvizReply = { id: number; json: string; loadMs: number; layoutMs: number } | { id: number; error: string };

/** An event of a long-running growth request `id` (a snapshot series), sent before its result. */
export interface WorkerEvent {
  kind: 'event';
  id: number;
  event: SeriesUpdate;
}
