// The words of a growth row (Leak Suspects view, growth hover, the trend after a suspect line),
// exact: every verdict's text, slope units, retained/alloc rounding, file:line labels, and the
// decorations of one file (suspects only, past-the-end lines dropped, one per line, sorted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GrowthReport, GrowthRow, GrowthVerdict } from '../../src/core/growth';
import { evidenceLines, growthDecorations, growthWarningLines, retainedText, rowPlace, slopeText, suspectLabel, suspects, trendText, verdictText, whyText } from '../../src/extension/growthEvidence';

/** A row with hand-picked numbers (bytes). */
function row(over: Partial<GrowthRow> = {}): GrowthRow {
  return {
    key: 'k', functionName: 'main.f', file: '/src/app/audit.go', line: 14, startLine: 10,
    values: [1_000_000, 2_000_000, 3_000_000], cum: [0, 0, 0], byType: {},
    first: 1_000_000, last: 3_000_000, delta: 2_000_000, slope: 1_000_000.9, grewIntervals: 2, intervals: 2,
    fit: 1, jumpiness: 0, steadiness: 1, score: 2_000_000, verdict: 'leak', suspect: true,
    ...over,
  };
}
const report = (over: Partial<GrowthReport> = {}) => ({ sampleUnit: 'bytes', slopeUnit: 'minute', sampleType: 'inuse_space', rows: [], snapshots: [], warnings: [], ...over }) as unknown as GrowthReport;

describe('growth evidence text', () => {
  it('every verdict in a few words', () => {
    const texts: [GrowthVerdict, boolean, string][] = [
      ['leak', true, 'leak suspect: grew steadily and kept what it allocated'],
      ['growing', true, 'grew (two snapshots: cannot tell steady from one-off)'],
      ['growing', false, 'grew irregularly'],
      ['jump', false, 'grew in one jump (a cache warming up?)'],
      ['churn', false, 'churn: allocates more and more but keeps almost none'],
      ['flat', false, 'flat'],
      ['shrinking', false, 'shrinking'],
      ['single', false, 'one snapshot: no trend'],
      ['someday' as GrowthVerdict, false, 'someday'],
    ];
    for (const [verdict, suspect, text] of texts) assert.equal(verdictText(row({ verdict, suspect })), text, verdict);
  });

  it('trend, slope per minute or per snapshot (truncated), retained/alloc with one decimal below 10%', () => {
    assert.equal(trendText(report(), row()), '+1.91MB ↑2/2');
    assert.equal(slopeText(report(), row()), '+976.56kB/min');
    assert.equal(slopeText(report({ slopeUnit: 'snapshot' }), row()), '+976.56kB/snapshot');
    assert.equal(slopeText(report(), row({ slope: 1023.9 })), '+1023B/min');
    assert.equal(retainedText(row()), undefined);
    assert.equal(retainedText(row({ retainedRatio: 1 })), '100%');
    assert.equal(retainedText(row({ retainedRatio: 0.1 })), '10%');
    assert.equal(retainedText(row({ retainedRatio: 0.0999 })), '10.0%');
    assert.equal(retainedText(row({ retainedRatio: 0.012 })), '1.2%');
    assert.deepEqual(evidenceLines(report(), row()), ['976.56kB → 2.86MB (+1.91MB)', 'slope +976.56kB/min', 'grew in 2 of 2 intervals', 'leak suspect: grew steadily and kept what it allocated']);
    assert.deepEqual(evidenceLines(report(), row({ retainedRatio: 0.5, verdict: 'jump', suspect: false })).slice(3), ['retained/alloc 50%', 'grew in one jump (a cache warming up?)']);
  });

  it('file:line labels use the base name (either slash); function rows (line 0) have no line', () => {
    assert.equal(rowPlace(row()), 'audit.go:14');
    assert.equal(rowPlace(row({ file: 'C:\\src\\app\\audit.go', line: 3 })), 'audit.go:3');
    assert.equal(rowPlace(row({ line: 0 })), 'audit.go');
    assert.equal(rowPlace(row({ file: 'audit.go', line: 1 })), 'audit.go:1');
  });

  it('suspects: the suspect rows in the engine\'s order; none without a report', () => {
    const a = row({ key: 'a' });
    const b = row({ key: 'b', suspect: false, verdict: 'churn' });
    const c = row({ key: 'c' });
    assert.deepEqual(suspects(report({ rows: [a, b, c] })).map((r) => r.key), ['a', 'c']);
    assert.deepEqual(suspects(undefined), []);
  });
});

describe('growth decorations of one file', () => {
  it('suspects only, 0-based, sorted by line, the best-ranked row of a line, none past the end or before the start', () => {
    const rows = [
      row({ key: 'late', line: 20, delta: 3_000_000 }),
      row({ key: 'best', line: 5, delta: 2_000_000, grewIntervals: 2 }),
      row({ key: 'second', line: 5, delta: 1_000, grewIntervals: 1 }),
      row({ key: 'churn', line: 7, suspect: false, verdict: 'churn' }),
      row({ key: 'past', line: 31 }),
      row({ key: 'last', line: 30 }),
      row({ key: 'fn', line: 0 }),
    ];
    const d = growthDecorations(report(), rows, 30);
    assert.deepEqual(d.map((x) => [x.line, x.text, x.row.key]), [
      [4, '+1.91MB ↑2/2', 'best'],
      [19, '+2.86MB ↑2/2', 'late'],
      [29, '+1.91MB ↑2/2', 'last'],
    ]);
  });
});

describe('growth warning lines', () => {
  it('some profiles without time: one line that counts them', () => {
    const lines = growthWarningLines({
      snapshots: [{}, {}, {}] as never,
      warnings: [{ code: 'time-from-file', message: 'a: the profile has no time' }, { code: 'restart', message: 'restart' }],
    } as never);
    assert.deepEqual(lines, ['restart', '1 of 3 profiles carry no time: those are ordered by file modification time']);
    assert.deepEqual(growthWarningLines({ snapshots: [{}] as never, warnings: [{ code: 'restart', message: 'x' }] } as never), ['x']);
  });
});

describe('goroutine suspects: the sentence and the label', () => {
  const g = report({ sampleType: 'goroutine', sampleUnit: 'count' });
  const leak = (over: Partial<GrowthRow> = {}) =>
    row({ functionName: 'github.com/a/notify.listen', file: '/src/notify/notify.go', line: 13, last: 1200, user: true, waitReason: 'chan receive', entry: 'github.com/a/notify.listen', ...over });

  it('a user frame of a goroutine profile reads as a sentence: count, blocked at, in, reason, started as', () => {
    assert.equal(whyText(g, leak()), '1,200 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen');
    assert.equal(whyText(g, leak({ waitReason: undefined })), '1,200 goroutines at notify.go:13 in notify.listen, started as notify.listen');
    assert.equal(whyText(g, leak({ entry: undefined, last: 1 })), '1 goroutine blocked at notify.go:13 in notify.listen (chan receive)');
    // Not a user frame, or not a goroutine profile: the reason and entry only.
    assert.equal(whyText(g, leak({ user: false })), 'chan receive, started as notify.listen');
    assert.equal(whyText(report(), leak()), 'chan receive, started as notify.listen');
    // Neither reason nor entry: no sentence (and no attribution: nothing).
    assert.equal(whyText(g, leak({ waitReason: undefined, entry: undefined })), '');
    assert.deepEqual(evidenceLines(g, leak()).slice(0, 2), ['1,200 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen', '1000000 → 1200 (+2000000)']);
    assert.equal(evidenceLines(g, leak({ waitReason: undefined, entry: undefined }))[0], '1000000 → 1200 (+2000000)');
  });

  it('the label puts the wait reason after the place, only for a user frame of a goroutine profile', () => {
    assert.equal(suspectLabel(g, leak()), 'notify.go:13 [chan receive]  github.com/a/notify.listen');
    assert.equal(suspectLabel(g, leak(), ' '), 'notify.go:13 [chan receive] github.com/a/notify.listen');
    assert.equal(suspectLabel(g, leak({ user: false })), 'notify.go:13  github.com/a/notify.listen');
    assert.equal(suspectLabel(g, leak({ waitReason: undefined })), 'notify.go:13  github.com/a/notify.listen');
    assert.equal(suspectLabel(report(), leak()), 'notify.go:13  github.com/a/notify.listen');
  });

  it('a suspect on the first line is decorated on line 0', () => {
    assert.deepEqual(growthDecorations(report(), [row({ line: 1 })], 5).map((d) => d.line), [0]);
  });
});

