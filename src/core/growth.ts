// Growth analysis across heap (or any) snapshots of one process: which source lines keep
// growing. pprof compares two profiles at most (-diff_base); leak hunting needs a series: the
// line whose retained memory grows in every interval, not the one that allocates most (churn)
// nor the one that jumped once (a cache warming up). Every number per snapshot is the engine's
// own -list (or -top) number for that snapshot, so a row can be checked against
// `go tool pprof -list`. Platform-neutral: profiles come in decoded.
//
// The trend math is deliberately simple and explainable in a hover: first/last/delta, least
// squares slope per minute, "grew in k of n intervals", the fit (R²) of that line, how much of
// the growth happened in one interval (jumpiness), and, for heap profiles, how much of what the
// line allocated in the window it still holds (retained/allocated).

import { buildAttribution, formatVia, type ViaShare, type YourCodePredicate } from './attribution';
import { fetchProfiles } from './driver';
import { isGoroutineProfile, shortName, waitReasonOf } from './goroutines';
import { ProfileError } from './errors';
import { label } from './measurement';
import type { Profile, ValueType } from './profile';
import { buildFunctionIndex, buildLineIndex, reportConfig, type ReportRefinements } from './report/lineIndex';
import { computeTotal, formatReportValue } from './report/report';
import { sampleIndexByName } from './transform';

/** One snapshot to analyze: a decoded profile and the name to show for it (usually the file name). */
export interface GrowthSnapshotInput {
  name: string;
  /** The decoded profile (parseProfile's result; a fetched one is fine too). */
  profile: Profile;
  /** The file's modification time (ms since the epoch): used only when the profile has no time. */
  fileTimeMs?: number;
}

/** What a growth row stands for: a source line (file, line, function) or a function. */
export type GrowthGranularity = 'lines' | 'functions';

/** Options of a growth analysis. */
export interface GrowthOptions {
  /**
   * The sample type to rank by, with pprof's -sample_index semantics: an index, a type name
   * ("inuse_space", "alloc_objects", ...; "space" matches inuse_space), or ""/undefined for
   * pprof's default type (default_sample_type, else the last one: inuse_space for heap).
   */
  sampleIndex?: string | number;
  /** Rows per source line (default) or per function. */
  granularity?: GrowthGranularity;
  /** pprof's sample filters, applied to every snapshot as -focus/-ignore/... would. */
  refinements?: ReportRefinements;
  /**
   * "time" (default): order snapshots by profile time (file time as a fallback). "given": keep
   * the order of the inputs (a live series in capture order) and report a time that goes back.
   */
  order?: 'time' | 'given';
  /**
   * The user's code (line granularity): each sample is charged to its leaf-most user frame, so a
   * leak allocated in bytes.Repeat ranks at the user's line that calls it. Absent: pprof's flat
   * (the raw leaf ranking).
   */
  yourCode?: YourCodePredicate;
}

/** Where a snapshot's time comes from. */
export type TimeSource = 'profile' | 'file' | 'none';

/** One analyzed snapshot, in analysis order. Invariant: rows' series are indexed like `snapshots`. */
export interface GrowthSnapshot {
  name: string;
  /** Time in ms since the epoch (undefined when neither the profile nor the file has one). */
  timeMs?: number;
  /** "profile": time_nanos of the profile; "file": the file's time (the profile has none); "none". */
  timeSource: TimeSource;
  /** The x of the trend fit: minutes since the first analyzed snapshot, or its index when slopeUnit is "snapshot". */
  x: number;
  /** Report total of the ranked type (pprof's total: sum of |values|, before filters). */
  total: number;
  /** Report totals of every computed type, by type name. */
  totals: Record<string, number>;
  /** Sampling period of the profile (MemProfileRate for heap profiles). */
  period: number;
}

/** A snapshot left out of the analysis, and why. */
export interface ExcludedSnapshot {
  name: string;
  reason: string;
}

/** Kinds of warnings: a UI may pick an icon by code; the message is one self-contained line. */
export type GrowthWarningCode =
  | 'single-snapshot'
  | 'two-snapshots'
  | 'restart'
  | 'period-changed'
  | 'incompatible'
  | 'excluded'
  | 'time-from-file'
  | 'no-time'
  | 'same-time'
  | 'time-went-back'
  | 'unchanged'
  | 'filter';

/** A condition that makes some numbers meaningless or weaker, said instead of printing nonsense. */
export interface GrowthWarning {
  code: GrowthWarningCode;
  /** One line, naming the snapshots concerned. */
  message: string;
}

/**
 * What a row's trend looks like:
 * - "leak": grew steadily (good linear fit, no single jump), retained what it allocated: a suspect;
 * - "growing": grew, but irregularly (or only two snapshots: no way to tell): a suspect only with two snapshots;
 * - "jump": most of the growth happened in one interval (a cache filling, a one-off load);
 * - "churn": allocates more and more but retains (almost) none of it (heap profiles);
 * - "flat", "shrinking": no growth;
 * - "single": one snapshot, no trend.
 */
export type GrowthVerdict = 'leak' | 'growing' | 'jump' | 'churn' | 'flat' | 'shrinking' | 'single';

/**
 * One source line (file, line, function) or function, with its numbers per snapshot and its
 * trend. Invariant: `values[i]` is the flat value `go tool pprof -list` (or -top, at function
 * granularity) prints for this line and function in snapshot i, for the ranked sample type and
 * the refinements; every series has one entry per analyzed snapshot.
 */
export interface GrowthRow {
  /** Stable identity across reports: file, line and function name. */
  key: string;
  functionName: string;
  /** The profile's file name, as -list shows it; at function granularity, the function's file ("" when unknown). */
  file: string;
  /** Source line; 0 at function granularity. */
  line: number;
  /** The function's start line when the profile has it (for navigation at function granularity), else 0. */
  startLine: number;
  /** Flat value per snapshot, ranked type. */
  values: number[];
  /** Cum value per snapshot, ranked type. */
  cum: number[];
  /** Flat value per snapshot of every computed type, by type name (see GrowthReport.types). */
  byType: Record<string, number[]>;
  first: number;
  last: number;
  /** last − first. */
  delta: number;
  /** Least-squares slope of values over the snapshots' x: per minute, or per snapshot (see GrowthReport.slopeUnit). */
  slope: number;
  /** Intervals (consecutive snapshots) in which the value went up. */
  grewIntervals: number;
  /** Number of intervals: snapshots − 1. */
  intervals: number;
  /** R² of the least-squares line (1 for a perfect line, 0 for no linear trend). */
  fit: number;
  /**
   * How much of the growth happened in one interval beyond that interval's share of the time
   * (0: evenly spread, 1: all in one interval).
   */
  jumpiness: number;
  /** fit × (1 − jumpiness) for growing rows, else 0: how much the growth looks sustained. */
  steadiness: number;
  /**
   * Heap profiles: growth of inuse over growth of alloc in the window, for the ranked family
   * (space or objects): ~1 when the line keeps all it allocates, ~0 for churn. Undefined when
   * nothing was allocated in the window or the profile is not a heap profile.
   */
  retainedRatio?: number;
  /** delta × steadiness for growing rows, else 0: sustained growth in the sample unit. */
  score: number;
  verdict: GrowthVerdict;
  /** Whether the row is a leak suspect (see GrowthVerdict). */
  suspect: boolean;
  /**
   * With attribution (GrowthOptions.yourCode): what the line calls into in the last snapshot
   * where it has a value, largest first ("via bytes.Repeat"), values of the ranked type.
   */
  via?: ViaShare[];
  /** The line's charged value in the snapshot `via` comes from (what its shares are of). */
  viaOf?: number;
  /** With attribution: the row is the user's line (false: a leaf of stacks with no user frame). */
  user?: boolean;
  /** Goroutine profiles with attribution: the main wait reason ("chan receive") and entry function. */
  waitReason?: string;
  entry?: string;
}

/**
 * GrowthReport ranks what grows across snapshots. Invariants: `rows` are sorted best suspect
 * first (suspects by score, then the other rows by score, then by delta); every series of a row
 * has `snapshots.length` entries; snapshots are in time order (or the given order); excluded
 * snapshots (before a restart, another sampling rate, another profile type) are named with why.
 * JSON-serializable: plain objects, arrays and numbers only.
 */
export interface GrowthReport {
  /** The ranked sample type and its unit (e.g. inuse_space, bytes). */
  sampleType: string;
  sampleUnit: string;
  /**
   * Every computed type, in profile order: the ranked one; for heap profiles also inuse_space,
   * inuse_objects and alloc_space (and alloc_objects when ranking by objects or by alloc_objects).
   */
  types: ValueType[];
  /** True for Go heap profiles (inuse_* and alloc_* side by side; retainedRatio set). */
  heap: boolean;
  granularity: GrowthGranularity;
  /** Rows are charged to the user's lines (GrowthOptions.yourCode), not to pprof's leaves. */
  attributed: boolean;
  /** Unit of GrowthRow.slope: per minute when every snapshot has a time, else per snapshot. */
  slopeUnit: 'minute' | 'snapshot';
  snapshots: GrowthSnapshot[];
  excluded: ExcludedSnapshot[];
  rows: GrowthRow[];
  warnings: GrowthWarning[];
}

// Thresholds of the verdicts, documented with GrowthVerdict.
/** A row retaining less than this fraction of what it allocated in the window is churn. */
export const CHURN_RETAINED_RATIO = 0.05;
/** Growth concentrated in one interval beyond this jumpiness is a jump. */
const JUMP_THRESHOLD = 0.6;
/** Minimum steadiness (fit × (1 − jumpiness)) of a leak. */
const LEAK_STEADINESS = 0.5;
/** Minimum fraction of intervals that grew, for a leak. */
const LEAK_GREW_FRACTION = 0.5;

// Sample types that only grow during a process's life: a decrease means another process.
// alloc_objects is left out: the runtime's unsampling (count × 1/(1−e^(−avg/rate))) can lower a
// bucket's object estimate when a large allocation raises its average size; alloc_space cannot go down.
const CUMULATIVE_TYPES = new Set(['alloc_space', 'contentions', 'delay']);
const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

/** One row of one snapshot: flat per computed type, cum of the ranked type, attribution details. */
interface SnapshotRow {
  functionName: string;
  file: string;
  line: number;
  flat: number[];
  cum: number;
  via?: ViaShare[];
  user?: boolean;
  waitReason?: string;
  entry?: string;
}

/** Per-snapshot numbers, kept after the profile is dropped. */
interface SnapshotData {
  name: string;
  order: number;
  timeMs?: number;
  timeSource: TimeSource;
  sampleTypes: ValueType[];
  periodType: ValueType;
  period: number;
  /** Raw totals (computeTotal) of every sample type, by index. */
  rawTotals: number[];
  mainBinary: { file: string; buildId: string };
  /** Start address by mapped file, for files mapped once (the address space layout). */
  mappingStarts: Map<string, bigint>;
  /** Set when the ranked type could not be computed for this snapshot (bad -sample_index). */
  error?: ProfileError;
  /** Names of the computed types, ranked type first. */
  computed: string[];
  /** Report totals of the computed types, same order. */
  totals: number[];
  /** Rows by key: flat per computed type, cum of the ranked type. */
  rows: Map<string, SnapshotRow>;
  warnings: string[];
  startLines: Map<string, number>;
}

/**
 * GrowthAnalyzer builds growth reports from snapshots that arrive one by one (a live series):
 * each snapshot's numbers are computed once, when added, and its profile is not kept.
 * Invariant: `report()` equals `analyzeGrowth` of the same snapshots in the same order.
 */
export class GrowthAnalyzer {
  private readonly data: SnapshotData[] = [];
  private added = 0;

  constructor(private readonly options: GrowthOptions = {}) {}

  /** Number of snapshots added. */
  get size(): number {
    return this.data.length;
  }

  /** Adds one snapshot: decodes nothing, runs the engine's reports on it now. */
  add(snapshot: GrowthSnapshotInput): void {
    this.data.push(extractSnapshot(snapshot, this.added++, this.options));
  }

  /** Removes every snapshot with this name; returns how many were removed. */
  remove(name: string): number {
    const before = this.data.length;
    for (let i = this.data.length - 1; i >= 0; i--) if (this.data[i].name === name) this.data.splice(i, 1);
    return before - this.data.length;
  }

  /**
   * The growth report of the snapshots added so far. Throws ProfileError when there is no
   * snapshot or the sample index names no type of the analyzed snapshots.
   */
  report(): GrowthReport {
    return buildReport(this.data, this.options);
  }
}

/**
 * analyzeGrowth ranks the lines (or functions) of a snapshot series by sustained growth.
 * Snapshots are ordered by profile time (file time as a fallback, said per snapshot); a restart,
 * a changed sampling rate or another profile type between snapshots splits the series and only
 * the longest consistent run is analyzed (the others are listed as excluded, with a warning).
 * Throws ProfileError for no snapshots or a sample index that names no type.
 */
export function analyzeGrowth(snapshots: readonly GrowthSnapshotInput[], options: GrowthOptions = {}): GrowthReport {
  const a = new GrowthAnalyzer(options);
  for (const s of snapshots) a.add(s);
  return a.report();
}

// ---------------------------------------------------------------------------------------------
// Per snapshot

function rowKey(file: string, line: number, functionName: string): string {
  return `${file}:${line}:${functionName}`;
}

/** Computes everything the report needs from one snapshot, so that its profile can be dropped. */
function extractSnapshot(input: GrowthSnapshotInput, order: number, options: GrowthOptions): SnapshotData {
  const raw = input.profile;
  // 1. Metadata: time, types, sampling, process identity.
  let timeMs: number | undefined;
  let timeSource: TimeSource = 'none';
  if (raw.timeNanos > 0n) {
    timeMs = Number(raw.timeNanos / 1000n) / 1000;
    timeSource = 'profile';
  } else if (input.fileTimeMs !== undefined && Number.isFinite(input.fileTimeMs)) {
    timeMs = input.fileTimeMs;
    timeSource = 'file';
  }
  const mappingStarts = new Map<string, bigint>();
  const seen = new Set<string>();
  for (const m of raw.mappings) {
    // Files mapped several times (segments) are ambiguous; [vsyscall] never moves.
    if (m.file === '' || m.file === '[vsyscall]') continue;
    if (seen.has(m.file)) mappingStarts.delete(m.file);
    else mappingStarts.set(m.file, m.start);
    seen.add(m.file);
  }
  const data: SnapshotData = {
    name: input.name,
    order,
    timeMs,
    timeSource,
    sampleTypes: raw.sampleTypes.map((t) => ({ ...t })),
    periodType: { ...raw.periodType },
    period: raw.period,
    rawTotals: raw.sampleTypes.map((_, i) => computeTotal(raw, i)),
    mainBinary: { file: raw.mappings[0]?.file ?? '', buildId: raw.mappings[0]?.buildId ?? '' },
    mappingStarts,
    computed: [],
    totals: [],
    rows: new Map(),
    warnings: [],
    startLines: new Map(),
  };

  // 2. The ranked type and its companions.
  let ranked: number;
  try {
    if (raw.sampleTypes.length === 0) throw new ProfileError('profile has no samples');
    ranked = sampleIndexByName(raw, options.sampleIndex === undefined ? '' : String(options.sampleIndex));
  } catch (e) {
    if (e instanceof ProfileError) {
      data.error = e;
      return data;
    }
    throw e;
  }
  const types = raw.sampleTypes.map((t) => t.type);
  const computed = [ranked];
  if (isHeap(raw.sampleTypes)) {
    // Each type costs one graph per snapshot: the companions a leak hunt reads, plus the alloc
    // type of the ranked family (for retained/allocated); alloc_objects only when ranking objects.
    const family = types[ranked].endsWith('_objects') ? 'objects' : 'space';
    for (const t of ['inuse_space', 'inuse_objects', 'alloc_space', `alloc_${family}`]) computed.push(types.indexOf(t));
  }

  // 3. The engine's reports, one per computed type, as pprof would fetch and filter them.
  const p = fetchProfiles({ sources: [raw] }, { normalize: false });
  const warn = (m: string) => {
    if (!data.warnings.includes(m)) data.warnings.push(m);
  };
  const granularity = options.granularity ?? 'lines';
  const functionFiles = new Map<string, string>();
  for (const f of raw.functions) if (f.filename !== '' && !functionFiles.has(f.name)) functionFiles.set(f.name, f.filename);
  const done = new Set<number>();
  for (const t of computed) {
    if (done.has(t)) continue;
    done.add(t);
    const k = data.computed.length;
    data.computed.push(types[t]);
    const cfg = reportConfig(t, options.refinements);
    const add = (file: string, line: number, name: string, flat: number, cum: number) => {
      const key = rowKey(file, line, name);
      let r = data.rows.get(key);
      if (!r) data.rows.set(key, (r = { functionName: name, file, line, flat: [], cum: 0 }));
      r.flat[k] = (r.flat[k] ?? 0) + flat;
      if (k === 0) r.cum += cum;
    };
    if (granularity === 'lines' && options.yourCode) {
      // Charged to the user's lines; cum stays pprof's cum of the node.
      const goroutines = isGoroutineProfile(raw.sampleTypes);
      const a = buildAttribution(p, cfg, options.yourCode, goroutines ? { tagFrame: waitReasonOf } : {}, warn);
      data.totals.push(a.index.total);
      for (const c of a.charges) {
        const { file, lineno, name } = c.node.info;
        if (file === '' || lineno === 0) continue;
        add(file, lineno, name, c.value, c.node.cum);
        if (k === 0) {
          const r = data.rows.get(rowKey(file, lineno, name))!;
          r.via = c.via;
          r.user = c.user;
          r.waitReason = c.tags[0]?.tag;
          r.entry = goroutines ? c.entries[0]?.tag : undefined;
        }
      }
    } else if (granularity === 'lines') {
      const idx = buildLineIndex(p, cfg, warn);
      data.totals.push(idx.total);
      for (const [file, lines] of idx.files) {
        for (const [line, e] of lines) for (const n of e.nodes) add(file, line, n.info.name, n.flat, n.cum);
      }
    } else {
      const idx = buildFunctionIndex(p, cfg, warn);
      data.totals.push(idx.total);
      // Function nodes carry no file at function granularity: take the function's own, for navigation.
      for (const f of idx.functions) add(f.file || (functionFiles.get(f.name) ?? ''), 0, f.name, f.flat, f.cum);
    }
  }
  for (const f of raw.functions) if (f.startLine > 0 && !data.startLines.has(f.name)) data.startLines.set(f.name, f.startLine);
  return data;
}

/** Go heap profiles: inuse and alloc, space and objects. */
function isHeap(types: readonly ValueType[]): boolean {
  return HEAP_TYPES.every((h) => types.some((t) => t.type === h));
}

// ---------------------------------------------------------------------------------------------
// Series: order, consistency, segments

const typesSignature = (d: SnapshotData) =>
  `${d.periodType.type}/${d.periodType.unit} [${d.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(' ')}]`;

/** Why the series breaks between a and b (consecutive in analysis order), or undefined. */
function breakBetween(a: SnapshotData, b: SnapshotData, given: boolean): { code: GrowthWarningCode; why: string } | undefined {
  // 1. Another kind of profile cannot be compared at all.
  if (typesSignature(a) !== typesSignature(b)) {
    return { code: 'incompatible', why: `different sample types (${typesSignature(a)} vs ${typesSignature(b)})` };
  }
  // 2. A new process: a cumulative total went down, the binary changed, the libraries moved, the clock went back.
  for (let i = 0; i < a.sampleTypes.length; i++) {
    const t = a.sampleTypes[i];
    if (!CUMULATIVE_TYPES.has(t.type)) continue;
    const before = a.rawTotals[i];
    const after = b.rawTotals[i];
    // Totals are sums of truncated per-sample estimates: allow rounding, nothing more.
    if (before - after > Math.max(16, before * 1e-6)) {
      return { code: 'restart', why: `${t.type} total went down (${label(before, t.unit)} → ${label(after, t.unit)}): the process restarted` };
    }
  }
  if (a.mainBinary.buildId !== '' && b.mainBinary.buildId !== '' && a.mainBinary.buildId !== b.mainBinary.buildId) {
    return { code: 'restart', why: `the main binary changed (build id ${a.mainBinary.buildId} → ${b.mainBinary.buildId}): another build` };
  }
  for (const [file, start] of a.mappingStarts) {
    const other = b.mappingStarts.get(file);
    if (other !== undefined && other !== start) {
      return { code: 'restart', why: `${baseName(file)} is mapped at another address (0x${start.toString(16)} → 0x${other.toString(16)}): another process` };
    }
  }
  if (given && a.timeMs !== undefined && b.timeMs !== undefined && b.timeMs < a.timeMs && a.timeSource === 'profile' && b.timeSource === 'profile') {
    return { code: 'time-went-back', why: `the profile time goes back (${isoTime(a.timeMs)} → ${isoTime(b.timeMs)}): another process answered, or the clock changed` };
  }
  // 3. Another sampling rate: the estimates are not comparable.
  if (a.period !== b.period) {
    return { code: 'period-changed', why: `the sampling period changed (${a.period} → ${b.period} ${a.periodType.unit || a.periodType.type})` };
  }
  return undefined;
}

function baseName(file: string): string {
  const i = file.lastIndexOf('/');
  return i >= 0 ? file.slice(i + 1) : file;
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A list of names for a message: "a, b and c", shortened past five. */
function names(list: readonly string[]): string {
  if (list.length > 5) return `${list.slice(0, 4).join(', ')} and ${list.length - 4} more`;
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Report

function buildReport(all: readonly SnapshotData[], options: GrowthOptions): GrowthReport {
  if (all.length === 0) throw new ProfileError('no snapshots to analyze');
  const warnings: GrowthWarning[] = [];
  const warn = (code: GrowthWarningCode, message: string) => {
    if (!warnings.some((w) => w.message === message)) warnings.push({ code, message });
  };

  // 1. Order: by time when every snapshot has one, else as given (and say so).
  const given = options.order === 'given';
  let ordered = [...all];
  const untimed = all.filter((d) => d.timeSource === 'none').map((d) => d.name);
  if (!given && untimed.length === 0) {
    ordered.sort((a, b) => a.timeMs! - b.timeMs! || a.order - b.order);
  } else if (!given) {
    warn('no-time', `${names(untimed)} ${untimed.length === 1 ? 'has' : 'have'} no time (neither in the profile nor from the file): snapshots are kept in the given order and slopes are per snapshot, not per minute`);
  }

  // 2. Consistent runs: split where the series breaks, keep the longest (the latest on ties).
  const segments: SnapshotData[][] = [[ordered[0]]];
  const breaks: { at: number; code: GrowthWarningCode; why: string }[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const b = breakBetween(ordered[i - 1], ordered[i], given);
    if (b) {
      breaks.push({ at: i, ...b });
      warn(b.code, `between ${ordered[i - 1].name} and ${ordered[i].name}: ${b.why}`);
      segments.push([]);
    }
    segments[segments.length - 1].push(ordered[i]);
  }
  let chosen = segments[0];
  for (const s of segments) if (s.length >= chosen.length) chosen = s;
  const excluded: ExcludedSnapshot[] = [];
  if (segments.length > 1) {
    // Each left-out snapshot is named with the break that separates it from the analyzed run.
    const start = ordered.indexOf(chosen[0]);
    const end = start + chosen.length - 1;
    const breakAt = (at: number) => breaks.find((x) => x.at === at);
    for (let i = 0; i < ordered.length; i++) {
      if (i >= start && i <= end) continue;
      const b = i < start ? breakAt(start) : breakAt(end + 1);
      const where = i < start ? `before the break between ${ordered[start - 1].name} and ${ordered[start].name}` : `after the break between ${ordered[end].name} and ${ordered[end + 1].name}`;
      excluded.push({ name: ordered[i].name, reason: `${where}: ${b?.why ?? 'the series breaks'}` });
    }
    warn('excluded', `analyzing ${chosen.length} of ${ordered.length} snapshots (${chosen[0].name} … ${chosen[chosen.length - 1].name}); left out: ${names(excluded.map((e) => e.name))}`);
  }
  ordered = chosen;

  // 3. The ranked type must exist in the analyzed snapshots.
  const failed = ordered.find((d) => d.error);
  if (failed?.error) throw failed.error;
  const ref = ordered[ordered.length - 1];
  const rankedType = ref.computed[0];
  const rankedUnit = ref.sampleTypes.find((t) => t.type === rankedType)?.unit ?? '';
  const heap = isHeap(ref.sampleTypes);
  const types = ref.sampleTypes.filter((t) => ref.computed.includes(t.type));

  // 4. Times: minutes since the first snapshot when all have one (said per snapshot when from the file).
  for (const d of ordered) {
    if (d.timeSource === 'file') warn('time-from-file', `${d.name}: the profile has no time; using the file's modification time (${isoTime(d.timeMs!)})`);
  }
  let slopeUnit: 'minute' | 'snapshot' = ordered.every((d) => d.timeMs !== undefined) ? 'minute' : 'snapshot';
  if (given && slopeUnit === 'snapshot') {
    const missing = ordered.filter((d) => d.timeMs === undefined).map((d) => d.name);
    warn('no-time', `${names(missing)} ${missing.length === 1 ? 'has' : 'have'} no time (neither in the profile nor from the file): slopes are per snapshot, not per minute`);
  }
  let xs = ordered.map((d, i) => (slopeUnit === 'minute' ? (d.timeMs! - ordered[0].timeMs!) / 60000 : i));
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].timeMs !== undefined && ordered[i].timeMs === ordered[i - 1].timeMs) {
      warn('same-time', `${ordered[i - 1].name} and ${ordered[i].name} have the same time: the same snapshot twice?`);
    }
  }
  if (slopeUnit === 'minute' && ordered.length > 1 && xs[xs.length - 1] === xs[0]) {
    // Every snapshot at the same instant: a time axis would divide by zero.
    slopeUnit = 'snapshot';
    xs = ordered.map((_, i) => i);
  }
  const n = ordered.length;
  if (n === 1) warn('single-snapshot', `only one snapshot (${ordered[0].name}): nothing can grow; take at least three snapshots over time`);
  else if (n === 2) warn('two-snapshots', 'only two snapshots: steady growth cannot be told from a one-off jump; take at least three');
  for (const d of ordered) for (const m of d.warnings) warn('filter', `${d.name}: ${m}`);
  if (heap) {
    // The runtime publishes heap profiles at the end of a GC cycle: without one in between,
    // two snapshots are identical and every line looks flat there.
    const same = ordered.filter((d, i) => i > 0 && d.rawTotals.every((t, k) => t === ordered[i - 1].rawTotals[k])).map((d) => d.name);
    if (same.length > 0) {
      warn('unchanged', `${names(same)} ${same.length === 1 ? 'equals' : 'equal'} the snapshot before: no garbage collection ran in between (heap profiles change only at GC); capture with ?gc=1`);
    }
  }

  // 5. Rows: the union of every snapshot's rows, zero where absent.
  const snapshots: GrowthSnapshot[] = ordered.map((d, i) => {
    const totals: Record<string, number> = {};
    d.computed.forEach((t, k) => (totals[t] = d.totals[k]));
    return { name: d.name, timeMs: d.timeMs, timeSource: d.timeSource, x: xs[i], total: d.totals[0], totals, period: d.period };
  });
  const typeNames = types.map((t) => t.type);
  const merged = new Map<string, GrowthRow>();
  ordered.forEach((d, i) => {
    for (const [key, r] of d.rows) {
      let row = merged.get(key);
      if (!row) {
        row = emptyRow(key, r.functionName, r.file, r.line, d.startLines.get(r.functionName) ?? 0, n, typeNames);
        merged.set(key, row);
      }
      d.computed.forEach((t, k) => {
        const v = r.flat[k] ?? 0;
        if (k === 0) row!.values[i] = v;
        if (row!.byType[t]) row!.byType[t][i] = v;
      });
      row.cum[i] = r.cum;
      // The last snapshot with a value says what the line calls into.
      if (r.via && r.flat[0]) {
        row.via = r.via;
        row.viaOf = r.flat[0];
        row.user = r.user;
        row.waitReason = r.waitReason;
        row.entry = r.entry;
      }
    }
  });

  // 6. Trends, verdicts, ranking.
  const family = rankedType.endsWith('_objects') ? 'objects' : 'space';
  const rows = [...merged.values()];
  for (const row of rows) computeTrend(row, xs, heap ? { inuse: row.byType[`inuse_${family}`], alloc: row.byType[`alloc_${family}`] } : undefined);
  rows.sort(
    (a, b) =>
      Number(b.suspect) - Number(a.suspect) ||
      b.score - a.score ||
      b.delta - a.delta ||
      Math.abs(b.last) - Math.abs(a.last) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const granularity = options.granularity ?? 'lines';
  const attributed = granularity === 'lines' && options.yourCode !== undefined;
  return { sampleType: rankedType, sampleUnit: rankedUnit, types, heap, granularity, attributed, slopeUnit, snapshots, excluded, rows, warnings };
}

function emptyRow(key: string, functionName: string, file: string, line: number, startLine: number, n: number, typeNames: string[]): GrowthRow {
  const byType: Record<string, number[]> = {};
  for (const t of typeNames) byType[t] = new Array<number>(n).fill(0);
  return {
    key, functionName, file, line, startLine,
    values: new Array<number>(n).fill(0),
    cum: new Array<number>(n).fill(0),
    byType,
    first: 0, last: 0, delta: 0, slope: 0, grewIntervals: 0, intervals: Math.max(0, n - 1),
    fit: 0, jumpiness: 0, steadiness: 0, score: 0, verdict: 'flat', suspect: false,
  };
}

/** Least squares of y over x: slope and R² (0 when x or y does not vary). */
export function leastSquares(xs: readonly number[], ys: readonly number[]): { slope: number; fit: number } {
  const n = xs.length;
  if (n < 2) return { slope: 0, fit: 0 };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let sxyMagnitude = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
    sxyMagnitude += Math.abs(dx * dy);
  }
  // Σ(x − x̄)(y − ȳ) is off by at most about (n + 2)·2⁻⁵³ of Σ|(x − x̄)(y − ȳ)| (rounding; n·ε bounds
  // it): a sum within that of zero is zero. Otherwise a series whose slope is exactly 0 (0, 2, 0, 0, 1) comes
  // out at 1.1e-17 and its line is "growing" (ranked above every flat line) where it is flat.
  if (Math.abs(sxy) <= n * Number.EPSILON * sxyMagnitude) sxy = 0;
  if (sxx === 0) return { slope: 0, fit: 0 };
  const slope = sxy / sxx;
  const fit = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slope, fit };
}

/**
 * Jumpiness of a series: the largest excess of one interval's share of the growth over its share
 * of the time, scaled to [0, 1] (0: growth spread as time passes; 1: all growth in one interval).
 */
export function jumpiness(xs: readonly number[], ys: readonly number[]): number {
  const n = ys.length;
  if (n < 3) return 0;
  let rise = 0;
  for (let i = 1; i < n; i++) rise += Math.max(0, ys[i] - ys[i - 1]);
  if (rise <= 0) return 0;
  const span = xs[n - 1] - xs[0];
  let worst = 0;
  for (let i = 1; i < n; i++) {
    const share = Math.max(0, ys[i] - ys[i - 1]) / rise;
    const expected = span > 0 ? (xs[i] - xs[i - 1]) / span : 1 / (n - 1);
    if (expected >= 1) continue;
    worst = Math.max(worst, (share - expected) / (1 - expected));
  }
  return Math.min(1, Math.max(0, worst));
}

/** Fills a row's trend fields from its series; `heap` gives the ranked family's inuse and alloc series. */
function computeTrend(row: GrowthRow, xs: readonly number[], heap: { inuse?: number[]; alloc?: number[] } | undefined): void {
  const v = row.values;
  const n = v.length;
  row.first = v[0];
  row.last = v[n - 1];
  row.delta = row.last - row.first;
  row.intervals = n - 1;
  row.grewIntervals = 0;
  for (let i = 1; i < n; i++) if (v[i] > v[i - 1]) row.grewIntervals++;
  const ls = leastSquares(xs, v);
  row.slope = ls.slope;
  row.fit = ls.fit;
  row.jumpiness = jumpiness(xs, v);
  if (heap?.inuse && heap.alloc && n > 1) {
    const dAlloc = heap.alloc[n - 1] - heap.alloc[0];
    const dInuse = heap.inuse[n - 1] - heap.inuse[0];
    if (dAlloc > 0) row.retainedRatio = Math.max(0, dInuse) / dAlloc;
  }
  const growing = n > 1 && row.delta > 0 && row.slope > 0;
  row.steadiness = growing ? row.fit * (1 - row.jumpiness) : 0;
  if (n === 2 && growing) row.steadiness = 1;
  row.score = growing ? row.delta * row.steadiness : 0;

  // Verdict: churn first (heap: allocations without retention), then the shape of the growth.
  const churn = heap !== undefined && row.retainedRatio !== undefined && row.retainedRatio < CHURN_RETAINED_RATIO;
  if (n === 1) row.verdict = 'single';
  else if (churn) row.verdict = 'churn';
  else if (!growing) row.verdict = row.delta < 0 ? 'shrinking' : 'flat';
  else if (n === 2) row.verdict = 'growing';
  else if (row.jumpiness >= JUMP_THRESHOLD) row.verdict = 'jump';
  else if (row.steadiness >= LEAK_STEADINESS && row.grewIntervals / row.intervals >= LEAK_GREW_FRACTION) row.verdict = 'leak';
  else row.verdict = 'growing';
  if (churn) row.score = 0;
  row.suspect = row.verdict === 'leak' || (n === 2 && row.verdict === 'growing');
}

// ---------------------------------------------------------------------------------------------
// Presentation helpers (shared by the CLI and the editor)

/** Formats a value of the report's sample type as pprof does ("47.20MB"); `signed` adds "+" to positive values. */
export function formatGrowthValue(report: Pick<GrowthReport, 'sampleUnit'>, v: number, signed = false): string {
  const s = formatReportValue(v, report.sampleUnit, 'minimum', 1);
  return signed && v > 0 ? `+${s}` : s;
}

/**
 * What an attributed row's line calls into, or why its goroutines wait, as one plain-text phrase:
 * "via bytes.Repeat (bytes/bytes.go:610, inlined) 100%", "chan receive, started as notify.listen".
 * "" when the row has neither (the line allocates itself, or attribution is off).
 */
export function growthRowWhy(r: Pick<GrowthRow, 'via' | 'viaOf' | 'waitReason' | 'entry'>): string {
  if (r.waitReason || r.entry) return [r.waitReason, r.entry ? `started as ${shortName(r.entry)}` : ''].filter((x) => x).join(', ');
  const v = r.via?.[0];
  return v ? formatVia(v, r.viaOf ?? v.value) : '';
}

/** The rows of the given profile file names (line granularity): what one editor shows. */
export function growthRowsForFiles(report: GrowthReport, files: readonly string[]): GrowthRow[] {
  const wanted = new Set(files);
  return report.rows.filter((r) => wanted.has(r.file));
}

/** Options of formatGrowthTable. */
export interface GrowthTableOptions {
  /** Print every row, not only the suspects (default false). */
  all?: boolean;
  /** At most this many rows (default: no limit). */
  limit?: number;
}

/**
 * formatGrowthTable renders the ranked suspects as plain text: one header line, then one line
 * per row, best suspect first, columns separated by at least two spaces: rank, function,
 * file:line, first, last, delta, slope/min (or slope/snapshot), k/n, and retained/alloc for heap
 * profiles. Invariant: the line after the header is the top suspect (none: header only).
 */
export function formatGrowthTable(report: GrowthReport, opts: GrowthTableOptions = {}): string {
  let rows = opts.all ? report.rows : report.rows.filter((r) => r.suspect);
  if (opts.limit !== undefined) rows = rows.slice(0, Math.max(0, opts.limit));
  const header = ['rank', 'function', 'file:line', 'first', 'last', 'delta', report.slopeUnit === 'minute' ? 'slope/min' : 'slope/snap', 'k/n'];
  if (report.heap) header.push('retained/alloc');
  if (report.attributed) header.push('via / wait');
  const right = [true, false, false, true, true, true, true, true, report.heap];
  const lines = rows.map((r, i) => {
    const cells = [
      String(i + 1),
      r.functionName,
      r.line > 0 ? `${r.file}:${r.line}` : r.file,
      formatGrowthValue(report, r.first),
      formatGrowthValue(report, r.last),
      formatGrowthValue(report, r.delta, true),
      formatGrowthValue(report, Math.trunc(r.slope), true),
      `${r.grewIntervals}/${r.intervals}`,
    ];
    if (report.heap) cells.push(r.retainedRatio === undefined ? '-' : `${(r.retainedRatio * 100).toFixed(r.retainedRatio < 0.1 ? 1 : 0)}%`);
    if (report.attributed) cells.push(growthRowWhy(r) || '-');
    return cells;
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const render = (cells: string[]) =>
    cells
      .map((s, c) => (right[c] ? s.padStart(widths[c]) : c === cells.length - 1 ? s : s.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [header, ...lines].map(render).join('\n') + '\n';
}
