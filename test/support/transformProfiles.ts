// Hand-built profiles for the transform tests (transform.test.ts, transformMutants.test.ts): a
// small builder, a one-line-per-sample dump and a deep snapshot to check inputs do not change.
import type { Function, Location, Mapping, Profile, Samples } from '../../src/core/profile';
import { sampleLabels } from '../../src/core/profile';

// ---- A small builder: frames are "name" or "name@file:line"; a location is a list of frames (innermost first).

export type LabelSpec = Record<string, string | number | [number, string]>;
export interface SampleSpec {
  stack: string[][];
  values: number[];
  labels?: LabelSpec | [string, string | number | [number, string]][];
}
export interface ProfileSpec {
  types?: [string, string][];
  samples: SampleSpec[];
  mapping?: Partial<Mapping>;
  time?: bigint;
  duration?: number;
  period?: number;
  comments?: string[];
  dropFrames?: string;
  keepFrames?: string;
  defaultSampleType?: string;
}

// Addresses are stable per frame list across builds, so equal locations of two profiles merge.
const addresses = new Map<string, bigint>();
const addressOf = (key: string) => {
  if (!addresses.has(key)) addresses.set(key, BigInt(0x1000 + 16 * (addresses.size + 1)));
  return addresses.get(key) as bigint;
};

export function build(spec: ProfileSpec): Profile {
  const strings = [''];
  const str = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const mapping: Mapping = {
    index: 0, id: 1, start: 0x1000n, limit: 0x9000n, offset: 0n, file: '/bin/server', buildId: '',
    hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true, ...spec.mapping,
  };
  const functions: Function[] = [];
  const fn = (name: string, file: string) => {
    let f = functions.find((x) => x.name === name && x.filename === file);
    if (!f) functions.push((f = { index: functions.length, id: functions.length + 1, name, systemName: name, filename: file, startLine: 1 }));
    return f;
  };
  const locations: Location[] = [];
  const loc = (frames: string[]) => {
    const i = locations.findIndex((l) => l.lines.map((ln) => `${ln.function?.name}@${ln.function?.filename}:${ln.line}`).join(';') === frames.map(norm).join(';'));
    if (i >= 0) return i;
    const lines = frames.map((f) => {
      const [name, rest = 'x.go:1'] = f.split('@');
      const [file, line] = rest.split(':');
      return { function: fn(name, file), line: Number(line) };
    });
    locations.push({ index: locations.length, id: locations.length + 1, mapping, address: addressOf(frames.map(norm).join(';')), lines, isFolded: false });
    return locations.length - 1;
  };
  const norm = (f: string) => (f.includes('@') ? f : `${f}@x.go:1`);
  const types = spec.types ?? [['samples', 'count']];
  const s: Samples = {
    count: spec.samples.length, numValues: types.length,
    stackStart: new Uint32Array(spec.samples.length + 1), stack: new Uint32Array(0), values: new Float64Array(0),
    labelStart: new Uint32Array(spec.samples.length + 1), labelKey: new Uint32Array(0), labelValue: new Float64Array(0), labelUnit: new Int32Array(0),
  };
  const stack: number[] = [];
  const values: number[] = [];
  const lk: number[] = [];
  const lv: number[] = [];
  const lu: number[] = [];
  spec.samples.forEach((smp, i) => {
    s.stackStart[i] = stack.length;
    s.labelStart[i] = lk.length;
    for (const frames of smp.stack) stack.push(loc(frames));
    values.push(...smp.values);
    const entries = Array.isArray(smp.labels) ? smp.labels : Object.entries(smp.labels ?? {});
    for (const [k, v] of entries) {
      lk.push(str(k));
      if (typeof v === 'string') {
        lv.push(str(v));
        lu.push(-1);
      } else if (typeof v === 'number') {
        lv.push(v);
        lu.push(0);
      } else {
        lv.push(v[0]);
        lu.push(str(v[1]));
      }
    }
  });
  s.stackStart[spec.samples.length] = stack.length;
  s.labelStart[spec.samples.length] = lk.length;
  Object.assign(s, {
    stack: Uint32Array.from(stack), values: Float64Array.from(values),
    labelKey: Uint32Array.from(lk), labelValue: Float64Array.from(lv), labelUnit: Int32Array.from(lu),
  });
  return {
    sampleTypes: types.map(([type, unit]) => ({ type, unit })),
    defaultSampleType: spec.defaultSampleType ?? '',
    samples: s, mappings: [mapping], locations, functions,
    comments: spec.comments ?? [], dropFrames: spec.dropFrames ?? '', keepFrames: spec.keepFrames ?? '',
    timeNanos: spec.time ?? 0n, durationNanos: spec.duration ?? 0,
    periodType: { type: 'cpu', unit: 'nanoseconds' }, period: spec.period ?? 1, strings,
  };
}

/** Samples as "leaf<root:values" strings (function names of every line, innermost first). */
export function dump(p: Profile): string[] {
  const s = p.samples;
  const out: string[] = [];
  for (let i = 0; i < s.count; i++) {
    const frames: string[] = [];
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) {
      frames.push(p.locations[s.stack[j]].lines.map((ln) => ln.function?.name ?? '?').join('+'));
    }
    const vals = Array.from(s.values.subarray(i * s.numValues, (i + 1) * s.numValues));
    const labels = sampleLabels(p, i).map((l) => `${l.key}=${l.str ?? `${l.num}${l.unit ?? ''}`}`);
    out.push(`${frames.join('<')}:${vals.join(',')}${labels.length ? ' ' + labels.join(',') : ''}`);
  }
  return out;
}

/** A deep snapshot to check inputs are not modified. */
export function snapshot(p: Profile): string {
  return JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v as Uint32Array) : v));
}
