// A small, fast protobuf writer for profile.proto, for tests and the benchmark generator: big
// profiles (millions of samples) are written without one object per field, and small hand-made
// profiles (a 50,000-frame stack, a broken label) without a schema.

/** Field numbers of profile.proto (google/pprof proto/profile.proto). */
export const F = {
  sampleType: 1, sample: 2, mapping: 3, location: 4, function: 5, stringTable: 6, dropFrames: 7,
  keepFrames: 8, timeNanos: 9, durationNanos: 10, periodType: 11, period: 12, comment: 13,
  defaultSampleType: 14,
} as const;

const utf8 = new TextEncoder();

/**
 * ProtoWriter appends protobuf fields to a growing buffer. Invariant: `bytes()` is a valid
 * encoding of the fields written so far, in order.
 */
export class ProtoWriter {
  private buf = new Uint8Array(1 << 12);
  pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** A varint for 0 ≤ n ≤ 2^53 (exact). */
  uvarint(n: number): this {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  /** An int64 varint: negative numbers take 10 bytes (two's complement), as in Go. */
  int64(n: number): this {
    if (n >= 0) return this.uvarint(n);
    let v = BigInt.asUintN(64, BigInt(n));
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  /** Raw bytes, as they are. */
  raw(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.uvarint(field * 8 + wireType);
  }

  /** A varint field (int64 or uint64). */
  varintField(field: number, n: number): this {
    return this.tag(field, 0).int64(n);
  }

  /** A length-delimited field holding `b`. */
  bytesField(field: number, b: Uint8Array): this {
    return this.tag(field, 2).uvarint(b.length).raw(b);
  }

  /** A string field. */
  stringField(field: number, s: string): this {
    return this.bytesField(field, utf8.encode(s));
  }

  /** A packed repeated varint field (skipped when empty, as encoders do). */
  packedField(field: number, values: ArrayLike<number>, count = values.length): this {
    if (count === 0) return this;
    const inner = scratch();
    for (let i = 0; i < count; i++) inner.int64(values[i]);
    return this.bytesField(field, inner.bytes());
  }

  /** A message field: `build` writes the message's fields into a fresh writer. */
  messageField(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytesField(field, inner.bytes());
  }

  /** The bytes written so far (a view: copy it before writing more). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }
}

// One reusable writer for packed fields: packedField copies its bytes out before returning.
let shared: ProtoWriter | undefined;
function scratch(): ProtoWriter {
  shared ??= new ProtoWriter();
  return shared.reset();
}

/** A small profile description for hand-made test inputs. */
export interface ProfileSpec {
  sampleTypes: Array<[type: string, unit: string]>;
  /** Each sample: location ids (leaf first), values, numeric labels. */
  samples: Array<{ locationIds: number[]; values: number[]; numLabels?: Array<[key: string, value: number, unit?: string]> }>;
  /** Each location: id and its lines (function id, line number), innermost first. */
  locations: Array<{ id: number; lines: Array<[functionId: number, line: number]> }>;
  functions: Array<{ id: number; name: string; file: string }>;
  periodType?: [type: string, unit: string];
  period?: number;
  timeNanos?: number;
}

/** Encodes a ProfileSpec as raw profile.proto bytes. */
export function encodeProfile(spec: ProfileSpec): Uint8Array {
  const strings = new Map<string, number>([['', 0]]);
  const s = (v: string): number => {
    let i = strings.get(v);
    if (i === undefined) strings.set(v, (i = strings.size));
    return i;
  };
  const w = new ProtoWriter();
  for (const [type, unit] of spec.sampleTypes) {
    w.messageField(F.sampleType, (m) => m.varintField(1, s(type)).varintField(2, s(unit)));
  }
  for (const sample of spec.samples) {
    w.messageField(F.sample, (m) => {
      m.packedField(1, sample.locationIds).packedField(2, sample.values);
      for (const [key, num, unit] of sample.numLabels ?? []) {
        m.messageField(3, (l) => {
          l.varintField(1, s(key)).varintField(3, num);
          if (unit) l.varintField(4, s(unit));
        });
      }
    });
  }
  for (const loc of spec.locations) {
    w.messageField(F.location, (m) => {
      m.varintField(1, loc.id);
      for (const [fn, line] of loc.lines) m.messageField(4, (l) => l.varintField(1, fn).varintField(2, line));
    });
  }
  for (const fn of spec.functions) {
    w.messageField(F.function, (m) => m.varintField(1, fn.id).varintField(2, s(fn.name)).varintField(3, s(fn.name)).varintField(4, s(fn.file)));
  }
  if (spec.periodType) {
    const [type, unit] = spec.periodType;
    w.messageField(F.periodType, (m) => m.varintField(1, s(type)).varintField(2, s(unit)));
  }
  if (spec.period) w.varintField(F.period, spec.period);
  if (spec.timeNanos) w.varintField(F.timeNanos, spec.timeNanos);
  for (const str of strings.keys()) w.stringField(F.stringTable, str);
  return w.bytes().slice();
}
