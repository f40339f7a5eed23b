// The memory timeline end to end, for real: examples/leaky-service built with Go's Prometheus
// client (GOPATH mode, -tags prometheus), a real Prometheus scraping it every second on
// loopback, bounded load from its loadgen, a restart of the service, two heap snapshots.
// Checks what the timeline says: the series are there, heap in-use grows (a sawtooth over the
// restart), the bytes retained per request are within 15% of what the service really retains
// per request (its live heap after a forced GC, before and after the load), the restart is found, the snapshots sit at their capture
// times; and what the CLI prints, and one line for each bad input. Without go or prometheus the
// test is skipped with the reason, except in CI, where they must be there.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { fetchText, saveCapture } from '../../src/capture/capture';
import { fetchProfile } from '../../src/capture/profileCapture';
import { analyzeTimeline, durationText } from '../../src/timeline/analysis';
import { DRAWN_METRICS } from '../../src/timeline/frame';
import { PrometheusClient, loadPrometheusFrame, windowFor } from '../../src/timeline/prometheusSource';
import { parseMemStats } from '../../src/timeline/memStats';
import { parsePromText, sumOf } from '../../src/timeline/promText';
import { snapshotMarkers } from '../../src/timeline/snapshots';
import { repoRoot } from '../support/fixtures';
import { exited, found, freePort, goBuild, goEnv, run, until, waitForLine } from '../support/processes';

const example = path.join(repoRoot, 'examples', 'leaky-service');
const inCI = process.env.CI === 'true';
const goFound = found('go', ['version']);
const promFound = found('prometheus', ['--version']);
const gocode = '/usr/share/gocode/src/github.com/prometheus/client_golang';
const clientFound = existsSync(gocode);
const missing = [!goFound && 'go (golang-go)', !promFound && 'prometheus', !clientFound && `Go's Prometheus client (golang-github-prometheus-client-golang-dev, ${gocode})`].filter(Boolean);
const skip = missing.length > 0 && !inCI ? `${missing.join(', ')} not installed (CI installs them)` : false;
if (skip) console.log(`# timeline: skipped: ${skip}`);

/** The live heap right after a forced GC: HeapAlloc of the MemStats block of heap?gc=1&debug=1. */
async function liveHeap(base: string): Promise<number> {
  return parseMemStats((await fetchText(`${base}/debug/pprof/heap?gc=1&debug=1`)).text).heapAlloc;
}

it('the timeline of the leaky service from a real Prometheus: sawtooth, bytes per request, restart, snapshots', { skip, timeout: 240_000 }, async () => {
  assert.deepEqual(missing, [], `required in CI: ${missing.join(', ')}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-timeline-'));
  const children: ChildProcess[] = [];
  const start = (cmd: string, args: string[]) => {
    const c = spawn(cmd, args, { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    c.stderr!.resume();
    children.push(c);
    return c;
  };
  try {
    // 1. Build the service with /metrics (GOPATH mode against Debian's client) and the load generator.
    goBuild(example, path.join(tmp, 'leaky-service'), '.', { env: { ...goEnv, GO111MODULE: 'off', GOPATH: '/usr/share/gocode' }, args: ['-tags', 'prometheus'] });
    goBuild(example, path.join(tmp, 'loadgen'), './loadgen');
    const serviceArgs = (addr: string) => ['-addr', addr, '-max-duration', '200s'];

    // 2. The service on a free loopback port, and Prometheus scraping it every second.
    let service = start(path.join(tmp, 'leaky-service'), serviceArgs('127.0.0.1:0'));
    const base = (await waitForLine(service, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 10_000))[1];
    const addr = base.replace('http://', '');
    const promPort = await freePort();
    const prom = `http://127.0.0.1:${promPort}`;
    writeFileSync(path.join(tmp, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: leaky\n    static_configs:\n      - targets: ['${addr}']\n`);
    start('prometheus', ['--config.file=prometheus.yml', `--web.listen-address=127.0.0.1:${promPort}`, `--storage.tsdb.path=${path.join(tmp, 'data')}`, '--storage.tsdb.retention.time=1h']);
    const client = new PrometheusClient(prom);
    await until('Prometheus to scrape the service', async () => ((await client.targets()).find((t) => t.health === 'up') ? true : undefined), 60_000, 250);
    const t0 = Date.now() / 1000;

    // 3. Load (2,000 requests at 100/s), a heap snapshot in the middle; restart; load again, a snapshot after.
    const load = () => run(path.join(tmp, 'loadgen'), ['-url', `${base}/work`, '-n', '2000', '-rate', '100', '-c', '2', '-timeout', '60s'], tmp, 90_000);
    const snaps = path.join(tmp, 'snaps');
    const snapshot = async () => {
      const at = new Date();
      const f = await fetchProfile(`${base}/debug/pprof/heap?gc=1`);
      await saveCapture(snaps, 'heap', at, f.bytes);
      return { at: at.getTime() / 1000 };
    };
    const first = load();
    await new Promise((r) => setTimeout(r, 8_000));
    const snap1 = await snapshot();
    assert.equal((await first).status, 0);
    const stoppedAt = Date.now() / 1000;
    service.kill('SIGTERM');
    await exited(service);
    service = start(path.join(tmp, 'leaky-service'), serviceArgs(addr));
    await waitForLine(service, /listening on/, 10_000);
    const restartedAt = Date.now() / 1000;
    const liveBefore = await liveHeap(base);
    assert.equal((await load()).status, 0);
    const snap2 = await snapshot();
    const served = sumOf(parsePromText((await fetchText(`${base}/metrics`)).text), 'http_requests_total')!;
    assert.equal(served, 2000);
    // What the service really retains per request: the growth of its live heap (after a forced GC) over the load.
    const realPerRequest = ((await liveHeap(base)) - liveBefore) / served;
    // Prometheus has scraped past the last snapshot.
    await until('a scrape after the load', async () => ((await client.targets())[0].health === 'up' && Date.now() / 1000 > snap2.at + 2 ? true : undefined), 10_000);

    // 4. The timeline over the whole run.
    const target = await client.target('leaky');
    const counters = await client.requestCounters(target);
    assert.equal(counters[0], 'http_requests_total');
    const now = Date.now() / 1000;
    const w = windowFor(now, Math.ceil(now - t0) + 2, target.scrapeInterval);
    assert.equal(w.step, 1);
    const tl = await loadPrometheusFrame(client, target, w, counters[0]);
    assert.deepEqual(tl.notes, []);
    const f = tl.frame;
    for (const id of DRAWN_METRICS) assert.ok(f.cols[id].filter((v) => v !== null).length >= 30, `${id}: ${f.cols[id].filter((v) => v !== null).length} samples`);
    const a = analyzeTimeline(f);

    // The restart, between the stop and the new process's first scrape.
    const restarts = a.restarts.filter((r) => r.reason !== 'gap');
    assert.equal(restarts.length, 1, JSON.stringify(a.restarts));
    assert.ok(restarts[0].t >= stoppedAt - 1 && restarts[0].t <= restartedAt + 3, `${restarts[0].t} not in [${stoppedAt}, ${restartedAt}]`);

    // Heap in-use grows in both lives of the process: a sawtooth.
    const heap = a.trends.find((t) => t.id === 'heapInuse')!;
    assert.match(heap.line, /^heap in-use: grows ~\d+(\.\d)? MB\/min with no steady state over 1 restart \(sawtooth\)$/);

    // Bytes retained per request, within 15% of the live heap's growth per request.
    const p = a.perRequest;
    assert.ok(p.correlated, p.line);
    const err = Math.abs(p.bytesPerRequest! - realPerRequest) / realPerRequest;
    console.log(`# timeline: ${p.line}; the live heap grew ${realPerRequest.toFixed(0)} B per request (${(err * 100).toFixed(1)}% off)`);
    assert.ok(err < 0.15, `${p.bytesPerRequest} B per request vs ${realPerRequest} B of live heap`);
    assert.match(p.line, /^≈ \d+\.\d kB retained per request \(r = (0\.9\d|1\.00)\)$/);

    // Snapshot markers at their capture times (file names keep the second).
    const marks = snapshotMarkers(readdirSync(snaps), f.t[0], f.t[f.t.length - 1] + 5);
    assert.deepEqual(marks.map((m) => Math.floor(m.t)), [Math.floor(snap1.at), Math.floor(snap2.at)]);

    // 5. The CLI prints the same verdicts.
    const dist = path.join(repoRoot, 'dist', 'cli.js');
    const cli = existsSync(dist) ? [dist] : ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts')];
    const r = await run(process.execPath, [...cli, '-timeline', '-job', 'leaky', `-range=${Math.ceil(now - t0) + 2}s`, prom], repoRoot, 60_000);
    assert.equal(r.status, 0, r.stderr);
    console.log(r.stdout.replace(/^/gm, '# cli: '));
    const out = r.stdout.split('\n');
    assert.equal(out[0], `Prometheus ${prom} job="leaky" instance="${addr}", last ${durationText(Math.ceil(now - t0) + 2)} at 1s steps, requests from http_requests_total`);
    assert.match(r.stdout, /^heap in-use: grows ~[\d.]+ MB\/min with no steady state over 1 restart \(sawtooth\)$/m);
    assert.match(r.stdout, /^per request: ≈ \d+\.\d kB retained per request \(r = (0\.9\d|1\.00)\)$/m);
    const direct = await run(process.execPath, [...cli, '-timeline', '-interval=1s', '-duration=2s', base], repoRoot, 30_000);
    assert.equal(direct.status, 0, direct.stderr);
    assert.equal(direct.stdout.split('\n')[0], `service ${base} (/metrics), 3 scrapes 1s apart, requests from http_requests_total`);

    // 6. Bad input, one line each.
    const noJob = await run(process.execPath, [...cli, '-timeline', '-job', 'nosuch', prom], repoRoot, 30_000);
    assert.deepEqual([noJob.status, noJob.stderr], [1, `pprof-lens: no target with job="nosuch" on ${prom}; jobs: leaky\n`]);
    const notProm = await run(process.execPath, [...cli, '-timeline', '-job', 'leaky', base], repoRoot, 30_000);
    assert.equal(notProm.status, 1);
    assert.match(notProm.stderr, new RegExp(`^pprof-lens: ${base} is not a Prometheus server: /api/v1/targets answered HTTP 404; give the Prometheus URL \\(e\\.g\\. http://localhost:9090\\) or a service URL\\n$`));
    await assert.rejects(client.queryRange('sum(', w), /^TimelineError: Prometheus query failed \(bad_data\): .*parse error/);
    const empty = await client.queryRange('go_goroutines{job="nosuch"}', w);
    assert.deepEqual(empty, { t: [], v: [] });
    service.kill('SIGTERM');
    await exited(service);
    const down = await until('Prometheus to see the target down', async () => ((await client.targets())[0].health === 'down' ? client.target('leaky') : undefined), 15_000, 250);
    const afterDown = await loadPrometheusFrame(client, down, w, counters[0]);
    assert.match(afterDown.notes[0], new RegExp(`^target ${addr.replace(/\./g, '\\.')} \\(job leaky\\) is down: .*connection refused`));
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
    await Promise.all(children.map(exited));
    rmSync(tmp, { recursive: true, force: true });
  }
});
