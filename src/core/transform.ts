// Profile transformations of google/pprof's profile package, on the columnar Profile: Merge
// (merge.go), Scale/ScaleN/SetLabel/NumLabelUnits/Aggregate (profile.go), Prune and
// RemoveUninteresting (prune.go), the sample filters (filter.go) and SampleIndexByName
// (index.go), plus the tag-filter compiler of internal/driver/driver_focus.go.
//
// pprof mutates its profile in place; here every function returns a new Profile and never
// modifies its input (the worker keeps one decoded profile and answers many queries). Objects
// that do not change (locations, functions, mappings, typed arrays) are shared between the input
// and the output, so callers must treat every Profile as immutable.

import { ProfileError } from './errors';
import { compileGoRegexp } from './goRegexp';
import { scale as scaleMeasurement, scaledLabel } from './measurement';
import type { Function, Line, Location, Mapping, Profile, Samples } from './profile';
import { narrowStack, type StackArray } from './profile';

// ---------------------------------------------------------------------------------------------
// Column builders

type NumArray = Uint32Array | Uint16Array | Float64Array | Int32Array;

/** A growable typed array. */
interface Column<T extends NumArray> {
  data: T;
  length: number;
  push(v: number): void;
  /** Appends src[from, to). */
  append(src: NumArray, from: number, to: number): void;
  reserve(n: number): void;
  /** The used part: the array itself when full, a view when nearly full, else a copy. */
  take(): T;
}

/**
 * Returns a Column class for one element type. Each call creates its own methods, so V8 keeps
 * separate (monomorphic) inline caches per element type: one generic class shared by
 * Uint32Array, Float64Array and Int32Array made the hot copy loops megamorphic, ~2x slower.
 */
function columnClass<T extends NumArray>(make: (n: number) => T) {
  return class implements Column<T> {
    length = 0;
    constructor(public data: T) {}
    push(v: number): void {
      if (this.length === this.data.length) this.reserve(this.length + 1);
      this.data[this.length++] = v;
    }
    append(src: NumArray, from: number, to: number): void {
      const n = to - from;
      this.reserve(this.length + n);
      const data = this.data;
      if (n < 128) {
        // A view per call costs more than copying a short run by hand.
        let k = this.length;
        for (let j = from; j < to; j++) data[k++] = src[j];
      } else {
        data.set(src.subarray(from, to), this.length);
      }
      this.length += n;
    }
    reserve(n: number): void {
      if (n <= this.data.length) return;
      const next = make(Math.max(n, this.data.length * 2, 16));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    take(): T {
      if (this.data.length === this.length) return this.data;
      // A view keeps a little slack (merged duplicates) instead of copying millions of frames.
      if (this.length >= this.data.length * 0.75) return this.data.subarray(0, this.length) as T;
      return this.data.slice(0, this.length) as T;
    }
  };
}

const u32 = (n: number) => new Uint32Array(n);
const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
// One class per use: stacks, values, label columns and start offsets each get their own caches.
const StackColumn = columnClass(u32);
const StartColumn = columnClass(u32);
const KeyColumn = columnClass(u32);
const ValueColumn = columnClass(f64);
const LabelValueColumn = columnClass(f64);
const UnitColumn = columnClass(i32);
const HashColumn = columnClass(u32);

/**
 * SampleBuilder accumulates samples column by column. Invariant: a sample is open between
 * `begin()` and the next `begin()`/`build()`; frames and labels pushed go to the open sample,
 * and each sample gets exactly numValues values.
 */
class SampleBuilder {
  count = 0;
  readonly stackStart: Column<Uint32Array>;
  readonly stack: Column<Uint32Array>;
  readonly values: Column<Float64Array>;
  readonly labelStart: Column<Uint32Array>;
  readonly labelKey: Column<Uint32Array>;
  readonly labelValue: Column<Float64Array>;
  readonly labelUnit: Column<Int32Array>;

  constructor(
    readonly numValues: number,
    samples = 16,
    frames = 64,
    labels = 16,
  ) {
    this.stackStart = new StartColumn(u32(samples + 1));
    this.stack = new StackColumn(u32(frames));
    this.values = new ValueColumn(f64(samples * numValues));
    this.labelStart = new StartColumn(u32(samples + 1));
    this.labelKey = new KeyColumn(u32(labels));
    this.labelValue = new LabelValueColumn(f64(labels));
    this.labelUnit = new UnitColumn(i32(labels));
  }

  begin(): void {
    this.stackStart.push(this.stack.length);
    this.labelStart.push(this.labelKey.length);
    this.count++;
  }

  pushLabel(key: number, value: number, unit: number): void {
    this.labelKey.push(key);
    this.labelValue.push(value);
    this.labelUnit.push(unit);
  }

  /** Copies sample i's values and labels from s into the open sample. */
  copyValuesAndLabels(s: Samples, i: number): void {
    const nv = s.numValues;
    for (let t = 0; t < nv; t++) this.values.push(s.values[i * nv + t]);
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) this.pushLabel(s.labelKey[j], s.labelValue[j], s.labelUnit[j]);
  }

  build(): Samples {
    this.stackStart.push(this.stack.length);
    this.labelStart.push(this.labelKey.length);
    return {
      count: this.count,
      numValues: this.numValues,
      stackStart: this.stackStart.take(),
      stack: narrowStack(this.stack.take()),
      values: this.values.take(),
      labelStart: this.labelStart.take(),
      labelKey: this.labelKey.take(),
      labelValue: this.labelValue.take(),
      labelUnit: this.labelUnit.take(),
    };
  }
}

/** A kept part of a sample's stack: the [from, to) range of Samples.stack. */
interface Span {
  from: number;
  to: number;
}

/**
 * Rebuilds samples: `pick(i)` (called once per sample, in order) returns undefined to drop
 * sample i, a Span of its stack to keep, or an explicit list of location indices. Values and
 * labels are copied. When every sample is kept whole, returns s itself (filters that match
 * nothing cost no copy).
 */
function rebuildSamples(s: Samples, pick: (i: number) => Span | number[] | undefined): Samples {
  // 1. Decide, remembering the choices in columns: from = -1 drops, from = -2 is an explicit list.
  const from = new Int32Array(s.count);
  const to = new Int32Array(s.count);
  const lists = new Map<number, number[]>();
  let identity = true;
  let frames = 0;
  for (let i = 0; i < s.count; i++) {
    const r = pick(i);
    if (r === undefined) {
      from[i] = -1;
      identity = false;
    } else if (Array.isArray(r)) {
      from[i] = -2;
      lists.set(i, r);
      frames += r.length;
      identity = false;
    } else {
      from[i] = r.from;
      to[i] = r.to;
      frames += r.to - r.from;
      if (r.from !== s.stackStart[i] || r.to !== s.stackStart[i + 1]) identity = false;
    }
  }
  if (identity) return s;
  // 2. Build.
  const b = new SampleBuilder(s.numValues, s.count, frames, s.labelKey.length);
  for (let i = 0; i < s.count; i++) {
    if (from[i] === -1) continue;
    b.begin();
    if (from[i] === -2) {
      for (const loc of lists.get(i) as number[]) b.stack.push(loc);
    } else {
      b.stack.append(s.stack, from[i], to[i]);
    }
    b.copyValuesAndLabels(s, i);
  }
  return b.build();
}

const span = (from: number, to: number): Span => ({ from, to });

/**
 * Rebuilds only the label columns: `keep(j)` filters label entries, `extra(i, push)` appends
 * entries to sample i. Stacks and values are shared with s.
 */
function rebuildLabels(
  s: Samples,
  keep: (j: number) => boolean,
  extra: (i: number, push: (key: number, value: number, unit: number) => void) => void = () => {},
): Samples {
  const labelStart = new Uint32Array(s.count + 1);
  const key = new KeyColumn(u32(s.labelKey.length + s.count));
  const value = new LabelValueColumn(f64(s.labelKey.length + s.count));
  const unit = new UnitColumn(i32(s.labelKey.length + s.count));
  const push = (k: number, v: number, u: number) => {
    key.push(k);
    value.push(v);
    unit.push(u);
  };
  for (let i = 0; i < s.count; i++) {
    labelStart[i] = key.length;
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) if (keep(j)) push(s.labelKey[j], s.labelValue[j], s.labelUnit[j]);
    extra(i, push);
  }
  labelStart[s.count] = key.length;
  return { ...s, labelStart, labelKey: key.take(), labelValue: value.take(), labelUnit: unit.take() };
}

// ---------------------------------------------------------------------------------------------
// Strings

/** Interns strings into a string table that starts with "" (profile.proto's rule). */
class StringTable {
  readonly strings: string[];
  private readonly index = new Map<string, number>();
  constructor(base: string[] = ['']) {
    this.strings = base.slice();
    for (let i = this.strings.length - 1; i >= 0; i--) this.index.set(this.strings[i], i);
  }
  intern(s: string): number {
    let x = this.index.get(s);
    if (x === undefined) {
      x = this.strings.length;
      this.strings.push(s);
      this.index.set(s, x);
    }
    return x;
  }
}

// ---------------------------------------------------------------------------------------------
// Merge

/** Whether sample i has only zero values (pprof's isZeroSample). */
function isZeroSample(s: Samples, i: number): boolean {
  const nv = s.numValues;
  for (let t = 0; t < nv; t++) if (s.values[i * nv + t] !== 0) return false;
  return true;
}

/** The mapping a source mapping maps to, and the address offset between them (pprof's mapInfo). */
interface MapInfo {
  m: Mapping | undefined;
  offset: bigint;
}

const u64 = (x: bigint) => BigInt.asUintN(64, x);

/**
 * combineHeaders checks that all profiles can be merged and returns their combined header
 * (sample types, period, time, duration, comments, default sample type). pprof's combineHeaders.
 */
function combineHeaders(srcs: Profile[]): Profile {
  for (const s of srcs.slice(1)) compatible(srcs[0], s);
  let timeNanos = 0n;
  let durationNanos = 0;
  let period = 0;
  const comments: string[] = [];
  const seenComments = new Set<string>();
  let defaultSampleType = '';
  for (const s of srcs) {
    if (timeNanos === 0n || s.timeNanos < timeNanos) timeNanos = s.timeNanos;
    durationNanos += s.durationNanos;
    if (period === 0 || period < s.period) period = s.period;
    for (const c of s.comments) {
      if (!seenComments.has(c)) {
        comments.push(c);
        seenComments.add(c);
      }
    }
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
  }
  const first = srcs[0];
  return {
    sampleTypes: first.sampleTypes.map((st) => ({ ...st })),
    defaultSampleType,
    samples: emptySamples(first.sampleTypes.length),
    mappings: [],
    locations: [],
    functions: [],
    comments,
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
    timeNanos,
    durationNanos,
    periodType: { ...first.periodType },
    period,
    strings: [''],
  };
}

function emptySamples(numValues: number): Samples {
  return {
    count: 0, numValues, stackStart: new Uint32Array(1), stack: new Uint32Array(0), values: new Float64Array(0),
    labelStart: new Uint32Array(1), labelKey: new Uint32Array(0), labelValue: new Float64Array(0), labelUnit: new Int32Array(0),
  };
}

const valueTypeString = (types: { type: string; unit: string }[]) => `[${types.map((t) => `${t.type}/${t.unit}`).join(' ')}]`;

/**
 * compatible throws a ProfileError unless profiles a and b have the same period type and sample
 * types (type and unit), so that they can be merged or compared. pprof's Profile.compatible.
 */
export function compatible(a: Profile, b: Profile): void {
  if (a.periodType.type !== b.periodType.type || a.periodType.unit !== b.periodType.unit) {
    throw new ProfileError(
      `incompatible period types ${a.periodType.type}/${a.periodType.unit} and ${b.periodType.type}/${b.periodType.unit}`,
    );
  }
  const same = a.sampleTypes.length === b.sampleTypes.length &&
    a.sampleTypes.every((t, i) => t.type === b.sampleTypes[i].type && t.unit === b.sampleTypes[i].unit);
  if (!same) {
    throw new ProfileError(`incompatible sample types ${valueTypeString(a.sampleTypes)} and ${valueTypeString(b.sampleTypes)}`);
  }
}

/** Label entries of one merged sample, in pprof's encoding order (see ProfileMerger.mapLabels). */
interface LabelTuples {
  n: number;
  key: Int32Array;
  value: Float64Array;
  unit: Int32Array;
}

/** Memoization state of profile.Merge, with dense per-source tables instead of id maps. */
class ProfileMerger {
  readonly p: Profile;
  readonly strings = new StringTable();
  readonly b: SampleBuilder;
  readonly locations: Location[] = [];
  readonly functions: Function[] = [];
  readonly mappings: Mapping[] = [];
  private readonly locationByKey = new Map<string, Location>();
  private readonly functionByKey = new Map<string, Function>();
  private readonly mappingByKey = new Map<string, Mapping>();

  // Sample dedupe: open addressing on a hash of (stack, labels); slots hold sample index + 1.
  private table: Int32Array;
  private hashes = new HashColumn(u32(1024));

  // Per-source memo tables (pprof's locationsByID, functionsByID, mappingsByID).
  private src!: Profile;
  private locMemo!: Int32Array;
  private fnMemo!: (Function | undefined)[];
  private mapMemo!: (MapInfo | undefined)[];
  private strMemo!: Int32Array;

  // Scratch for one sample.
  private stackScratch = new Uint32Array(64);
  private labels: LabelTuples = { n: 0, key: new Int32Array(16), value: new Float64Array(16), unit: new Int32Array(16) };
  private readonly order: number[] = [];

  constructor(header: Profile, expectedSamples: number, expectedFrames: number, expectedLabels: number) {
    this.p = header;
    // Sized from the sources: the builder never grows (dedupe only shrinks).
    this.b = new SampleBuilder(header.sampleTypes.length, expectedSamples, expectedFrames, expectedLabels);
    this.table = new Int32Array(nextPow2(Math.max(64, expectedSamples * 2)));
  }

  beginSource(src: Profile): void {
    this.src = src;
    this.locMemo = new Int32Array(src.locations.length).fill(-1);
    this.fnMemo = new Array(src.functions.length);
    this.mapMemo = new Array(src.mappings.length);
    this.strMemo = new Int32Array(src.strings.length).fill(-1);
  }

  private str(x: number): number {
    let y = this.strMemo[x];
    if (y < 0) {
      y = this.strings.intern(this.src.strings[x]);
      this.strMemo[x] = y;
    }
    return y;
  }

  mapMapping(src: Mapping | undefined): MapInfo {
    if (!src) return { m: undefined, offset: 0n };
    const memo = this.mapMemo[src.index];
    if (memo) return memo;
    const key = mappingKey(src);
    const found = this.mappingByKey.get(key);
    if (found) {
      const mi = { m: found, offset: BigInt.asIntN(64, found.start) - BigInt.asIntN(64, src.start) };
      this.mapMemo[src.index] = mi;
      return mi;
    }
    const m: Mapping = { ...src, index: this.mappings.length, id: this.mappings.length + 1 };
    this.mappings.push(m);
    this.mappingByKey.set(key, m);
    const mi = { m, offset: 0n };
    this.mapMemo[src.index] = mi;
    return mi;
  }

  private mapFunction(src: Function | undefined): Function | undefined {
    if (!src) return undefined;
    const memo = this.fnMemo[src.index];
    if (memo) return memo;
    const key = `${src.startLine}\u0000${src.name}\u0000${src.systemName}\u0000${src.filename}`;
    let f = this.functionByKey.get(key);
    if (!f) {
      f = { ...src, index: this.functions.length, id: this.functions.length + 1 };
      this.functions.push(f);
      this.functionByKey.set(key, f);
    }
    this.fnMemo[src.index] = f;
    return f;
  }

  /** Returns the merged location index of source location `index`. */
  private mapLocation(index: number): number {
    const memo = this.locMemo[index];
    if (memo >= 0) return memo;
    const src = this.src.locations[index];
    const mi = this.mapMapping(src.mapping);
    const address = u64(src.address + mi.offset);
    const lines: Line[] = src.lines.map((ln) => ({ function: this.mapFunction(ln.function), line: ln.line }));
    // The key is computed on the remapped location so that remapped mappings compare equal.
    let keyAddr = address;
    let mappingId = 0;
    if (mi.m) {
      keyAddr = u64(address - mi.m.start);
      mappingId = mi.m.id;
    }
    let key = `${keyAddr.toString(16)}|${mappingId}|${src.isFolded ? 1 : 0}`;
    for (const ln of lines) key += `|${ln.function ? ln.function.id.toString(16) : ''}|${ln.line}`;
    let l = this.locationByKey.get(key);
    if (!l) {
      l = { index: this.locations.length, id: this.locations.length + 1, mapping: mi.m, address, lines, isFolded: src.isFolded };
      this.locations.push(l);
      this.locationByKey.set(key, l);
    }
    this.locMemo[index] = l.index;
    return l.index;
  }

  /**
   * Collects sample i's labels remapped to merged strings, in the order pprof's encoder writes
   * them (string labels by key, then numeric labels by key, values of one key in order), so the
   * merged profile reads the same as pprof's after a round trip and equal label sets compare equal.
   */
  private mapLabels(s: Samples, i: number): void {
    const a = s.labelStart[i];
    const n = s.labelStart[i + 1] - a;
    this.labels.n = n;
    if (n === 0) return;
    if (this.labels.key.length < n) {
      const m = nextPow2(n);
      this.labels = { n, key: new Int32Array(m), value: new Float64Array(m), unit: new Int32Array(m) };
    }
    const { key, value, unit } = this.labels;
    const order = this.order;
    order.length = 0;
    for (let j = 0; j < n; j++) order.push(a + j);
    if (n > 1) {
      const strs = this.src.strings;
      order.sort((x, y) => {
        const sx = s.labelUnit[x] === -1 ? 0 : 1;
        const sy = s.labelUnit[y] === -1 ? 0 : 1;
        if (sx !== sy) return sx - sy;
        const kx = strs[s.labelKey[x]];
        const ky = strs[s.labelKey[y]];
        if (kx !== ky) return kx < ky ? -1 : 1;
        return x - y;
      });
    }
    for (let k = 0; k < n; k++) {
      const j = order[k];
      key[k] = this.str(s.labelKey[j]);
      if (s.labelUnit[j] === -1) {
        value[k] = this.str(s.labelValue[j]);
        unit[k] = -1;
      } else {
        value[k] = s.labelValue[j];
        unit[k] = s.labelUnit[j] === 0 ? 0 : this.str(s.labelUnit[j]);
      }
    }
  }

  /** pprof's mapSample: remaps sample i of the current source and adds it (or its values) to the merged profile. */
  mapSample(i: number): void {
    const s = this.src.samples;
    const from = s.stackStart[i];
    const n = s.stackStart[i + 1] - from;
    if (this.stackScratch.length < n) this.stackScratch = new Uint32Array(nextPow2(n));
    const stack = this.stackScratch;
    const memo = this.locMemo;
    const srcStack = s.stack;
    let h = remapStack(srcStack, from, n, memo, stack);
    if (h === -1) {
      // New locations are rare (thousands against millions of frames): map them, then remap.
      for (let j = from; j < from + n; j++) if (memo[srcStack[j]] < 0) this.mapLocation(srcStack[j]);
      h = remapStack(srcStack, from, n, memo, stack);
    }
    this.mapLabels(s, i);
    const { n: nl, key, value, unit } = this.labels;
    h = Math.imul(h ^ (nl + 0x9e37), 0x01000193);
    for (let j = 0; j < nl; j++) {
      h = Math.imul(h ^ key[j], 0x01000193);
      h = Math.imul(h ^ (value[j] | 0) ^ Math.floor(value[j] / 4294967296), 0x01000193);
      h = Math.imul(h ^ unit[j], 0x01000193);
    }
    h >>>= 0;

    // Find an equal merged sample.
    const b = this.b;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = this.table[slot];
      if (e === 0) break;
      const k = e - 1;
      if (this.hashes.data[k] === h && this.sameSample(k, stack, n)) {
        const nv = b.numValues;
        for (let t = 0; t < nv; t++) b.values.data[k * nv + t] += s.values[i * nv + t];
        return;
      }
      slot = (slot + 1) & mask;
    }

    // A new sample.
    const k = b.count;
    b.begin();
    b.stack.append(stack, 0, n);
    const nv = b.numValues;
    b.values.append(s.values, i * nv, (i + 1) * nv);
    for (let j = 0; j < nl; j++) b.pushLabel(key[j], value[j], unit[j]);
    this.hashes.push(h);
    this.table[slot] = k + 1;
    if (b.count * 2 > this.table.length) this.rehash();
  }

  private sameSample(k: number, stack: Uint32Array, n: number): boolean {
    const b = this.b;
    const from = b.stackStart.data[k];
    const to = k + 1 < b.count ? b.stackStart.data[k + 1] : b.stack.length;
    if (to - from !== n) return false;
    for (let j = 0; j < n; j++) if (b.stack.data[from + j] !== stack[j]) return false;
    const la = b.labelStart.data[k];
    const lb = k + 1 < b.count ? b.labelStart.data[k + 1] : b.labelKey.length;
    const { n: nl, key, value, unit } = this.labels;
    if (lb - la !== nl) return false;
    for (let j = 0; j < nl; j++) {
      if (b.labelKey.data[la + j] !== key[j] || b.labelValue.data[la + j] !== value[j] || b.labelUnit.data[la + j] !== unit[j]) {
        return false;
      }
    }
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let k = 0; k < this.b.count; k++) {
      let slot = this.hashes.data[k] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = k + 1;
    }
    this.table = table;
  }

  finish(): Profile {
    return {
      ...this.p,
      samples: this.b.build(),
      mappings: this.mappings,
      locations: this.locations,
      functions: this.functions,
      strings: this.strings.strings,
    };
  }
}

/**
 * Writes memo[src[from + j]] to out[j] for j < n and returns an FNV-style hash of them (an
 * int32), or -1 when a location is not mapped yet.
 */
function remapStack(src: StackArray, from: number, n: number, memo: Int32Array, out: Uint32Array): number {
  let h = 0x811c9dc5 ^ n;
  for (let j = 0; j < n; j++) {
    const loc = memo[src[from + j]];
    if (loc < 0) return -1;
    out[j] = loc;
    h = Math.imul(h ^ loc, 0x01000193);
  }
  // -1 means "unmapped": fold a real -1 onto another value.
  return h === -1 ? 0x5bd1e995 : h;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** pprof's Mapping.key: size rounded up to 4 KiB, offset, and build id (or file). */
function mappingKey(m: Mapping): string {
  const rounding = 0x1000n;
  let size = u64(m.limit - m.start);
  size = u64(size + rounding - 1n);
  size = size - (size % rounding);
  const id = m.buildId !== '' ? m.buildId : m.file;
  return `${size.toString(16)}|${m.offset.toString(16)}|${id}`;
}

/**
 * merge merges profiles into one, as pprof's profile.Merge: headers combined (earliest time,
 * summed durations, largest period, first default sample type, deduplicated comments; throws
 * ProfileError for incompatible sample or period types), samples with equal locations and labels
 * summed (first occurrence order), zero samples dropped, and locations, functions and mappings
 * deduplicated, renumbered from 1 and garbage-collected (the first source's first mapping is
 * always kept first: it names the main binary). Invariant: the result is independent of the inputs.
 */
export function merge(srcs: Profile[]): Profile {
  if (srcs.length === 0) throw new ProfileError('no profiles to merge');
  const header = combineHeaders(srcs);
  let expected = 0;
  let frames = 0;
  let labels = 0;
  for (const src of srcs) {
    expected += src.samples.count;
    frames += src.samples.stack.length;
    labels += src.samples.labelKey.length;
  }
  const pm = new ProfileMerger(header, expected, frames, labels);
  for (const src of srcs) {
    pm.beginSource(src);
    // The first mapping represents the main binary: take it first, whatever the samples touch.
    if (pm.mappings.length === 0 && src.mappings.length > 0) pm.mapMapping(src.mappings[0]);
    const s = src.samples;
    for (let i = 0; i < s.count; i++) {
      if (!isZeroSample(s, i)) pm.mapSample(i);
    }
  }
  const p = pm.finish();
  for (let i = 0; i < p.samples.count; i++) {
    // Samples that summed to zero: merge again to drop them and what only they referenced.
    if (isZeroSample(p.samples, i)) return merge([p]);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Scale, labels

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  const r = Math.round(Math.abs(x));
  return (x < 0 ? -r : r) + 0;
}

/**
 * scaleN multiplies each sample value column by its ratio (rounded half away from zero, as
 * int64(math.Round(v*r))) and keeps only samples with a non-zero value in a scaled column.
 * All-ones ratios return p itself. pprof's Profile.ScaleN.
 */
export function scaleN(p: Profile, ratios: number[]): Profile {
  if (ratios.length !== p.sampleTypes.length) {
    throw new ProfileError(`mismatched scale ratios, got ${ratios.length}, want ${p.sampleTypes.length}`);
  }
  if (ratios.every((r) => r === 1)) return p;
  const s = p.samples;
  const nv = s.numValues;
  const values = new Float64Array(s.values.length);
  const keep = new Uint8Array(s.count);
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
    keep[i] = keepSample ? 1 : 0;
  }
  const scaled: Samples = { ...s, values };
  return { ...p, samples: rebuildSamples(scaled, (i) => (keep[i] ? span(s.stackStart[i], s.stackStart[i + 1]) : undefined)) };
}

/** scale multiplies all sample values by ratio, as pprof's Profile.Scale (ratio 1 returns p). */
export function scale(p: Profile, ratio: number): Profile {
  if (ratio === 1) return p;
  return scaleN(p, p.sampleTypes.map(() => ratio));
}

/**
 * setLabel sets string label `key` to `values` on every sample, replacing the sample's values for
 * that key (numeric labels are untouched). pprof's Profile.SetLabel, used to mark -diff_base
 * samples with pprof::base=true.
 */
export function setLabel(p: Profile, key: string, values: string[]): Profile {
  const strings = new StringTable(p.strings);
  const k = strings.intern(key);
  const vs = values.map((v) => strings.intern(v));
  const samples = rebuildLabels(
    p.samples,
    (j) => !(p.samples.labelUnit[j] === -1 && p.samples.labelKey[j] === k),
    (_i, push) => {
      for (const v of vs) push(k, v, -1);
    },
  );
  return { ...p, samples, strings: strings.strings };
}

/** Whether sample i has string label key=value (pprof's Sample.HasLabel). */
export function hasLabel(p: Profile, i: number, key: string, value: string): boolean {
  const s = p.samples;
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    if (s.labelUnit[j] === -1 && p.strings[s.labelKey[j]] === key && p.strings[s.labelValue[j]] === value) return true;
  }
  return false;
}

/**
 * numLabelUnits returns the unit of each numeric label key (the first non-empty unit seen, in
 * sample order; "bytes" for keys "alignment" and "request" without units; else the key itself)
 * and, per key, the other units seen (sorted). pprof's Profile.NumLabelUnits.
 */
export function numLabelUnits(p: Profile): { units: Map<string, string>; ignored: Map<string, string[]> } {
  const units = new Map<string, string>();
  const ignored = new Map<string, Set<string>>();
  const encountered = new Set<string>();
  const s = p.samples;
  for (let j = 0; j < s.labelKey.length; j++) {
    if (s.labelUnit[j] === -1) continue;
    const k = p.strings[s.labelKey[j]];
    encountered.add(k);
    if (s.labelUnit[j] === 0) continue;
    const unit = p.strings[s.labelUnit[j]];
    if (unit === '') continue;
    const want = units.get(k);
    if (want === undefined) units.set(k, unit);
    else if (want !== unit) {
      let set = ignored.get(k);
      if (!set) ignored.set(k, (set = new Set()));
      set.add(unit);
    }
  }
  for (const key of encountered) {
    if ((units.get(key) ?? '') === '') units.set(key, key === 'alignment' || key === 'request' ? 'bytes' : key);
  }
  const out = new Map<string, string[]>();
  for (const [k, set] of ignored) out.set(k, [...set].sort());
  return { units, ignored: out };
}

// ---------------------------------------------------------------------------------------------
// Prune

const reservedNames = ['(anonymous namespace)', 'operator()'];
const bracketRx = /\(anonymous namespace\)|operator\(\)|\(/g;

/** pprof's simplifyFunc: drops a leading "." and the argument list (a "(" not in a reserved name). */
export function simplifyFunc(f: string): string {
  let funcName = f.startsWith('.') ? f.slice(1) : f;
  for (const m of funcName.matchAll(bracketRx)) {
    if (!reservedNames.includes(m[0])) {
      funcName = funcName.slice(0, m.index);
      break;
    }
  }
  return funcName;
}

/** Returns a copy of p.locations where `change(loc)` returns new lines (or the same array to keep it). */
function withLocationLines(p: Profile, change: (loc: Location) => Line[]): Location[] {
  let out: Location[] | undefined;
  for (let i = 0; i < p.locations.length; i++) {
    const loc = p.locations[i];
    const lines = change(loc);
    if (lines !== loc.lines) {
      out ??= p.locations.slice();
      out[i] = { ...loc, lines };
    }
  }
  return out ?? p.locations;
}

/** Caches a predicate on functions by their dense index. */
function functionCache(p: Profile, pred: (f: Function) => boolean): (f: Function) => boolean {
  const memo = new Int8Array(p.functions.length);
  return (f) => {
    let m = memo[f.index];
    if (m === 0) memo[f.index] = m = pred(f) ? 1 : 2;
    return m === 1;
  };
}

/**
 * prune removes all frames beneath (leaf side of) a frame whose simplified function name matches
 * dropRx and not keepRx; frames before (root side of) the first user frame are never pruned. A
 * location with a matching inlined frame keeps only the frames above it. pprof's Profile.Prune.
 */
export function prune(p: Profile, dropRx: RegExp, keepRx: RegExp | undefined): Profile {
  const matches = functionCache(p, (fn) => {
    const funcName = simplifyFunc(fn.name);
    return dropRx.test(funcName) && !(keepRx && keepRx.test(funcName));
  });
  // 1. Locations: 1 = prune the whole location, 2 = prune beneath it (lines trimmed).
  const state = new Uint8Array(p.locations.length);
  const locations = withLocationLines(p, (loc) => {
    let i: number;
    for (i = loc.lines.length - 1; i >= 0; i--) {
      const fn = loc.lines[i].function;
      if (fn && fn.name !== '' && matches(fn)) break;
    }
    if (i < 0) return loc.lines;
    if (i === loc.lines.length - 1) {
      state[loc.index] = 1;
      return loc.lines;
    }
    state[loc.index] = 2;
    return loc.lines.slice(i + 1);
  });
  // 2. Samples: scan from the root; cut at the first pruned location after a user frame.
  const s = p.samples;
  const samples = rebuildSamples(s, (i) => {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    let foundUser = false;
    for (let j = to - 1; j >= from; j--) {
      const st = state[s.stack[j]];
      if (st === 0) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      return st === 1 ? span(j + 1, to) : span(j, to);
    }
    return span(from, to);
  });
  return { ...p, locations, samples };
}

/**
 * removeUninteresting prunes with the profile's own drop_frames/keep_frames, anchored as
 * `^(...)$`. A drop_frames or keep_frames pprof cannot compile leaves the profile unpruned (pprof's
 * fetchProfiles ignores RemoveUninteresting's error), so this never throws for them.
 */
export function removeUninteresting(p: Profile): Profile {
  if (p.dropFrames === '') return p;
  let drop: RegExp;
  let keep: RegExp | undefined;
  try {
    drop = compileGoRegexp(`^(${p.dropFrames})$`);
    if (p.keepFrames !== '') keep = compileGoRegexp(`^(${p.keepFrames})$`);
  } catch {
    return p;
  }
  return prune(p, drop, keep);
}

/**
 * pruneFrom removes all frames beneath the lowest (leaf-most) frame whose simplified function name
 * matches dropRx, keeping that frame. pprof's Profile.PruneFrom (-prune_from).
 */
export function pruneFrom(p: Profile, dropRx: RegExp): Profile {
  const matches = functionCache(p, (fn) => dropRx.test(simplifyFunc(fn.name)));
  const beneath = new Uint8Array(p.locations.length);
  const locations = withLocationLines(p, (loc) => {
    for (let i = 0; i < loc.lines.length; i++) {
      const fn = loc.lines[i].function;
      if (fn && fn.name !== '' && matches(fn)) {
        beneath[loc.index] = 1;
        return i === 0 ? loc.lines : loc.lines.slice(i);
      }
    }
    return loc.lines;
  });
  const s = p.samples;
  const samples = rebuildSamples(s, (i) => {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    for (let j = from; j < to; j++) if (beneath[s.stack[j]]) return span(j, to);
    return span(from, to);
  });
  return { ...p, locations, samples };
}

// ---------------------------------------------------------------------------------------------
// Filters by name

/** Result of filterSamplesByName: the filtered profile and whether each regexp matched. */
export interface NameFilterResult {
  profile: Profile;
  /** focus matched a location (true when there is no focus and some location is not ignored). */
  fm: boolean;
  im: boolean;
  hm: boolean;
  hnm: boolean;
}

/** Matching of one regexp against locations, cached per function and mapping. */
function locationMatcher(p: Profile, re: RegExp) {
  const fnMatch = functionCache(p, (fn) => re.test(fn.name) || re.test(fn.filename));
  const mapMemo = new Int8Array(p.mappings.length);
  const mapMatch = (m: Mapping | undefined) => {
    if (!m) return false;
    let x = mapMemo[m.index];
    if (x === 0) mapMemo[m.index] = x = re.test(m.file) ? 1 : 2;
    return x === 1;
  };
  return {
    fnMatch,
    mapMatch,
    /** pprof's Location.matchesName: a function name or file name, or the mapping's file. */
    matchesName(loc: Location): boolean {
      for (const ln of loc.lines) if (ln.function && fnMatch(ln.function)) return true;
      return mapMatch(loc.mapping);
    },
  };
}

/**
 * filterSamplesByName keeps the samples with a frame matching focus (any, when focus is
 * undefined) and none matching ignore, then removes the frames matching hide and those not
 * matching show (a location left with no frames disappears from stacks; a sample left with no
 * locations is dropped). Samples with no locations are always dropped. Matching looks at function
 * names, file names and the mapping's file. pprof's Profile.FilterSamplesByName.
 */
export function filterSamplesByName(
  p: Profile,
  focus: RegExp | undefined,
  ignore: RegExp | undefined,
  hide: RegExp | undefined,
  show: RegExp | undefined,
): NameFilterResult {
  let fm = false;
  let im = false;
  let hm = false;
  let hnm = false;
  const focusM = focus && locationMatcher(p, focus);
  const ignoreM = ignore && locationMatcher(p, ignore);
  const hideM = hide && locationMatcher(p, hide);
  const showM = show && locationMatcher(p, show);
  // 1. Per location: 1 = focused, 2 = ignored; hidden when hide/show leave it without lines.
  const focusOrIgnore = new Uint8Array(p.locations.length);
  const hidden = new Uint8Array(p.locations.length);
  let anyHidden = false;
  const locations = withLocationLines(p, (loc) => {
    if (ignoreM && ignoreM.matchesName(loc)) {
      im = true;
      focusOrIgnore[loc.index] = 2;
    } else if (!focusM || focusM.matchesName(loc)) {
      fm = true;
      focusOrIgnore[loc.index] = 1;
    }
    let lines = loc.lines;
    if (hideM && hideM.matchesName(loc)) {
      hm = true;
      // unmatchedLines: a matching mapping hides the whole location.
      lines = hideM.mapMatch(loc.mapping) ? [] : lines.filter((ln) => !(ln.function && hideM.fnMatch(ln.function)));
      if (lines.length === 0) {
        hidden[loc.index] = 1;
        anyHidden = true;
      }
    }
    if (showM) {
      // matchedLines: a matching mapping shows the whole location; frames without a function stay.
      if (!showM.mapMatch(loc.mapping)) lines = lines.filter((ln) => !ln.function || showM.fnMatch(ln.function));
      if (lines.length === 0) {
        hidden[loc.index] = 1;
        anyHidden = true;
      } else {
        hnm = true;
      }
    }
    return lines.length === loc.lines.length ? loc.lines : lines;
  });
  // 2. Samples: focused and not ignored, then without hidden locations.
  const s = p.samples;
  const samples = rebuildSamples(s, (i) => {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    let f = false;
    for (let j = from; j < to; j++) {
      const st = focusOrIgnore[s.stack[j]];
      if (st === 2) return undefined;
      if (st === 1) f = true;
    }
    if (!f) return undefined;
    if (!anyHidden) return span(from, to);
    const locs: number[] = [];
    for (let j = from; j < to; j++) if (!hidden[s.stack[j]]) locs.push(s.stack[j]);
    return locs.length === 0 ? undefined : locs;
  });
  return { profile: { ...p, locations, samples }, fm, im, hm, hnm };
}

/**
 * showFrom drops the frames above (root side of) the highest frame matching showFrom in every
 * sample, and the samples without a match; a location whose mapping file matches is kept whole,
 * otherwise its lines after the last matching one are removed. Returns whether anything matched.
 * pprof's Profile.ShowFrom.
 */
export function showFrom(p: Profile, re: RegExp): { profile: Profile; matched: boolean } {
  const m = locationMatcher(p, re);
  const matchedLoc = new Uint8Array(p.locations.length);
  let matched = false;
  const locations = withLocationLines(p, (loc) => {
    if (m.mapMatch(loc.mapping)) {
      matchedLoc[loc.index] = 1;
      matched = true;
      return loc.lines;
    }
    for (let i = loc.lines.length - 1; i >= 0; i--) {
      const fn = loc.lines[i].function;
      if (fn && m.fnMatch(fn)) {
        matchedLoc[loc.index] = 1;
        matched = true;
        return i === loc.lines.length - 1 ? loc.lines : loc.lines.slice(0, i + 1);
      }
    }
    return loc.lines;
  });
  const s = p.samples;
  const samples = rebuildSamples(s, (i) => {
    const from = s.stackStart[i];
    for (let j = s.stackStart[i + 1] - 1; j >= from; j--) {
      if (matchedLoc[s.stack[j]]) return span(from, j + 1);
    }
    return undefined;
  });
  return { profile: { ...p, locations, samples }, matched };
}

// ---------------------------------------------------------------------------------------------
// Filters by tag

/** TagMatch selects samples by their labels: pprof's profile.TagMatch, on sample i of p. */
export type TagMatch = (p: Profile, i: number) => boolean;

/**
 * filterSamplesByTag keeps the samples that match focus (all, when undefined) and do not match
 * ignore, and tells whether each matched some sample. pprof's Profile.FilterSamplesByTag.
 */
export function filterSamplesByTag(
  p: Profile,
  focus: TagMatch | undefined,
  ignore: TagMatch | undefined,
): { profile: Profile; fm: boolean; im: boolean } {
  if (!focus && !ignore) return { profile: p, fm: p.samples.count > 0, im: false };
  let fm = false;
  let im = false;
  const s = p.samples;
  const samples = rebuildSamples(s, (i) => {
    const focused = focus ? focus(p, i) : true;
    const ignored = ignore ? ignore(p, i) : false;
    fm ||= focused;
    im ||= ignored;
    return focused && !ignored ? span(s.stackStart[i], s.stackStart[i + 1]) : undefined;
  });
  return { profile: { ...p, samples }, fm, im };
}

/**
 * filterTagsByName removes the labels (string and numeric) whose key does not match show or
 * matches hide, and tells whether each matched some key. pprof's Profile.FilterTagsByName.
 */
export function filterTagsByName(p: Profile, show: RegExp | undefined, hide: RegExp | undefined): { profile: Profile; sm: boolean; hm: boolean } {
  let sm = false;
  let hm = false;
  if (!show && !hide) {
    return { profile: p, sm: p.samples.labelKey.length > 0, hm: false };
  }
  const memo = new Map<number, boolean>();
  const remove = (key: number): boolean => {
    let r = memo.get(key);
    if (r === undefined) {
      const name = p.strings[key];
      const matchShow = !show || show.test(name);
      const matchHide = !!hide && hide.test(name);
      r = !matchShow || matchHide;
      memo.set(key, r);
      if (matchShow) sm = true;
      if (matchHide) hm = true;
    }
    return r;
  };
  const s = p.samples;
  const samples = rebuildLabels(s, (j) => !remove(s.labelKey[j]));
  return { profile: { ...p, samples }, sm, hm };
}

const tagFilterRangeRx = /([+-]?[0-9]+)([A-Za-z]+)?/g;

/**
 * parseTagFilterRange parses a numeric tag filter: "32kb" (equal), ":64kb" (at most), "4mb:" (at
 * least), "12kb:64mb" (between, inclusive), comparing values after scaling them to the filter's
 * unit. Returns undefined when the text is not such a range (it is then a regexp). pprof's
 * parseTagFilterRange.
 */
export function parseTagFilterRange(filter: string): ((v: number, unit: string) => boolean) | undefined {
  const ranges = [...filter.matchAll(tagFilterRangeRx)].slice(0, 2);
  if (ranges.length === 0) return undefined;
  const parseInt64 = (s: string): number => {
    const v = Number(s);
    if (!Number.isSafeInteger(v)) throw new ProfileError(`failed to parse int ${s}: value out of range`);
    return v;
  };
  const unit0 = ranges[0][2] ?? '';
  const [scaledValue, unit] = scaleMeasurement(parseInt64(ranges[0][1]), unit0, unit0);
  if (ranges.length === 1) {
    const match = ranges[0][0];
    if (filter === match) {
      return (v, u) => {
        const [sv, su] = scaleMeasurement(v, u, unit);
        return su === unit && sv === scaledValue;
      };
    }
    if (filter === match + ':') {
      return (v, u) => {
        const [sv, su] = scaleMeasurement(v, u, unit);
        return su === unit && sv >= scaledValue;
      };
    }
    if (filter === ':' + match) {
      return (v, u) => {
        const [sv, su] = scaleMeasurement(v, u, unit);
        return su === unit && sv <= scaledValue;
      };
    }
    return undefined;
  }
  if (filter !== ranges[0][0] + ':' + ranges[1][0]) return undefined;
  const [scaledValue2, unit2] = scaleMeasurement(parseInt64(ranges[1][1]), ranges[1][2] ?? '', unit);
  if (unit !== unit2) return undefined;
  return (v, u) => {
    const [sv, su] = scaleMeasurement(v, u, unit);
    return su === unit && sv >= scaledValue && sv <= scaledValue2;
  };
}

/**
 * compileTagFilter compiles a -tagfocus/-tagignore value: `[key=]value`, where value is a
 * numeric range (see parseTagFilterRange; numeric labels, units from numLabelUnits) or a
 * comma-separated list of regexps (string labels: every regexp must match some "key:value" or,
 * with a key, any regexp must match a value of that key). `warn` receives pprof's notice that a
 * value was read as a range. Returns undefined for an empty value. pprof's compileTagFilter.
 */
export function compileTagFilter(
  name: string,
  value: string,
  units: Map<string, string>,
  warn: (msg: string) => void = () => {},
): TagMatch | undefined {
  if (value === '') return undefined;
  let wantKey = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const numFilter = parseTagFilterRange(value);
  if (numFilter) {
    warn(`${name}:Interpreted '${value}' as range, not regexp`);
    const unitOf = (key: number, p: Profile) => units.get(p.strings[key]) ?? '';
    if (wantKey === '') {
      return (p, i) => {
        const s = p.samples;
        for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
          if (s.labelUnit[j] !== -1 && numFilter(s.labelValue[j], unitOf(s.labelKey[j], p))) return true;
        }
        return false;
      };
    }
    const unit = units.get(wantKey) ?? '';
    return (p, i) => {
      const s = p.samples;
      for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
        if (s.labelUnit[j] !== -1 && p.strings[s.labelKey[j]] === wantKey && numFilter(s.labelValue[j], unit)) return true;
      }
      return false;
    };
  }
  const rfx: RegExp[] = [];
  for (const tagf of value.split(',')) {
    try {
      rfx.push(compileGoRegexp(tagf));
    } catch (e) {
      throw new ProfileError(`parsing ${name} regexp: ${(e as Error).message}`);
    }
  }
  if (wantKey === '') {
    return (p, i) => {
      const s = p.samples;
      for (const rx of rfx) {
        let matched = false;
        for (let j = s.labelStart[i]; j < s.labelStart[i + 1] && !matched; j++) {
          if (s.labelUnit[j] === -1 && rx.test(`${p.strings[s.labelKey[j]]}:${p.strings[s.labelValue[j]]}`)) matched = true;
        }
        if (!matched) return false;
      }
      return true;
    };
  }
  return (p, i) => {
    const s = p.samples;
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
      if (s.labelUnit[j] !== -1 || p.strings[s.labelKey[j]] !== wantKey) continue;
      const val = p.strings[s.labelValue[j]];
      for (const rx of rfx) if (rx.test(val)) return true;
    }
    return false;
  };
}

// ---------------------------------------------------------------------------------------------
// Aggregate, sample index

/**
 * aggregate blanks what a granularity ignores, as pprof's Profile.Aggregate: mapping flags are
 * and-ed with the kept attributes; without `fn` function names, without `filename` file names,
 * without `linenumber` line numbers and without `address` addresses become zero values; without
 * `inlineFrame` a location keeps only its last (outermost) line. Locations are not merged: the
 * report's graph merges equal frames.
 */
export function aggregate(p: Profile, inlineFrame: boolean, fn: boolean, filename: boolean, linenumber: boolean, address: boolean): Profile {
  const mappings = p.mappings.map((m) => ({
    ...m,
    hasInlineFrames: m.hasInlineFrames && inlineFrame,
    hasFunctions: m.hasFunctions && fn,
    hasFilenames: m.hasFilenames && filename,
    hasLineNumbers: m.hasLineNumbers && linenumber,
  }));
  const functions = fn && filename ? p.functions : p.functions.map((f) => ({
    ...f,
    name: fn ? f.name : '',
    systemName: fn ? f.systemName : '',
    filename: filename ? f.filename : '',
  }));
  const locations = p.locations.map((l) => {
    let lines = l.lines;
    if (!inlineFrame && lines.length > 1) lines = lines.slice(lines.length - 1);
    return {
      ...l,
      mapping: l.mapping && mappings[l.mapping.index],
      address: address ? l.address : 0n,
      lines: lines.map((ln) => ({
        function: ln.function && functions[ln.function.index],
        line: linenumber ? ln.line : 0,
      })),
    };
  });
  return { ...p, mappings, functions, locations };
}

/**
 * sampleIndexByName returns the sample type index selected by -sample_index: "" picks the
 * default sample type (or the last type when unset or absent), a number picks by position, a
 * name picks by type (with or without an "inuse_" prefix). Throws ProfileError with pprof's text.
 * pprof's Profile.SampleIndexByName.
 */
export function sampleIndexByName(p: Profile, sampleIndex: string): number {
  const types = p.sampleTypes.map((t) => t.type);
  if (sampleIndex === '') {
    if (p.defaultSampleType !== '') {
      const i = types.indexOf(p.defaultSampleType);
      if (i >= 0) return i;
    }
    return types.length - 1;
  }
  if (/^[+-]?[0-9]+$/.test(sampleIndex)) {
    const i = Number(sampleIndex);
    if (i < 0 || i >= types.length) {
      throw new ProfileError(`sample_index ${sampleIndex} is outside the range [0..${types.length - 1}]`);
    }
    return i;
  }
  const noInuse = sampleIndex.startsWith('inuse_') ? sampleIndex.slice('inuse_'.length) : sampleIndex;
  for (let i = 0; i < types.length; i++) {
    if (types[i] === sampleIndex || types[i] === noInuse) return i;
  }
  throw new ProfileError(`sample_index "${sampleIndex}" must be one of: [${types.join(' ')}]`);
}

/**
 * ensureMapping gives a profile without mappings one empty mapping (id 1) used by every location,
 * as pprof's locateBinaries does for every fetched profile (Go runtime profiles often have none).
 * Profiles with mappings are returned unchanged.
 */
export function ensureMapping(p: Profile): Profile {
  if (p.mappings.length > 0) return p;
  const m: Mapping = {
    index: 0, id: 1, start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
    hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
  return { ...p, mappings: [m], locations: p.locations.map((l) => ({ ...l, mapping: m })) };
}

/**
 * normalize scales p so that each sample type sums to the same total as in pb (a type summing to
 * zero in p is scaled by 0). Throws ProfileError when p and pb are not compatible. pprof's
 * Profile.Normalize (-normalize).
 */
export function normalize(p: Profile, pb: Profile): Profile {
  compatible(p, pb);
  const n = p.sampleTypes.length;
  const sums = (q: Profile) => {
    const out = new Array<number>(n).fill(0);
    const s = q.samples;
    for (let i = 0; i < s.count; i++) for (let t = 0; t < n; t++) out[t] += s.values[i * s.numValues + t];
    return out;
  };
  const baseVals = sums(pb);
  const srcVals = sums(p);
  return scaleN(p, baseVals.map((b, t) => (srcVals[t] === 0 ? 0 : b / srcVals[t])));
}

/**
 * unsourceMappings clears the file of mappings without a build id whose file is an absolute URL
 * (pprof names mappings of remotely fetched legacy profiles after their URL and clears them once
 * symbolized; its check applies to every mapping). pprof's unsourceMappings.
 */
export function unsourceMappings(p: Profile): Profile {
  if (!p.mappings.some((m) => m.buildId === '' && isAbsoluteURL(m.file))) return p;
  const mappings = p.mappings.map((m) => (m.buildId === '' && isAbsoluteURL(m.file) ? { ...m, file: '' } : m));
  const locations = p.locations.map((l) => (l.mapping ? { ...l, mapping: mappings[l.mapping.index] } : l));
  return { ...p, mappings, locations };
}

/**
 * Whether Go's url.Parse(s) succeeds with a non-empty scheme (url.IsAbs). Approximates url.Parse's
 * failures: control characters, a leading ':', bad percent-escapes in a hierarchical path or the
 * fragment (not the host's syntax: `http://[::1` is absolute here, an error in Go).
 */
function isAbsoluteURL(s: string): boolean {
  const hash = s.indexOf('#');
  const u = hash >= 0 ? s.slice(0, hash) : s;
  if (/[\x00-\x1f\x7f]/.test(s)) return false;
  // The fragment is unescaped too: a bad escape there fails the parse.
  if (hash >= 0 && /%(?![0-9A-Fa-f]{2})/.test(s.slice(hash + 1))) return false;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(u);
  if (!m) return false;
  const rest = u.slice(m[0].length);
  if (rest.startsWith('/') && /%(?![0-9A-Fa-f]{2})/.test(rest.replace(/\?.*$/, ''))) return false;
  return true;
}

/**
 * addLabelNodes adds pseudo frames made of label values to every sample, as pprof's -tagroot and
 * -tagleaf: one frame per key (function name: the sample's values for the key, numeric ones
 * formatted in outputUnit, joined by ","; file name: the key), the first root key at the root
 * and the last leaf key at the leaf. Samples without the key get a frame with an empty name.
 * Returns whether any sample had a value for a root key and for a leaf key. pprof's addLabelNodes.
 */
export function addLabelNodes(
  p: Profile,
  rootKeys: string[],
  leafKeys: string[],
  outputUnit: string,
): { profile: Profile; rootm: boolean; leafm: boolean } {
  if (rootKeys.length === 0 && leafKeys.length === 0) return { profile: p, rootm: false, leafm: false };
  let nextLocID = 1;
  let nextFuncID = 1;
  for (const l of p.locations) nextLocID = Math.max(nextLocID, l.id + 1);
  for (const f of p.functions) nextFuncID = Math.max(nextFuncID, f.id + 1);
  const locations = p.locations.slice();
  const functions = p.functions.slice();
  const interned = new Map<string, number>();
  const internLoc = (functionName: string, fileName: string): number => {
    const key = `${functionName}\u0000${fileName}`;
    let idx = interned.get(key);
    if (idx === undefined) {
      const fn: Function = { index: functions.length, id: nextFuncID++, name: functionName, systemName: '', filename: fileName, startLine: 0 };
      functions.push(fn);
      idx = locations.length;
      locations.push({ index: idx, id: nextLocID++, mapping: undefined, address: 0n, lines: [{ function: fn, line: 0 }], isFolded: false });
      interned.set(key, idx);
    }
    return idx;
  };
  const s = p.samples;
  /** pprof's formatLabelValues: string values, then numeric ones (in their units when they have any). */
  const formatLabelValues = (i: number, k: string): string[] => {
    const values: string[] = [];
    const nums: number[] = [];
    const units: string[] = [];
    let anyUnit = false;
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
      if (p.strings[s.labelKey[j]] !== k) continue;
      if (s.labelUnit[j] === -1) values.push(p.strings[s.labelValue[j]]);
      else {
        nums.push(s.labelValue[j]);
        const u = s.labelUnit[j] === 0 ? '' : p.strings[s.labelUnit[j]];
        units.push(u);
        if (u !== '') anyUnit = true;
      }
    }
    nums.forEach((v, n) => values.push(anyUnit ? scaledLabel(v, units[n], outputUnit) : scaledLabel(v, '', '')));
    return values;
  };
  let rootm = false;
  let leafm = false;
  const makeLabelLocs = (i: number, keys: string[]): { locs: number[]; match: boolean } => {
    const locs: number[] = [];
    let match = false;
    // Backwards: the first key ends up closest to the root, the last closest to the leaves.
    for (let n = keys.length - 1; n >= 0; n--) {
      const values = formatLabelValues(i, keys[n]);
      if (values.length > 0) match = true;
      locs.push(internLoc(values.join(','), keys[n]));
    }
    return { locs, match };
  };
  const samples = rebuildSamples(s, (i) => {
    const roots = makeLabelLocs(i, rootKeys);
    const leaves = makeLabelLocs(i, leafKeys);
    rootm ||= roots.match;
    leafm ||= leaves.match;
    return [...leaves.locs, ...s.stack.subarray(s.stackStart[i], s.stackStart[i + 1]), ...roots.locs];
  });
  return { profile: { ...p, locations, functions, samples }, rootm, leafm };
}
