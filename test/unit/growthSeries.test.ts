// How growth builds its series, before any trend is computed: each snapshot's time and totals,
// the order, the breaks between snapshots (another process, another rate, another kind of
// profile) with their exact messages, which run is analyzed and what is left out, the warnings,
// the rows merged across snapshots, attribution's "via" and wait reasons, and the table the CLI
// prints. Profiles are small, built in memory (no fixture decoding), so that the `series`
// mutation group can run this file per mutant. Expected values are worked out by hand in the
// comments; unit labels are pprof's (1000 B is "1000B", 2000 B "1.95kB").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeGrowth, formatGrowthTable, growthRowsForFiles, growthRowWhy, GrowthAnalyzer, type GrowthReport, type GrowthRow, type GrowthSnapshotInput } from '../../src/core/growth';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import type { Mapping, Profile } from '../../src/core/profile';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

const T0 = 1.7e18; // ns: 2023-11-14T22:13:20Z
const MINUTE = 60e9;
const HEAP_TYPES: [string, string][] = [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']];

/** A stack (leaf first) of [function, file, line] frames, and its values. */
interface Sample {
  stack: [fn: string, file: string, line: number][];
  values: number[];
}

/** A profile of these samples; every frame its own location. */
function profile(types: [string, string][], samples: Sample[], opts: { time?: number; period?: number; periodType?: [string, string] } = {}): Profile {
  const fns = new Map<string, number>();
  const locs = new Map<string, number>();
  const spec: ProfileSpec = {
    sampleTypes: types,
    samples: [],
    locations: [],
    functions: [],
    periodType: opts.periodType ?? ['space', 'bytes'],
    period: opts.period ?? 524288,
    timeNanos: opts.time,
  };
  for (const s of samples) {
    const ids = s.stack.map(([fn, file, line]) => {
      let f = fns.get(fn);
      if (f === undefined) {
        fns.set(fn, (f = fns.size + 1));
        spec.functions.push({ id: f, name: fn, file });
      }
      const key = `${fn}:${line}`;
      let l = locs.get(key);
      if (l === undefined) {
        locs.set(key, (l = locs.size + 1));
        spec.locations.push({ id: l, lines: [[f, line]] });
      }
      return l;
    });
    spec.samples.push({ locationIds: ids, values: s.values });
  }
  return parseProfile(encodeProfile(spec), { inflater: nodeInflater });
}

/** A one-type (inuse_space) profile: main.grow at grow.go:10 holding `v` bytes, at minute k. */
function plain(name: string, k: number, v: number, opts: { time?: number | null; period?: number } = {}): GrowthSnapshotInput {
  const time = opts.time === null ? undefined : (opts.time ?? T0 + k * MINUTE);
  return { name, profile: profile([['inuse_space', 'bytes']], [{ stack: [['main.grow', '/src/grow.go', 10]], values: [v] }], { time, period: opts.period }) };
}

/** A Go heap profile at minute k: main.leak (leak.go:10) and main.churn (churn.go:20), [alloc_space, inuse_space] each. */
function heap(name: string, k: number, leak: [number, number], churn: [number, number], time: number | undefined = T0 + k * MINUTE): GrowthSnapshotInput {
  const site = (fn: string, file: string, line: number, [alloc, inuse]: [number, number]): Sample => ({
    stack: [[fn, file, line], ['main.main', '/src/main.go', 5]],
    values: [alloc / 100, alloc, inuse / 100, inuse],
  });
  return { name, profile: profile(HEAP_TYPES, [site('main.leak', '/src/leak.go', 10, leak), site('main.churn', '/src/churn.go', 20, churn)], { time }) };
}

/** The mapping of a file at an address (what a restart moves). */
function mapping(index: number, file: string, start: bigint, buildId = ''): Mapping {
  return { index, id: index + 1, start, limit: start + 0x1000n, offset: 0n, file, buildId, hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true };
}
const withMappings = (s: GrowthSnapshotInput, mappings: Mapping[]): GrowthSnapshotInput => ({ ...s, profile: { ...s.profile, mappings } });

const warningsOf = (r: GrowthReport) => r.warnings.map((w) => `${w.code}: ${w.message}`);
const namesOf = (r: GrowthReport) => r.snapshots.map((s) => s.name);
const rowOf = (r: GrowthReport, fn: string): GrowthRow => {
  const row = r.rows.find((x) => x.functionName === fn);
  assert.ok(row, `no row ${fn}`);
  return row;
};

describe('each snapshot: time, totals, period', () => {
  it('takes the profile time to the microsecond, the file time without one, and none when the file time is not a number', () => {
    const exact = plain('a', 0, 1);
    exact.profile = { ...exact.profile, timeNanos: 1_700_000_000_123_456_789n };
    const r = analyzeGrowth([exact, { ...plain('b', 0, 2, { time: null }), fileTimeMs: 1_700_000_060_000 }, { ...plain('c', 0, 3, { time: null }), fileTimeMs: NaN }], { order: 'given' });
    assert.deepEqual(
      r.snapshots.map((s) => [s.name, s.timeMs, s.timeSource]),
      [['a', 1_700_000_000_123.456, 'profile'], ['b', 1_700_000_060_000, 'file'], ['c', undefined, 'none']],
    );
    assert.deepEqual(r.snapshots.map((s) => s.x), [0, 1, 2]); // one has no time: x is the index
    assert.equal(r.slopeUnit, 'snapshot');
  });

  it('reports every computed total and the period, per snapshot', () => {
    const r = analyzeGrowth([heap('h0', 0, [1000, 500], [3000, 0]), heap('h1', 1, [2000, 1500], [6000, 100])]);
    assert.deepEqual(r.snapshots[1], {
      name: 'h1',
      timeMs: 1_700_000_060_000,
      timeSource: 'profile',
      x: 1,
      total: 1600,
      totals: { inuse_space: 1600, inuse_objects: 16, alloc_space: 8000 },
      period: 524288,
    });
    assert.deepEqual(r.types, [{ type: 'alloc_space', unit: 'bytes' }, { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' }]);
    assert.deepEqual([r.sampleType, r.sampleUnit, r.heap, r.granularity, r.attributed], ['inuse_space', 'bytes', true, 'lines', false]);
    // Ranking objects computes alloc_objects too, and totals in objects.
    const o = analyzeGrowth([heap('h0', 0, [1000, 500], [3000, 0]), heap('h1', 1, [2000, 1500], [6000, 100])], { sampleIndex: 'inuse_objects' });
    assert.deepEqual(o.snapshots[1].totals, { inuse_objects: 16, inuse_space: 1600, alloc_space: 8000, alloc_objects: 80 });
    assert.deepEqual([o.sampleType, o.sampleUnit], ['inuse_objects', 'count']);
    // A profile that is not a heap profile computes its ranked type only.
    const p = analyzeGrowth([plain('a', 0, 5), plain('b', 1, 7)]);
    assert.deepEqual(p.snapshots.map((s) => s.totals), [{ inuse_space: 5 }, { inuse_space: 7 }]);
    assert.deepEqual([p.heap, Object.keys(p.rows[0].byType)], [false, ['inuse_space']]);
  });

  it('a profile without sample types, or a sample index it does not have, is an error', () => {
    const empty = { name: 'empty', profile: { ...plain('x', 0, 1).profile, sampleTypes: [] } };
    assert.throws(() => analyzeGrowth([empty]), { name: 'ProfileError', message: 'profile has no samples' });
    assert.throws(() => analyzeGrowth([plain('a', 0, 1)], { sampleIndex: 'alloc_space' }), { name: 'ProfileError', message: /^sample_index "alloc_space" must be one of: \[inuse_space\]$/ });
    assert.throws(() => new GrowthAnalyzer().report(), { name: 'ProfileError', message: 'no snapshots to analyze' });
  });
});

describe('the series: order, breaks and the analyzed run', () => {
  it('orders by time, equal times in the given order, and says when two snapshots have the same time', () => {
    const r = analyzeGrowth([plain('c', 2, 3), plain('b', 1, 2), plain('b2', 1, 2), plain('a', 0, 1)]);
    assert.deepEqual(namesOf(r), ['a', 'b', 'b2', 'c']);
    assert.deepEqual(warningsOf(r), ['same-time: b and b2 have the same time: the same snapshot twice?']);
    // Given order keeps the inputs' order; file times going back are not a break (below).
    const c = { ...plain('c', 0, 3, { time: null }), fileTimeMs: 1_700_000_120_000 };
    const given = analyzeGrowth([c, { ...plain('a', 0, 1, { time: null }), fileTimeMs: 1_700_000_000_000 }], { order: 'given' });
    assert.deepEqual(namesOf(given), ['c', 'a']);
    assert.deepEqual(given.snapshots.map((s) => s.x), [0, -2]);
  });

  it('every snapshot at the same instant: slopes per snapshot', () => {
    const r = analyzeGrowth([plain('a', 0, 1), plain('b', 0, 3), plain('c', 0, 5)]);
    assert.equal(r.slopeUnit, 'snapshot');
    assert.deepEqual(r.snapshots.map((s) => s.x), [0, 1, 2]);
    assert.equal(r.rows[0].slope, 2);
    assert.deepEqual(warningsOf(r), ['same-time: a and b have the same time: the same snapshot twice?', 'same-time: b and c have the same time: the same snapshot twice?']);
  });

  it('no time: one snapshot "has", several "have", in either order mode', () => {
    const one = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2, { time: null }), plain('c', 2, 3)]);
    assert.deepEqual(namesOf(one), ['a', 'b', 'c']); // kept as given
    assert.deepEqual(warningsOf(one), ['no-time: b has no time (neither in the profile nor from the file): snapshots are kept in the given order and slopes are per snapshot, not per minute']);
    const given = analyzeGrowth([plain('a', 0, 1, { time: null }), plain('b', 1, 2, { time: null })], { order: 'given' });
    assert.deepEqual(warningsOf(given), [
      'no-time: a and b have no time (neither in the profile nor from the file): slopes are per snapshot, not per minute',
      'two-snapshots: only two snapshots: steady growth cannot be told from a one-off jump; take at least three',
    ]);
    const givenOne = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2, { time: null }), plain('c', 2, 3)], { order: 'given' });
    assert.deepEqual(warningsOf(givenOne), ['no-time: b has no time (neither in the profile nor from the file): slopes are per snapshot, not per minute']);
    // File times: said per snapshot, and the slope is per minute.
    const files = analyzeGrowth([{ ...plain('f', 0, 1, { time: null }), fileTimeMs: 1_700_000_000_000 }, plain('g', 1, 61)]);
    assert.deepEqual(warningsOf(files), [
      "time-from-file: f: the profile has no time; using the file's modification time (2023-11-14T22:13:20Z)",
      'two-snapshots: only two snapshots: steady growth cannot be told from a one-off jump; take at least three',
    ]);
    assert.deepEqual([files.slopeUnit, files.rows[0].slope], ['minute', 60]);
  });

  it('one snapshot, two snapshots: said', () => {
    assert.deepEqual(warningsOf(analyzeGrowth([plain('only', 0, 1)])), ['single-snapshot: only one snapshot (only): nothing can grow; take at least three snapshots over time']);
    assert.deepEqual(warningsOf(analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 2, 3)])), []);
    assert.deepEqual(analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 2, 3)]).rows[0].intervals, 2);
    assert.equal(analyzeGrowth([plain('only', 0, 1)]).rows[0].intervals, 0);
  });

  it('a restart: a cumulative total goes down by more than rounding (16, or a millionth of it)', () => {
    const allocs = (a: number, b: number, c: number) => [heap('h0', 0, [a, 0], [0, 0]), heap('h1', 1, [b, 0], [0, 0]), heap('h2', 2, [c, 0], [0, 0])];
    // alloc_space 100000 → 99984 (16 down): rounding, one series.
    assert.deepEqual(analyzeGrowth(allocs(100000, 99984, 99984)).excluded, []);
    // 100000 → 99983 (17 down): a restart; the longer run after it is analyzed.
    const r = analyzeGrowth(allocs(100000, 99983, 99990));
    assert.deepEqual(namesOf(r), ['h1', 'h2']);
    assert.deepEqual(r.excluded, [{ name: 'h0', reason: 'before the break between h0 and h1: alloc_space total went down (97.66kB → 97.64kB): the process restarted' }]);
    assert.deepEqual(warningsOf(r).slice(0, 2), [
      'restart: between h0 and h1: alloc_space total went down (97.66kB → 97.64kB): the process restarted',
      'excluded: analyzing 2 of 3 snapshots (h1 … h2); left out: h0',
    ]);
    // Large totals: a millionth. 3e9 → 3e9 − 3000 is rounding; − 3001 is a restart.
    assert.deepEqual(analyzeGrowth(allocs(3e9, 3e9 - 3000, 3e9)).excluded, []);
    assert.deepEqual(analyzeGrowth(allocs(3e9, 3e9 - 3001, 3e9)).excluded.map((e) => e.name), ['h0']);
  });

  it('alloc_objects may go down (unsampling), contentions and delay may not', () => {
    const objs = (n: number) => ({ stack: [['main.f', '/src/f.go', 3]] as Sample['stack'], values: [n, 100, 0, 0] });
    const s = [5000, 4000, 4500].map((n, k) => ({ name: `h${k}`, profile: profile(HEAP_TYPES, [objs(n)], { time: T0 + k * MINUTE }) }));
    assert.deepEqual(analyzeGrowth(s).excluded, []);
    const mutex = (name: string, k: number, contentions: number, delay: number): GrowthSnapshotInput => ({
      name,
      profile: profile([['contentions', 'count'], ['delay', 'nanoseconds']], [{ stack: [['main.lock', '/src/lock.go', 7]], values: [contentions, delay] }], { time: T0 + k * MINUTE, periodType: ['contentions', 'count'], period: 1 }),
    });
    const c = analyzeGrowth([mutex('m0', 0, 50, 1e9), mutex('m1', 1, 20, 2e9), mutex('m2', 2, 30, 3e9)]);
    assert.deepEqual(c.excluded, [{ name: 'm0', reason: 'before the break between m0 and m1: contentions total went down (50 → 20): the process restarted' }]);
    const d = analyzeGrowth([mutex('m0', 0, 50, 3e9), mutex('m1', 1, 60, 1e9), mutex('m2', 2, 70, 2e9)]);
    assert.deepEqual(d.excluded, [{ name: 'm0', reason: 'before the break between m0 and m1: delay total went down (3s → 1s): the process restarted' }]);
    assert.equal(d.sampleType, 'delay'); // pprof's default: the last type
  });

  it('a restart: another build of the main binary (both build ids known)', () => {
    const built = (name: string, k: number, id: string) => withMappings(plain(name, k, k + 1), [mapping(0, '/app/server', 0x400000n, id)]);
    const r = analyzeGrowth([built('a', 0, 'abc'), built('b', 1, 'def'), built('c', 2, 'def')]);
    assert.deepEqual(r.excluded, [{ name: 'a', reason: 'before the break between a and b: the main binary changed (build id abc → def): another build' }]);
    // An unknown build id says nothing: a and b are one run, c another build.
    assert.deepEqual(analyzeGrowth([built('a', 0, ''), built('b', 1, 'def'), built('c', 2, 'ghi')]).excluded, [
      { name: 'c', reason: 'after the break between b and c: the main binary changed (build id def → ghi): another build' },
    ]);
    assert.deepEqual(analyzeGrowth([built('a', 0, 'abc'), built('b', 1, '')]).excluded, []);
  });

  it('a restart: a file mapped once moved; files mapped in segments, unnamed and [vsyscall] say nothing', () => {
    const mapped = (name: string, k: number, ms: Mapping[]) => withMappings(plain(name, k, k + 1), ms);
    const lib = 'libc.so.6';
    const r = analyzeGrowth([
      mapped('a', 0, [mapping(0, '/app/server', 0x400000n), mapping(1, lib, 0x7f0000000000n)]),
      mapped('b', 1, [mapping(0, '/app/server', 0x400000n), mapping(1, lib, 0x7e0000000000n)]),
      mapped('c', 2, [mapping(0, '/app/server', 0x400000n), mapping(1, lib, 0x7e0000000000n)]),
    ]);
    assert.deepEqual(r.excluded, [{ name: 'a', reason: 'before the break between a and b: libc.so.6 is mapped at another address (0x7f0000000000 → 0x7e0000000000): another process' }]);
    const quiet = analyzeGrowth([
      mapped('a', 0, [mapping(0, '/app/server', 0x400000n), mapping(1, '/lib/x.so', 0x1000n), mapping(2, '/lib/x.so', 0x2000n), mapping(3, '', 0x5000n), mapping(4, '[vsyscall]', 0x6000n)]),
      mapped('b', 1, [mapping(0, '/app/server', 0x400000n), mapping(1, '/lib/x.so', 0x3000n), mapping(2, '/lib/x.so', 0x4000n), mapping(3, '', 0x7000n), mapping(4, '[vsyscall]', 0x8000n)]),
      mapped('c', 2, [mapping(0, '/app/server', 0x400000n)]),
    ]);
    assert.deepEqual([quiet.excluded, quiet.warnings], [[], []]);
    // The moved file's base name, after either kind of path.
    const moved = analyzeGrowth([mapped('a', 0, [mapping(0, '/usr/lib/libz.so', 0x1000n)]), mapped('b', 1, [mapping(0, '/usr/lib/libz.so', 0x2000n)]), mapped('c', 2, [mapping(0, '/usr/lib/libz.so', 0x2000n)])]);
    assert.equal(moved.excluded[0].reason, 'before the break between a and b: libz.so is mapped at another address (0x1000 → 0x2000): another process');
  });

  it('given order: a profile time that goes back is a break; a file time that goes back is not', () => {
    const r = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 0.5, 3), plain('d', 1.5, 4), plain('e', 2.5, 5)], { order: 'given' });
    assert.deepEqual(namesOf(r), ['c', 'd', 'e']);
    assert.deepEqual(warningsOf(r)[0], 'time-went-back: between b and c: the profile time goes back (2023-11-14T22:14:20Z → 2023-11-14T22:13:50Z): another process answered, or the clock changed');
    const files = analyzeGrowth([{ ...plain('a', 0, 1, { time: null }), fileTimeMs: 2e12 }, { ...plain('b', 0, 2, { time: null }), fileTimeMs: 1e12 }], { order: 'given' });
    assert.deepEqual(files.excluded, []);
    const mixed = analyzeGrowth([plain('a', 1, 1), { ...plain('b', 0, 2, { time: null }), fileTimeMs: 1e12 }], { order: 'given' });
    assert.deepEqual(mixed.excluded, []);
    // Sorted by time, the same snapshots are one series.
    assert.deepEqual(namesOf(analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 0.5, 3)])), ['a', 'c', 'b']);
  });

  it('another sampling period, another kind of profile', () => {
    const p = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2, { period: 1048576 }), plain('c', 2, 3, { period: 1048576 })]);
    assert.deepEqual(p.excluded, [{ name: 'a', reason: 'before the break between a and b: the sampling period changed (524288 → 1048576 bytes)' }]);
    const cpu = (name: string, k: number, period: number) => ({ name, profile: profile([['samples', 'count']], [{ stack: [['main.spin', '/src/spin.go', 4]], values: [k + 1] }], { time: T0 + k * MINUTE, periodType: ['cpu', ''], period }) });
    assert.equal(analyzeGrowth([cpu('a', 0, 10), cpu('b', 1, 20), cpu('c', 2, 20)]).excluded[0].reason, 'before the break between a and b: the sampling period changed (10 → 20 cpu)');
    const kinds = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), cpu('c', 2, 10)]);
    assert.deepEqual(kinds.excluded, [{ name: 'c', reason: 'after the break between b and c: different sample types (space/bytes [inuse_space/bytes] vs cpu/ [samples/count])' }]);
    assert.equal(warningsOf(kinds)[0], 'incompatible: between b and c: different sample types (space/bytes [inuse_space/bytes] vs cpu/ [samples/count])');
  });

  it('keeps the longest run, the latest of equal ones, and names what it leaves out', () => {
    const a = (name: string, k: number) => plain(name, k, k + 1);
    const b = (name: string, k: number) => plain(name, k, k + 1, { period: 1 });
    // Two runs of two: the later one.
    const tie = analyzeGrowth([a('a0', 0), a('a1', 1), b('b0', 2), b('b1', 3)]);
    assert.deepEqual(namesOf(tie), ['b0', 'b1']);
    assert.deepEqual(tie.excluded.map((e) => e.reason), [
      'before the break between a1 and b0: the sampling period changed (524288 → 1 bytes)',
      'before the break between a1 and b0: the sampling period changed (524288 → 1 bytes)',
    ]);
    // Three runs: the middle one is the longest; the others are named with their own side's break.
    const mid = analyzeGrowth([a('a0', 0), b('b0', 1), b('b1', 2), b('b2', 3), a('c0', 4), a('c1', 5)]);
    assert.deepEqual(namesOf(mid), ['b0', 'b1', 'b2']);
    assert.deepEqual(mid.excluded, [
      { name: 'a0', reason: 'before the break between a0 and b0: the sampling period changed (524288 → 1 bytes)' },
      { name: 'c0', reason: 'after the break between b2 and c0: the sampling period changed (1 → 524288 bytes)' },
      { name: 'c1', reason: 'after the break between b2 and c0: the sampling period changed (1 → 524288 bytes)' },
    ]);
    assert.deepEqual(warningsOf(mid).filter((w) => w.startsWith('excluded')), ['excluded: analyzing 3 of 6 snapshots (b0 … b2); left out: a0, c0 and c1']);
    // More than five left out: four names and a count.
    const many = analyzeGrowth([...[0, 1, 2, 3, 4, 5].map((k) => a(`a${k}`, k)), ...[6, 7, 8, 9, 10, 11, 12].map((k) => b(`b${k}`, k))]);
    assert.deepEqual(warningsOf(many).filter((w) => w.startsWith('excluded')), ['excluded: analyzing 7 of 13 snapshots (b6 … b12); left out: a0, a1, a2, a3 and 2 more']);
    const five = analyzeGrowth([...[0, 1, 2, 3, 4].map((k) => a(`a${k}`, k)), ...[5, 6, 7, 8, 9, 10].map((k) => b(`b${k}`, k))]);
    assert.deepEqual(warningsOf(five).filter((w) => w.startsWith('excluded')), ['excluded: analyzing 6 of 11 snapshots (b5 … b10); left out: a0, a1, a2, a3 and a4']);
  });

  it('an error in a left-out snapshot does not matter; in the analyzed run it does', () => {
    const bad = { name: 'bad', profile: profile([['alloc_space', 'bytes']], [{ stack: [['main.f', '/src/f.go', 1]], values: [1] }], { time: T0 + 5 * MINUTE }) };
    // bad is another kind of profile, and alone: left out, the ranked type exists in the run.
    const r = analyzeGrowth([plain('a', 1, 1), plain('b', 2, 2), bad], { sampleIndex: 'inuse_space' });
    assert.deepEqual(r.excluded.map((e) => e.name), ['bad']);
    // Two runs of one: the later one (bad) is analyzed, and it has no inuse_space.
    assert.throws(() => analyzeGrowth([plain('a', 1, 1), bad], { sampleIndex: 'inuse_space' }), { message: /^sample_index "inuse_space" must be one of: \[alloc_space\]$/ });
  });
});

describe('heap series: unchanged snapshots and filters', () => {
  it('a snapshot equal to the one before (no GC in between) is said, with "equals" or "equal"', () => {
    const h = (name: string, k: number, v: number) => heap(name, k, [v, v], [v, 0]);
    assert.deepEqual(warningsOf(analyzeGrowth([h('h0', 0, 100), h('h1', 1, 100), h('h2', 2, 200)])), ['unchanged: h1 equals the snapshot before: no garbage collection ran in between (heap profiles change only at GC); capture with ?gc=1']);
    assert.deepEqual(warningsOf(analyzeGrowth([h('h0', 0, 100), h('h1', 1, 100), h('h2', 2, 100)])), ['unchanged: h1 and h2 equal the snapshot before: no garbage collection ran in between (heap profiles change only at GC); capture with ?gc=1']);
    // One total that differs is a change (inuse moved, alloc did not).
    assert.deepEqual(warningsOf(analyzeGrowth([heap('h0', 0, [100, 100], [0, 0]), heap('h1', 1, [100, 50], [0, 0]), heap('h2', 2, [200, 50], [0, 0])])), []);
    // Not a heap profile: equal snapshots are not a warning.
    assert.deepEqual(warningsOf(analyzeGrowth([plain('a', 0, 5), plain('b', 1, 5), plain('c', 2, 6)])), []);
  });

  it("a filter's warning is prefixed with each snapshot's name, once per snapshot", () => {
    const r = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 2, 3)], { refinements: { focus: 'nomatch' } });
    assert.deepEqual(warningsOf(r), ['filter: a: Focus expression matched no samples', 'filter: b: Focus expression matched no samples', 'filter: c: Focus expression matched no samples']);
    assert.deepEqual(r.rows, []);
  });
});

describe('rows across snapshots', () => {
  it('the union of the rows, zero where a line is absent, with flat, cum and every type per snapshot', () => {
    const s = (name: string, k: number, samples: Sample[]) => ({ name, profile: profile(HEAP_TYPES, samples, { time: T0 + k * MINUTE }) });
    const site = (fn: string, line: number, alloc: number, inuse: number): Sample => ({ stack: [[fn, `/src/${fn.slice(5)}.go`, line], ['main.main', '/src/main.go', 5]], values: [alloc / 10, alloc, inuse / 10, inuse] });
    const r = analyzeGrowth([
      s('s0', 0, [site('main.old', 3, 100, 100)]),
      s('s1', 1, [site('main.old', 3, 200, 50), site('main.new', 8, 40, 40)]),
      s('s2', 2, [site('main.new', 8, 300, 90)]), // alloc_space only grows (240 → 300)
    ]);
    const old = rowOf(r, 'main.old');
    assert.deepEqual(
      { key: old.key, file: old.file, line: old.line, startLine: old.startLine, values: old.values, cum: old.cum, byType: old.byType },
      {
        key: '/src/old.go:3:main.old',
        file: '/src/old.go',
        line: 3,
        startLine: 0,
        values: [100, 50, 0],
        cum: [100, 50, 0],
        byType: { alloc_space: [100, 200, 0], inuse_objects: [10, 5, 0], inuse_space: [100, 50, 0] },
      },
    );
    assert.deepEqual(rowOf(r, 'main.new').values, [0, 40, 90]);
    const main = rowOf(r, 'main.main');
    assert.deepEqual([main.values, main.cum, main.line], [[0, 0, 0], [100, 90, 90], 5]);
  });

  it('function granularity: rows per function, the file of the function, its start line', () => {
    const s = plain('a', 0, 5);
    const t = plain('b', 1, 9);
    for (const x of [s, t]) for (const f of x.profile.functions) f.startLine = 8;
    const r = analyzeGrowth([s, t], { granularity: 'functions' });
    assert.deepEqual(
      r.rows.map((x) => [x.key, x.functionName, x.file, x.line, x.startLine, x.values]),
      [['/src/grow.go:0:main.grow', 'main.grow', '/src/grow.go', 0, 8, [5, 9]]],
    );
    assert.equal(r.granularity, 'functions');
    assert.equal(r.attributed, false);
    // At line granularity the start line is there too (for navigation).
    assert.equal(analyzeGrowth([s, t]).rows[0].startLine, 8);
  });

  it('growthRowsForFiles keeps the rows of the given files', () => {
    const r = analyzeGrowth([heap('h0', 0, [100, 100], [1000, 0]), heap('h1', 1, [200, 200], [2000, 0])]);
    assert.deepEqual(growthRowsForFiles(r, ['/src/churn.go', '/src/none.go']).map((x) => x.functionName), ['main.churn']);
    assert.deepEqual(growthRowsForFiles(r, []), []);
  });
});

describe('attribution: rows at the user\'s lines', () => {
  const user = (f: { name: string }) => f.name.startsWith('main.');

  it("charges a library's allocation to the user's line, with what it went through, from the last snapshot with a value", () => {
    const s = (name: string, k: number, viaRepeat: number, viaJoin: number) => ({
      name,
      profile: profile([['inuse_space', 'bytes']], [
        { stack: [['bytes.Repeat', '/go/src/bytes/bytes.go', 610], ['main.track', '/src/track.go', 25], ['main.main', '/src/main.go', 5]], values: [viaRepeat] },
        { stack: [['strings.Join', '/go/src/strings/strings.go', 40], ['main.track', '/src/track.go', 25], ['main.main', '/src/main.go', 5]], values: [viaJoin] },
      ], { time: T0 + k * MINUTE }),
    });
    const r = analyzeGrowth([s('a', 0, 100, 0), s('b', 1, 300, 100), s('c', 2, 0, 0)], { yourCode: user });
    assert.equal(r.attributed, true);
    const track = rowOf(r, 'main.track');
    assert.deepEqual([track.file, track.line, track.values, track.user, track.viaOf], ['/src/track.go', 25, [100, 400, 0], true, 400]);
    assert.deepEqual(track.via, [
      { name: 'bytes.Repeat', file: '/go/src/bytes/bytes.go', line: 610, inline: false, value: 300 },
      { name: 'strings.Join', file: '/go/src/strings/strings.go', line: 40, inline: false, value: 100 },
    ]);
    assert.equal(growthRowWhy(track), 'via bytes.Repeat (/go/src/bytes/bytes.go:610) 75%');
    assert.equal(track.waitReason, undefined);
    assert.equal(track.entry, undefined);
    assert.equal(r.rows.some((x) => x.functionName === 'bytes.Repeat'), false);
    // Functions are not attributed.
    assert.equal(analyzeGrowth([s('a', 0, 100, 0)], { yourCode: user, granularity: 'functions' }).attributed, false);
  });

  it('goroutines: the wait reason and the entry function of the charged stacks', () => {
    const g = (name: string, k: number, n: number) => ({
      name,
      profile: profile([['goroutine', 'count']], [
        { stack: [['runtime.gopark', '/go/src/runtime/proc.go', 363], ['runtime.chanrecv1', '/go/src/runtime/chan.go', 442], ['main.listen', '/src/notify.go', 30], ['example.com/notify.start', '/src/notify.go', 12]], values: [n] },
      ], { time: T0 + k * MINUTE, periodType: ['goroutine', 'count'], period: 1 }),
    });
    const r = analyzeGrowth([g('g0', 0, 10), g('g1', 1, 20), g('g2', 2, 30)], { yourCode: user });
    const listen = rowOf(r, 'main.listen');
    assert.deepEqual([listen.values, listen.waitReason, listen.entry], [[10, 20, 30], 'chan receive', 'example.com/notify.start']);
    assert.equal(growthRowWhy(listen), 'chan receive, started as notify.start');
    // Not a goroutine profile: no entry.
    assert.equal(growthRowWhy({ waitReason: 'mutex' }), 'mutex');
    assert.equal(growthRowWhy({ entry: 'a/b.c' }), 'started as b.c');
    assert.equal(growthRowWhy({ via: [{ name: 'f', file: 'f.go', line: 0, inline: true, value: 1 }] }), 'via f (f.go, inlined) 100%');
    assert.equal(growthRowWhy({}), '');
  });
});

describe('the table (pprof-lens -growth)', () => {
  const leak = (k: number) => heap(`h${k}`, k, [1000 + 1000 * k, 1000 + 1000 * k], [50000 * (k + 1), 100 * (k % 2)]);

  it('prints every column, right-aligned numbers, the last column unpadded', () => {
    const r = analyzeGrowth([0, 1, 2, 3].map(leak));
    assert.equal(
      formatGrowthTable(r, { all: true }),
      [
        // churn holds 0, 100, 0, 100 B: slope 20 B/min (Sxy 100 / Sxx 5), 2 of 3 intervals grew,
        // retained 100 of the 150000 B allocated: 0.07%, one decimal below 10%.
        'rank  function    file:line         first    last    delta  slope/min  k/n  retained/alloc',
        '   1  main.leak   /src/leak.go:10   1000B  3.91kB  +2.93kB     +1000B  3/3            100%',
        '   2  main.churn  /src/churn.go:20      0    100B    +100B       +20B  2/3            0.1%',
        '   3  main.main   /src/main.go:5        0       0        0          0  0/3               -',
        '',
      ].join('\n'),
    );
    assert.equal(formatGrowthTable(r), formatGrowthTable(r, { all: true, limit: 1 }));
    assert.equal(formatGrowthTable(r, { all: true, limit: 0 }), 'rank  function  file:line  first  last  delta  slope/min  k/n  retained/alloc\n');
    assert.equal(formatGrowthTable(r, { all: true, limit: -3 }), formatGrowthTable(r, { all: true, limit: 0 }));
  });

  it('per snapshot without times; no retained column outside heap profiles; a via column with attribution', () => {
    const r = analyzeGrowth([plain('a', 0, 1000, { time: null }), plain('b', 0, 1500, { time: null }), plain('c', 0, 2000, { time: null })]);
    assert.equal(
      formatGrowthTable(r),
      ['rank  function   file:line        first    last   delta  slope/snap  k/n', '   1  main.grow  /src/grow.go:10  1000B  1.95kB  +1000B       +500B  2/2', ''].join('\n'),
    );
    const f = analyzeGrowth([plain('a', 0, 1000), plain('b', 1, 1500), plain('c', 2, 2000)], { granularity: 'functions' });
    assert.equal(formatGrowthTable(f).split('\n')[1], '   1  main.grow  /src/grow.go  1000B  1.95kB  +1000B      +500B  2/2');
    const s = (name: string, k: number, v: number) => ({
      name,
      profile: profile([['inuse_space', 'bytes']], [{ stack: [['bytes.Repeat', '/go/src/bytes/bytes.go', 610], ['main.track', '/src/track.go', 25]], values: [v] }, { stack: [['main.own', '/src/own.go', 3]], values: [v] }], { time: T0 + k * MINUTE }),
    });
    const a = analyzeGrowth([s('a', 0, 100), s('b', 1, 200), s('c', 2, 300)], { yourCode: (fr) => fr.name.startsWith('main.') });
    assert.equal(
      formatGrowthTable(a),
      [
        'rank  function    file:line         first  last  delta  slope/min  k/n  via / wait',
        '   1  main.own    /src/own.go:3      100B  300B  +200B      +100B  2/2  -',
        '   2  main.track  /src/track.go:25   100B  300B  +200B      +100B  2/2  via bytes.Repeat (/go/src/bytes/bytes.go:610) 100%',
        '',
      ].join('\n'),
    );
  });
});

// The cases below were written against the survivors of the series group's first mutation run
// (TESTING.md, "Fifth session: series and the report re-run"): each names what it pins.

/** A one-type (inuse_space) profile whose functions are given as they are (names may repeat), one location per function at line 10 + id. */
function byFunctions(name: string, k: number, fns: { name: string; file: string; startLine: number; value: number }[]): GrowthSnapshotInput {
  const spec: ProfileSpec = {
    sampleTypes: [['inuse_space', 'bytes']],
    samples: fns.map((f, i) => ({ locationIds: [i + 1], values: [f.value] })),
    locations: fns.map((_, i) => ({ id: i + 1, lines: [[i + 1, 11 + i]] })),
    functions: fns.map((f, i) => ({ id: i + 1, name: f.name, file: f.file })),
    periodType: ['space', 'bytes'],
    period: 524288,
    timeNanos: T0 + k * MINUTE,
  };
  const p = parseProfile(encodeProfile(spec), { inflater: nodeInflater });
  // profile.proto's start_line is not written by the test encoder: set it on the decoded functions.
  p.functions.forEach((f, i) => (f.startLine = fns[i].startLine));
  return { name, profile: p };
}

describe('GrowthAnalyzer: size and remove', () => {
  it('size counts what was added; remove drops every snapshot of a name (the first one too) and says how many', () => {
    const a = new GrowthAnalyzer();
    assert.equal(a.size, 0);
    for (const [name, k] of [['x', 0], ['y', 1], ['x', 2], ['z', 3]] as const) a.add(plain(name, k, k + 1));
    assert.equal(a.size, 4);
    assert.equal(a.remove('x'), 2);
    assert.equal(a.size, 2);
    assert.deepEqual(namesOf(a.report()), ['y', 'z']);
    assert.deepEqual(a.report().rows[0].values, [2, 4]);
    assert.equal(a.remove('nothing'), 0);
    assert.equal(a.remove('z'), 1);
    assert.equal(a.size, 1);
    assert.deepEqual(namesOf(a.report()), ['y']);
  });
});

describe('functions of one name: the file and the start line', () => {
  // main.f twice (two files, start lines 8 and 12), main.g first without a file and start line,
  // then with both, main.h never with either. At function granularity each name is one row.
  const fns = (k: number) => [
    { name: 'main.f', file: '/a/f.go', startLine: 8, value: 100 * (k + 1) },
    { name: 'main.f', file: '/b/f.go', startLine: 12, value: 10 },
    { name: 'main.g', file: '', startLine: 0, value: 5 },
    { name: 'main.g', file: '/g/g.go', startLine: 12, value: 5 * (k + 1) },
    { name: 'main.h', file: '', startLine: 0, value: 7 },
  ];

  it('function granularity: the first file and the first start line of each name; "" and 0 without', () => {
    const r = analyzeGrowth([byFunctions('a', 0, fns(0)), byFunctions('b', 1, fns(1))], { granularity: 'functions' });
    assert.deepEqual(
      r.rows.map((x) => [x.key, x.file, x.line, x.startLine, x.values]),
      [
        // main.f: 100 + 10, then 200 + 10; main.g: 5 + 5, then 5 + 10; main.h 7 and 7.
        ['/a/f.go:0:main.f', '/a/f.go', 0, 8, [110, 210]],
        ['/g/g.go:0:main.g', '/g/g.go', 0, 12, [10, 15]],
        [':0:main.h', '', 0, 0, [7, 7]],
      ],
    );
    // Its file:line cell is empty (width 9, the header's), its values are in bytes.
    assert.equal(formatGrowthTable(r, { all: true }).split('\n')[3], '   3  main.h                  7B    7B      0          0  0/1');
  });

  it('line granularity: every line of the name carries the first start line', () => {
    const r = analyzeGrowth([byFunctions('a', 0, fns(0)), byFunctions('b', 1, fns(1))]);
    assert.deepEqual(
      r.rows.map((x) => [x.key, x.startLine]),
      [['/a/f.go:11:main.f', 8], ['/g/g.go:14:main.g', 12], ['/b/f.go:12:main.f', 8]],
    );
  });
});

describe('attribution: what is charged where', () => {
  const user = (f: { name: string }) => f.name.startsWith('main.');

  it('a user frame without a file or without a line is no row; functions are never attributed', () => {
    // main.nofile has no file (its line 5 cannot be shown), main.noline is at line 0; main.ok is a plain user line.
    const s = (name: string, k: number) => ({
      name,
      profile: profile([['inuse_space', 'bytes']], [
        { stack: [['bytes.Repeat', '/go/src/bytes/bytes.go', 610], ['main.nofile', '', 5]], values: [10 * (k + 1)] },
        { stack: [['main.noline', '/src/n.go', 0]], values: [20] },
        { stack: [['main.ok', '/src/ok.go', 7]], values: [30 * (k + 1)] },
      ], { time: T0 + k * MINUTE }),
    });
    const r = analyzeGrowth([s('a', 0), s('b', 1)], { yourCode: user });
    assert.deepEqual(r.rows.map((x) => [x.key, x.values]), [['/src/ok.go:7:main.ok', [30, 60]]]);
    // At function granularity the predicate is ignored: pprof's -top flat per function, the library included.
    const f = analyzeGrowth([s('a', 0), s('b', 1)], { yourCode: user, granularity: 'functions' });
    assert.deepEqual(
      f.rows.map((x) => [x.key, x.values, x.via]),
      [['/src/ok.go:0:main.ok', [30, 60], undefined], ['/go/src/bytes/bytes.go:0:bytes.Repeat', [10, 20], undefined], ['/src/n.go:0:main.noline', [20, 20], undefined], [':0:main.nofile', [0, 0], undefined]],
    );
  });

  it('heap: the via of the ranked type, from the last snapshot where the ranked type charges the line', () => {
    // main.track holds what bytes.Repeat allocates; strings.Join under it allocates more but frees
    // it all (inuse 0). In h2 Repeat's memory is freed too: only alloc_space charges the line there.
    const site = (callee: [string, string, number], v: [number, number, number, number]): Sample => ({ stack: [callee, ['main.track', '/src/track.go', 25]], values: v });
    const repeat: [string, string, number] = ['bytes.Repeat', '/go/src/bytes/bytes.go', 610];
    const join: [string, string, number] = ['strings.Join', '/go/src/strings/strings.go', 40];
    const h = (name: string, k: number, held: number) => ({
      name,
      profile: profile(HEAP_TYPES, [site(repeat, [k + 1, 100 * (k + 1), held / 100, held]), site(join, [10 * (k + 1), 1000 * (k + 1), 0, 0])], { time: T0 + k * MINUTE }),
    });
    const r = analyzeGrowth([h('h0', 0, 100), h('h1', 1, 200), h('h2', 2, 0)], { yourCode: user });
    const track = rowOf(r, 'main.track');
    assert.deepEqual([track.values, track.byType.alloc_space, track.viaOf, track.user], [[100, 200, 0], [1100, 2200, 3300], 200, true]);
    assert.deepEqual(track.via, [{ name: 'bytes.Repeat', file: '/go/src/bytes/bytes.go', line: 610, inline: false, value: 200 }]);
    assert.equal(growthRowWhy(track), 'via bytes.Repeat (/go/src/bytes/bytes.go:610) 100%');
  });

  it('a snapshot where the line nets to zero keeps the via of the last one with a value', () => {
    // Negative values (a profile written after -diff_base): in c the line's two callees cancel out.
    const s = (name: string, k: number, viaRepeat: number, viaJoin: number) => ({
      name,
      profile: profile([['inuse_space', 'bytes']], [
        { stack: [['bytes.Repeat', '/go/src/bytes/bytes.go', 610], ['main.track', '/src/track.go', 25]], values: [viaRepeat] },
        { stack: [['strings.Join', '/go/src/strings/strings.go', 40], ['main.track', '/src/track.go', 25]], values: [viaJoin] },
      ], { time: T0 + k * MINUTE }),
    });
    const r = analyzeGrowth([s('a', 0, 100, 0), s('b', 1, 200, 0), s('c', 2, 100, -100)], { yourCode: user });
    const track = rowOf(r, 'main.track');
    assert.deepEqual([track.values, track.viaOf], [[100, 200, 0], 200]);
    assert.deepEqual(track.via, [{ name: 'bytes.Repeat', file: '/go/src/bytes/bytes.go', line: 610, inline: false, value: 200 }]);
  });
});

describe('the series: the breaks\' codes and texts, and what is not a break', () => {
  it('each kind of restart and the period change carry their code in the warning', () => {
    const built = (name: string, k: number, id: string) => withMappings(plain(name, k, k + 1), [mapping(0, '/app/server', 0x400000n, id)]);
    assert.deepEqual(warningsOf(analyzeGrowth([built('a', 0, 'abc'), built('b', 1, 'def'), built('c', 2, 'def')])), [
      'restart: between a and b: the main binary changed (build id abc → def): another build',
      'excluded: analyzing 2 of 3 snapshots (b … c); left out: a',
      'two-snapshots: only two snapshots: steady growth cannot be told from a one-off jump; take at least three',
    ]);
    const mapped = (name: string, k: number, start: bigint) => withMappings(plain(name, k, k + 1), [mapping(0, '/libx.so', start)]);
    assert.deepEqual(warningsOf(analyzeGrowth([mapped('a', 0, 0x1000n), mapped('b', 1, 0x2000n), mapped('c', 2, 0x2000n)]))[0], 'restart: between a and b: libx.so is mapped at another address (0x1000 → 0x2000): another process');
    assert.deepEqual(warningsOf(analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2, { period: 1048576 }), plain('c', 2, 3, { period: 1048576 })]))[0], 'period-changed: between a and b: the sampling period changed (524288 → 1048576 bytes)');
  });

  it('another kind of profile lists every sample type of each, separated by spaces', () => {
    const r = analyzeGrowth([heap('h0', 0, [1, 1], [1, 1]), heap('h1', 1, [2, 2], [2, 2]), plain('p', 2, 1)]);
    assert.deepEqual(r.excluded, [
      { name: 'p', reason: 'after the break between h1 and p: different sample types (space/bytes [alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes] vs space/bytes [inuse_space/bytes])' },
    ]);
  });

  it('a profile without sample types is left out like any other kind; only its own analysis fails', () => {
    const empty = { name: 'empty', profile: { ...plain('x', 3, 1).profile, sampleTypes: [] } };
    const a = new GrowthAnalyzer();
    for (const s of [plain('a', 0, 1), plain('b', 1, 2), empty]) a.add(s);
    assert.deepEqual(a.report().excluded, [{ name: 'empty', reason: 'after the break between b and empty: different sample types (space/bytes [inuse_space/bytes] vs space/bytes [])' }]);
    assert.equal(a.remove('b'), 1);
    assert.throws(() => a.report(), { name: 'ProfileError', message: 'profile has no samples' });
  });

  it('a file mapped in one snapshot and not in the next, and a snapshot without mappings beside a build id, are one series', () => {
    const mapped = (name: string, k: number, ms: Mapping[]) => withMappings(plain(name, k, k + 1), ms);
    const r = analyzeGrowth([
      mapped('a', 0, [mapping(0, '/app/server', 0x400000n), mapping(1, '/lib/libfoo.so', 0x7f0000000000n)]),
      mapped('b', 1, [mapping(0, '/app/server', 0x400000n)]),
      mapped('c', 2, [mapping(0, '/app/server', 0x400000n), mapping(1, '/lib/libfoo.so', 0x7f0000000000n)]),
    ]);
    assert.deepEqual([r.excluded, r.warnings], [[], []]);
    const ids = analyzeGrowth([mapped('a', 0, []), mapped('b', 1, [mapping(0, '/app/server', 0x400000n, 'abc')]), mapped('c', 2, [mapping(0, '/app/server', 0x400000n, 'abc')])]);
    assert.deepEqual([namesOf(ids), ids.excluded, ids.warnings], [['a', 'b', 'c'], [], []]);
  });

  it('a time going back breaks only in given order, between two profile times that differ', () => {
    // Time order with an untimed snapshot keeps the given order, and then a profile time going back is no break.
    const kept = analyzeGrowth([plain('a', 1, 1), plain('b', 0, 2), plain('c', 2, 3, { time: null })]);
    assert.deepEqual([namesOf(kept), kept.excluded], [['a', 'b', 'c'], []]);
    assert.deepEqual(warningsOf(kept), ['no-time: c has no time (neither in the profile nor from the file): snapshots are kept in the given order and slopes are per snapshot, not per minute']);
    // Given order, the same profile time twice: said, not a break.
    const same = analyzeGrowth([plain('a', 0, 1), plain('b', 0, 2), plain('c', 1, 3)], { order: 'given' });
    assert.deepEqual([namesOf(same), warningsOf(same)], [['a', 'b', 'c'], ['same-time: a and b have the same time: the same snapshot twice?']]);
    // Given order, a file time (2033) before an earlier profile time (2023): no break either.
    const fileFirst = analyzeGrowth([{ ...plain('a', 0, 1, { time: null }), fileTimeMs: 2e12 }, plain('b', 0, 2), plain('c', 1, 3)], { order: 'given' });
    assert.deepEqual([namesOf(fileFirst), fileFirst.excluded], [['a', 'b', 'c'], []]);
  });
});

describe('warnings: each said once, with its own words', () => {
  it('the same message from snapshots of one name is said once', () => {
    const r = analyzeGrowth([plain('x', 0, 1), plain('x', 1, 2), plain('x', 2, 3)], { refinements: { focus: 'nomatch' } });
    assert.deepEqual(warningsOf(r), ['filter: x: Focus expression matched no samples']);
  });

  it('time order: two snapshots without a time "have" none', () => {
    const r = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2, { time: null }), plain('c', 2, 3, { time: null })]);
    assert.deepEqual(warningsOf(r), ['no-time: b and c have no time (neither in the profile nor from the file): snapshots are kept in the given order and slopes are per snapshot, not per minute']);
  });

  it('given order with every snapshot timed: no warning, slopes per minute', () => {
    const r = analyzeGrowth([plain('a', 0, 1), plain('b', 1, 2), plain('c', 2, 3)], { order: 'given' });
    assert.deepEqual([warningsOf(r), r.slopeUnit, r.rows[0].slope], [[], 'minute', 1]);
  });

  it('one timed snapshot: its x is 0 minutes, the slope per minute', () => {
    const r = analyzeGrowth([plain('only', 0, 1)]);
    assert.deepEqual([r.slopeUnit, r.snapshots[0].x, r.rows[0].slope], ['minute', 0, 0]);
    assert.equal(formatGrowthTable(r, { all: true }).split('\n')[0], 'rank  function   file:line        first  last  delta  slope/min  k/n');
  });
});

describe('heap: the ranked family\'s retained ratio, and the table\'s cells', () => {
  it('ranking objects: retained/allocated of objects, not of space', () => {
    // main.leak: alloc_objects 10 → 20, inuse_objects 10 → 15 (0.5 of the objects), while
    // alloc_space 1000 → 3000, inuse_space 1000 → 1500 (0.25 of the bytes).
    const h = (name: string, k: number, v: number[]) => ({ name, profile: profile(HEAP_TYPES, [{ stack: [['main.leak', '/src/leak.go', 10]], values: v }], { time: T0 + k * MINUTE }) });
    const snaps = [h('h0', 0, [10, 1000, 10, 1000]), h('h1', 1, [20, 3000, 15, 1500])];
    assert.equal(rowOf(analyzeGrowth(snaps, { sampleIndex: 'inuse_objects' }), 'main.leak').retainedRatio, 0.5);
    assert.equal(rowOf(analyzeGrowth(snaps), 'main.leak').retainedRatio, 0.25);
  });

  it('a retained ratio of exactly 10% prints without a decimal', () => {
    // main.leak allocates 1000 B more and holds 100 B more over the window: 100 / 1000 = 0.1.
    const r = analyzeGrowth([heap('h0', 0, [1000, 0], [0, 0]), heap('h1', 1, [1500, 50], [0, 0]), heap('h2', 2, [2000, 100], [0, 0])]);
    assert.equal(rowOf(r, 'main.leak').retainedRatio, 0.1);
    assert.equal(formatGrowthTable(r).split('\n')[1], '   1  main.leak  /src/leak.go:10      0  100B  +100B       +50B  2/2             10%');
  });

  it('k/n wider than its header is right-aligned, the header too', () => {
    // Eleven snapshots a minute apart, 1000 B + 100 B a minute: 10 of 10 intervals grew.
    const r = analyzeGrowth([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => plain(`s${k}`, k, 1000 + 100 * k)));
    assert.equal(
      formatGrowthTable(r),
      ['rank  function   file:line        first    last   delta  slope/min    k/n', '   1  main.grow  /src/grow.go:10  1000B  1.95kB  +1000B      +100B  10/10', ''].join('\n'),
    );
  });
});
