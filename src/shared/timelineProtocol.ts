// Messages between the Memory Timeline panel's host and its webview (one protocol file per
// webview; the profile view's is webviewProtocol.ts). Numbers travel raw; the webview formats.

/** What the chart draws: aligned columns (uPlot's layout), times in Unix seconds. */
export interface TimelineChartData {
  t: number[];
  rss: (number | null)[];
  heapInuse: (number | null)[];
  heapAlloc: (number | null)[];
  goroutines: (number | null)[];
  requestRate: (number | null)[];
}

/** A restart (or an unexplained scrape gap) at time t. */
export interface TimelineRestart {
  t: number;
  gap: boolean;
  detail: string;
}

/** A captured heap profile on the time axis; `name` is its file name in the capture folder. */
export interface TimelineSnapshot {
  t: number;
  name: string;
}

/** The top suspect of the open growth report, drawn on the chart's time axis on its own scale. */
export interface TimelineSuspect {
  /** Its file:line and function ("main.go:31 main.handleWork"). */
  label: string;
  /** The report's sample unit ("bytes", "count"). */
  unit: string;
  /** Its value in each analyzed snapshot, at the chart time nearest the snapshot's (null elsewhere); aligned with data.t. */
  values: (number | null)[];
}

/** Everything the panel shows for one source. */
export interface TimelineView {
  /** One line naming the source ("Prometheus http://… job=… instance=…", "service http://… /metrics"). */
  source: string;
  data: TimelineChartData;
  restarts: TimelineRestart[];
  snapshots: TimelineSnapshot[];
  /** Verdict lines, one per series, then the per-request line. */
  verdicts: string[];
  perRequest: string;
  /** The window offered in the range picker, in seconds (0 for a scraped service: the session). */
  rangeSeconds: number;
  /** Whether "Snapshot now" can reach the service (a service URL, or a Prometheus instance). */
  canSnapshot: boolean;
  /** The open growth report's top suspect, when it has one and a snapshot of it falls on the chart. */
  suspect?: TimelineSuspect;
}

/** Host → webview. */
export type TimelineHostMessage =
  /** The whole view (sent after each load or scrape). */
  | { type: 'view'; view: TimelineView }
  /** One line saying what went wrong; the webview keeps what it shows. */
  | { type: 'status'; text: string; error: boolean };

/** Webview → host. */
export type TimelineWebviewMessage =
  /** The page is ready for its first view. */
  | { type: 'ready' }
  /** Pick another source (the quick pick). */
  | { type: 'pickSource' }
  /** Change the Prometheus window. */
  | { type: 'setRange'; seconds: number }
  /** Reload now. */
  | { type: 'refresh' }
  /** Capture a heap profile now (?gc=1) into the capture folder. */
  | { type: 'snapshotNow' }
  /** Open the snapshot named `name` (one the host sent). */
  | { type: 'openSnapshot'; name: string }
  /** Analyze Growth over the heap snapshots captured between from and to (Unix seconds; a drag-selection). */
  | { type: 'analyzeRange'; from: number; to: number };

/** The windows offered for a Prometheus source, in seconds (15 min … 7 days). */
export const TIMELINE_RANGES: readonly { label: string; seconds: number }[] = [
  { label: '15 min', seconds: 900 },
  { label: '1 hour', seconds: 3600 },
  { label: '6 hours', seconds: 6 * 3600 },
  { label: '24 hours', seconds: 86400 },
  { label: '7 days', seconds: 7 * 86400 },
];
