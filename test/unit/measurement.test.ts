// measurement against pprof's internal/measurement (Go 1.19.8): expected strings were printed by
// pprof's own functions (Percentage, ScaledLabel, Scale) or by Go's fmt for the float formats.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commonValueType,
  formatFixed,
  formatG,
  goInt64,
  padLeft,
  padRight,
  runeCount,
  label,
  percentage,
  scale,
  scaledLabel,
  scaleProfiles,
} from '../../src/core/measurement';
import type { Profile } from '../../src/core/profile';
import { formatPercent, formatValue } from '../../src/shared/valueFormat';

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
    // pprof's uninteresting target units, from a unit it does not know.
    assert.deepEqual(['count', 'sample', 'unit', 'minimum', 'auto', 'samples'].map((u) => scale(3, 'widgets', u)), [[3, ''], [3, ''], [3, ''], [3, ''], [3, ''], [3, 'samples']]);
    // label picks the unit: 1536 bytes are 1.50kB, not 1536B.
    assert.equal(label(1536, 'bytes'), '1.50kB');
    // Below the smallest unit (a fraction of a nanosecond after -divide_by): the family's default unit.
    assert.deepEqual(scale(0.5, 'nanoseconds', 'auto'), [5e-10, 's']);
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

// The cases below were printed by Go 1.19.8: pprof's internal/measurement (ScaledLabel,
// Percentage, CommonValueType, copied from GOROOT/src/cmd/vendor into a scratch module and
// called from a main package), strconv.FormatFloat and fmt's %6s/%-6s.
describe('every unit pprof knows, as pprof scales it', () => {
  // [unit, ScaledLabel(3, unit, "auto"), ScaledLabel(3, unit, "minimum"), ScaledLabel(3000, unit, unit)]
  const aliases: [string, string, string, string][] = [
    ['b', '3B', '3B', '3000B'],
    ['byte', '3B', '3B', '3000B'],
    ['bytes', '3B', '3B', '3000B'],
    ['B', '3B', '3B', '3000B'],
    ['kb', '3kB', '3kB', '3000kB'],
    ['kbyte', '3kB', '3kB', '3000kB'],
    ['kbytes', '3kB', '3kB', '3000kB'],
    ['kilobyte', '3kB', '3kB', '3000kB'],
    ['kilobytes', '3kB', '3kB', '3000kB'],
    ['KB', '3kB', '3kB', '3000kB'],
    ['mb', '3MB', '3MB', '3000MB'],
    ['mbyte', '3MB', '3MB', '3000MB'],
    ['megabyte', '3MB', '3MB', '3000MB'],
    ['megabytes', '3MB', '3MB', '3000MB'],
    ['gb', '3GB', '3GB', '3000GB'],
    ['gbyte', '3GB', '3GB', '3000GB'],
    ['gigabyte', '3GB', '3GB', '3000GB'],
    ['tb', '3TB', '3TB', '3000TB'],
    ['tbyte', '3TB', '3TB', '3000TB'],
    ['terabyte', '3TB', '3TB', '3000TB'],
    ['pb', '3PB', '3PB', '3000PB'],
    ['pbyte', '3PB', '3PB', '3000PB'],
    ['petabyte', '3PB', '3PB', '3000PB'],
    ['ns', '3ns', '3ns', '3000ns'],
    ['nanosecond', '3ns', '3ns', '3000ns'],
    ['nanoseconds', '3ns', '3ns', '3000ns'],
    ['μs', '3', '3', '3000μs'],
    ['us', '3us', '3us', '3000us'],
    ['microsecond', '3us', '3us', '3000us'],
    ['microseconds', '3us', '3us', '3000us'],
    ['ms', '3ms', '3ms', '3000ms'],
    ['millisecond', '3ms', '3ms', '3000ms'],
    ['milliseconds', '3ms', '3ms', '3000ms'],
    ['s', '3s', '3s', '3000s'],
    ['sec', '3s', '3s', '3000s'],
    ['secs', '3s', '3s', '3000s'],
    ['second', '3s', '3s', '3000s'],
    ['seconds', '3s', '3s', '3000s'],
    ['hour', '3hrs', '3hrs', '3000hrs'],
    ['hours', '3hrs', '3hrs', '3000hrs'],
    ['hr', '3hrs', '3hrs', '3000hrs'],
    ['hrs', '3hrs', '3hrs', '3000hrs'],
    ['nanogcu', '3n*GCU', '3n*GCU', '3000n*GCU'],
    ['microgcu', '3u*GCU', '3u*GCU', '3000u*GCU'],
    ['milligcu', '3m*GCU', '3m*GCU', '3000m*GCU'],
    ['gcu', '3GCU', '3GCU', '3000GCU'],
    ['GCU', '3GCU', '3GCU', '3000GCU'],
    ['kilogcu', '3k*GCU', '3k*GCU', '3000k*GCU'],
    ['megagcu', '3M*GCU', '3M*GCU', '3000M*GCU'],
    ['gigagcu', '3G*GCU', '3G*GCU', '3000G*GCU'],
    ['teragcu', '3T*GCU', '3T*GCU', '3000T*GCU'],
    ['petagcu', '3P*GCU', '3P*GCU', '3000P*GCU'],
    ['count', '3', '3', '3000'],
    ['widgets', '3', '3', '3000widgets'],
  ];
  for (const [unit, auto, minimum, same] of aliases) {
    it(`reads ${unit}`, () => {
      assert.deepEqual([scaledLabel(3, unit, 'auto'), scaledLabel(3, unit, 'minimum'), scaledLabel(3000, unit, unit)], [auto, minimum, same]);
    });
  }

  // [to, ScaledLabel(5<<50, "bytes", to), ScaledLabel(7.2e12, "ns", to), ScaledLabel(5e15, "nanogcu", to)]:
  // a unit of another family (or none) falls back to the family's default unit.
  const targets: [string, string, string, string][] = [
    ['b', '5629499534213120B', '7200s', '5000000GCU'],
    ['kb', '5497558138880kB', '7200s', '5000000GCU'],
    ['mb', '5368709120MB', '7200s', '5000000GCU'],
    ['gb', '5242880GB', '7200s', '5000000GCU'],
    ['tb', '5120TB', '7200s', '5000000GCU'],
    ['pb', '5PB', '7200s', '5000000GCU'],
    ['ns', '5629499534213120B', '7200000000000ns', '5000000GCU'],
    ['us', '5629499534213120B', '7200000000us', '5000000GCU'],
    ['ms', '5629499534213120B', '7200000ms', '5000000GCU'],
    ['s', '5629499534213120B', '7200s', '5000000GCU'],
    ['hrs', '5629499534213120B', '2hrs', '5000000GCU'],
    ['hour', '5629499534213120B', '2hrs', '5000000GCU'],
    ['nanogcu', '5629499534213120B', '7200s', '5000000000000000n*GCU'],
    ['gcu', '5629499534213120B', '7200s', '5000000GCU'],
    ['kilogcu', '5629499534213120B', '7200s', '5000k*GCU'],
    ['petagcu', '5629499534213120B', '7200s', '0'],
    ['foo', '5629499534213120B', '7200s', '5000000GCU'],
    ['count', '5629499534213120B', '7200s', '5000000GCU'],
    ['sample', '5629499534213120B', '7200s', '5000000GCU'],
    ['unit', '5629499534213120B', '7200s', '5000000GCU'],
  ];
  for (const [to, bytes, ns, gcu] of targets) {
    it(`scales to ${to}`, () => {
      assert.deepEqual([scaledLabel(5 * 2 ** 50, 'bytes', to), scaledLabel(7_200_000_000_000, 'ns', to), scaledLabel(5e15, 'nanogcu', to)], [bytes, ns, gcu]);
    });
  }

  it('picks the largest unit keeping the value >= 1, at each boundary', () => {
    const bytes: [number, string][] = [
      [1, '1B'], [1023, '1023B'], [1024, '1kB'], [1048576, '1MB'], [1048575, '1024kB'], [1073741824, '1GB'],
      [1099511627776, '1TB'], [1125899906842624, '1PB'], [1152921504606846976, '1024PB'],
    ];
    const ns: [number, string][] = [
      [1, '1ns'], [999, '999ns'], [1000, '1us'], [999999, '1000us'], [1000000, '1ms'], [1000000000, '1s'],
      [3599000000000, '3599s'], [3600000000000, '1hrs'],
    ];
    const gcu: [number, string][] = [
      [1, '1n*GCU'], [1000, '1u*GCU'], [1000000, '1m*GCU'], [1000000000, '1GCU'], [1000000000000, '1k*GCU'],
      [1000000000000000, '1M*GCU'], [1000000000000000000, '1G*GCU'],
    ];
    assert.deepEqual(bytes.map(([v]) => [v, scaledLabel(v, 'bytes', 'auto')]), bytes);
    assert.deepEqual(ns.map(([v]) => [v, scaledLabel(v, 'ns', 'auto')]), ns);
    assert.deepEqual(gcu.map(([v]) => [v, scaledLabel(v, 'nanogcu', 'auto')]), gcu);
  });

  it('percentage at the 100% window and the 1% switch', () => {
    const cases: [number, number, string][] = [
      [99949, 100000, '99.95%'], [99950, 100000, '  100%'], [100050, 100000, '  100%'], [100051, 100000, '100.05%'],
      [1, 100, ' 1.00%'], [999, 100000, '    1%'], [9995, 1000000, '    1%'], [1, 3, '33.33%'], [2, 3, '66.67%'],
      [-1, 3, '33.33%'], [1, 1000000000, '1e-07%'], [123456789, 1000, '12345678.90%'],
    ];
    assert.deepEqual(cases.map(([v, t]) => [v, t, percentage(v, t)]), cases);
  });
});

describe('Go float formatting against strconv.FormatFloat', () => {
  // [x, 'f' 0, 'f' 2, 'f' 3, 'g' 0, 'g' 2, 'g' 5]
  const cases: [number, string, string, string, string, string, string][] = [
    [0.125, '0', '0.12', '0.125', '0.1', '0.12', '0.125'],
    [0.375, '0', '0.38', '0.375', '0.4', '0.38', '0.375'],
    [2.5, '2', '2.50', '2.500', '2', '2.5', '2.5'],
    [3.5, '4', '3.50', '3.500', '4', '3.5', '3.5'],
    [9.995, '10', '9.99', '9.995', '1e+01', '10', '9.995'],
    [99.995, '100', '100.00', '99.995', '1e+02', '1e+02', '99.995'],
    [0.005, '0', '0.01', '0.005', '0.005', '0.005', '0.005'],
    [0.015, '0', '0.01', '0.015', '0.01', '0.015', '0.015'],
    [1e21, '1000000000000000000000', '1000000000000000000000.00', '1000000000000000000000.000', '1e+21', '1e+21', '1e+21'],
    [1.5e22, '15000000000000000000000', '15000000000000000000000.00', '15000000000000000000000.000', '2e+22', '1.5e+22', '1.5e+22'],
    [1.2345678901234569e23, '123456789012345685803008', '123456789012345685803008.00', '123456789012345685803008.000', '1e+23', '1.2e+23', '1.2346e+23'],
    [5e-324, '0', '0.00', '0.000', '5e-324', '4.9e-324', '4.9407e-324'],
    [0.5, '0', '0.50', '0.500', '0.5', '0.5', '0.5'],
    [1.25, '1', '1.25', '1.250', '1', '1.2', '1.25'],
    [-0.125, '-0', '-0.12', '-0.125', '-0.1', '-0.12', '-0.125'],
    [-2.5, '-2', '-2.50', '-2.500', '-2', '-2.5', '-2.5'],
    [-1.5e22, '-15000000000000000000000', '-15000000000000000000000.00', '-15000000000000000000000.000', '-2e+22', '-1.5e+22', '-1.5e+22'],
    [1e-7, '0', '0.00', '0.000', '1e-07', '1e-07', '1e-07'],
    [1.234e-5, '0', '0.00', '0.000', '1e-05', '1.2e-05', '1.234e-05'],
    [1234567, '1234567', '1234567.00', '1234567.000', '1e+06', '1.2e+06', '1.2346e+06'],
    [12345678, '12345678', '12345678.00', '12345678.000', '1e+07', '1.2e+07', '1.2346e+07'],
    [0.999, '1', '1.00', '0.999', '1', '1', '0.999'],
    [9.5, '10', '9.50', '9.500', '1e+01', '9.5', '9.5'],
    [95, '95', '95.00', '95.000', '1e+02', '95', '95'],
    [950, '950', '950.00', '950.000', '1e+03', '9.5e+02', '950'],
    [0.0625, '0', '0.06', '0.062', '0.06', '0.062', '0.0625'],
    [7, '7', '7.00', '7.000', '7', '7', '7'],
    [100, '100', '100.00', '100.000', '1e+02', '1e+02', '100'],
    [2.675, '3', '2.67', '2.675', '3', '2.7', '2.675'],
  ];
  for (const [x, f0, f2, f3, g0, g2, g5] of cases) {
    it(`formats ${x}`, () => {
      assert.deepEqual([formatFixed(x, 0), formatFixed(x, 2), formatFixed(x, 3), formatG(x, 0), formatG(x, 2), formatG(x, 5)], [f0, f2, f3, g0, g2, g5]);
    });
  }
  it('rounds %g on the digit after the precision, not on the parity of the last kept one', () => {
    assert.deepEqual([0.126, 0.131, 0.0126, 126, 131].map((x) => formatG(x, 2)), ['0.13', '0.13', '0.013', '1.3e+02', '1.3e+02']);
    // Two-digit exponents have no leading zero; zero has no sign.
    assert.deepEqual([formatG(1e10, 2), formatG(9.9e-10, 2), formatFixed(0, 2), formatFixed(0, 0)], ['1e+10', '9.9e-10', '0.00', '0']);
  });
  it('formats 1e100 with all its binary digits, as Go does', () => {
    const digits = '10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104';
    assert.equal(formatFixed(1e100, 0), digits);
    assert.equal(formatFixed(1e100, 2), digits + '.00');
    assert.equal(formatG(1e100, 2), '1e+100');
  });
  it('formats NaN, infinities and negative zero', () => {
    assert.deepEqual(
      [formatFixed(NaN, 2), formatFixed(Infinity, 2), formatG(-Infinity, 2), formatFixed(-0, 2), formatG(-0, 2), formatG(NaN, 2), formatG(Infinity, 2), formatFixed(-Infinity, 2)],
      ['NaN', '+Inf', '-Inf', '-0.00', '-0', 'NaN', '+Inf', '-Inf'],
    );
  });
  it("converts to int64 as Go's int64(x) does on amd64", () => {
    assert.equal(goInt64(NaN), -(2 ** 63));
    assert.equal(goInt64(2 ** 63), -(2 ** 63));
    assert.equal(goInt64(9.2233720368547748e18), 9223372036854774784);
    assert.equal(goInt64(-(2 ** 63)), -(2 ** 63));
    assert.equal(goInt64(-9.3e18), -(2 ** 63));
    assert.equal(goInt64(2.9), 2);
  });
  it("pads by runes as fmt's %6s and %-6s do", () => {
    assert.deepEqual([padLeft('é', 6), padRight('é', 6), padLeft('😀', 6), padRight('😀', 6), padLeft('abcd', 3), padRight('abcd', 3)], ['     é', 'é     ', '     😀', '😀     ', 'abcd', 'abcd']);
    assert.equal(runeCount('a😀b'), 3);
    assert.equal(runeCount('\ud83d'), 1); // a lone high surrogate is one (invalid) rune
    assert.equal(runeCount('\ud83dx'), 2);
    assert.equal(runeCount('\u{10FFFF}'), 1); // the last high surrogate (0xdbff) still pairs
    assert.equal(runeCount('\udc00\udc00'), 2); // two lone low surrogates are two runes
    assert.equal(runeCount('\u{10000}'), 1); // 0xd800 0xdc00: the first pair
    assert.equal(runeCount('x\udc00'), 2); // a low surrogate after an ASCII character pairs with nothing
    assert.equal(runeCount('\ud800\ue000'), 2); // a high surrogate before a character past the low ones
  });
});

describe('commonValueType and scaleProfiles: the cases pprof merges or refuses', () => {
  const vt = (type: string, unit: string) => ({ type, unit });
  it("picks what pprof's CommonValueType picks", () => {
    assert.deepEqual(commonValueType([vt('cpu', 'nanoseconds'), vt('cpu', 'milliseconds')]), vt('cpu', 'nanoseconds'));
    assert.deepEqual(commonValueType([vt('samples', 'count'), vt('sample', 'count')]), vt('samples', 'count'));
    assert.deepEqual(commonValueType([vt('space', 'bytes'), vt('space', 'kilobytes'), vt('space', 'megabytes')]), vt('space', 'bytes'));
    assert.deepEqual(commonValueType([vt('space', 'megabytes'), vt('spaces', 'bytes')]), vt('spaces', 'bytes'));
    assert.deepEqual(commonValueType([vt('cpu', 'widgets'), vt('cpu', 'widgets')]), vt('cpu', 'widgets'));
    assert.deepEqual(commonValueType([vt('gcu', 'gcu'), vt('gcu', 'milligcu')]), vt('gcu', 'milligcu'));
    assert.deepEqual(commonValueType([vt('space', 'bytes'), undefined]), vt('space', 'bytes'));
    assert.equal(commonValueType([]), undefined);
    // pprof prints the Go structs ({space bytes 0 0}); the message is the same without the hidden fields.
    assert.throws(() => commonValueType([vt('space', 'bytes'), vt('space', 'nanoseconds')]), { name: 'ProfileError', message: 'incompatible types: {space bytes} {space nanoseconds}' });
    assert.throws(() => commonValueType([vt('cpu', 'nanoseconds'), vt('cpu', 'widgets')]), { message: 'incompatible types: {cpu nanoseconds} {cpu widgets}' });
    assert.throws(() => commonValueType([vt('cpu', 'nanoseconds'), vt('wall', 'nanoseconds')]), { message: 'incompatible types: {cpu nanoseconds} {wall nanoseconds}' });
  });

  /** A profile with samples [values], stacks [i+1] and one numeric label per sample. */
  const mk = (types: [string, string][], period: [string, string, number], values: number[][], stack16 = false): Profile => {
    const n = values.length;
    return {
      sampleTypes: types.map(([type, unit]) => ({ type, unit })),
      defaultSampleType: '',
      samples: {
        count: n,
        numValues: types.length,
        stackStart: Uint32Array.from({ length: n + 1 }, (_, i) => 2 * i),
        stack: (stack16 ? Uint16Array : Uint32Array).from(values.flatMap((_, i) => [10 + i, 1])),
        values: Float64Array.from(values.flat()),
        labelStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
        labelKey: Uint32Array.from(values.map(() => 1)),
        labelValue: Float64Array.from(values.map((_, i) => 100 + i)),
        labelUnit: Int32Array.from(values.map(() => -1)),
      },
      mappings: [],
      locations: [],
      functions: [],
      comments: [],
      dropFrames: '',
      keepFrames: '',
      timeNanos: 0n,
      durationNanos: 0,
      periodType: { type: period[0], unit: period[1] },
      period: period[2],
      strings: ['', 'bytes'],
    };
  };

  it('scales only the columns whose unit changes, and keeps a sample only if a scaled value is non-zero (ScaleN)', () => {
    const a = mk([['samples', 'count'], ['cpu', 'milliseconds']], ['cpu', 'milliseconds', 10], [[5, 0], [0, 2], [3, -3], [7, 4]], true);
    const b = mk([['samples', 'count'], ['cpu', 'microseconds']], ['cpu', 'microseconds', 10000], [[1, 1]]);
    const [sa, sb] = scaleProfiles([a, b]);
    assert.equal(sa.samples.count, 3); // [5, 0] is dropped: only the scaled column counts
    assert.deepEqual(Array.from(sa.samples.values), [0, 2000, 3, -3000, 7, 4000]);
    assert.ok(sa.samples.stack instanceof Uint16Array);
    assert.deepEqual(Array.from(sa.samples.stack), [11, 1, 12, 1, 13, 1]);
    assert.deepEqual(Array.from(sa.samples.stackStart), [0, 2, 4, 6]);
    assert.deepEqual(Array.from(sa.samples.labelStart), [0, 1, 2, 3]);
    assert.deepEqual(Array.from(sa.samples.labelValue), [101, 102, 103]);
    assert.deepEqual(Array.from(sa.samples.labelKey), [1, 1, 1]);
    assert.deepEqual(Array.from(sa.samples.labelUnit), [-1, -1, -1]);
    assert.deepEqual(sa.sampleTypes, [vt('samples', 'count'), vt('cpu', 'microseconds')]);
    assert.deepEqual(sa.periodType, vt('cpu', 'microseconds'));
    assert.equal(sa.period, 10000);
    assert.equal(sb.samples, b.samples); // nothing to scale: the same samples
    assert.equal(sb.period, 10000);
    // The inputs are not modified.
    assert.deepEqual(Array.from(a.samples.values), [5, 0, 0, 2, 3, -3, 7, 4]);
    assert.deepEqual(a.sampleTypes[1], vt('cpu', 'milliseconds'));
  });

  it('ignores an empty period type, as pprof does', () => {
    const a = mk([['cpu', 'milliseconds']], ['', '', 3], [[1]]);
    const b = mk([['cpu', 'nanoseconds']], ['cpu', 'milliseconds', 4], [[1]]);
    const [sa, sb] = scaleProfiles([a, b]);
    assert.equal(sa.period, 3);
    assert.deepEqual(sa.periodType, vt('', ''));
    assert.equal(sb.period, 4); // one period type: no common type, nothing scaled
    assert.deepEqual(sb.periodType, vt('cpu', 'milliseconds'));
    assert.deepEqual(Array.from(sa.samples.values), [1000000]);
    assert.deepEqual(scaleProfiles([]), []);
    // A period type with a unit but no type still counts, and is scaled; an empty one is left alone.
    const [u1, u2, empty] = scaleProfiles([
      mk([['cpu', 'nanoseconds']], ['', 'milliseconds', 3], [[1]]),
      mk([['cpu', 'nanoseconds']], ['', 'nanoseconds', 5], [[1]]),
      mk([['cpu', 'nanoseconds']], ['', '', 7], [[1]]),
    ]);
    assert.deepEqual([u1.period, u1.periodType, u2.period, u2.periodType], [3000000, vt('', 'nanoseconds'), 5, vt('', 'nanoseconds')]);
    assert.deepEqual([empty.period, empty.periodType], [7, vt('', '')]);
  });

  it("refuses what pprof's ScaleProfiles refuses, with its messages", () => {
    const cpu = mk([['cpu', 'nanoseconds']], ['cpu', 'nanoseconds', 1], [[1]]);
    assert.throws(() => scaleProfiles([cpu, mk([['cpu', 'nanoseconds']], ['space', 'bytes', 1], [[1]])]), {
      name: 'ProfileError',
      message: 'period type: incompatible types: {cpu nanoseconds} {space bytes}',
    });
    assert.throws(() => scaleProfiles([cpu, mk([['cpu', 'nanoseconds'], ['samples', 'count']], ['cpu', 'nanoseconds', 1], [[1, 1]])]), {
      name: 'ProfileError',
      message: 'inconsistent samples type count: 1 != 2',
    });
    assert.throws(() => scaleProfiles([cpu, mk([['space', 'bytes']], ['cpu', 'nanoseconds', 1], [[1]])]), {
      name: 'ProfileError',
      message: 'sample types: incompatible types: {cpu nanoseconds} {space bytes}',
    });
  });
});

describe("the flame graph's formatter (src/shared/valueFormat.ts)", () => {
  it('formats values with the minimum unit and percentages without padding', () => {
    assert.deepEqual([formatValue(1536, 'bytes'), formatValue(47118797, 'bytes'), formatValue(5461, 'count'), formatValue(30_000_000, 'nanoseconds')], ['1.50kB', '44.94MB', '5461', '30ms']);
    assert.deepEqual([formatPercent(17, 100000), formatPercent(1, 100), formatPercent(100, 100), formatPercent(0, 0)], ['0.017%', '1.00%', '100%', '0%']);
  });
});
