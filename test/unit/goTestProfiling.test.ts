// The pure parts of "profile a Go test or benchmark": finding tests in a file by go test's rules,
// building the command line, reading benchmark output and failures (outputs are go 1.19's, verbatim).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildGoTestCommand,
  DEFAULT_GO_TEST_OPTIONS,
  exactPattern,
  fileTimestamp,
  parseEnv,
  runBaseName,
  shellQuote,
  splitFlags,
} from '../../src/extension/tests/goTestCommand';
import { blankCommentsAndStrings, enclosingFunction, findGoTests, isGoTestFileName, tagsOfConstraint } from '../../src/extension/tests/goTestFinder';
import {
  classifyGoTestOutput,
  compareMetric,
  formatChange,
  formatMetric,
  formatSummary,
  parseBenchOutput,
  summarize,
  summarizeBench,
} from '../../src/extension/tests/goTestOutput';
import { previousRun, runGroupKey, type ProfileRun } from '../../src/extension/tests/goTestRunner';
import { iterationsNote, runDescription, runGroupLabel, runTooltip } from '../../src/extension/tests/profileRunsModel';

const names = (src: string, file = 'x_test.go') => findGoTests(file, src).functions.map((f) => `${f.kind}:${f.name}@${f.line}`);

describe('findGoTests', () => {
  it('finds TestXxx(*testing.T) and BenchmarkXxx(*testing.B) with their 0-based lines', () => {
    const src = [
      'package foo',
      '',
      'import "testing"',
      '',
      'func TestJoin(t *testing.T) {}',
      'func BenchmarkJoin(b *testing.B) {}',
      'func Test(t *testing.T) {}',
      'func Benchmark_x(b *testing.B) {}',
      'func TestÉté(t *testing.T) {}',
    ].join('\n');
    assert.deepEqual(names(src), ['test:TestJoin@4', 'benchmark:BenchmarkJoin@5', 'test:Test@6', 'benchmark:Benchmark_x@7', 'test:TestÉté@8']);
  });

  it('skips what go test skips: lower-case suffix, receivers, wrong parameter, TestMain, fuzz, generics, nested', () => {
    const src = [
      'package foo',
      'import "testing"',
      'func Testjoin(t *testing.T) {}',
      'func Testété(t *testing.T) {}',
      'func (s *S) TestMethod(t *testing.T) {}',
      'func TestWrongType(b *testing.B) {}',
      'func BenchmarkWrongType(t *testing.T) {}',
      'func TestTB(t testing.TB) {}',
      'func TestNoPointer(t testing.T) {}',
      'func TestMain(m *testing.M) {}',
      'func FuzzX(f *testing.F) {}',
      'func TestTwo(t *testing.T, x int) {}',
      '  func TestIndented(t *testing.T) {}',
      'func helper(t *testing.T) {}',
    ].join('\n');
    assert.deepEqual(names(src), []);
  });

  it('ignores functions inside comments and strings, and counts lines through them', () => {
    const src = [
      'package foo',
      'import "testing"',
      '/*',
      'func TestInComment(t *testing.T) {}',
      '*/',
      'var s = `',
      'func TestInRaw(t *testing.T) {}',
      '`',
      '// func TestLine(t *testing.T) {}',
      'var q = "func TestQ(t *testing.T) {}"',
      'func TestReal(t *testing.T) {}',
    ].join('\n');
    assert.deepEqual(names(src), ['test:TestReal@10']);
  });

  it('follows the name "testing" is imported as, and ignores a blank import', () => {
    const aliased = 'package foo\nimport (\n\t"fmt"\n\ttt "testing"\n)\nfunc TestA(t *tt.T) {}\nfunc TestB(t *testing.T) {}\n';
    assert.deepEqual(names(aliased), ['test:TestA@5']);
    const dot = 'package foo\nimport . "testing"\nfunc TestA(t *T) {}\n';
    assert.deepEqual(names(dot), ['test:TestA@2']);
    assert.deepEqual(names('package foo\nimport _ "testing"\nfunc TestA(t *testing.T) {}\n'), []);
    assert.deepEqual(names('package foo\nfunc TestA(t *testing.T) {}\n'), []);
  });

  it('accepts unnamed and blank parameters and spaces go fmt would remove', () => {
    assert.deepEqual(names('package foo\nimport "testing"\nfunc TestA(*testing.T) {}\nfunc TestB(_ *testing.T) {}\nfunc BenchmarkC( b * testing.B ) {}\n'), [
      'test:TestA@2',
      'test:TestB@3',
      'benchmark:BenchmarkC@4',
    ]);
  });

  it('finds nothing outside _test.go files', () => {
    const src = 'package foo\nimport "testing"\nfunc TestA(t *testing.T) {}\n';
    assert.deepEqual(names(src, 'foo.go'), []);
    assert.deepEqual(names(src, '/p/_x_test.go'), []);
    assert.deepEqual(names(src, '/p/.x_test.go'), []);
    assert.deepEqual(names(src, '/p/a_test.go'), ['test:TestA@2']);
    assert.equal(isGoTestFileName('_test.go'), false);
    assert.equal(isGoTestFileName('C:\\p\\join_test.go'), true);
  });

  it('reads the package and the build constraint before the package clause, and the tags it needs', () => {
    const f = findGoTests('x_test.go', '//go:build integration && linux && !race\n\n// Package foo.\npackage foo_test\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n');
    assert.equal(f.packageName, 'foo_test');
    assert.equal(f.constraint, 'integration && linux && !race');
    assert.deepEqual(f.tags, ['integration']);
    assert.deepEqual(f.functions, [{ kind: 'test', name: 'TestA', line: 7 }]);
    // A //go:build after the package clause is just a comment.
    assert.equal(findGoTests('x_test.go', 'package foo\n//go:build slow\n').constraint, '');
    assert.deepEqual(tagsOfConstraint('(slow || e2e) && go1.18 && amd64 && cgo'), ['slow', 'e2e']);
  });

  it('the function at the cursor: from its func line to its closing brace, none between functions', () => {
    const src = 'package foo\n\nfunc TestA(t *testing.T) {\n\tx()\n}\n\nfunc BenchmarkB(b *testing.B) {\n}\n';
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((l) => enclosingFunction(src, l)), [undefined, undefined, 2, 2, 2, undefined, 6, 6]);
  });

  it('blanks comments and literals keeping every line and column', () => {
    const src = 'a := "x\\"y" // c\n/* b\n*/ r := `q\nw` + \'\\\'\'';
    const out = blankCommentsAndStrings(src);
    assert.equal(out.length, src.length);
    assert.deepEqual(out.split('\n').map((l) => l.length), src.split('\n').map((l) => l.length));
    assert.equal(out.replace(/\s+/g, ' ').trim(), 'a := r := +');
  });
});

describe('buildGoTestCommand', () => {
  const profile = '/w/.pprof/tests/p.BenchmarkJoin.mem.T.pprof';
  const bin = '/w/.pprof/tests/p.BenchmarkJoin.mem.T.test';

  it('runs one test with an anchored -run and the profile flag', () => {
    const c = buildGoTestCommand({ kind: 'test', name: 'TestJoin' }, 'cpu', DEFAULT_GO_TEST_OPTIONS, '/w/a b/p.pprof', '/w/a b/p.test');
    assert.deepEqual(c.args, ['test', '-run', '^TestJoin$', '-count', '1', '-cpuprofile', '/w/a b/p.pprof', '-o', '/w/a b/p.test']);
    assert.equal(c.display, "go test -run '^TestJoin$' -count 1 -cpuprofile '/w/a b/p.pprof' -o '/w/a b/p.test'");
  });

  it('runs one benchmark and no test, with -benchmem and every remembered option', () => {
    const c = buildGoTestCommand(
      { kind: 'benchmark', name: 'BenchmarkJoin' },
      'mem',
      { benchtime: '200x', count: 6, memprofilerate: 1, tags: ['integration', 'slow'], extraFlags: `-cpu 1,2 -args -label="it's"`, env: ['GOGC=off', 'NAME=a b'] },
      profile,
      bin,
    );
    assert.deepEqual(c.args, [
      'test', '-tags', 'integration,slow', '-run', '^$', '-bench', '^BenchmarkJoin$', '-benchmem', '-benchtime', '200x', '-count', '6',
      '-memprofile', profile, '-memprofilerate', '1', '-o', bin, '-cpu', '1,2', '-args', "-label=it's",
    ]);
    assert.deepEqual(c.env, { GOGC: 'off', NAME: 'a b' });
    assert.equal(
      c.display,
      `GOGC=off NAME='a b' go test -tags integration,slow -run '^$' -bench '^BenchmarkJoin$' -benchmem -benchtime 200x -count 6 -memprofile ${profile} -memprofilerate 1 -o ${bin} -cpu 1,2 -args '-label=it'\\''s'`,
    );
  });

  it('profiles every test or benchmark of a package when no name is given', () => {
    assert.deepEqual(buildGoTestCommand({ kind: 'test' }, 'block', DEFAULT_GO_TEST_OPTIONS, 'p', 'b').args, ['test', '-count', '1', '-blockprofile', 'p', '-o', 'b']);
    assert.deepEqual(buildGoTestCommand({ kind: 'benchmark' }, 'mutex', DEFAULT_GO_TEST_OPTIONS, 'p', 'b').args, [
      'test', '-run', '^$', '-bench', '.', '-benchmem', '-count', '1', '-mutexprofile', 'p', '-o', 'b',
    ]);
  });

  it('leaves -memprofilerate and -benchtime out when they do not apply', () => {
    const o = { ...DEFAULT_GO_TEST_OPTIONS, memprofilerate: 1, benchtime: '2s' };
    assert.deepEqual(buildGoTestCommand({ kind: 'test', name: 'TestA' }, 'cpu', o, 'p', 'b').args, ['test', '-run', '^TestA$', '-count', '1', '-cpuprofile', 'p', '-o', 'b']);
  });

  it('refuses options that cannot work, in one line', () => {
    const t = { kind: 'test' as const, name: 'TestA' };
    assert.throws(() => buildGoTestCommand(t, 'cpu', { ...DEFAULT_GO_TEST_OPTIONS, count: 0 }, 'p', 'b'), /^Error: -count must be a whole number of at least 1, not 0$/);
    assert.throws(() => buildGoTestCommand(t, 'cpu', { ...DEFAULT_GO_TEST_OPTIONS, extraFlags: '-cpuprofile=x' }, 'p', 'b'), /^Error: extra flag -cpuprofile=x is set by pprof Lens itself; remove it$/);
    assert.throws(() => buildGoTestCommand(t, 'cpu', { ...DEFAULT_GO_TEST_OPTIONS, extraFlags: '--test.run x' }, 'p', 'b'), /extra flag --test.run is set by pprof Lens/);
    assert.throws(() => buildGoTestCommand(t, 'cpu', { ...DEFAULT_GO_TEST_OPTIONS, extraFlags: '-v "open' }, 'p', 'b'), /unterminated "/);
    assert.throws(() => buildGoTestCommand(t, 'cpu', { ...DEFAULT_GO_TEST_OPTIONS, env: ['not an assignment'] }, 'p', 'b'), /environment entry "not an assignment" is not KEY=value/);
  });

  it('anchors and escapes names, quotes for a shell, splits like a shell', () => {
    assert.equal(exactPattern('TestA'), '^TestA$');
    assert.equal(exactPattern('Test.a+(b)'), '^Test\\.a\\+\\(b\\)$');
    assert.equal(shellQuote('^$'), "'^$'");
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('-tags=a,b'), '-tags=a,b');
    assert.deepEqual(splitFlags(`  -v -x='a b' "c \\"d\\"" e\\ f ''  `), ['-v', '-x=a b', 'c "d"', 'e f', '']);
    assert.deepEqual(parseEnv(['A=', 'B=x=y']), { A: '', B: 'x=y' });
  });

  it('names a run after package, test, kind and UTC time', () => {
    const when = new Date(Date.UTC(2026, 11, 3, 2, 40, 5, 123));
    assert.equal(fileTimestamp(when), '2026-12-03T02-40-05Z');
    assert.equal(runBaseName('bench-alloc', { kind: 'benchmark', name: 'BenchmarkJoinFields' }, 'mem', when), 'bench-alloc.BenchmarkJoinFields.mem.2026-12-03T02-40-05Z');
    assert.equal(runBaseName('example.com/x/y', { kind: 'test' }, 'cpu', when), 'example.com_x_y.AllTests.cpu.2026-12-03T02-40-05Z');
  });
});

const BENCH_OUT = `goos: linux
goarch: amd64
pkg: example.com/bench-alloc
cpu: AMD EPYC
BenchmarkJoinFields-2   	   60435	     20705 ns/op	   16632 B/op	      13 allocs/op
BenchmarkJoinFields-2   	   63424	     19740 ns/op	   16632 B/op	      13 allocs/op
BenchmarkSizes/n=10-2   	 1000000	      1042 ns/op	  95.97 MB/s	         3.500 widgets/op
BenchmarkLogs
    join_test.go:20: a log line
BenchmarkLogs-2         	     100	       500.5 ns/op
PASS
ok  	example.com/bench-alloc	3.835s
`;

describe('parseBenchOutput', () => {
  it('reads every result line, custom metrics and a result printed after logs', () => {
    assert.deepEqual(parseBenchOutput(BENCH_OUT), [
      { name: 'BenchmarkJoinFields', procs: 2, iterations: 60435, metrics: { 'ns/op': 20705, 'B/op': 16632, 'allocs/op': 13 } },
      { name: 'BenchmarkJoinFields', procs: 2, iterations: 63424, metrics: { 'ns/op': 19740, 'B/op': 16632, 'allocs/op': 13 } },
      { name: 'BenchmarkSizes/n=10', procs: 2, iterations: 1000000, metrics: { 'ns/op': 1042, 'MB/s': 95.97, 'widgets/op': 3.5 } },
      { name: 'BenchmarkLogs', procs: 2, iterations: 100, metrics: { 'ns/op': 500.5 } },
    ]);
  });

  it('a chatty (-v) name line followed by its numbers reads as one result', () => {
    assert.deepEqual(parseBenchOutput('BenchmarkA\nBenchmarkA-8   \t 10\t 5 ns/op\n'), [{ name: 'BenchmarkA', procs: 8, iterations: 10, metrics: { 'ns/op': 5 } }]);
  });

  it('summarizes -count runs like benchstat: mean without outliers ± max deviation', () => {
    const s = summarizeBench(parseBenchOutput(BENCH_OUT));
    assert.deepEqual(Object.keys(s), ['BenchmarkJoinFields', 'BenchmarkSizes/n=10', 'BenchmarkLogs']);
    assert.equal(s.BenchmarkJoinFields['ns/op'].mean, 20222.5);
    assert.equal(s.BenchmarkJoinFields['ns/op'].spread, 482.5 / 20222.5);
    assert.equal(formatSummary(s.BenchmarkJoinFields['ns/op'], 'ns/op'), '20.2µs/op ± 2%');
    assert.equal(formatSummary(s.BenchmarkJoinFields['B/op'], 'B/op'), '16.2KiB/op ± 0%');
    assert.equal(formatSummary(s.BenchmarkLogs['ns/op'], 'ns/op'), '501ns/op');
    // 100 is an outlier of 10,11,12,13 (outside 1.5 IQR) and is left out.
    assert.deepEqual(summarize([10, 11, 12, 13, 100]), { mean: 11.5, spread: 1.5 / 11.5, n: 5, kept: 4 });
  });

  it('says how a metric changed, and when the change is within the noise', () => {
    const old = summarize([20000, 21000])!;
    const fewer = summarize([10000, 10100])!;
    assert.equal(formatChange(compareMetric(old, fewer)), '−51.0%');
    assert.equal(formatChange(compareMetric(old, summarize([20400, 20800])!)), '~ (+0.5%, within noise)');
    assert.equal(formatChange(compareMetric(summarize([16632])!, summarize([8632])!)), '−48.1%');
    assert.equal(formatChange(compareMetric(summarize([0])!, summarize([0])!)), '0%');
    assert.equal(formatChange(compareMetric(summarize([0])!, summarize([5])!)), 'new');
    assert.equal(formatMetric(1.5e9, 'ns/op'), '1.50s');
    assert.equal(formatMetric(35288, 'B/op'), '34.5KiB');
    assert.equal(formatMetric(1002, 'allocs/op'), '1002');
  });
});

describe('classifyGoTestOutput', () => {
  it('a build error is one line with its file and line', () => {
    const out = '# example.com/bench-alloc [example.com/bench-alloc.test]\n./join.go:13:21: undefined: fieldx\nFAIL\texample.com/bench-alloc [build failed]\n';
    assert.deepEqual(classifyGoTestOutput(2, out, 'TestJoinFields', false), {
      kind: 'build',
      message: 'build failed: join.go:13:21: undefined: fieldx',
      location: { file: './join.go', line: 13, column: 21 },
    });
  });

  it('a failing test is one line with its message and location', () => {
    const out = '--- FAIL: TestJoinFields (0.00s)\n    join_test.go:7: JoinFields(3) = "0,1,2", want "0,1,3"\nFAIL\nexit status 1\nFAIL\texample.com/bench-alloc\t0.203s\n';
    assert.deepEqual(classifyGoTestOutput(1, out, 'TestJoinFields', false), {
      kind: 'test-failed',
      message: 'TestJoinFields failed: join_test.go:7: JoinFields(3) = "0,1,2", want "0,1,3"',
      location: { file: 'join_test.go', line: 7 },
    });
    assert.equal(classifyGoTestOutput(2, 'panic: boom\n\ngoroutine 1\nFAIL\tx\t0.1s\n', 'TestA', false)?.message, 'TestA panicked: boom');
  });

  it('nothing matched: a test or a benchmark that does not exist', () => {
    assert.equal(classifyGoTestOutput(0, 'testing: warning: no tests to run\nPASS\nok  \tx\t0.002s\n', 'TestNope', false)?.message, 'no test matches TestNope in this package (is it saved, and in a _test.go file?)');
    assert.equal(classifyGoTestOutput(0, 'PASS\nok  \tx\t0.005s\n', 'BenchmarkNope', true)?.kind, 'no-match');
  });

  it('a run that passed is no failure', () => {
    assert.equal(classifyGoTestOutput(0, BENCH_OUT, 'BenchmarkJoinFields', true), undefined);
    assert.equal(classifyGoTestOutput(0, 'PASS\nok  \tx\t0.005s\n', 'TestA', false), undefined);
  });
});

describe('Profile Runs text', () => {
  const run = (id: string, started: string, lines: string): ProfileRun => ({
    id,
    packageDir: '/w/bench-alloc',
    packageName: 'bench-alloc',
    target: { kind: 'benchmark', name: 'BenchmarkJoinFields' },
    kind: 'mem',
    started,
    durationMs: 2500,
    command: 'go test …',
    options: DEFAULT_GO_TEST_OPTIONS,
    profile: `/w/.pprof/tests/${id}.pprof`,
    binary: `/w/.pprof/tests/${id}.test`,
    benchmarks: parseBenchOutput(lines),
    sampleType: 'alloc_space',
  });
  const before = run('a', '2026-12-03T01:00:00.000Z', 'BenchmarkJoinFields-2 \t 34184\t 30151 ns/op\t 35288 B/op\t 1002 allocs/op\nBenchmarkJoinFields-2 \t 34184\t 29000 ns/op\t 35288 B/op\t 1002 allocs/op\n');
  const after = run('b', '2026-12-03T01:05:00.000Z', 'BenchmarkJoinFields-2 \t 66715\t 18596 ns/op\t 12288 B/op\t 2 allocs/op\nBenchmarkJoinFields-2 \t 54261\t 20077 ns/op\t 12288 B/op\t 2 allocs/op\n');

  it('a run shows mean ± spread, and the change against the previous run', () => {
    assert.equal(runGroupLabel(after), 'BenchmarkJoinFields · Memory (allocs)');
    assert.equal(runDescription(before), '29.6µs/op ± 2% · 34.5KiB/op ± 0% · 1002 allocs/op ± 0%');
    assert.equal(runDescription(after, before), '19.3µs/op ± 4% (−34.6%) · 12.0KiB/op ± 0% (−65.2%) · 2 allocs/op ± 0% (−99.8%)');
    assert.equal(runDescription({ ...after, target: { kind: 'test', name: 'TestA' }, benchmarks: [] }), '2.5s');
    assert.equal(runGroupLabel({ target: { kind: 'test' }, kind: 'cpu' }), 'all tests · CPU');
  });

  it('groups runs by package, test and kind; the previous run is the next older one of the group', () => {
    const cpu = { ...after, id: 'c', kind: 'cpu' as const, started: '2026-12-03T01:06:00.000Z' };
    const runs = [cpu, after, before];
    assert.equal(previousRun(runs, after)?.id, 'a');
    assert.equal(previousRun(runs, before), undefined);
    assert.equal(previousRun(runs, cpu), undefined);
    assert.notEqual(runGroupKey(cpu), runGroupKey(after));
  });

  it('says when compared benchmark runs did different numbers of iterations', () => {
    assert.equal(
      iterationsNote(after, before),
      'the runs did 68368 and 120976 iterations: profile numbers are totals over all of them, so the diff also reflects the count (per-op numbers are in Profile Runs). For like-for-like profiles set -benchtime to a count, e.g. 1000x (Go Test Profiling Options…).',
    );
    assert.equal(iterationsNote(after, after), undefined);
  });

  it('the tooltip lists every unit of every benchmark with its change', () => {
    assert.equal(
      runTooltip(after, before),
      [
        'BenchmarkJoinFields · Memory (allocs) in bench-alloc',
        'started 2026-12-03T01:05:00.000Z, took 2.5s',
        'go test …',
        '',
        'BenchmarkJoinFields',
        '  19.3µs/op ± 4% (−34.6%)',
        '  12.0KiB/op ± 0% (−65.2%)',
        '  2 allocs/op ± 0% (−99.8%)',
        '',
        'changes against the previous run (2026-12-03T01:00:00.000Z)',
      ].join('\n'),
    );
  });
});
