// `pprof-lens -growth` and `-series` on the command line: flags, the table on stdout (header,
// then the top suspect), warnings on stderr as `pprof-lens: ` lines with exit 0, one-line
// failures. The real-service run of -series is in test/integration/leakyService.test.ts.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FlagError, parseArgs, parseGoDuration, usage } from '../../src/cli/flags';
import { runCli, runCliAsync } from '../../src/cli/run';
import { fixture } from '../support/fixtures';

const fails = (argv: string[], message: RegExp) => assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof FlagError && message.test(e.message));
const leaky = () => fixture('leaky');
const HEAPS = ['heap.0.pprof', 'heap.1.pprof', 'heap.2.pprof', 'heap.3.pprof'];

describe('flags: -growth, -series, -interval, -o', () => {
  it('parses -growth with pprof flags, defaulting to lines', () => {
    const p = parseArgs(['-growth', '-sample_index=alloc_space', '-focus=main', 'a', 'b']);
    assert.equal(p.command, undefined);
    assert.deepEqual(p.growth, { series: undefined, intervalMs: 30_000, outDir: '.', granularity: 'lines', yourCode: undefined, goModDir: '.', leaf: false });
    assert.equal(p.config.sampleIndex, 'alloc_space');
    assert.equal(p.config.focus, 'main');
    assert.deepEqual(p.args, ['a', 'b']);
    assert.equal(parseArgs(['-growth', '-functions', 'a']).growth?.granularity, 'functions');
    assert.equal(parseArgs(['-growth', '-inuse_objects', 'a']).config.sampleIndex, 'inuse_objects');
  });

  it('parses -series=K -interval=D -o DIR URL', () => {
    const p = parseArgs(['-series=4', '-interval', '1.5s', '-o', 'snaps', 'http://localhost:8080']);
    assert.deepEqual(p.growth, { series: 4, intervalMs: 1500, outDir: 'snaps', granularity: 'lines', yourCode: undefined, goModDir: '.', leaf: false });
  });

  it('parses -yourcode, -gomod and -leaf, only with -growth or -series', () => {
    const p = parseArgs(['-growth', '-yourcode=github.com/acme', '-gomod', 'svc', '-leaf', 'a']);
    assert.deepEqual([p.growth?.yourCode, p.growth?.goModDir, p.growth?.leaf], ['github.com/acme', 'svc', true]);
    assert.throws(() => parseArgs(['-top', '-leaf', 'a']), /^FlagError: -leaf only applies to -growth and -series \(pprof's reports stay pprof's\)$/);
  });

  it('refuses what does not fit', () => {
    fails(['-growth', '-top', 'a'], /^-growth and -series print the growth table: drop -top$/);
    fails(['-growth', '-files', 'a'], /^-growth ranks -lines or -functions, not -files$/);
    fails(['-series=0', 'u'], /want 1 or more snapshots/);
    fails(['-series=2', '-interval=5', 'u'], /invalid value "5" for flag -interval: want a duration such as 30s or 500ms/);
    fails(['-top', '-interval=5s', 'a'], /^-interval only makes sense with -series$/);
    fails(['-growth'], /no profile source specified/);
  });

  it('Go durations', () => {
    assert.equal(parseGoDuration('30s'), 30_000);
    assert.equal(parseGoDuration('500ms'), 500);
    assert.equal(parseGoDuration('1m30s'), 90_000);
    assert.equal(parseGoDuration('1.5h'), 5_400_000);
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('2'), undefined);
    assert.equal(parseGoDuration('1d'), undefined);
  });

  it('usage lists the leak-hunting flags', () => {
    assert.match(usage(), /-growth\s+Rank the lines that grow/);
    assert.match(usage(), /-series=k\s+Capture k heap snapshots/);
  });
});

describe('pprof-lens -growth', () => {
  it('prints the table: header, then main.go:25 main.TrackRequest; exit 0, no warnings', () => {
    const r = runCli(['-growth', ...HEAPS], { cwd: leaky() });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^rank\s+function\s+file:line\s+first\s+last\s+delta\s+slope\/min\s+k\/n\s+retained\/alloc\s+via \/ wait$/);
    assert.match(lines[1], /^\s+1\s+main\.TrackRequest\s+\/vagrant_data\/go\/src\/github\.com\/example\/leaky\/main\.go:25\s+1\.01MB\s+49\.48MB\s+\+48\.47MB\s+\+\d+(\.\d+)?MB\s+3\/3\s+100%\s+-$/);
    assert.equal(lines.length, 2);
  });

  it('-functions and -sample_index', () => {
    const f = runCli(['-growth', '-functions', '-sample_index=inuse_objects', ...HEAPS], { cwd: leaky() });
    assert.equal(f.status, 0, f.stderr);
    assert.match(f.stdout.split('\n')[1], /^\s+1\s+main\.TrackRequest\s+\/vagrant_data\/\S+\/main\.go\s/);
    const bad = runCli(['-growth', '-sample_index=cpu', ...HEAPS], { cwd: leaky() });
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'pprof-lens: -growth: sample_index "cpu" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]\n');
  });

  it('warnings go to stderr with the pprof-lens: prefix and the exit status stays 0', () => {
    const one = runCli(['-growth', 'heap.0.pprof'], { cwd: leaky() });
    assert.equal(one.status, 0);
    assert.match(one.stderr, /^pprof-lens: only one snapshot \(heap\.0\.pprof\): nothing can grow; take at least three snapshots over time\n$/);
    assert.match(one.stdout, /^rank\s+function/);
    const mixed = runCli(['-growth', 'heap.0.pprof', 'heap.1.pprof', 'heap.2.pprof', 'cpu.pprof'], { cwd: leaky() });
    assert.equal(mixed.status, 0);
    assert.match(mixed.stderr, /^pprof-lens: between heap\.2\.pprof and cpu\.pprof: different sample types .*\npprof-lens: analyzing 3 of 4 snapshots \(heap\.0\.pprof … heap\.2\.pprof\); left out: cpu\.pprof\n$/);
    assert.match(mixed.stdout.split('\n')[1], /main\.TrackRequest/);
  });

  it('a folder stands for the profiles in it (others skipped with a note); a bad file is one line, exit 1', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-growth-'));
    try {
      for (const h of HEAPS) copyFileSync(path.join(leaky(), h), path.join(dir, h));
      writeFileSync(path.join(dir, 'notes.txt'), 'not a profile\n');
      const r = runCli(['-growth', 'snaps'], { cwd: dir });
      assert.equal(r.status, 1);
      assert.equal(r.stderr, 'pprof-lens: snaps: no such file or directory\n');
      const ok = runCli(['-growth', path.basename(dir)], { cwd: path.dirname(dir) });
      assert.equal(ok.status, 0);
      assert.match(ok.stderr, /^pprof-lens: \S+notes\.txt: skipped: the file is plain text, not profile\.proto/);
      assert.match(ok.stdout.split('\n')[1], /main\.TrackRequest/);
      const bad = runCli(['-growth', 'heap.0.pprof', path.join(dir, 'notes.txt')], { cwd: leaky() });
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /^pprof-lens: \S+notes\.txt: the file is plain text, not profile\.proto .*\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses -base and -output with -growth (exit 2)', () => {
    const r = runCli(['-growth', '-diff_base=heap.0.pprof', ...HEAPS], { cwd: leaky() });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^pprof-lens: -diff_base does not apply to -growth/);
  });

  it('no suspects: header only, and a note saying why', () => {
    const dir = fixture('real', 'parca-dev-parca', 'pkg', 'query', 'testdata', 'many');
    const r = runCli(['-growth', '.'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.split('\n').length, 2);
    assert.match(r.stderr, /pprof-lens: no leak suspects: nothing grew steadily across the 10 snapshots \(\d+ lines grew irregularly or in one jump\)\n$/);
  });
});

describe('pprof-lens -series (local server)', () => {
  it('captures K snapshots into DIR, reports a failed one and goes on, then prints the table', async () => {
    // Serves the leaky heap series in order, with one failure (the service briefly stopped).
    const bodies = ['heap.0.pprof', 'fail', 'heap.1.pprof', 'heap.2.pprof', 'heap.3.pprof'];
    let n = 0;
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const b = bodies[n++] ?? 'fail';
      if (b === 'fail') res.writeHead(502).end('Bad Gateway');
      else res.writeHead(200).end(readFileSync(path.join(leaky(), b)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-series-'));
    try {
      let streamed = '';
      const r = await runCliAsync(['-series=5', '-interval=50ms', '-o', 'snaps', base], { cwd, stderr: (t) => (streamed += t) });
      assert.equal(r.status, 0, r.stderr + streamed);
      assert.deepEqual(requests, Array(5).fill('/debug/pprof/heap?gc=1'));
      const progress = streamed.trimEnd().split('\n');
      assert.equal(progress.length, 5);
      assert.match(progress[0], /^pprof-lens: snapshot 1\/5: snaps\/heap-\S+Z\.pb\.gz$/);
      assert.equal(progress[1], `pprof-lens: snapshot 2/5 failed: ${base}/debug/pprof/heap?gc=1: HTTP 502 Bad Gateway: "Bad Gateway"`);
      assert.equal(readdirSync(path.join(cwd, 'snaps')).length, 4);
      assert.match(r.stdout.split('\n')[1], /^\s+1\s+main\.TrackRequest\s+\S+\/main\.go:25\s/);
    } finally {
      server.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('takes one URL; an unknown scheme is a command-line error; runCli points -series to runCliAsync', async () => {
    assert.equal((await runCliAsync(['-series=2', 'a', 'b'], { cwd: '.' })).stderr, 'pprof-lens: -series takes one URL, got 2 arguments (see pprof-lens -h)\n');
    const r = await runCliAsync(['-series=2', 'ftp://h/x'], { cwd: '.' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'pprof-lens: ftp://h/x: only http:// and https:// URLs can be captured (got ftp:)\n');
    assert.equal(runCli(['-series=2', 'http://h'], { cwd: '.' }).status, 2);
  });
});
