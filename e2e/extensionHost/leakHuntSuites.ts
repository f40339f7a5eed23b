// Extension-host tests of the leak hunt: Compare with Base Profile… gives `-list -diff_base`'s
// numbers on the leaking line, Analyze Growth ranks it first across the leaky snapshots and Go to
// Fastest-Growing Line lands on it, and parca's 10 real snapshots are analyzed without a crash.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PprofLensApi } from '../../src/extension/api';

const EXTENSION_ID = 'pprof-lens.pprof-lens';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need a workspace folder');
  return f.uri;
}

async function api(): Promise<PprofLensApi> {
  const ext = vscode.extensions.getExtension<PprofLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openProfile(name: string): Promise<PprofLensApi> {
  const a = await api();
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(folder(), name), 'pprofLens.profile');
  await waitFor(() => a.activeProfile()?.name === path.basename(name), `${name} to become the active profile`);
  return a;
}

describe('leak hunting', () => {
  // Earlier suites may leave heap.3.pprof open but cleared ("Clear Profile"): start from no editors.
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the leak hunt commands with their titles, category "pprof Lens"', async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const titles = Object.fromEntries((ext.packageJSON.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
    assert.deepEqual(
      ['compareWithBase', 'clearComparison', 'analyzeGrowth', 'goToFastestGrowingLine', 'captureProfile', 'startSnapshotSeries', 'stopSnapshotSeries'].map((c) => titles[`pprofLens.${c}`]),
      ['Compare with Base Profile…', 'Clear Comparison', 'Analyze Growth', 'Go to Fastest-Growing Line', 'Capture Profile…', 'Start Snapshot Series…', 'Stop Snapshot Series'],
    );
    const views = ext.packageJSON.contributes.views.explorer as { id: string; name: string }[];
    assert.ok(views.some((v) => v.id === 'pprofLens.leakSuspects' && v.name === 'Leak Suspects'));
  });

  it('Compare with Base Profile… shows -list -diff_base numbers on main.go:25; Clear Comparison restores them', async () => {
    const a = await openProfile('heap.3.pprof');
    const main = path.join(folder().fsPath, 'main.go');
    const ok = await vscode.commands.executeCommand<boolean>('pprofLens.compareWithBase', vscode.Uri.joinPath(folder(), 'heap.0.pprof'), 'diff_base');
    assert.equal(ok, true);
    assert.deepEqual(a.comparison(), { base: path.join(folder().fsPath, 'heap.0.pprof'), mode: 'diff_base' });
    // heap.3-diff_base-heap.0.list_TrackRequest.txt: "48.47MB    48.47MB     25:"
    const line25 = (await a.lineStats(main)).find((s) => s.line === 25);
    assert.ok(line25, 'no stats on main.go:25');
    assert.equal(`${line25.flatText} ${line25.cumText}`, '48.47MB 48.47MB');
    await vscode.commands.executeCommand('pprofLens.clearComparison');
    assert.equal(a.comparison(), undefined);
    const plain = (await a.lineStats(main)).find((s) => s.line === 25);
    assert.equal(plain?.flatText, '49.48MB');
  });

  it('Analyze Growth on heap.0..3 ranks main.go:25 first; Go to Fastest-Growing Line lands on it', async () => {
    const a = await api();
    const uris = [2, 0, 3, 1].map((i) => vscode.Uri.joinPath(folder(), `heap.${i}.pprof`));
    await vscode.commands.executeCommand('pprofLens.analyzeGrowth', uris[0], uris);
    const g = a.growth();
    assert.ok(g, 'no growth report');
    assert.equal(g.snapshots, 4);
    assert.ok(g.suspects.length > 0, `no suspects: ${JSON.stringify(g)}`);
    assert.ok(g.suspects[0].file.endsWith('main.go') && g.suspects[0].line === 25, JSON.stringify(g.suspects[0]));
    assert.match(g.suspects[0].trend, /↑3\/3$/);
    await vscode.commands.executeCommand('pprofLens.goToFastestGrowingLine');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('main.go') && vscode.window.activeTextEditor.selection.active.line === 24, 'main.go:25 selected');
  });

  it('Analyze Growth on the folder of parca\'s 10 real snapshots: no crash, suspects or warnings', async () => {
    const a = await api();
    await vscode.commands.executeCommand('pprofLens.analyzeGrowth', vscode.Uri.joinPath(folder(), 'many'));
    const g = a.growth();
    assert.ok(g, 'no growth report');
    assert.ok(g.snapshots >= 2 && g.snapshots <= 10, `snapshots: ${g.snapshots}`);
    assert.ok(g.suspects.length > 0 || g.warnings.length > 0, JSON.stringify(g));
  });
});

describe('your line, not the library\'s (the blog post\'s request-tracker, built with -trimpath)', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const trackerMain = () => path.join(folder().fsPath, 'tracker', 'main.go');
  /** The 0-based line of Track's append (the leak). */
  const appendLine = async () => (await vscode.workspace.openTextDocument(trackerMain())).getText().split('\n').findIndex((l) => l.includes('rt.requests = append('));
  const hoverText = async (line: number) => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', vscode.Uri.file(trackerMain()), new vscode.Position(line, 4));
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  };

  it('Go to Hottest Line lands on Track\'s append line, whose hover says "via bytes.Repeat"', async () => {
    await openProfile('tracker/heap.3.pb.gz');
    const line = await appendLine();
    assert.ok(line > 0);
    await vscode.commands.executeCommand('pprofLens.goToHottestLine');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === trackerMain() && vscode.window.activeTextEditor.selection.active.line === line, `tracker/main.go:${line + 1} selected`);
    const text = await waitFor(async () => {
      const t = await hoverText(line);
      return t.includes('Your line') ? t : undefined;
    }, 'the hover\'s Your line section');
    // Markdown-escaped plain text: "via bytes.Repeat (bytes/bytes.go:610, inlined) 95%".
    assert.match(text.replace(/\\/g, ''), /via bytes\.Repeat \(bytes\/bytes\.go:\d+, inlined\) \d+%/, text);
  });

  it('Analyze Growth ranks Track\'s append first with "via bytes.Repeat"; Go to Fastest-Growing Line lands on it', async () => {
    const a = await api();
    const uris = [0, 1, 2, 3].map((i) => vscode.Uri.joinPath(folder(), 'tracker', `heap.${i}.pb.gz`));
    await vscode.commands.executeCommand('pprofLens.analyzeGrowth', uris[0], uris);
    const line = await appendLine();
    const g = await waitFor(() => {
      const r = a.growth();
      return r && r.suspects[0]?.file.endsWith('main.go') ? r : undefined;
    }, 'a growth report with a suspect in main.go');
    assert.deepEqual([g.suspects[0].functionName, g.suspects[0].file, g.suspects[0].line], ['main.(*RequestTracker).Track', 'example.com/request-tracker/main.go', line + 1]);
    await vscode.commands.executeCommand('pprofLens.goToFastestGrowingLine');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === trackerMain() && vscode.window.activeTextEditor.selection.active.line === line, `tracker/main.go:${line + 1} selected`);
  });
});
