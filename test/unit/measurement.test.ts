// measurement against pprof's internal/measurement (Go 1.19.8): expected strings were printed by
// pprof's own functions (Percentage, ScaledLabel, Scale) or by Go's fmt for the float formats.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commonValueType,
  formatFixed,
  formatG,
  goInt64,
  label,
  percentage,
  scale,
  scaledLabel,
  scaleProfiles,
} from '../../src/core/measurement';
import type { Profile } from '../../src/core/profile';

describe('percentage', () => {
  const cases: [value: number, total: number, want: string][] = [
    [100, 100, '  100%'],
    [9996, 10000, '  100%'], // within 0.05 of 100
    [10004, 10000, '  100%'],
    [9994, 10000, '99.94%'],
    [17, 100000, '0.017%'],
    [9573, 10000, '95.73%'],
    [1, 100, ' 1.00%'],
    [5, 1000, '  0.5%'],
    [0, 100, '    0%'],
    [5, 0, '    0%'],
    [-9573, 10000, '95.73%'], // |value|: negative values (diffs) print positive percentages
    [9573, -10000, '95.73%'],
    [1, 10000000, '1e-05%'],
    [12345, 10000, '123.45%'],
    [1, 800, ' 0.12%'], // 0.125 is an exact tie: Go rounds half to even
    [3, 800, ' 0.38%'],
  ];
  for (const [v, t, want] of cases) {
    it(`percentage(${v}, ${t}) = ${JSON.stringify(want)}`, () => assert.equal(percentage(v, t), want));
  }
});

describe('scale and scaledLabel', () => {
  it('scales memory with the "minimum"/"auto" unit to the largest unit keeping the value >= 1', () => {
    assert.deepEqual(scale(1536, 'bytes', 'minimum'), [1.5, 'kB']);
    assert.deepEqual(scale(47118797, 'bytes', 'auto'), [44.93598651885986, 'MB']);
    assert.equal(scaledLabel(53_000_000, 'bytes', 'minimum'), '50.54MB');
    assert.equal(scaledLabel(512, 'bytes', 'minimum'), '512B');
  });
  it('scales to a fixed unit ("kB" keeps 46 MB as kB, as -top does when the smallest value is in kB)', () => {
    assert.equal(scaledLabel(47118797, 'bytes', 'kB'), '46014.45kB');
    assert.equal(scaledLabel(47118797, 'bytes', 'MB'), '44.94MB');
  });
  it('scales time units', () => {
    assert.equal(scaledLabel(8_960_000_000, 'nanoseconds', 'minimum'), '8.96s');
    assert.equal(scaledLabel(30_000_000, 'nanoseconds', 'ms'), '30ms');
    assert.equal(scaledLabel(30_000_000, 'nanoseconds', 's'), '0.03s');
    assert.equal(scaledLabel(7_200_000_000_000, 'nanoseconds', 'auto'), '2hrs');
    assert.equal(label(5_150_000_000, 'nanoseconds'), '5.15s');
  });
  it('keeps counts unitless and unknown units as they are', () => {
    assert.deepEqual(scale(42, 'count', 'minimum'), [42, '']);
    assert.deepEqual(scale(42, 'samples', 'count'), [42, '']);
    assert.deepEqual(scale(42, 'widgets', 'widgets'), [42, 'widgets']);
    assert.equal(scaledLabel(5461, 'count', 'count'), '5461');
  });
  it('treats "μs" as pprof does: the 3-byte UTF-8 name loses its "s" and is not recognized', () => {
    assert.deepEqual(scale(1000, 'μs', 'minimum'), [1000, '']);
    assert.deepEqual(scale(1000, 'us', 'minimum'), [1, 'ms']);
  });
  it('formats zero and values that round to zero as "0", negatives with a sign', () => {
    assert.equal(scaledLabel(0, 'bytes', 'MB'), '0');
    assert.equal(scaledLabel(-1, 'bytes', 'MB'), '0');
    assert.equal(scaledLabel(-1536, 'bytes', 'minimum'), '-1.50kB');
    assert.equal(scaledLabel(-2_000_000, 'nanoseconds', 'ms'), '-2ms');
  });
});

describe('Go float formatting', () => {
  it('rounds exact ties to even, like strconv', () => {
    assert.equal(formatFixed(0.125, 2), '0.12');
    assert.equal(formatFixed(0.375, 2), '0.38');
    assert.equal(formatFixed(2.5, 0), '2');
    assert.equal(formatFixed(1.005, 2), '1.00'); // 1.005 is below the tie in binary
    assert.equal(formatFixed(-0.001, 2), '-0.00');
  });
  it('formats %g with Go exponent rules', () => {
    assert.equal(formatG(0.017, 2), '0.017');
    assert.equal(formatG(0.5, 2), '0.5');
    assert.equal(formatG(0.0001, 2), '0.0001');
    assert.equal(formatG(0.00001234, 2), '1.2e-05');
    assert.equal(formatG(0, 2), '0');
    assert.equal(formatG(0.995, 2), '0.99');
    assert.equal(formatG(0.996, 2), '1');
  });
  it('converts out-of-range floats to int64 as amd64 does', () => {
    assert.equal(goInt64(4.76e20), -(2 ** 63));
    assert.equal(goInt64(-2.7), -2);
  });
});

describe('commonValueType and scaleProfiles', () => {
  it('picks the finest compatible unit', () => {
    assert.deepEqual(commonValueType([{ type: 'cpu', unit: 'milliseconds' }, { type: 'cpu', unit: 'nanoseconds' }]), { type: 'cpu', unit: 'nanoseconds' });
    assert.equal(commonValueType([{ type: 'cpu', unit: 'nanoseconds' }]), undefined);
    assert.throws(() => commonValueType([{ type: 'cpu', unit: 'nanoseconds' }, { type: 'space', unit: 'bytes' }]), /incompatible types/);
  });
  it('scales samples to the common unit and drops samples that become zero', () => {
    const mk = (unit: string, values: number[]): Profile => ({
      sampleTypes: [{ type: 'cpu', unit }],
      defaultSampleType: '',
      samples: {
        count: values.length,
        numValues: 1,
        stackStart: Uint32Array.from(values.map((_, i) => i).concat(values.length)),
        stack: new Uint32Array(values.length),
        values: Float64Array.from(values),
        labelStart: new Uint32Array(values.length + 1),
        labelKey: new Uint32Array(0),
        labelValue: new Float64Array(0),
        labelUnit: new Int32Array(0),
      },
      mappings: [],
      locations: [],
      functions: [],
      comments: [],
      dropFrames: '',
      keepFrames: '',
      timeNanos: 0n,
      durationNanos: 0,
      periodType: { type: 'cpu', unit },
      period: 10,
      strings: [''],
    });
    const [a, b] = scaleProfiles([mk('milliseconds', [2, 0, 3]), mk('microseconds', [7])]);
    assert.deepEqual(a.sampleTypes, [{ type: 'cpu', unit: 'microseconds' }]);
    assert.deepEqual(Array.from(a.samples.values), [2000, 3000]);
    assert.equal(a.samples.count, 2);
    assert.equal(a.period, 10000);
    assert.deepEqual(Array.from(b.samples.values), [7]);
  });
});
