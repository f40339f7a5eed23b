// Decoding of raw (uncompressed) profile.proto bytes into the columnar Profile model, with
// protobufjs's Reader. Mirrors google/pprof profile/encode.go (decoders and postDecode) and
// profile.go CheckValid; error texts keep pprof's words where it has them.
import * as $protobuf from 'protobufjs/minimal';
import { ProfileError } from './errors';
import { formatByteSize } from './gunzip';
import type { Function, Line, Location, Mapping, Profile, Samples, ValueType } from './profile';
import { narrowStack } from './profile';

// 64-bit varints as JS numbers, not Long objects: ~2x faster, and exactness is checked below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
($protobuf.util as any).Long = null;
$protobuf.configure();

type Reader = $protobuf.Reader;

/**
 * A typed-array buffer that grows by doubling. Sized from prescan's exact counts it never grows,
 * and `take()` then hands over the array itself instead of a copy.
 */
class Growable<T extends Uint32Array | Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
    private readonly budget: Budget,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(min: number): void {
    const size = Math.max(min, this.data.length * 2, 16);
    this.budget.grow(size * this.data.BYTES_PER_ELEMENT);
    const next = this.make(size);
    next.set(this.data);
    this.data = next;
  }
  /** The used part in an exactly sized array (a copy only when there is slack to free). */
  take(): T {
    return this.length === this.data.length ? this.data : (this.data.slice(0, this.length) as T);
  }
}

const u32 = (n: number) => new Uint32Array(n);
const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);

/** Raw ids before resolution: unresolved location ids of samples may exceed 2^32. */
interface RawLine {
  functionId: number;
  line: number;
}

interface RawLocation {
  id: number;
  mappingId: number;
  address: bigint;
  lines: RawLine[];
  isFolded: boolean;
}

interface RawFunction {
  id: number;
  nameX: number;
  systemNameX: number;
  filenameX: number;
  startLine: number;
}

interface RawMapping {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  fileX: number;
  buildIdX: number;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

interface RawValueType {
  typeX: number;
  unitX: number;
}

// Varints of at most 4 bytes (< 2^28: nearly every id, index and value in real profiles) are read
// inline from the Reader's buffer; protobufjs's 64-bit path allocates an object per value, which
// dominated decoding time. Longer varints take that exact path. A varint that runs past its
// message is caught afterwards by endMessage, as for protobufjs's own reads.

/** Reads a varint of at most 4 bytes and returns it (≥ 0), or returns -1 without moving. */
function varint28(r: Reader): number {
  const buf = r.buf;
  const pos = r.pos;
  if (pos + 4 > r.len) return -1;
  let b = buf[pos];
  if (b < 0x80) {
    r.pos = pos + 1;
    return b;
  }
  let v = b & 0x7f;
  b = buf[pos + 1];
  v |= (b & 0x7f) << 7;
  if (b < 0x80) {
    r.pos = pos + 2;
    return v;
  }
  b = buf[pos + 2];
  v |= (b & 0x7f) << 14;
  if (b < 0x80) {
    r.pos = pos + 3;
    return v;
  }
  b = buf[pos + 3];
  v |= (b & 0x7f) << 21;
  if (b < 0x80) {
    r.pos = pos + 4;
    return v;
  }
  return -1;
}

/** Reads an int64 varint as an exact JS number, or throws when it does not fit in 53 bits. */
function int64(r: Reader, what: string): number {
  const v = varint28(r);
  return v >= 0 ? v : int64Long(r, what);
}

/** int64's exact path through protobufjs, for varints longer than 4 bytes. */
function int64Long(r: Reader, what: string): number {
  const v = r.int64() as unknown as number;
  if (!Number.isSafeInteger(v)) {
    throw new ProfileError(`${what} ${v} does not fit in 53 bits: pprof Lens keeps 64-bit values exact only up to 2^53`);
  }
  return v;
}

/** Reads a uint64 id as an exact JS number, or throws when it exceeds 2^53. */
function uint64(r: Reader, what: string): number {
  const v = varint28(r);
  return v >= 0 ? v : uint64Long(r, what);
}

/** uint64's exact path through protobufjs. */
function uint64Long(r: Reader, what: string): number {
  const v = r.uint64() as unknown as number;
  if (!Number.isSafeInteger(v)) {
    throw new ProfileError(`${what} ${v} does not fit in 53 bits: pprof Lens keeps 64-bit ids exact only up to 2^53`);
  }
  return v;
}

/** Reads a uint64 varint exactly, as a bigint (addresses). */
function uint64Big(r: Reader): bigint {
  const buf = r.buf;
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (r.pos >= r.len) throw new RangeError('index out of range');
    const b = buf[r.pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return BigInt.asUintN(64, result);
    shift += 7n;
  }
  throw new Error('invalid varint encoding');
}

/**
 * Calls `each` for every value of a repeated scalar field, packed (wire type 2) or not.
 * A packed run must end inside its parent message (`parentEnd`), as in Go's decoder.
 */
function repeated(r: Reader, wireType: number, parentEnd: number, each: () => void): void {
  if (wireType === 2) {
    const end = r.uint32() + r.pos;
    if (end > parentEnd) throw new RangeError('packed field runs past the end of its message');
    while (r.pos < end) each();
    if (r.pos !== end) throw new Error('packed field overruns its length');
  } else if (wireType === 0) {
    each();
  } else {
    throw new Error(`wire type ${wireType} for a repeated varint field`);
  }
}

/** Checks the wire type of a scalar varint field. */
function expectVarint(wireType: number): void {
  if (wireType !== 0) throw new Error(`type mismatch (wire type ${wireType} for a varint field)`);
}

/**
 * Returns the end offset of an embedded message at the reader's position. It must lie inside
 * the enclosing message (`parentEnd`): otherwise a field would be read from its neighbor's bytes.
 */
function messageEnd(r: Reader, wireType: number, parentEnd: number): number {
  if (wireType !== 2) throw new Error(`type mismatch (wire type ${wireType} for a message field)`);
  const end = r.uint32() + r.pos;
  if (end > parentEnd) throw new RangeError('length runs past the end of the enclosing message');
  return end;
}

/** Checks that the fields of a message ended exactly at its end (a varint may straddle it). */
function endMessage(r: Reader, end: number): void {
  if (r.pos !== end) throw new RangeError('a field runs past the end of its message');
}

/**
 * Skips an unknown field. Like Go's decoder (profile/proto.go), only wire types 0, 1, 2 and 5
 * exist: groups (3, 4) are refused, which also keeps protobufjs's recursive group skipping away.
 */
function skip(r: Reader, wireType: number): void {
  if (wireType === 3 || wireType === 4) throw new Error(`unknown wire type: ${wireType}`);
  r.skipType(wireType);
}

/** Reads a label's string-table index: labels keep indices in 32-bit columns, so range-check now. */
function labelIndex(r: Reader, what: string): number {
  const v = int64(r, what);
  if (v < 0 || v > 0x7fffffff) throw new ProfileError(`malformed profile: ${what} ${v} is outside the string table`);
  return v;
}

function readValueType(r: Reader, end: number): RawValueType {
  const vt: RawValueType = { typeX: 0, unitX: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expectVarint(wt); vt.typeX = int64(r, 'value type index'); break;
      case 2: expectVarint(wt); vt.unitX = int64(r, 'value unit index'); break;
      default: skip(r, wt);
    }
  }
  endMessage(r, end);
  return vt;
}

function readMapping(r: Reader, end: number): RawMapping {
  const m: RawMapping = {
    id: 0, start: 0n, limit: 0n, offset: 0n, fileX: 0, buildIdX: 0,
    hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expectVarint(wt); m.id = uint64(r, 'mapping id'); break;
      case 2: expectVarint(wt); m.start = uint64Big(r); break;
      case 3: expectVarint(wt); m.limit = uint64Big(r); break;
      case 4: expectVarint(wt); m.offset = uint64Big(r); break;
      case 5: expectVarint(wt); m.fileX = int64(r, 'mapping filename index'); break;
      case 6: expectVarint(wt); m.buildIdX = int64(r, 'mapping build id index'); break;
      case 7: expectVarint(wt); m.hasFunctions = r.bool(); break;
      case 8: expectVarint(wt); m.hasFilenames = r.bool(); break;
      case 9: expectVarint(wt); m.hasLineNumbers = r.bool(); break;
      case 10: expectVarint(wt); m.hasInlineFrames = r.bool(); break;
      default: skip(r, wt);
    }
  }
  endMessage(r, end);
  return m;
}

function readLocation(r: Reader, end: number, budget: Budget): RawLocation {
  const l: RawLocation = { id: 0, mappingId: 0, address: 0n, lines: [], isFolded: false };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expectVarint(wt); l.id = uint64(r, 'location id'); break;
      case 2: expectVarint(wt); l.mappingId = uint64(r, 'mapping id'); break;
      case 3: expectVarint(wt); l.address = uint64Big(r); break;
      case 4: {
        const lend = messageEnd(r, wt, end);
        const line: RawLine = { functionId: 0, line: 0 };
        while (r.pos < lend) {
          const t2 = r.uint32();
          const w2 = t2 & 7;
          switch (t2 >>> 3) {
            case 1: expectVarint(w2); line.functionId = uint64(r, 'function id'); break;
            case 2: expectVarint(w2); line.line = int64(r, 'line number'); break;
            default: skip(r, w2);
          }
        }
        endMessage(r, lend);
        budget.charge('location lines', COST.line);
        l.lines.push(line);
        break;
      }
      case 5: expectVarint(wt); l.isFolded = r.bool(); break;
      default: skip(r, wt);
    }
  }
  endMessage(r, end);
  return l;
}

function readFunction(r: Reader, end: number): RawFunction {
  const f: RawFunction = { id: 0, nameX: 0, systemNameX: 0, filenameX: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.uint32();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expectVarint(wt); f.id = uint64(r, 'function id'); break;
      case 2: expectVarint(wt); f.nameX = int64(r, 'function name index'); break;
      case 3: expectVarint(wt); f.systemNameX = int64(r, 'function system name index'); break;
      case 4: expectVarint(wt); f.filenameX = int64(r, 'function filename index'); break;
      case 5: expectVarint(wt); f.startLine = int64(r, 'function start line'); break;
      default: skip(r, wt);
    }
  }
  endMessage(r, end);
  return f;
}

/**
 * Location ids of samples before resolution: 32-bit while every id fits (always, in practice),
 * switching to 64-bit floats for the first larger one (ids may be any uint64 up to 2^53).
 * Resolution then rewrites the 32-bit array in place into dense indices: no second array.
 */
class IdColumn {
  length = 0;
  small: Uint32Array;
  big: Float64Array | undefined;
  constructor(
    capacity: number,
    private readonly budget: Budget,
  ) {
    this.small = new Uint32Array(capacity);
  }
  push(id: number): void {
    if (this.big) {
      if (this.length === this.big.length) this.big = grow(this.big, this.length + 1, f64, this.budget);
      this.big[this.length++] = id;
    } else if (id > 0xffffffff) {
      this.budget.grow(Math.max(this.small.length, 16) * 8);
      this.big = new Float64Array(Math.max(this.small.length, 16));
      this.big.set(this.small.subarray(0, this.length));
      this.small = new Uint32Array(0);
      this.push(id);
    } else {
      if (this.length === this.small.length) this.small = grow(this.small, this.length + 1, u32, this.budget);
      this.small[this.length++] = id;
    }
  }
  get(j: number): number {
    return this.big ? this.big[j] : this.small[j];
  }
}

function grow<T extends Uint32Array | Float64Array>(a: T, min: number, make: (n: number) => T, budget: Budget): T {
  const size = Math.max(min, a.length * 2, 16);
  budget.grow(size * a.BYTES_PER_ELEMENT);
  const next = make(size);
  next.set(a);
  return next;
}

/** Column builders for samples while decoding. Location ids stay raw until locations are known. */
class SampleColumns {
  count = 0;
  stackStart: Growable<Uint32Array>;
  stackIds: IdColumn;
  values: Growable<Float64Array>;
  valueCounts: Growable<Uint32Array>;
  labelStart: Growable<Uint32Array>;
  labelKey: Growable<Uint32Array>;
  labelValue: Growable<Float64Array>;
  labelUnit: Growable<Int32Array>;

  /** Capacities come from prescan: exact for well-formed input, so nothing grows or is copied. */
  constructor(c: Counts, b: Budget) {
    // One more offset than samples: resolve appends the end of the last sample.
    this.stackStart = new Growable(u32(c.samples + 1), u32, b);
    this.stackIds = new IdColumn(c.ids, b);
    this.values = new Growable(f64(c.values), f64, b);
    this.valueCounts = new Growable(u32(c.samples), u32, b);
    this.labelStart = new Growable(u32(c.samples + 1), u32, b);
    this.labelKey = new Growable(u32(c.labels), u32, b);
    this.labelValue = new Growable(f64(c.labels), f64, b);
    this.labelUnit = new Growable(i32(c.labels), i32, b);
  }

  read(r: Reader, end: number): void {
    this.stackStart.push(this.stackIds.length);
    this.labelStart.push(this.labelKey.length);
    const valuesBefore = this.values.length;
    while (r.pos < end) {
      const tag = r.uint32();
      const wt = tag & 7;
      switch (tag >>> 3) {
        case 1:
          if (wt === 2) {
            readPackedIds(r, packedEnd(r, end), this.stackIds);
          } else {
            expectVarint(wt);
            this.stackIds.push(uint64(r, 'location id'));
          }
          break;
        case 2:
          if (wt === 2) {
            readPackedValues(r, packedEnd(r, end), this.values);
          } else {
            expectVarint(wt);
            this.values.push(int64(r, 'sample value'));
          }
          break;
        case 3: {
          const lend = messageEnd(r, wt, end);
          let keyX = 0, strX = 0, numX = 0, unitX = 0;
          while (r.pos < lend) {
            const t2 = r.uint32();
            const w2 = t2 & 7;
            switch (t2 >>> 3) {
              case 1: expectVarint(w2); keyX = labelIndex(r, 'label key index'); break;
              case 2: expectVarint(w2); strX = labelIndex(r, 'label string index'); break;
              case 3: expectVarint(w2); numX = int64(r, 'numeric label value'); break;
              case 4: expectVarint(w2); unitX = labelIndex(r, 'label unit index'); break;
              default: skip(r, w2);
            }
          }
          endMessage(r, lend);
          // As pprof's postDecode: a string label wins; a label with neither value is dropped.
          if (strX !== 0) {
            this.labelKey.push(keyX); this.labelValue.push(strX); this.labelUnit.push(-1);
          } else if (numX !== 0 || unitX !== 0) {
            this.labelKey.push(keyX); this.labelValue.push(numX); this.labelUnit.push(unitX);
          }
          break;
        }
        default: skip(r, wt);
      }
    }
    endMessage(r, end);
    this.valueCounts.push(this.values.length - valuesBefore);
    this.count++;
  }
}

/**
 * Reads a packed run of location ids (most of a profile's bytes) up to `pend`. The common case,
 * ids below 2^28 into the 32-bit column, is one tight loop over locals; anything else (longer
 * varints, 64-bit ids) goes through the exact per-value path.
 */
function readPackedIds(r: Reader, pend: number, ids: IdColumn): void {
  const buf = r.buf;
  let pos = r.pos;
  // A run never holds more ids than bytes: when that many fit, the loop needs no bounds check.
  // (Near the end of an exactly sized column they may not: the checked path below then runs.)
  while (pos < pend && !ids.big && ids.length + (pend - pos) <= ids.small.length) {
    const out = ids.small;
    let k = ids.length;
    while (pos < pend) {
      let b = buf[pos];
      let v = b & 0x7f;
      if (b >= 0x80) {
        b = buf[pos + 1];
        v |= (b & 0x7f) << 7;
        if (b >= 0x80) {
          b = buf[pos + 2];
          v |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = buf[pos + 3];
            v |= (b & 0x7f) << 21;
            if (b >= 0x80 || pos + 4 > pend) break;
            pos += 4;
          } else {
            if (pos + 3 > pend) break;
            pos += 3;
          }
        } else {
          if (pos + 2 > pend) break;
          pos += 2;
        }
      } else {
        pos += 1;
      }
      out[k++] = v;
    }
    ids.length = k;
    if (pos < pend) {
      // A varint longer than 4 bytes, or one that crosses the run's end: the exact path.
      r.pos = pos;
      ids.push(uint64(r, 'location id'));
      pos = r.pos;
    }
  }
  r.pos = pos;
  while (r.pos < pend) ids.push(uint64(r, 'location id'));
  if (r.pos !== pend) throw new Error('packed field overruns its length');
}

/**
 * Reads a packed run of sample values up to `pend`: values below 2^28 inline, as for ids;
 * longer varints (big or negative values) through the exact, checked path.
 */
function readPackedValues(r: Reader, pend: number, values: Growable<Float64Array>): void {
  const buf = r.buf;
  let pos = r.pos;
  while (pos < pend && values.length + (pend - pos) <= values.data.length) {
    const out = values.data;
    let k = values.length;
    while (pos < pend) {
      let b = buf[pos];
      let v = b & 0x7f;
      if (b >= 0x80) {
        b = buf[pos + 1];
        v |= (b & 0x7f) << 7;
        if (b >= 0x80) {
          b = buf[pos + 2];
          v |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = buf[pos + 3];
            v |= (b & 0x7f) << 21;
            if (b >= 0x80 || pos + 4 > pend) break;
            pos += 4;
          } else {
            if (pos + 3 > pend) break;
            pos += 3;
          }
        } else {
          if (pos + 2 > pend) break;
          pos += 2;
        }
      } else {
        pos += 1;
      }
      out[k++] = v;
    }
    values.length = k;
    if (pos < pend) {
      r.pos = pos;
      values.push(int64(r, 'sample value'));
      pos = r.pos;
    }
  }
  r.pos = pos;
  while (r.pos < pend) values.push(int64(r, 'sample value'));
  if (r.pos !== pend) throw new Error('packed field overruns its length');
}

/** Returns the end of a packed run at the reader's position, which must lie inside its message. */
function packedEnd(r: Reader, parentEnd: number): number {
  const end = r.uint32() + r.pos;
  if (end > parentEnd) throw new RangeError('packed field runs past the end of its message');
  return end;
}

/** How many samples, location ids, values and labels a profile holds, and its other tables. */
interface Counts {
  samples: number;
  ids: number;
  values: number;
  labels: number;
  sampleTypes: number;
  mappings: number;
  locations: number;
  functions: number;
  strings: number;
  /** Bytes of the string table's entries. */
  stringBytes: number;
  comments: number;
}

/**
 * Rough bytes of decoded memory per object (V8 objects with their bigints and arrays, typed
 * columns at their element size). Measured on heap-300k to within ~1.5x; what matters is that
 * junk (an empty 2-byte Mapping message costs ~300 bytes decoded) is priced before it is built.
 */
const COST = {
  sample: 12, id: 4, value: 8, label: 16,
  sampleType: 64, mapping: 320, location: 200, line: 64, function: 160, string: 48, comment: 8,
} as const;

/** Default limit on decoded memory (decodeProfile's maxDecodedBytes): 1 GiB. */
export const DEFAULT_MAX_DECODED_BYTES = 2 ** 30;

/**
 * More mappings than any process has: Linux's vm.max_map_count defaults to 65,530. Refused at
 * any memory limit (a genuine profile never comes near).
 */
const MAX_MAPPINGS = 1_000_000;

/** What each kind of object is called in a refusal ("the profile declares N mappings"). */
type CostKind = 'samples' | 'sample types' | 'mappings' | 'locations' | 'location lines' | 'functions' | 'strings' | 'comments';

/**
 * Budget accounts the memory decoding builds as it grows and refuses, with one line, the first
 * object past the limit. Invariant: `used` never exceeds `limit` by more than one object.
 */
class Budget {
  used = 0;
  /** Objects of each kind charged so far, for the message. */
  private readonly seen: Record<CostKind, number> = {
    'samples': 0, 'sample types': 0, 'mappings': 0, 'locations': 0, 'location lines': 0, 'functions': 0, 'strings': 0, 'comments': 0,
  };
  constructor(
    readonly limit: number,
    readonly inputBytes: number,
    readonly hint: string | undefined,
  ) {}

  /** Charges one object of `kind` costing `bytes`. */
  charge(kind: CostKind, bytes: number): void {
    this.used += bytes;
    const n = ++this.seen[kind];
    if (this.used > this.limit) throw this.refusal(`holds at least ${n.toLocaleString('en-US')} ${kind}`, this.used);
  }

  /** Charges a growing sample column (malformed input that prescan counted short). */
  grow(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw this.refusal('holds more sample data than it declares', this.used);
  }

  /** The one-line refusal: what the profile holds, in how many bytes, and what it would take. */
  refusal(what: string, need: number): ProfileError {
    const raise = this.hint ? `; raise it with ${this.hint} if the profile is genuine` : '';
    return new ProfileError(
      `the profile ${what} in ${formatByteSize(this.inputBytes)}: refusing (decoding would take over ${formatByteSize(need)}, past the ${formatByteSize(this.limit)} limit on decoded memory${raise})`,
    );
  }

  /**
   * Refuses before anything is built when prescan's counts alone pass the limit, naming the
   * kind that costs most; otherwise charges the sample columns (allocated from the counts).
   */
  admit(c: Counts): void {
    if (c.mappings > MAX_MAPPINGS) {
      throw new ProfileError(
        `the profile declares ${c.mappings.toLocaleString('en-US')} mappings in ${formatByteSize(this.inputBytes)}: refusing (a process has at most tens of thousands)`,
      );
    }
    const parts: Array<[CostKind, number, number]> = [
      ['samples', c.samples, c.samples * COST.sample + c.ids * COST.id + c.values * COST.value + c.labels * COST.label],
      ['sample types', c.sampleTypes, c.sampleTypes * COST.sampleType],
      ['mappings', c.mappings, c.mappings * COST.mapping],
      ['locations', c.locations, c.locations * COST.location],
      ['functions', c.functions, c.functions * COST.function],
      ['strings', c.strings, c.strings * COST.string + c.stringBytes],
      ['comments', c.comments, c.comments * COST.comment],
    ];
    const total = parts.reduce((sum, [, , bytes]) => sum + bytes, 0);
    if (total > this.limit) {
      const [kind, n] = parts.reduce((a, b) => (b[2] > a[2] ? b : a));
      throw this.refusal(`declares ${n.toLocaleString('en-US')} ${kind}`, total);
    }
    // The sample columns are allocated now, from these counts; the tables are charged as built.
    this.used += parts[0][2];
  }
}

/**
 * Counts samples, location ids, values and labels in one quick pass, so the columns are
 * allocated once at their exact size: doubling big typed arrays (and the final copy to an exact
 * size) cost more than decoding them. A packed run holds as many varints as it has bytes below
 * 0x80. Never throws: on malformed input it returns what it counted (capacities are only hints;
 * decoding reports the error).
 */
function prescan(buf: Uint8Array, len: number): Counts {
  const c: Counts = {
    samples: 0, ids: 0, values: 0, labels: 0,
    sampleTypes: 0, mappings: 0, locations: 0, functions: 0, strings: 0, stringBytes: 0, comments: 0,
  };
  const cur: Cursor = { buf, words: new Uint32Array(buf.buffer, 0, buf.buffer.byteLength >>> 2), pos: 0 };
  while (cur.pos < len) {
    const tag = scanVarint(cur, len);
    if (tag < 0) break;
    if (tag !== 0x12) {
      // The tables are counted too, so that junk is priced before it is decoded.
      const before = cur.pos;
      if (!scanSkip(cur, tag & 7, len)) break;
      switch (tag) {
        case 0x0a: c.sampleTypes++; break;
        case 0x1a: c.mappings++; break;
        case 0x22: c.locations++; break;
        case 0x2a: c.functions++; break;
        case 0x32: c.strings++; c.stringBytes += cur.pos - before; break;
        case 0x68: c.comments++; break;
        case 0x6a: {
          const at = cur.pos;
          cur.pos = before;
          const m = scanVarint(cur, len);
          c.comments += countVarints(cur, cur.pos, cur.pos + m);
          cur.pos = at;
          break;
        }
      }
      continue;
    }
    // A sample: count its location ids, values and labels.
    const n = scanVarint(cur, len);
    if (n < 0 || cur.pos + n > len) break;
    const end = cur.pos + n;
    c.samples++;
    while (cur.pos < end) {
      const t = scanVarint(cur, end);
      if (t < 0 || t > 0x7fffffff) break;
      const field = t >>> 3;
      const wt = t & 7;
      if ((field === 1 || field === 2) && wt === 2) {
        const m = scanVarint(cur, end);
        if (m < 0 || cur.pos + m > end) break;
        const k = countVarints(cur, cur.pos, cur.pos + m);
        if (field === 1) c.ids += k;
        else c.values += k;
        cur.pos += m;
      } else {
        if (field === 1 && wt === 0) c.ids++;
        else if (field === 2 && wt === 0) c.values++;
        else if (field === 3) c.labels++;
        if (!scanSkip(cur, wt, end)) break;
      }
    }
    cur.pos = end;
  }
  return c;
}

/** prescan's read position, over the bytes and a 32-bit view of their whole ArrayBuffer. */
interface Cursor {
  buf: Uint8Array;
  words: Uint32Array;
  pos: number;
}

/** Reads a varint (at most 10 bytes) before `end`; -1 at the end or on overlong input. */
function scanVarint(cur: Cursor, end: number): number {
  const buf = cur.buf;
  let pos = cur.pos;
  if (pos >= end) return -1;
  let b = buf[pos++];
  if (b < 0x80) {
    cur.pos = pos;
    return b;
  }
  let v = b & 0x7f;
  let mul = 0x80;
  for (let i = 1; i < 10 && pos < end; i++) {
    b = buf[pos++];
    v += (b & 0x7f) * mul;
    if (b < 0x80) {
      cur.pos = pos;
      return v;
    }
    mul *= 0x80;
  }
  cur.pos = pos;
  return -1;
}

/** Skips a field of wire type `wt` before `end`; false when the input is malformed. */
function scanSkip(cur: Cursor, wt: number, end: number): boolean {
  switch (wt) {
    case 0: return scanVarint(cur, end) >= 0;
    case 1: cur.pos += 8; return cur.pos <= end;
    case 5: cur.pos += 4; return cur.pos <= end;
    case 2: {
      const n = scanVarint(cur, end);
      if (n < 0 || cur.pos + n > end) return false;
      cur.pos += n;
      return true;
    }
    default: return false;
  }
}

/**
 * Varints in buf[from, to) = bytes without the continuation bit. Long runs are counted four
 * bytes at a time through an aligned 32-bit view: this pass touches most of the file.
 */
function countVarints(cur: Cursor, from: number, to: number): number {
  const buf = cur.buf;
  let n = to - from;
  let i = from;
  const base = buf.byteOffset;
  if (to - from >= 16) {
    for (; (base + i) % 4 !== 0; i++) n -= buf[i] >>> 7;
    const words = cur.words;
    const wordEnd = i + ((to - i) & ~3);
    for (let w = (base + i) >>> 2, wEnd = (base + wordEnd) >>> 2; w < wEnd; w++) {
      // One bit per byte (its top bit), summed by the multiply into the top byte.
      n -= Math.imul((words[w] >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    i = wordEnd;
  }
  for (; i < to; i++) n -= buf[i] >>> 7;
  return n;
}


/** Options of decodeProfile. */
export interface DecodeOptions {
  /** Validate as pprof's CheckValid does (default true). */
  validate?: boolean;
  /** Refuse a profile whose decoded form would take more than this many bytes (default 1 GiB). */
  maxDecodedBytes?: number;
  /** How the user raises that limit, for the error message (e.g. "--max-size"). */
  limitHint?: string;
}

/**
 * Decodes raw (not gzipped) profile.proto bytes into a Profile, resolving the string table
 * and every id once, and validates it as pprof's CheckValid does. Throws ProfileError.
 */
export function decodeProfile(data: Uint8Array, opts: DecodeOptions = {}): Profile {
  if (data.length === 0) throw new ProfileError('empty input file');
  const r = $protobuf.Reader.create(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const sampleTypes: RawValueType[] = [];
  const mappings: RawMapping[] = [];
  const locations: RawLocation[] = [];
  const functions: RawFunction[] = [];
  const strings: string[] = [];
  const commentX: number[] = [];
  // Memory is bounded by what the input declares before anything is built, then as it grows.
  const budget = new Budget(opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES, r.len, opts.limitHint);
  const counts = prescan(r.buf, r.len);
  budget.admit(counts);
  const samples = new SampleColumns(counts, budget);
  // Ids are checked while decoding (pprof's CheckValid runs after): junk stops at its first entry.
  const validate = opts.validate !== false;
  const mappingIds = new Set<number>();
  const locationIds = new Set<number>();
  const functionIds = new Set<number>();
  // One entry of the mapping, location or function table: charged, then its id checked.
  const table = <T extends { id: number }>(kind: CostKind, cost: number, entry: T, seen: Set<number>, name: string, idWord: string): T => {
    budget.charge(kind, cost);
    if (validate) checkId(seen, entry.id, name, idWord);
    return entry;
  };
  let periodType: RawValueType | undefined;
  let dropFramesX = 0, keepFramesX = 0, defaultSampleTypeX = 0, period = 0, durationNanos = 0;
  let timeNanos = 0n;
  let sawTime = false;
  const utf8 = new TextDecoder('utf-8');
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const wt = tag & 7;
      const field = tag >>> 3;
      if (field === 0) throw new Error('field number 0');
      switch (field) {
        case 1:
          budget.charge('sample types', COST.sampleType);
          sampleTypes.push(readValueType(r, messageEnd(r, wt, r.len)));
          break;
        case 2: samples.read(r, messageEnd(r, wt, r.len)); break;
        case 3: mappings.push(table('mappings', COST.mapping, readMapping(r, messageEnd(r, wt, r.len)), mappingIds, 'mapping', 'ID')); break;
        case 4: locations.push(table('locations', COST.location, readLocation(r, messageEnd(r, wt, r.len), budget), locationIds, 'location', 'id')); break;
        case 5: functions.push(table('functions', COST.function, readFunction(r, messageEnd(r, wt, r.len)), functionIds, 'function', 'ID')); break;
        case 6: {
          const end = messageEnd(r, wt, r.len);
          budget.charge('strings', COST.string + (end - r.pos));
          // r.buf is a plain Uint8Array view: subarray of a Node Buffer would build a Buffer each time.
          strings.push(utf8.decode(r.buf.subarray(r.pos, end)));
          r.pos = end;
          if (strings[0] !== '') throw new ProfileError("malformed profile: string_table[0] must be ''");
          break;
        }
        case 7: expectVarint(wt); dropFramesX = int64(r, 'drop_frames index'); break;
        case 8: expectVarint(wt); keepFramesX = int64(r, 'keep_frames index'); break;
        case 9:
          expectVarint(wt);
          if (sawTime) {
            throw new ProfileError('concatenated profiles detected (two time_nanos fields): split the file into one profile each');
          }
          sawTime = true;
          timeNanos = BigInt.asIntN(64, uint64Big(r));
          break;
        case 10: expectVarint(wt); durationNanos = int64(r, 'duration_nanos'); break;
        case 11: periodType = readValueType(r, messageEnd(r, wt, r.len)); break;
        case 12: expectVarint(wt); period = int64(r, 'period'); break;
        case 13:
          repeated(r, wt, r.len, () => {
            budget.charge('comments', COST.comment);
            commentX.push(int64(r, 'comment index'));
          });
          break;
        case 14: expectVarint(wt); defaultSampleTypeX = int64(r, 'default_sample_type index'); break;
        default: skip(r, wt);
      }
    }
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(`not a profile.proto: protobuf decoding failed at byte ${r.pos} of ${r.len} (${(e as Error).message})`);
  }
  return resolve({
    sampleTypes, mappings, locations, functions, strings, commentX, samples, periodType,
    dropFramesX, keepFramesX, defaultSampleTypeX, period, durationNanos, timeNanos,
  }, opts.validate !== false);
}

/**
 * Refuses id 0 and a repeated id as they are decoded, with pprof's CheckValid words (`idWord`
 * is how pprof spells "id" for that table).
 */
function checkId(seen: Set<number>, id: number, table: string, idWord: string): void {
  if (id === 0) throw new ProfileError(`malformed profile: found ${table} with reserved ${idWord}=0`);
  if (seen.has(id)) throw new ProfileError(`malformed profile: multiple ${table}s with same id: ${id}`);
  seen.add(id);
}

/**
 * Rewrites ids 1..count into indices 0..count-1 in place. Returns the position of the first id
 * out of range (left unchanged), or -1.
 */
function idsMinusOne(stack: Uint32Array, n: number, count: number): number {
  for (let j = 0; j < n; j++) {
    const idx = stack[j] - 1;
    // Unsigned compare: id 0 (idx -1) is out of range too.
    if (idx >>> 0 >= count) return j;
    stack[j] = idx;
  }
  return -1;
}

/** Rewrites ids into indices through `table` (-1: unknown) in place; returns as idsMinusOne. */
function idsThroughTable(stack: Uint32Array, n: number, table: Int32Array): number {
  const maxId = table.length - 1;
  for (let j = 0; j < n; j++) {
    const id = stack[j];
    const idx = id <= maxId ? table[id] : -1;
    if (idx < 0) return j;
    stack[j] = idx;
  }
  return -1;
}

interface RawProfile {
  sampleTypes: RawValueType[];
  mappings: RawMapping[];
  locations: RawLocation[];
  functions: RawFunction[];
  strings: string[];
  commentX: number[];
  samples: SampleColumns;
  periodType: RawValueType | undefined;
  dropFramesX: number;
  keepFramesX: number;
  defaultSampleTypeX: number;
  period: number;
  durationNanos: number;
  timeNanos: bigint;
}

/** postDecode: resolves strings and ids; then CheckValid. */
function resolve(raw: RawProfile, validate: boolean): Profile {
  const { strings } = raw;
  const str = (x: number): string => {
    if (x < 0 || x >= strings.length) {
      throw new ProfileError(`malformed profile: string index ${x} is outside the string table (${strings.length} entries)`);
    }
    return strings[x];
  };
  const vt = (v: RawValueType | undefined): ValueType => (v ? { type: str(v.typeX), unit: str(v.unitX) } : { type: '', unit: '' });

  // 1. Mappings, functions, locations, each with an id → object map (id 0 and repeats were refused while decoding).
  const mappingById = new Map<number, Mapping>();
  const mappings: Mapping[] = raw.mappings.map((m, index) => {
    const mapping: Mapping = {
      index, id: m.id, start: m.start, limit: m.limit, offset: m.offset, file: str(m.fileX), buildId: str(m.buildIdX),
      hasFunctions: m.hasFunctions, hasFilenames: m.hasFilenames, hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames,
    };
    mappingById.set(m.id, mapping);
    return mapping;
  });
  const functionById = new Map<number, Function>();
  const functions: Function[] = raw.functions.map((f, index) => {
    const fn: Function = {
      index, id: f.id, name: str(f.nameX), systemName: str(f.systemNameX), filename: str(f.filenameX), startLine: f.startLine,
    };
    functionById.set(f.id, fn);
    return fn;
  });
  const locationIndexById = new Map<number, number>();
  const locations: Location[] = raw.locations.map((l, index) => {
    const lines: Line[] = l.lines.map((ln) => {
      const fn = ln.functionId !== 0 ? functionById.get(ln.functionId) : undefined;
      if (validate && !fn) throw new ProfileError(`malformed profile: location id: ${l.id} has a line with nil function`);
      return { function: fn, line: ln.line };
    });
    locationIndexById.set(l.id, index);
    return { index, id: l.id, mapping: mappingById.get(l.mappingId), address: l.address, lines, isFolded: l.isFolded };
  });

  // 2. Samples: check value counts, map location ids to dense indices, resolve label strings' validity.
  const s = raw.samples;
  const numValues = raw.sampleTypes.length;
  if (validate && numValues === 0 && s.count !== 0) throw new ProfileError('malformed profile: missing sample type information');
  const counts = s.valueCounts.data;
  for (let i = 0; i < s.count; i++) {
    if (counts[i] !== numValues) {
      throw new ProfileError(`malformed profile: mismatch: sample has ${counts[i]} values vs. ${numValues} types`);
    }
  }
  // Location ids are usually 1..N in order (index = id - 1), else dense enough for a typed lookup
  // table, which beats a Map by far. The 32-bit id column becomes the stack column in place.
  let maxId = 0;
  let sequential = true;
  for (let i = 0; i < locations.length; i++) {
    const id = locations[i].id;
    if (id > maxId) maxId = id;
    if (id !== i + 1) sequential = false;
  }
  const table = maxId <= 4 * locations.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : undefined;
  if (table) for (let i = 0; i < locations.length; i++) table[locations[i].id] = i;
  const indexOf = (id: number): number => {
    const idx = table ? (id <= maxId ? table[id] : -1) : (locationIndexById.get(id) ?? -1);
    if (idx < 0) throw new ProfileError(`malformed profile: sample has nil location (location id ${id} is not in the location table)`);
    return idx;
  };
  const ids = s.stackIds;
  const n = ids.length;
  let stack: Uint32Array;
  if (ids.big) {
    stack = new Uint32Array(n);
    for (let j = 0; j < n; j++) stack[j] = indexOf(ids.big[j]);
  } else {
    stack = n === ids.small.length ? ids.small : ids.small.slice(0, n);
    if (sequential || table) {
      // Small functions of their own: inside this long one the loops were optimized 3x worse.
      const bad = sequential ? idsMinusOne(stack, n, locations.length) : idsThroughTable(stack, n, table as Int32Array);
      if (bad >= 0) indexOf(stack[bad]); // throws: that id belongs to no location
    } else {
      for (let j = 0; j < n; j++) stack[j] = indexOf(stack[j]);
    }
  }
  const labelKey = s.labelKey.take();
  const labelValue = s.labelValue.take();
  const labelUnit = s.labelUnit.take();
  for (let j = 0; j < labelKey.length; j++) {
    str(labelKey[j]);
    if (labelUnit[j] === -1) str(labelValue[j]);
    else if (labelUnit[j] !== 0) str(labelUnit[j]);
  }
  s.stackStart.push(n);
  s.labelStart.push(labelKey.length);
  const samples: Samples = {
    count: s.count,
    numValues,
    stackStart: s.stackStart.take(),
    // Location indices are below locations.length: 16 bits each for up to 65,536 locations.
    stack: narrowStack(stack, locations.length - 1),
    values: s.values.take(),
    labelStart: s.labelStart.take(),
    labelKey,
    labelValue,
    labelUnit,
  };

  return {
    sampleTypes: raw.sampleTypes.map(vt),
    defaultSampleType: str(raw.defaultSampleTypeX),
    samples,
    mappings,
    locations,
    functions,
    comments: raw.commentX.map(str),
    dropFrames: str(raw.dropFramesX),
    keepFrames: str(raw.keepFramesX),
    timeNanos: raw.timeNanos,
    durationNanos: raw.durationNanos,
    periodType: vt(raw.periodType),
    period: raw.period,
    strings,
  };
}
