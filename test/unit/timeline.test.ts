// The timeline's pure parts: the Prometheus text format, the MemStats block, restart detection,
// verdict lines and the per-request fit, on frames built to have a known answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../src/shared/siFormat';
import { analyzeTimeline, detectRestarts, perRequest, trend } from '../../src/timeline/analysis';
import { appendRow, emptyFrame, mergeSamples, type MetricId, type TimelineFrame } from '../../src/timeline/frame';
import { parseGoroutineTotal, parseMemStats } from '../../src/timeline/memStats';
import { goDurationSeconds, windowFor } from '../../src/timeline/prometheusSource';
import { parsePromText, sumOf } from '../../src/timeline/promText';
import { rankRequestCounters } from '../../src/timeline/requestCounters';
import { serviceBase } from '../../src/timeline/serviceSource';
import { snapshotMarkers } from '../../src/timeline/snapshots';
import { parseTimelineArgs } from '../../src/cli/timelineCli';

/** A frame from rows of metric values, one row every `step` seconds from t0. */
function frameOf(rows: Array<Partial<Record<MetricId, number>>>, step = 15, t0 = 1_700_000_000, times?: number[]): TimelineFrame {
  const f = emptyFrame();
  rows.forEach((r, i) => appendRow(f, times ? times[i] : t0 + i * step, r, 1e9));
  return f;
}

describe('parsePromText', () => {
  it('reads samples, labels with escapes, exponents, TYPE lines; sums a family', () => {
    const e = parsePromText(
      [
        '# HELP go_goroutines Number of goroutines that currently exist.',
        '# TYPE go_goroutines gauge',
        'go_goroutines 12',
        '# TYPE http_requests_total counter',
        'http_requests_total{code="200",handler="work",method="get"} 1027',
        'http_requests_total{code="500",handler="a\\"b",method="get"} 3 1700000000000',
        'process_resident_memory_bytes 2.4576e+07',
        'go_gc_duration_seconds{quantile="1"} NaN',
        '',
      ].join('\n'),
    );
    assert.equal(e.samples.length, 5);
    assert.deepEqual(e.samples[2].labels, { code: '500', handler: 'a"b', method: 'get' });
    assert.equal(sumOf(e, 'http_requests_total'), 1030);
    assert.equal(sumOf(e, 'process_resident_memory_bytes'), 24576000);
    assert.equal(sumOf(e, 'absent_metric'), undefined);
    assert.equal(e.types.get('http_requests_total'), 'counter');
  });
  it('refuses an HTML page, JSON and an empty body with one line each', () => {
    assert.throws(() => parsePromText('<!doctype html><html><title>Login</title></html>'), /^PromTextError: not the Prometheus text format \(first line: "<!doctype html><html><title>Login<\/title><\/html>"\)$/);
    assert.throws(() => parsePromText('{"status":"success","data":[]}'), /not the Prometheus text format/);
    assert.throws(() => parsePromText(''), /^PromTextError: an empty metrics page$/);
    assert.throws(() => parsePromText('# only comments\n'), /^PromTextError: no metric samples \(starts with "# only comments"\)$/);
  });
});

describe('parseMemStats / parseGoroutineTotal', () => {
  const heapDebug1 = 'heap profile: 3: 30720 [9: 92160] @ heap/1048576\n3: 30720 [9: 92160] @ 0x1\n\n# runtime.MemStats\n# Alloc = 1171176\n# TotalAlloc = 9971176\n# Sys = 12817424\n# HeapAlloc = 1171176\n# HeapSys = 7766016\n# HeapIdle = 5521408\n# HeapInuse = 2244608\n# NumGC = 7\n';
  it('reads the MemStats block of heap?debug=1', () => {
    assert.deepEqual(parseMemStats(heapDebug1), { heapInuse: 2244608, heapAlloc: 1171176, sys: 12817424, totalAlloc: 9971176, numGC: 7 });
  });
  it('says what is missing', () => {
    assert.throws(() => parseMemStats('heap profile: 0: 0 [0: 0] @ heap/1048576\n'), /^MemStatsError: the heap profile has no runtime.MemStats block$/);
    assert.throws(() => parseMemStats('hello'), /not a heap profile in debug=1 text/);
    assert.equal(parseGoroutineTotal('goroutine profile: total 42\n5 @ 0x1\n'), 42);
    assert.throws(() => parseGoroutineTotal('nope'), /no "goroutine profile: total N" line/);
  });
});

describe('frames', () => {
  it('mergeSamples aligns metrics on the union of their timestamps', () => {
    const f = mergeSamples({ rss: { t: [10, 20, 30], v: [1, 2, 3] }, goroutines: { t: [20, 40], v: [5, 6] } });
    assert.deepEqual(f.t, [10, 20, 30, 40]);
    assert.deepEqual(f.cols.rss, [1, 2, 3, null]);
    assert.deepEqual(f.cols.goroutines, [null, 5, null, 6]);
    assert.deepEqual(f.cols.heapInuse, [null, null, null, null]);
  });
  it('appendRow keeps at most `cap` rows, dropping the oldest, and ignores a row out of order', () => {
    const f = emptyFrame();
    for (let i = 0; i < 5; i++) appendRow(f, 100 + i, { rss: i }, 3);
    appendRow(f, 50, { rss: 99 }, 3);
    assert.deepEqual(f.t, [102, 103, 104]);
    assert.deepEqual(f.cols.rss, [2, 3, 4]);
  });
});

describe('detectRestarts', () => {
  it('finds a counter going back, a start time change and a gap, once each', () => {
    const rows: Array<Partial<Record<MetricId, number>>> = [];
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Process A rows 0-9, B rows 10-19 (counter reset), C rows 20-29 after a 5-minute gap with no counters.
      const proc = i < 10 ? 0 : i < 20 ? 1 : 2;
      times.push(1000 + i * 15 + (proc === 2 ? 300 : 0));
      if (proc === 2) rows.push({ rss: 1 });
      else rows.push({ rss: 1, requests: (i % 10) * 100, startTime: proc === 0 ? 500 : 500 });
    }
    rows[5].startTime = 500;
    const f = frameOf(rows, 15, 0, times);
    const r = detectRestarts(f);
    assert.deepEqual(r.map((m) => [m.index, m.reason, m.detail]), [
      [10, 'counter-reset', 'requests counter went back'],
      [20, 'gap', 'no samples for 5m'],
    ]);
    const g = frameOf([{ startTime: 100 }, { startTime: 100 }, { startTime: 400 }, { startTime: 400 }]);
    assert.deepEqual(detectRestarts(g).map((m) => [m.index, m.reason]), [[2, 'start-time']]);
  });
  it('a gap is no restart when the counters carry on from where they were', () => {
    const f = frameOf([{ requests: 1 }, { requests: 2 }, { requests: 3 }, { requests: 4 }, { requests: 90 }], 15, 0, [0, 15, 30, 45, 900]);
    assert.deepEqual(detectRestarts(f), []);
  });
});

/** A leaking service: heap grows `perReq` bytes per request at `rate` req/s, restarts every `life` rows, with GC noise. */
function leakyFrame(opts: { rows: number; life: number; perReq: number; rate: number; base?: number; background?: number }): TimelineFrame {
  const rows: Array<Partial<Record<MetricId, number>>> = [];
  let reqs = 0;
  for (let i = 0; i < opts.rows; i++) {
    const age = i % opts.life;
    if (age === 0) reqs = 0;
    const live = (opts.base ?? 20e6) + reqs * opts.perReq + age * 15 * (opts.background ?? 0);
    // Garbage on top of the live heap, cycling as GCs run: the envelope sees through it.
    const garbage = ((i * 7) % 4) * 0.15 * live;
    rows.push({ heapInuse: live + garbage, heapAlloc: live + garbage * 0.9, rss: live * 1.3 + 5e6, goroutines: 8, requests: reqs, requestRate: opts.rate, startTime: 1000 + Math.floor(i / opts.life) * 10_000 });
    reqs += opts.rate * 15;
  }
  return frameOf(rows);
}

describe('verdicts', () => {
  it('a leak that restarts is a sawtooth, with its slope per minute', () => {
    // 10 kB per request at 20 req/s = 12 MB/min of live heap.
    const f = leakyFrame({ rows: 160, life: 40, perReq: 10240, rate: 20 });
    const a = analyzeTimeline(f);
    assert.equal(a.restarts.length, 3);
    const lines = a.trends.map((t) => t.line);
    assert.equal(lines.length, 5);
    assert.match(lines[1], /^heap in-use: grows ~15\.\d MB\/min with no steady state over 3 restarts \(sawtooth\)$/);
    assert.equal(lines[3], 'goroutines: flat (~8)');
    assert.equal(lines[4], 'request rate: flat (~20 req/s)');
    const heap = a.trends.find((t) => t.id === 'heapInuse')!;
    assert.ok(heap.sawtooth);
  });
  it('growth that levels off plateaus; a steady series is flat; too few samples say so', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ heapInuse: 50e6 * (1 - Math.exp(-i / 6)) + 10e6 }));
    assert.equal(trend(frameOf(rows), 'heapInuse', []).line, 'heap in-use: grows then plateaus (at ~60.0 MB)');
    const flat = Array.from({ length: 60 }, (_, i) => ({ rss: 80e6 + (i % 3) * 1e6 }));
    assert.equal(trend(frameOf(flat), 'rss', []).line, 'RSS: flat (~81.0 MB)');
    assert.equal(trend(frameOf([{ rss: 1 }, { rss: 2 }]), 'rss', []).line, 'RSS: not enough samples for a verdict (2)');
    // A leak seen at a 1 s scrape: GC's sawtooth on a rising live heap. The last third's fit is
    // flat (a collection falls inside it), but its peak is a new high: it grows, it does not plateau.
    const sawtooth = Array.from({ length: 36 }, (_, i) => ({ heapInuse: 30e6 + i * 1.5e6 + ((i + 6) % 12) * 3e6 }));
    assert.equal(trend(frameOf(sawtooth, 1), 'heapInuse', []).line, 'heap in-use: grows ~79.9 MB/min with no steady state');
    const falling = Array.from({ length: 20 }, (_, i) => ({ rss: 100e6 - i * 1e6 }));
    assert.equal(trend(frameOf(falling, 60), 'rss', []).line, 'RSS: falls ~1.0 MB/min');
  });
});

describe('perRequest', () => {
  it('recovers the bytes retained per request through GC noise and restarts', () => {
    const f = leakyFrame({ rows: 160, life: 40, perReq: 10240, rate: 20 });
    const a = analyzeTimeline(f);
    const p = a.perRequest;
    assert.ok(p.correlated);
    assert.ok(Math.abs(p.bytesPerRequest! - 10240) / 10240 < 0.05, String(p.bytesPerRequest));
    assert.match(p.line, /^≈ 10\.\d kB retained per request \(r = (0\.9\d|1\.00)\)$/);
  });
  it('growth without requests is background work', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ heapInuse: 10e6 + i * 1e6, requests: 500 }));
    const f = frameOf(rows);
    const a = analyzeTimeline(f);
    assert.equal(a.perRequest.line, 'no requests in this window: the heap growth is background work');
    // Requests arriving in bursts that the heap ignores.
    const bursty = Array.from({ length: 60 }, (_, i) => ({ heapInuse: 10e6 + i * 1e6, requests: i < 30 ? i * 100 : 3000 + Math.floor(i / 10) }));
    assert.match(analyzeTimeline(frameOf(bursty)).perRequest.line, /^not correlated with requests \(r = 0\.\d\d; with time r = 1\.00\): look at background work$/);
  });
  it('without a request counter it says what to do', () => {
    assert.equal(perRequest(frameOf([{ heapInuse: 1 }]), []).line, 'no request counter: pick one to tie heap growth to requests');
  });
});

it('formatBytes uses SI prefixes, one decimal below 100', () => {
  assert.deepEqual([0, 999, 10240, 4.1e6, 312e6, 2.5e9].map(formatBytes), ['0 B', '999 B', '10.2 kB', '4.1 MB', '312 MB', '2.5 GB']);
});

describe('sources (pure parts)', () => {
  it('windowFor picks a step of at least the scrape interval, at most 10,000 points, and refuses a huge range', () => {
    assert.deepEqual(windowFor(1000, 900, 15), { start: 90, end: 990, step: 15 });
    assert.equal(windowFor(1_700_000_000, 7 * 86400, 15).step, 61);
    assert.throws(() => windowFor(1_700_000_000, 40 * 86400, 15), /^TimelineError: the time range 40\.0d is too large: at most 31\.0d; pick a shorter one$/);
    assert.equal(goDurationSeconds('1m30s'), 90);
    assert.equal(goDurationSeconds('500ms'), 0.5);
    assert.equal(goDurationSeconds('7d'), 604800);
    assert.equal(goDurationSeconds('soon'), undefined);
  });
  it('rankRequestCounters offers the common HTTP counters first and leaves out runtime ones', () => {
    assert.deepEqual(
      rankRequestCounters(['promhttp_metric_handler_requests_total', 'jobs_done_total', 'go_memstats_alloc_bytes_total', 'process_cpu_seconds_total', 'api_requests_total', 'http_requests_total', 'grpc_server_handled_total', 'go_goroutines']),
      ['http_requests_total', 'grpc_server_handled_total', 'api_requests_total', 'jobs_done_total'],
    );
  });
  it('snapshot markers come from capture file names, inside the window, oldest first', () => {
    const names = ['heap-2026-11-26T10-03-05Z.pb.gz', 'heap-2026-11-26T10-03-05.250Z-2.pb.gz', 'cpu-2026-11-26T10-03-06Z.pb.gz', 'heap-2026-11-26T11-00-00Z.pb.gz', 'notes.txt', 'allocs-2026-11-26T10-02-00Z.pb.gz'];
    const t = Date.parse('2026-11-26T10:03:05Z') / 1000;
    assert.deepEqual(snapshotMarkers(names, t - 120, t + 60).map((m) => [m.name, m.t - t]), [
      ['allocs-2026-11-26T10-02-00Z.pb.gz', -65],
      ['heap-2026-11-26T10-03-05Z.pb.gz', 0],
      ['heap-2026-11-26T10-03-05.250Z-2.pb.gz', 0.25],
    ]);
  });
  it('serviceBase strips /metrics and /debug/pprof paths; parseTimelineArgs reads Go-style flags', () => {
    assert.equal(serviceBase('http://h:8080/metrics'), 'http://h:8080');
    assert.equal(serviceBase('http://h:8080/app/debug/pprof/heap?debug=1'), 'http://h:8080/app');
    assert.equal(serviceBase('https://h/'), 'https://h');
    const a = parseTimelineArgs(['-timeline', '-job=leaky', '--instance', 'h:1', '-range', '15m', 'http://p:9090']);
    assert.deepEqual([a.url, a.job, a.instance, a.range, a.step, a.interval, a.duration], ['http://p:9090', 'leaky', 'h:1', 900, 0, 5, 60]);
    assert.throws(() => parseTimelineArgs(['-timeline']), /-timeline needs a URL/);
    assert.throws(() => parseTimelineArgs(['-timeline', '-range=forever', 'http://p']), /invalid value "forever" for flag -range/);
    assert.throws(() => parseTimelineArgs(['-timeline', '-top', 'http://p']), /flag provided but not defined with -timeline: -top/);
  });
});
