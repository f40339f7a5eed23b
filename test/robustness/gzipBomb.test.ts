// A 4 GiB gzip bomb (4 MB on disk) is refused while inflating: memory grows by at most the
// limit, never by the bomb's size.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { isProfileError } from '../../src/core/errors';
import { pakoInflater, type Inflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { DEFAULT_MAX_INFLATED_BYTES, parseProfile } from '../../src/core/parse';
import { gzipOfZeros } from './gzipBomb';

const MiB = 2 ** 20;

/**
 * Peak resident memory growth (bytes) while running f. On Linux the kernel's high-water mark
 * (VmHWM) is reset first (/proc/self/clear_refs), so a transient peak is caught even though the
 * call is synchronous; elsewhere the RSS after the call is the estimate.
 */
function peakRssGrowth(f: () => void): number {
  global.gc?.();
  const base = process.memoryUsage().rss;
  const canReset = existsSync('/proc/self/clear_refs');
  if (canReset) writeFileSync('/proc/self/clear_refs', '5');
  f();
  if (canReset) {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024 - base;
  }
  return process.memoryUsage().rss - base;
}

function refusedOverLimit(inflater: Inflater, bomb: Uint8Array, limit?: number): void {
  assert.throws(() => parseProfile(bomb, { inflater, maxInflatedBytes: limit }), (e: unknown) => {
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
