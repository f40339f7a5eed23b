// A 4 GiB gzip bomb (4 MB on disk) is refused while inflating: memory grows by at most the
// limit, never by the bomb's size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { isProfileError } from '../../src/core/errors';
import { pakoInflater, type Inflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { DEFAULT_MAX_INFLATED_BYTES, parseProfile } from '../../src/core/parse';
import { peakRssGrowth } from '../support/peakRss';
import { gzipOfZeros } from './gzipBomb';

const MiB = 2 ** 20;

// The ratio check is off here: these tests are about the size limit (amplification.test.ts has the ratio).
function refusedOverLimit(inflater: Inflater, bomb: Uint8Array, limit?: number): void {
  assert.throws(() => parseProfile(bomb, { inflater, maxInflatedBytes: limit, maxInflateRatio: Infinity }), (e: unknown) => {
    assert.ok(isProfileError(e), String(e));
    assert.match(e.message, /^the gzip data inflates to more than \d+ [MG]iB; raise the limit with .* if it is genuine$/);
    return true;
  });
}

describe('4 GiB gzip bomb', () => {
  const bomb = gzipOfZeros(4 * 2 ** 30);

  it('is a small, valid gzip file (checked on a 48 MiB sibling built the same way)', () => {
    assert.ok(bomb.length < 5 * MiB, `${bomb.length} bytes`);
    const small = gunzipSync(gzipOfZeros(48 * MiB));
    assert.equal(small.length, 48 * MiB);
    assert.ok(small.every((b) => b === 0));
  });

  for (const [name, inflater] of [['node:zlib', nodeInflater], ['pako', pakoInflater]] as const) {
    it(`${name}: refused at a 64 MiB limit with bounded memory`, () => {
      const grew = peakRssGrowth(() => refusedOverLimit(inflater, bomb, 64 * MiB));
      console.log(`${name}: peak RSS +${(grew / MiB).toFixed(0)} MiB`);
      assert.ok(grew < 256 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
    });
  }

  it('node:zlib: refused at the default 1 GiB limit, memory bounded by the limit', () => {
    const grew = peakRssGrowth(() => refusedOverLimit(nodeInflater, bomb));
    console.log(`node:zlib, 1 GiB limit: peak RSS +${(grew / MiB).toFixed(0)} MiB`);
    assert.ok(grew < DEFAULT_MAX_INFLATED_BYTES * 1.5, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
  });
});
