// Captures that decode what they fetch: fetchProfile (a capture validated as a profile) and
// SnapshotSeries (heap snapshots on a schedule), for the CLI (-series) and the growth worker.
// The transport, URLs and file names are capture.ts's; this module imports the decoder, so the
// extension host never imports it (test/unit/hostBundle.test.ts checks the host bundle).

import { isProfileError } from '../core/errors';
import { nodeInflater } from '../core/node/nodeInflater';
import { parseProfile } from '../core/parse';
import type { Profile } from '../core/profile';
import { CaptureError, checkUrl, fetchBody, kindOfUrl, saveCapture, type FetchOptions } from './capture';

/** A captured profile: the bytes as served, and their decoded form (proof that they are a profile). */
export interface FetchedProfile {
  /** The URL that answered (after redirects). */
  url: string;
  /** The response body, exactly as served (usually gzipped profile.proto): what gets written to disk. */
  bytes: Uint8Array;
  profile: Profile;
  contentType: string;
}

/**
 * fetchProfile downloads one profile over http or https and validates it with parseProfile.
 * Invariants: only http: and https: URLs are fetched (redirects too, at most 3); the connect
 * and read timeouts and the size limit hold while streaming; the result is a decodable profile,
 * otherwise a CaptureError with a one-line message naming the URL and what came back.
 */
export async function fetchProfile(url: string, opts: FetchOptions = {}): Promise<FetchedProfile> {
  const r = await fetchBody(url, opts);
  return validate(r.url, r.body, r.contentType, opts);
}

/** Decodes the 2xx body (fetchBody refused empty and HTML bodies): a profile, or a one-line CaptureError saying what it is instead. */
function validate(href: string, body: Uint8Array, contentType: string, opts: FetchOptions): FetchedProfile {
  try {
    const profile = parseProfile(body, { inflater: nodeInflater, maxInflatedBytes: opts.maxInflatedBytes, limitHint: opts.limitHint });
    return { url: href, bytes: body, profile, contentType };
  } catch (e) {
    if (!isProfileError(e)) throw e;
    const debug = /debug=(\d+) text|\(debug=(\d+) text\)/.exec(e.message);
    if (debug) {
      const n = debug[1] ?? debug[2];
      const what = /the file is (.*?) in debug=\d+ text format/.exec(e.message)?.[1] ?? /the file is (.*?) \(debug=\d+ text\)/.exec(e.message)?.[1] ?? 'text';
      const urlDebug = new URL(href).searchParams.get('debug');
      const fix = urlDebug !== null && urlDebug !== '0' ? `remove debug=${urlDebug} from the URL (or use debug=0)` : 'add debug=0 to the URL';
      throw new CaptureError(href, 'debug-text', `HTTP 200 sent ${what} as debug=${n} text, not a profile: ${fix}`, 200);
    }
    // parseProfile has already named the format, after inflating: sniffing the gzipped body again
    // would call a truncated, corrupt, over-limit or bomb body "gzip-compressed twice".
    const what = e.message.replace(/^the file is /, '');
    throw new CaptureError(href, 'not-profile', `HTTP 200 but the body is not a profile (${contentType || 'no content type'}): ${what}`, 200);
  }
}

// ---------------------------------------------------------------------------------------------
// Snapshot series

/** Options of a SnapshotSeries. */
export interface SnapshotSeriesOptions {
  /** The URL each snapshot is fetched from, e.g. snapshotUrl("http://localhost:8080"). */
  url: string;
  /** Folder the snapshots are written to (created when missing). */
  dir: string;
  /** Time between the starts of two captures, in ms (a capture that runs late is followed at once). */
  intervalMs: number;
  /** Number of captures to attempt (failures count); 0 or undefined: until stop(). */
  count?: number;
  /** File name prefix (default: the URL's endpoint, e.g. "heap"). */
  kind?: string;
  /** Timeouts and size limit of each capture. */
  fetch?: Omit<FetchOptions, 'signal'>;
  /** The clock for file names and schedules (tests). */
  now?: () => number;
}

/** A snapshot written to disk. */
export interface CapturedSnapshot {
  /** 1-based number of the attempt that captured it. */
  attempt: number;
  /** Absolute path of the file. */
  file: string;
  /** When the capture started (ms since the epoch, local clock). */
  timeMs: number;
  /** Size of the file in bytes. */
  size: number;
  /** The decoded profile (decoded to validate it; pass it to GrowthAnalyzer.add). */
  profile: Profile;
}

/** What a SnapshotSeries reports, in order, for each attempt and at the end. */
export type SeriesEvent =
  /** Waiting for the next capture, due at `atMs` (for a countdown). */
  | { type: 'waiting'; attempt: number; atMs: number }
  /** A capture started. */
  | { type: 'capturing'; attempt: number; url: string }
  /** A snapshot was captured and written. */
  | { type: 'snapshot'; snapshot: CapturedSnapshot }
  /** A capture failed; the series goes on. `error.message` is one line naming the URL. */
  | { type: 'failure'; attempt: number; error: CaptureError | Error }
  /** The series ended: all attempts made, or stop() was called. */
  | { type: 'done'; reason: 'count' | 'stopped'; result: SeriesResult };

/** What a series produced. */
export interface SeriesResult {
  snapshots: CapturedSnapshot[];
  failures: { attempt: number; message: string }[];
}

/**
 * SnapshotSeries captures a profile every `intervalMs` into `dir` until `count` attempts or
 * stop(). Invariants: the first capture starts at once and the next ones on a fixed schedule;
 * a failed capture is reported (event "failure") and the series goes on; every captured
 * profile is written (atomically, never replacing a file) before its "snapshot" event, and
 * stop() only cancels what was not captured yet. Usable from the CLI and the extension.
 */
export class SnapshotSeries {
  private readonly listeners = new Set<(e: SeriesEvent) => void>();
  private readonly stopper = new AbortController();
  private running: Promise<SeriesResult> | undefined;
  private readonly result: SeriesResult = { snapshots: [], failures: [] };
  private nextAt: number | undefined;

  constructor(private readonly options: SnapshotSeriesOptions) {
    checkUrl(options.url);
    if (!(options.intervalMs >= 0)) throw new Error('the interval must be 0 or more milliseconds');
  }

  /** Subscribes to events; dispose() unsubscribes (the shape of a VS Code Disposable). */
  onEvent(listener: (e: SeriesEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Snapshots captured so far, in capture order. */
  get snapshots(): readonly CapturedSnapshot[] {
    return this.result.snapshots;
  }

  /** When the next capture is due (ms since the epoch), while waiting; undefined otherwise. */
  get nextCaptureAt(): number | undefined {
    return this.nextAt;
  }

  /** Starts the series (once); resolves with what was captured when it ends. Never rejects for a failed capture. */
  start(): Promise<SeriesResult> {
    this.running ??= this.run();
    return this.running;
  }

  /** Stops scheduling and cancels an unfinished capture; resolves when the series has ended. */
  stop(): Promise<SeriesResult> {
    this.stopper.abort();
    return this.running ?? Promise.resolve(this.result);
  }

  private emit(e: SeriesEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's bug must not end the series (or lose its files).
      }
    }
  }

  private async run(): Promise<SeriesResult> {
    const o = this.options;
    const now = o.now ?? Date.now;
    const kind = o.kind ?? kindOfUrl(o.url);
    const start = now();
    const count = o.count && o.count > 0 ? o.count : Infinity;
    for (let attempt = 1; attempt <= count && !this.stopper.signal.aborted; attempt++) {
      // 1. Wait for the attempt's slot on the fixed schedule.
      const due = start + (attempt - 1) * o.intervalMs;
      if (due > now()) {
        this.nextAt = due;
        this.emit({ type: 'waiting', attempt, atMs: due });
        await sleep(due - now(), this.stopper.signal);
        this.nextAt = undefined;
        if (this.stopper.signal.aborted) break;
      }
      // 2. Capture and write; a failure is reported and the series goes on.
      const startedAt = now();
      this.emit({ type: 'capturing', attempt, url: o.url });
      try {
        const f = await fetchProfile(o.url, { ...o.fetch, signal: this.stopper.signal });
        const file = await saveCapture(o.dir, kind, new Date(startedAt), f.bytes);
        const snapshot: CapturedSnapshot = { attempt, file, timeMs: startedAt, size: f.bytes.length, profile: f.profile };
        this.result.snapshots.push(snapshot);
        this.emit({ type: 'snapshot', snapshot });
      } catch (e) {
        if (e instanceof CaptureError && e.failure === 'aborted' && this.stopper.signal.aborted) break;
        const error = e instanceof Error ? e : new Error(String(e));
        this.result.failures.push({ attempt, message: error.message });
        this.emit({ type: 'failure', attempt, error });
      }
    }
    const reason = this.stopper.signal.aborted ? 'stopped' : 'count';
    this.emit({ type: 'done', reason, result: this.result });
    return this.result;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(finish, Math.max(0, ms));
    function finish() {
      clearTimeout(t);
      signal.removeEventListener('abort', finish);
      resolve();
    }
    signal.addEventListener('abort', finish);
  });
}
