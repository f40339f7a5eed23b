// The Memory Timeline in a real VS Code: examples/leaky-service built with Go's Prometheus
// client (-tags prometheus, GOPATH mode) on 127.0.0.1 under bounded load; Show Memory
// Timeline… picks "Service…" and its URL in the quick pick; the panel shows the scraped series
// and the verdicts; "Snapshot now" captures a heap profile whose marker appears on the chart;
// two more snapshots a few hundred requests apart; a drag over an empty stretch of the chart is one
// quiet line, a drag over the three markers runs Analyze Growth (Leak Suspects' first row is the
// leak, audit.go's make line) and the report's top suspect joins the chart as its own series;
// clicking a marker opens that profile in pprof Lens's editor; the service going down is one
// status line while the chart keeps what it had.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { goBuild, goEnv, waitForLine } from '../test/support/processes';
import { closeQuickInput, openQuickInput, screenshot, suspectRows, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'leaky-service');

/** Runs a palette command once the extension's contributions are there (the palette does not refresh while open). */
async function runCommandWhenContributed(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const input = await openQuickInput(page);
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: title }) }).first();
    if (await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      await row.click();
      return;
    }
    await closeQuickInput(page);
    if (Date.now() > deadline) throw new Error(`the command "${title}" never appeared in the palette`);
  }
}

/** The service's http_requests_total, from its /metrics. */
async function requestsServed(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Drags across the timeline's plot from x1 to x2 (page pixels), halfway down. */
async function dragAcross(page: Page, view: FrameLocator, x1: number, x2: number): Promise<void> {
  const over = await view.locator('.u-over').boundingBox();
  assert.ok(over, 'the plot has no box');
  const y = over.y + over.height / 2;
  await page.mouse.move(x1, y);
  await page.mouse.down();
  await page.mouse.move((x1 + x2) / 2, y, { steps: 4 });
  await page.mouse.move(x2, y, { steps: 4 });
  await page.mouse.up();
}

/** The horizontal center of a marker, in page pixels (waits until it is laid out). */
async function centerX(marker: ReturnType<FrameLocator['locator']>): Promise<number> {
  let box: Awaited<ReturnType<typeof marker.boundingBox>> = null;
  await waitUntil(async () => (box = await marker.boundingBox()) !== null, 10_000);
  assert.ok(box, 'the marker has no box');
  const b: { x: number; width: number } = box;
  return b.x + b.width / 2;
}

export const cases: E2eCase[] = [
  {
    name: 'Memory Timeline: pick a service, see its series and verdicts, Snapshot now, click the marker to open the profile',
    timeoutMs: 5 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-timeline-'));
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-timeline-bin-'));
      const children: ChildProcess[] = [];
      try {
        // 1. The service with /metrics, on a free loopback port, bounded; its load generator.
        goBuild(EXAMPLE, path.join(tmp, 'leaky-service'), '.', { env: { ...goEnv, GO111MODULE: 'off', GOPATH: '/usr/share/gocode' }, args: ['-tags', 'prometheus'] });
        goBuild(EXAMPLE, path.join(tmp, 'loadgen'), './loadgen');
        const service = spawn(path.join(tmp, 'leaky-service'), ['-addr', '127.0.0.1:0', '-max-duration', '240s'], { stdio: ['ignore', 'pipe', 'ignore'] });
        children.push(service);
        const base = (await waitForLine(service, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 10_000))[1];
        const loadgen = spawn(path.join(tmp, 'loadgen'), ['-url', `${base}/work`, '-n', '20000', '-rate', '100', '-c', '2', '-timeout', '200s'], { stdio: 'ignore' });
        children.push(loadgen);

        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'pprofLens.timeline.scrapeIntervalSeconds': 1 }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 2. Show Memory Timeline…: the quick pick offers the sources; pick Service… and give its URL.
          await runCommandWhenContributed(page, 'pprof Lens: Show Memory Timeline…');
          const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Service…' }).first();
          await row.waitFor({ state: 'visible', timeout: 30_000 });
          await row.click();
          const input = page.locator('.quick-input-widget input.input').first();
          await waitUntil(async () => (await input.isVisible()) && (await input.inputValue()) === 'http://localhost:8080', 30_000, 100);
          await input.fill(base);
          await page.keyboard.press('Enter');

          // 3. The panel: the source line, the series in the legend, verdicts once a few scrapes are in.
          const view = webviewFrame(page);
          await view.locator('.tl-source', { hasText: `service ${base} (/metrics), every 1s, requests from http_requests_total` }).waitFor({ state: 'visible', timeout: 60_000 });
          const legend = (await view.locator('.u-legend .u-series .u-label').allTextContents()).map((s) => s.trim());
          assert.deepEqual(legend.slice(1), ['RSS', 'heap in-use', 'heap alloc', 'goroutines', 'request rate']);
          const heapVerdict = view.locator('.tl-verdicts li', { hasText: /^heap in-use: grows ~[\d.]+ [kM]B\/min with no steady state$/ });
          await heapVerdict.waitFor({ state: 'visible', timeout: 60_000 });
          await view.locator('.tl-verdicts li.tl-per-request', { hasText: /^per request: / }).waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'timeline-1-series');

          // 4. Snapshot now: a heap profile lands in .pprof and its marker appears on the chart.
          await view.locator('button', { hasText: 'Snapshot now' }).click();
          const marker = view.locator('button.tl-snapshot').first();
          await marker.waitFor({ state: 'visible', timeout: 30_000 });
          const saved = readdirSync(path.join(folder, '.pprof')).filter((f) => /^heap-.*\.pb\.gz$/.test(f));
          assert.equal(saved.length, 1, `files: ${saved.join(', ')}`);
          assert.equal(await marker.getAttribute('aria-label'), `snapshot ${saved[0]}`);
          await view.locator('.tl-status', { hasText: new RegExp(`^saved ${saved[0].replace(/\./g, '\\.')}$`) }).waitFor({ state: 'visible', timeout: 10_000 });
          // The chart redraws on every scrape; the marker is the same element after it, still focused.
          await marker.focus();
          await marker.evaluate((b) => b.setAttribute('data-probe', '1'));
          const verdict = view.locator('.tl-verdicts li').first();
          await verdict.evaluate((li) => li.setAttribute('data-probe', '1'));
          await view.locator('.tl-verdicts li[data-probe]').waitFor({ state: 'detached', timeout: 30_000 });
          assert.equal(await view.locator('button.tl-snapshot[data-probe]:focus').count(), 1, 'a scrape rebuilt the focused snapshot marker');
          await screenshot(page, 'timeline-2-snapshot-marker');

          // 5. Two more snapshots, each after 1200 more requests: the leak's 10 KB entries are sampled
          // at 1 in ~52 (MemProfileRate 512 KB), so ~23 samples per interval keep the two intervals'
          // growth even enough for a steady leak (with 300, one interval at 3x the other came out "growing").
          for (const n of [2, 3]) {
            const before = await requestsServed(base);
            await waitUntil(async () => (await requestsServed(base)) >= before + 1200, 60_000, 250);
            await view.locator('button', { hasText: 'Snapshot now' }).click();
            await waitUntil(async () => (await view.locator('button.tl-snapshot').count()) === n, 30_000);
          }
          const snaps = readdirSync(path.join(folder, '.pprof')).filter((f) => /^heap-.*\.pb\.gz$/.test(f)).sort();
          assert.equal(snaps.length, 3, `files: ${snaps.join(', ')}`);
          await view.locator('.tl-hint', { hasText: 'Drag across the chart to analyze growth over the heap snapshots inside the selection.' }).waitFor({ state: 'visible' });

          // 6. A drag over a stretch without snapshots: one quiet line, nothing analyzed.
          const overBox = (await view.locator('.u-over').boundingBox())!;
          const firstX = await centerX(view.locator('button.tl-snapshot').first());
          await dragAcross(page, view, overBox.x + 4, Math.min(firstX - 30, overBox.x + 60));
          await view.locator('.tl-status:not(.tl-error)', { hasText: /^no heap snapshot in the selection: Analyze Growth needs 2 or more \(take them with Snapshot now, a few requests apart\)$/ }).waitFor({ state: 'visible', timeout: 10_000 });
          await screenshot(page, 'timeline-3-empty-selection');

          // 7. A drag over the three markers: Analyze Growth on those files; the leak is Leak Suspects' first row.
          const lastX = await centerX(view.locator('button.tl-snapshot').last());
          await dragAcross(page, view, (await centerX(view.locator('button.tl-snapshot').first())) - 12, lastX + 12);
          const audit = readFileSync(path.join(EXAMPLE, 'audit.go'), 'utf8');
          const makeLine = audit.split('\n').findIndex((l) => l.includes('make([]byte, 10*1024)')) + 1;
          assert.ok(makeLine > 0);
          const first = new RegExp(`^audit\\.go:${makeLine} main\\.recordRequest.*↑2/2`);
          let rows: string[] = [];
          await waitUntil(async () => first.test((rows = await suspectRows(page))[0] ?? ''), 60_000);
          assert.match(rows[0] ?? '', first, `first suspect: ${rows[0]} (all: ${JSON.stringify(rows)})`);
          await view.locator('.tl-status', { hasText: 'analyzed growth across 3 snapshots: see Leak Suspects' }).waitFor({ state: 'visible', timeout: 30_000 });

          // 8. The report's top suspect on the chart: a series of its own, named by its line and function.
          const suspectName = `audit.go:${makeLine} main.recordRequest`;
          await view.locator('.u-legend .u-series .u-label', { hasText: suspectName }).waitFor({ state: 'visible', timeout: 30_000 });
          const legend2 = (await view.locator('.u-legend .u-series .u-label').allTextContents()).map((t) => t.trim());
          assert.deepEqual(legend2.slice(1), ['RSS', 'heap in-use', 'heap alloc', 'goroutines', 'request rate', suspectName]);
          await screenshot(page, 'timeline-4-growth-overlay');

          // 9. Clicking the marker opens that profile in pprof Lens's editor.
          await marker.click();
          await page.locator('.tab .label-name', { hasText: saved[0] }).first().waitFor({ state: 'visible', timeout: 60_000 });
          await screenshot(page, 'timeline-5-profile-opened');

          // 10. The service goes down: one status line, the chart keeps what it had.
          for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
          // The profile's webview is the last one now: find the timeline's by its content.
          const frames = page.frameLocator('iframe.webview.ready');
          const n = await page.locator('iframe.webview.ready').count();
          let timeline = view;
          for (let i = 0; i < n; i++) {
            const f = frames.nth(i).frameLocator('iframe#active-frame');
            if ((await f.locator('.tl-source').count()) > 0) timeline = f;
          }
          // A scrape in flight when the service died reads "reset"; the panel keeps scraping every
          // second, so the next one reads "refused": wait for that state, then assert its exact text.
          const refused = new RegExp(`^${base.replace(/\./g, '\\.')}/metrics: connection refused by 127\\.0\\.0\\.1:\\d+: is the service running and listening on that port\\?$`);
          const status = timeline.locator('.tl-status.tl-error', { hasText: refused });
          await status.waitFor({ state: 'visible', timeout: 30_000 });
          assert.match((await status.textContent()) ?? '', refused);
          assert.equal(await timeline.locator('.tl-verdicts li', { hasText: /^heap in-use: grows/ }).count(), 1, 'the verdicts stay');
          assert.equal(await timeline.locator('.u-over').count(), 1, 'the chart stays');
          await screenshot(page, 'timeline-6-service-down');
        });
      } finally {
        for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
        rmSync(folder, { recursive: true, force: true });
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
