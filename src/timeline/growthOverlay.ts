// The leak hunt on the Memory Timeline: which heap snapshots a selection on the chart holds (for
// Analyze Growth), and the top suspect of a growth report as a column on the chart's time axis
// (so that its growth lines up with the service's). Pure: no I/O.
import type { GrowthReport, GrowthRow } from '../core/growth';
import type { TimelineSuspect } from '../shared/timelineProtocol';

/**
 * snapshotsInRange returns the snapshots whose capture time t (Unix seconds) lies in
 * [from, to] (either order), oldest first.
 */
export function snapshotsInRange<S extends { t: number; name: string }>(snapshots: readonly S[], from: number, to: number): S[] {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  return snapshots.filter((s) => s.t >= lo && s.t <= hi).sort((a, b) => a.t - b.t || (a.name < b.name ? -1 : 1));
}

/**
 * suspectOverlay places `row`'s per-snapshot values on the chart times `t` (Unix seconds,
 * ascending): each snapshot with a time goes to the nearest chart time, when that is no farther
 * than the largest step between chart times (a snapshot outside the charted span is left out);
 * a later snapshot mapped to the same time wins. Undefined when no value lands on the chart.
 */
export function suspectOverlay(report: GrowthReport, row: GrowthRow, t: readonly number[], label: string): TimelineSuspect | undefined {
  if (t.length === 0) return undefined;
  let step = 0;
  for (let i = 1; i < t.length; i++) step = Math.max(step, t[i] - t[i - 1]);
  const values: (number | null)[] = t.map(() => null);
  let placed = 0;
  report.snapshots.forEach((s, i) => {
    if (s.timeMs === undefined || i >= row.values.length) return;
    const ts = s.timeMs / 1000;
    const k = nearest(t, ts);
    if (Math.abs(t[k] - ts) > step) return;
    values[k] = row.values[i];
    placed++;
  });
  return placed > 0 ? { label, unit: report.sampleUnit, values } : undefined;
}

/** The index of the time in ascending `t` nearest to `x` (the earlier one on a tie). */
function nearest(t: readonly number[], x: number): number {
  let lo = 0;
  let hi = t.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - t[lo - 1] <= t[lo] - x ? lo - 1 : lo;
}
