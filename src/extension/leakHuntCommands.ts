// The leak hunt's commands (category "pprof Lens"): compare with a base, analyze growth across
// snapshots, jump to the fastest-growing line, capture a profile, run a snapshot series.
// Every decode and capture happens in a worker; these only ask, show and navigate.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CaptureError, captureUrl, snapshotUrl, type CaptureKind } from '../capture/capture';
import type { GrowthReport } from '../core/growth';
import { plainText } from '../shared/plainText';
import type { BaseMode, SeriesUpdate } from '../shared/protocol';
import { captureDirectory, captureLimits, readSettings } from './config';
import { Commands, ContextKeys, PROFILE_EDITOR_VIEW_TYPE, StateKeys, Views } from './constants';
import { Disposable } from './dispose';
import type { GrowthController } from './growthController';
import { suspectLabel, suspects, trendText } from './growthEvidence';
import type { ProfileManager } from './profileManager';
import { showLine } from './showLine';
import { showError, showWarning } from './log';

/** The default base URL offered by Capture Profile… and Start Snapshot Series…. */
export const DEFAULT_CAPTURE_URL = 'http://localhost:8080';

/** Warnings shown as notifications at most (the rest are in the Leak Suspects view). */
const MAX_WARNING_TOASTS = 3;

/** Warnings of a live series worth a notification when they first appear (the others are transient). */
const SERIES_TOAST_CODES = new Set(['restart', 'period-changed', 'incompatible', 'excluded', 'time-went-back', 'unchanged']);

/** One line of an error for a notification. */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Registers and implements the leak hunt's commands. */
export class LeakHuntCommands extends Disposable {
  constructor(
    private readonly manager: ProfileManager,
    private readonly growth: GrowthController,
    private readonly state: vscode.Memento,
    private readonly fallbackCaptureDir: vscode.Uri,
  ) {
    super();
    const reg = (id: string, fn: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, fn));
    reg(Commands.compareWithBase, (base?: vscode.Uri, mode?: BaseMode) => this.compareWithBase(base, mode));
    reg(Commands.clearComparison, () => this.manager.active?.clearComparison());
    reg(Commands.analyzeGrowth, (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.analyzeGrowth(uri, uris));
    reg(Commands.goToFastestGrowingLine, () => this.goToFastestGrowingLine());
    reg(Commands.revealGrowthRow, (file: string, line: number) => this.revealRow(file, line));
    reg(Commands.captureProfile, () => this.captureProfile());
    reg(Commands.startSnapshotSeries, () => this.startSnapshotSeries());
    reg(Commands.stopSnapshotSeries, () => this.stopSnapshotSeries());
    reg(Commands.selectGrowthSeries, () => this.selectGrowthSeries());
    const syncComparison = () => vscode.commands.executeCommand('setContext', ContextKeys.hasComparison, !!this.manager.active?.base);
    this._register(manager.onDidChange(() => void syncComparison()));
  }

  // ---------------------------------------------------------------------------------------------
  // Compare

  private async compareWithBase(baseArg?: vscode.Uri, modeArg?: BaseMode): Promise<boolean> {
    const s = this.manager.active;
    if (!s) {
      void vscode.window.showInformationMessage('pprof Lens: open a profile first; Compare with Base Profile… compares the active profile with a base.');
      return false;
    }
    let base = baseArg instanceof vscode.Uri ? baseArg : undefined;
    if (!base) {
      const uris = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.Uri.file(path.dirname(s.uri.fsPath)),
        openLabel: 'Compare with This Base',
        title: `pprof Lens: base profile for ${s.name} (usually an earlier snapshot)`,
      });
      base = uris?.[0];
    }
    if (!base) return false;
    let mode = modeArg === 'base' || modeArg === 'diff_base' ? modeArg : undefined;
    if (!mode) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: '-diff_base', description: 'default', detail: `What changed since ${path.basename(base.fsPath)}; percentages of the base's total (go tool pprof -diff_base)`, mode: 'diff_base' as const },
          { label: '-base', description: 'subtract', detail: `${s.name} minus ${path.basename(base.fsPath)}, percentages of the difference (go tool pprof -base): for cumulative profiles (allocs, CPU of one process)`, mode: 'base' as const },
        ],
        { title: `pprof Lens: compare ${s.name} with ${path.basename(base.fsPath)}` },
      );
      if (!pick) return false;
      mode = pick.mode;
    }
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `pprof Lens: comparing with ${path.basename(base.fsPath)}` }, () =>
        s.compareWith({ path: base.fsPath, mode }, readSettings().maxProfileSizeMB * 1024 * 1024),
      );
      return true;
    } catch (e) {
      void showError(`pprof Lens: cannot compare ${s.name} with ${path.basename(base.fsPath)}: ${oneLine(e)}`, { cause: e });
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Growth

  /** Profiles named by the explorer selection: files as they are, folders expanded to their files. */
  private async expand(targets: readonly vscode.Uri[]): Promise<string[]> {
    const paths: string[] = [];
    for (const t of targets) {
      const stat = await fs.stat(t.fsPath).catch(() => undefined);
      if (!stat?.isDirectory()) {
        paths.push(t.fsPath);
        continue;
      }
      for (const name of (await fs.readdir(t.fsPath)).sort()) {
        if (name.startsWith('.')) continue;
        const file = path.join(t.fsPath, name);
        if ((await fs.stat(file).catch(() => undefined))?.isFile()) paths.push(file);
      }
    }
    return paths;
  }

  private async analyzeGrowth(uri?: vscode.Uri, uris?: vscode.Uri[]): Promise<GrowthReport | undefined> {
    let targets = (uris && uris.length > 0 ? uris : uri ? [uri] : []).filter((u) => u instanceof vscode.Uri && u.scheme === 'file');
    if (targets.length === 0) {
      targets = (await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Analyze Growth', title: 'pprof Lens: heap snapshots of one process (select 2 or more)' })) ?? [];
    }
    if (targets.length === 0) return undefined;
    const paths = await this.expand(targets);
    if (paths.length === 0) {
      void showWarning('pprof Lens: Analyze Growth: the folder has no files.');
      return undefined;
    }
    try {
      const analysis = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `pprof Lens: analyzing growth across ${paths.length} files…` },
        () => this.growth.analyze(paths, readSettings().maxProfileSizeMB * 1024 * 1024),
      );
      // What was left out (other kinds, files that are not profiles) and the report's warnings are
      // said in one line above the Leak Suspects, not in a toast per finding.
      void vscode.commands.executeCommand(`${Views.leakSuspects}.focus`);
      return analysis.report;
    } catch (e) {
      void showError(`pprof Lens: Analyze Growth: ${oneLine(e)}`, { cause: e });
      return undefined;
    }
  }

  /** Analyzes another kind's series of the files last analyzed (a folder with heap and goroutine snapshots). */
  private async selectGrowthSeries(): Promise<void> {
    const { series } = this.growth.kinds;
    const items = series.map((k, i) => ({
      label: k.kind,
      description: `${k.paths.length} profile${k.paths.length === 1 ? '' : 's'}${i === 0 ? ' · shown now' : ''}`,
      detail: k.paths.map((p) => path.basename(p)).join(', '),
      profileKind: k.kind,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('pprof Lens: no growth analysis of files yet. Run "Analyze Growth" on a folder of snapshots.');
      return;
    }
    const pick = await vscode.window.showQuickPick(items, { title: 'pprof Lens: which profiles to analyze for growth?' });
    if (!pick) return;
    try {
      await this.growth.analyzeKind(pick.profileKind, readSettings().maxProfileSizeMB * 1024 * 1024);
    } catch (e) {
      void showError(`pprof Lens: Analyze Growth: ${oneLine(e)}`, { cause: e });
    }
  }

  private toastWarnings(lines: readonly string[]): void {
    lines.slice(0, MAX_WARNING_TOASTS).forEach((l, i) => {
      const more = i === MAX_WARNING_TOASTS - 1 && lines.length > MAX_WARNING_TOASTS ? ` (${lines.length - MAX_WARNING_TOASTS} more in Leak Suspects)` : '';
      void showWarning(`pprof Lens: ${l}${more}`);
    });
  }

  private async goToFastestGrowingLine(): Promise<boolean> {
    const report = this.growth.report;
    if (!report) {
      void vscode.window.showInformationMessage('pprof Lens: no growth analysis yet. Run "Analyze Growth" on 2 or more heap snapshots, or "Start Snapshot Series…".');
      return false;
    }
    const top = suspects(report)[0];
    if (!top) {
      void vscode.window.showInformationMessage(`pprof Lens: no leak suspects across ${report.snapshots.length} snapshots: nothing grew steadily.`);
      return false;
    }
    vscode.window.setStatusBarMessage(`pprof Lens: fastest-growing line ${plainText(suspectLabel(report, top, ' '))} ${trendText(report, top)}`, 5000);
    return this.revealRow(top.file, top.line);
  }

  /** Opens a growth row's line (cursor on it); an unresolved file says how to map it. */
  private async revealRow(file: string, line: number): Promise<boolean> {
    const local = this.growth.localPathOf(file);
    if (!local) {
      void showWarning(`pprof Lens: ${file} is not in the workspace. Add a pprofLens.pathMappings entry (or open the profile and use Map Path…).`);
      return false;
    }
    await showLine(local, line);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Capture

  /** The folder captures go to: the setting under the first workspace folder (or absolute), else extension storage. */
  private captureDir(): string {
    return captureDirectory(this.fallbackCaptureDir);
  }

  /** Asks for the service's base URL (the last one offered first). */
  private async askUrl(title: string): Promise<string | undefined> {
    const url = await vscode.window.showInputBox({
      title,
      prompt: 'Base URL of a Go service that serves net/http/pprof (http or https), or a /debug/pprof/… URL',
      value: this.state.get<string>(StateKeys.lastCaptureUrl) ?? DEFAULT_CAPTURE_URL,
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          captureUrl(v.trim(), 'heap');
          return undefined;
        } catch (e) {
          return e instanceof CaptureError ? e.message : oneLine(e);
        }
      },
    });
    if (url === undefined) return undefined;
    await this.state.update(StateKeys.lastCaptureUrl, url.trim());
    return url.trim();
  }

  private async captureProfile(): Promise<string | undefined> {
    const base = await this.askUrl('pprof Lens: Capture Profile… (1/2)');
    if (!base) return undefined;
    const seconds = readSettings().capture.cpuSeconds;
    const kinds: { label: string; detail: string; profileKind: CaptureKind }[] = [
      { label: 'heap', detail: 'Memory in use and allocated (inuse_space, alloc_space…)', profileKind: 'heap' },
      { label: 'allocs', detail: 'All past allocations (alloc_space first)', profileKind: 'allocs' },
      { label: 'profile', detail: `CPU for ${seconds} s (setting pprofLens.capture.cpuSeconds)`, profileKind: 'profile' },
      { label: 'goroutine', detail: 'Stacks of all goroutines', profileKind: 'goroutine' },
      { label: 'mutex', detail: 'Holders of contended mutexes (needs runtime.SetMutexProfileFraction)', profileKind: 'mutex' },
      { label: 'block', detail: 'Where goroutines block (needs runtime.SetBlockProfileRate)', profileKind: 'block' },
    ];
    const pick = await vscode.window.showQuickPick(kinds, { title: 'pprof Lens: Capture Profile… (2/2): which profile?', ignoreFocusOut: true });
    if (!pick) return undefined;
    let url: string;
    try {
      url = captureUrl(base, pick.profileKind, pick.profileKind === 'profile' ? { seconds } : {});
    } catch (e) {
      void showError(`pprof Lens: ${oneLine(e)}`, { cause: e });
      return undefined;
    }
    const dir = this.captureDir();
    try {
      const { file } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `pprof Lens: capturing ${pick.label}${pick.profileKind === 'profile' ? ` (${seconds} s)` : ''} from ${url}…`, cancellable: true },
        (_progress, token) => this.growth.capture(url, pick.profileKind, dir, captureLimits(), token),
      );
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), PROFILE_EDITOR_VIEW_TYPE);
      return file;
    } catch (e) {
      // Cancel is the user's choice: no error toast for it.
      if (!/: capture canceled$/.test(oneLine(e))) void showError(`pprof Lens: capture failed: ${oneLine(e)}`, { cause: e });
      return undefined;
    }
  }

  private async startSnapshotSeries(): Promise<void> {
    if (this.growth.series) {
      void vscode.window.showInformationMessage('pprof Lens: a snapshot series is already running. Stop it first ("Stop Snapshot Series").');
      return;
    }
    const base = await this.askUrl('pprof Lens: Start Snapshot Series… (1/3)');
    if (!base) return;
    const s = readSettings().capture;
    const interval = await vscode.window.showInputBox({
      title: 'pprof Lens: Start Snapshot Series… (2/3)',
      prompt: 'Seconds between two heap snapshots',
      value: String(s.seriesIntervalSeconds),
      ignoreFocusOut: true,
      validateInput: (v) => (Number(v) >= 1 && Number(v) <= 86400 ? undefined : 'a number of seconds from 1 to 86400'),
    });
    if (interval === undefined) return;
    const count = await vscode.window.showInputBox({
      title: 'pprof Lens: Start Snapshot Series… (3/3)',
      prompt: 'Number of snapshots to take (the series stops after them, or with "Stop Snapshot Series")',
      value: String(s.seriesCount),
      ignoreFocusOut: true,
      validateInput: (v) => (Number.isInteger(Number(v)) && Number(v) >= 2 && Number(v) <= 1000 ? undefined : 'a whole number from 2 to 1000'),
    });
    if (count === undefined) return;
    let url: string;
    try {
      url = snapshotUrl(base);
    } catch (e) {
      void showError(`pprof Lens: ${oneLine(e)}`, { cause: e });
      return;
    }
    const dir = this.captureDir();
    const toasted = new Set<string>();
    const onUpdate = (u: SeriesUpdate) => {
      if (u.type === 'failure') {
        void showWarning(`pprof Lens: snapshot ${u.attempt}/${u.count} failed: ${u.message} (the series goes on)`);
      } else if (u.type === 'snapshot' && u.report) {
        const fresh = u.report.warnings.filter((w) => SERIES_TOAST_CODES.has(w.code) && !toasted.has(w.message));
        for (const w of fresh) toasted.add(w.message);
        this.toastWarnings(fresh.map((w) => w.message));
      } else if (u.type === 'snapshot' && u.reportError) {
        void showWarning(`pprof Lens: snapshot ${u.attempt}/${u.count} saved but not analyzed: ${u.reportError}`);
      }
    };
    // The view shows while the series runs: make it visible first, then focus it.
    await vscode.commands.executeCommand('setContext', ContextKeys.hasGrowth, true);
    void vscode.commands.executeCommand(`${Views.leakSuspects}.focus`);
    try {
      const summary = await this.growth.startSeries({ url, dir, intervalMs: Number(interval) * 1000, count: Number(count), limits: captureLimits(), onUpdate });
      const where = vscode.workspace.asRelativePath(dir);
      const failed = summary.failures.length ? `, ${summary.failures.length} failed` : '';
      const action = suspects(this.growth.report).length ? ['Go to Fastest-Growing Line'] : [];
      void vscode.window
        .showInformationMessage(`pprof Lens: snapshot series ${summary.reason === 'stopped' ? 'stopped' : 'done'}: ${summary.files.length} snapshots saved in ${where}${failed}.`, ...action)
        .then((a) => {
          if (a) void this.goToFastestGrowingLine();
        });
    } catch (e) {
      void showError(`pprof Lens: snapshot series: ${oneLine(e)}`, { cause: e });
    }
  }

  private async stopSnapshotSeries(): Promise<void> {
    if (!(await this.growth.stopSeries())) void vscode.window.showInformationMessage('pprof Lens: no snapshot series is running.');
  }
}
