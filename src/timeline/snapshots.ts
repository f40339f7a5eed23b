// Heap snapshots on the timeline: a capture's time comes from its file name, as Capture
// Profile… and snapshot series write it (`heap-2026-11-26T10-03-05Z.pb.gz`, see capture.ts's
// timestampedName). Pure: no I/O.

/** A captured profile placed on the time axis. */
export interface SnapshotMarker {
  /** The file name (no folder). */
  name: string;
  /** The kind in the name ("heap", "allocs", "cpu", ...). */
  kind: string;
  /** Capture time, Unix seconds. */
  t: number;
}

const CAPTURE_NAME = /^([A-Za-z0-9_.]+)-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)(\.\d{3})?Z(?:-\d+)?\.pb\.gz$/;

/** The marker of a capture file name, or undefined when the name is not a timestamped capture. */
export function snapshotOfName(name: string): SnapshotMarker | undefined {
  const m = CAPTURE_NAME.exec(name);
  if (!m) return undefined;
  const ms = Date.parse(`${m[2]}T${m[3]}:${m[4]}:${m[5]}${m[6] ?? ''}Z`);
  if (!Number.isFinite(ms)) return undefined;
  return { name, kind: m[1], t: ms / 1000 };
}

/**
 * snapshotMarkers places the heap and allocs captures among `names` that fall inside
 * [from, to] (Unix seconds), oldest first.
 */
export function snapshotMarkers(names: Iterable<string>, from: number, to: number): SnapshotMarker[] {
  const out: SnapshotMarker[] = [];
  for (const n of names) {
    const s = snapshotOfName(n);
    if (s && (s.kind === 'heap' || s.kind === 'allocs') && s.t >= from && s.t <= to) out.push(s);
  }
  return out.sort((a, b) => a.t - b.t || (a.name < b.name ? -1 : 1));
}
