// Unit scaling and value formatting: a port of google/pprof internal/measurement (Go 1.19.8's
// vendored copy). This is the one formatter of the product (DESIGN style rule 4): the CLI, hovers,
// decorations and the table all format through it, so every number reads as pprof prints it.
// Values are int64 in pprof; here they are JS numbers, exact up to 2^53 (decode refuses more).
import { ProfileError } from './errors';
import type { Profile, Samples, ValueType } from './profile';

/** A unit: its canonical name, the aliases that name it, and its factor to the base unit. */
interface Unit {
  canonicalName: string;
  aliases: string[];
  factor: number;
}

/** A family of units (memory, time, GCU) and its default unit. */
interface UnitType {
  defaultUnit: Unit;
  units: Unit[];
}

const nanosecond = 1;
const microsecond = 1000 * nanosecond;
const millisecond = 1000 * microsecond;
const second = 1000 * millisecond;
const hour = 3600 * second;

// Same order as pprof's unitTypes: convertUnit tries them in order.
const unitTypes: UnitType[] = [
  {
    units: [
      { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
      { canonicalName: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { canonicalName: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { canonicalName: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { canonicalName: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { canonicalName: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    defaultUnit: { canonicalName: 'B', aliases: ['b', 'byte'], factor: 1 },
  },
  {
    units: [
      { canonicalName: 'ns', aliases: ['ns', 'nanosecond'], factor: nanosecond },
      { canonicalName: 'us', aliases: ['μs', 'us', 'microsecond'], factor: microsecond },
      { canonicalName: 'ms', aliases: ['ms', 'millisecond'], factor: millisecond },
      { canonicalName: 's', aliases: ['s', 'sec', 'second'], factor: second },
      { canonicalName: 'hrs', aliases: ['hour', 'hr'], factor: hour },
    ],
    defaultUnit: { canonicalName: 's', aliases: [], factor: second },
  },
  {
    units: [
      { canonicalName: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { canonicalName: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { canonicalName: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      { canonicalName: 'GCU', aliases: ['gcu'], factor: 1 },
      { canonicalName: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { canonicalName: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { canonicalName: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { canonicalName: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { canonicalName: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    defaultUnit: { canonicalName: 'GCU', aliases: [], factor: 1.0 },
  },
];

const utf8 = new TextEncoder();

/** Length of s in UTF-8 bytes: Go's len(string). */
function byteLength(s: string): number {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? s.length : utf8.encode(s).length;
}

function findByAlias(ut: UnitType, alias: string): Unit | undefined {
  for (const u of ut.units) {
    if (u.aliases.includes(alias)) return u;
  }
  return undefined;
}

// sniffUnit: lower-case, drop one trailing "s" when longer than 2 bytes (so "μs", 3 bytes in
// UTF-8, becomes "μ" and is not recognized, exactly as in pprof).
function sniffUnit(ut: UnitType, unit: string): Unit | undefined {
  unit = unit.toLowerCase();
  if (byteLength(unit) > 2 && unit.endsWith('s')) unit = unit.slice(0, -1);
  return findByAlias(ut, unit);
}

function autoScale(ut: UnitType, value: number): [number, string] | undefined {
  let f = 0;
  let unit = '';
  for (const u of ut.units) {
    if (u.factor >= f && value / u.factor >= 1.0) {
      f = u.factor;
      unit = u.canonicalName;
    }
  }
  if (f === 0) return undefined;
  return [value / f, unit];
}

function convertUnit(ut: UnitType, value: number, fromUnitStr: string, toUnitStr: string): [number, string] | undefined {
  const fromUnit = sniffUnit(ut, fromUnitStr);
  if (!fromUnit) return undefined;
  const v = value * fromUnit.factor;
  if (toUnitStr === 'minimum' || toUnitStr === 'auto') {
    return autoScale(ut, v) ?? [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  }
  const toUnit = sniffUnit(ut, toUnitStr);
  if (!toUnit) return [v / ut.defaultUnit.factor, ut.defaultUnit.canonicalName];
  return [v / toUnit.factor, toUnit.canonicalName];
}

/**
 * scale converts value from fromUnit to toUnit ("minimum" and "auto" pick the largest unit that
 * keeps the value >= 1) and returns the scaled value and the target unit's canonical name. The
 * unit is "" for uninteresting units (count, sample, unit, minimum, auto): pprof's Scale.
 */
export function scale(value: number, fromUnit: string, toUnit: string): [number, string] {
  if (value < 0) {
    const [v, u] = scale(-value, fromUnit, toUnit);
    return [-v, u];
  }
  for (const ut of unitTypes) {
    const r = convertUnit(ut, value, fromUnit, toUnit);
    if (r) return r;
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return [value, ''];
    default:
      return [value, toUnit];
  }
}

/** scaledLabel formats value (in fromUnit) scaled to toUnit, as pprof's ScaledLabel: "%.2f" minus a ".00" suffix, then the unit; zero is "0". */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const [v, u] = scale(value, fromUnit, toUnit);
  let sv = formatFixed(v, 2);
  if (sv.endsWith('.00')) sv = sv.slice(0, -3);
  if (sv === '0' || sv === '-0') return '0';
  return sv + u;
}

/** label formats a measurement with an automatically chosen unit (pprof's Label). */
export function label(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/**
 * percentage formats |value/total| as a percentage of width >= 6 with at least two significant
 * digits: "  100%" (within 0.05 of 100), "%5.2f%%" from 1%, "%5.2g%%" below (e.g. "0.017%").
 * A zero total gives "    0%". Exactly pprof's Percentage.
 */
export function percentage(value: number, total: number): string {
  let ratio = 0;
  if (total !== 0) ratio = Math.abs(value / total) * 100;
  if (Math.abs(ratio) >= 99.95 && Math.abs(ratio) <= 100.05) return '  100%';
  if (Math.abs(ratio) >= 1.0) return padLeft(formatFixed(ratio, 2), 5) + '%';
  return padLeft(formatG(ratio, 2), 5) + '%';
}

/** Right-aligns s in a field of width n (Go's "%Ns"); width counts characters as Go counts runes. */
export function padLeft(s: string, n: number): string {
  const len = runeCount(s);
  return len >= n ? s : ' '.repeat(n - len) + s;
}

/** Left-aligns s in a field of width n (Go's "%-Ns"). */
export function padRight(s: string, n: number): string {
  const len = runeCount(s);
  return len >= n ? s : s + ' '.repeat(n - len);
}

/** Number of Unicode code points in s: what Go's fmt counts for a width. */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one rune.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * goInt64 is Go's int64(x) conversion of a float64 on amd64: truncation toward zero, and the
 * "integer indefinite" value -2^63 for NaN and values out of int64's range (pprof converts
 * scaled totals this way, and huge ones print as that value).
 */
export function goInt64(x: number): number {
  if (Number.isNaN(x) || x >= 2 ** 63 || x < -(2 ** 63)) return -(2 ** 63);
  return Math.trunc(x);
}

// ---- Go's float formatting (strconv 'f' and 'g' with a precision) ----
// JavaScript's toFixed/toPrecision round exact ties away from zero; Go rounds them to even
// (0.125 → "0.12"). Both are otherwise correctly rounded, so only exact ties need care.

/** Exact decimal expansion of a finite x >= 0: digits without leading/trailing zeros and dp, with x = 0.digits × 10^dp. */
function exactDecimal(x: number): { d: string; dp: number } {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let digits: string;
  let pointShift: number; // x = digits × 10^pointShift
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    pointShift = 0;
  } else {
    // mant × 2^exp = mant × 5^-exp × 10^exp
    digits = (mant * 5n ** BigInt(-exp)).toString();
    pointShift = exp;
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  const trailing = digits.length - end;
  digits = digits.slice(0, end);
  return { d: digits, dp: digits.length + pointShift + trailing };
}

/** Rounds decimal digits to nd digits, half to even on exact ties (Go's decimal.Round). */
function roundDigits(dec: { d: string; dp: number }, nd: number): { d: string; dp: number } {
  const { d, dp } = dec;
  if (nd < 0 || nd >= d.length) return dec;
  let up: boolean;
  const next = d.charCodeAt(nd) - 48;
  if (next === 5 && nd + 1 === d.length) {
    // Exactly halfway: round to even.
    up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) {
    let e = nd;
    while (e > 0 && d.charCodeAt(e - 1) === 48) e--;
    return { d: d.slice(0, e), dp };
  }
  // Round up: add one at position nd-1, propagating carries.
  const arr = d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && arr[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
  return { d: arr.slice(0, i + 1).join(''), dp };
}

function fmtF(neg: boolean, dec: { d: string; dp: number }, prec: number): string {
  let s = neg ? '-' : '';
  if (dec.dp > 0) {
    let m = Math.min(dec.d.length, dec.dp);
    s += dec.d.slice(0, m);
    for (; m < dec.dp; m++) s += '0';
  } else {
    s += '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = dec.dp + i - 1;
      s += j >= 0 && j < dec.d.length ? dec.d[j] : '0';
    }
  }
  return s;
}

function fmtE(neg: boolean, dec: { d: string; dp: number }, prec: number): string {
  let s = neg ? '-' : '';
  s += dec.d.length === 0 ? '0' : dec.d[0];
  if (prec > 0) {
    s += '.';
    let i = 1;
    const m = Math.min(dec.d.length, prec + 1);
    if (i < m) {
      s += dec.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) s += '0';
  }
  s += 'e';
  let exp = dec.dp - 1;
  if (dec.d.length === 0) exp = 0;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else {
    s += '+';
  }
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

/** formatFixed is Go's strconv.FormatFloat(x, 'f', prec, 64) (fmt "%.<prec>f"): correctly rounded, ties to even. */
export function formatFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  // Fast path: a tie needs a × 2^(prec+1) to be an integer and the next digit to be a 5.
  const k = 2 ** (prec + 1);
  const tieCandidate = Number.isInteger(a * k) && a.toFixed(Math.min(prec + 1, 100)).endsWith('5');
  if (!tieCandidate && a < 1e21) {
    const s = a.toFixed(prec);
    return neg ? '-' + s : s;
  }
  const dec = exactDecimal(a);
  return fmtF(neg, roundDigits(dec, dec.dp + prec), prec);
}

/** formatG is Go's strconv.FormatFloat(x, 'g', prec, 64) (fmt "%.<prec>g"): shortest of %e/%f, trailing zeros removed. */
export function formatG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  if (prec === 0) prec = 1;
  const digs = roundDigits(exactDecimal(Math.abs(x)), prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  const exp = digs.dp - 1;
  if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    let p = prec;
    if (p > digs.d.length) p = digs.d.length;
    return fmtE(neg, digs, p - 1);
  }
  let p = prec;
  if (p > digs.dp) p = digs.d.length;
  return fmtF(neg, digs, Math.max(p - digs.dp, 0));
}

// ---- Value types and scaling of profiles ----

function compatibleValueTypes(v1: ValueType | undefined, v2: ValueType | undefined): boolean {
  if (!v1 || !v2) return true; // No grounds to disqualify.
  // Remove trailing 's' to permit minor mismatches.
  const trim = (s: string) => (s.endsWith('s') ? s.slice(0, -1) : s);
  if (trim(v1.type) !== trim(v2.type)) return false;
  if (v1.unit === v2.unit) return true;
  for (const ut of unitTypes) {
    if (sniffUnit(ut, v1.unit) && sniffUnit(ut, v2.unit)) return true;
  }
  return false;
}

/**
 * commonValueType returns the finest type of a set of compatible types (a copy), or undefined
 * for fewer than two types; throws ProfileError for incompatible ones. pprof's CommonValueType.
 */
export function commonValueType(ts: (ValueType | undefined)[]): ValueType | undefined {
  if (ts.length <= 1) return undefined;
  let minType = ts[0];
  for (const t of ts.slice(1)) {
    if (!compatibleValueTypes(minType, t)) {
      throw new ProfileError(`incompatible types: {${minType?.type} ${minType?.unit}} {${t?.type} ${t?.unit}}`);
    }
    if (t && minType) {
      const [ratio] = scale(1, t.unit, minType.unit);
      if (ratio < 1) minType = t;
    }
  }
  return minType ? { type: minType.type, unit: minType.unit } : undefined;
}

/**
 * scaleProfiles makes the units of a set of profiles compatible by scaling each to the finest
 * unit of each sample type (and of the period), as pprof's ScaleProfiles does before merging
 * profiles (-diff_base, -base, several sources). It returns new Profile objects (the inputs are
 * not modified); scaled samples whose scaled values are all zero are dropped, as ScaleN does.
 * Throws ProfileError on incompatible types.
 */
export function scaleProfiles(profiles: Profile[]): Profile[] {
  if (profiles.length === 0) return profiles;
  const periodTypes = profiles.map((p) => p.periodType).filter((pt) => pt.type !== '' || pt.unit !== '');
  let periodType: ValueType | undefined;
  try {
    periodType = commonValueType(periodTypes);
  } catch (e) {
    throw new ProfileError(`period type: ${(e as Error).message}`);
  }
  const numSampleTypes = profiles[0].sampleTypes.length;
  for (const p of profiles.slice(1)) {
    if (numSampleTypes !== p.sampleTypes.length) {
      throw new ProfileError(`inconsistent samples type count: ${numSampleTypes} != ${p.sampleTypes.length}`);
    }
  }
  const sampleType: (ValueType | undefined)[] = [];
  for (let i = 0; i < numSampleTypes; i++) {
    try {
      sampleType.push(commonValueType(profiles.map((p) => p.sampleTypes[i])));
    } catch (e) {
      throw new ProfileError(`sample types: ${(e as Error).message}`);
    }
  }
  return profiles.map((p) => {
    let { period } = p;
    let pType = p.periodType;
    if ((p.periodType.type !== '' || p.periodType.unit !== '') && periodType) {
      period = goInt64(scale(p.period, p.periodType.unit, periodType.unit)[0]);
      pType = { type: p.periodType.type, unit: periodType.unit };
    }
    const ratios = p.sampleTypes.map((st, i) => {
      const target = sampleType[i];
      return target ? scale(1, st.unit, target.unit)[0] : 1;
    });
    const sampleTypes = p.sampleTypes.map((st, i) => {
      const target = sampleType[i];
      return target ? { type: st.type, unit: target.unit } : st;
    });
    return { ...p, period, periodType: pType, sampleTypes, samples: scaleSamples(p.samples, ratios) };
  });
}

/** pprof's ScaleN on columnar samples: multiplies values by ratios (rounded), keeps samples with a non-zero scaled value. */
function scaleSamples(s: Samples, ratios: number[]): Samples {
  if (ratios.every((r) => r === 1)) return s;
  const nv = s.numValues;
  const keep: number[] = [];
  const values = new Float64Array(s.values.length);
  for (let i = 0; i < s.count; i++) {
    let keepSample = false;
    for (let t = 0; t < nv; t++) {
      let v = s.values[i * nv + t];
      if (ratios[t] !== 1) {
        v = goRound(v * ratios[t]);
        keepSample = keepSample || v !== 0;
      }
      values[i * nv + t] = v;
    }
    if (keepSample) keep.push(i);
  }
  return selectSamples(s, keep, values);
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  const r = Math.round(Math.abs(x));
  // Math.round rounds .5 up, which is away from zero for the absolute value.
  return x < 0 ? -r : r;
}

/** Builds a Samples holding the samples `keep` (in order), taking values from `values`. */
function selectSamples(s: Samples, keep: number[], values: Float64Array): Samples {
  const nv = s.numValues;
  let stackLen = 0;
  let labelLen = 0;
  for (const i of keep) {
    stackLen += s.stackStart[i + 1] - s.stackStart[i];
    labelLen += s.labelStart[i + 1] - s.labelStart[i];
  }
  const out: Samples = {
    count: keep.length,
    numValues: nv,
    stackStart: new Uint32Array(keep.length + 1),
    // The same element type as the source's (a subset of its locations).
    stack: s.stack instanceof Uint16Array ? new Uint16Array(stackLen) : new Uint32Array(stackLen),
    values: new Float64Array(keep.length * nv),
    labelStart: new Uint32Array(keep.length + 1),
    labelKey: new Uint32Array(labelLen),
    labelValue: new Float64Array(labelLen),
    labelUnit: new Int32Array(labelLen),
  };
  let sp = 0;
  let lp = 0;
  keep.forEach((i, j) => {
    out.stackStart[j] = sp;
    out.stack.set(s.stack.subarray(s.stackStart[i], s.stackStart[i + 1]), sp);
    sp += s.stackStart[i + 1] - s.stackStart[i];
    out.labelStart[j] = lp;
    const a = s.labelStart[i];
    const b = s.labelStart[i + 1];
    out.labelKey.set(s.labelKey.subarray(a, b), lp);
    out.labelValue.set(s.labelValue.subarray(a, b), lp);
    out.labelUnit.set(s.labelUnit.subarray(a, b), lp);
    lp += b - a;
    out.values.set(values.subarray(i * nv, (i + 1) * nv), j * nv);
  });
  out.stackStart[keep.length] = sp;
  out.labelStart[keep.length] = lp;
  return out;
}
