// The getting-started walkthrough in a real VS Code, as a user who installed the .vsix into their
// own project: the first step's Open Example… copies the example shipped in the .vsix into a
// folder picked in the file dialog and opens it in a new window; there Open Walkthrough… lists
// it, its four steps are there in order, and they complete as the user works (opening a profile
// checks the first step; its "Go to Hottest Line" button lands on audit.go:15 and checks the second).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { openQuickInput, screenshot, waitForWorkbenchReady, waitUntil, withWorkbench } from './lib/workbench';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'leaky-service');
const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const TITLE = 'Find a Leak with pprof Lens';

/** The step button of a walkthrough step, by its id in package.json. */
function step(page: Page, id: string) {
  return page.locator(`button.getting-started-step[data-step-id$="#${id}"]`).first();
}

/** Help: Open Walkthrough… → ours (it also brings back a walkthrough tab that a file replaced). */
async function openWalkthrough(page: Page): Promise<void> {
  const input = await openQuickInput(page);
  await input.fill('>Welcome: Open Walkthrough...');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough...' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: TITLE }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await step(page, 'openProfile').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Waits until a step's checkbox says `done`; fails with what it saw. */
async function expectDone(page: Page, id: string, done: boolean): Promise<void> {
  let seen: string | null = null;
  const ok = await waitUntil(async () => {
    seen = await step(page, id).getAttribute('aria-checked').catch(() => null);
    return seen === String(done);
  }, 60_000);
  assert.ok(ok, `step ${id}: aria-checked ${JSON.stringify(seen)}, expected ${done}`);
}

export const cases: E2eCase[] = [
  {
    name: 'walkthrough: Open Example… copies the shipped example and opens it; Open Walkthrough… lists it; opening a profile and its Go to Hottest Line button complete the first two steps',
    timeoutMs: 5 * 60_000,
    run: async () => {
      // The user's own project (not the example): the example comes from the installed .vsix.
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-walkthrough-'));
      writeFileSync(path.join(folder, 'README.md'), 'my project\n');
      const parent = mkdtempSync(path.join(tmpdir(), 'pprof-lens-walkthrough-parent-'));
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on', 'workbench.colorTheme': 'Default Dark Modern' }, viewport: { width: 1400, height: 900 } }, async ({ page: first, context }) => {
          // 1. The first step's Open Example… copies the shipped example into a folder picked in the
          // file dialog and opens it in a new window (this one has a workspace).
          await openWalkthrough(first);
          await step(first, 'openProfile').click();
          const openExample = first.locator('[x-step-description-for$="#openProfile"]').locator('.monaco-button, a', { hasText: 'Open Example…' }).first();
          await openExample.waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(first, 'walkthrough-0-open-example');
          await openExample.click();
          const pathInput = first.locator('.quick-input-widget input.input').first();
          await pathInput.waitFor({ state: 'visible', timeout: 30_000 });
          await pathInput.fill(`${parent}/`);
          const ok = first.locator('.quick-input-widget .monaco-button', { hasText: 'Copy the Example Here' }).first();
          const opened = context.waitForEvent('page', { timeout: 60_000 });
          await ok.click();
          const page = await opened;
          await page.setViewportSize({ width: 1400, height: 900 });
          await waitForWorkbenchReady(page);
          const copy = path.join(parent, 'leaky-service');
          assert.deepEqual(readdirSync(path.join(copy, 'profiles')).sort(), readdirSync(path.join(EXAMPLE, 'profiles')).sort());
          assert.ok(readFileSync(path.join(copy, 'audit.go')).equals(readFileSync(path.join(EXAMPLE, 'audit.go'))));
          assert.match(new URL(page.url()).searchParams.get('folder') ?? '', /\/leaky-service$/);
          assert.equal(readFileSync(path.join(folder, 'README.md'), 'utf8'), 'my project\n', "the user's folder is untouched");
          // Help: Open Walkthrough… → ours, in the example's window.
          await openWalkthrough(page);
          // 2. Its steps, in order, with their titles; none done yet.
          const titles = await page.locator('button.getting-started-step h3.step-title').allTextContents();
          assert.deepEqual(titles.map((t) => t.trim()), ['Open a profile', 'Go to the hottest line', 'Compare two snapshots', 'Analyze growth']);
          await expectDone(page, 'openProfile', false);
          await expectDone(page, 'goToHottestLine', false);
          // 3. Open profiles/heap.3.pb.gz from the Explorer: the first step is done.
          const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s*$`) }) }).first();
          await explorerRow('profiles').click();
          await explorerRow('heap.3.pb.gz').dblclick();
          await page.locator('.statusbar-item', { hasText: /heap\.3\.pb\.gz · inuse_space/ }).first().waitFor({ state: 'visible', timeout: 90_000 });
          await openWalkthrough(page);
          await expectDone(page, 'openProfile', true);
          // 4. The second step's button runs Go to Hottest Line: audit.go:15, and the step is done.
          await step(page, 'goToHottestLine').click();
          const button = page.locator('[x-step-description-for$="#goToHottestLine"]').locator('.monaco-button, a', { hasText: 'Go to Hottest Line' }).first();
          await button.waitFor({ state: 'visible', timeout: 30_000 });
          // The step's markdown media (media/walkthrough/hottestLine.md) is shown beside it, in a webview.
          const media = await waitUntil(async () => {
            for (const f of page.frames()) {
              if ((await f.locator('h1', { hasText: 'Go to the hottest line' }).count().catch(() => 0)) > 0) return true;
            }
            return undefined;
          }, 60_000);
          assert.ok(media, 'the markdown media of the step is not shown');
          await screenshot(page, 'walkthrough-1-steps');
          await button.click();
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'audit.go' }).first().waitFor({ state: 'visible', timeout: 60_000 });
          await page.locator('[id="status.editor.selection"]', { hasText: /Ln 15,/ }).waitFor({ state: 'visible', timeout: 30_000 });
          await openWalkthrough(page);
          await expectDone(page, 'goToHottestLine', true);
          await expectDone(page, 'compareWithBase', false);
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
        rmSync(parent, { recursive: true, force: true });
      }
    },
  },
];
