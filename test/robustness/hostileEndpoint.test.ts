// Captures from endpoints that fight back, served on 127.0.0.1: a body dripped a byte at a time
// (the read timeout restarts on every chunk; the total deadline does not), an endless body, a
// truncated gzip, a CRC-corrupt gzip, a body over the inflate limit and a decompression bomb.
// Each fails with its own one line; `seconds=` too large for a timer is refused up front.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CaptureError, type CaptureFailure, type FetchOptions } from '../../src/capture/capture';
import { fetchProfile } from '../../src/capture/profileCapture';
import { fixture } from '../support/fixtures';
import { AMPLIFIERS, gzipOfRepeated } from './amplification';

const heap = readFileSync(fixture('leaky', 'heap.0.pprof'));
const bomb = gzipOfRepeated(AMPLIFIERS.locations, 100_000_000);
const crcCorrupt = Buffer.from(heap);
crcCorrupt[crcCorrupt.length - 8] ^= 0xff;

let server: http.Server;
let base = '';
const open = new Set<http.ServerResponse>();

before(async () => {
  assert.equal(heap[0], 0x1f, 'the heap fixture is gzipped');
  server = http.createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const send = (body: Buffer) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body);
    switch (new URL(req.url ?? '/', 'http://x').pathname) {
      case '/drip': {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        let i = 0;
        const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(heap.subarray(i, ++i))), 20);
        return;
      }
      case '/endless': {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 7);
        const pump = () => {
          while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
        };
        pump();
        return;
      }
      case '/truncated': return send(heap.subarray(0, heap.length >> 1));
      case '/crc': return send(crcCorrupt);
      case '/bomb': return send(bomb);
      case '/heap': return send(heap);
      default: res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const r of open) r.destroy();
  server.close();
});

/** Asserts that fetching `path` fails with `failure` and a message matching `re` (after "<url>: "). */
async function fails(path: string, failure: CaptureFailure, re: RegExp, opts: FetchOptions = {}): Promise<void> {
  const url = `${base}${path}`;
  await assert.rejects(fetchProfile(url, opts), (e: unknown) => {
    assert.ok(e instanceof CaptureError, String(e));
    assert.equal(e.failure, failure, e.message);
    assert.ok(e.message.startsWith(`${url}: `), e.message);
    assert.match(e.message.slice(url.length + 2), re);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

describe('hostile endpoints', () => {
  it('a dripping body: the total deadline ends it although every chunk came in time', async () => {
    await fails('/drip', 'deadline', /^the capture did not complete within its 0\.5s total deadline \(\d+ bytes received\); raise the X setting if the service is genuinely this slow$/, {
      readTimeoutMs: 10_000,
      totalTimeoutMs: 500,
      deadlineHint: 'the X setting',
    });
  });

  it('an endless body: the size limit while streaming', async () => {
    await fails('/endless', 'too-large', /^the response exceeds the 1 MiB size limit \(stopped reading\)$/, { maxBytes: 1 << 20 });
  });

  it('a truncated gzip body: says truncated, not "gzip-compressed twice"', async () => {
    await fails('/truncated', 'not-profile', /^HTTP 200 but the body is not a profile \(application\/octet-stream\): truncated: gzip stream ended early — re-download or re-capture it$/);
  });

  it('a CRC-corrupt gzip body: says corrupt (CRC mismatch)', async () => {
    await fails('/crc', 'not-profile', /^HTTP 200 but the body is not a profile \(application\/octet-stream\): the gzip data is corrupt \(CRC mismatch\) — re-download or re-capture it$/);
  });

  it('a body over the inflate limit: names the limit and how to raise it', async () => {
    await fails('/heap', 'not-profile', /^HTTP 200 but the body is not a profile \(application\/octet-stream\): the gzip data inflates to more than 1 KiB; raise the limit with the Y setting if it is genuine$/, {
      maxInflatedBytes: 1024,
      limitHint: 'the Y setting',
    });
  });

  it('a decompression bomb: refused for its ratio while inflating', async () => {
    await fails('/bomb', 'not-profile', /^HTTP 200 but the body is not a profile \(application\/octet-stream\): the gzip data inflates more than 200-fold \(/);
  });

  it('seconds= too large for a timer: refused before connecting, with no TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      await fails('/heap?seconds=1e12', 'bad-url', /^seconds=1e12 is too long for a capture: at most 86400 \(one day\)$/);
      await fails('/heap?seconds=soon', 'bad-url', /^seconds=soon is not a number of seconds$/);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('a good body from the same server still captures', async () => {
    const f = await fetchProfile(`${base}/heap`);
    assert.ok(f.profile.samples.count > 0);
  });
});
