// -dot parity: the call graph report equals `go tool pprof -symbolize=none -dot` byte for byte
// on a representative set of fixtures and options. The goldens are made here, by Go (the oracle,
// Go 1.19.8's pprof in CI), each time the suite runs:
//
//   cd <fixture folder> && TZ=UTC PPROF_BINARY_PATH=/nonexistent go tool pprof -symbolize=none -dot <flags> <profile>
//
// Without Go the suite is skipped with the reason logged, except in CI (CI=true), where a missing
// Go is a failure. Before the byte comparison, the node set, node labels and edge weights parsed
// from both outputs are compared, so that a failure names the node or edge that differs.
// dot-known-failures.txt is a ratchet enforced both ways (a listed case that passes fails too).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { summarizeDot, type DotSummary } from '../support/dotSummary';
import { fixture, repoRoot } from '../support/fixtures';
import { goAvailable, runGoPprof } from '../support/goPprof';

process.env.TZ = 'UTC';

/** One -dot case: a profile under fixtures/ and the flags besides -dot. */
interface DotCase {
  /** Test name and ratchet key: "<profile path> <flags>". */
  name: string;
  dir: string;
  argv: string[];
}

function dotCase(profile: string, ...flags: string[]): DotCase {
  return {
    name: [profile, ...flags].join(' '),
    dir: path.dirname(profile),
    argv: ['-dot', ...flags, path.basename(profile)],
  };
}

// Every kind of leaky profile, the sample types of heap, filters, granularities, a diff and
// -mean (zero-weight edges), then real profiles: the large CPU profile, label nodelets,
// collapsed numeric tag ranges, Node.js, unsymbolized addresses, inline edges, PGO profiles.
// (default.pgo and devirt.pprof with -files are left out: their equal-weight edges between
// same-named file nodes come out in Go's random map order, so pprof's own output varies by run.)
const cases: DotCase[] = [
  dotCase('leaky/cpu.pprof'),
  dotCase('leaky/cpu.pprof', '-focus=workHandler'),
  dotCase('leaky/cpu.pprof', '-lines'),
  dotCase('leaky/cpu.pprof', '-nodecount=10'),
  dotCase('leaky/heap.3.pprof'),
  dotCase('leaky/heap.3.pprof', '-sample_index=alloc_space'),
  dotCase('leaky/heap.3.pprof', '-sample_index=inuse_objects', '-focus=main'),
  dotCase('leaky/heap.3.pprof', '-diff_base=heap.0.pprof'),
  dotCase('leaky/heap.3.pprof', '-files'),
  dotCase('leaky/heap.0.pprof', '-mean'),
  dotCase('leaky/allocs.pprof'),
  dotCase('leaky/allocs.pprof', '-sample_index=alloc_objects', '-hide=runtime'),
  dotCase('leaky/goroutine.pprof'),
  dotCase('leaky/goroutine.underload.pprof', '-ignore=runtime'),
  dotCase('leaky/mutex.pprof'),
  dotCase('leaky/mutex.pprof', '-sample_index=0'),
  dotCase('leaky/block.pprof'),
  dotCase('real/google-pprof/internal/proftest/testdata/large.cpu'),
  dotCase('real/google-pprof/internal/proftest/testdata/large.cpu', '-lines', '-nodecount=120'),
  dotCase('real/google-pprof/internal/proftest/testdata/large.cpu', '-focus=runtime', '-sample_index=samples'),
  dotCase('real/google-pprof/internal/report/testdata/sample.cpu'),
  dotCase('real/parca-dev-parca/pkg/query/testdata/profile-with-labels.pb.gz'),
  dotCase('real/parca-dev-parca/pkg/parca/testdata/labels.pb.gz'),
  dotCase('real/parca-dev-parca/pkg/query/testdata/alloc_objects.pb.gz'),
  dotCase('real/parca-dev-parca/pkg/query/testdata/fgprof.pb.gz'),
  dotCase('real/parca-dev-parca/pkg/normalizer/node-profile.pb.gz'),
  dotCase('real/parca-dev-parca/pkg/symbolizer/testdata/stripped-cpu.stripped.pprof'),
  dotCase('real/golang-go/src/cmd/compile/default.pgo'),
  dotCase('real/golang-go/src/cmd/compile/internal/test/testdata/pgo/inline/inline_hot.pprof', '-lines'),
  dotCase('real/felixge-pprofutils/examples/labelframes.in.pprof'),
  dotCase('real/felixge-pprofutils/examples/avg.in.pprof', '-mean'),
];

const knownFailuresFile = path.join(__dirname, 'dot-known-failures.txt');

/** dot-known-failures.txt: case name → reason. */
function knownFailures(): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of readFileSync(knownFailuresFile, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    out.set((hash >= 0 ? line.slice(0, hash) : line).trim(), hash >= 0 ? line.slice(hash + 1).trim() : '');
  }
  return out;
}

/** A readable list of what differs between two summaries (empty when they agree). */
function summaryDiff(got: DotSummary, want: DotSummary): string[] {
  const out: string[] = [];
  const compare = (kind: string, a: Map<string, string>, b: Map<string, string>) => {
    for (const [k, v] of b) {
      if (!a.has(k)) out.push(`missing ${kind} ${k} [${v}]`);
      else if (a.get(k) !== v) out.push(`${kind} ${k}: got [${a.get(k)}], want [${v}]`);
    }
    for (const [k, v] of a) if (!b.has(k)) out.push(`extra ${kind} ${k} [${v}]`);
  };
  compare('node', got.nodes, want.nodes);
  compare('edge', got.edges, want.edges);
  return out;
}

/** The first differing line of two texts, with its neighbours. */
function diffExcerpt(got: string, want: string): string {
  const a = got.split('\n');
  const b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (lines: string[]) => lines.slice(Math.max(0, i - 2), i + 3).map((l, k) => `${String(Math.max(0, i - 2) + k + 1).padStart(5)}| ${l}`).join('\n');
  return `first difference at line ${i + 1} (got ${a.length} lines, want ${b.length})\n--- got\n${show(a)}\n--- want\n${show(b)}`;
}

describe('-dot equals go tool pprof -dot', () => {
  if (!goAvailable()) {
    const reason = 'go is not on PATH: the -dot goldens are made by go tool pprof (install golang-go)';
    if (process.env.CI === 'true') {
      it('go tool pprof is available in CI', () => assert.fail(reason));
    } else {
      console.log(`dot.test.ts: skipped: ${reason}`);
      it('goldens', { skip: reason }, () => {});
    }
    return;
  }
  const known = knownFailures();

  it('dot-known-failures.txt names only cases of this suite, each with a reason', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const [name, reason] of known) {
      assert.ok(names.has(name), `dot-known-failures.txt lists "${name}", which is not a case`);
      assert.notEqual(reason, '', `dot-known-failures.txt: "${name}" needs a "# reason"`);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      const cwd = fixture(c.dir);
      const cmd = `(cd ${cwd} && go tool pprof -symbolize=none ${c.argv.join(' ')})`;
      const want = runGoPprof(c.argv, cwd);
      assert.equal(want.status, 0, `${cmd} failed: ${want.stderr.trim()}`);
      const got = runCli(c.argv, { cwd });
      const pass = got.status === 0 && got.stdout === want.stdout;
      if (known.has(c.name)) {
        assert.ok(!pass, `"${c.name}" passes now: remove it from test/golden/dot-known-failures.txt`);
        return;
      }
      assert.equal(got.status, 0, `pprof-lens ${c.argv.join(' ')} exited ${got.status}: ${got.stderr.trim()}`);
      // 1. Same nodes, labels (flat, cum) and edge weights: a failure names what differs.
      const diffs = summaryDiff(summarizeDot(got.stdout), summarizeDot(want.stdout));
      assert.deepEqual(diffs, [], `${cmd}: node or edge differs:\n${diffs.slice(0, 20).join('\n')}`);
      // 2. Byte for byte: order, ids, colors, font sizes, nodelets, legend.
      if (got.stdout !== want.stdout) assert.fail(`${cmd}: text differs: ${diffExcerpt(got.stdout, want.stdout)}`);
    });
  }

  it('dist/cli.js prints the same -dot as go tool pprof (piped stdout)', () => {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    assert.ok(existsSync(cli), `${cli} is missing: run npm run build first (npm test does)`);
    const cwd = fixture('real/google-pprof/internal/proftest/testdata');
    const argv = ['-dot', '-lines', '-nodecount=120', 'large.cpu'];
    const r = spawnSync(process.execPath, [cli, ...argv], { cwd, env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr.toString());
    const want = runGoPprof(argv, cwd);
    assert.equal(r.stdout.toString(), want.stdout);
  });

  it('summaries see nodes, nodelets and edges (self-check of the parser)', () => {
    const cwd = fixture('leaky');
    const s = summarizeDot(runCli(['-dot', 'heap.3.pprof'], { cwd }).stdout);
    assert.match(s.nodes.get('main.TrackRequest') ?? '', /^main\\nTrackRequest\\n\d/);
    assert.ok(s.nodes.has('main.TrackRequest / 10kB'), [...s.nodes.keys()].join(', '));
    assert.ok(s.edges.has('main.workHandler -> main.TrackRequest'));
  });
});
