// The commands of the extension (category "pprof Lens"); each registered once and owned.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HotLine, SampleTypeInfo } from '../shared/protocol';
import { CancelledError } from '../worker/workerClient';
import type { Annotations } from './annotations';
import { rawPathMappings, writeSetting, type PathMapping } from './config';
import { Commands, HOT_LINES_SHARED, PROFILE_EDITOR_VIEW_TYPE, Views } from './constants';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';
import type { ProfileSession } from './profileSession';
import { offerMapPath, showLine } from './showLine';
import { portableMapping, type SourceResolver } from './sourceResolver';
import { showWarning } from './log';
import { hotLineSummary } from './statusBar';

/** A session's hot lines, or undefined when a query change superseded the request (the command then stops). */
async function hotLinesOf(s: ProfileSession, limit: number): Promise<HotLine[] | undefined> {
  try {
    return await s.hotLines(limit);
  } catch (e) {
    if (e instanceof CancelledError) return undefined;
    throw e;
  }
}

/** Registers and implements every command. */
export class CommandController extends Disposable {
  private walk: { session: ProfileSession; sampleIndex: number; lines: HotLine[]; pos: number } | undefined;

  constructor(
    private readonly manager: ProfileManager,
    private readonly annotations: Annotations,
    private readonly resolver: SourceResolver,
    private readonly reapplySettings: () => Promise<void>,
  ) {
    super();
    const reg = (id: string, fn: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, fn));
    reg(Commands.openProfile, () => this.openProfile());
    reg(Commands.goToHottestLine, () => this.goToHottestLine());
    reg(Commands.nextHotLine, () => this.stepHotLine(1));
    reg(Commands.previousHotLine, () => this.stepHotLine(-1));
    reg(Commands.selectSampleType, () => this.selectSampleType());
    reg(Commands.toggleAnnotations, () => this.annotations.setVisible(!this.annotations.isVisible));
    reg(Commands.clearProfile, () => this.manager.clear());
    reg(Commands.showHotLines, () => vscode.commands.executeCommand(`${Views.hotLines}.focus`));
    reg(Commands.mapPath, (profileFile?: string) => this.mapPath(profileFile));
    reg(Commands.saveInferredMappings, () => this.saveInferredMappings());
    reg(Commands.revealLine, (profileFile: string, line: number) => this.revealProfileLine(profileFile, line));
    // The ranking toggle: a setting, so it survives a reload; the settings listener re-ranks everything.
    reg(Commands.rankByLeaf, () => writeSetting('ranking', 'leaf'));
    reg(Commands.rankByYourCode, () => writeSetting('ranking', 'yourCode'));
    this._register(manager.onDidChange(() => (this.walk = undefined)));
  }

  private requireProfile(): ProfileSession | undefined {
    const s = this.manager.active;
    if (!s) {
      void vscode.window.showInformationMessage('pprof Lens: no profile is open. Open one with "pprof Lens: Open Profile…".', 'Open Profile…').then((a) => {
        if (a) void vscode.commands.executeCommand(Commands.openProfile);
      });
    }
    return s;
  }

  private async openProfile(): Promise<void> {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open Profile',
      title: 'Open a pprof profile (any file name: heap, profile, cpu.out, *.pb.gz…)',
    });
    if (uris?.[0]) await vscode.commands.executeCommand('vscode.openWith', uris[0], PROFILE_EDITOR_VIEW_TYPE);
  }

  /** Opens a profile line in the editor (cursor on it); unresolved files offer Map Path…. */
  private async revealProfileLine(profileFile: string, line: number): Promise<boolean> {
    const s = this.manager.active;
    const local = await s?.resolvedPathOf(profileFile);
    if (!local) {
      offerMapPath(profileFile);
      return false;
    }
    await showLine(local, line);
    return true;
  }

  private async goToHottestLine(): Promise<void> {
    const s = this.requireProfile();
    if (!s) return;
    const all = await hotLinesOf(s, HOT_LINES_SHARED);
    if (!all) return;
    const lines = all.filter((h) => h.flat !== 0);
    if (!lines.length) {
      void vscode.window.showInformationMessage(`pprof Lens: ${s.name} has no samples with source lines for ${s.sampleType.type}.`);
      return;
    }
    const top = lines[0];
    if (!s.localPathOf(top.file)) {
      const resolved = lines.find((h) => s.localPathOf(h.file));
      const actions = resolved ? ['Map Path…', 'Go to Hottest Resolved Line'] : ['Map Path…'];
      // The command settles now; the user answers the notification whenever they like (a command
      // awaiting a notification would hold up whoever ran it, e.g. a keybinding chain or a test).
      void showWarning(`pprof Lens: the hottest line is ${top.file}:${top.line} (${top.functionName}, ${top.flatText}), which is not in the workspace.`, { items: actions }).then(async (a) => {
        if (a === 'Map Path…') await this.mapPath(top.file);
        else if (a && resolved) await this.revealProfileLine(resolved.file, resolved.line);
      });
      return;
    }
    this.walk = { session: s, sampleIndex: s.sampleIndex, lines: lines.filter((h) => s.localPathOf(h.file)), pos: 0 };
    vscode.window.setStatusBarMessage(`pprof Lens: ${s.yourCode ? 'your hottest line' : 'hottest line'}: ${hotLineSummary(top)}`, 5000);
    await this.revealProfileLine(top.file, top.line);
  }

  private async stepHotLine(dir: 1 | -1): Promise<void> {
    const s = this.requireProfile();
    if (!s) return;
    if (!this.walk || this.walk.session !== s || this.walk.sampleIndex !== s.sampleIndex) {
      const all = await hotLinesOf(s, HOT_LINES_SHARED);
      if (!all) return;
      const lines = all.filter((h) => h.flat !== 0 && s.localPathOf(h.file));
      this.walk = { session: s, sampleIndex: s.sampleIndex, lines, pos: -1 };
    }
    const w = this.walk;
    if (!w.lines.length) {
      void vscode.window.showInformationMessage('pprof Lens: no hot lines in workspace files. Use Map Path… on the profile\'s files.');
      return;
    }
    w.pos = Math.min(Math.max(w.pos + dir, 0), w.lines.length - 1);
    const h = w.lines[w.pos];
    vscode.window.setStatusBarMessage(`pprof Lens: hot line ${w.pos + 1} of ${w.lines.length}: ${hotLineSummary(h)}`, 5000);
    await this.revealProfileLine(h.file, h.line);
  }

  private async selectSampleType(): Promise<void> {
    const s = this.requireProfile();
    if (!s) return;
    const items = sampleTypeItems(s.summary.sampleTypes, s.sampleIndex);
    // The current type is marked and active (Enter keeps it), as VS Code's own pickers do.
    const qp = vscode.window.createQuickPick<SampleTypeItem>();
    qp.title = `pprof Lens: sample type of ${s.name}`;
    qp.placeholder = `${s.sampleType.type} now; pick another sample type`;
    qp.items = items;
    qp.activeItems = [items[s.sampleIndex]];
    const pick = await new Promise<SampleTypeItem | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    if (pick && pick.index !== s.sampleIndex) s.setSampleIndex(pick.index);
  }

  /**
   * Map Path…: pick a workspace file for a profile path; writes a portable mapping to settings and
   * re-applies at once. Says "mapped" only when the profile path then resolves to the chosen file;
   * otherwise the mapping is taken back and the reason shown.
   */
  private async mapPath(profileFile?: string): Promise<void> {
    const s = this.requireProfile();
    if (!s) return;
    await s.filesResolved;
    if (!profileFile) {
      const unresolved = s.unresolvedFiles();
      if (!unresolved.length) {
        void vscode.window.showInformationMessage(`pprof Lens: every source file of ${s.name} is already found in the workspace.`);
        return;
      }
      const pick = await vscode.window.showQuickPick(unresolved.map((u) => ({ label: baseName(u.profileFile), description: u.profileFile, file: u.profileFile })), {
        title: 'pprof Lens: Map Path… — which profile path?',
      });
      if (!pick) return;
      profileFile = pick.file;
    }
    // The files the resolver hesitated between come first, then every workspace file of that name.
    const tied = (s.resolutionOf(profileFile)?.candidates ?? []).map((p) => vscode.Uri.file(p));
    const found = await vscode.workspace.findFiles(`**/${baseName(profileFile)}`, '**/node_modules/**', 50);
    const candidates = [...tied, ...found.filter((u) => !tied.some((t) => t.fsPath === u.fsPath))];
    const browse = { label: '$(folder-opened) Browse…', description: 'pick the file anywhere', uri: undefined as vscode.Uri | undefined };
    const items = [
      ...candidates.map((u, i) => ({ label: vscode.workspace.asRelativePath(u), description: i < tied.length ? 'matches the profile equally well' : '', uri: u as vscode.Uri | undefined })),
      browse,
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `pprof Lens: Map Path… — the local file for ${profileFile}` });
    if (!pick) return;
    let local = pick.uri;
    if (!local) {
      const uris = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Map to This File', title: `Local file for ${profileFile}` });
      local = uris?.[0];
    }
    if (!local) return;
    const mapping = portableMapping(this.resolver.suggestMapping(profileFile, local.fsPath), workspaceFolders());
    const before = rawPathMappings();
    await this.writeMappings([mapping]);
    const resolved = s.localPathOf(profileFile);
    if (!resolved || path.normalize(resolved) !== path.normalize(local.fsPath)) {
      await writeSetting('pathMappings', before.length ? before : undefined);
      await this.reapplySettings();
      const why = s.resolutionOf(profileFile)?.reason ?? `it resolves to ${resolved}`;
      void showWarning(`pprof Lens: ${profileFile} cannot be mapped to ${local.fsPath}: ${why}. Add its folder to pprofLens.sourceRoots to allow it.`);
      return;
    }
    void vscode.window.showInformationMessage(`pprof Lens: mapped ${mapping.from} → ${mapping.to}.`);
  }

  /** Save Inferred Path Mappings: the build roots learned from the active profile become pathMappings entries. */
  private async saveInferredMappings(): Promise<void> {
    const s = this.requireProfile();
    if (!s) return;
    await s.filesResolved;
    const inferred = s.inferredMappings;
    if (!inferred.length) {
      void vscode.window.showInformationMessage(`pprof Lens: nothing was inferred for ${s.name}: its files resolve without learning a build root (or pprofLens.inferPathMappings is off).`);
      return;
    }
    const mappings = inferred.map((m) => portableMapping({ from: m.from, to: m.to }, workspaceFolders()));
    await this.writeMappings(mappings);
    void vscode.window.showInformationMessage(`pprof Lens: saved ${mappings.map((m) => `${m.from} → ${m.to}`).join(', ')} to pprofLens.pathMappings.`);
  }

  // Adds mappings (replacing entries with the same `from`) and applies them now rather than on the
  // configuration event, so the annotations appear at once.
  private async writeMappings(add: PathMapping[]): Promise<void> {
    const kept = rawPathMappings().filter((m) => !add.some((a) => (m as Partial<PathMapping> | null)?.from === a.from));
    await writeSetting('pathMappings', [...kept, ...add]);
    await this.reapplySettings();
  }
}

/** The workspace folders as portableMapping wants them. */
/** A row of Select Sample Type…: one sample type of the profile. */
export interface SampleTypeItem extends vscode.QuickPickItem {
  index: number;
}

/**
 * The rows of Select Sample Type…, one per sample type in the profile's order; the current one
 * is checked and says so (`$(check) inuse_space`, "51.99MB total · bytes · current"), the others
 * keep its indent.
 */
export function sampleTypeItems(types: readonly SampleTypeInfo[], current: number): SampleTypeItem[] {
  return types.map((t, i) => ({
    label: `${i === current ? '$(check)' : '$(blank)'} ${t.type}`,
    description: `${t.totalText} total · ${t.unit}${i === current ? ' · current' : ''}`,
    index: i,
  }));
}

function workspaceFolders(): { name: string; path: string }[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.fsPath }));
}

/** The last component of a profile path from any OS ("C:\\x\\main.go" → "main.go"). */
function baseName(profileFile: string): string {
  return profileFile.split(/[\\/]/).filter((c) => c !== '').pop() ?? profileFile;
}

