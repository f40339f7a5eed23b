// The first five minutes of a new user, on the bundled example (examples/leaky-service, copied to
// a temp folder): the README's steps driven as a person does them, with single clicks in the
// Explorer. Some screenshots it takes of the demo are the README's (`npm run screenshots` copies
// them to docs/screenshots/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { activeEditor, decorationTexts, notifications, runCommand, screenshot, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'leaky-service');
const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');

/** The flat and cum `go tool pprof -list REGEX FILE` prints for a line (the oracle, run now). */
export function pprofList(profile: string, regex: string, line: number): string {
  const out = execFileSync('go', ['tool', 'pprof', `-list=${regex}`, profile], { encoding: 'utf8' });
  for (const l of out.split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(l);
    if (m && Number(m[3]) === line) return `${m[1]} ${m[2]}`;
  }
  throw new Error(`line ${line} not in go tool pprof -list=${regex} ${profile}:\n${out}`);
}

/** A row of the Explorer tree by its exact name. */
function explorerRow(page: Page, name: string) {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
    .first();
}

/** Single-clicks an Explorer row (a preview tab for a file, expand for a folder). */
async function clickInExplorer(page: Page, name: string): Promise<void> {
  const row = explorerRow(page, name);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** The annotation column on a line, whitespace-normalized: "24.24MB 24.24MB". */
async function annotationOn(page: Page, line: number): Promise<string | undefined> {
  const t = await decorationTexts(page, line).catch(() => undefined);
  return t?.before.find((s) => /\S/.test(s))?.replace(/\s+/g, ' ').trim();
}

/** Waits until line `line` of the active editor shows `want` (undefined: no annotation); fails with what it saw. */
async function expectAnnotation(page: Page, line: number, want: string | undefined): Promise<void> {
  let seen: string | undefined;
  const ok = await waitUntil(async () => {
    seen = await annotationOn(page, line);
    return seen === want;
  }, 60_000);
  assert.ok(ok, `line ${line}: expected annotation ${JSON.stringify(want)}, saw ${JSON.stringify(seen)}`);
}

/** Selects a tab of the profile view by its title. */
async function selectTab(frame: FrameLocator, title: string): Promise<void> {
  await frame.locator('vscode-tab-header', { hasText: title }).first().click();
}

/** Waits until the cursor of the active text editor `name` is on `line`. */
async function expectCursor(page: Page, name: string, line: number): Promise<void> {
  await waitForTextTab(page, name);
  await page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line},`) }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Waits until the active tab is `name` with its text editor shown. */
async function waitForTextTab(page: Page, name: string): Promise<void> {
  await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible', timeout: 30_000 });
}

export const cases: E2eCase[] = [
  {
    name: 'single clicks in the Explorer: the profile outlives its preview tab until Clear Profile',
    timeoutMs: 8 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-first-'));
      cpSync(EXAMPLE, folder, { recursive: true });
      const heap3 = path.join(folder, 'profiles', 'heap.3.pb.gz');
      const want15 = pprofList(heap3, 'main.recordRequest', 15);
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on', 'workbench.colorTheme': 'Default Dark Modern' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. Single click profiles/ then heap.3.pb.gz: a preview tab with the profile.
          await clickInExplorer(page, 'profiles');
          await clickInExplorer(page, 'heap.3.pb.gz');
          await webviewFrame(page).locator('h1', { hasText: 'heap.3.pb.gz' }).first().waitFor({ state: 'visible', timeout: 90_000 });
          const status = page.locator('.statusbar-item', { hasText: /heap\.3\.pb\.gz · inuse_space/ }).first();
          await status.waitFor({ state: 'visible', timeout: 90_000 });
          // 2. Single click audit.go: it replaces the preview tab, and the numbers are there.
          await clickInExplorer(page, 'audit.go');
          await waitForTextTab(page, 'audit.go');
          assert.equal(await page.locator('.tab .label-name', { hasText: 'heap.3.pb.gz' }).count(), 0, 'the profile preview tab was expected to be replaced');
          await expectAnnotation(page, 15, want15);
          await status.waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'firstMinutes-1-annotations-after-preview-closed');
          // 3. Go to Hottest Line still works: the cursor lands on audit.go:15.
          await runCommand(page, 'pprof Lens: Go to Hottest Line');
          const cursor = page.locator('[id="status.editor.selection"]', { hasText: /Ln 15,/ });
          await cursor.waitFor({ state: 'visible', timeout: 30_000 });
          // 4. Clear Profile ends it: no numbers, no status bar item.
          await runCommand(page, 'pprof Lens: Clear Profile');
          await expectAnnotation(page, 15, undefined);
          await status.waitFor({ state: 'hidden', timeout: 30_000 });

          // 5. Flame Graph: walk down to main.recordRequest with the keyboard; Open Source lands on
          // its hottest line (audit.go:15, the make), not a line seen (:19, the append).
          await page.locator('.tab .label-name', { hasText: 'audit.go' }).first().waitFor({ state: 'visible' });
          await clickInExplorer(page, 'heap.3.pb.gz');
          await explorerRow(page, 'heap.3.pb.gz').dblclick();
          const frame = webviewFrame(page);
          await frame.locator('h1', { hasText: 'heap.3.pb.gz' }).first().waitFor({ state: 'visible', timeout: 90_000 });
          // The Top table, filled (a README screenshot: scripts/screenshots.mjs).
          await selectTab(frame, 'Top');
          await frame.locator('.grid .grid-body .grid-row:not(.pending)', { hasText: 'main.recordRequest' }).first().waitFor({ state: 'visible', timeout: 60_000 });
          await screenshot(page, 'firstMinutes-1b-top');
          await selectTab(frame, 'Flame Graph');
          const canvas = frame.locator('.panel-flame canvas.flame-canvas').first();
          const flameStatus = frame.locator('.panel-flame .flame-status');
          await canvas.waitFor({ state: 'visible', timeout: 60_000 });
          await waitUntil(async () => ((await frame.locator('.panel-flame .flame-crumb').count()) > 0 ? true : undefined), 60_000);
          await canvas.focus();
          let described = '';
          for (let step = 0; step < 20 && !described.startsWith('main.main.func1:'); step++) {
            const before = described;
            await page.keyboard.press('ArrowDown');
            const now = await waitUntil(async () => {
              const t = (await flameStatus.textContent()) ?? '';
              return t !== before ? t : undefined;
            }, 30_000);
            assert.ok(now, `the flame status did not move after ArrowDown from ${JSON.stringify(before)}`);
            described = now;
          }
          assert.match(described, /^main\.main\.func1:/, 'main.main.func1 not reached walking down the widest frames');
          const depth = Number(/depth (\d+)/.exec(described)?.[1]);
          // 6. Zoom into it (Enter): the breadcrumb stays on one line and nothing moves under the pointer.
          const box0 = await canvas.boundingBox();
          await page.keyboard.press('Enter');
          await frame.locator('.panel-flame .flame-crumb[aria-current=true]', { hasText: 'main.main.func1' }).waitFor({ state: 'visible', timeout: 30_000 });
          const box1 = await canvas.boundingBox();
          assert.equal(box1?.y, box0?.y, 'the flame graph moved when the breadcrumb grew');
          const crumbs = frame.locator('.panel-flame .flame-crumbs');
          const crumbBox = await crumbs.boundingBox();
          const sepBox = await frame.locator('.panel-flame .flame-crumb').first().boundingBox();
          assert.ok(crumbBox && sepBox && crumbBox.height < sepBox.height * 1.5, `the breadcrumb wraps: ${JSON.stringify(crumbBox)}`);
          await screenshot(page, 'firstMinutes-2-flame-zoomed');
          // 7. A double-click on its only child (main.recordRequest, full width below it): the first
          // click zooms, the second lands on the same frame and opens its hottest line.
          const y = (depth + 1) * 18 + 9;
          await canvas.dblclick({ position: { x: Math.round((box1?.width ?? 400) / 2), y } });
          await expectCursor(page, 'audit.go', 15);
          await screenshot(page, 'firstMinutes-3-flame-open-source');

          // 8. Graph: at its default fit every node's text is legible (>= 11 px in the editor's
          // monospace font) and the hottest node is in view; Ctrl+wheel zooms at the pointer.
          await page.locator('.tab .label-name', { hasText: 'heap.3.pb.gz' }).first().click();
          await selectTab(frame, 'Graph');
          const hotNode = frame.locator('.panel-graph [role=button][aria-label^="main.recordRequest:"]').first();
          await hotNode.waitFor({ state: 'visible', timeout: 60_000 });
          const graphCanvas = frame.locator('.panel-graph .pprof-graph-canvas');
          const fonts = await frame.locator('.panel-graph .pprof-graph-node text').evaluateAll((els) =>
            els.map((e) => ({ px: e.getBoundingClientRect().height, family: getComputedStyle(e).fontFamily })));
          assert.ok(fonts.length > 10, `graph texts: ${fonts.length}`);
          const smallest = Math.min(...fonts.map((f) => f.px));
          assert.ok(smallest >= 11, `smallest node text is ${smallest}px high`);
          assert.ok(!/Times/i.test(fonts[0].family), `graph font ${fonts[0].family}`);
          const cbox = (await graphCanvas.boundingBox())!;
          const hot0 = (await hotNode.boundingBox())!;
          const inside = (b: { x: number; y: number; width: number; height: number }) => b.x >= cbox.x - 1 && b.y >= cbox.y - 1 && b.x + b.width <= cbox.x + cbox.width + 1 && b.y + b.height <= cbox.y + cbox.height + 1;
          assert.ok(inside(hot0), `the hottest node is out of view: ${JSON.stringify({ hot0, cbox })}`);
          await screenshot(page, 'firstMinutes-4-graph');
          // The point under the pointer stays under it while zooming (measured on a label: a
          // hovered node's border thickens).
          const label = hotNode.locator('text').first();
          const label0 = (await label.boundingBox())!;
          const px = label0.x + label0.width / 4;
          const py = label0.y + label0.height / 4;
          await page.mouse.move(px, py);
          await page.keyboard.down('Control');
          await page.mouse.wheel(0, -300);
          await page.keyboard.up('Control');
          const hot1 = (await waitUntil(async () => {
            const b = await label.boundingBox();
            return b && b.width > label0.width * 1.2 ? b : undefined;
          }, 30_000))!;
          assert.ok(hot1, 'Ctrl+wheel did not zoom');
          assert.ok(Math.abs(hot1.x + hot1.width / 4 - px) < 2 && Math.abs(hot1.y + hot1.height / 4 - py) < 2,
            `zoom drifted: ${JSON.stringify({ px, py, label0, hot1 })}`);

          // 9. Analyze Growth on the profiles/ folder (allocs, cpu, heap.0..3): the heap series is
          // analyzed, the rest named in one quiet line above the Leak Suspects; no warning toasts.
          const toastsBefore = await notifications(page);
          await explorerRow(page, 'profiles').click({ button: 'right' });
          const menuItem = page.locator('.context-view .action-item .action-label', { hasText: /^Analyze Growth$/ }).first();
          await menuItem.waitFor({ state: 'visible', timeout: 30_000 });
          // A click that lands while the menu is still settling (a busy machine) is dropped: click
          // until the menu closes.
          const menuClosed = await waitUntil(async () => {
            if (await menuItem.isVisible()) await menuItem.click({ timeout: 5_000 }).catch(() => undefined);
            return !(await menuItem.isVisible());
          }, 60_000, 1_000);
          assert.ok(menuClosed, 'the Explorer context menu did not run Analyze Growth');
          const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Leak Suspects/i }) });
          const firstSuspect = pane.locator('.monaco-list-row').first();
          await firstSuspect.waitFor({ state: 'visible', timeout: 90_000 });
          assert.match(((await firstSuspect.textContent()) ?? '').replace(/\s+/g, ' '), /^audit\.go:15 main\.recordRequest\s*\+22\.22MB ↑3\/3/);
          const message = ((await pane.locator('.tree-explorer-viewlet-tree-view-message, .message').first().textContent()) ?? '').trim();
          assert.equal(message, 'inuse_space across 4 heap snapshots: 1 suspect. Also here: 1 allocs, 1 cpu.');
          const toasts = (await notifications(page)).filter((t) => !toastsBefore.includes(t) && !/analyzing growth/.test(t));
          assert.deepEqual(toasts, [], 'Analyze Growth raised notifications');
          // 10. The trend is in the column before the code of audit.go:15, on screen at 1400 px.
          await clickInExplorer(page, 'audit.go');
          await waitForTextTab(page, 'audit.go');
          let trendSeen: string | undefined;
          const trendOk = await waitUntil(async () => {
            const t = await decorationTexts(page, 15).catch(() => undefined);
            trendSeen = t?.before.map((x) => x.replace(/\u00a0/g, ' ').trim()).find((x) => x.includes('↑'));
            return trendSeen === '+22.22MB ↑3/3';
          }, 30_000);
          assert.ok(trendOk, `audit.go:15 trend: ${JSON.stringify(trendSeen)}`);
          // One editor group, the start of the file (revealing the earlier selection scrolled it sideways).
          await explorerRow(page, 'audit.go').dblclick();
          await runCommand(page, 'View: Close Editors in Other Groups');
          await page.locator('.editor-group-container').nth(1).waitFor({ state: 'detached', timeout: 30_000 });
          await page.keyboard.press('Control+Home');
          await page.locator('[id="status.editor.selection"]', { hasText: /Ln 1, Col 1/ }).waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'firstMinutes-5-growth');
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
