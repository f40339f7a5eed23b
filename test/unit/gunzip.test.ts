// Both inflaters behave alike: multistream, exact limit, one-line errors for truncated and
// corrupt data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isProfileError } from '../../src/core/errors';
import { formatByteSize, InflateLimitError, pakoInflater, type Inflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';

const inflaters: Array<[string, Inflater]> = [['node:zlib', nodeInflater], ['pako', pakoInflater]];

/** Deterministic, poorly compressible bytes. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

function throwsProfileError(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(isProfileError(e), `not a ProfileError: ${String(e)}`);
    assert.match(e.message, message);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
}

for (const [name, inflater] of inflaters) {
  describe(`${name} inflater`, () => {
    const data = noise(300_000);
    const gz = gzipSync(data);

    it('inflates one member', () => {
      assert.deepEqual(inflater.gunzip(gz, 1 << 30), data);
    });

    it('inflates concatenated members as one stream, like Go', () => {
      const second = noise(1000, 7);
      const out = inflater.gunzip(Buffer.concat([gz, gzipSync(second)]), 1 << 30);
      assert.equal(out.length, data.length + second.length);
      assert.deepEqual(out.subarray(data.length), second);
    });

    it('inflates an empty member to nothing', () => {
      assert.equal(inflater.gunzip(gzipSync(Buffer.alloc(0)), 100).length, 0);
    });

    it('accepts output exactly at the limit and refuses one byte more', () => {
      assert.equal(inflater.gunzip(gz, data.length).length, data.length);
      assert.throws(() => inflater.gunzip(gz, data.length - 1), (e: unknown) => {
        assert.ok(e instanceof InflateLimitError);
        assert.equal(e.limit, data.length - 1);
        assert.match(e.message, /^the gzip data inflates to more than 292\.97 KiB; raise the limit with .* if it is genuine$/);
        return true;
      });
    });

    it('reports every truncation as truncated', () => {
      for (const cut of [2, 5, 10, 11, 100, gz.length >> 1, gz.length - 8, gz.length - 1]) {
        throwsProfileError(() => inflater.gunzip(gz.subarray(0, cut), 1 << 30), /^the file is truncated: gzip stream ended early — re-download or re-capture it$/);
      }
    });

    it('reports a CRC mismatch as corrupt', () => {
      const bad = Buffer.from(gz);
      bad[bad.length - 6] ^= 0xff;
      throwsProfileError(() => inflater.gunzip(bad, 1 << 30), /^the gzip data is corrupt \(CRC mismatch\) — re-download or re-capture it$/);
    });

    it('reports damaged deflate data as corrupt', () => {
      const bad = Buffer.from(gz);
      for (let i = 20; i < 40; i++) bad[i] ^= 0x5a;
      throwsProfileError(() => inflater.gunzip(bad, 1 << 30), /^the gzip data is corrupt \(.+\)/);
    });

    it('reports garbage after the last member as corrupt', () => {
      throwsProfileError(() => inflater.gunzip(Buffer.concat([gz, Buffer.from('garbage!!!')]), 1 << 30), /corrupt/);
    });

    it('is not fooled by a trailer that claims a huge size', () => {
      const lying = Buffer.from(gzipSync(Buffer.from('tiny')));
      lying.writeUInt32LE(0x7fffffff, lying.length - 4);
      throwsProfileError(() => inflater.gunzip(lying, 1 << 30), /corrupt/);
    });
  });
}

describe('formatByteSize', () => {
  it('uses binary units', () => {
    assert.equal(formatByteSize(2 ** 30), '1 GiB');
    assert.equal(formatByteSize(1536), '1.5 KiB');
    assert.equal(formatByteSize(17), '17 bytes');
  });
});
