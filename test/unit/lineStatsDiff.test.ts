// The comparison with a base, in the core: lineStatsDiff's per-line before/after/delta and
// fetchProfiles' -base, -diff_base, -normalize and -add_comment. Expected numbers are go tool
// pprof's (quoted in the comments: heap.3 compared with heap.0 of the leaky service) or, for the
// lines go tool pprof prints no golden of, the engine's -list numbers of each profile, written out
// as literals (the engine's -list is held byte-identical to pprof's by the golden suites).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fetchProfiles, runReport } from '../../src/core/driver';
import { lineStatsDiff, type LineDiff } from '../../src/core/lineStatsDiff';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { sampleLabels, type Profile } from '../../src/core/profile';
import { fixture } from '../support/fixtures';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

const load = (name: string) => parseProfile(readFileSync(fixture('leaky', name)), { inflater: nodeInflater });
const h0 = load('heap.0.pprof');
const h3 = load('heap.3.pprof');

/** [file's base name, line, functions, flat before/after/delta, cum before/after/delta]. */
const row = (l: LineDiff) => [l.file.replace(/.*\//, ''), l.line, l.functions.join(','), l.flat.before, l.flat.after, l.flat.delta, l.cum.before, l.cum.after, l.cum.delta];

// inuse_space of heap.3 against heap.0, every line with a value in either, sorted by file then line.
// go tool pprof -list -diff_base=heap.0.pprof TrackRequest heap.3.pprof: main.go:25 is 48.47MB
// (50824768 B); -list of heap.0: 1.01MB (1058849 B); of heap.3: 49.48MB (51883617 B).
// -top -diff_base: main.checksum 1.01MB (1053961 B), nothing in heap.0.
const INUSE: unknown[][] = [
  ['bufio.go', 593, 'bufio.NewWriterSize', 526338, 526338, 0, 526338, 526338, 0],
  ['server.go', 848, 'net/http.newBufioWriterSize', 0, 0, 0, 526338, 526338, 0],
  ['server.go', 1913, 'net/http.(*conn).serve', 0, 0, 0, 526338, 526338, 0],
  ['server.go', 1991, 'net/http.(*conn).serve', 0, 0, 0, 1058849, 52937578, 51878729],
  ['server.go', 2109, 'net/http.HandlerFunc.ServeHTTP', 0, 0, 0, 1058849, 52937578, 51878729],
  ['server.go', 2487, 'net/http.(*ServeMux).ServeHTTP', 0, 0, 0, 1058849, 52937578, 51878729],
  ['server.go', 2947, 'net/http.serverHandler.ServeHTTP', 0, 0, 0, 1058849, 52937578, 51878729],
  ['asm_amd64.s', 492, 'runtime.systemstack', 0, 0, 0, 524496, 524496, 0],
  ['proc.go', 211, 'runtime.main', 524336, 524336, 0, 524336, 524336, 0],
  ['proc.go', 4076, 'runtime.malg', 524496, 524496, 0, 524496, 524496, 0],
  ['proc.go', 4098, 'runtime.newproc.func1', 0, 0, 0, 524496, 524496, 0],
  ['proc.go', 4123, 'runtime.newproc1', 0, 0, 0, 524496, 524496, 0],
  ['main.go', 25, 'main.TrackRequest', 1058849, 51883617, 50824768, 1058849, 51883617, 50824768],
  ['main.go', 43, 'main.checksum', 0, 1053961, 1053961, 0, 1053961, 1053961],
  ['main.go', 49, 'main.workHandler', 0, 0, 0, 1058849, 51883617, 50824768],
  ['main.go', 50, 'main.workHandler', 0, 0, 0, 0, 1053961, 1053961],
];

test('lineStatsDiff -diff_base: every line, its functions and values, the totals of pprof', () => {
  const d = lineStatsDiff(h3, h0);
  assert.deepEqual([d.mode, d.sampleType, d.sampleUnit], ['diff_base', 'inuse_space', 'bytes']);
  // -diff_base: "Total: 2.51MB" (the base's total, 2634019 B); heap.3 alone: 51.99MB.
  assert.deepEqual([d.total, d.afterTotal, d.beforeTotal], [2634019, 54512748, 2634019]);
  assert.deepEqual(d.lines.map(row), INUSE);
});

test('lineStatsDiff -base: the same lines, the total is the difference\'s (49.48MB)', () => {
  const d = lineStatsDiff(h3, h0, { sampleIndex: 'inuse_space' }, 'base');
  assert.equal(d.mode, 'base');
  // go tool pprof -top -base=heap.0.pprof heap.3.pprof: "100% of 49.48MB total".
  assert.deepEqual([d.total, d.afterTotal, d.beforeTotal], [51878729, 54512748, 2634019]);
  assert.deepEqual(d.lines.map(row), INUSE);
});

test('lineStatsDiff the other way round: lines only in the base, negative deltas, another sample type', () => {
  // heap.0 against heap.3 for alloc_objects: most of heap.3's allocations are gone in heap.0
  // (deltas negative), and lines with samples in heap.3 only (after 0) are kept.
  const d = lineStatsDiff(h0, h3, { sampleIndex: 'alloc_objects' });
  assert.deepEqual([d.sampleType, d.sampleUnit, d.total, d.afterTotal, d.beforeTotal, d.lines.length], ['alloc_objects', 'count', 1031460, 53079, 1031460, 42]);
  const at = (file: string, line: number) => d.lines.filter((l) => l.file.endsWith(file) && l.line === line).map(row);
  assert.deepEqual(at('/leaky/main.go', 43), [['main.go', 43, 'main.checksum', 927117, 37935, -889182, 927117, 37935, -889182]]);
  assert.deepEqual(at('/leaky/main.go', 45), [['main.go', 45, 'main.checksum', 0, 0, 0, 8192, 0, -8192]]);
  assert.deepEqual(at('/context/context.go', 238), [['context.go', 238, 'context.WithCancel', 32768, 0, -32768, 32768, 0, -32768]]);
  assert.deepEqual(at('/net/http/server.go', 1029), [['server.go', 1029, 'net/http.(*conn).readRequest', 0, 0, 0, 40960, 8192, -32768]]);
  // Sorted by the full file name, then by line.
  const keys = d.lines.map((l) => `${l.file}:${l.line}`);
  assert.deepEqual(keys.slice(0, 6), [
    '/usr/lib/go-1.19/src/bufio/bufio.go:593',
    '/usr/lib/go-1.19/src/compress/flate/deflate.go:666',
    '/usr/lib/go-1.19/src/compress/gzip/gzip.go:191',
    '/usr/lib/go-1.19/src/context/context.go:236',
    '/usr/lib/go-1.19/src/context/context.go:238',
    '/usr/lib/go-1.19/src/encoding/hex/hex.go:109',
  ]);
  assert.deepEqual(keys.slice(-5), [
    '/vagrant_data/go/src/github.com/example/leaky/main.go:25',
    '/vagrant_data/go/src/github.com/example/leaky/main.go:43',
    '/vagrant_data/go/src/github.com/example/leaky/main.go:45',
    '/vagrant_data/go/src/github.com/example/leaky/main.go:49',
    '/vagrant_data/go/src/github.com/example/leaky/main.go:50',
  ]);
});

test('lineStatsDiff drops a line whose values cancel out in both profiles', () => {
  // pprof's graph drops a node whose flat and cum are 0, but a line adds up every function on it:
  // here a (+5) and b (−5) share a.go:10, so the line sums to 0 in the profile and in the
  // difference, and is not shown. The base has 1 on c.go:30, the profile 2 on main.go:5.
  const spec = (samples: ProfileSpec['samples']): ProfileSpec => ({
    sampleTypes: [['alloc_space', 'bytes']],
    samples,
    locations: [{ id: 1, lines: [[1, 10]] }, { id: 2, lines: [[2, 5]] }, { id: 3, lines: [[3, 30]] }, { id: 4, lines: [[4, 10]] }],
    functions: [{ id: 1, name: 'a', file: 'a.go' }, { id: 2, name: 'main', file: 'main.go' }, { id: 3, name: 'c', file: 'c.go' }, { id: 4, name: 'b', file: 'a.go' }],
  });
  const parse = (sp: ProfileSpec) => parseProfile(encodeProfile(sp), { inflater: nodeInflater });
  const profile = parse(spec([{ locationIds: [1], values: [5] }, { locationIds: [4], values: [-5] }, { locationIds: [2], values: [2] }]));
  const base = parse(spec([{ locationIds: [3], values: [1] }]));
  assert.deepEqual(lineStatsDiff(profile, base).lines.map(row), [
    ['c.go', 30, 'c', 1, 0, -1, 1, 0, -1],
    ['main.go', 5, 'main', 0, 2, 2, 0, 2, 2],
  ]);
});

test('lineStatsDiff keeps a line whose only value is the same flat in both profiles', () => {
  // a (leaf, +5) and b (calling x, −5) share a.go:10: its flat is 5 and its cum 0 in both profiles,
  // so every delta is 0 and only the flat before and after say the line has samples.
  const spec: ProfileSpec = {
    sampleTypes: [['alloc_space', 'bytes']],
    samples: [{ locationIds: [1], values: [5] }, { locationIds: [3, 2], values: [-5] }],
    locations: [{ id: 1, lines: [[1, 10]] }, { id: 2, lines: [[2, 10]] }, { id: 3, lines: [[3, 1]] }],
    functions: [{ id: 1, name: 'a', file: 'a.go' }, { id: 2, name: 'b', file: 'a.go' }, { id: 3, name: 'x', file: 'x.go' }],
  };
  const p = parseProfile(encodeProfile(spec), { inflater: nodeInflater });
  assert.deepEqual(lineStatsDiff(p, p).lines.map(row), [
    ['a.go', 10, 'a,b', 5, 5, 0, 0, 0, 0],
    ['x.go', 1, 'x', -5, -5, 0, -5, -5, 0],
  ]);
});

test('fetchProfiles: -normalize needs a base, and scales the profile to the base\'s total', () => {
  assert.throws(() => fetchProfiles({ sources: [h3] }, { normalize: true }), { message: 'must have base profile to normalize by' });
  // go tool pprof -normalize -diff_base=heap.0.pprof -top heap.3.pprof:
  //   Showing nodes accounting for 0, 0% of 2572.28kB total
  //    1414.19kB 54.98% 54.98%  1414.19kB 54.98%  main.TrackRequest
  //    -489.17kB 19.02% 35.96%  -489.17kB 19.02%  bufio.NewWriterSize (inline)
  const top = runReport({ sources: [h3], bases: [h0] }, { command: { name: 'top' }, diffBase: true, normalize: true }).split('\n');
  assert.equal(top.find((l) => l.startsWith('Showing nodes')), 'Showing nodes accounting for 0, 0% of 2572.28kB total');
  assert.equal(top.find((l) => l.endsWith('main.TrackRequest')), ' 1414.19kB 54.98% 54.98%  1414.19kB 54.98%  main.TrackRequest');
  assert.equal(top.find((l) => l.includes('bufio.NewWriterSize')), ' -489.17kB 19.02% 35.96%  -489.17kB 19.02%  bufio.NewWriterSize (inline)');
});

test('fetchProfiles: -diff_base marks the base\'s samples, -base and no flag do not; -add_comment is appended', () => {
  const marked = (p: Profile) => {
    let n = 0;
    for (let i = 0; i < p.samples.count; i++) if (sampleLabels(p, i).some((l) => l.key === 'pprof::base' && l.str === 'true')) n++;
    return n;
  };
  const base = fetchProfiles({ sources: [h3], bases: [h0] }, { normalize: false });
  assert.equal(marked(base), 0, 'no diffBase argument: -base');
  assert.ok(marked(fetchProfiles({ sources: [h3], bases: [h0] }, { normalize: false }, true)) > 0);
  const withComment = fetchProfiles({ sources: [h3], comment: 'after the deploy' }, { normalize: false });
  assert.deepEqual(withComment.comments.slice(h3.comments.length), ['after the deploy']);
  assert.deepEqual(fetchProfiles({ sources: [h3] }, { normalize: false }).comments, h3.comments);
});
