// Pieces shared by the robustness tests: a seeded PRNG, byte mutations, the list of real
// fixtures, and a check that a parsed Profile keeps the model's invariants (reports index the
// columns without bounds checks, so a decoded profile must never break them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Profile } from '../../src/core/profile';
import { fixture } from '../support/fixtures';

/** mulberry32: a small seeded PRNG; one seed always gives the same sequence. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A fixture as read from disk, and its raw (inflated) protobuf bytes. */
export interface FuzzInput {
  name: string;
  file: Uint8Array;
  raw: Uint8Array;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * Every data file under fixtures/real and fixtures/leaky (profile.proto raw or gzipped, with or
 * without an extension, and the legacy/text ones): everything but docs, sources and scripts.
 */
export function fuzzInputs(): FuzzInput[] {
  const root = fixture();
  const files = [...walk(fixture('real')), ...walk(fixture('leaky'))].filter(
    (f) => !/\.(md|go|sh|mod)$/.test(f) && path.basename(f) !== 'NOT_PROTO.txt',
  );
  return files.map((f) => {
    const file = new Uint8Array(readFileSync(f));
    const raw = file[0] === 0x1f && file[1] === 0x8b ? new Uint8Array(gunzipSync(file)) : file;
    return { name: path.relative(root, f), file, raw };
  });
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** Varints that stress lengths and 64-bit values. */
const HUGE_VARINTS: Uint8Array[] = [
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), // 2^32-1
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08), // 2^31
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07), // 2^31-1
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // 2^64-1
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), // 2^63
  Uint8Array.of(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10), // 2^53+1
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // 12 bytes: invalid
];

/** Tags of length-delimited fields of profile.proto and its messages (field n, wire type 2). */
const LEN_TAGS = [0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x5a];
/** Tags of varint fields (ids, indices, values, time_nanos, period). */
const VARINT_TAGS = [0x08, 0x10, 0x18, 0x20, 0x28, 0x48, 0x50, 0x60, 0x68, 0x70];

/** A mutation: its name (for reports) and the mutated bytes. */
export interface Mutation {
  what: string;
  bytes: Uint8Array;
}

/** Applies one random mutation to `b` (raw protobuf or a whole file); `other` feeds splices. */
export function mutate(rng: Rng, b: Uint8Array, other: Uint8Array): Mutation {
  const n = b.length;
  const at = () => rng.int(0, n);
  switch (rng.int(0, 10)) {
    case 0: {
      const cut = rng.int(0, Math.max(0, n - 1));
      return { what: `truncate at ${cut}`, bytes: b.slice(0, cut) };
    }
    case 1: {
      const out = b.slice();
      const flips = rng.int(1, 8);
      for (let i = 0; i < flips && n > 0; i++) out[rng.int(0, n - 1)] ^= 1 << rng.int(0, 7);
      return { what: `flip ${flips} bits`, bytes: out };
    }
    case 2: {
      const out = b.slice();
      const count = rng.int(1, 16);
      for (let i = 0; i < count && n > 0; i++) out[rng.int(0, n - 1)] = rng.pick([0x00, 0xff, 0x80, 0x7f, rng.int(0, 255)]);
      return { what: `overwrite ${count} bytes`, bytes: out };
    }
    case 3: {
      const i = at();
      const j = rng.int(0, other.length);
      return { what: `splice ${i} + other from ${j}`, bytes: concat(b.subarray(0, i), other.subarray(j)) };
    }
    case 4: {
      const i = at();
      const huge = rng.pick(HUGE_VARINTS);
      return { what: `insert a huge length at ${i}`, bytes: concat(b.subarray(0, i), Uint8Array.of(rng.pick(LEN_TAGS)), huge, b.subarray(i)) };
    }
    case 5: {
      // Overwrite the length after an existing length-delimited tag, keeping the rest.
      const starts: number[] = [];
      for (let i = 0; i + 1 < n && starts.length < 4096; i++) if (LEN_TAGS.includes(b[i])) starts.push(i);
      if (starts.length === 0) return mutate(rng, b, other);
      const i = rng.pick(starts) + 1;
      let end = i;
      while (end < n && b[end] & 0x80) end++;
      const huge = rng.pick(HUGE_VARINTS);
      return { what: `replace the length at ${i} by a huge one`, bytes: concat(b.subarray(0, i), huge, b.subarray(Math.min(n, end + 1))) };
    }
    case 6: {
      const i = at();
      const len = rng.int(1, Math.max(1, Math.min(4096, n - i)));
      const k = at();
      return { what: `duplicate [${i}, +${len}) at ${k}`, bytes: concat(b.subarray(0, k), b.subarray(i, i + len), b.subarray(k)) };
    }
    case 7: {
      const i = at();
      const len = rng.int(1, Math.max(1, Math.min(4096, n - i)));
      return { what: `delete [${i}, +${len})`, bytes: concat(b.subarray(0, i), b.subarray(i + len)) };
    }
    case 8: {
      const i = rng.pick([0, at()]);
      const huge = rng.pick(HUGE_VARINTS);
      return { what: `insert a huge varint field at ${i}`, bytes: concat(b.subarray(0, i), Uint8Array.of(rng.pick(VARINT_TAGS)), huge, b.subarray(i)) };
    }
    case 9:
      return { what: 'repeat the whole input', bytes: concat(b, b) };
    default: {
      const i = at();
      const len = rng.int(1, 64);
      const junk = new Uint8Array(len);
      for (let k = 0; k < len; k++) junk[k] = rng.int(0, 255);
      return { what: `insert ${len} random bytes at ${i}`, bytes: concat(b.subarray(0, i), junk, b.subarray(i)) };
    }
  }
}

// ---- Structure-aware mutations (issue 13): what an attacker builds on purpose ----

/** A top-level field of a profile.proto: its number and its bytes (tag included). */
interface TopField {
  field: number;
  start: number;
  bodyStart: number;
  end: number;
}

/** Reads a varint at `pos`; returns [value, next position] or undefined past the end. */
function readVarint(b: Uint8Array, pos: number): [number, number] | undefined {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= b.length) return undefined;
    const c = b[pos++];
    v += (c & 0x7f) * mul;
    if (c < 0x80) return [v, pos];
    mul *= 128;
  }
  return undefined;
}

/** Encodes a non-negative integer (up to 2^53) as a varint. */
function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/** 2^64 − 1 as a varint (does not fit a JS number). */
const MAX_U64 = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);

/** The length-delimited top-level fields of well-formed raw protobuf (stops at the first oddity). */
function topFields(b: Uint8Array): TopField[] {
  const out: TopField[] = [];
  let pos = 0;
  while (pos < b.length) {
    const tag = readVarint(b, pos);
    if (!tag || (tag[0] & 7) !== 2) break;
    const len = readVarint(b, tag[1]);
    if (!len || len[1] + len[0] > b.length) break;
    out.push({ field: Math.floor(tag[0] / 8), start: pos, bodyStart: len[1], end: len[1] + len[0] });
    pos = len[1] + len[0];
  }
  return out;
}

/** A top-level message of `field` with `body`. */
function message(field: number, body: Uint8Array): Uint8Array {
  return concat(varint(field * 8 + 2), varint(body.length), body);
}

/**
 * Applies one structure-aware mutation to raw protobuf: repeated empty messages (amplification),
 * ids of 0 and 2^64−1 in the id tables and in a sample's stack, or a duplicated table.
 */
export function mutateStructure(rng: Rng, b: Uint8Array): Mutation {
  const fields = topFields(b);
  switch (rng.int(0, 4)) {
    case 0: {
      // Many empty messages of one kind: sample type, sample, mapping, location, function, string.
      const field = rng.pick([1, 2, 3, 4, 5, 6]);
      const count = rng.pick([2, 100, 10_000, 200_000]);
      const at = rng.pick(fields.length ? [0, fields[rng.int(0, fields.length - 1)].start, b.length] : [0, b.length]);
      const one = message(field, new Uint8Array(0));
      const run = new Uint8Array(one.length * count);
      for (let k = 0; k < count; k++) run.set(one, k * one.length);
      return { what: `${count} empty messages of field ${field} at ${at}`, bytes: concat(b.subarray(0, at), run, b.subarray(at)) };
    }
    case 1:
    case 2: {
      // An id of 0 or 2^64−1 on a mapping, location or function (a later field 1 wins).
      const tables = fields.filter((f) => f.field >= 3 && f.field <= 5);
      if (tables.length === 0) return mutate(rng, b, b);
      const t = rng.pick(tables);
      const id = rng.pick([Uint8Array.of(0), MAX_U64, varint(2 ** 53), varint(2 ** 53 - 1)]);
      const body = concat(b.subarray(t.bodyStart, t.end), Uint8Array.of(0x08), id);
      const idText = id === MAX_U64 ? '2^64-1' : `${readVarint(id, 0)?.[0]}`;
      return { what: `id ${idText} on the field-${t.field} message at ${t.start}`, bytes: concat(b.subarray(0, t.start), message(t.field, body), b.subarray(t.end)) };
    }
    case 3: {
      // A sample whose stack names location 0 or 2^64−1.
      const id = rng.pick([Uint8Array.of(0), MAX_U64]);
      const sample = message(2, concat(Uint8Array.of(0x08), id, Uint8Array.of(0x10, 0x01)));
      return { what: `a sample with location id ${id === MAX_U64 ? '2^64-1' : 0}`, bytes: concat(b, sample) };
    }
    default: {
      // A whole table again: every mapping, location, function, string or sample twice.
      const field = rng.pick([2, 3, 4, 5, 6]);
      const copies = fields.filter((f) => f.field === field).map((f) => b.subarray(f.start, f.end));
      return { what: `the field-${field} table duplicated (${copies.length} messages)`, bytes: concat(b, ...copies) };
    }
  }
}

/** Gzips bytes (for mutated raw protobuf that must also go through the inflater). */
export function gzip(b: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(b, { level: 1 }));
}

/**
 * Returns the first broken model invariant of a parsed profile, or undefined when all hold:
 * column lengths, monotonic offsets, stack entries that index locations, label strings that
 * index the string table, dense indices of locations and functions.
 */
export function modelViolation(p: Profile): string | undefined {
  const s = p.samples;
  if (s.numValues !== p.sampleTypes.length) return 'numValues differs from sampleTypes.length';
  if (s.values.length !== s.count * s.numValues) return 'values length';
  if (s.stackStart.length !== s.count + 1 || s.labelStart.length !== s.count + 1) return 'offset column length';
  if (s.stackStart[s.count] !== s.stack.length || s.labelStart[s.count] !== s.labelKey.length) return 'last offset';
  for (let i = 0; i < s.count; i++) {
    if (s.stackStart[i] > s.stackStart[i + 1] || s.labelStart[i] > s.labelStart[i + 1]) return `offsets of sample ${i} decrease`;
  }
  for (let j = 0; j < s.stack.length; j++) if (s.stack[j] >= p.locations.length) return `stack entry ${j} out of range`;
  const nStrings = p.strings.length;
  for (let j = 0; j < s.labelKey.length; j++) {
    if (s.labelKey[j] >= nStrings) return `label key ${j} out of range`;
    if (s.labelUnit[j] === -1 ? !(s.labelValue[j] >= 0 && s.labelValue[j] < nStrings) : !(s.labelUnit[j] >= 0 && s.labelUnit[j] < nStrings)) {
      return `label ${j} string out of range`;
    }
  }
  for (let i = 0; i < p.locations.length; i++) {
    const l = p.locations[i];
    if (l.index !== i) return `location ${i} index`;
    for (const line of l.lines) if (line.function && p.functions[line.function.index] !== line.function) return `location ${i} function`;
    if (l.mapping && p.mappings[l.mapping.index] !== l.mapping) return `location ${i} mapping`;
  }
  for (let i = 0; i < p.functions.length; i++) if (p.functions[i].index !== i) return `function ${i} index`;
  for (const v of s.values) if (!Number.isSafeInteger(v)) return 'a value is not a safe integer';
  return undefined;
}
