// "Profile a Go test or benchmark" against the real toolchain: a copy of examples/bench-alloc is
// profiled, broken, fixed and cancelled. Each failure must be one line, and nothing of a failed
// run may be listed. Without go the tests are skipped with the reason, except in CI, where a
// missing go is a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_GO_TEST_OPTIONS } from '../../src/extension/tests/goTestCommand';
import { resolveCaptureDir } from '../../src/capture/captureDir';
import { findGo, GoTestRunError, listRuns, previousRun, RESULTS_DIR_NAMES, runGoTestProfile, type GoTestRunRequest } from '../../src/extension/tests/goTestRunner';
import { repoRoot } from '../support/fixtures';

const goFound = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const inCI = process.env.CI === 'true';
const skip = !goFound && !inCI ? 'go is not installed (these tests run go test on examples/bench-alloc; CI installs golang-go)' : false;
if (skip) console.log(`# goTestRun: skipped: ${skip}`);

// No module downloads, no toolchain switch.
process.env.GOFLAGS = '';
process.env.GOPROXY = 'off';
process.env.GOTOOLCHAIN = 'local';

let tmp = '';
let pkg = '';
let results = '';
let go = '';

/** A request on the copy, fixed clock steps so names differ. */
function request(over: Partial<GoTestRunRequest>): GoTestRunRequest {
  return {
    go,
    packageDir: pkg,
    target: { kind: 'benchmark', name: 'BenchmarkJoinFields' },
    kind: 'mem',
    options: { ...DEFAULT_GO_TEST_OPTIONS, benchtime: '200x' },
    resultsDir: results,
    ...over,
  };
}

async function failure(req: GoTestRunRequest): Promise<GoTestRunError> {
  try {
    await runGoTestProfile(req);
  } catch (e) {
    assert.ok(e instanceof GoTestRunError, String(e));
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    return e;
  }
  assert.fail('the run should have failed');
}

describe('the results folder', () => {
  it('a workspace value may not lead outside the workspace (the capture folder rule); the user may choose any', () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-results-'));
    try {
      assert.deepEqual(resolveCaptureDir({ value: '.pprof/tests', fromUser: false }, ws, '/pkg', RESULTS_DIR_NAMES), { dir: path.join(ws, '.pprof', 'tests') });
      assert.deepEqual(resolveCaptureDir({ value: '/elsewhere', fromUser: true }, ws, '/pkg', RESULTS_DIR_NAMES), { dir: '/elsewhere' });
      assert.deepEqual(resolveCaptureDir({ value: '../out', fromUser: false }, ws, '/pkg', RESULTS_DIR_NAMES), {
        dir: path.join(ws, '.pprof', 'tests'),
        overruled: `the workspace setting pprofLens.tests.resultsDirectory ("../out") points outside the workspace folder; runs go to ${path.join(ws, '.pprof', 'tests')} (set it in your user settings to use another folder)`,
      });
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('go test profiling on examples/bench-alloc', { skip }, () => {
  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-gotest-'));
    pkg = path.join(tmp, 'bench-alloc');
    cpSync(path.join(repoRoot, 'examples', 'bench-alloc'), pkg, { recursive: true });
    results = path.join(tmp, '.pprof', 'tests');
    go = (await findGo(undefined))!;
    assert.ok(go, 'go is on PATH');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds go on PATH, or under a GOROOT, and nothing where there is none', async () => {
    assert.equal(path.basename(go), 'go');
    const goRoot = spawnSync(go, ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(await findGo(goRoot), path.join(goRoot, 'bin', 'go'));
    assert.equal(await findGo(path.join(tmp, 'no-goroot')), undefined);
    assert.equal(await findGo(undefined, path.join(tmp, 'nothing-here')), undefined);
  });

  it('profiles a benchmark for memory: keeps profile, binary and record, parses its numbers', async () => {
    let streamed = '';
    const run = await runGoTestProfile(request({ onOutput: (t) => (streamed += t), now: () => new Date(Date.UTC(2026, 11, 3, 1, 0, 0)), options: { ...DEFAULT_GO_TEST_OPTIONS, benchtime: '200x', count: 2 } }));
    assert.equal(run.id, 'bench-alloc.BenchmarkJoinFields.mem.2026-12-03T01-00-00Z');
    assert.equal(run.sampleType, 'alloc_space');
    assert.deepEqual(readdirSync(results).sort(), [`${run.id}.json`, `${run.id}.pprof`, `${run.id}.test`]);
    assert.match(streamed, /^\$ cd .*bench-alloc\n\$ go test -run '\^\$' -bench '\^BenchmarkJoinFields\$' -benchmem -benchtime 200x -count 2 -memprofile \S+\.pprof -o \S+\.test\n/);
    assert.match(streamed, /BenchmarkJoinFields-\d+\s+200\s+\d+ ns\/op/);
    assert.equal(run.benchmarks.length, 2);
    for (const b of run.benchmarks) {
      assert.equal(b.name, 'BenchmarkJoinFields');
      assert.equal(b.iterations, 200);
      // One fresh buffer per field: 1000 fields, plus out and the string.
      assert.equal(b.metrics['allocs/op'], 1002);
    }
    // The profile is gzip'd profile.proto.
    assert.deepEqual([...readFileSync(run.profile).subarray(0, 2)], [0x1f, 0x8b]);
    assert.deepEqual(JSON.parse(readFileSync(path.join(results, `${run.id}.json`), 'utf8')), JSON.parse(JSON.stringify(run)));
  });

  it('two runs of the same benchmark and kind: newest first, previous found', async () => {
    const second = await runGoTestProfile(request({ now: () => new Date(Date.UTC(2026, 11, 3, 1, 0, 5)) }));
    const cpu = await runGoTestProfile(request({ kind: 'cpu', now: () => new Date(Date.UTC(2026, 11, 3, 1, 0, 9)) }));
    const runs = await listRuns(results);
    assert.deepEqual(runs.map((r) => r.id), [cpu.id, second.id, 'bench-alloc.BenchmarkJoinFields.mem.2026-12-03T01-00-00Z']);
    assert.equal(previousRun(runs, second)?.id, 'bench-alloc.BenchmarkJoinFields.mem.2026-12-03T01-00-00Z');
    assert.equal(previousRun(runs, cpu), undefined);
    // Same second again: a new name, nothing overwritten.
    const again = await runGoTestProfile(request({ kind: 'cpu', now: () => new Date(Date.UTC(2026, 11, 3, 1, 0, 9)) }));
    assert.equal(again.id, `${cpu.id}-2`);
  });

  it('a failing test, a build error, a missing benchmark: one line each, nothing kept', async () => {
    const before = readdirSync(results).sort();
    const testFile = path.join(pkg, 'join_test.go');
    const original = readFileSync(testFile, 'utf8');
    writeFileSync(testFile, original.replace('want %q", got, "0,1,2"', 'want %q", got, "0,1,3"').replace('got != "0,1,2"', 'got != "0,1,3"'));
    const failed = await failure(request({ target: { kind: 'test', name: 'TestJoinFields' }, kind: 'cpu' }));
    assert.equal(failed.kind, 'test-failed');
    assert.equal(failed.message, 'TestJoinFields failed: join_test.go:7: JoinFields(3) = "0,1,2", want "0,1,3"');
    assert.deepEqual(failed.location, { file: testFile, line: 7 });
    writeFileSync(testFile, original);

    const source = path.join(pkg, 'join.go');
    const code = readFileSync(source, 'utf8');
    writeFileSync(source, code.replace('out = append(out, field...)', 'out = append(out, fieldx...)'));
    const broken = await failure(request({}));
    assert.equal(broken.kind, 'build');
    assert.equal(broken.message, 'build failed: join.go:13:21: undefined: fieldx');
    assert.deepEqual(broken.location, { file: source, line: 13, column: 21 });
    writeFileSync(source, code);

    const missing = await failure(request({ target: { kind: 'benchmark', name: 'BenchmarkNope' } }));
    assert.equal(missing.message, 'no benchmark matches BenchmarkNope in this package (is it saved, and in a _test.go file?)');
    const noTest = await failure(request({ target: { kind: 'test', name: 'TestNope' }, kind: 'cpu' }));
    assert.equal(noTest.message, 'no test matches TestNope in this package (is it saved, and in a _test.go file?)');
    assert.deepEqual(readdirSync(results).sort(), before);
  });

  it('bad options and a missing go are one line too', async () => {
    const bad = await failure(request({ options: { ...DEFAULT_GO_TEST_OPTIONS, extraFlags: '-o x' } }));
    assert.equal(bad.message, 'extra flag -o is set by pprof Lens itself; remove it');
    const nogo = await failure(request({ go: path.join(tmp, 'no', 'go') }));
    assert.equal(nogo.kind, 'no-go');
    assert.match(nogo.message, /^cannot run .*no\/go: spawn .* ENOENT$/);
  });

  it('cancelling kills go test and its test binary and keeps nothing', async () => {
    const before = readdirSync(results).sort();
    const ac = new AbortController();
    let streamed = '';
    const p = failure(
      request({
        options: { ...DEFAULT_GO_TEST_OPTIONS, benchtime: '1h' },
        signal: ac.signal,
        // Cancel once the benchmark runs (its binary printed its header), not after some time.
        onOutput: (t) => {
          streamed += t;
          if (/^pkg: /m.test(streamed)) ac.abort();
        },
      }),
    );
    const e = await p;
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'cancelled BenchmarkJoinFields; nothing was kept');
    assert.deepEqual(readdirSync(results).sort(), before);
  });
});
