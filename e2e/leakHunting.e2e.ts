// The classic leak hunt in a real VS Code: a Go service leaking 10 KB per request (built from
// examples/leaky-service with go, running on 127.0.0.1 under its loadgen), a heap snapshot series
// started from the command palette through its input boxes, one snapshot failing because the
// service is briefly unreachable (a local proxy in front of it goes down), the series going on,
// the Leak Suspects view's first entry on audit.go's make line, and Go to Fastest-Growing Line
// putting the cursor there. The service and the load stop by themselves (bounded) and are killed
// by PID at the end.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { goBuild, waitForLine } from '../test/support/processes';
import { activeEditor, closeQuickInput, cursorLine, decorationTexts, openFile, openQuickInput, runCommand, screenshot, suspectRows, waitForNotification, waitUntil, withWorkbench } from './lib/workbench';

const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const FIXTURES = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'leaky-service');
// No module downloads, no toolchain switch, no -trimpath from the user's GOFLAGS.
const INTERVAL_S = 2;
const COUNT = 5;
/** The heap request (1-based) the proxy fails, as if the service had stopped for a moment. */
const FAILED_ATTEMPT = 3;

/**
 * A proxy in front of the service on 127.0.0.1. Heap request number `failAt` finds the service
 * "stopped": the connection is dropped and the proxy stops listening for a second.
 */
async function startProxy(target: string, failAt: number): Promise<{ url: string; heapRequests: () => number; close: () => Promise<void> }> {
  let heap = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/debug/pprof/heap')) {
      heap++;
      if (heap === failAt) {
        req.socket.destroy();
        server.close();
        setTimeout(() => server.listen(port, '127.0.0.1'), 1000);
        return;
      }
    }
    const up = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    heapRequests: () => heap,
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

/**
 * Runs a palette command once the extension's contributions are there: right after the workbench
 * is ready, the remote extension host may still be scanning, and an open palette does not refresh.
 */
async function runCommandWhenContributed(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const input = await openQuickInput(page);
    await input.fill(`>${title}`);
    const row = page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
      .first();
    if (await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      // Click, and do not wait for the palette to close: the command's own input reuses the widget.
      await row.click();
      return;
    }
    await closeQuickInput(page);
    if (Date.now() > deadline) throw new Error(`the command "${title}" never appeared in the palette`);
  }
}

/** The quick input once a command's own box replaced the palette (its value no longer starts with ">"). */
async function commandInput(page: Page) {
  const input = page.locator('.quick-input-widget input.input').first();
  const ok = await waitUntil(async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'), 30_000, 100);
  assert.ok(ok, 'the command opened no input box');
  return input;
}

/** Fills the open input box with `value` and accepts it. */
async function answerInputBox(page: Page, value: string): Promise<void> {
  const input = await commandInput(page);
  await input.fill(value);
  await page.keyboard.press('Enter');
  // The next box reuses the widget: wait until the value we typed is gone from it.
  await waitUntil(async () => !(await input.isVisible()) || (await input.inputValue()) !== value, 10_000, 100);
}

export const cases: E2eCase[] = [
  {
    name: 'live heap series from the running leaky service: a failed snapshot is survived, the leak is first, the cursor lands on it',
    timeoutMs: 4 * 60_000,
    run: async () => {
      const goFound = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
      assert.ok(goFound, 'this case builds examples/leaky-service: install go (CI installs golang-go)');
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-leakhunt-'));
      const folder = path.join(tmp, 'leaky-service');
      const children: ChildProcess[] = [];
      let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
      try {
        // 1. The workspace is a copy of the service's sources, built there: the profile's paths are its files.
        cpSync(EXAMPLE, folder, { recursive: true, filter: (src) => !src.includes(`${path.sep}profiles`) });
        goBuild(folder, path.join(tmp, 'leaky-service-bin'), '.');
        goBuild(folder, path.join(tmp, 'loadgen-bin'), './loadgen');
        const makeLine = readFileSync(path.join(folder, 'audit.go'), 'utf8').split('\n').findIndex((l) => l.includes('make([]byte, 10*1024)')) + 1;
        assert.ok(makeLine > 0);

        // 2. The service on a free loopback port, bounded (it stops by itself), and the proxy in front.
        const service = spawn(path.join(tmp, 'leaky-service-bin'), ['-addr', '127.0.0.1:0', '-max-requests', '200000', '-max-duration', '150s'], { stdio: ['ignore', 'pipe', 'ignore'] });
        children.push(service);
        const base = (await waitForLine(service, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 10_000))[1];
        proxy = await startProxy(base, FAILED_ATTEMPT);

        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 3. Load (bounded by -n and -timeout) through the whole series, straight to the service.
          const loadgen = spawn(path.join(tmp, 'loadgen-bin'), ['-url', `${base}/work`, '-n', '30000', '-rate', '400', '-c', '4', '-timeout', '60s'], { stdio: 'ignore' });
          children.push(loadgen);

          // 4. Start Snapshot Series… through its three input boxes: URL, interval, count.
          await runCommandWhenContributed(page, 'pprof Lens: Start Snapshot Series…');
          await answerInputBox(page, proxy!.url);
          await answerInputBox(page, String(INTERVAL_S));
          await answerInputBox(page, String(COUNT));
          await page.locator('.statusbar-item', { hasText: /heap \d\/5/ }).first().waitFor({ state: 'visible', timeout: 30_000 });

          // 5. The failed snapshot is reported, naming the URL; the series goes on to the end.
          const failure = await waitForNotification(page, new RegExp(`snapshot ${FAILED_ATTEMPT}/${COUNT} failed`), 60_000);
          assert.ok(failure.includes(proxy!.url), `the failure names the URL: ${failure}`);
          assert.match(failure, /series goes on/);
          await screenshot(page, 'leakHunting-1-failed-snapshot');
          const done = await waitForNotification(page, /snapshot series done/, 60_000);
          assert.match(done, new RegExp(`${COUNT - 1} snapshots saved in \\.pprof, 1 failed`));
          const saved = readdirSync(path.join(folder, '.pprof')).filter((f) => /^heap-.*\.pb\.gz$/.test(f));
          assert.equal(saved.length, COUNT - 1, `files on disk: ${saved.join(', ')}`);
          assert.equal(proxy!.heapRequests(), COUNT);

          // 6. The Leak Suspects view's first entry is the leaking line.
          let rows: string[] = [];
          // The last snapshot's report lands right after the series' end: wait for all 4 (3 intervals).
          const first = new RegExp(`^audit\\.go:${makeLine} main\\.recordRequest.*↑3/3`);
          await waitUntil(async () => first.test((rows = await suspectRows(page))[0] ?? ''), 30_000);
          assert.ok(rows.length > 0, 'the Leak Suspects view lists nothing');
          assert.match(rows[0], first, `first suspect: ${rows[0]} (all: ${JSON.stringify(rows)})`);
          await screenshot(page, 'leakHunting-2-leak-suspects');

          // 7. Go to Fastest-Growing Line: audit.go opens with the cursor on the make line.
          await runCommand(page, 'pprof Lens: Go to Fastest-Growing Line');
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'audit.go' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const line = await waitUntil(async () => ((await cursorLine(page)) === makeLine ? makeLine : undefined), 30_000);
          assert.equal(line, makeLine, `cursor on line ${await cursorLine(page)}, expected ${makeLine}`);
          // The trend is drawn in the column before the code (seen whatever the line's length).
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'make([]byte, 10*1024)' }).first();
          let before = '';
          const trend = await waitUntil(async () => {
            before = (await lineEl.evaluate((el) => Array.from(el.querySelectorAll('span')).map((s) => getComputedStyle(s, '::before').content).join(' '))) ?? '';
            return /\+\d[\d.]*MB\s↑3\/3/.test(before.replace(/\u00a0/g, ' '));
          }, 30_000);
          assert.ok(trend, `no trend before the make line: ${before}`);
          await screenshot(page, 'leakHunting-3-fastest-growing-line');

          // 8. The hover shows the sparkline (an SVG image) and the numbers per snapshot.
          await lineEl.hover({ position: { x: 60, y: 5 } });
          const hover = page.locator('.monaco-hover-content', { hasText: 'pprof Lens growth' }).first();
          await hover.waitFor({ state: 'visible', timeout: 30_000 });
          assert.ok((await hover.locator('img[src^="data:image/svg+xml"]').count()) > 0, 'no sparkline image in the hover');
          const hoverText = (await hover.textContent()) ?? '';
          assert.ok(saved.every((f) => hoverText.includes(f)), `the hover lists every snapshot: ${hoverText}`);
          // The hover fades in: wait until it is opaque.
          await waitUntil(async () => (await hover.evaluate((el) => getComputedStyle(el.closest('.monaco-hover') ?? el).opacity)) === '1', 10_000);
          await screenshot(page, 'leakHunting-4-hover-sparkline');
        });
      } finally {
        for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
        await proxy?.close();
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'Compare with Base Profile…: signed -diff_base deltas on main.go:25, before/after/delta hover, Clear Comparison',
    timeoutMs: 4 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-compare-'));
      for (const f of ['main.go', 'go.mod', 'heap.0.pprof', 'heap.3.pprof']) copyFileSync(path.join(FIXTURES, 'leaky', f), path.join(folder, f));
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. heap.3.pprof becomes the active profile.
          const input = await openQuickInput(page);
          await input.fill('heap.3.pprof');
          await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'heap.3.pprof' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          await page.keyboard.press('Enter');
          await page.locator('.statusbar-item', { hasText: 'heap.3.pprof · inuse_space' }).first().waitFor({ state: 'visible', timeout: 90_000 });

          // 2. Compare with Base Profile…: the file dialog (typed path), then -diff_base.
          await runCommandWhenContributed(page, 'pprof Lens: Compare with Base Profile…');
          // VS Code's file dialog sets its box to the folder once it has listed it: type after
          // that (the folder's files are rows), and again if the typed path was overwritten.
          const box = await commandInput(page);
          await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'heap.0.pprof' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const basePath = path.join(folder, 'heap.0.pprof');
          const typed = await waitUntil(async () => {
            if ((await box.inputValue()) !== basePath) await box.fill(basePath);
            return (await box.inputValue()) === basePath;
          }, 10_000, 200);
          assert.ok(typed, `the file dialog kept "${await box.inputValue()}", not the typed path`);
          await page.keyboard.press('Enter');
          const diffBase = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: '-diff_base' }).first();
          await diffBase.waitFor({ state: 'visible', timeout: 30_000 });
          await diffBase.click();
          const status = page.locator('.statusbar-item', { hasText: 'heap.3.pprof vs heap.0.pprof · inuse_space · +' }).first();
          await status.waitFor({ state: 'visible', timeout: 60_000 });

          // 3. main.go:25 shows -list -diff_base's numbers, signed (heap.3-diff_base-heap.0.list_TrackRequest.txt).
          await openFile(page, 'main.go');
          let seen: string | undefined;
          const ok = await waitUntil(async () => {
            const t = await decorationTexts(page, 25).catch(() => undefined);
            seen = t?.before.find((x) => /\S/.test(x))?.replace(/\s+/g, ' ').trim();
            return seen === '+48.47MB +48.47MB';
          }, 60_000);
          assert.ok(ok, `main.go:25 annotation: ${JSON.stringify(seen)}`);
          await screenshot(page, 'leakHunting-5-compare-annotations');

          // 4. The hover: before, after and delta for every sample type.
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'buf := make([]byte, 10*1024)' }).first();
          await lineEl.hover({ position: { x: 400, y: 5 } });
          const hover = page.locator('.monaco-hover-content', { hasText: 'pprof Lens' }).first();
          await hover.waitFor({ state: 'visible', timeout: 30_000 });
          const text = (await hover.textContent()) ?? '';
          for (const t of ['before', 'after', 'delta', '+48.47MB', '49.48MB', 'alloc_objects', 'inuse_objects']) assert.ok(text.includes(t), `hover lacks ${t}: ${text}`);
          // The hover fades in: wait until it is opaque.
          await waitUntil(async () => (await hover.evaluate((el) => getComputedStyle(el.closest('.monaco-hover') ?? el).opacity)) === '1', 10_000);
          await screenshot(page, 'leakHunting-6-compare-hover');
          await page.keyboard.press('Escape');

          // 5. Clear Comparison: the profile's own numbers again.
          await runCommand(page, 'pprof Lens: Clear Comparison');
          const back = await waitUntil(async () => {
            const t = await decorationTexts(page, 25).catch(() => undefined);
            return t?.before.find((x) => /\S/.test(x))?.replace(/\s+/g, ' ').trim() === '49.48MB 49.48MB';
          }, 30_000);
          assert.ok(back, 'Clear Comparison did not restore 49.48MB on main.go:25');
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
