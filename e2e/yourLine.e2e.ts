// "Point at the user's own line" in a real VS Code, on a goroutine leak: examples/leaky-service
// (copied to a temp folder, built there with -trimpath as a production build is) runs on
// 127.0.0.1; each /subscribe starts a listener goroutine that blocks forever on a channel receive
// in notify.go. A series of 4 goroutine profiles is captured from /debug/pprof at test time.
// Analyze Growth on its folder: the Leak Suspects view's first suspect is listen's receive line
// (not pprof's leaf, runtime.gopark) with its wait reason; Go to Fastest-Growing Line lands there;
// on one goroutine profile, Go to Hottest Line and the status bar agree on that line.
// And on the blog post's replica (examples/request-tracker, -trimpath): Go to Hottest Line, its
// hover, the status bar, the Leak Suspects view and Go to Fastest-Growing Line all point at Track's
// append line "via bytes.Repeat"; the view's toggle gives pprof's leaf (bytes.Repeat) back.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCli } from '../src/cli/run';
import { percentage } from '../src/core/measurement';
import { goBuild, series, start } from '../test/support/exampleSeries';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { activeEditor, cursorLine, openQuickInput, runCommand, screenshot, waitUntil, withWorkbench } from './lib/workbench';

const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'leaky-service');
/** Subscriptions per snapshot interval: listeners after snapshot i are PER_SLOT × (i + 1). */
const PER_SLOT = 150;
const TRACKER = path.join(REPO_ROOT, 'examples', 'request-tracker');

/** A row of the Explorer tree by its exact name. */
function explorerRow(page: Page, name: string) {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
    .first();
}

/** The Leak Suspects pane (firstRow expands it). */
async function suspectsPane(page: Page) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Leak Suspects/i }) });
}

/** Label and description of the first row of a tree pane, whitespace-normalized. */
async function firstRow(pane: ReturnType<Page['locator']>): Promise<{ label: string; description: string } | undefined> {
  // Expanded on every probe: Analyze Growth reveals the view itself, and a click that lands just
  // after that reveal collapses it again (seen under load), so one click up front is not enough.
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') {
    await header.click();
    return undefined;
  }
  const row = pane.locator('.monaco-list-row').first();
  if (!(await row.isVisible().catch(() => false))) return undefined;
  const norm = (t: string | null) => (t ?? '').replace(/\s+/g, ' ').trim();
  return { label: norm(await row.locator('.label-name').first().textContent()), description: norm(await row.locator('.label-description').first().textContent().catch(() => '')) };
}

/** `go tool pprof -list=REGEX` on one profile: the flat and cum it prints for `line` (the oracle, run now); sources under `sourcePath`. */
function pprofList(profile: string, regex: string, sampleIndex: string, line: number, sourcePath: string): { flat: string; cum: string } {
  const out = execFileSync('go', ['tool', 'pprof', `-sample_index=${sampleIndex}`, `-source_path=${sourcePath}`, `-list=${regex}`, profile], { encoding: 'utf8' });
  for (const l of out.split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(l);
    if (m && Number(m[3]) === line) return { flat: m[1], cum: m[2] };
  }
  throw new Error(`line ${line} not in go tool pprof -list=${regex} ${profile}:\n${out}`);
}

/** Runs a pane's title-bar action by its title (the actions show when the pane is hovered). */
async function paneAction(page: Page, paneTitle: RegExp, actionTitle: string): Promise<void> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: paneTitle }) });
  await pane.locator('.pane-header').first().hover();
  await pane.locator(`.pane-header .action-label[aria-label="${actionTitle}"]`).first().click();
}

/** Builds the example in `folder` with -trimpath, runs it, captures a series, stops it (killed by PID). */
async function captureSeries(folder: string, bin: string, ...args: Parameters<typeof series> extends [unknown, ...infer R] ? R : never): Promise<string[]> {
  assert.ok(spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0, 'this case builds a Go example: install go (CI installs golang-go)');
  goBuild(folder, bin, true);
  const s = await start(bin);
  try {
    return await series(s, ...args);
  } finally {
    s.child.kill();
  }
}

/**
 * Analyze Growth on an Explorer folder from its context menu. Right after start the extension's
 * menu contributions may not be there yet (the remote extension host is still scanning, and an
 * open menu does not refresh): the menu is reopened until they are, then clicked until it closes.
 */
async function analyzeGrowthOn(page: Page, folderName: string): Promise<void> {
  const dir = explorerRow(page, folderName);
  await dir.waitFor({ state: 'visible', timeout: 90_000 });
  const menuItem = page.locator('.context-view .action-item .action-label', { hasText: /^Analyze Growth$/ }).first();
  const menuShown = await waitUntil(async () => {
    await dir.click({ button: 'right' });
    if (await menuItem.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return false;
  }, 90_000, 500);
  assert.ok(menuShown, 'the Explorer context menu never offered Analyze Growth');
  // A click that lands while the menu is still settling (a busy machine) is dropped: click until it closes.
  const menuClosed = await waitUntil(async () => {
    if (await menuItem.isVisible()) await menuItem.click({ timeout: 5_000 }).catch(() => undefined);
    return !(await menuItem.isVisible());
  }, 60_000, 1_000);
  assert.ok(menuClosed, 'the Explorer context menu did not run Analyze Growth');
}

export const cases: E2eCase[] = [
  {
    name: 'goroutine leak from the live leaky service: the first suspect is listen\'s receive line with "chan receive", the cursor lands on it',
    timeoutMs: 6 * 60_000,
    run: async () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-yourline-'));
      const folder = path.join(tmp, 'leaky-service');
      try {
        // 1. The workspace: the service's sources, and a goroutine series captured from it now.
        cpSync(EXAMPLE, folder, { recursive: true, filter: (src) => !src.includes(`${path.sep}profiles`) });
        const files = await captureSeries(folder, path.join(tmp, 'leaky-service-bin'), path.join(folder, 'goroutines'), '/subscribe', PER_SLOT, 'goroutine', 'goroutine');
        const recvLine = readFileSync(path.join(folder, 'notify.go'), 'utf8').split('\n').findIndex((l) => l.includes('for u := range updates')) + 1;
        assert.ok(recvLine > 0);
        // The slope is the CLI's, on the same files (its column is the same engine's number).
        const cli = runCli(['-growth', ...files], { cwd: folder });
        assert.equal(cli.status, 0, cli.stderr);
        const cliRow = cli.stdout.split('\n')[1] ?? '';
        assert.match(cliRow, new RegExp(`^\\s+1\\s+main\\.listen\\s+example\\.com/leaky-service/notify\\.go:${recvLine}\\s+${PER_SLOT}\\s+${4 * PER_SLOT}\\s+\\+${3 * PER_SLOT}\\s`), cli.stdout);
        const slope = /\s(\+\d+)\s+3\/3\s/.exec(cliRow)?.[1];
        assert.ok(slope, `no slope in ${cliRow}`);

        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 2. Analyze Growth on the goroutines folder, from the Explorer's context menu.
          await analyzeGrowthOn(page, 'goroutines');

          // 3. The first suspect: listen's receive line, its trend and slope, and the goroutine sentence
          // with the wait reason (pprof's leaf would be runtime.gopark in proc.go).
          const pane = await suspectsPane(page);
          const sentence = `${4 * PER_SLOT} goroutines blocked at notify.go:${recvLine} in main.listen (chan receive), started as main.listen`;
          const want = {
            label: `notify.go:${recvLine} [chan receive] main.listen`,
            description: `+${3 * PER_SLOT} ↑3/3 · ${slope}/min · ${sentence}`,
          };
          let seen: { label: string; description: string } | undefined;
          const shown = await waitUntil(async () => (seen = await firstRow(pane))?.label.startsWith(`notify.go:${recvLine} `), 90_000);
          assert.ok(shown, `first suspect: ${JSON.stringify(seen)}`);
          assert.deepEqual(seen, want);
          const message = ((await pane.locator('.tree-explorer-viewlet-tree-view-message, .message').first().textContent()) ?? '').trim();
          assert.equal(message, 'goroutine across 4 goroutine snapshots: 1 suspect.');
          // Expanded (its twistie: a click on the row would open the line), its evidence starts with the sentence.
          await pane.locator('.monaco-list-row').first().locator('.monaco-tl-twistie').click();
          const evidence = pane.locator('.monaco-list-row').nth(1);
          await evidence.waitFor({ state: 'visible', timeout: 30_000 });
          assert.equal(((await evidence.textContent()) ?? '').replace(/\s+/g, ' ').trim(), sentence);
          await screenshot(page, 'yourLine-1-goroutine-suspect');

          // 4. Go to Fastest-Growing Line: notify.go opens with the cursor on the receive line.
          await runCommand(page, 'pprof Lens: Go to Fastest-Growing Line');
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'notify.go' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const line = await waitUntil(async () => ((await cursorLine(page)) === recvLine ? recvLine : undefined), 30_000);
          assert.equal(line, recvLine, `cursor on line ${await cursorLine(page)}, expected ${recvLine}`);
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'for u := range updates' }).first();
          let before = '';
          const trend = await waitUntil(async () => {
            before = ((await lineEl.evaluate((el) => Array.from(el.querySelectorAll('span')).map((x) => getComputedStyle(x, '::before').content).join(' '))) ?? '').replace(/\u00a0/g, ' ');
            return before.includes(`+${3 * PER_SLOT} ↑3/3`);
          }, 30_000);
          assert.ok(trend, `no trend before the receive line: ${before}`);
          const fastest = page.locator('.statusbar-item', { hasText: 'pprof Lens: fastest-growing line' }).first();
          await fastest.waitFor({ state: 'visible', timeout: 30_000 });
          assert.equal(((await fastest.textContent()) ?? '').trim(), `pprof Lens: fastest-growing line notify.go:${recvLine} [chan receive] main.listen +${3 * PER_SLOT} ↑3/3`);
          await screenshot(page, 'yourLine-2-fastest-growing-line');

          // 5. One goroutine profile: Go to Hottest Line lands on the same line (not runtime.gopark),
          // and the status bar's tooltip names it with the same words.
          await page.keyboard.press('Control+Home');
          const quick = await openQuickInput(page);
          await quick.fill('goroutine.3.pb.gz');
          await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'goroutine.3.pb.gz' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          await page.keyboard.press('Enter');
          const status = page.locator('.statusbar-item', { hasText: /goroutine\.3\.pb\.gz · goroutine · \d+/ }).first();
          await status.waitFor({ state: 'visible', timeout: 90_000 });
          const total = Number(/· (\d+)\s*$/.exec(((await status.textContent()) ?? '').trim())?.[1]);
          assert.ok(total >= 4 * PER_SLOT, `total ${total}`);
          const pct = percentage(4 * PER_SLOT, total).trim(); // pprof's percentage format
          const summary = `${sentence} (${pct})`;
          await runCommand(page, 'pprof Lens: Go to Hottest Line');
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'notify.go' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const hotLine = await waitUntil(async () => ((await cursorLine(page)) === recvLine ? recvLine : undefined), 30_000);
          assert.equal(hotLine, recvLine, `Go to Hottest Line: cursor on line ${await cursorLine(page)}, expected ${recvLine}`);
          const said = page.locator('.statusbar-item', { hasText: 'pprof Lens: your hottest line' }).first();
          await said.waitFor({ state: 'visible', timeout: 30_000 });
          assert.equal(((await said.textContent()) ?? '').trim(), `pprof Lens: your hottest line: ${summary}`);
          await status.hover();
          const tip = page.locator('.monaco-hover-content, .workbench-hover', { hasText: 'Your hottest line' }).first();
          await tip.waitFor({ state: 'visible', timeout: 30_000 });
          const tipText = ((await tip.textContent()) ?? '').replace(/\s+/g, ' ');
          assert.ok(tipText.includes(`Your hottest line: ${summary}`), `status bar tooltip: ${tipText}`);
          assert.ok(!/gopark/.test(tipText), `the tooltip names the runtime's park: ${tipText}`);
          await screenshot(page, 'yourLine-3-hottest-line-status-tooltip');
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'the blog post\'s replica (-trimpath): hottest line, hover, status bar, first suspect and fastest-growing line are Track\'s append "via bytes.Repeat"; the toggle gives pprof\'s leaf back',
    timeoutMs: 6 * 60_000,
    run: async () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-yourline-tracker-'));
      const folder = path.join(tmp, 'request-tracker');
      try {
        mkdirSync(path.join(folder, 'heaps'), { recursive: true });
        for (const f of ['main.go', 'go.mod']) copyFileSync(path.join(TRACKER, f), path.join(folder, f));
        const heaps = await captureSeries(folder, path.join(tmp, 'tracker-bin'), path.join(folder, 'heaps'), '/', 1200, 'heap?gc=1', 'heap');
        const appendLine = readFileSync(path.join(folder, 'main.go'), 'utf8').split('\n').findIndex((l) => l.includes('rt.requests = append(')) + 1;
        assert.ok(appendLine > 0);
        // What the append line is charged with is its -list cum: every byte below it is a library's.
        // (A -trimpath build names example.com/request-tracker/main.go: pprof finds it under src/.)
        mkdirSync(path.join(tmp, 'src', 'example.com'), { recursive: true });
        symlinkSync(folder, path.join(tmp, 'src', 'example.com', 'request-tracker'));
        const charged = pprofList(heaps[3], 'Track', 'inuse_space', appendLine, path.join(tmp, 'src')).cum;
        const via = String.raw`via bytes\.Repeat \(bytes/bytes\.go:\d+, inlined\) \d+%`;

        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. heap.3.pb.gz becomes the active profile.
          const quick = await openQuickInput(page);
          await quick.fill('heap.3.pb.gz');
          await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'heap.3.pb.gz' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          await page.keyboard.press('Enter');
          const status = page.locator('.statusbar-item', { hasText: /heap\.3\.pb\.gz · inuse_space/ }).first();
          await status.waitFor({ state: 'visible', timeout: 90_000 });

          // 2. Go to Hottest Line: main.go's append line (pprof's flat leader is bytes.Repeat, in GOROOT).
          await runCommand(page, 'pprof Lens: Go to Hottest Line');
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'main.go' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const hot = await waitUntil(async () => ((await cursorLine(page)) === appendLine ? appendLine : undefined), 30_000);
          assert.equal(hot, appendLine, `Go to Hottest Line: cursor on line ${await cursorLine(page)}, expected ${appendLine}`);
          const summary = new RegExp(String.raw`^${charged.replace('.', '\\.')} \(\d+(?:\.\d+)?%\) main\.\(\*RequestTracker\)\.Track at main\.go:${appendLine} · ${via}$`);
          const said = page.locator('.statusbar-item', { hasText: 'pprof Lens: your hottest line' }).first();
          await said.waitFor({ state: 'visible', timeout: 30_000 });
          const saidText = ((await said.textContent()) ?? '').trim().replace(/^pprof Lens: your hottest line: /, '');
          assert.match(saidText, summary);

          // 3. The hover on it: pprof's table, then "Your line" with what it is charged with and the via.
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'rt.requests = append(' }).first();
          await lineEl.hover({ position: { x: 120, y: 5 } });
          const hover = page.locator('.monaco-hover-content', { hasText: 'Your line' }).first();
          await hover.waitFor({ state: 'visible', timeout: 30_000 });
          const hoverText = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
          assert.match(hoverText, new RegExp(String.raw`Your line \(inuse_space\): ${charged.replace('.', '\\.')} \(\d+(?:\.\d+)?%\)\s*${via}`), hoverText);
          await waitUntil(async () => (await hover.evaluate((el) => getComputedStyle(el.closest('.monaco-hover') ?? el).opacity)) === '1', 10_000);
          await screenshot(page, 'yourLine-4-tracker-hover');
          await page.keyboard.press('Escape');

          // 4. The status bar's tooltip: the same words.
          await status.hover();
          const tip = page.locator('.monaco-hover-content, .workbench-hover', { hasText: 'Your hottest line' }).first();
          await tip.waitFor({ state: 'visible', timeout: 30_000 });
          const tipText = ((await tip.textContent()) ?? '').replace(/\s+/g, ' ');
          assert.equal(/Your hottest line: (.*?) Click to select/.exec(tipText)?.[1], saidText, tipText);
          await page.mouse.move(700, 400);

          // 5. Analyze Growth on heaps/: the first suspect is Track's append line, via bytes.Repeat.
          await analyzeGrowthOn(page, 'heaps');
          const pane = await suspectsPane(page);
          let seen: { label: string; description: string } | undefined;
          await waitUntil(async () => (seen = await firstRow(pane))?.label.startsWith('main.go:'), 90_000);
          assert.equal(seen?.label, `main.go:${appendLine} main.(*RequestTracker).Track`, JSON.stringify(seen));
          assert.match(seen?.description ?? '', new RegExp(String.raw`^\+[\d.]+MB ↑3/3 · \+[\d.]+[kMG]?B/min · \d+% retained · ${via}$`), JSON.stringify(seen));
          await screenshot(page, 'yourLine-5-tracker-suspect');

          // 6. Go to Fastest-Growing Line: the same line (from another line first).
          await page.keyboard.press('Control+Home');
          await runCommand(page, 'pprof Lens: Go to Fastest-Growing Line');
          const fastest = await waitUntil(async () => ((await cursorLine(page)) === appendLine ? appendLine : undefined), 30_000);
          assert.equal(fastest, appendLine, `Go to Fastest-Growing Line: cursor on line ${await cursorLine(page)}`);

          // 7. The toggle in the view's title: pprof's leaf ranking puts bytes.Repeat first.
          await paneAction(page, /Leak Suspects/i, "Rank by pprof's Leaf (Allocating Frame)");
          const leaf = await waitUntil(async () => ((seen = await firstRow(pane))?.label.startsWith('bytes.go:') ? seen : undefined), 60_000);
          assert.match(leaf?.label ?? '', /^bytes\.go:\d+ bytes\.Repeat$/, JSON.stringify(seen));
          await screenshot(page, 'yourLine-6-tracker-leaf-ranking');
          await paneAction(page, /Leak Suspects/i, 'Rank by Your Code (the Line That Causes It)');
          const back = await waitUntil(async () => (seen = await firstRow(pane))?.label.startsWith('main.go:'), 60_000);
          assert.ok(back, `after ranking by your code again: ${JSON.stringify(seen)}`);
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
