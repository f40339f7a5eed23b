// parseProfile: gzip by magic, the limit and its hint, named formats, fast failure on noise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isProfileError } from '../../src/core/errors';
import { pakoInflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile, type ParseOptions } from '../../src/core/parse';
import { fixture } from '../support/fixtures';

const opts: ParseOptions = { inflater: nodeInflater };

function parseError(bytes: Uint8Array, o: ParseOptions = opts): string {
  try {
    parseProfile(bytes, o);
  } catch (e) {
    assert.ok(isProfileError(e), `not a ProfileError: ${String(e)}`);
    assert.ok(!e.message.includes('\n'));
    return e.message;
  }
  assert.fail('parsed');
}

describe('parseProfile', () => {
  const gz = readFileSync(fixture('leaky', 'heap.3.pprof'));
  const raw = gunzipSync(gz);

  it('reads gzipped and raw bytes alike, whatever the inflater', () => {
    const a = parseProfile(gz, opts);
    const b = parseProfile(raw, opts);
    const c = parseProfile(gz, { inflater: pakoInflater });
    assert.equal(a.samples.count, 15);
    assert.deepEqual(b.samples.values, a.samples.values);
    assert.deepEqual(c.samples.stack, a.samples.stack);
  });

  it('refuses an empty file and an empty gzip', () => {
    assert.match(parseError(new Uint8Array(0)), /^empty input file/);
    assert.match(parseError(gzipSync(Buffer.alloc(0))), /^empty input file: the gzip data inflates to 0 bytes/);
  });

  it('applies the inflated-size limit and names how to raise it', () => {
    assert.match(parseError(gz, { ...opts, maxInflatedBytes: 100 }), /inflates to more than 100 bytes; raise the limit with the maxInflatedBytes option/);
    const hinted = parseError(gz, { inflater: nodeInflater, maxInflatedBytes: 100, limitHint: '`-max_inflated`' });
    assert.match(hinted, /raise the limit with `-max_inflated` if it is genuine$/);
  });

  it('names a legacy format before trying to decode it', () => {
    assert.match(parseError(readFileSync(fixture('leaky', 'heap.debug1.txt'))), /Go heap profile in debug=1 text format/);
  });

  it('names a gzipped legacy format too', () => {
    assert.match(parseError(gzipSync(readFileSync(fixture('leaky', 'goroutine.debug2.txt')))), /goroutine dump/);
  });

  it('explains text that happens to decode as protobuf', () => {
    // 'h' is field 13 (comment) as a varint and 'i' its value: valid protobuf, bad profile.
    assert.match(parseError(new TextEncoder().encode('hi')), /^the file is plain text, not profile\.proto \(it begins "hi"\)$/);
  });

  it('keeps the decoder’s message for damaged protobuf', () => {
    assert.match(parseError(raw.subarray(0, raw.length - 3)), /protobuf|malformed/);
  });

  it('refuses 1 MB of random bytes with one line (its speed is measured by npm run bench)', () => {
    let s = 42;
    for (let seed = 0; seed < 20; seed++) {
      const junk = new Uint8Array(1 << 20);
      for (let i = 0; i < junk.length; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        junk[i] = s >>> 24;
      }
      assert.ok(parseError(junk).length > 0);
    }
  });
});
