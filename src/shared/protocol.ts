// One protocol for the worker that holds a decoded profile. The host (and, through the host,
// the webview) asks questions; the worker answers. Every request is one member of WorkerRequest;
// RPC method types come from one interface, ProfileApi.

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
  /** Distinct source file names that carry samples, as written in the profile. */
  files: string[];
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
}

/** A stable key of a query, for caches. */
export function queryKey(q: Query): string {
  const r = q.refinements ?? {};
  return JSON.stringify([q.sampleIndex, r.focus ?? '', r.ignore ?? '', r.hide ?? '', r.show ?? '', r.tagfocus ?? '', r.tagignore ?? '']);
}

/** Flat and cum of one source line for one sample type, raw and formatted like `-list`. */
export interface LineStat {
  line: number;
  flat: number;
  cum: number;
  flatText: string;
  cumText: string;
}

/** A line ranked by flat (Go to Hottest Line, Next Hot Line, Show Hot Lines). */
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

/** The methods a worker answers, each taking one argument and returning one result. */
export interface ProfileApi {
  /** Decodes the file (once) and returns its summary. */
  open(args: { path: string; maxInflatedBytes?: number }): ProfileSummary;
  /** Per-line stats of the given profile file names, merged by line (they map to one local file). */
  lineStats(args: { query: Query; files: string[] }): LineStat[];
  /** The hottest lines by flat, best first. */
  hotLines(args: { query: Query; limit: number }): HotLine[];
  /** Hover detail for one line of one profile file name. */
  lineDetail(args: { query: Query; file: string; line: number }): LineDetail;
  /** Flat/cum per function of the given files (CodeLens). */
  functionStats(args: { query: Query; files: string[] }): FunctionStat[];
}

/** Method names of ProfileApi. */
export type ProfileMethod = keyof ProfileApi;

/** A request from the host to the worker. */
export interface WorkerRequest<M extends ProfileMethod = ProfileMethod> {
  kind: 'request';
  id: number;
  method: M;
  args: Parameters<ProfileApi[M]>[0];
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

/** Any message the worker sends. */
export type WorkerMessage = WorkerResponse | WorkerProgress;
