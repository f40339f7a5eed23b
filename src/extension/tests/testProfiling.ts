// "Profile a Go test or benchmark": the commands (Profile Test…, Profile Benchmark…, the CodeLens
// quick pick, Compare with Previous Run, options), the run itself (progress with Cancel, output
// channel, one-line failures) and the store of kept runs the Profile Runs view lists.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveCaptureDir } from '../../capture/captureDir';
import { readSettings } from '../config';
import { Commands, ContextKeys, PROFILE_EDITOR_VIEW_TYPE, StateKeys, Views } from '../constants';
import { Disposable } from '../dispose';
import type { ProfileManager } from '../profileManager';
import { DEFAULT_GO_TEST_OPTIONS, PROFILE_KIND_INFO, PROFILE_KINDS, splitFlags, type GoTestOptions, type GoTestTarget, type ProfileKind } from './goTestCommand';
import { enclosingFunction, findGoTests, isGoTestFileName, type GoTestFunction, type GoTestKind } from './goTestFinder';
import { findGo, GoTestRunError, listRuns, newestFirst, previousRun, RESULTS_DIR_NAMES, runGoTestProfile, type ProfileRun } from './goTestRunner';
import { iterationsNote, runDescription, runGroupLabel } from './profileRunsModel';
import { showError, showWarning } from '../log';

/** How long to wait for an opened profile to become the active one. */
const OPEN_TIMEOUT_MS = 120_000;

/** What a quick pick item stands for. */
type KindItem = vscode.QuickPickItem & { profileKind?: ProfileKind; options?: true };

/** Registers the go test profiling commands and keeps the list of runs. */
export class TestProfiling extends Disposable {
  private readonly output = this._register(vscode.window.createOutputChannel('pprof Lens: go test'));
  private readonly _onDidChangeRuns = this._register(new vscode.EventEmitter<void>());
  /** Fires when runs were added or removed. */
  readonly onDidChangeRuns = this._onDidChangeRuns.event;
  private _runs: ProfileRun[] = [];
  /** Results folders seen this session besides the workspace folders' (a package outside them). */
  private readonly extraDirs = new Set<string>();
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly manager: ProfileManager,
    private readonly state: vscode.Memento,
  ) {
    super();
    const reg = (id: string, fn: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, fn));
    reg(Commands.profileTest, (uri?: vscode.Uri) => this.profileAtCursor('test', uri));
    reg(Commands.profileBenchmark, (uri?: vscode.Uri) => this.profileAtCursor('benchmark', uri));
    reg(Commands.profileFunction, (uri: vscode.Uri, kind: GoTestKind, name: string | undefined, profileKind?: ProfileKind) => this.profileFunction(uri, { kind, name }, profileKind));
    reg(Commands.goTestOptions, () => this.editOptions());
    // From the Profile Runs view's menus the argument is the tree node; from code, the run itself.
    reg(Commands.compareWithPreviousRun, (arg?: ProfileRun | { run: ProfileRun }) => this.compareWithPrevious(runOf(arg)));
    reg(Commands.openRun, (arg: ProfileRun | { run: ProfileRun }) => this.openRun(runOf(arg)!));
    reg(Commands.deleteRun, (arg: ProfileRun | { run: ProfileRun }) => this.deleteRun(runOf(arg)!));
    reg(Commands.refreshRuns, () => this.refresh());
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()));
    void this.refresh();
  }

  /** Every kept run, newest first. */
  get runs(): readonly ProfileRun[] {
    return this._runs;
  }

  /** The run before `run` of the same package, test and kind. */
  previousOf(run: ProfileRun): ProfileRun | undefined {
    return previousRun(this._runs, run);
  }

  /** Rereads the results folders. */
  async refresh(): Promise<void> {
    const dirs = new Set<string>([...(vscode.workspace.workspaceFolders ?? []).map((f) => this.resultsDirFor(f.uri.fsPath)), ...this.extraDirs]);
    const all = (await Promise.all([...dirs].map((d) => listRuns(d)))).flat();
    this._runs = all.sort(newestFirst);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasRuns, this._runs.length > 0);
    this._onDidChangeRuns.fire();
  }

  /**
   * The results folder for a package: the setting under the package's workspace folder (or
   * absolute). A workspace's own value stays inside it (the capture folder's rule); `warn` says
   * once per run when it was overruled.
   */
  private resultsDirFor(packageDir: string, warn = false): string {
    const s = readSettings().tests;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(packageDir)) ?? vscode.workspace.workspaceFolders?.[0];
    const choice = resolveCaptureDir({ value: s.resultsDirectory, fromUser: s.resultsDirectoryFromUser }, folder?.uri.fsPath, packageDir, RESULTS_DIR_NAMES);
    if (warn && choice.overruled) void showWarning(`pprof Lens: ${choice.overruled}`);
    return choice.dir;
  }

  private get options(): GoTestOptions {
    return { ...DEFAULT_GO_TEST_OPTIONS, ...this.state.get<Partial<GoTestOptions>>(StateKeys.goTestOptions, {}) };
  }

  // ---------------------------------------------------------------------------------------------
  // Choosing what to run

  /** Profile Test…/Profile Benchmark…: the function at the cursor, else a pick among the package's. */
  private async profileAtCursor(kind: GoTestKind, uri?: vscode.Uri): Promise<ProfileRun | undefined> {
    const editor = vscode.window.activeTextEditor;
    const doc = uri instanceof vscode.Uri ? undefined : editor?.document;
    let dir = uri instanceof vscode.Uri ? ((await fs.stat(uri.fsPath).catch(() => undefined))?.isDirectory() ? uri.fsPath : path.dirname(uri.fsPath)) : undefined;
    if (doc && doc.uri.scheme === 'file' && doc.languageId === 'go') {
      dir = path.dirname(doc.uri.fsPath);
      const found = findGoTests(doc.uri.fsPath, doc.getText()).functions;
      const at = enclosingFunction(doc.getText(), editor!.selection.active.line);
      const fn = found.find((f) => f.line === at && f.kind === kind);
      if (fn) return this.profileFunction(doc.uri, { kind, name: fn.name });
    }
    dir ??= await this.pickPackage(kind);
    if (!dir) return undefined;
    const fns = await packageFunctions(dir, kind);
    const noun = kind === 'test' ? 'test' : 'benchmark';
    if (fns.length === 0) {
      void vscode.window.showInformationMessage(`pprof Lens: ${vscode.workspace.asRelativePath(dir)} has no ${noun}s (func ${kind === 'test' ? 'TestX(t *testing.T)' : 'BenchmarkX(b *testing.B)'} in a _test.go file).`);
      return undefined;
    }
    const items: (vscode.QuickPickItem & { name?: string })[] = [
      { label: `$(package) All ${noun}s of ${path.basename(dir)}`, description: kind === 'test' ? 'go test' : "go test -bench .", name: undefined },
      ...fns.map((f) => ({ label: f.name, description: `${path.basename(f.file)}:${f.line + 1}`, name: f.name })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `pprof Lens: Profile ${kind === 'test' ? 'Test' : 'Benchmark'}… in ${vscode.workspace.asRelativePath(dir)}`, matchOnDescription: true });
    if (!pick) return undefined;
    return this.profileFunction(vscode.Uri.file(path.join(dir, 'x_test.go')), { kind, name: pick.name });
  }

  /** A quick pick of the workspace's packages that have test files. */
  private async pickPackage(kind: GoTestKind): Promise<string | undefined> {
    const files = await vscode.workspace.findFiles('**/*_test.go', '**/{vendor,node_modules,testdata,.git}/**', 2000);
    const dirs = [...new Set(files.map((f) => path.dirname(f.fsPath)))].sort();
    if (dirs.length === 0) {
      void vscode.window.showInformationMessage(`pprof Lens: no Go ${kind === 'test' ? 'tests' : 'benchmarks'} in the workspace (no _test.go file found).`);
      return undefined;
    }
    if (dirs.length === 1) return dirs[0];
    const pick = await vscode.window.showQuickPick(
      dirs.map((d) => ({ label: vscode.workspace.asRelativePath(d), dir: d })),
      { title: `pprof Lens: which package's ${kind === 'test' ? 'tests' : 'benchmarks'}?` },
    );
    return pick?.dir;
  }

  /** Asks which profile (CPU, memory, block, mutex) or to change the options, then runs. */
  private async pickKind(target: GoTestTarget, packageDir: string): Promise<ProfileKind | undefined> {
    const last = this.state.get<ProfileKind>(StateKeys.goTestLastKind, 'cpu');
    for (;;) {
      const o = this.options;
      const items: KindItem[] = [
        ...PROFILE_KINDS.map((k) => ({ label: PROFILE_KIND_INFO[k].label, detail: PROFILE_KIND_INFO[k].detail, description: k === last ? 'last used' : undefined, profileKind: k })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        { label: '$(settings-gear) Options…', detail: optionsSummary(o, target.kind), options: true },
      ];
      const qp = vscode.window.createQuickPick<KindItem>();
      qp.title = `pprof Lens: profile ${target.name ?? `all ${target.kind}s`} in ${path.basename(packageDir)}`;
      qp.placeholder = 'Which profile? (go test writes it; options are remembered for this workspace)';
      qp.items = items;
      qp.activeItems = items.filter((i) => i.profileKind === last);
      const pick = await new Promise<KindItem | undefined>((resolve) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]));
        qp.onDidHide(() => resolve(undefined));
        qp.show();
      });
      qp.dispose();
      if (!pick) return undefined;
      if (pick.profileKind) {
        await this.state.update(StateKeys.goTestLastKind, pick.profileKind);
        return pick.profileKind;
      }
      await this.editOptions();
    }
  }

  /** Profile Options…: each option in a pick, edited in an input box, remembered in workspaceState. */
  private async editOptions(): Promise<GoTestOptions> {
    for (;;) {
      const o = this.options;
      type Item = vscode.QuickPickItem & { key: keyof GoTestOptions | 'reset' };
      const items: Item[] = [
        { label: '-benchtime', description: o.benchtime || 'go test default (1s)', detail: 'How long each benchmark runs: a duration (2s) or a count (1000x). Benchmarks only.', key: 'benchtime' },
        { label: '-count', description: String(o.count), detail: 'Runs of each test/benchmark; > 1 shows the benchstat-style spread in Profile Runs.', key: 'count' },
        { label: '-memprofilerate', description: o.memprofilerate ? String(o.memprofilerate) : 'runtime default (512 KiB)', detail: 'Bytes per sampled allocation in memory profiles; 1 records every allocation.', key: 'memprofilerate' },
        { label: '-tags', description: o.tags.join(',') || 'none', detail: 'Build tags, comma-separated.', key: 'tags' },
        { label: 'Extra flags', description: o.extraFlags || 'none', detail: 'More go test flags, as you would type them in a shell (e.g. -cpu 1 -timeout 5m).', key: 'extraFlags' },
        { label: 'Environment', description: o.env.join(' ') || 'none', detail: 'KEY=value pairs separated by spaces (e.g. GOGC=off).', key: 'env' },
        { label: '$(discard) Reset to defaults', key: 'reset' },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'pprof Lens: go test profiling options (Escape when done)' });
      if (!pick) return o;
      if (pick.key === 'reset') {
        await this.state.update(StateKeys.goTestOptions, undefined);
        continue;
      }
      const next = await editOption(o, pick.key);
      if (next) await this.state.update(StateKeys.goTestOptions, next);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /** Profiles one test or benchmark (or all of a package) of the package `uri` is in. */
  private async profileFunction(uri: vscode.Uri, target: GoTestTarget, kindArg?: ProfileKind): Promise<ProfileRun | undefined> {
    if (!vscode.workspace.isTrusted) {
      void showWarning('pprof Lens: profiling a test runs the workspace\'s code; trust the workspace first (Manage Workspace Trust).');
      return undefined;
    }
    if (this.running) {
      void vscode.window.showInformationMessage('pprof Lens: a go test run is already in progress; wait for it or cancel it.');
      return undefined;
    }
    const packageDir = path.dirname(uri.fsPath);
    const kind = kindArg && PROFILE_KINDS.includes(kindArg) ? kindArg : await this.pickKind(target, packageDir);
    if (!kind) return undefined;
    // Unsaved test or code files would be profiled as they are on disk.
    await vscode.workspace.saveAll(false);
    const p = this.run(packageDir, target, kind);
    this.running = p;
    try {
      return await p;
    } finally {
      this.running = undefined;
    }
  }

  private async run(packageDir: string, target: GoTestTarget, kind: ProfileKind): Promise<ProfileRun | undefined> {
    const s = readSettings().tests;
    const go = await findGo(s.goToolRoot || undefined);
    if (!go) {
      const where = s.goToolRoot ? `${s.goToolRoot}/bin (setting go.goroot)` : 'PATH';
      void showError(`pprof Lens: Go is not installed: no go found on ${where}. Install Go or set go.goroot.`);
      return undefined;
    }
    const what = `${runGroupLabel({ target, kind })} in ${path.basename(packageDir)}`;
    this.output.appendLine('');
    const resultsDir = this.resultsDirFor(packageDir, true);
    let run: ProfileRun;
    try {
      run = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `pprof Lens: profiling ${what}…`, cancellable: true },
        (progress, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          return runGoTestProfile({
            go,
            packageDir,
            target,
            kind,
            options: this.options,
            resultsDir,
            signal: ac.signal,
            onOutput: (t) => {
              this.output.append(t);
              const bench = /^(Benchmark\S+)/m.exec(t);
              if (bench) progress.report({ message: bench[1] });
            },
          });
        },
      );
    } catch (e) {
      if (!(e instanceof GoTestRunError)) throw e;
      this.output.appendLine(`pprof Lens: ${e.message}`);
      if (e.kind === 'cancelled') {
        vscode.window.setStatusBarMessage(`pprof Lens: ${e.message}`, 5000);
        return undefined;
      }
      const actions = e.location ? [`Go to ${path.basename(e.location.file)}:${e.location.line}`, 'Show Output'] : ['Show Output'];
      void vscode.window.showErrorMessage(`pprof Lens: ${e.message}`, ...actions).then((a) => {
        if (a === 'Show Output') this.output.show(true);
        else if (a && e.location) void openAt(e.location.file, e.location.line, e.location.column);
      });
      return undefined;
    }
    this.output.appendLine(`pprof Lens: kept ${path.basename(run.profile)} in ${resultsDir}`);
    if (resultsDir && !(vscode.workspace.workspaceFolders ?? []).some((f) => this.resultsDirFor(f.uri.fsPath) === resultsDir)) this.extraDirs.add(resultsDir);
    await this.refresh();
    await this.openRun(run);
    const prev = this.previousOf(run);
    const numbers = runDescription(run, prev);
    const actions = prev ? ['Go to Hottest Line', 'Compare with Previous Run'] : ['Go to Hottest Line'];
    void vscode.window.showInformationMessage(`pprof Lens: ${runGroupLabel(run)}: ${numbers}`, ...actions).then((a) => {
      if (a === 'Compare with Previous Run') void this.compareWithPrevious(run);
      else if (a) void vscode.commands.executeCommand(Commands.goToHottestLine);
    });
    return run;
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  /** Opens a run's profile in the profile editor, on the sample type of its kind (alloc_space for memory). */
  private async openRun(run: ProfileRun): Promise<boolean> {
    if (!run?.profile) return false;
    const uri = vscode.Uri.file(run.profile);
    const isActive = () => this.manager.active?.uri.fsPath === uri.fsPath;
    if (!isActive()) {
      await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_EDITOR_VIEW_TYPE);
      if (!(await waitUntil(this.manager.onDidChange, isActive, OPEN_TIMEOUT_MS))) {
        void showError(`pprof Lens: ${path.basename(run.profile)} did not open (see the profile's tab).`);
        return false;
      }
    }
    const s = this.manager.active!;
    const i = run.sampleType ? s.summary.sampleTypes.findIndex((t) => t.type === run.sampleType) : -1;
    if (i >= 0 && s.sampleIndex !== i) s.setSampleIndex(i);
    return true;
  }

  /** The run whose profile is active, else the newest run. */
  private currentRun(): ProfileRun | undefined {
    const active = this.manager.active?.uri.fsPath;
    return this._runs.find((r) => r.profile === active) ?? this._runs[0];
  }

  /** Opens `run` (default: the active run or the newest) with the previous run of its test and kind as -diff_base. */
  private async compareWithPrevious(arg?: ProfileRun): Promise<boolean> {
    await this.refresh();
    const run = (arg?.id ? this._runs.find((r) => r.id === arg.id) : undefined) ?? this.currentRun();
    if (!run) {
      void vscode.window.showInformationMessage('pprof Lens: no profiled runs yet. Use "profile ▾" above a Go test or benchmark, or Profile Benchmark….');
      return false;
    }
    const prev = this.previousOf(run);
    if (!prev) {
      void vscode.window.showInformationMessage(`pprof Lens: ${runGroupLabel(run)} has one run so far; profile it again after your change to compare.`);
      return false;
    }
    if (!(await this.openRun(run))) return false;
    const ok = (await vscode.commands.executeCommand<boolean>(Commands.compareWithBase, vscode.Uri.file(prev.profile), 'diff_base')) === true;
    const uneven = iterationsNote(run, prev);
    if (ok && uneven) void vscode.window.showInformationMessage(`pprof Lens: ${uneven}`);
    return ok;
  }

  private async deleteRun(run: ProfileRun): Promise<void> {
    if (!run?.id) return;
    const dir = path.dirname(run.profile);
    // The record goes first: a run without its record is no longer listed, whatever happens next.
    await fs.rm(path.join(dir, `${run.id}.json`), { force: true });
    await Promise.all([run.profile, run.binary].map((p) => fs.rm(p, { force: true })));
    await this.refresh();
  }

  /** Focuses the Profile Runs view (after the first run it becomes visible). */
  revealView(): Thenable<unknown> {
    return vscode.commands.executeCommand(`${Views.profileRuns}.focus`);
  }
}

/** The run a command argument stands for: a run, or a Profile Runs node holding one. */
function runOf(arg: ProfileRun | { run: ProfileRun } | undefined): ProfileRun | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  return 'run' in arg && arg.run ? arg.run : (arg as ProfileRun);
}

/** A one-line summary of the options that apply to `kind`. */
function optionsSummary(o: GoTestOptions, kind: GoTestKind): string {
  const parts = [`-count ${o.count}`];
  if (kind === 'benchmark') parts.push(`-benchtime ${o.benchtime || 'default'}`);
  if (o.memprofilerate) parts.push(`-memprofilerate ${o.memprofilerate}`);
  if (o.tags.length) parts.push(`-tags ${o.tags.join(',')}`);
  if (o.extraFlags) parts.push(o.extraFlags);
  if (o.env.length) parts.push(o.env.join(' '));
  return parts.join('  ');
}

/** Asks for one option's new value (validated as typed); undefined when dismissed. */
async function editOption(o: GoTestOptions, key: keyof GoTestOptions): Promise<GoTestOptions | undefined> {
  const ask = (prompt: string, value: string, validate: (v: string) => string | undefined) =>
    vscode.window.showInputBox({ title: `pprof Lens: ${key}`, prompt, value, ignoreFocusOut: true, validateInput: (v) => validate(v.trim()) });
  const flagsOk = (v: string) => {
    try {
      splitFlags(v);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  switch (key) {
    case 'benchtime': {
      const v = await ask('Duration (2s, 500ms) or iterations (1000x); empty for the default', o.benchtime, (v) => (v === '' || /^(\d+x|\d+(\.\d+)?(ns|us|µs|ms|s|m|h))$/.test(v) ? undefined : 'a duration like 2s or a count like 1000x'));
      return v === undefined ? undefined : { ...o, benchtime: v.trim() };
    }
    case 'count': {
      const v = await ask('Runs of each test/benchmark (1 or more)', String(o.count), (v) => (/^[1-9]\d{0,3}$/.test(v) ? undefined : 'a whole number from 1 to 9999'));
      return v === undefined ? undefined : { ...o, count: Number(v.trim()) };
    }
    case 'memprofilerate': {
      const v = await ask('Bytes per sampled allocation (1 = every allocation); 0 for the runtime default', String(o.memprofilerate), (v) => (/^\d{1,10}$/.test(v) ? undefined : 'a whole number of bytes, 0 for the default'));
      return v === undefined ? undefined : { ...o, memprofilerate: Number(v.trim()) };
    }
    case 'tags': {
      const v = await ask('Build tags, comma-separated', o.tags.join(','), (v) => (/^[\w.,\s-]*$/.test(v) ? undefined : 'tags are letters, digits, _ . - separated by commas'));
      return v === undefined ? undefined : { ...o, tags: v.split(/[,\s]+/).filter((t) => t !== '') };
    }
    case 'extraFlags': {
      const v = await ask('Extra go test flags', o.extraFlags, flagsOk);
      return v === undefined ? undefined : { ...o, extraFlags: v.trim() };
    }
    case 'env': {
      const v = await ask('Environment, KEY=value separated by spaces (quotes as in a shell)', o.env.map((e) => (/\s/.test(e) ? `'${e}'` : e)).join(' '), (v) => {
        const bad = flagsOk(v);
        if (bad) return bad;
        const wrong = splitFlags(v).find((e) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(e));
        return wrong ? `"${wrong}" is not KEY=value` : undefined;
      });
      return v === undefined ? undefined : { ...o, env: splitFlags(v.trim()) };
    }
  }
}

/** The tests or benchmarks of every `_test.go` file of a package directory, by file then line. */
async function packageFunctions(dir: string, kind: GoTestKind): Promise<(GoTestFunction & { file: string })[]> {
  const out: (GoTestFunction & { file: string })[] = [];
  for (const name of (await fs.readdir(dir).catch(() => [] as string[])).sort()) {
    if (!isGoTestFileName(name)) continue;
    const file = path.join(dir, name);
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    for (const f of findGoTests(file, text).functions) if (f.kind === kind) out.push({ ...f, file });
  }
  return out;
}

/** Opens a file at a 1-based line (and column), selecting the position. */
async function openAt(file: string, line: number, column?: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  const pos = new vscode.Position(Math.max(line - 1, 0), Math.max((column ?? 1) - 1, 0));
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Resolves true once `probe` holds (checked now and on every event), false after `ms`. */
function waitUntil(event: vscode.Event<void>, probe: () => boolean, ms: number): Promise<boolean> {
  if (probe()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(false);
    }, ms);
    const sub = event(() => {
      if (!probe()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(true);
    });
  });
}
