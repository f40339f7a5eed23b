// The leak hunt on the Memory Timeline (pure parts): which snapshots a drag-selection holds, and
// the top suspect's per-snapshot values placed on the chart's times, from the real growth report
// of the leaky service's heap.0..3 (profile times 1795669405.18 … 1795669413.35 s).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeGrowth } from '../../src/core/growth';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { suspectOverlay, snapshotsInRange } from '../../src/timeline/growthOverlay';
import { fixture } from '../support/fixtures';

describe('snapshotsInRange', () => {
  const snaps = [
    { t: 130, name: 'heap-c.pb.gz' },
    { t: 100, name: 'heap-a.pb.gz' },
    { t: 115, name: 'heap-b.pb.gz' },
    { t: 160, name: 'heap-d.pb.gz' },
  ];
  it('keeps the snapshots captured inside the selection, edges included, oldest first', () => {
    assert.deepEqual(snapshotsInRange(snaps, 100, 130).map((s) => s.name), ['heap-a.pb.gz', 'heap-b.pb.gz', 'heap-c.pb.gz']);
    assert.deepEqual(snapshotsInRange(snaps, 101, 159.9).map((s) => s.name), ['heap-b.pb.gz', 'heap-c.pb.gz']);
  });
  it('takes the selection in either direction', () => {
    assert.deepEqual(snapshotsInRange(snaps, 170, 120).map((s) => s.name), ['heap-c.pb.gz', 'heap-d.pb.gz']);
  });
  it('holds one or none', () => {
    assert.deepEqual(snapshotsInRange(snaps, 116, 129).map((s) => s.name), []);
    assert.deepEqual(snapshotsInRange(snaps, 150, 200).map((s) => s.name), ['heap-d.pb.gz']);
  });
});

describe('suspectOverlay (leaky heap.0..3, top suspect main.go:25 main.TrackRequest)', () => {
  const files = [0, 1, 2, 3].map((i) => fixture('leaky', `heap.${i}.pprof`));
  const report = analyzeGrowth(files.map((f) => ({ name: f, profile: parseProfile(readFileSync(f), { inflater: nodeInflater }) })));
  const top = report.rows[0];
  const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

  it('is the report\'s top row, whose values are the snapshots\' inuse_space on main.go:25', () => {
    assert.equal(`${top.functionName}:${top.line}`, 'main.TrackRequest:25');
    assert.deepEqual(top.values, [1058849, 18529863, 30706630, 51883617]);
    assert.equal(report.sampleUnit, 'bytes');
  });

  it('puts each snapshot\'s value at the nearest chart time (1 s scrapes)', () => {
    const t = range(1795669404, 1795669414, 1);
    const o = suspectOverlay(report, top, t, 'main.go:25 main.TrackRequest');
    assert.deepEqual(o, {
      label: 'main.go:25 main.TrackRequest',
      unit: 'bytes',
      // 405.18 → 405, 408.00 → 408, 410.71 → 411, 413.35 → 413
      values: [null, 1058849, null, null, 18529863, null, null, 30706630, null, 51883617, null],
    });
  });

  it('with coarse steps a later snapshot on the same chart time wins', () => {
    const o = suspectOverlay(report, top, [1795669400, 1795669405, 1795669410, 1795669415], 'x');
    // 405.18 → 405; 408.00 → 410 (2 s vs 3 s); 410.71 → 410 (replaces it); 413.35 → 415
    assert.deepEqual(o?.values, [null, 1058849, 30706630, 51883617]);
  });

  it('leaves out snapshots outside the charted span, and is undefined when none lands', () => {
    // 405.18 is 1.82 s before the first chart time (steps are 1 s): left out.
    const values = suspectOverlay(report, top, range(1795669407, 1795669420, 1), 'x')?.values;
    assert.deepEqual(values, [null, 18529863, null, null, 30706630, null, 51883617, null, null, null, null, null, null, null]);
    assert.equal(suspectOverlay(report, top, range(1795669500, 1795669510, 1), 'x'), undefined);
    assert.equal(suspectOverlay(report, top, [], 'x'), undefined);
  });
});
