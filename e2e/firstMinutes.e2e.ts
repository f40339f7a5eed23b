// The first five minutes of a new user, on the bundled example (examples/leaky-service, copied to
// a temp folder): the README's steps driven as a person does them, with single clicks in the
// Explorer. The screenshots it takes of the demo are the README's (media/screenshots/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { activeEditor, decorationTexts, runCommand, screenshot, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

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
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
