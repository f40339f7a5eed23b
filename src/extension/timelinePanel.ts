// The Memory Timeline panel: one service's RSS, heap, goroutines and request rate over time,
// from a Prometheus server or the service itself, with restarts, verdict lines, the bytes
// retained per request, and the heap snapshots of the capture folder as markers (click one to
// open it; "Snapshot now" captures one). The source is picked in a quick pick and remembered per
// workspace. A failed load or scrape is one status line; the chart keeps what it had.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { snapshotUrl } from '../capture/capture';
import type { TimelineHostMessage, TimelineSuspect, TimelineView, TimelineWebviewMessage } from '../shared/timelineProtocol';
import { analyzeTimeline, durationText, timelineReport } from '../timeline/analysis';
import type { TimelineFrame } from '../timeline/frame';
import { PrometheusClient, loadPrometheusFrame, windowFor, type PromTarget } from '../timeline/prometheusSource';
import { ServiceScraper } from '../timeline/serviceSource';
import { snapshotsInRange, suspectOverlay } from '../timeline/growthOverlay';
import { snapshotMarkers } from '../timeline/snapshots';
import { captureDirectory, captureLimits, readSettings } from './config';
import { Commands, PROFILE_EDITOR_VIEW_TYPE, StateKeys, TIMELINE_VIEW_TYPE } from './constants';
import { Disposable } from './dispose';
import type { GrowthController } from './growthController';
import { suspectLabel, suspects } from './growthEvidence';
import { showError, showWarning, logError } from './log';
import { webviewHtml } from './webviewHtml';

/** Where the timeline reads from; what the workspace remembers. */
export type TimelineSource =
  | { kind: 'prometheus'; url: string; job: string; instance: string; counter: string }
  | { kind: 'service'; url: string };

/** A line for an error of any kind. */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Registers Show Memory Timeline…; owns the panel while it is open. */
export class TimelineCommands extends Disposable {
  private panel: TimelinePanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: vscode.Memento,
    private readonly storage: vscode.Uri,
    /** Captures in the growth worker (the host never decodes a profile). */
    private readonly growth: GrowthController,
  ) {
    super();
    this._register(vscode.commands.registerCommand(Commands.showMemoryTimeline, (source?: TimelineSource) => this.show(source)));
  }

  /** Opens (or reveals) the panel on `source`, the remembered source, or one picked now. */
  async show(source?: TimelineSource): Promise<void> {
    const chosen = source ?? this.state.get<TimelineSource>(StateKeys.timelineSource) ?? (await pickSource());
    if (!chosen) return;
    await this.state.update(StateKeys.timelineSource, chosen);
    if (!this.panel) {
      this.panel = new TimelinePanel(this.extensionUri, this.growth, (warn) => captureDirectory(this.storage, warn), async () => {
        const next = await pickSource();
        if (next) await this.state.update(StateKeys.timelineSource, next);
        return next;
      });
      this.panel.onDispose(() => (this.panel = undefined));
    }
    this.panel.setSource(chosen);
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

/** The quick pick: a Prometheus server (then its target and request counter) or a service. */
export async function pickSource(): Promise<TimelineSource | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: '$(server) Prometheus server…', detail: 'Range queries over 15 min … 7 days; pick the job and instance of the service', sourceKind: 'prometheus' as const },
      { label: '$(pulse) Service…', detail: "Scrape the service's /metrics (or /debug/pprof MemStats) every few seconds, kept for this session", sourceKind: 'service' as const },
    ],
    { title: 'pprof Lens: Memory Timeline source', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  if (kind.sourceKind === 'service') {
    const url = await vscode.window.showInputBox({ title: 'pprof Lens: Memory Timeline: service URL', prompt: 'Base URL of the Go service (http or https)', value: 'http://localhost:8080', ignoreFocusOut: true, validateInput: validUrl });
    return url ? { kind: 'service', url: url.trim() } : undefined;
  }
  const url = await vscode.window.showInputBox({ title: 'pprof Lens: Memory Timeline: Prometheus URL', prompt: 'The Prometheus server (http or https)', value: readSettings().timeline.prometheusUrl, ignoreFocusOut: true, validateInput: validUrl });
  if (!url) return undefined;
  const client = new PrometheusClient(url.trim());
  let targets: PromTarget[];
  try {
    targets = await client.targets();
  } catch (e) {
    void showError(`pprof Lens: ${oneLine(e)}`, { cause: e });
    return undefined;
  }
  if (targets.length === 0) {
    void showError(`pprof Lens: ${client.base} has no active scrape targets: add the service to its scrape_configs`);
    return undefined;
  }
  const target = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: t.job, description: t.instance, detail: t.health === 'up' ? undefined : `${t.health}${t.lastError ? `: ${t.lastError}` : ''}`, target: t })),
    { title: 'pprof Lens: Memory Timeline: which service (job, instance)?', ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!target) return undefined;
  let counters: string[] = [];
  try {
    counters = await client.requestCounters(target.target);
  } catch (e) {
    void showWarning(`pprof Lens: no request counters: ${oneLine(e)}`, { cause: e });
  }
  let counter = '';
  if (counters.length > 0) {
    const pick = await vscode.window.showQuickPick([...counters.map((c) => ({ label: c, counter: c })), { label: 'No request counter', counter: '' }], {
      title: 'pprof Lens: Memory Timeline: which counter counts requests?',
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    counter = pick.counter;
  }
  return { kind: 'prometheus', url: client.base, job: target.target.job, instance: target.target.instance, counter };
}

function validUrl(v: string): string | undefined {
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'only http:// and https:// URLs';
  } catch {
    return 'not a URL: give one like http://localhost:9090';
  }
}

/** One Memory Timeline webview panel. Invariant: at most one load or scrape runs at a time. */
export class TimelinePanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private source: TimelineSource | undefined;
  private scraper: ServiceScraper | undefined;
  private rangeSeconds = 3600;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private view: TimelineView | undefined;
  private snapshotNames = new Set<string>();
  private readonly disposeListeners: Array<() => void> = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly growth: GrowthController,
    private readonly captureDir: (warn: boolean) => string,
    private readonly repick: () => Promise<TimelineSource | undefined>,
  ) {
    super();
    this.panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Memory Timeline', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, { title: 'Memory Timeline', script: 'dist/timelineView.js', styles: ['dist/uPlot.min.css', 'media/timeline.css'] });
    this._register(this.panel.webview.onDidReceiveMessage((m: TimelineWebviewMessage) => void this.onMessage(m)));
    this._register(this.panel.onDidDispose(() => this.dispose()));
    // A growth report opened, changed or closed: its top suspect's line on the chart follows.
    this._register(growth.onDidChange(() => void this.repush()));
  }

  /** Sends the last frame's view again (the snapshots or the growth report changed). */
  private async repush(): Promise<void> {
    if (this.lastFrame) await this.push(this.lastFrame.frame, this.lastFrame.label);
  }

  /** Calls `f` once the panel is gone. */
  onDispose(f: () => void): void {
    this.disposeListeners.push(f);
  }

  override dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    super.dispose();
    this.panel.dispose();
    for (const f of this.disposeListeners.splice(0)) f();
  }

  /** Switches to `source`: a fresh history, a load now, then one every scrape interval. */
  setSource(source: TimelineSource): void {
    this.source = source;
    this.scraper = undefined;
    this.view = undefined;
    this.panel.reveal();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.load(), readSettings().timeline.scrapeIntervalSeconds * 1000);
    void this.load();
  }

  private post(m: TimelineHostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  private statusIsError = false;

  private status(text: string, error: boolean): void {
    this.statusIsError = error;
    this.post({ type: 'status', text, error });
  }

  /** A load went well: an error line goes away, an information line ("saved …") stays. */
  private clearError(): void {
    if (this.statusIsError) this.status('', false);
  }

  /** Loads (Prometheus) or scrapes (service) once and pushes the view; a failure is one status line. */
  private async load(): Promise<void> {
    const source = this.source;
    if (!source || this.busy) return;
    this.busy = true;
    try {
      let frame: TimelineFrame;
      let label: string;
      if (source.kind === 'prometheus') {
        const client = new PrometheusClient(source.url);
        const target = await client.target(source.job, source.instance);
        const w = windowFor(Date.now() / 1000, this.rangeSeconds, target.scrapeInterval);
        const r = await loadPrometheusFrame(client, target, w, source.counter);
        frame = r.frame;
        label = `Prometheus ${client.base} job="${target.job}" instance="${target.instance}", last ${durationText(this.rangeSeconds)} at ${durationText(w.step)} steps, requests from ${source.counter || '(no counter)'}`;
        if (r.notes.length > 0) this.status(r.notes[0], true);
        else this.clearError();
      } else {
        const s = readSettings().timeline;
        this.scraper ??= new ServiceScraper(source.url, { cap: s.historyCap });
        await this.scraper.scrape();
        frame = this.scraper.frame;
        label = `service ${this.scraper.base} (${this.scraper.mode === 'metrics' ? '/metrics' : '/debug/pprof MemStats'}), every ${durationText(s.scrapeIntervalSeconds)}, requests from ${this.scraper.counter || '(no counter)'}`;
        this.clearError();
      }
      if (source !== this.source) return;
      await this.push(frame, label);
    } catch (e) {
      this.status(oneLine(e), true);
    } finally {
      this.busy = false;
    }
  }

  private lastFrame: { frame: TimelineFrame; label: string } | undefined;

  /** Builds and sends the view of a frame (snapshots from the capture folder). */
  private async push(frame: TimelineFrame, label: string): Promise<void> {
    this.lastFrame = { frame, label };
    const a = analyzeTimeline(frame);
    let names: string[] = [];
    try {
      names = await fs.readdir(this.captureDir(false));
    } catch {
      // No capture folder yet: no snapshots.
    }
    const first = frame.t[0] ?? Date.now() / 1000;
    const last = Math.max(frame.t[frame.t.length - 1] ?? 0, Date.now() / 1000);
    const snaps = snapshotMarkers(names, first, last).filter((s) => s.kind === 'heap');
    this.snapshotNames = new Set(snaps.map((s) => s.name));
    const report = timelineReport(frame, a);
    const c = frame.cols;
    this.view = {
      source: label,
      data: { t: frame.t, rss: c.rss, heapInuse: c.heapInuse, heapAlloc: c.heapAlloc, goroutines: c.goroutines, requestRate: c.requestRate },
      restarts: a.restarts.map((r) => ({ t: r.t, gap: r.reason === 'gap', detail: r.detail })),
      snapshots: snaps.map((s) => ({ t: s.t, name: s.name })),
      verdicts: [report[0], ...a.trends.map((t) => t.line)],
      perRequest: a.perRequest.line,
      rangeSeconds: this.source?.kind === 'prometheus' ? this.rangeSeconds : 0,
      canSnapshot: this.serviceUrl() !== undefined,
      suspect: this.suspect(frame.t),
    };
    this.post({ type: 'view', view: this.view });
  }

  /** The open growth report's top suspect on the chart times `t`, or undefined. */
  private suspect(t: number[]): TimelineSuspect | undefined {
    const report = this.growth.report;
    const top = suspects(report)[0];
    return report && top ? suspectOverlay(report, top, t, suspectLabel(report, top, ' ')) : undefined;
  }

  /** Analyze Growth over the heap snapshots inside a drag-selection; fewer than 2 is one quiet line. */
  private async analyzeRange(from: number, to: number): Promise<void> {
    if (!Number.isFinite(from) || !Number.isFinite(to)) return;
    const inside = snapshotsInRange(this.view?.snapshots ?? [], from, to);
    if (inside.length < 2) {
      const n = inside.length === 0 ? 'no heap snapshot' : 'only 1 heap snapshot';
      this.status(`${n} in the selection: Analyze Growth needs 2 or more (take them with Snapshot now, a few requests apart)`, false);
      return;
    }
    this.status(`analyzing growth across the ${inside.length} snapshots in the selection…`, false);
    const dir = this.captureDir(false);
    const report = await vscode.commands.executeCommand(
      Commands.analyzeGrowth,
      undefined,
      inside.map((s) => vscode.Uri.file(path.join(dir, s.name))),
    );
    this.status(report ? `analyzed growth across ${inside.length} snapshots: see Leak Suspects` : '', false);
  }

  /** The service's base URL for a snapshot: the scraped URL, or http://<instance> of a Prometheus target. */
  private serviceUrl(): string | undefined {
    const s = this.source;
    if (!s) return undefined;
    if (s.kind === 'service') return this.scraper?.base ?? s.url;
    return /^[\w.-]+:\d+$|^\[[0-9a-f:]+\]:\d+$/i.test(s.instance) ? `http://${s.instance}` : undefined;
  }

  private async onMessage(m: TimelineWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.view) this.post({ type: 'view', view: this.view });
        return;
      case 'pickSource': {
        const next = await this.repick();
        if (next) this.setSource(next);
        return;
      }
      case 'setRange':
        if (typeof m.seconds === 'number' && m.seconds > 0) {
          this.rangeSeconds = m.seconds;
          void this.load();
        }
        return;
      case 'refresh':
        void this.load();
        return;
      case 'snapshotNow':
        await this.snapshotNow();
        return;
      case 'openSnapshot': {
        // Only names the host sent: nothing outside the capture folder opens from here.
        if (!this.snapshotNames.has(m.name)) return;
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path.join(this.captureDir(false), m.name)), PROFILE_EDITOR_VIEW_TYPE, vscode.ViewColumn.Beside);
        return;
      }
      case 'analyzeRange':
        await this.analyzeRange(m.from, m.to);
        return;
      default:
        logError('unknown timeline message', m satisfies never);
    }
  }

  /** Captures a heap profile (?gc=1) into the capture folder; its marker appears on the chart. */
  private async snapshotNow(): Promise<void> {
    const base = this.serviceUrl();
    if (!base) {
      this.status('no service URL to snapshot: the Prometheus instance is not host:port', true);
      return;
    }
    try {
      const url = snapshotUrl(base);
      this.status(`capturing ${url}…`, false);
      // Fetched, validated by decoding and saved in the growth worker.
      const { file } = await this.growth.capture(url, 'heap', this.captureDir(true), captureLimits());
      this.status(`saved ${path.basename(file)}`, false);
      await this.repush();
    } catch (e) {
      this.status(`snapshot failed: ${oneLine(e)}`, true);
    }
  }
}

