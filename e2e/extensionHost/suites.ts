// Extension-host tests: commands and source resolution wired inside a real VS Code.
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PprofLensApi } from '../../src/extension/api';

const EXTENSION_ID = 'pprof-lens.pprof-lens';
const LEAKY_MAIN = '/vagrant_data/go/src/github.com/example/leaky/main.go';

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

async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openProfile(name: string): Promise<PprofLensApi> {
  const a = await api();
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(folder(), name), 'pprofLens.profile');
  await waitFor(() => a.activeProfile()?.name === name, `${name} to become the active profile`);
  return a;
}

function activeLine(): number | undefined {
  return vscode.window.activeTextEditor?.selection.active.line;
}

describe('commands', () => {
  it('registers every contributed command, with the titles people search for', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributed = (ext.packageJSON.contributes.commands as { command: string; title: string; category: string }[]);
    const titles = Object.fromEntries(contributed.map((c) => [c.command, c.title]));
    for (const [id, title] of Object.entries({
      'pprofLens.openProfile': 'Open Profile…',
      'pprofLens.goToHottestLine': 'Go to Hottest Line',
      'pprofLens.nextHotLine': 'Next Hot Line',
      'pprofLens.previousHotLine': 'Previous Hot Line',
      'pprofLens.selectSampleType': 'Select Sample Type…',
      'pprofLens.toggleAnnotations': 'Toggle Line Annotations',
      'pprofLens.clearProfile': 'Clear Profile',
      'pprofLens.showHotLines': 'Show Hot Lines',
      'pprofLens.mapPath': 'Map Path…',
      'pprofLens.saveInferredMappings': 'Save Inferred Path Mappings',
    })) {
      assert.equal(titles[id], title, `title of ${id}`);
    }
    for (const c of contributed) assert.equal(c.category, 'pprof Lens', `category of ${c.command}`);
    await api();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) assert.ok(registered.has(c.command), `${c.command} is not registered`);
  });

  it('opens a profile, goes to the hottest line and walks the hot lines', async () => {
    const a = await openProfile('heap.3.pprof');
    assert.equal(a.activeProfile()?.sampleType, 'inuse_space');
    await vscode.commands.executeCommand('pprofLens.goToHottestLine');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('main.go') && activeLine() === 24, 'main.go:25 selected');
    await vscode.commands.executeCommand('pprofLens.nextHotLine');
    const second = await waitFor(() => (activeLine() !== 24 ? activeLine() : undefined), 'the next hot line');
    assert.notEqual(second, 24);
    await vscode.commands.executeCommand('pprofLens.previousHotLine');
    await waitFor(() => activeLine() === 24, 'back on the hottest line');
  });

  it('switches the sample type of the active profile', async () => {
    const a = await openProfile('heap.3.pprof');
    a.setSampleType('alloc_space');
    assert.equal(a.activeProfile()?.sampleType, 'alloc_space');
    a.setSampleType('inuse_space');
  });

  it('the ranking toggle writes the user\'s settings, or the workspace\'s when it sets the ranking', async () => {
    await api();
    const inspect = () => vscode.workspace.getConfiguration('pprofLens').inspect<string>('ranking');
    try {
      await vscode.commands.executeCommand('pprofLens.rankByLeaf');
      await waitFor(() => inspect()?.globalValue === 'leaf', 'rankByLeaf in the user settings');
      assert.equal(inspect()?.workspaceValue, undefined, 'the toggle added the ranking to the workspace settings');
      await vscode.workspace.getConfiguration('pprofLens').update('ranking', 'leaf', vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('pprofLens.rankByYourCode');
      await waitFor(() => inspect()?.workspaceValue === 'yourCode', 'rankByYourCode in the workspace settings that set it');
      assert.equal(inspect()?.globalValue, 'leaf');
    } finally {
      await vscode.workspace.getConfiguration('pprofLens').update('ranking', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('pprofLens').update('ranking', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Open Example… copies the example shipped with the extension into the folder given', async () => {
    await api();
    const parent = await mkdtemp(path.join(os.tmpdir(), 'pprof-lens-example-'));
    try {
      const copy = await vscode.commands.executeCommand<string | undefined>('pprofLens.openExample', { parent, open: false });
      assert.equal(copy, path.join(parent, 'leaky-service'));
      assert.deepEqual((await readdir(path.join(parent, 'leaky-service', 'profiles'))).sort(), ['allocs.pb.gz', 'cpu.pb.gz', 'heap.0.pb.gz', 'heap.1.pb.gz', 'heap.2.pb.gz', 'heap.3.pb.gz']);
      assert.match(await readFile(path.join(parent, 'leaky-service', 'audit.go'), 'utf8'), /make\(\[\]byte, 10\*1024\)/);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('Clear Profile leaves no active profile', async () => {
    const a = await openProfile('heap.3.pprof');
    await vscode.commands.executeCommand('pprofLens.clearProfile');
    assert.equal(a.activeProfile(), undefined);
  });
});

describe('source resolution', () => {
  it('maps the build machine path onto the workspace through go.mod', async () => {
    const a = await api();
    const r = await a.resolve(LEAKY_MAIN);
    assert.equal(r.path, path.join(folder().fsPath, 'main.go'));
    assert.equal((r as { via?: string }).via, 'goModule', JSON.stringify(r));
  });

  it('follows pprofLens.pathMappings and never leaves the allowed roots', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('pprofLens');
    try {
      await config.update('pathMappings', [{ from: '/elsewhere/build', to: '${workspaceFolder}' }], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => mappingTarget() === '${workspaceFolder}', 'the mapping to reach the settings');
      const r = await waitForAsync(() => a.resolve('/elsewhere/build/main.go'), (x) => 'via' in x && x.via === 'mapping');
      assert.equal(r.path, path.join(folder().fsPath, 'main.go'));
      await config.update('pathMappings', [{ from: '/elsewhere/build', to: '/etc' }], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => mappingTarget() === '/etc', 'the /etc mapping to reach the settings');
      // The stale mapping would also find nothing: wait for the refusal's own reason.
      const refused = await waitForAsync(() => a.resolve('/elsewhere/build/passwd'), (x) => 'reason' in x && /\/etc\/passwd is outside/.test(x.reason));
      assert.equal(refused.path, undefined, 'a mapping outside the workspace must not be followed');
      assert.match('reason' in refused ? refused.reason : '', /\/etc\/passwd is outside the workspace folders and source roots/);
    } finally {
      await config.update('pathMappings', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

/** The `to` of the first pprofLens.pathMappings entry, read back from the settings. */
function mappingTarget(): string | undefined {
  return vscode.workspace.getConfiguration('pprofLens').get<{ from: string; to: string }[]>('pathMappings')?.[0]?.to;
}

async function waitForAsync<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
