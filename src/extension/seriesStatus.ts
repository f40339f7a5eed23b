// The state of a running snapshot series as the status bar shows it: a pure reducer over the
// worker's SeriesUpdate events and a text function, tested without VS Code.
import type { SeriesUpdate } from '../shared/protocol';

/** Where a series is. Invariant: captured + failed ≤ count; `nextAtMs` is set only while waiting. */
export interface SeriesStatus {
  /** The profile kind captured ("heap"). */
  kind: string;
  count: number;
  captured: number;
  failed: number;
  phase: 'starting' | 'waiting' | 'capturing' | 'done';
  /** When the next capture is due (ms since the epoch), while waiting. */
  nextAtMs?: number;
  /** The last capture's failure, for the tooltip. */
  lastFailure?: string;
}

/** The state before the first event. */
export function initialSeriesStatus(kind: string, count: number): SeriesStatus {
  return { kind, count, captured: 0, failed: 0, phase: 'starting' };
}

/** The state after one update. */
export function applySeriesUpdate(s: SeriesStatus, u: SeriesUpdate): SeriesStatus {
  switch (u.type) {
    case 'waiting':
      return { ...s, phase: 'waiting', nextAtMs: u.atMs };
    case 'capturing':
      return { ...s, phase: 'capturing', nextAtMs: undefined };
    case 'snapshot':
      return { ...s, captured: s.captured + 1, phase: 'capturing', nextAtMs: undefined };
    case 'failure':
      return { ...s, failed: s.failed + 1, phase: 'capturing', nextAtMs: undefined, lastFailure: u.message };
    default:
      return s;
  }
}

/**
 * The status bar text: "$(record) heap 3/10 · next in 12s" while waiting, "· capturing…" while a
 * capture runs; the number is attempts made (captured or failed) of the count.
 */
export function seriesStatusText(s: SeriesStatus, nowMs: number): string {
  const done = s.captured + s.failed;
  const head = `$(record) ${s.kind} ${done}/${s.count}`;
  const failed = s.failed > 0 ? ` · ${s.failed} failed` : '';
  switch (s.phase) {
    case 'waiting': {
      const secs = Math.max(0, Math.ceil(((s.nextAtMs ?? nowMs) - nowMs) / 1000));
      return `${head} · next in ${secs}s${failed}`;
    }
    case 'capturing':
    case 'starting':
      return `${head} · capturing…${failed}`;
    case 'done':
      return `${head} · done${failed}`;
    default:
      return head;
  }
}
