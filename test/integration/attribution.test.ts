// "Point at the user's own line", for real: build the blog post's replica (examples/request-tracker)
// and examples/leaky-service with go (plain and -trimpath), run them on 127.0.0.1, drive requests,
// capture snapshot series from /debug/pprof, and expect `pprof-lens -growth` to rank the user's
// line first (Track's append via bytes.Repeat; listen's receive with its wait reason), while
// `-leaf` keeps pprof's ranking. Without go the tests are skipped with the reason, except in CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { goBuild, series, start, type Running } from '../support/exampleSeries';
import { repoRoot } from '../support/fixtures';

const goFound = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const inCI = process.env.CI === 'true';
const skip = !goFound && !inCI ? 'go is not installed (these tests build the examples; CI installs golang-go)' : false;
if (skip) console.log(`# attribution: skipped: ${skip}`);

/** The 1-based line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const n = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  assert.ok(n > 0, `${text} not in ${file}`);
  return n;
}

const tracker = path.join(repoRoot, 'examples', 'request-tracker');
const leaky = path.join(repoRoot, 'examples', 'leaky-service');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-attribution-'));
const running: Running[] = [];
after(() => {
  for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill();
  rmSync(tmp, { recursive: true, force: true });
});

for (const trimpath of [false, true]) {
  describe(`request-tracker built ${trimpath ? 'with' : 'without'} -trimpath`, { skip }, () => {
    let heaps: string[] = [];
    before(async () => {
      assert.ok(goFound, 'go is required in CI: install golang-go');
      const bin = path.join(tmp, `tracker-${trimpath}.bin`);
      goBuild(tracker, bin, trimpath);
      const s = await start(bin);
      running.push(s);
      heaps = await series(s, path.join(tmp, `tracker-${trimpath}`, 'snaps'), '/', 1200, 'heap?gc=1', 'heap');
    });

    it('-growth ranks Track\'s append line first, via bytes.Repeat; -leaf keeps pprof\'s bytes.Repeat', () => {
      const append = lineOf(path.join(tracker, 'main.go'), 'rt.requests = append(');
      const r = runCli(['-growth', ...heaps], { cwd: tracker });
      assert.equal(r.status, 0, r.stderr);
      const rows = r.stdout.trimEnd().split('\n');
      assert.match(rows[0], /^rank\s+function\s+file:line\s+first\s+last\s+delta\s+slope\/min\s+k\/n\s+retained\/alloc\s+via \/ wait$/);
      assert.match(rows[1], new RegExp(`^\\s+1\\s+main\\.\\(\\*RequestTracker\\)\\.Track\\s+\\S*main\\.go:${append}\\s.*\\s3/3\\s+\\d+%\\s+via bytes\\.Repeat \\(\\S*bytes/bytes\\.go:\\d+(, inlined)?\\) \\d+%$`), r.stdout);
      // Without go.mod in the working directory: every non-standard package is the user's, same answer.
      const anywhere = runCli(['-growth', ...heaps], { cwd: tmp });
      assert.equal(anywhere.stdout.split('\n')[1], rows[1]);
      // pprof's leaf ranking, on demand.
      const leaf = runCli(['-growth', '-leaf', ...heaps], { cwd: tracker });
      assert.match(leaf.stdout.split('\n')[1], /^\s+1\s+bytes\.Repeat\s+\S*bytes\/bytes\.go:\d+\s.*\s3\/3\s+\d+%$/, leaf.stdout);
      // -yourcode narrowing the user's code to nothing of this binary gives the leaf back.
      const none = runCli(['-growth', '-yourcode=nothing/here', ...heaps], { cwd: tracker });
      assert.match(none.stdout.split('\n')[1], /^\s+1\s+bytes\.Repeat\s/);
      // pprof's reports are untouched: -top still blames bytes.Repeat.
      const top = runCli(['-top', '-sample_index=inuse_space', heaps[3]], { cwd: tracker });
      assert.match(top.stdout, /\n\s*[\d.]+[kMG]?B\s+[\d.]+%\s+[\d.]+%\s+[\d.]+[kMG]?B\s+[\d.]+%\s+bytes\.Repeat( \(inline\))?\n/, top.stdout);
    });
  });
}

describe('leaky-service: a goroutine leak and a leak through a library helper', { skip }, () => {
  let goroutines: string[] = [];
  let heaps: string[] = [];
  before(async () => {
    assert.ok(goFound, 'go is required in CI: install golang-go');
    const bin = path.join(tmp, 'leaky.bin');
    goBuild(leaky, bin, true);
    const s = await start(bin);
    running.push(s);
    goroutines = await series(s, path.join(tmp, 'leaky', 'g'), '/subscribe', 150, 'goroutine', 'goroutine');
    heaps = await series(s, path.join(tmp, 'leaky', 'h'), '/session', 1600, 'heap?gc=1', 'heap');
  });

  it('-growth on the goroutine series: listen\'s receive, with its wait reason and entry', () => {
    const recv = lineOf(path.join(leaky, 'notify.go'), 'for u := range updates');
    const r = runCli(['-growth', ...goroutines], { cwd: leaky });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n');
    assert.match(rows[0], /^rank\s+function\s+file:line\s+first\s+last\s+delta\s+slope\/min\s+k\/n\s+via \/ wait$/);
    assert.match(rows[1], new RegExp(`^\\s+1\\s+main\\.listen\\s+\\S*notify\\.go:${recv}\\s+\\d+\\s+\\d+\\s+\\+\\d+\\s.*\\s3/3\\s+chan receive, started as main\\.listen$`), r.stdout);
    // pprof's leaf is the runtime's park.
    const leaf = runCli(['-growth', '-leaf', ...goroutines], { cwd: leaky });
    assert.match(leaf.stdout.split('\n')[1], /^\s+1\s+runtime\.gopark\s/, leaf.stdout);
  });

  it('-growth on the heap series: remember\'s append via strings.Repeat', () => {
    const append = lineOf(path.join(leaky, 'notify.go'), 's.keys = append(');
    const r = runCli(['-growth', ...heaps], { cwd: leaky });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.split('\n')[1], new RegExp(`^\\s+1\\s+main\\.\\(\\*sessionStore\\)\\.remember\\s+\\S*notify\\.go:${append}\\s.*\\s3/3\\s+\\d+%\\s+via strings\\.Repeat \\(\\S*strings/strings\\.go:\\d+(, inlined)?\\) \\d+%$`), r.stdout);
  });
});
