// sniffNonProfile names every non-profile.proto input we know of, and never claims a real
// profile is something else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describeNonProfile, otherToolFile, sniffNonProfile } from '../../src/core/sniff';
import { fixture } from '../support/fixtures';

const LEGACY_FIX = 'fetch it with debug=0 or convert it with `go tool pprof -proto`';

/** What each file of real/NOT_PROTO.txt must be called (by base name: duplicates share one). */
const expectedNames: Record<string, RegExp> = {
  'cppbench.cpu': /a CPU profile in legacy binary format \(gperftools/,
  'go.crc32.cpu': /a CPU profile in legacy binary format \(gperftools, or the Go runtime before Go 1\.9\)/,
  'gobench.cpu': /a CPU profile in legacy binary format/,
  'java.cpu': /a Java CPU profile in legacy binary format/,
  'cppbench.small.contention': /a gperftools contention profile in legacy text format/,
  'cppbench.contention': /a gperftools contention profile in legacy text format/,
  'cppbench.growth': /a gperftools heap growth profile in legacy text format/,
  'cppbench.heap': /a gperftools heap profile in legacy text format/,
  'cppbench.thread': /a thread profile in legacy text format/,
  'cppbench.thread.all': /a thread profile in legacy text format/,
  'cppbench.thread.none': /a thread profile in legacy text format/,
  'go.godoc.thread': /a Go threadcreate profile in debug=1 text format/,
  'gobench.heap': /a Go heap profile in debug=1 text format/,
  'java.contention': /a Java contention profile in legacy text format/,
  'java.heap': /a Java heap profile in legacy text format/,
  'jemalloc.heap': /a jemalloc heap dump .*`go tool pprof` cannot read it either/,
};

function notProtoFiles(): string[] {
  return readFileSync(fixture('real', 'NOT_PROTO.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('sniffNonProfile on the fixtures', () => {
  for (const rel of notProtoFiles()) {
    it(`names real/${rel}`, () => {
      const want = expectedNames[path.basename(rel)];
      assert.ok(want, `no expected name for ${rel}: add it to expectedNames`);
      const got = sniffNonProfile(readFileSync(fixture('real', rel)));
      assert.ok(got, 'not recognized');
      assert.match(got.description, want);
      assert.equal(got.certain, true, 'a legacy header is certain: it must be refused before decoding');
      assert.ok(!got.description.includes('\n'));
      if (!rel.endsWith('jemalloc.heap')) assert.ok(got.description.endsWith(`not profile.proto: ${LEGACY_FIX}`), got.description);
    });
  }

  it('names leaky/heap.debug1.txt as a Go heap profile in debug=1 text format', () => {
    assert.equal(
      describeNonProfile(readFileSync(fixture('leaky', 'heap.debug1.txt'))),
      `the file is a Go heap profile in debug=1 text format, not profile.proto: ${LEGACY_FIX}`,
    );
  });

  it('names leaky/goroutine.debug2.txt as a goroutine dump that pprof cannot read', () => {
    assert.match(describeNonProfile(readFileSync(fixture('leaky', 'goroutine.debug2.txt'))) ?? '', /Go goroutine dump \(debug=2 text\).*debug=0/);
  });

  it('recognizes nothing certain in any real profile.proto', () => {
    const listed = new Set(notProtoFiles());
    const dataFiles = [...walk(fixture('real')), ...walk(fixture('leaky'))].filter((f) => isProtoFixture(f, listed));
    assert.ok(dataFiles.length > 40);
    for (const f of dataFiles) {
      let bytes: Uint8Array = readFileSync(f);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      assert.equal(sniffNonProfile(bytes)?.certain ?? false, false, f);
    }
  });
});

describe('sniffNonProfile on other inputs', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const cases: Array<[string, Uint8Array, RegExp, boolean]> = [
    ['empty', new Uint8Array(0), /^empty input file/, true],
    ['Go goroutine debug=1', text('goroutine profile: total 4\n2 @ 0x43 0x44\n#\t0x43\tmain.f+0x1\t/x.go:3\n'), /a Go goroutine profile in debug=1 text format/, true],
    ['Go mutex debug=1', text('--- mutex:\ncycles/second=2000000000\nsampling period=1\n'), /a Go mutex profile in debug=1/, true],
    ['Go block debug=1', text('--- contention:\ncycles/second=2000000000\n'), /a Go block \(contention\) profile in debug=1/, true],
    ['Go allocs debug=1 with BOM and CRLF', text('\ufeffheap profile: 1: 2 [3: 4] @ heap/1048576\r\n'), /a Go heap profile in debug=1/, true],
    ['Go panic trace', text('panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n'), /Go panic or crash trace/, true],
    ['V8 cpuprofile', text('{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"}}],"startTime":1,"endTime":2}'), /V8\/Chrome CPU profile \(\.cpuprofile JSON\)/, true],
    ['V8 heapprofile', text('{"head":{"callFrame":{"functionName":"(root)"},"selfSize":0}}'), /sampling heap profile/, true],
    ['Chrome trace', text('{"traceEvents":[]}'), /Chrome trace/, true],
    ['other JSON', text('{"a": 1}'), /is JSON/, false],
    ['HTML page', text('<!DOCTYPE html>\n<html><body>login</body></html>'), /an HTML page.*\/debug\/pprof\/heap/, true],
    ['HTML without doctype', text('  <html lang="en"><head>'), /an HTML page/, true],
    ['SVG from pprof -svg', text('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "x">\n<svg width="100"'), /SVG image/, true],
    ['pprof text report', text('File: leaky\nType: inuse_space\nShowing nodes accounting for 1MB\n'), /text report/, true],
    ['plain text', text('404 page not found\n'), /plain text, not profile\.proto \(it begins "404 page not found"\)/, false],
    ['folded stacks', text('main;foo;bar 12\nmain;foo 3\n'), /folded \(collapsed\) stacks/, false],
    ['gzip inside gzip', gzipSync(Buffer.from('x')), /gzip-compressed twice/, true],
    ['zstd', Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0, 0), /zstd-compressed/, true],
    ['ELF', Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1), /ELF executable/, true],
    ['Go execution trace', text('go 1.19 trace\0\0\0\0'), /Go execution trace/, true],
  ];
  for (const [name, bytes, want, certain] of cases) {
    it(name, () => {
      const got = sniffNonProfile(bytes);
      assert.ok(got, 'not recognized');
      assert.match(got.description, want);
      assert.equal(got.certain, certain);
      assert.ok(!got.description.includes('\n'));
    });
  }

  it('says nothing about binary data it does not know', () => {
    assert.equal(describeNonProfile(Uint8Array.of(0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x00)), undefined);
  });

  it('keeps the first line of plain text short and on one line', () => {
    const d = describeNonProfile(text(`${'x'.repeat(100)}\tend\n`)) ?? '';
    assert.ok(d.length < 140, d);
    assert.ok(d.includes('…'));
  });
});

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** The profile.proto files among the fixtures: data files not listed in NOT_PROTO.txt. */
function isProtoFixture(file: string, notProto: Set<string>): boolean {
  if (/\.(md|go|sh|mod|txt)$/.test(file)) return false;
  const rel = path.relative(fixture('real'), file);
  return !notProto.has(rel);
}

/** A real Python profile stats file, written now by `python` running `code` under `module`. */
function pythonStats(module: 'cProfile' | 'profile', code: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-pstats-'));
  try {
    const out = path.join(dir, 'x.prof');
    execFileSync('python3', ['-c', `import ${module}; ${module}.run(${JSON.stringify(code)}, ${JSON.stringify(out)})`]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a .prof of another tool', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const PSTATS = 'the file is Python cProfile output (pstats), not a pprof profile: read it with Python\'s pstats (`python3 -m pstats`) or a viewer such as snakeviz';

  it('names real cProfile and profile output, for certain', () => {
    for (const [module, code] of [['cProfile', 'sum(range(10))'], ['profile', 'sorted(str(i) for i in range(100))']] as const) {
      const got = sniffNonProfile(pythonStats(module, code));
      assert.deepEqual(got, { description: PSTATS, certain: true, otherTool: 'Python cProfile output' }, module);
    }
  });

  it('names the marshal forms of older Pythons and an empty stats dict', () => {
    // Python 2 / marshal version < 4: dict '{', tuple '(' with a 32-bit count of 3; an empty dict is "{0".
    assert.equal(sniffNonProfile(Uint8Array.of(0x7b, 0x28, 3, 0, 0, 0, 0x73, 1, 0, 0, 0, 0x61))?.otherTool, 'Python cProfile output');
    assert.equal(sniffNonProfile(Uint8Array.of(0x7b, 0x30))?.otherTool, 'Python cProfile output');
    assert.notEqual(sniffNonProfile(Uint8Array.of(0x7b, 0x28, 4, 0, 0, 0))?.otherTool, 'Python cProfile output', 'a 4-tuple key is not pstats');
  });

  it('hands cProfile, GHC, text and JSON files to the text editor, naming them', () => {
    assert.deepEqual(otherToolFile(pythonStats('cProfile', 'sum(range(10))')), { tool: 'Python cProfile output', certain: true });
    const ghc = '\tWed Dec  3 05:00 2026 Time and Allocation Profiling Report  (Final)\n\n\t   fib +RTS -p -RTS\n\n\ttotal time  =        0.01 secs\n';
    assert.deepEqual(otherToolFile(text(ghc)), { tool: 'a GHC profiling report', certain: true });
    assert.equal(describeNonProfile(text(ghc)), 'the file is a GHC profiling report (`+RTS -p` text), not a pprof profile: it is meant to be read as text');
    assert.deepEqual(otherToolFile(text('some notes\n')), { tool: 'text', certain: false });
    assert.deepEqual(otherToolFile(text('{"nodes":[{"callFrame":{}}],"startTime":1}')), { tool: 'a V8/Chrome CPU profile', certain: true });
    // Binary that no profile.proto starts with: another tool's, unnamed.
    assert.deepEqual(otherToolFile(Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59)), { tool: undefined, certain: false });
  });

  it("keeps what may be pprof's own in the profile view", () => {
    const heap = readFileSync(fixture('leaky', 'heap.3.pprof'));
    assert.equal(otherToolFile(heap.subarray(0, 4096)), undefined, 'a gzipped profile');
    assert.equal(otherToolFile(gunzipSync(heap).subarray(0, 4096)), undefined, 'a raw profile.proto');
    assert.equal(otherToolFile(gunzipSync(heap).subarray(0, 7)), undefined, 'a truncated raw profile.proto');
    assert.equal(otherToolFile(readFileSync(fixture('leaky', 'heap.debug1.txt'))), undefined, 'a Go debug=1 profile');
    assert.equal(otherToolFile(readFileSync(fixture('leaky', 'goroutine.debug2.txt'))), undefined, 'a goroutine dump');
    assert.equal(otherToolFile(new Uint8Array(0)), undefined, 'an empty file (a failed capture)');
    for (const rel of notProtoFiles()) assert.equal(otherToolFile(readFileSync(fixture('real', rel)).subarray(0, 4096)), undefined, rel);
  });
});
