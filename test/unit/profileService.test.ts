// The worker's answers carry pprof's numbers: the editor's line stats equal `go tool pprof -list`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ProfileService } from '../../src/worker/profileService';
import * as path from 'node:path';
import { fixture, repoRoot } from '../support/fixtures';

const LEAKY_MAIN = '/vagrant_data/go/src/github.com/example/leaky/main.go';

/** Parses the source lines of a -list golden: line → [flat, cum] texts ('.' for zero). */
function listGolden(name: string): Map<number, [string, string]> {
  const out = new Map<number, [string, string]>();
  for (const l of readFileSync(fixture('golden', 'leaky', name), 'utf8').split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(l);
    if (m) out.set(Number(m[3]), [m[1], m[2]]);
  }
  return out;
}

function open(name: string): ProfileService {
  return ProfileService.open(fixture('leaky', name), undefined, () => {});
}

test('line stats equal -list for every sample type of heap.3', () => {
  const svc = open('heap.3.pprof');
  const types = svc.summary().sampleTypes.map((t) => t.type);
  assert.deepEqual(types, ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  types.forEach((type, sampleIndex) => {
    const golden = listGolden(`heap.3.pprof.list_main.${type}.txt`);
    const stats = new Map(svc.lineStats({ query: { sampleIndex }, files: [LEAKY_MAIN] }).map((s) => [s.line, s]));
    let compared = 0;
    for (const [line, [flat, cum]] of golden) {
      const s = stats.get(line);
      if (flat === '.' && cum === '.') continue;
      assert.ok(s, `${type}: line ${line} has ${flat} ${cum} in -list but no stat`);
      assert.equal(s.flat === 0 ? '.' : s.flatText, flat, `${type} flat at line ${line}`);
      assert.equal(s.cum === 0 ? '.' : s.cumText, cum, `${type} cum at line ${line}`);
      compared++;
    }
    assert.ok(compared > 0, `${type}: nothing compared`);
  });
});

test('summary: default sample type is inuse_space, header as -top; files include main.go', () => {
  const svc = open('heap.3.pprof');
  const s = svc.summary();
  assert.equal(s.sampleTypes[s.defaultSampleIndex].type, 'inuse_space');
  assert.equal(s.sampleTypes[s.defaultSampleIndex].totalText, '51.99MB');
  const top = readFileSync(fixture('golden', 'leaky', 'heap.3.pprof.top.txt'), 'utf8').split('\n');
  assert.deepEqual(s.headerLines, top.slice(0, 3));
  assert.ok(svc.files().includes(LEAKY_MAIN));
});

test('hot lines: the leak is first, with -list numbers and the function name', () => {
  const svc = open('heap.3.pprof');
  const hot = svc.hotLines({ query: { sampleIndex: 3 }, limit: 5 });
  assert.equal(hot[0].file, LEAKY_MAIN);
  assert.equal(hot[0].line, 25);
  assert.equal(hot[0].functionName, 'main.TrackRequest');
  assert.equal(hot[0].flatText, '49.48MB');
  assert.equal(hot[0].flatPercent, '95.18%');
  for (let i = 1; i < hot.length; i++) assert.ok(Math.abs(hot[i - 1].flat) >= Math.abs(hot[i].flat));
});

test('line detail: every sample type, the function and its caller', () => {
  const svc = open('heap.3.pprof');
  const d = svc.lineDetail({ query: { sampleIndex: 3 }, file: LEAKY_MAIN, line: 25 });
  assert.equal(d.values.length, 4);
  assert.equal(d.values[3].flatText, '49.48MB');
  assert.equal(d.values[3].flatPercent, '95.18%');
  assert.deepEqual(d.functions.map((f) => f.name), ['main.TrackRequest']);
  assert.equal(d.callers[0].name, 'main.workHandler');
});

test('a bad file is a ProfileError with one line', () => {
  assert.throws(() => open('heap.debug1.txt'), (e: Error) => e.name === 'ProfileError' && /debug=1|debug=0/.test(e.message) && !e.message.includes('\n'));
});

test('Open Source on a function lands on its hottest line for the sample type, in Top, Peek and the flame graph', () => {
  // The bundled example: main.recordRequest allocates on audit.go:15 (the make) and a little on
  // :19 (the append); the flame tree's own line for it was :19, the Top table's the start line :14.
  const svc = ProfileService.open(path.join(repoRoot, 'examples', 'leaky-service', 'profiles', 'heap.3.pb.gz'), undefined, () => {});
  const types = svc.summary().sampleTypes.map((t) => t.type);
  for (const type of ['inuse_space', 'alloc_space']) {
    const query = { sampleIndex: types.indexOf(type) };
    const file = svc.files().find((f) => f.endsWith('/audit.go'))!;
    // The hottest line of the function is where the annotations put the most flat.
    const stats = svc.lineStats({ query, files: [file] });
    const hottest = stats.reduce((a, b) => (Math.abs(b.flat) > Math.abs(a.flat) ? b : a));
    assert.equal(hottest.line, 15, `${type}: ${JSON.stringify(stats)}`);
    const want = { file, line: 15 };
    // Top's row says where the function is (no start line in this profile: the smallest line
    // seen, :15) and that Open Source asks the worker for its hottest line, which the table
    // does not wait for.
    const top = svc.top({ query, granularity: 'functions', search: '^main\\.recordRequest$', offset: 0, limit: 5 });
    assert.deepEqual(top.rows.map((r) => [r.source, r.hotLineOnOpen]), [[{ file, line: 15 }, true]], `${type}: Top`);
    assert.deepEqual(svc.functionSource({ query, functionName: 'main.recordRequest' }), want, `${type}: Top's Open Source`);
    const peek = svc.peek({ query, granularity: 'functions', regexp: '^main\\.recordRequest$' });
    assert.deepEqual(peek.entries.map((e) => e.source), [want], `${type}: Peek`);
    const tree = svc.flame({ query });
    const k = tree.names.indexOf('main.recordRequest');
    assert.deepEqual({ file: tree.files[k], line: tree.lines[k] }, want, `${type}: flame graph`);
  }
  // A function with no flat of its own lands on its heaviest call site (-list main.main.func1: main.go:43).
  const caller = svc.functionSource({ query: { sampleIndex: types.indexOf('inuse_space') }, functionName: 'main.main.func1' });
  assert.deepEqual([path.basename(caller!.file), caller!.line], ['main.go', 43]);
});
