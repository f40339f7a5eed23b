// TimelineFrame: the metrics of one service over time, as aligned columns (one timestamp
// array, one value array per metric, null where a metric has no sample). It is what every
// source produces, what the analysis reads and what the chart draws (uPlot's data layout).
// Pure: no I/O.

/** The metrics a timeline knows. The first five are drawn; the others feed the analysis. */
export type MetricId = 'rss' | 'heapInuse' | 'heapAlloc' | 'goroutines' | 'requestRate' | 'requests' | 'startTime' | 'allocTotal' | 'gcCount';

/** Every MetricId, drawn ones first. */
export const METRIC_IDS: readonly MetricId[] = ['rss', 'heapInuse', 'heapAlloc', 'goroutines', 'requestRate', 'requests', 'startTime', 'allocTotal', 'gcCount'];

/** The metrics the chart draws, in legend order. */
export const DRAWN_METRICS: readonly MetricId[] = ['rss', 'heapInuse', 'heapAlloc', 'goroutines', 'requestRate'];

/** What each metric is called on the chart and in verdict lines, and its unit. */
export const METRIC_INFO: Record<MetricId, { label: string; unit: 'bytes' | 'count' | 'rate' | 'seconds' }> = {
  rss: { label: 'RSS', unit: 'bytes' },
  heapInuse: { label: 'heap in-use', unit: 'bytes' },
  heapAlloc: { label: 'heap alloc', unit: 'bytes' },
  goroutines: { label: 'goroutines', unit: 'count' },
  requestRate: { label: 'request rate', unit: 'rate' },
  requests: { label: 'requests', unit: 'count' },
  startTime: { label: 'process start time', unit: 'seconds' },
  allocTotal: { label: 'bytes allocated', unit: 'bytes' },
  gcCount: { label: 'GC cycles', unit: 'count' },
};

/**
 * TimelineFrame is a table of samples. Invariants: `t` (Unix seconds) strictly increases; every
 * column has `t.length` entries; null marks a metric without a sample at that time.
 */
export interface TimelineFrame {
  t: number[];
  cols: Record<MetricId, (number | null)[]>;
}

/** A frame without rows. */
export function emptyFrame(): TimelineFrame {
  const cols = {} as Record<MetricId, (number | null)[]>;
  for (const id of METRIC_IDS) cols[id] = [];
  return { t: [], cols };
}

/** One metric's samples, as a source returns them (times in Unix seconds, increasing). */
export interface MetricSamples {
  t: number[];
  v: number[];
}

/** mergeSamples aligns per-metric samples into one frame: the union of their timestamps. */
export function mergeSamples(byMetric: Partial<Record<MetricId, MetricSamples>>): TimelineFrame {
  const times = new Set<number>();
  for (const s of Object.values(byMetric)) for (const t of s!.t) times.add(t);
  const frame = emptyFrame();
  frame.t = [...times].sort((a, b) => a - b);
  const index = new Map(frame.t.map((t, i) => [t, i]));
  for (const id of METRIC_IDS) {
    const col: (number | null)[] = new Array(frame.t.length).fill(null);
    const s = byMetric[id];
    if (s) for (let i = 0; i < s.t.length; i++) if (Number.isFinite(s.v[i])) col[index.get(s.t[i])!] = s.v[i];
    frame.cols[id] = col;
  }
  return frame;
}

/**
 * appendRow adds one scrape at time `t` (later than the last row), dropping the oldest rows
 * beyond `cap` so a long session's history stays bounded. Returns the frame (mutated).
 */
export function appendRow(frame: TimelineFrame, t: number, row: Partial<Record<MetricId, number>>, cap: number): TimelineFrame {
  if (frame.t.length > 0 && t <= frame.t[frame.t.length - 1]) return frame;
  frame.t.push(t);
  for (const id of METRIC_IDS) {
    const v = row[id];
    frame.cols[id].push(v === undefined || !Number.isFinite(v) ? null : v);
  }
  const over = frame.t.length - cap;
  if (over > 0) {
    frame.t.splice(0, over);
    for (const id of METRIC_IDS) frame.cols[id].splice(0, over);
  }
  return frame;
}

/** Whether the frame has any sample of `id`. */
export function hasMetric(frame: TimelineFrame, id: MetricId): boolean {
  return frame.cols[id].some((v) => v !== null);
}
