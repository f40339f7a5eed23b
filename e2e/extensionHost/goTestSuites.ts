// Extension-host tests of "profile a Go test or benchmark" on a copy of examples/bench-alloc in
// the workspace (bench-alloc/): profile the benchmark for memory and CPU with the real go, the
// allocating line is the hottest; allocate less, profile again, Compare with Previous Run gives
// that line a negative delta and the run's line shows B/op going down; a failing test and a
// build error keep nothing.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PprofLensApi } from '../../src/extension/api';

const EXTENSION_ID = 'pprof-lens.pprof-lens';

function pkgDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need a workspace folder');
  return path.join(f.uri.fsPath, 'bench-alloc');
}

async function api(): Promise<PprofLensApi> {
  const ext = vscode.extensions.getExtension<PprofLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** Runs the lens's command as the quick pick would, with the kind chosen. */
function profile(kind: 'test' | 'benchmark', name: string, profileKind: 'cpu' | 'mem'): Thenable<{ id: string } | undefined> {
  return vscode.commands.executeCommand('pprofLens.profileFunction', vscode.Uri.file(path.join(pkgDir(), 'join_test.go')), kind, name, profileKind);
}

/** The line (1-based) with the largest flat value in a file's stats. */
function hottest(stats: { line: number; flat: number }[]): number {
  return [...stats].sort((a, b) => b.flat - a.flat)[0].line;
}

describe('profiling go test runs (bench-alloc)', function () {
  this.timeout(180_000);
  const join = () => path.join(pkgDir(), 'join.go');

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the commands, the lens setting and the Profile Runs view', async () => {
    await api();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const titles = Object.fromEntries((pkg.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
    assert.deepEqual(
      ['profileTest', 'profileBenchmark', 'compareWithPreviousRun', 'goTestOptions'].map((c) => titles[`pprofLens.${c}`]),
      ['Profile Test…', 'Profile Benchmark…', 'Compare with Previous Run', 'Go Test Profiling Options…'],
    );
    assert.equal(pkg.contributes.configuration.properties['pprofLens.tests.resultsDirectory'].default, '.pprof/tests');
    assert.ok((pkg.contributes.views.explorer as { id: string; name: string }[]).some((v) => v.id === 'pprofLens.profileRuns' && v.name === 'Profile Runs'));
  });

  it('one "profile ▾" lens above each test and benchmark of join_test.go', async () => {
    const uri = vscode.Uri.file(path.join(pkgDir(), 'join_test.go'));
    await vscode.window.showTextDocument(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((l) => l.command?.command === 'pprofLens.profileFunction');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line + 1, l.command!.title, ...(l.command!.arguments as unknown[]).slice(1)]),
      [
        [5, 'profile ▾', 'test', 'TestJoinFields'],
        [11, 'profile ▾', 'benchmark', 'BenchmarkJoinFields'],
      ],
    );
  });

  it('memory: opens on alloc_space and the allocating line (join.go:11) is the hottest', async () => {
    const a = await api();
    const run = await profile('benchmark', 'BenchmarkJoinFields', 'mem');
    assert.ok(run, 'the run is kept');
    assert.match(run.id, /^bench-alloc\.BenchmarkJoinFields\.mem\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    assert.equal(a.activeProfile()?.name, `${run.id}.pprof`);
    assert.equal(a.activeProfile()?.sampleType, 'alloc_space');
    assert.equal(hottest(await a.lineStats(join())), 11);
    const [listed] = a.profileRuns();
    assert.equal(listed.group, 'BenchmarkJoinFields · Memory (allocs)');
    assert.match(listed.description, /^\S+s\/op · 34\.5KiB\/op · 1002 allocs\/op$/);
    assert.equal(listed.previous, undefined);
  });

  it('CPU: the profile annotates join.go and charges the allocating line', async () => {
    const a = await api();
    const run = await profile('benchmark', 'BenchmarkJoinFields', 'cpu');
    assert.ok(run);
    assert.equal(a.activeProfile()?.sampleType, 'cpu');
    const line11 = (await a.lineStats(join())).find((s) => s.line === 11);
    assert.ok(line11 && line11.cum > 0, `join.go:11 has CPU time: ${JSON.stringify(line11)}`);
  });

  it('allocate less, profile again, Compare with Previous Run: negative delta on join.go:11 and B/op down', async () => {
    const a = await api();
    const code = await fs.readFile(join(), 'utf8');
    const fixed = code
      .replace('\tout := make([]byte, 0, 8*n)', '\tout, scratch := make([]byte, 0, 8*n), make([]byte, 0, 24)')
      .replace('\t\tfield := make([]byte, 0, 16+i%8) // a new buffer per field: the allocation to remove', '\t\tfield := scratch[:0] // one buffer reused for every field');
    assert.notEqual(fixed, code);
    await fs.writeFile(join(), fixed);
    const run = await profile('benchmark', 'BenchmarkJoinFields', 'mem');
    assert.ok(run);
    const [latest] = a.profileRuns().filter((r) => r.group === 'BenchmarkJoinFields · Memory (allocs)');
    assert.equal(latest.id, run.id);
    assert.ok(latest.previous, 'the first memory run is its previous');
    // B/op and allocs/op are exact (testing's MemStats); ns/op varies, its change may be noise.
    assert.match(latest.description, /^\S+s\/op \((?:[+−]\d+\.\d%|~ \([+−]\d+\.\d%, within noise\)|0%)\) · 12\.0KiB\/op \(−65\.2%\) · 2 allocs\/op \(−99\.8%\)$/);
    assert.equal(await vscode.commands.executeCommand('pprofLens.compareWithPreviousRun'), true);
    assert.deepEqual(a.comparison(), { base: path.join(pkgDir(), '..', '.pprof', 'tests', `${latest.previous}.pprof`), mode: 'diff_base' });
    assert.equal(a.activeProfile()?.sampleType, 'alloc_space');
    const line11 = (await a.lineStats(join())).find((s) => s.line === 11);
    assert.ok(line11 && line11.flat < 0, `join.go:11 allocates less: ${JSON.stringify(line11)}`);
  });

  it('a test that fails and a build error keep nothing', async () => {
    const a = await api();
    const before = a.profileRuns().map((r) => r.id);
    const testFile = path.join(pkgDir(), 'join_test.go');
    const tests = await fs.readFile(testFile, 'utf8');
    await fs.writeFile(testFile, tests.split('"0,1,2"').join('"0,1,3"'));
    assert.equal(await profile('test', 'TestJoinFields', 'cpu'), undefined);
    await fs.writeFile(testFile, tests);
    const code = await fs.readFile(join(), 'utf8');
    await fs.writeFile(join(), code.replace('out = append(out, field...)', 'out = append(out, fieldx...)'));
    assert.equal(await profile('benchmark', 'BenchmarkJoinFields', 'mem'), undefined);
    await fs.writeFile(join(), code);
    assert.deepEqual(a.profileRuns().map((r) => r.id), before);
    const kept = (await fs.readdir(path.join(pkgDir(), '..', '.pprof', 'tests'))).filter((f) => f.endsWith('.json'));
    assert.equal(kept.length, before.length);
  });
});
