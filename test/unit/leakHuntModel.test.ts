// The pure pieces of the leak hunt in the editor: signed delta columns of a comparison, the
// sparkline, trend texts and decorations of growth rows, the series status bar text, and the
// warnings turned into notification lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { diffDecorations, signedText } from '../../src/extension/decorationModel';
import { evidenceLines, growthDecorations, growthWarningLines, rowPlace, suspects, trendText } from '../../src/extension/growthEvidence';
import { applySeriesUpdate, initialSeriesStatus, seriesStatusText } from '../../src/extension/seriesStatus';
import { sparklineBlocks, sparklineSvg, svgDataUri } from '../../src/extension/sparkline';
import { GrowthService } from '../../src/worker/growthService';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { groupByKind, profileKind } from '../../src/core/profileKind';
import { fixture, repoRoot } from '../support/fixtures';

const stat = (line: number, flat: number, cum: number, flatText: string, cumText: string) => ({ line, flat, cum, flatText, cumText });

test('signedText: "+" for growth, the formatter\'s "-" for shrink, "." for zero', () => {
  assert.equal(signedText(1, '1.20MB'), '+1.20MB');
  assert.equal(signedText(-1, '-300kB'), '-300kB');
  assert.equal(signedText(0, '0'), '.');
  assert.equal(signedText(5, '+5B'), '+5B');
});

test('diffDecorations: signed columns, growth/shrink by the heat value, lines past the end dropped', () => {
  const d = diffDecorations(
    [stat(25, 50_000_000, 50_000_000, '47.68MB', '47.68MB'), stat(30, -300_000, 0, '-292.97kB', '0'), stat(31, 0, 0, '0', '0'), stat(99, 1, 1, '1B', '1B')],
    { heatBy: 'flat', lineCount: 40 },
  );
  assert.deepEqual(d.map((x) => [x.line, x.sign]), [[24, 1], [29, -1]]);
  assert.equal(d[0].text.replace(/\s+/g, ' ').trim(), '+47.68MB +47.68MB');
  assert.equal(d[1].text.replace(/\s+/g, ' ').trim(), '-292.97kB .');
  const byCum = diffDecorations([stat(3, 0, -5, '0', '-5B')], { heatBy: 'cum', lineCount: 10 });
  assert.equal(byCum[0].sign, -1);
});

test('sparklineBlocks: lowest ▁, highest █, flat stays at the bottom', () => {
  assert.equal(sparklineBlocks([0, 1, 2, 3, 4, 5, 6, 7]), '▁▂▃▄▅▆▇█');
  assert.equal(sparklineBlocks([3, 3, 3]), '▁▁▁');
  assert.equal(sparklineBlocks([]), '');
  assert.equal(sparklineBlocks([10, 0]), '█▁');
});

test('sparklineSvg: one dot per value, rising values go up, only numbers and a sanitized color inside', () => {
  const svg = sparklineSvg([1, 2, 4], { width: 100, height: 20, color: 'red"><script>' });
  assert.equal((svg.match(/<circle /g) ?? []).length, 3);
  assert.ok(!svg.includes('<script'), svg);
  const ys = [...svg.matchAll(/cy="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.ok(ys[0] > ys[1] && ys[1] > ys[2], `y goes up as values rise: ${ys}`);
  const uri = svgDataUri(svg);
  assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
  assert.equal(Buffer.from(uri.split(',')[1], 'base64').toString('utf8'), svg);
  assert.equal((sparklineSvg([5]).match(/<circle /g) ?? []).length, 1);
});

test('series status: countdown while waiting, attempts made of the count, failures said', () => {
  let s = initialSeriesStatus('heap', 10);
  assert.equal(seriesStatusText(s, 0), '$(record) heap 0/10 · capturing…');
  s = applySeriesUpdate(s, { type: 'capturing', attempt: 1, count: 10 });
  s = applySeriesUpdate(s, { type: 'snapshot', attempt: 1, count: 10, file: '/x/heap-1.pb.gz' });
  s = applySeriesUpdate(s, { type: 'snapshot', attempt: 2, count: 10, file: '/x/heap-2.pb.gz' });
  s = applySeriesUpdate(s, { type: 'waiting', attempt: 3, count: 10, atMs: 20_000 });
  assert.equal(seriesStatusText(s, 8_100), '$(record) heap 2/10 · next in 12s');
  s = applySeriesUpdate(s, { type: 'failure', attempt: 3, count: 10, message: 'http://h/debug/pprof/heap?gc=1: connection refused' });
  assert.equal(s.failed, 1);
  assert.match(seriesStatusText(s, 20_000), /^\$\(record\) heap 3\/10 · capturing… · 1 failed$/);
  assert.equal(s.lastFailure, 'http://h/debug/pprof/heap?gc=1: connection refused');
});

test('growth on the leaky snapshots (growth worker): main.go:25 first, trend text and decorations', () => {
  const svc = new GrowthService();
  const files = [3, 1, 0, 2].map((i) => fixture('leaky', `heap.${i}.pprof`)).concat(fixture('leaky', 'main.go'));
  const { report, skipped } = svc.analyzeGrowth({ paths: files });
  assert.equal(skipped.length, 1, 'main.go is not a profile');
  assert.deepEqual(report.snapshots.map((s) => s.name), ['heap.0.pprof', 'heap.1.pprof', 'heap.2.pprof', 'heap.3.pprof'], 'ordered by profile time');
  const top = suspects(report)[0];
  assert.equal(rowPlace(top), 'main.go:25');
  assert.match(trendText(report, top), /^\+[\d.]+MB ↑3\/3$/);
  const ev = evidenceLines(report, top);
  assert.match(ev[0], /→/);
  assert.match(ev.join('\n'), /retained\/alloc \d+%/);
  const decos = growthDecorations(report, report.rows.filter((r) => r.file === top.file), 30);
  assert.ok(decos.some((d) => d.line === 24 && d.text === trendText(report, top)));
  assert.ok(decos.every((d) => d.row.suspect), 'only suspects are decorated');
  assert.ok(growthWarningLines(report).every((l) => !l.includes('\n')));
});

test('growth on parca\'s 10 real snapshots does not crash and says what it finds', () => {
  const dir = fixture('real', 'parca-dev-parca', 'pkg', 'query', 'testdata', 'many');
  const { report } = new GrowthService().analyzeGrowth({ paths: readdirSync(dir).map((f) => path.join(dir, f)) });
  assert.equal(report.snapshots.length + report.excluded.length, 10);
  assert.ok(suspects(report).length > 0 || report.warnings.length > 0);
});

test('growthWarningLines: per-snapshot file-time notes become one line', () => {
  const lines = growthWarningLines({
    snapshots: [{}, {}] as never,
    warnings: [
      { code: 'time-from-file', message: 'a: the profile has no time' },
      { code: 'time-from-file', message: 'b: the profile has no time' },
      { code: 'restart', message: 'between a and b: restart' },
    ],
  } as never);
  assert.deepEqual(lines, ['between a and b: restart', 'the profiles carry no time: snapshots are ordered by file modification time']);
});

test('growth worker: capture saves a timestamped file; a series survives a failed snapshot and reports growth as it goes', async () => {
  const { createServer } = await import('node:http');
  const { mkdtempSync, readdirSync: ls, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const snaps = [0, 1, 2, 3].map((i) => readFileSync(fixture('leaky', `heap.${i}.pprof`)));
  let heapRequests = 0;
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/debug/pprof/heap')) return void res.writeHead(404).end('404 page not found\n');
    const n = heapRequests++;
    // The third request finds the service "down": a 502 page, as a proxy would answer.
    if (n === 2) return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(snaps[Math.min(n > 2 ? n - 1 : n, 3)]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-series-'));
  const limits = { connectTimeoutMs: 2000, readTimeoutMs: 5000, maxBytes: 1 << 24 };
  try {
    const svc = new GrowthService();
    const one = await svc.capture({ url: `${base}/debug/pprof/heap`, kind: 'heap', dir, limits });
    assert.match(path.basename(one.file), /^heap-\d{4}-\d\d-\d\dT[\d-]+(\.\d+)?Z(-\d+)?\.pb\.gz$/);
    await assert.rejects(svc.capture({ url: `${base}/debug/pprof/goroutine`, kind: 'goroutine', dir, limits }), /404/);
    heapRequests = 0;
    const updates: import('../../src/shared/protocol').SeriesUpdate[] = [];
    const summary = await svc.startSeries({ url: `${base}/debug/pprof/heap?gc=1`, dir: path.join(dir, 'series'), intervalMs: 50, count: 5, limits }, (u) => updates.push(u));
    assert.equal(summary.reason, 'count');
    assert.equal(summary.files.length, 4);
    assert.equal(summary.failures.length, 1);
    assert.match(summary.failures[0].message, /^http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/heap\?gc=1: .*502/);
    assert.deepEqual(updates.filter((u) => u.type === 'failure').map((u) => u.attempt), [3]);
    const last = updates.filter((u) => u.type === 'snapshot').pop();
    assert.ok(last?.type === 'snapshot' && last.report);
    assert.equal(last.report.snapshots.length, 4);
    assert.equal(rowPlace(suspects(last.report)[0]), 'main.go:25');
    assert.equal(ls(path.join(dir, 'series')).filter((f) => f.endsWith('.pb.gz')).length, 4, 'every captured snapshot is on disk');
    assert.equal(svc.stopSeries(), false, 'nothing runs any more');
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Analyze Growth on a folder of mixed kinds: grouped by kind, the heap series analyzed, the rest named', () => {
  // The bundled example's profiles/: allocs, cpu and heap.0..3 (the normal folder of captures).
  const dir = path.join(repoRoot, 'examples', 'leaky-service', 'profiles');
  const paths = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const a = new GrowthService().analyzeGrowth({ paths });
  assert.deepEqual(a.series.map((s) => [s.kind, s.paths.map((p) => path.basename(p))]), [
    ['heap', ['heap.0.pb.gz', 'heap.1.pb.gz', 'heap.2.pb.gz', 'heap.3.pb.gz']],
    ['allocs', ['allocs.pb.gz']],
    ['cpu', ['cpu.pb.gz']],
  ]);
  assert.deepEqual(a.skipped, []);
  assert.equal(a.report.snapshots.length, 4);
  assert.deepEqual(a.report.excluded, []);
  assert.deepEqual(a.report.warnings.filter((w) => w.code === 'incompatible' || w.code === 'excluded'), []);
  const top = suspects(a.report)[0];
  assert.deepEqual([path.basename(top.file), top.line, top.functionName, trendText(a.report, top)], ['audit.go', 15, 'main.recordRequest', '+22.22MB ↑3/3']);
});

test('profileKind: Go\'s /debug/pprof kinds from sample types and the default type', () => {
  const kindOf = (f: string) => profileKind(parseProfile(readFileSync(f), { inflater: nodeInflater }));
  const ex = (f: string) => path.join(repoRoot, 'examples', 'leaky-service', 'profiles', f);
  assert.deepEqual([kindOf(ex('heap.0.pb.gz')), kindOf(ex('allocs.pb.gz')), kindOf(ex('cpu.pb.gz'))], ['heap', 'allocs', 'cpu']);
  assert.equal(kindOf(fixture('external', 'agentinsight-goroutine.pb.gz')), 'goroutine');
  assert.equal(kindOf(fixture('external', 'ddtracego-block.after.pprof')), 'block/mutex');
  // Two heap snapshots and three goroutine ones: the heap series first; a lone kind last.
  const f = (kind: string) => ({ kind, fields: kind === 'heap' ? { sampleTypes: [{ type: 'inuse_space', unit: 'bytes' }], defaultSampleType: '', periodType: { type: 'space', unit: 'bytes' } } : kind === 'goroutine' ? { sampleTypes: [{ type: 'goroutine', unit: 'count' }], defaultSampleType: '', periodType: { type: 'goroutine', unit: 'count' } } : { sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }], defaultSampleType: '', periodType: { type: 'cpu', unit: 'nanoseconds' } } });
  const items = ['cpu', 'goroutine', 'heap', 'goroutine', 'heap', 'goroutine'].map(f);
  assert.deepEqual(groupByKind(items, (i) => i.fields as Parameters<typeof profileKind>[0]).map((g) => [g.kind, g.items.length]), [['heap', 2], ['goroutine', 3], ['cpu', 1]]);
});
