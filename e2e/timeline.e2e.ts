// The Memory Timeline in a real VS Code: examples/leaky-service built with Go's Prometheus
// client (-tags prometheus, GOPATH mode) on 127.0.0.1 under bounded load; Show Memory
// Timeline… picks "Service…" and its URL in the quick pick; the panel shows the scraped series
// and the verdicts; "Snapshot now" captures a heap profile whose marker appears on the chart;
// clicking the marker opens that profile in pprof Lens's editor; the service going down is one
// status line while the chart keeps what it had.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { goBuild, goEnv, waitForLine } from '../test/support/processes';
import { closeQuickInput, openQuickInput, screenshot, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

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
          await screenshot(page, 'timeline-2-snapshot-marker');

          // 5. Clicking the marker opens that profile in pprof Lens's editor.
          await marker.click();
          await page.locator('.tab .label-name', { hasText: saved[0] }).first().waitFor({ state: 'visible', timeout: 60_000 });
          await screenshot(page, 'timeline-3-profile-opened');

          // 6. The service goes down: one status line, the chart keeps what it had.
          for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
          // The profile's webview is the last one now: find the timeline's by its content.
          const frames = page.frameLocator('iframe.webview.ready');
          const n = await page.locator('iframe.webview.ready').count();
          let timeline = view;
          for (let i = 0; i < n; i++) {
            const f = frames.nth(i).frameLocator('iframe#active-frame');
            if ((await f.locator('.tl-source').count()) > 0) timeline = f;
          }
          const status = timeline.locator('.tl-status.tl-error');
          await status.waitFor({ state: 'visible', timeout: 30_000 });
          assert.match((await status.textContent()) ?? '', new RegExp(`^${base.replace(/\./g, '\\.')}/metrics: connection refused by 127\\.0\\.0\\.1:\\d+: is the service running and listening on that port\\?$`));
          assert.equal(await timeline.locator('.tl-verdicts li', { hasText: /^heap in-use: grows/ }).count(), 1, 'the verdicts stay');
          assert.equal(await timeline.locator('.u-over').count(), 1, 'the chart stays');
          await screenshot(page, 'timeline-4-service-down');
        });
      } finally {
        for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
        rmSync(folder, { recursive: true, force: true });
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
