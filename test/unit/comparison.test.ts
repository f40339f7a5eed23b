// The worker's comparison with a base: line stats are pprof's -diff_base (and -base) numbers, the
// hover gets before/after/delta for every sample type, and every view's query can carry the base.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ProfileService } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';

const LEAKY_MAIN = '/vagrant_data/go/src/github.com/example/leaky/main.go';

/** Line → [flat, cum] texts of a -list golden. */
function listGolden(name: string): Map<number, [string, string]> {
  const out = new Map<number, [string, string]>();
  for (const l of readFileSync(fixture('golden', 'leaky', name), 'utf8').split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(l);
    if (m) out.set(Number(m[3]), [m[1], m[2]]);
  }
  return out;
}

const open = (name: string) => ProfileService.open(fixture('leaky', name), undefined, () => {});

test('line stats with a -diff_base base equal `-list -diff_base`', () => {
  const svc = open('heap.3.pprof');
  const base = { path: fixture('leaky', 'heap.0.pprof'), mode: 'diff_base' as const };
  const summary = svc.compare({ base });
  assert.equal(summary.baseName, 'heap.0.pprof');
  const inuse = summary.types.find((t) => t.type === 'inuse_space')!;
  assert.equal(inuse.delta, inuse.after - inuse.before);
  assert.match(inuse.deltaText, /^\+/);
  const sampleIndex = svc.summary().sampleTypes.findIndex((t) => t.type === 'inuse_space');
  const stats = new Map(svc.lineStats({ query: { sampleIndex, base }, files: [LEAKY_MAIN] }).map((s) => [s.line, s]));
  const golden = listGolden('heap.3-diff_base-heap.0.list_TrackRequest.txt');
  let compared = 0;
  for (const [line, [flat, cum]] of golden) {
    if (flat === '.' && cum === '.') continue;
    const s = stats.get(line);
    assert.ok(s, `line ${line}`);
    assert.equal(s.flatText, flat, `flat at ${line}`);
    assert.equal(s.cumText, cum, `cum at ${line}`);
    compared++;
  }
  assert.ok(compared > 0);
});

test('hover detail of a compared line: before, after and delta for every sample type', () => {
  const svc = open('heap.3.pprof');
  const base = { path: fixture('leaky', 'heap.0.pprof'), mode: 'diff_base' as const };
  const sampleIndex = svc.summary().defaultSampleIndex;
  const d = svc.lineDetail({ query: { sampleIndex, base }, file: LEAKY_MAIN, line: 25 });
  assert.ok(d.comparison);
  assert.deepEqual(d.comparison.map((c) => c.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  for (const c of d.comparison) assert.equal(c.delta, c.after - c.before, c.type);
  const inuse = d.comparison.find((c) => c.type === 'inuse_space')!;
  assert.equal(inuse.deltaText, '+48.47MB');
  assert.equal(inuse.beforeText, '1.01MB', 'go tool pprof -list=TrackRequest heap.0.pprof, line 25');
  const after = listGolden('heap.3.pprof.list_TrackRequest.txt').get(25)!;
  assert.equal(inuse.afterText, after[0]);
});

test('-base mode and the views carry the base: top rows are the difference', () => {
  const svc = open('heap.3.pprof');
  const sampleIndex = svc.summary().defaultSampleIndex;
  const base = { path: fixture('leaky', 'heap.0.pprof'), mode: 'base' as const };
  const plain = svc.lineStats({ query: { sampleIndex }, files: [LEAKY_MAIN] }).find((s) => s.line === 25)!;
  const diff = svc.lineStats({ query: { sampleIndex, base }, files: [LEAKY_MAIN] }).find((s) => s.line === 25)!;
  assert.ok(diff.flat < plain.flat && diff.flat > 0);
  const top = svc.top({ query: { sampleIndex, base }, granularity: 'functions', offset: 0, limit: 5 });
  const plainTop = svc.top({ query: { sampleIndex }, granularity: 'functions', offset: 0, limit: 5 });
  assert.notEqual(top.rows[0].flatText, plainTop.rows[0].flatText);
});

test('-base and -diff_base: the same deltas, percentages of different totals, as go tool pprof prints them', () => {
  // go tool pprof -top -base=heap.0.pprof heap.3.pprof:
  //   Showing nodes accounting for 49.48MB, 100% of 49.48MB total
  //   48.47MB 97.97% 97.97%    48.47MB 97.97%  main.TrackRequest
  //    1.01MB  2.03%   100%     1.01MB  2.03%  main.checksum
  // go tool pprof -top -diff_base=heap.0.pprof heap.3.pprof:
  //   Showing nodes accounting for 49.48MB, 1969.57% of 2.51MB total
  //   48.47MB 1929.55% 1929.55%    48.47MB 1929.55%  main.TrackRequest
  //    1.01MB 40.01% 1969.57%     1.01MB 40.01%  main.checksum
  const svc = open('heap.3.pprof');
  const sampleIndex = svc.summary().defaultSampleIndex;
  const rows = (mode: 'base' | 'diff_base') => {
    const base = { path: fixture('leaky', 'heap.0.pprof'), mode };
    return svc.top({ query: { sampleIndex, base }, granularity: 'functions', offset: 0, limit: 2 }).rows.map((r) => [r.flatText, r.flatPercent, r.sumPercent, r.cumText, r.cumPercent, r.name]);
  };
  assert.deepEqual(rows('base'), [
    ['48.47MB', '97.97%', '97.97%', '48.47MB', '97.97%', 'main.TrackRequest'],
    ['1.01MB', '2.03%', '100%', '1.01MB', '2.03%', 'main.checksum'],
  ]);
  assert.deepEqual(rows('diff_base'), [
    ['48.47MB', '1929.55%', '1929.55%', '48.47MB', '1929.55%', 'main.TrackRequest'],
    ['1.01MB', '40.01%', '1969.57%', '1.01MB', '40.01%', 'main.checksum'],
  ]);
  // The hover's percentages follow the mode too (main.go:25 is all of main.TrackRequest).
  const pct = (mode: 'base' | 'diff_base') => {
    const d = svc.lineDetail({ query: { sampleIndex, base: { path: fixture('leaky', 'heap.0.pprof'), mode } }, file: LEAKY_MAIN, line: 25 });
    const v = d.values.find((x) => x.type === 'inuse_space')!;
    return [v.flatText, v.flatPercent, v.cumText, v.cumPercent];
  };
  assert.deepEqual(pct('base'), ['48.47MB', '97.97%', '48.47MB', '97.97%']);
  assert.deepEqual(pct('diff_base'), ['48.47MB', '1929.55%', '48.47MB', '1929.55%']);
  // The status bar's totals: 2.51MB → 51.99MB, +49.48MB (-diff_base's and -top's totals, -base's delta).
  const t = svc.compare({ base: { path: fixture('leaky', 'heap.0.pprof'), mode: 'diff_base' } }).types.find((x) => x.type === 'inuse_space')!;
  assert.deepEqual([t.beforeText, t.afterText, t.deltaText], ['2.51MB', '51.99MB', '+49.48MB']);
});

test('a base that is not a profile is one line', () => {
  const svc = open('heap.3.pprof');
  assert.throws(() => svc.compare({ base: { path: fixture('leaky', 'heap.debug1.txt'), mode: 'diff_base' } }), /debug=1/);
});
