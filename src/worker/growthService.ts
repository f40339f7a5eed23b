// GrowthService answers the GrowthApi inside a growth worker: it decodes snapshot files, captures
// from /debug/pprof and runs a live snapshot series, so that neither decoding nor a slow server
// ever touches the extension host thread. Every number comes from the engine (analyzeGrowth,
// GrowthAnalyzer); this file only feeds it files and captures.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { saveCapture, type FetchOptions } from '../capture/capture';
import { fetchProfile, SnapshotSeries } from '../capture/profileCapture';
import { isProfileError, ProfileError } from '../core/errors';
import { GrowthAnalyzer, analyzeGrowth, type GrowthSnapshotInput } from '../core/growth';
import { nodeInflater } from '../core/node/nodeInflater';
import { parseProfile } from '../core/parse';
import { groupByKind } from '../core/profileKind';
import { yourCodePredicate } from '../core/yourCode';
import type { CaptureLimits, GrowthAnalysis, GrowthApi, SeriesSummary, SeriesUpdate } from '../shared/protocol';

/** The fetch options of capture.ts from the protocol's limits. */
function fetchOptions(l: CaptureLimits): Omit<FetchOptions, 'signal'> {
  return {
    connectTimeoutMs: l.connectTimeoutMs,
    readTimeoutMs: l.readTimeoutMs,
    totalTimeoutMs: l.totalTimeoutMs,
    deadlineHint: 'the pprofLens.capture.timeoutSeconds setting',
    maxBytes: l.maxBytes,
    maxInflatedBytes: l.maxInflatedBytes,
    limitHint: 'the pprofLens.maxProfileSizeMB setting',
  };
}

/** One-line reason of a failed read or decode. */
function reasonOf(e: unknown): string {
  if (isProfileError(e)) return (e as Error).message;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}

/** Answers the GrowthApi. Invariant: at most one series runs at a time. */
export class GrowthService {
  private series: SnapshotSeries | undefined;
  /** Captures in flight, cancelled by cancelCaptures (a series has its own stop). */
  private readonly captures = new Set<AbortController>();

  /**
   * Decodes every file (a file that is not a profile is skipped with its reason), groups the
   * profiles by kind (a folder of captures mixes heap, cpu, goroutine…) and runs the engine's
   * growth analysis on the first series (heap first), ordered by profile time with the file time
   * as the fallback.
   */
  analyzeGrowth(args: Parameters<GrowthApi['analyzeGrowth']>[0]): GrowthAnalysis {
    const snapshots: (GrowthSnapshotInput & { path: string })[] = [];
    const skipped: GrowthAnalysis['skipped'] = [];
    // Names shown in warnings: base names, unless two files share one.
    const bases = args.paths.map((p) => path.basename(p));
    const dup = new Set(bases.filter((b, i) => bases.indexOf(b) !== i));
    args.paths.forEach((file, i) => {
      try {
        const bytes = readFileSync(file);
        const profile = parseProfile(bytes, { inflater: nodeInflater, maxInflatedBytes: args.maxInflatedBytes, limitHint: 'the pprofLens.maxProfileSizeMB setting' });
        const name = dup.has(bases[i]) ? file : bases[i];
        snapshots.push({ name, profile, fileTimeMs: statSync(file).mtimeMs, path: file });
      } catch (e) {
        skipped.push({ path: file, reason: reasonOf(e) });
      }
    });
    if (snapshots.length === 0) throw new ProfileError(`none of the ${args.paths.length} files is a profile${skipped[0] ? ` (${path.basename(skipped[0].path)}: ${skipped[0].reason})` : ''}`);
    const groups = groupByKind(snapshots, (s) => s.profile);
    const series = groups.map((g) => ({ kind: g.kind, paths: g.items.map((s) => s.path) }));
    return { report: analyzeGrowth(groups[0].items, { order: 'time', yourCode: args.yourCode && yourCodePredicate(args.yourCode) }), skipped, series };
  }

  /** Fetches one profile (fetchProfile validates it by decoding) and saves it without replacing a file. */
  async capture(args: Parameters<GrowthApi['capture']>[0]): Promise<ReturnType<GrowthApi['capture']>> {
    const abort = new AbortController();
    this.captures.add(abort);
    try {
      const f = await fetchProfile(args.url, { ...fetchOptions(args.limits), signal: abort.signal });
      const file = await saveCapture(args.dir, args.kind, new Date(), f.bytes);
      return { file, size: f.bytes.length };
    } finally {
      this.captures.delete(abort);
    }
  }

  /** Cancels every capture in flight; returns how many. */
  cancelCaptures(): number {
    const n = this.captures.size;
    for (const a of this.captures) a.abort();
    return n;
  }

  /**
   * Runs a snapshot series; every snapshot is added to a GrowthAnalyzer (in capture order) and
   * the new report goes to the host with it. Resolves when the series ends.
   */
  async startSeries(args: Parameters<GrowthApi['startSeries']>[0], post: (u: SeriesUpdate) => void): Promise<SeriesSummary> {
    if (this.series) throw new ProfileError('a snapshot series is already running: stop it first');
    const series = new SnapshotSeries({ url: args.url, dir: args.dir, intervalMs: args.intervalMs, count: args.count, fetch: fetchOptions(args.limits) });
    this.series = series;
    const analyzer = new GrowthAnalyzer({ order: 'given', yourCode: args.yourCode && yourCodePredicate(args.yourCode) });
    const count = args.count;
    let reason: SeriesSummary['reason'] = 'count';
    series.onEvent((e) => {
      switch (e.type) {
        case 'waiting':
          post({ type: 'waiting', attempt: e.attempt, count, atMs: e.atMs });
          return;
        case 'capturing':
          post({ type: 'capturing', attempt: e.attempt, count });
          return;
        case 'snapshot': {
          const s = e.snapshot;
          let update: SeriesUpdate;
          try {
            analyzer.add({ name: path.basename(s.file), profile: s.profile, fileTimeMs: s.timeMs });
            update = { type: 'snapshot', attempt: s.attempt, count, file: s.file, report: analyzer.report() };
          } catch (err) {
            update = { type: 'snapshot', attempt: s.attempt, count, file: s.file, reportError: reasonOf(err) };
          }
          post(update);
          return;
        }
        case 'failure':
          post({ type: 'failure', attempt: e.attempt, count, message: e.error.message });
          return;
        case 'done':
          reason = e.reason;
          return;
        default: {
          const never: never = e;
          console.error('pprof Lens: unknown series event', never);
        }
      }
    });
    try {
      const result = await series.start();
      return {
        reason,
        files: result.snapshots.map((s) => s.file),
        failures: result.failures,
      };
    } finally {
      this.series = undefined;
    }
  }

  /** Stops the running series; false when none runs. */
  stopSeries(): boolean {
    if (!this.series) return false;
    void this.series.stop();
    return true;
  }
}
