// Live capture against a local server on 127.0.0.1 that answers the ways real endpoints do: a
// profile, an HTML page, 404, a hang, a huge body, debug=1 text, redirects, a closed port. Each
// failure must be one line naming the URL and what came back.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CaptureError, captureUrl, saveCapture, snapshotUrl, timestampedName } from '../../src/capture/capture';
import { fetchProfile, SnapshotSeries, type SeriesEvent } from '../../src/capture/profileCapture';
import { fixture } from '../support/fixtures';

const heap = readFileSync(fixture('leaky', 'heap.0.pprof'));
const debug1 = readFileSync(fixture('leaky', 'heap.debug1.txt'));
const goroutine2 = readFileSync(fixture('leaky', 'goroutine.debug2.txt'));

let server: http.Server;
let base = '';
let flaky = 0;
const hanging = new Set<http.ServerResponse>();

before(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    switch (u.pathname) {
      case '/debug/pprof/heap':
        if (u.searchParams.get('debug') === '1') {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(debug1);
        } else {
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(heap);
        }
        return;
      case '/debug/pprof/goroutine':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(goroutine2);
        return;
      case '/login':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><head><title>Sign in - Corp SSO</title></head><body>...</body></html>');
        return;
      case '/missing':
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
        return;
      case '/boom':
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Could not enable CPU profiling: cpu profiling already in use\n');
        return;
      case '/hang':
        hanging.add(res); // never answers
        return;
      case '/stall':
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.write(heap.subarray(0, 100)); // then nothing
        hanging.add(res);
        return;
      case '/reset': // the service dies with the request in flight
        req.socket.destroy();
        return;
      case '/cut': // the service dies halfway through the body
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(heap.length) });
        res.write(heap.subarray(0, 100), () => res.socket?.destroy());
        return;
      case '/huge': {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 1);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      case '/declared-huge':
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(1 << 30) });
        res.write(heap.subarray(0, 10));
        hanging.add(res);
        return;
      case '/garbage':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello": "world"}');
        return;
      case '/empty':
        res.writeHead(200).end();
        return;
      case '/redirect':
        res.writeHead(302, { Location: '/debug/pprof/heap' }).end();
        return;
      case '/loop':
        res.writeHead(302, { Location: '/loop' }).end();
        return;
      case '/to-ftp':
        res.writeHead(301, { Location: 'ftp://example.com/heap' }).end();
        return;
      case '/flaky':
        // Every second request fails, as a service that briefly stopped.
        flaky++;
        if (flaky % 2 === 0) res.writeHead(503).end('restarting');
        else res.writeHead(200).end(heap);
        return;
      default:
        res.writeHead(404).end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  server.close();
});

/** Runs fetchProfile and returns the CaptureError it must throw. */
async function failure(url: string, opts: Parameters<typeof fetchProfile>[1] = {}): Promise<CaptureError> {
  try {
    await fetchProfile(url, opts);
  } catch (e) {
    assert.ok(e instanceof CaptureError, `not a CaptureError: ${String(e)}`);
    assert.ok(!e.message.includes('\n'), 'one line');
    return e;
  }
  assert.fail(`${url} did not fail`);
}

describe('fetchProfile', () => {
  it('returns the bytes as served and the decoded profile', async () => {
    const f = await fetchProfile(`${base}/debug/pprof/heap`);
    assert.deepEqual(Buffer.from(f.bytes), heap);
    assert.deepEqual(f.profile.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    assert.equal(f.url, `${base}/debug/pprof/heap`);
  });

  it('follows a redirect (and says where it ended)', async () => {
    const f = await fetchProfile(`${base}/redirect`);
    assert.equal(f.url, `${base}/debug/pprof/heap`);
  });

  it('refuses other schemes, bad URLs, redirect loops and redirects to other schemes', async () => {
    const e = await failure('ftp://127.0.0.1/debug/pprof/heap');
    assert.equal(e.message, 'ftp://127.0.0.1/debug/pprof/heap: only http:// and https:// URLs can be captured (got ftp:)');
    assert.equal((await failure('localhost:8080')).message, 'localhost:8080: no scheme: did you mean http://localhost:8080?');
    assert.match((await failure('not a url')).message, /^not a url: not a URL: give one like http:\/\/localhost:8080/);
    const loop = await failure(`${base}/loop`);
    assert.equal(loop.message, `${base}/loop: too many redirects (more than 3); the last one went to /loop`);
    const ftp = await failure(`${base}/to-ftp`);
    assert.equal(ftp.message, `${base}/to-ftp: HTTP 301 redirects to ftp://example.com/heap: only http:// and https:// are followed`);
  });

  it('an HTML page: names the page', async () => {
    const e = await failure(`${base}/login`);
    assert.equal(e.failure, 'html');
    assert.equal(e.message, `${base}/login: HTTP 200 returned an HTML page ("Sign in - Corp SSO"), not a profile: a login or error page, or the /debug/pprof/ index; use /debug/pprof/heap`);
  });

  it('404 and 500: the status and an excerpt of the body', async () => {
    const e = await failure(`${base}/missing`);
    assert.equal(e.status, 404);
    assert.equal(e.message, `${base}/missing: HTTP 404 Not Found: "404 page not found" (is net/http/pprof imported and served at this path?)`);
    const b = await failure(`${base}/boom`);
    assert.equal(b.message, `${base}/boom: HTTP 500 Internal Server Error: "Could not enable CPU profiling: cpu profiling already in use"`);
  });

  it('debug=1 and debug=2 text pages: says to drop debug=N', async () => {
    const e = await failure(`${base}/debug/pprof/heap?debug=1`);
    assert.equal(e.failure, 'debug-text');
    assert.equal(e.message, `${base}/debug/pprof/heap?debug=1: HTTP 200 sent a Go heap profile as debug=1 text, not a profile: remove debug=1 from the URL (or use debug=0)`);
    const g = await failure(`${base}/debug/pprof/goroutine`);
    assert.equal(g.message, `${base}/debug/pprof/goroutine: HTTP 200 sent a Go goroutine dump as debug=2 text, not a profile: add debug=0 to the URL`);
  });

  it('other bodies: what they are; an empty body', async () => {
    assert.equal((await failure(`${base}/garbage`)).message, `${base}/garbage: HTTP 200 but the body is not a profile (application/json): JSON, not profile.proto: pprof Lens reads pprof profiles only`);
    assert.equal((await failure(`${base}/empty`)).message, `${base}/empty: HTTP 200 with an empty body, not a profile`);
  });

  it('read timeout: a server that never answers, and one that stalls mid-body', async () => {
    const t0 = Date.now();
    const e = await failure(`${base}/hang`, { readTimeoutMs: 300 });
    assert.ok(Date.now() - t0 < 3000);
    assert.equal(e.failure, 'read-timeout');
    assert.equal(e.message, `${base}/hang: no response for 0.3s after connecting (read timeout): the service accepted the connection but did not answer`);
    const s = await failure(`${base}/stall`, { readTimeoutMs: 300 });
    assert.equal(s.message, `${base}/stall: the response stalled for 0.3s after 100 bytes (read timeout)`);
  });

  it('size limit: enforced while streaming, and up front from Content-Length', async () => {
    const e = await failure(`${base}/huge`, { maxBytes: 100_000 });
    assert.equal(e.message, `${base}/huge: the response exceeds the 97.7 KiB size limit (stopped reading)`);
    const d = await failure(`${base}/declared-huge`, { maxBytes: 100_000 });
    assert.equal(d.message, `${base}/declared-huge: the response is 1024 MiB, over the 97.7 KiB size limit`);
  });

  it('connection refused: a closed port', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const e = await failure(`http://127.0.0.1:${port}/debug/pprof/heap?gc=1`);
    assert.equal(e.failure, 'refused');
    assert.equal(e.message, `http://127.0.0.1:${port}/debug/pprof/heap?gc=1: connection refused by 127.0.0.1:${port}: is the service running and listening on that port?`);
  });

  it('the service dies mid-request: reset before any answer, or cut during the body', async () => {
    const r = await failure(`${base}/reset`);
    assert.equal(r.failure, 'network');
    assert.equal(r.message, `${base}/reset: the connection to ${new URL(base).host} was reset before the response was complete: did the service stop or restart?`);
    const c = await failure(`${base}/cut`);
    assert.equal(c.failure, 'network');
    assert.equal(c.message, `${base}/cut: the connection closed after 100 bytes, before the whole response arrived: did the service stop or restart?`);
  });

  it('connect timeout: a listener whose accept queue is full (Linux drops the SYN)', { skip: process.platform !== 'linux' ? 'relies on Linux dropping SYNs to a full accept queue' : false }, async () => {
    // A stopped process never accepts: once its backlog is full, new connections hang in SYN_SENT.
    const child = spawn(process.execPath, ['-e', "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{console.log(s.address().port);process.kill(process.pid,'SIGSTOP')})"], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sockets: net.Socket[] = [];
    try {
      const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
      for (let i = 0; i < 4; i++) sockets.push(net.connect(port, '127.0.0.1').on('error', () => {}));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const e = await failure(`http://127.0.0.1:${port}/debug/pprof/heap`, { connectTimeoutMs: 300 });
      assert.equal(e.failure, 'connect-timeout');
      assert.equal(e.message, `http://127.0.0.1:${port}/debug/pprof/heap: no connection after 0.3s (connect timeout): is the host reachable and the port right?`);
    } finally {
      for (const s of sockets) s.destroy();
      child.kill('SIGKILL');
    }
  });

  it('an abort signal cancels', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 50);
    const e = await failure(`${base}/hang`, { signal: c.signal });
    assert.equal(e.message, `${base}/hang: capture canceled`);
  });
});

describe('URLs and names', () => {
  it('captureUrl builds /debug/pprof URLs from a base, a prefix, or another endpoint', () => {
    assert.equal(captureUrl('http://localhost:8080', 'heap', { gc: true }), 'http://localhost:8080/debug/pprof/heap?gc=1');
    assert.equal(captureUrl('http://localhost:8080/', 'profile', { seconds: 10 }), 'http://localhost:8080/debug/pprof/profile?seconds=10');
    assert.equal(captureUrl('https://svc/admin/', 'goroutine'), 'https://svc/admin/debug/pprof/goroutine');
    assert.equal(captureUrl('http://h:1/debug/pprof/', 'mutex'), 'http://h:1/debug/pprof/mutex');
    assert.equal(captureUrl('http://h:1/debug/pprof/heap?gc=1', 'allocs'), 'http://h:1/debug/pprof/allocs?gc=1');
    assert.throws(() => captureUrl('file:///tmp/x', 'heap'), /only http:\/\/ and https:\/\/ URLs can be captured \(got file:\)/);
  });

  it('snapshotUrl: a base gets /debug/pprof/heap?gc=1; a full endpoint URL is kept', () => {
    assert.equal(snapshotUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/debug/pprof/heap?gc=1');
    assert.equal(snapshotUrl('http://127.0.0.1:8080/debug/pprof/heap'), 'http://127.0.0.1:8080/debug/pprof/heap?gc=1');
    assert.equal(snapshotUrl('http://127.0.0.1:8080/debug/pprof/heap?gc=0'), 'http://127.0.0.1:8080/debug/pprof/heap?gc=0');
    assert.equal(snapshotUrl('http://127.0.0.1:8080/debug/pprof/goroutine'), 'http://127.0.0.1:8080/debug/pprof/goroutine');
  });

  it('timestampedName: UTC, no colons, sortable; "profile" is cpu', () => {
    const d = new Date(Date.UTC(2026, 10, 26, 10, 3, 5, 123));
    assert.equal(timestampedName('heap', d), 'heap-2026-11-26T10-03-05Z.pb.gz');
    assert.equal(timestampedName('heap', d, { millis: true }), 'heap-2026-11-26T10-03-05.123Z.pb.gz');
    assert.equal(timestampedName('profile', d), 'cpu-2026-11-26T10-03-05Z.pb.gz');
  });

  it('saveCapture never replaces a file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-save-'));
    try {
      const d = new Date(Date.UTC(2026, 10, 26, 10, 3, 5, 123));
      writeFileSync(path.join(dir, 'heap-2026-11-26T10-03-05Z.pb.gz'), 'first');
      const a = await saveCapture(dir, 'heap', d, new Uint8Array([1]));
      const b = await saveCapture(dir, 'heap', d, new Uint8Array([2]));
      assert.equal(path.basename(a), 'heap-2026-11-26T10-03-05.123Z.pb.gz');
      assert.equal(path.basename(b), 'heap-2026-11-26T10-03-05.123Z-2.pb.gz');
      assert.equal(readFileSync(path.join(dir, 'heap-2026-11-26T10-03-05Z.pb.gz'), 'utf8'), 'first');
      assert.deepEqual(readdirSync(dir).sort(), ['heap-2026-11-26T10-03-05.123Z-2.pb.gz', 'heap-2026-11-26T10-03-05.123Z.pb.gz', 'heap-2026-11-26T10-03-05Z.pb.gz']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SnapshotSeries', () => {
  it('captures K snapshots on schedule; a failed one is reported and the series goes on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-series-'));
    try {
      flaky = 0;
      const series = new SnapshotSeries({ url: `${base}/flaky`, dir, intervalMs: 60, count: 4, kind: 'heap' });
      const events: SeriesEvent[] = [];
      series.onEvent((e) => events.push(e));
      const result = await series.start();
      assert.deepEqual(result.snapshots.map((s) => s.attempt), [1, 3]);
      assert.deepEqual(result.failures.map((f) => f.attempt), [2, 4]);
      assert.equal(result.failures[0].message, `${base}/flaky: HTTP 503 Service Unavailable: "restarting"`);
      const files = readdirSync(dir).sort();
      assert.equal(files.length, 2);
      assert.ok(files.every((f) => /^heap-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(\.\d{3})?Z\.pb\.gz$/.test(f)), files.join(' '));
      for (const s of result.snapshots) assert.deepEqual(readFileSync(s.file), heap);
      // 'waiting' is skipped when a capture overran the interval (a loaded machine): compare the
      // rest exactly, and check that every 'waiting' comes right before a capture.
      const types = events.map((e) => e.type);
      assert.deepEqual(
        types.filter((t) => t !== 'waiting'),
        ['capturing', 'snapshot', 'capturing', 'failure', 'capturing', 'snapshot', 'capturing', 'failure', 'done'],
      );
      types.forEach((t, i) => t === 'waiting' && assert.equal(types[i + 1], 'capturing', types.join(' ')));
      const done = events[events.length - 1];
      assert.ok(done.type === 'done' && done.reason === 'count');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop() ends the series while waiting; captured files stay', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-series-'));
    try {
      const series = new SnapshotSeries({ url: `${base}/debug/pprof/heap`, dir, intervalMs: 10_000 });
      let nextAt: number | undefined;
      series.onEvent((e) => {
        if (e.type === 'waiting') {
          nextAt = series.nextCaptureAt;
          void series.stop();
        }
      });
      const t0 = Date.now();
      const result = await series.start();
      assert.ok(Date.now() - t0 < 5000);
      assert.ok(nextAt !== undefined && nextAt > t0);
      assert.equal(result.snapshots.length, 1);
      assert.deepEqual(readdirSync(dir).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop() cancels a capture in flight without reporting it as a failure', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-series-'));
    try {
      const series = new SnapshotSeries({ url: `${base}/hang`, dir, intervalMs: 1000, count: 3 });
      series.onEvent((e) => {
        if (e.type === 'capturing') setTimeout(() => void series.stop(), 50);
      });
      const result = await series.start();
      assert.deepEqual(result, { snapshots: [], failures: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
