import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnText, heatBucket, lineDecorations } from '../../src/extension/decorationModel';

const stat = (line: number, flat: number, cum: number, flatText = `${flat}B`, cumText = `${cum}B`) => ({ line, flat, cum, flatText, cumText });

test('columnText prints "." for zero like go tool pprof -list', () => {
  assert.equal(columnText(stat(1, 0, 5, '0', '5B')), '       .       5B');
  assert.equal(columnText(stat(1, 1, 1, '49.48MB', '49.48MB')), ' 49.48MB  49.48MB');
});

test('heatBucket grows with the share of the total and is 0 for nothing', () => {
  assert.equal(heatBucket(0, 100), 0);
  assert.equal(heatBucket(1, 0), 0);
  assert.equal(heatBucket(0.00001, 1), 1);
  assert.equal(heatBucket(0.3, 1), 8);
  assert.equal(heatBucket(-0.3, 1), 8, 'diffs color by magnitude');
  let prev = 0;
  for (const f of [0.0005, 0.002, 0.007, 0.02, 0.03, 0.07, 0.2, 0.9]) {
    const b = heatBucket(f, 1);
    assert.ok(b >= prev, `bucket of ${f} is ${b} < ${prev}`);
    prev = b;
  }
});

test('lineDecorations converts to 0-based lines, drops lines past the end and applies the threshold', () => {
  const d = lineDecorations([stat(1, 50, 50), stat(3, 0, 2), stat(99, 1, 1)], { total: 100, heatBy: 'flat', thresholdPercent: 10, lineCount: 10 });
  assert.deepEqual(d.map((x) => x.line), [0, 2]);
  assert.equal(d[0].bucket, 8);
  assert.equal(d[1].bucket, 0, 'below threshold and zero flat: plain');
  const byCum = lineDecorations([stat(3, 0, 20)], { total: 100, heatBy: 'cum', thresholdPercent: 10, lineCount: 10 });
  assert.ok(byCum[0].bucket > 0);
});
