// The in-memory model of profile.proto, with pprof's names (google/pprof profile/profile.go).
// Ids and string-table indices are resolved once after decoding. Samples are columnar:
// typed arrays indexed by sample number, never one object per sample.

/** ValueType describes one sample value column or the period: a type and its unit. */
export interface ValueType {
  type: string;
  unit: string;
}

/** Function is a source-level function: names, file and start line. */
export interface Function {
  /** Dense index in Profile.functions. */
  index: number;
  id: number;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

/** Line is one frame of a Location: line[0] is the innermost inlined frame, the last the caller. */
export interface Line {
  function: Function | undefined;
  line: number;
}

/** Mapping is a binary or library mapped into the profiled process. Addresses are uint64, kept as bigint. */
export interface Mapping {
  index: number;
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** Location is a program counter with its (possibly inlined) source lines. */
export interface Location {
  /** Dense index in Profile.locations: what Samples.stack stores. */
  index: number;
  id: number;
  mapping: Mapping | undefined;
  address: bigint;
  lines: Line[];
  isFolded: boolean;
}

/**
 * Samples holds every sample in columns. Sample i has:
 * - stack: locations `stack[stackStart[i] .. stackStart[i+1])`, leaf first (Location dense indices);
 * - values: `values[i * numValues + t]` for sample type t;
 * - labels: entries `labelStart[i] .. labelStart[i+1]`, each a key (string), and either a string
 *   value (`labelUnit[j] === -1`, `labelValue[j]` is a string-table index) or a number
 *   (`labelValue[j]`, with unit string index `labelUnit[j]`, 0 when none).
 * Strings of labels stay as indices into Profile.strings.
 */
export interface Samples {
  count: number;
  numValues: number;
  stackStart: Uint32Array;
  /** A Uint16Array when every index fits (at most 65,536 locations, the common case): 2 bytes a frame instead of 4. */
  stack: StackArray;
  values: Float64Array;
  labelStart: Uint32Array;
  labelKey: Uint32Array;
  labelValue: Float64Array;
  labelUnit: Int32Array;
}

/** Samples.stack's element type: 16-bit location indices when they all fit, else 32-bit. */
export type StackArray = Uint16Array | Uint32Array;

/**
 * The stack column in its smallest form: a 16-bit copy when every index is below 65,536, else
 * `stack` itself. `maxIndex` (the largest index, when the caller knows a bound) saves the scan.
 */
export function narrowStack(stack: StackArray, maxIndex?: number): StackArray {
  if (stack instanceof Uint16Array) return stack;
  let max = maxIndex ?? 0;
  if (maxIndex === undefined) for (let j = 0; j < stack.length; j++) if (stack[j] > max) max = stack[j];
  return max <= 0xffff ? new Uint16Array(stack) : stack;
}

/** Profile is an in-memory representation of profile.proto, with every id resolved. */
export interface Profile {
  sampleTypes: ValueType[];
  /** Name of the default sample type ("" when unset: pprof then uses the last one). */
  defaultSampleType: string;
  samples: Samples;
  mappings: Mapping[];
  locations: Location[];
  functions: Function[];
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  /** Wall-clock time of the profile in ns since the epoch (uint64-sized: kept exact as bigint). */
  timeNanos: bigint;
  durationNanos: number;
  periodType: ValueType;
  period: number;
  /** The string table, for label keys and values that samples keep as indices. */
  strings: string[];
}

/** A label of one sample, materialized (for reports that need them; hot paths read the columns). */
export interface SampleLabel {
  key: string;
  str?: string;
  num?: number;
  unit?: string;
}

/** Returns the labels of sample i in file order. */
export function sampleLabels(p: Profile, i: number): SampleLabel[] {
  const s = p.samples;
  const out: SampleLabel[] = [];
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    const key = p.strings[s.labelKey[j]];
    if (s.labelUnit[j] === -1) out.push({ key, str: p.strings[s.labelValue[j]] });
    else out.push({ key, num: s.labelValue[j], unit: s.labelUnit[j] ? p.strings[s.labelUnit[j]] : undefined });
  }
  return out;
}

/** Returns sample i's value for sample type t. */
export function sampleValue(p: Profile, i: number, t: number): number {
  return p.samples.values[i * p.samples.numValues + t];
}
