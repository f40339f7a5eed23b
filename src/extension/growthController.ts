// The leak hunt's state on the host: the current growth report (from snapshot files or a live
// series), where its source files are in the workspace, and the growth worker that decodes,
// captures and runs series off the extension host thread. The host holds only the report.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GrowthReport, GrowthRow } from '../core/growth';
import type { CaptureLimits, GrowthAnalysis, SeriesSummary, SeriesUpdate, YourCodeSpec } from '../shared/protocol';
import { WorkerClient } from '../worker/workerClient';
import { ContextKeys } from './constants';
import { Disposable } from './dispose';
import { applySeriesUpdate, initialSeriesStatus, type SeriesStatus } from './seriesStatus';
import type { SourceResolver } from './sourceResolver';
import { readSettings } from './config';
import { workspaceModules, yourCodeSpec } from './yourCode';
import { logError } from './log';

/** Where the current report comes from. */
export type GrowthSource = { kind: 'files'; paths: string[] } | { kind: 'series'; url: string; dir: string };

/** Normalizes a local path for map keys. */
function key(p: string): string {
  return path.normalize(p);
}

/** Options of a live series. */
export interface SeriesOptions {
  url: string;
  dir: string;
  intervalMs: number;
  count: number;
  limits: CaptureLimits;
  /** Hears every update after the controller applied it (notifications). */
  onUpdate?: (u: SeriesUpdate) => void;
}

/**
 * GrowthController owns the growth worker and the current report. Invariants: `report` and
 * the file resolution change together (one onDidChange); at most one series runs; the worker
 * starts on first use and ends with the controller.
 */
export class GrowthController extends Disposable {
  private client: WorkerClient | undefined;
  private _report: GrowthReport | undefined;
  private _source: GrowthSource | undefined;
  private localOf = new Map<string, string | undefined>();
  private rowsByLocal = new Map<string, GrowthRow[]>();
  private _series: SeriesStatus | undefined;
  private _kinds: GrowthAnalysis['series'] = [];
  private _skipped: GrowthAnalysis['skipped'] = [];
  private generation = 0;
  /** What the current file analysis charged rows to (JSON of its YourCodeSpec), to redo it when that changes. */
  private analyzed: { yourCode: string; maxInflatedBytes?: number } | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when the report or its file resolution changes. */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeSeries = this._register(new vscode.EventEmitter<SeriesStatus | undefined>());
  /** Fires on every series update and when a series ends (undefined). */
  readonly onDidChangeSeries = this._onDidChangeSeries.event;

  constructor(
    private readonly workerScript: string,
    private readonly resolver: SourceResolver,
  ) {
    super();
    this._register({ dispose: () => this.client?.dispose() });
  }

  private worker(): WorkerClient {
    if (this.client?.hasExited) {
      // A crashed worker (out of memory on a huge snapshot) must not break every later command.
      this.client.dispose();
      this.client = undefined;
    }
    return (this.client ??= new WorkerClient(this.workerScript, { log: logError }));
  }

  get report(): GrowthReport | undefined {
    return this._report;
  }

  get source(): GrowthSource | undefined {
    return this._source;
  }

  /** The running series' status, or undefined. */
  get series(): SeriesStatus | undefined {
    return this._series;
  }

  /**
   * Decodes snapshot files in the growth worker and ranks what grows in the first series of one
   * kind (heap first); the result becomes the current report, the other kinds are remembered.
   */
  async analyze(paths: string[], maxInflatedBytes?: number): Promise<GrowthAnalysis> {
    const yourCode = await this.yourCode();
    const analysis = await this.worker().call('analyzeGrowth', { paths, maxInflatedBytes, yourCode });
    this.analyzed = { yourCode: JSON.stringify(yourCode ?? null), maxInflatedBytes };
    this._kinds = analysis.series;
    this._skipped = analysis.skipped;
    await this.setReport(analysis.report, { kind: 'files', paths: analysis.series[0]?.paths ?? paths });
    return analysis;
  }

  /** Analyzes another kind's series of the last analyzed files ("Select Growth Series…"). */
  async analyzeKind(kind: string, maxInflatedBytes?: number): Promise<GrowthAnalysis | undefined> {
    const { series, skipped } = this.kinds;
    const chosen = series.find((k) => k.kind === kind);
    if (!chosen) return undefined;
    const analysis = await this.analyze(chosen.paths, maxInflatedBytes);
    // The files' other kinds stay offered, the chosen one first.
    this._kinds = [chosen, ...series.filter((k) => k !== chosen)];
    this._skipped = skipped;
    this._onDidChange.fire();
    return analysis;
  }

  /** The analyzed files' series by kind (the report is the first's), and the files that were not profiles. */
  get kinds(): { series: GrowthAnalysis['series']; skipped: GrowthAnalysis['skipped'] } {
    return { series: this._kinds, skipped: this._skipped };
  }

  /**
   * What rows are charged to: the workspace's go.mod modules and main (every package outside the
   * standard library without a go.mod), adjusted by pprofLens.yourCode; undefined when ranking
   * by pprof's leaf. Snapshot files are not resolved before the analysis, so modules decide here.
   */
  private async yourCode(): Promise<YourCodeSpec | undefined> {
    return yourCodeSpec(readSettings(), [], await workspaceModules());
  }

  /** Replaces the current report and resolves its files (a newer call supersedes an older one). */
  async setReport(report: GrowthReport | undefined, source: GrowthSource | undefined): Promise<void> {
    const gen = ++this.generation;
    const localOf = new Map<string, string | undefined>();
    if (report) {
      const files = new Set(report.rows.map((r) => r.file).filter((f) => f !== ''));
      const resolved = (await this.resolver.resolveProfile(files, 'leak report')).files;
      for (const f of files) localOf.set(f, resolved.get(f)?.path);
    }
    if (gen !== this.generation) return;
    if (source?.kind !== 'files') {
      this._kinds = [];
      this._skipped = [];
    }
    this._report = report;
    this._source = source;
    this.localOf = localOf;
    const byLocal = new Map<string, GrowthRow[]>();
    for (const r of report?.rows ?? []) {
      const local = localOf.get(r.file);
      if (!local) continue;
      const k = key(local);
      const list = byLocal.get(k);
      if (list) list.push(r);
      else byLocal.set(k, [r]);
    }
    this.rowsByLocal = byLocal;
    this._onDidChange.fire();
    void vscode.commands.executeCommand('setContext', ContextKeys.hasOtherGrowthSeries, this._kinds.filter((k) => k.paths.length > 1).length > 1);
    // Awaited, so that a caller can focus the Leak Suspects view (shown by this key) right after.
    await vscode.commands.executeCommand('setContext', ContextKeys.hasGrowth, !!report || !!this._series);
  }

  /** Re-resolves the report's files (settings changed). */
  async reresolve(): Promise<void> {
    // Your code changed (ranking, pprofLens.yourCode, go.mod): snapshot files are analyzed again.
    const src = this._source;
    if (src?.kind === 'files' && this.analyzed && JSON.stringify((await this.yourCode()) ?? null) !== this.analyzed.yourCode) {
      const current = this._kinds[0]?.kind;
      if (current) await this.analyzeKind(current, this.analyzed.maxInflatedBytes);
      else await this.analyze(src.paths, this.analyzed.maxInflatedBytes);
      return;
    }
    if (this._report) await this.setReport(this._report, this._source);
  }

  /** Where a profile file name of the report resolved, or undefined. */
  localPathOf(profileFile: string): string | undefined {
    return this.localOf.get(profileFile);
  }

  /** The report's rows on a local file, best first. */
  rowsForLocal(localPath: string): GrowthRow[] {
    return this.rowsByLocal.get(key(localPath)) ?? [];
  }

  /** Clears the report (the Leak Suspects view empties). */
  clear(): void {
    void this.setReport(undefined, undefined);
  }

  /** Captures one profile in the growth worker and saves it; resolves with the file written. */
  capture(url: string, kind: string, dir: string, limits: CaptureLimits, token?: vscode.CancellationToken): Promise<{ file: string; size: number }> {
    const worker = this.worker();
    // Cancel aborts the request in the worker: terminating it would also end a running series.
    const sub = token?.onCancellationRequested(() => void worker.call('cancelCaptures', {}).catch(() => undefined));
    return worker.call('capture', { url, kind, dir, limits }).finally(() => sub?.dispose());
  }

  /**
   * Starts a live heap series in the growth worker: each snapshot's report becomes the current
   * report; failures are reported through onUpdate and the series goes on. Resolves when it ends.
   */
  async startSeries(o: SeriesOptions): Promise<SeriesSummary> {
    if (this._series) throw new Error('a snapshot series is already running');
    this._series = initialSeriesStatus('heap', o.count);
    await vscode.commands.executeCommand('setContext', ContextKeys.seriesRunning, true);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasGrowth, true);
    await this.setReport(undefined, { kind: 'series', url: o.url, dir: o.dir });
    this._onDidChangeSeries.fire(this._series);
    const source: GrowthSource = { kind: 'series', url: o.url, dir: o.dir };
    try {
      return await this.worker().call(
        'startSeries',
        { url: o.url, dir: o.dir, intervalMs: o.intervalMs, count: o.count, limits: o.limits, yourCode: await this.yourCode() },
        {
          onEvent: (u) => {
            if (!this._series) return;
            this._series = applySeriesUpdate(this._series, u);
            if (u.type === 'snapshot' && u.report) void this.setReport(u.report, source);
            this._onDidChangeSeries.fire(this._series);
            o.onUpdate?.(u);
          },
        },
      );
    } finally {
      this._series = undefined;
      void vscode.commands.executeCommand('setContext', ContextKeys.seriesRunning, false);
      void vscode.commands.executeCommand('setContext', ContextKeys.hasGrowth, !!this._report);
      this._onDidChangeSeries.fire(undefined);
    }
  }

  /** Stops the running series; what was captured stays on disk and in the report. */
  async stopSeries(): Promise<boolean> {
    if (!this._series || !this.client) return false;
    return this.client.call('stopSeries', {});
  }
}
