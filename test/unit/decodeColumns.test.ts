// The decoder's fast paths against its exact ones: every way of spelling ids and values must
// decode to the same columns (sequential, shuffled, sparse and 64-bit location ids; packed and
// unpacked fields; values that take 1 to 10 bytes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProfile } from '../../src/core/decode';
import { narrowStack, type Profile } from '../../src/core/profile';
import { F, ProtoWriter } from '../support/profileWriter';

interface Shape {
  /** Location ids, in table order; function i+1 belongs to location i. */
  ids: number[];
  /** Each sample: indices into ids (leaf first) and its values. */
  samples: Array<{ frames: number[]; values: number[] }>;
  packed: boolean;
}

/** Encodes a profile with 2 sample types, one function per location, fields packed or not. */
function encode(shape: Shape): Uint8Array {
  const w = new ProtoWriter();
  w.messageField(F.sampleType, (m) => m.varintField(1, 1).varintField(2, 2));
  w.messageField(F.sampleType, (m) => m.varintField(1, 3).varintField(2, 4));
  for (const s of shape.samples) {
    w.messageField(F.sample, (m) => {
      const locs = s.frames.map((f) => shape.ids[f]);
      if (shape.packed) {
        m.packedField(1, locs).packedField(2, s.values);
      } else {
        for (const id of locs) m.varintField(1, id);
        for (const v of s.values) m.varintField(2, v);
      }
    });
  }
  shape.ids.forEach((id, i) => {
    w.messageField(F.location, (m) => m.varintField(1, id).messageField(4, (l) => l.varintField(1, i + 1).varintField(2, 7)));
  });
  shape.ids.forEach((_, i) => w.messageField(F.function, (m) => m.varintField(1, i + 1).varintField(2, 5 + i)));
  for (const s of ['', 'samples', 'count', 'space', 'bytes']) w.stringField(F.stringTable, s);
  shape.ids.forEach((_, i) => w.stringField(F.stringTable, `f${i}`));
  return w.bytes().slice();
}

/** The decoded stacks as function names, and the values, per sample. */
function view(p: Profile): Array<{ names: string[]; values: number[] }> {
  const s = p.samples;
  const out = [];
  for (let i = 0; i < s.count; i++) {
    const names = [];
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) names.push(p.locations[s.stack[j]].lines[0].function?.name ?? '?');
    out.push({ names, values: Array.from(s.values.subarray(i * s.numValues, (i + 1) * s.numValues)) });
  }
  return out;
}

function expected(shape: Shape): Array<{ names: string[]; values: number[] }> {
  return shape.samples.map((s) => ({ names: s.frames.map((f) => `f${f}`), values: s.values }));
}

const VALUES = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 35, 2 ** 53 - 1, -1, -(2 ** 40)];

function samplesFor(n: number): Shape['samples'] {
  const out: Shape['samples'] = [];
  for (let i = 0; i < 40; i++) {
    const frames = Array.from({ length: 1 + (i % 9) }, (_, k) => (i * 7 + k * 3) % n);
    out.push({ frames, values: [VALUES[i % VALUES.length], VALUES[(i * 5 + 3) % VALUES.length]] });
  }
  out.push({ frames: [], values: [5, 6] });
  return out;
}

describe('decodeProfile columns', () => {
  const n = 300;
  const idSets: Array<[string, number[]]> = [
    ['sequential ids 1..N', Array.from({ length: n }, (_, i) => i + 1)],
    ['shuffled dense ids (lookup table)', Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1)],
    ['sparse ids (map)', Array.from({ length: n }, (_, i) => 1 + i * 1_000_003)],
    ['ids above 2^32 (64-bit column)', Array.from({ length: n }, (_, i) => (i % 2 ? 2 ** 40 + i : i + 1))],
    ['ids of 1 to 8 bytes', Array.from({ length: n }, (_, i) => [1, 200, 20_000, 3_000_000, 2 ** 29, 2 ** 36, 2 ** 50][i % 7] + i)],
  ];
  for (const [name, ids] of idSets) {
    for (const packed of [true, false]) {
      it(`${name}, ${packed ? 'packed' : 'unpacked'}`, () => {
        const shape: Shape = { ids, samples: samplesFor(n), packed };
        assert.deepEqual(view(decodeProfile(encode(shape))), expected(shape));
      });
    }
  }

  it('stores the stack in 16 bits up to 65,536 locations and in 32 bits beyond, with the same frames', () => {
    for (const [locations, kind] of [[65_536, Uint16Array], [65_537, Uint32Array]] as const) {
      const ids = Array.from({ length: locations }, (_, i) => i + 1);
      // The highest index, next to the lowest, survives whichever width is used.
      const shape: Shape = { ids, samples: [...samplesFor(locations), { frames: [locations - 1, 0, locations - 2], values: [3, 4] }], packed: true };
      const p = decodeProfile(encode(shape));
      assert.ok(p.samples.stack instanceof kind, `${locations} locations: ${p.samples.stack.constructor.name}`);
      assert.deepEqual(view(p), expected(shape));
    }
  });

  it('narrowStack keeps 32 bits when an index needs them, and respects a known bound', () => {
    assert.ok(narrowStack(Uint32Array.of(0, 65_535, 7)) instanceof Uint16Array);
    assert.deepEqual([...narrowStack(Uint32Array.of(0, 65_535, 7))], [0, 65_535, 7]);
    assert.ok(narrowStack(Uint32Array.of(0, 65_536)) instanceof Uint32Array);
    assert.ok(narrowStack(Uint32Array.of(1, 2), 70_000) instanceof Uint32Array);
    const small = Uint16Array.of(1, 2);
    assert.equal(narrowStack(small), small);
  });

  it('reports an unknown location id in each id path', () => {
    for (const [, ids] of idSets) {
      // The last location is used by a sample but missing from the table.
      const broken = stripLastLocation(encode({ ids, samples: [...samplesFor(n), { frames: [n - 1], values: [1, 1] }], packed: true }));
      assert.throws(() => decodeProfile(broken), /sample has nil location \(location id \d+ is not in the location table\)/);
    }
  });
});

/** Removes the last location message (field 4) from an encoded profile. */
function stripLastLocation(b: Uint8Array): Uint8Array {
  let pos = 0;
  let lastStart = -1;
  let lastEnd = -1;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const x = b[pos++];
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
  };
  while (pos < b.length) {
    const start = pos;
    const tag = varint();
    if ((tag & 7) === 2) {
      const len = varint();
      pos += len;
    } else {
      varint();
    }
    if (tag >>> 3 === 4) [lastStart, lastEnd] = [start, pos];
  }
  return new Uint8Array([...b.subarray(0, lastStart), ...b.subarray(lastEnd)]);
}
