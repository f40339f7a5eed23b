// What a memory timeline says: where the process restarted, how each series trends (a verdict
// line per series) and whether heap growth follows the work (bytes retained per request).
// Pure: no I/O. Reads a TimelineFrame (frame.ts).

import { formatBytes } from '../shared/siFormat';
import { DRAWN_METRICS, METRIC_INFO, hasMetric, type MetricId, type TimelineFrame } from './frame';

/** Why a restart marker is there. */
export type RestartReason = 'start-time' | 'counter-reset' | 'gap';

/** RestartMarker is where a new process (or a scrape gap that may hide one) begins: row `index` of the frame. */
export interface RestartMarker {
  index: number;
  t: number;
  reason: RestartReason;
  /** One line for a tooltip: what showed the restart. */
  detail: string;
}

/** A gap between samples longer than this many typical steps may hide a restart. */
export const GAP_STEPS = 3;

/** The median spacing of the frame's rows, in seconds (0 with fewer than 2 rows). */
export function typicalStep(t: readonly number[]): number {
  if (t.length < 2) return 0;
  const d: number[] = [];
  for (let i = 1; i < t.length; i++) d.push(t[i] - t[i - 1]);
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)];
}

/** The value of `col` at the last row before `i` that has one. */
function previous(col: readonly (number | null)[], i: number): number | null {
  for (let j = i - 1; j >= 0; j--) if (col[j] !== null) return col[j];
  return null;
}

/**
 * detectRestarts finds the rows where a new process starts: process_start_time_seconds changed,
 * a counter (requests, bytes allocated) went back, or the samples stop for more than GAP_STEPS
 * typical steps while nothing proves it is the same process (the counters did not go on
 * increasing from where they were, or the frame has none). One marker per row, the strongest
 * reason first (start time, then counter reset, then gap).
 */
export function detectRestarts(frame: TimelineFrame): RestartMarker[] {
  const { t, cols } = frame;
  const step = typicalStep(t);
  const counters: MetricId[] = ['requests', 'allocTotal', 'gcCount'];
  const out: RestartMarker[] = [];
  for (let i = 1; i < t.length; i++) {
    const start = cols.startTime[i];
    const prevStart = start === null ? null : previous(cols.startTime, i);
    if (start !== null && prevStart !== null && Math.abs(start - prevStart) > 1) {
      out.push({ index: i, t: t[i], reason: 'start-time', detail: `process start time changed to ${new Date(start * 1000).toISOString()}` });
      continue;
    }
    let reset: MetricId | undefined;
    let continued = false;
    for (const id of counters) {
      const v = cols[id][i];
      const p = v === null ? null : previous(cols[id], i);
      if (v === null || p === null) continue;
      if (v < p) reset = reset ?? id;
      else continued = true;
    }
    if (reset) {
      out.push({ index: i, t: t[i], reason: 'counter-reset', detail: `${METRIC_INFO[reset].label} counter went back` });
      continue;
    }
    const gap = t[i] - t[i - 1];
    const sameStart = start !== null && prevStart !== null;
    if (step > 0 && gap > GAP_STEPS * step && !continued && !sameStart) {
      out.push({ index: i, t: t[i], reason: 'gap', detail: `no samples for ${durationText(gap)}` });
    }
  }
  return out;
}

/** Row ranges [from, to) between restarts. */
export function segments(frame: TimelineFrame, restarts: readonly RestartMarker[]): Array<[number, number]> {
  const cuts = [0, ...restarts.map((r) => r.index), frame.t.length];
  const out: Array<[number, number]> = [];
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) out.push([cuts[k], cuts[k + 1]]);
  return out;
}

/** Sums for a least-squares line pooled over groups (each group centered on its own means). */
class PooledFit {
  sxx = 0;
  sxy = 0;
  syy = 0;
  n = 0;
  /** Adds one group of (x, y) points. */
  add(xs: readonly number[], ys: readonly number[]): void {
    if (xs.length < 2) return;
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    for (let i = 0; i < xs.length; i++) {
      const dx = xs[i] - mx;
      const dy = ys[i] - my;
      this.sxx += dx * dx;
      this.sxy += dx * dy;
      this.syy += dy * dy;
    }
    this.n += xs.length;
  }
  get slope(): number {
    return this.sxx > 0 ? this.sxy / this.sxx : 0;
  }
  /** Pearson's r of the pooled points (0 when either side does not vary). */
  get r(): number {
    return this.sxx > 0 && this.syy > 0 ? this.sxy / Math.sqrt(this.sxx * this.syy) : 0;
  }
}

/** The (t, v) points of one column inside a row range, skipping nulls. */
function points(frame: TimelineFrame, id: MetricId, from: number, to: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const col = frame.cols[id];
  for (let i = from; i < to; i++) {
    const v = col[i];
    if (v !== null) {
      x.push(frame.t[i]);
      y.push(v);
    }
  }
  return { x, y };
}

/** The shape of one series over the window. */
export type TrendKind = 'grows' | 'plateaus' | 'flat' | 'falls' | 'too-few';

/** Trend is one series' verdict: its kind, its slope, and the line shown to the user. */
export interface Trend {
  id: MetricId;
  kind: TrendKind;
  /** Pooled least-squares slope within restarts, per second. */
  slopePerSecond: number;
  /** Restarts inside the window (markers that are not mere gaps). */
  restarts: number;
  /** Whether it grew in every stretch between restarts (the sawtooth), with at least one restart. */
  sawtooth: boolean;
  /** "heap in-use: grows ~4.1 MB/min with no steady state over 3 restarts (sawtooth)". */
  line: string;
}

/** Fewer points than this in the whole window give no verdict. */
export const MIN_POINTS = 5;
/** A change over a typical stretch smaller than this fraction of the level is "flat". */
export const FLAT_FRACTION = 0.05;
/** The late slope of a plateau is below this fraction of its early slope. */
export const PLATEAU_RATIO = 0.25;

/** trend gives one series' verdict over the window, within the stretches between restarts. */
export function trend(frame: TimelineFrame, id: MetricId, restarts: readonly RestartMarker[]): Trend {
  const info = METRIC_INFO[id];
  const segs = segments(frame, restarts);
  const all = new PooledFit();
  const early = new PooledFit();
  const late = new PooledFit();
  // The highest value of the early two thirds and of the last third: a heap that still sets new
  // highs late has not plateaued, however flat a GC sawtooth makes the last third's fit.
  let earlyMax = -Infinity;
  let lateMax = -Infinity;
  let duration = 0;
  let stretches = 0;
  let growing = 0;
  const values: number[] = [];
  for (const [from, to] of segs) {
    const { x, y } = points(frame, id, from, to);
    values.push(...y);
    if (x.length < 2) continue;
    all.add(x, y);
    stretches++;
    duration += x[x.length - 1] - x[0];
    const one = new PooledFit();
    one.add(x, y);
    if (one.slope > 0) growing++;
    // Early two thirds and last third, for "grows then plateaus".
    if (x.length >= 9) {
      const cut = Math.floor((x.length * 2) / 3);
      early.add(x.slice(0, cut), y.slice(0, cut));
      late.add(x.slice(cut), y.slice(cut));
      for (let i = 0; i < y.length; i++) {
        if (i < cut) earlyMax = Math.max(earlyMax, y[i]);
        else lateMax = Math.max(lateMax, y[i]);
      }
    }
  }
  const realRestarts = restarts.filter((r) => r.reason !== 'gap').length;
  const base = { id, slopePerSecond: all.slope, restarts: realRestarts, sawtooth: false };
  const name = info.label;
  if (values.length < MIN_POINTS || stretches === 0) {
    return { ...base, kind: 'too-few', line: `${name}: not enough samples for a verdict (${values.length})` };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const level = sorted[Math.floor(sorted.length / 2)];
  const typical = duration / stretches;
  const change = all.slope * typical;
  const flatBelow = Math.max(FLAT_FRACTION * Math.abs(level), id === 'goroutines' ? 2 : 0);
  if (Math.abs(change) <= flatBelow) {
    return { ...base, kind: 'flat', line: `${name}: flat (~${formatValue(level, info.unit)})` };
  }
  const perMin = formatValue(Math.abs(all.slope) * 60, info.unit);
  if (all.slope < 0) return { ...base, kind: 'falls', line: `${name}: falls ~${perMin}/min` };
  const lateDuration = late.n > 0 ? typical / 3 : 0;
  if (early.n > 0 && early.slope > 0 && late.slope * lateDuration <= flatBelow && late.slope < PLATEAU_RATIO * early.slope && lateMax - earlyMax <= flatBelow) {
    return { ...base, kind: 'plateaus', line: `${name}: grows then plateaus (at ~${formatValue(sorted[Math.floor(sorted.length * 0.95)], info.unit)})` };
  }
  const sawtooth = realRestarts > 0 && growing === stretches && stretches > 1;
  let line = `${name}: grows ~${perMin}/min with no steady state`;
  if (sawtooth) line += ` over ${realRestarts} restart${realRestarts === 1 ? '' : 's'} (sawtooth)`;
  return { ...base, kind: 'grows', sawtooth, line };
}

/** PerRequest is the fit of heap in-use against cumulative requests. */
export interface PerRequest {
  /** Bytes of heap in-use added per request (the fit's slope), when a fit was possible. */
  bytesPerRequest?: number;
  /** Pearson's r of the fit. */
  r?: number;
  /** Whether growth follows requests (r at least CORRELATED_R and a positive slope). */
  correlated: boolean;
  /** "≈ 10.2 kB retained per request (r = 0.99)" or why there is no figure. */
  line: string;
}

/** r at or above this means heap growth follows the requests. */
export const CORRELATED_R = 0.9;
/** The heap follows time rather than requests when its r against time is higher by more than this. */
export const TIME_MARGIN = 0.03;
/** The lower envelope takes the minimum of this many consecutive samples (close to a GC cycle's low point). */
export const ENVELOPE_WINDOW = 6;

/**
 * The lower envelope of (x, y) points: the lowest y of each run of `w` consecutive points, with
 * its x. A short last run is dropped when there are two full ones: its low point would often be
 * no GC low at all, and the end of a fit weighs most on its slope.
 */
function envelope(xs: readonly number[], ys: readonly number[], w: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const n = xs.length >= 2 * w && xs.length % w !== 0 ? xs.length - (xs.length % w) : xs.length;
  for (let i = 0; i < n; i += w) {
    let best = i;
    for (let j = i + 1; j < Math.min(i + w, n); j++) if (ys[j] < ys[best]) best = j;
    x.push(xs[best]);
    y.push(ys[best]);
  }
  return { x, y };
}

/**
 * perRequest fits heap in-use against the cumulative request count, within each stretch between
 * restarts (a restart resets both). Garbage not yet collected rides on top of what is retained,
 * so the fit runs on the first sample after each GC cycle when a GC counter is there
 * (go_gc_duration_seconds_count, MemStats.NumGC), else on the lower envelope (the minimum of
 * each ENVELOPE_WINDOW consecutive samples taken while requests were served). Growth that follows the clock better than the
 * request count (over all samples) is called background work.
 */
export function perRequest(frame: TimelineFrame, restarts: readonly RestartMarker[], heapTrend?: Trend): PerRequest {
  if (!hasMetric(frame, 'requests')) return { correlated: false, line: 'no request counter: pick one to tie heap growth to requests' };
  if (!hasMetric(frame, 'heapInuse')) return { correlated: false, line: 'no heap in-use series: cannot tie heap growth to requests' };
  const fit = new PooledFit();
  const allByRequests = new PooledFit();
  const allByTime = new PooledFit();
  let served = 0;
  for (const [from, to] of segments(frame, restarts)) {
    const all = { t: [] as number[], x: [] as number[], y: [] as number[] };
    const work = { x: [] as number[], y: [] as number[] };
    const afterGC = { x: [] as number[], y: [] as number[] };
    let prev: number | undefined;
    let prevGC: number | null = null;
    for (let i = from; i < to; i++) {
      const x = frame.cols.requests[i];
      const y = frame.cols.heapInuse[i];
      const gc = frame.cols.gcCount[i];
      if (x === null || y === null) continue;
      all.t.push(frame.t[i]);
      all.x.push(x);
      all.y.push(y);
      if (prev !== undefined && x > prev) {
        work.x.push(x);
        work.y.push(y);
        served += x - prev;
      }
      // The first sample after a GC cycle ended: the heap is close to what is retained.
      if (gc !== null && prevGC !== null && gc > prevGC) {
        afterGC.x.push(x);
        afterGC.y.push(y);
      }
      if (gc !== null) prevGC = gc;
      prev = x;
    }
    // With a GC counter the fit runs on the samples just after each GC (their distance from the
    // GC varies, not with the heap size: no bias); without one, on the lower envelope of the
    // samples taken while serving (the longer GC cycles of a bigger heap bias it upwards).
    const useGC = afterGC.x.length >= 3 && new Set(afterGC.x).size >= 3;
    const e = useGC ? afterGC : envelope(work.x, work.y, ENVELOPE_WINDOW);
    fit.add(e.x, e.y);
    const byX = envelope(all.x, all.y, ENVELOPE_WINDOW);
    const byT = envelope(all.t, all.y, ENVELOPE_WINDOW);
    allByRequests.add(byX.x, byX.y);
    allByTime.add(byT.x, byT.y);
  }
  const grows = heapTrend ? heapTrend.kind === 'grows' || heapTrend.kind === 'plateaus' : true;
  if (served < 1) {
    return { correlated: false, line: grows ? 'no requests in this window: the heap growth is background work' : 'no requests in this window' };
  }
  if (fit.n < 3 || fit.sxx === 0) return { correlated: false, line: `${served} requests so far: too few samples for a per-request fit yet` };
  const r = fit.r;
  const slope = fit.slope;
  const rText = `r = ${r.toFixed(2)}`;
  // Cumulative requests and time both only go up: heap growth that follows the clock better
  // than the request count is background work, even when r is high.
  const followsTime = allByTime.r > allByRequests.r + TIME_MARGIN;
  if (r >= CORRELATED_R && slope > 0 && !followsTime) {
    return { bytesPerRequest: slope, r, correlated: true, line: `≈ ${formatBytes(slope)} retained per request (${rText})` };
  }
  if (!grows) return { bytesPerRequest: slope, r, correlated: false, line: `heap in-use does not grow with requests (${rText})` };
  // Against time, compare like with like: the request fit over every sample, idle ones too.
  const why = followsTime ? `r = ${allByRequests.r.toFixed(2)}; with time r = ${allByTime.r.toFixed(2)}` : rText;
  return { bytesPerRequest: slope, r, correlated: false, line: `not correlated with requests (${why}): look at background work` };
}

/** TimelineAnalysis is everything the timeline says about a frame. */
export interface TimelineAnalysis {
  restarts: RestartMarker[];
  /** One verdict per drawn series that has samples, in legend order. */
  trends: Trend[];
  perRequest: PerRequest;
}

/** analyzeTimeline runs the whole analysis of a frame. */
export function analyzeTimeline(frame: TimelineFrame): TimelineAnalysis {
  const restarts = detectRestarts(frame);
  const trends = DRAWN_METRICS.filter((id) => hasMetric(frame, id)).map((id) => trend(frame, id, restarts));
  return { restarts, trends, perRequest: perRequest(frame, restarts, trends.find((t) => t.id === 'heapInuse')) };
}

/** The report lines of an analysis (what the command prints, and what the panel shows). */
export function timelineReport(frame: TimelineFrame, a: TimelineAnalysis): string[] {
  const lines: string[] = [];
  const span = frame.t.length > 1 ? frame.t[frame.t.length - 1] - frame.t[0] : 0;
  const real = a.restarts.filter((r) => r.reason !== 'gap');
  lines.push(`${frame.t.length} samples over ${durationText(span)}; ${real.length} restart${real.length === 1 ? '' : 's'}${a.restarts.length > real.length ? `, ${a.restarts.length - real.length} scrape gap${a.restarts.length - real.length === 1 ? '' : 's'}` : ''}`);
  for (const r of a.restarts) lines.push(`  ${r.reason === 'gap' ? 'gap' : 'restart'} at ${new Date(r.t * 1000).toISOString()}: ${r.detail}`);
  for (const t of a.trends) lines.push(t.line);
  lines.push(`per request: ${a.perRequest.line}`);
  return lines;
}

/** A value in its metric's unit, for verdict lines. */
export function formatValue(n: number, unit: 'bytes' | 'count' | 'rate' | 'seconds'): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(n);
    case 'rate':
      return `${n < 10 ? n.toFixed(1) : Math.round(n)} req/s`;
    case 'count':
      return n < 10 && n % 1 !== 0 ? n.toFixed(1) : String(Math.round(n));
    case 'seconds':
      return durationText(n);
  }
}

/** "45s", "12m", "3.5h", "2.0d". */
export function durationText(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86400).toFixed(1)}d`;
}
