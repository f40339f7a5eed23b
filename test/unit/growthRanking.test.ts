// How growth turns a series into a verdict and a rank: the trend math on series whose answers are
// computed by hand (in the comments), each verdict's boundary, and every tie-breaker of the sort.
// The series are synthetic one-line-per-site profiles, one snapshot per minute.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeGrowth, jumpiness, leastSquares, type GrowthReport, type GrowthRow, type GrowthSnapshotInput } from '../../src/core/growth';
import { evidenceLines } from '../../src/extension/growthEvidence';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

const T0 = 1.7e18;
const MINUTE = 60e9;

/** A site: one function at one line, with its (inuse) value per snapshot, and for heap series its alloc value. */
interface Site {
  fn: string;
  values: number[];
  alloc?: number[];
}

/** Snapshots k = 0..n-1 at minute k: one sample per site; heap profiles when every site has alloc values. */
function series(sites: Site[]): GrowthSnapshotInput[] {
  const heap = sites.every((s) => s.alloc);
  const n = sites[0].values.length;
  const out: GrowthSnapshotInput[] = [];
  for (let k = 0; k < n; k++) {
    const spec: ProfileSpec = {
      sampleTypes: heap ? [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']] : [['inuse_space', 'bytes']],
      functions: sites.map((s, i) => ({ id: i + 1, name: s.fn, file: `/src/${s.fn.replace('main.', '')}.go` })),
      locations: sites.map((_, i) => ({ id: i + 1, lines: [[i + 1, 10]] })),
      samples: sites.map((s, i) => ({ locationIds: [i + 1], values: heap ? [1, s.alloc![k], 1, s.values[k]] : [s.values[k]] })),
      periodType: ['space', 'bytes'],
      period: 524288,
      timeNanos: T0 + k * MINUTE,
    };
    out.push({ name: `s${k}`, profile: parseProfile(encodeProfile(spec), { inflater: nodeInflater }) });
  }
  return out;
}

const rowOf = (r: GrowthReport, fn: string): GrowthRow => {
  const row = r.rows.find((x) => x.functionName === fn);
  assert.ok(row, `no row ${fn}`);
  return row;
};
const trend = (row: GrowthRow) => ({ first: row.first, last: row.last, delta: row.delta, grew: `${row.grewIntervals}/${row.intervals}`, verdict: row.verdict, suspect: row.suspect });
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

describe('growth math, by hand', () => {
  it('least squares: slope and R² of an imperfect line', () => {
    // x̄ 1.5, ȳ 12.5: Sxy 45, Sxx 5, Syy 475: slope 9, R² 45²/(5·475) = 81/95.
    assert.deepEqual(leastSquares([0, 1, 2, 3], [0, 10, 10, 30]), { slope: 9, fit: 81 / 95 });
    // A falling line fits as well as a rising one.
    assert.deepEqual(leastSquares([0, 1, 2], [30, 20, 10]), { slope: -10, fit: 1 });
    // Nothing varies in y: no fit; one point or no spread in x: no slope.
    assert.deepEqual(leastSquares([0, 1, 2], [7, 7, 7]), { slope: 0, fit: 0 });
    assert.deepEqual(leastSquares([5], [1]), { slope: 0, fit: 0 });
    assert.deepEqual(leastSquares([2, 2, 2], [1, 2, 3]), { slope: 0, fit: 0 });
  });

  it('least squares: a slope that is zero but for rounding is zero, at any scale; a tiny real slope is kept', () => {
    // x̄ 2: Σ(x − x̄)(y − ȳ) = Σ(x − x̄)·y = −1·2 + 2·1 = 0 exactly; summed in floating point
    // (ȳ = 0.6 is not exact) it comes out 1.1e-16, a slope of 1.1e-17.
    assert.deepEqual(leastSquares([0, 1, 2, 3, 4], [0, 2, 0, 0, 1]), { slope: 0, fit: 0 });
    // The same shape in bytes and in terabytes: still 0 (the tolerance is relative to the terms).
    assert.deepEqual(leastSquares([0, 1, 2, 3, 4], [0, 2048, 0, 0, 1024]), { slope: 0, fit: 0 });
    assert.deepEqual(leastSquares([0, 1, 2, 3, 4], [0, 2e12, 0, 0, 1e12]), { slope: 0, fit: 0 });
    // A real slope of 1e-9 (Sxy 2e-9, Sxx 2, a perfect line) is not rounding noise.
    const tiny = leastSquares([0, 1, 2], [0, 1e-9, 2e-9]);
    assert.ok(Math.abs(tiny.slope - 1e-9) < 1e-24 && Math.abs(tiny.fit - 1) < 1e-12, JSON.stringify(tiny));
  });

  it('jumpiness: the worst interval\'s excess share of the growth', () => {
    // Rises 1, 0, 3 of 4; each interval is 1/3 of the time: (3/4 − 1/3) / (2/3) = 0.625.
    near(jumpiness([0, 1, 2, 3], [0, 1, 1, 4]), 0.625, '0,1,1,4');
    // Only the spacing counts, not where the time axis starts.
    near(jumpiness([10, 11, 12, 13], [0, 1, 1, 4]), 0.625, 'from minute 10');
    // Drops are not growth: rises 4, 0, 4 of 8: (1/2 − 1/3) / (2/3) = 0.25.
    near(jumpiness([0, 1, 2, 3], [0, 4, 2, 6]), 0.25, '0,4,2,6');
    // No spread in time: each interval counts 1/(n−1): all growth in one of two is 1.
    assert.equal(jumpiness([0, 0, 0], [0, 0, 6]), 1);
    // Rises 2 and 4 of 6, each interval 1/2: (2/3 − 1/2) / (1/2) = 1/3.
    near(jumpiness([0, 0, 0], [0, 2, 6]), 1 / 3, 'no spread, 0,2,6');
    // An interval that is all of the time is skipped (its share says nothing).
    assert.equal(jumpiness([0, 0, 2], [0, 0, 10]), 0);
    // Fewer than three points, or no rise: 0.
    assert.equal(jumpiness([0, 1], [0, 5]), 0);
    assert.equal(jumpiness([0, 1, 2], [5, 3, 1]), 0);
  });
});

describe('growth verdicts at their boundaries', () => {
  it('counts the intervals that grew and calls half of them a leak (steady enough), fewer growing', () => {
    // [0,10,10,20,20]: grew 2 of 4 (= 1/2); R² 50²/(10·280) = 25/28; jumpiness (1/2 − 1/4)/(3/4) = 1/3;
    // steadiness 25/28 · 2/3 = 0.595 ≥ 0.5: a leak. Score = delta × steadiness.
    // [0,10,10,10,20,20,20]: grew 2 of 6 < 1/2: growing, not a suspect.
    const r = analyzeGrowth(series([
      { fn: 'main.half', values: [0, 10, 10, 20, 20] },
      { fn: 'main.fall', values: [40, 30, 20, 10, 0] },
      { fn: 'main.back', values: [0, 0, 30, 30, 0] },
      { fn: 'main.dip', values: [0, 30, 0, 0, 1] },
    ]));
    const half = rowOf(r, 'main.half');
    assert.deepEqual(trend(half), { first: 0, last: 20, delta: 20, grew: '2/4', verdict: 'leak', suspect: true });
    near(half.fit, 25 / 28, 'fit');
    near(half.jumpiness, 1 / 3, 'jumpiness');
    near(half.steadiness, (25 / 28) * (2 / 3), 'steadiness');
    near(half.score, 20 * (25 / 28) * (2 / 3), 'score');
    near(half.slope, 5, 'slope per minute');
    assert.deepEqual(trend(rowOf(r, 'main.fall')), { first: 40, last: 0, delta: -40, grew: '0/4', verdict: 'shrinking', suspect: false });
    // Back to where it started (delta 0) though the slope is positive: flat, score 0.
    const back = rowOf(r, 'main.back');
    assert.ok(back.slope > 0);
    assert.deepEqual([trend(back), back.score, back.steadiness], [{ first: 0, last: 0, delta: 0, grew: '1/4', verdict: 'flat', suspect: false }, 0, 0]);
    // Ends 1 higher (delta 1) but the slope is negative (Σ(x−2)·y = −30 + 2): flat, score 0.
    const dip = rowOf(r, 'main.dip');
    assert.ok(dip.slope < 0);
    assert.deepEqual([trend(dip), dip.score, dip.steadiness], [{ first: 0, last: 1, delta: 1, grew: '2/4', verdict: 'flat', suspect: false }, 0, 0]);

    const fewer = rowOf(analyzeGrowth(series([{ fn: 'main.fewer', values: [0, 10, 10, 10, 20, 20, 20] }])), 'main.fewer');
    assert.equal(fewer.jumpiness < 0.6 && fewer.steadiness >= 0.5, true, 'steady and not a jump: only the intervals decide');
    assert.deepEqual(trend(fewer), { first: 0, last: 20, delta: 20, grew: '2/6', verdict: 'growing', suspect: false });
  });

  it('a jump: most of the growth in one interval; with two snapshots any growth is a suspect, fully steady', () => {
    const r = analyzeGrowth(series([{ fn: 'main.jump', values: [0, 1, 1, 4] }]));
    assert.deepEqual(trend(rowOf(r, 'main.jump')), { first: 0, last: 4, delta: 4, grew: '2/3', verdict: 'jump', suspect: false });
    const two = rowOf(analyzeGrowth(series([{ fn: 'main.two', values: [100, 160] }])), 'main.two');
    assert.deepEqual([trend(two), two.steadiness, two.score], [{ first: 100, last: 160, delta: 60, grew: '1/1', verdict: 'growing', suspect: true }, 1, 60]);
    const one = rowOf(analyzeGrowth(series([{ fn: 'main.one', values: [100] }])), 'main.one');
    assert.deepEqual([trend(one), one.score], [{ first: 100, last: 100, delta: 0, grew: '0/0', verdict: 'single', suspect: false }, 0]);
  });

  it('exactly at the thresholds: jumpiness 0.6 is a jump, steadiness 0.5 a leak (both exact in floating point)', () => {
    // edge: 0, 3, 10, 4, 1: rises 3, 7, 0, 0 of 10; interval 2 has 7/10 of the growth in 1/4 of the
    // time: (0.7 − 0.25) / 0.75 = 0.6 (computed exactly). Σ(x − 2)·y = −3 + 4 + 2 = 3: slope 0.3 > 0,
    // delta 1 > 0: growing, and at the threshold a jump.
    // steady: 0, 15, 11, 32: Sxy 46, Sxx 5, Syy 529: R² 2116/2645 = 0.8; rises 15, 0, 21 of 36, each
    // interval 1/3: (21/36 − 1/3) / (2/3) = 0.375; steadiness 0.8 × 0.625 = 0.5 (exactly, as
    // computed); grew 2 of 3: a leak.
    const edge = rowOf(analyzeGrowth(series([{ fn: 'main.edge', values: [0, 3, 10, 4, 1] }])), 'main.edge');
    assert.deepEqual([edge.jumpiness, trend(edge)], [0.6, { first: 0, last: 1, delta: 1, grew: '2/4', verdict: 'jump', suspect: false }]);
    const steady = rowOf(analyzeGrowth(series([{ fn: 'main.steady', values: [0, 15, 11, 32] }])), 'main.steady');
    assert.equal(steady.steadiness, 0.5);
    assert.deepEqual(trend(steady), { first: 0, last: 32, delta: 32, grew: '2/3', verdict: 'leak', suspect: true });
  });

  it('churn below 5% retained: exactly 5% is not churn, and nothing retained is 0%', () => {
    const r = analyzeGrowth(series([
      // inuse grows 5 of the 100 allocated: 5% (not churn): steady growth, a leak.
      { fn: 'main.five', values: [0, 2, 4, 5], alloc: [0, 30, 70, 100] },
      // inuse grows 4.9 of 100: churn, score 0.
      { fn: 'main.less', values: [1000, 2000, 4000, 5900], alloc: [0, 30000, 70000, 100000] },
      // inuse shrinks while allocating: retained 0 (not negative): churn.
      { fn: 'main.drop', values: [50, 40, 30, 20], alloc: [0, 10, 20, 30] },
      // Nothing allocated in the window: no ratio, judged by its shape.
      { fn: 'main.none', values: [10, 20, 30, 40], alloc: [40, 40, 40, 40] },
    ]));
    const five = rowOf(r, 'main.five');
    assert.deepEqual([five.retainedRatio, five.verdict], [0.05, 'leak']);
    const less = rowOf(r, 'main.less');
    assert.deepEqual([less.retainedRatio, less.verdict, less.score, less.suspect], [0.049, 'churn', 0, false]);
    const drop = rowOf(r, 'main.drop');
    assert.deepEqual([drop.retainedRatio, drop.verdict], [0, 'churn']);
    const none = rowOf(r, 'main.none');
    assert.deepEqual([none.retainedRatio, none.verdict, none.score], [undefined, 'leak', 30]);
  });
});

describe('growth: a flat line is flat', () => {
  it('a line whose slope is exactly zero is flat (score 0), ranked by its delta among the flat', () => {
    // zero: 0, 2KiB, 0, 0, 1KiB over minutes 0..4: Σ(x − 2)·y = −2048 + 2·1024 = 0: slope 0, flat.
    // (Summed in floating point it came out 1.1e-14/min: "grew irregularly" in the evidence, with a
    // score of 2e-31 that ranked it above every line of score 0, whatever their delta.)
    // more: 0, 5000, 0, 0, 2000: Σ(x − 2)·y = −5000 + 4000 = −1000: slope −100/min, delta +2000: flat.
    // Both score 0, not suspects: the larger delta first (more, then zero).
    const r = analyzeGrowth(series([
      { fn: 'main.zero', values: [0, 2048, 0, 0, 1024] },
      { fn: 'main.more', values: [0, 5000, 0, 0, 2000] },
    ]));
    assert.deepEqual(r.rows.map((x) => [x.functionName, x.verdict, x.score, x.slope]), [['main.more', 'flat', 0, -100], ['main.zero', 'flat', 0, 0]]);
    assert.deepEqual(evidenceLines(r, rowOf(r, 'main.zero')), ['0 → 1kB (+1kB)', 'slope 0/min', 'grew in 2 of 4 intervals', 'flat']);
  });
});

describe('growth ranking: every tie-breaker', () => {
  it('suspects first, then score, then delta, then |last|, then file:line:function', () => {
    const r = analyzeGrowth(series([
      // Non-suspects, by score: the jump has a score (delta × steadiness > 0), the flat ones none.
      { fn: 'main.flatSmall', values: [300, 300, 300, 300] },
      { fn: 'main.flatNegative', values: [-500, -500, -500, -500] },
      { fn: 'main.shrink', values: [40, 30, 20, 10] },
      // jump: R² 0.8, jumpiness 0.625, score 40 × 0.8 × 0.375 = 12;
      // bumpy: R² 65²/(5·3075), jumpiness (60/110 − 1/3)/(2/3), score 11.24 with the larger delta (60).
      { fn: 'main.jump', values: [0, 10, 10, 40] },
      { fn: 'main.bumpy', values: [0, 50, 0, 60] },
      { fn: 'main.b', values: [7, 7, 7, 7] },
      { fn: 'main.a', values: [7, 7, 7, 7] },
      // A small leak outranks every non-suspect.
      { fn: 'main.leak', values: [1, 2, 3, 4] },
    ]));
    assert.deepEqual(
      r.rows.map((x) => [x.functionName, x.verdict]),
      [
        ['main.leak', 'leak'],
        ['main.jump', 'jump'],
        ['main.bumpy', 'growing'],
        // score 0, delta 0: |last| decides (-500 before 300 before 7).
        ['main.flatNegative', 'flat'],
        ['main.flatSmall', 'flat'],
        // Equal in everything: by file (/src/a.go before /src/b.go).
        ['main.a', 'flat'],
        ['main.b', 'flat'],
        // delta −30 last among score 0.
        ['main.shrink', 'shrinking'],
      ],
    );
    near(rowOf(r, 'main.jump').score, 12, 'jump score');
    near(rowOf(r, 'main.bumpy').score, 60 * (4225 / 15375) * (1 - (60 / 110 - 1 / 3) / (2 / 3)), 'bumpy score');
    assert.equal(rowOf(r, 'main.leak').score, 3);
  });

  it('three rows equal in everything, given out of order: by file:line:function', () => {
    // main.c, main.a, main.b: flat at 7 (not suspects, score 0, delta 0, |last| 7). Only the key
    // (/src/a.go:10:main.a < /src/b.go… < /src/c.go…) separates them: a, b, c. A comparator that
    // keeps the given order would say c, a, b; one that reverses it (always −1), b, a, c.
    const r = analyzeGrowth(series([
      { fn: 'main.c', values: [7, 7, 7, 7] },
      { fn: 'main.a', values: [7, 7, 7, 7] },
      { fn: 'main.b', values: [7, 7, 7, 7] },
    ]));
    assert.deepEqual(r.rows.map((x) => `${x.key} ${x.verdict} ${x.score}`), ['/src/a.go:10:main.a flat 0', '/src/b.go:10:main.b flat 0', '/src/c.go:10:main.c flat 0']);
  });
});
