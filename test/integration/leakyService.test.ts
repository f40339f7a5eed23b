// The classic scenario end to end, for real: build examples/leaky-service with go, run it on
// 127.0.0.1 (bounded: it stops by itself), drive load with its loadgen, capture a short heap
// series with `pprof-lens -series`, and expect the leaking line (audit.go's make in
// recordRequest) on the table's first data row. Without go the test is skipped with the reason,
// except in CI, where a missing go is a failure.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { repoRoot } from '../support/fixtures';
import { goBuild as buildGo, run, waitForLine } from '../support/processes';

const example = path.join(repoRoot, 'examples', 'leaky-service');
const goFound = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const inCI = process.env.CI === 'true';
const skip = !goFound && !inCI ? 'go is not installed (this test builds examples/leaky-service; CI installs golang-go)' : false;
if (skip) console.log(`# leakyService: skipped: ${skip}`);

function goBuild(out: string, pkg: string): void {
  buildGo(example, out, pkg);
}

it('pprof-lens -series on the running leaky service ranks audit.go\'s make line first', { skip, timeout: 90_000 }, async () => {
  assert.ok(goFound, 'go is required in CI: install golang-go');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-leaky-'));
  const children: ChildProcess[] = [];
  try {
    // 1. Build the service and its load generator.
    goBuild(path.join(tmp, 'leaky-service'), '.');
    goBuild(path.join(tmp, 'loadgen'), './loadgen');

    // 2. Start the service on a free loopback port; it stops by itself after 60 s or 50,000 requests.
    const service = spawn(path.join(tmp, 'leaky-service'), ['-addr', '127.0.0.1:0', '-max-requests', '50000', '-max-duration', '60s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(service);
    const base = (await waitForLine(service, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 10_000))[1];

    // 3. Load for about 5 s (bounded by -n and -timeout), and a 4-snapshot series 1 s apart meanwhile.
    const loadgen = spawn(path.join(tmp, 'loadgen'), ['-url', `${base}/work`, '-n', '5000', '-rate', '1000', '-c', '4', '-timeout', '20s'], { stdio: 'ignore' });
    children.push(loadgen);
    const dist = path.join(repoRoot, 'dist', 'cli.js');
    const cli = existsSync(dist) ? [dist] : ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts')];
    const out = path.join(tmp, 'snaps');
    const r = await run(process.execPath, [...cli, '-series=4', '-interval=1s', '-o', out, base], repoRoot, 30_000);

    // 4. Four snapshots written, reported on stderr, and the leak on top.
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readdirSync(out).filter((f) => /^heap-.*\.pb\.gz$/.test(f)).length, 4);
    assert.equal(r.stderr.split('\n').filter((l) => /^pprof-lens: snapshot \d\/4: /.test(l)).length, 4, r.stderr);
    const makeLine = readFileSync(path.join(example, 'audit.go'), 'utf8').split('\n').findIndex((l) => l.includes('make([]byte, 10*1024)')) + 1;
    assert.ok(makeLine > 0);
    const rows = r.stdout.trimEnd().split('\n');
    assert.match(rows[0], /^rank\s+function\s+file:line/);
    assert.match(rows[1], new RegExp(`^\\s+1\\s+main\\.recordRequest\\s+\\S*/audit\\.go:${makeLine}\\s+.*\\s3/3\\s+\\d+%\\s+-$`), r.stdout + r.stderr);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
});
