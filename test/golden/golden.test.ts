// Golden parity: every report under fixtures/golden reproduced byte for byte by the command
// line's code path (runCli in-process, run from the folder holding the profile, TZ=UTC), plus a
// few through the built dist/cli.js to cover piping and exit codes. known-failures.txt is a
// ratchet enforced both ways.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { fixture, repoRoot } from '../support/fixtures';
import { goldenCases, type GoldenCase } from './goldenCases';

process.env.TZ = 'UTC';

const knownFailuresFile = path.join(__dirname, 'known-failures.txt');

/** known-failures.txt: golden name → reason. */
function knownFailures(): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of readFileSync(knownFailuresFile, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const name = (hash >= 0 ? line.slice(0, hash) : line).trim();
    const reason = hash >= 0 ? line.slice(hash + 1).trim() : '';
    out.set(name, reason);
  }
  return out;
}

/** A readable excerpt of the first difference between two texts. */
function diffExcerpt(got: string, want: string): string {
  const a = got.split('\n');
  const b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 3);
  const show = (lines: string[]) => lines.slice(from, i + 4).map((l, k) => `${String(from + k + 1).padStart(5)}| ${l}`).join('\n');
  return `first difference at line ${i + 1} (got ${a.length} lines, want ${b.length})\n--- got\n${show(a)}\n--- want\n${show(b)}`;
}

function loadCases(): GoldenCase[] | string {
  try {
    return goldenCases();
  } catch (e) {
    // In CI a missing fixtures folder is a failure, never a skip.
    if (process.env.CI) throw e;
    return (e as Error).message;
  }
}

const cases = loadCases();

describe('golden parity (pprof-lens code path, in-process)', () => {
  if (typeof cases === 'string') {
    it('goldens', { skip: cases }, () => {});
    return;
  }
  const known = knownFailures();

  it('known-failures.txt names only existing goldens, each with a reason', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const [name, reason] of known) {
      assert.ok(names.has(name), `known-failures.txt lists ${name}, which is not a golden`);
      assert.notEqual(reason, '', `known-failures.txt: ${name} needs a "# reason"`);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      const r = runCli(c.argv, { cwd: c.cwd });
      const want = readFileSync(c.golden, 'utf8');
      const pass = r.status === 0 && r.stdout === want;
      const cmd = `(cd ${c.cwd} && pprof-lens ${c.argv.join(' ')})`;
      if (known.has(c.name)) {
        assert.ok(!pass, `${c.name} passes now: remove it from test/golden/known-failures.txt`);
        return;
      }
      if (r.status !== 0) assert.fail(`${cmd} exited ${r.status}: ${r.stderr.trim()}`);
      if (r.stdout !== want) assert.fail(`${cmd} differs from the golden: ${diffExcerpt(r.stdout, want)}`);
    });
  }
});

describe('golden parity through dist/cli.js (piped stdout, exit codes)', () => {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  if (typeof cases === 'string') {
    it('goldens', { skip: cases }, () => {});
    return;
  }
  const run = (argv: string[], cwd: string) =>
    spawnSync(process.execPath, [cli, ...argv], { cwd, env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 28 });

  it('dist/cli.js exists (npm run build)', () => {
    assert.ok(existsSync(cli), `${cli} is missing: run npm run build first (npm test does)`);
  });

  // Small and large outputs (several over the 64 KiB pipe buffer), and each report kind.
  const picks = [
    'leaky/heap.3.pprof.top.txt',
    'leaky/cpu.pprof.traces.txt',
    'leaky/heap.3-diff_base-heap.0.list_TrackRequest.txt',
    'real/parca-dev-parca/pkg/parca/testdata/labels.pb.gz.lines.txt',
    'real/parca-dev-parca/pkg/query/testdata/fgprof.pb.gz.traces.txt',
  ];
  for (const name of picks) {
    const c = cases.find((x) => x.name === name);
    it(`${name} (piped)`, { skip: c ? false : `${name} not among the goldens` }, () => {
      if (!c || !existsSync(cli)) assert.fail('missing golden or dist/cli.js');
      const r = run(c.argv, c.cwd);
      const want = readFileSync(c.golden);
      assert.equal(r.status, 0, r.stderr.toString());
      assert.ok(Buffer.compare(r.stdout, want) === 0, diffExcerpt(r.stdout.toString(), want.toString()));
    });
  }

  it('bad input: exit 1, empty stdout, one stderr line naming the file, no stack trace', () => {
    const cwd = fixture('leaky');
    for (const file of ['heap.debug1.txt', 'does-not-exist.pprof', 'main.go']) {
      const r = run(['-top', file], cwd);
      assert.equal(r.status, 1, `${file}: status`);
      assert.equal(r.stdout.length, 0, `${file}: stdout must be empty`);
      const err = r.stderr.toString();
      assert.match(err, new RegExp(`^pprof-lens: ${file.replace(/\./g, '\\.')}: [^\\n]+\\n$`), `${file}: ${err}`);
      assert.doesNotMatch(err, /\n\s+at /);
    }
  });

  it('-h prints usage and exits 0; a bad flag exits 2 with one line', () => {
    const h = run(['-h'], repoRoot);
    assert.equal(h.status, 0);
    assert.match(h.stdout.toString(), /^usage: pprof-lens/);
    const bad = run(['-nosuchflag', 'x'], repoRoot);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout.length, 0);
    assert.equal(bad.stderr.toString().split('\n').length, 2);
  });
});
