// The editor as a user meets it, in a real VS Code (code-server): open the leaky service's heap
// profile (its paths point at another machine), see -list's numbers on main.go:25, jump to the
// hottest line, switch sample type, open a malformed file, and map an unresolved path.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import {
  activeEditor, cursorLine, decorationTexts, gutterDecorations, openFile, openQuickInput, runCommand, screenshot,
  waitForNotification, waitUntil, webviewFrame, withWorkbench,
} from './lib/workbench';

const FIXTURES = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));
const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');

/** The numbers `go tool pprof -list` prints for a line of main.go, from a golden file. */
function goldenLine(golden: string, line: number): string {
  for (const l of readFileSync(path.join(FIXTURES, 'golden', 'leaky', golden), 'utf8').split('\n')) {
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(l);
    if (m && Number(m[3]) === line) return `${m[1]} ${m[2]}`;
  }
  throw new Error(`line ${line} not in ${golden}`);
}

/** A workspace made at test time from the leaky fixtures (copies in a temp dir, never in the repo). */
function leakyWorkspace(extra: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-ws-'));
  for (const f of ['main.go', 'go.mod', 'heap.0.pprof', 'heap.3.pprof', 'cpu.pprof']) copyFileSync(path.join(FIXTURES, 'leaky', f), path.join(dir, f));
  extra(dir);
  return dir;
}

/** The annotation column on a line, whitespace-normalized: "49.48MB 49.48MB". */
export async function annotationOn(page: Page, line: number): Promise<string | undefined> {
  const t = await decorationTexts(page, line).catch(() => undefined);
  const text = t?.before.find((s) => /\S/.test(s));
  return text?.replace(/\s+/g, ' ').trim();
}

/** Picks a quick pick row by its label text. */
async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** Quick-opens a file that opens in a custom editor (openFile waits for a text editor). */
export async function quickOpen(page: Page, name: string): Promise<void> {
  const input = await openQuickInput(page);
  await input.fill(name);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Opens a profile by quick open and waits for the summary in its custom editor. */
export async function openProfile(page: Page, name: string, expectText: string | RegExp): Promise<void> {
  await quickOpen(page, name);
  const frame = webviewFrame(page);
  await frame.locator('h1', { hasText: name }).first().waitFor({ state: 'visible', timeout: 90_000 });
  await frame.getByText(expectText).first().waitFor({ state: 'visible', timeout: 90_000 });
}

async function openSource(page: Page, name: string): Promise<void> {
  await openFile(page, name);
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible' });
}

/** Waits until line `line` of the active editor shows `want`; fails with what it saw. */
export async function expectAnnotation(page: Page, line: number, want: string): Promise<void> {
  let seen: string | undefined;
  const ok = await waitUntil(async () => {
    seen = await annotationOn(page, line);
    return seen === want;
  }, 60_000);
  assert.ok(ok, `line ${line}: expected annotation "${want}", saw ${JSON.stringify(seen)}`);
}

export const cases: E2eCase[] = [
  {
    name: 'heap profile: -list numbers on main.go:25, Go to Hottest Line, sample type switch, hover',
    timeoutMs: 8 * 60_000,
    run: async () => {
      const folder = leakyWorkspace();
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. Open the profile: the summary shows the sample types and totals.
          await openProfile(page, 'heap.3.pprof', '51.99MB');
          await screenshot(page, 'editor-1-profile-summary');
          // The status bar names the active profile, its sample type and total.
          await page.locator('.statusbar-item', { hasText: 'heap.3.pprof · inuse_space · 51.99MB' }).first().waitFor({ state: 'visible', timeout: 30_000 });

          // 2. main.go:25 shows exactly what `go tool pprof -list TrackRequest` prints.
          await openSource(page, 'main.go');
          const want = goldenLine('heap.3.pprof.list_TrackRequest.txt', 25);
          assert.equal(want, '49.48MB 49.48MB');
          await expectAnnotation(page, 25, want);
          const gutter = await gutterDecorations(page);
          assert.ok(gutter.some((g) => g.line === 25 && g.backgroundImage !== 'none'), `no heat mark in the gutter of line 25: ${JSON.stringify(gutter)}`);
          await screenshot(page, 'editor-2-annotations-inuse_space');

          // 3. Go to Hottest Line from the top of the file: the cursor lands on line 25.
          await page.keyboard.press('Control+Home');
          assert.equal(await cursorLine(page), 1);
          await runCommand(page, 'pprof Lens: Go to Hottest Line');
          const line = await waitUntil(async () => ((await cursorLine(page)) === 25 ? 25 : undefined), 30_000);
          assert.equal(line, 25, `cursor on line ${await cursorLine(page)} after Go to Hottest Line`);

          // 4. Hover over line 25: every sample type with its share.
          await activeEditor(page).locator('.view-line').nth(0).hover().catch(() => undefined);
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'buf := make([]byte, 10*1024)' }).first();
          await lineEl.hover({ position: { x: 400, y: 5 } });
          const hover = page.locator('.monaco-hover-content', { hasText: 'pprof Lens' }).first();
          await hover.waitFor({ state: 'visible', timeout: 30_000 });
          const hoverText = (await hover.textContent()) ?? '';
          for (const t of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space', '95.18%', 'main.TrackRequest', 'main.workHandler']) {
            assert.ok(hoverText.includes(t), `hover lacks ${t}: ${hoverText}`);
          }
          // Its command links sit under the title, inside the hover's visible box (a long hover scrolls at the bottom).
          const hoverBox = await page.locator('.monaco-hover', { has: hover }).first().boundingBox();
          assert.ok(hoverBox, 'no hover box');
          for (const name of ['Sample type…', 'Hottest line', 'Next hot line']) {
            const link = await hover.locator('a', { hasText: name }).first().boundingBox();
            assert.ok(link, `no ${name} link`);
            const inside = link.y >= hoverBox.y && link.y + link.height <= hoverBox.y + hoverBox.height && link.x >= hoverBox.x && link.x + link.width <= hoverBox.x + hoverBox.width;
            assert.ok(inside, `${name} link ${JSON.stringify(link)} is clipped by the hover ${JSON.stringify(hoverBox)}`);
          }
          await screenshot(page, 'editor-3-hover');
          await page.keyboard.press('Escape');

          // 5. Select Sample Type… alloc_space: the numbers follow.
          await runCommand(page, 'pprof Lens: Select Sample Type…');
          // The picker opens on the current type, checked and called current.
          const current = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { has: page.locator('.label-name', { hasText: /^\s*inuse_space\s*$/ }) }).first();
          await current.waitFor({ state: 'visible', timeout: 30_000 });
          assert.equal(((await current.locator('.label-description').textContent()) ?? '').trim(), '51.99MB total · bytes · current');
          assert.equal(await current.locator('.codicon-check').count(), 1);
          assert.equal(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .codicon-check').count(), 1);
          await screenshot(page, 'editor-3b-sample-type-picker');
          await pickQuickItem(page, /alloc_space/);
          await expectAnnotation(page, 25, goldenLine('heap.3.pprof.list_main.alloc_space.txt', 25));
          await page.locator('.statusbar-item', { hasText: 'heap.3.pprof · alloc_space' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'editor-4-annotations-alloc_space');

          // 6. Toggle Line Annotations hides them; toggling again brings them back.
          await runCommand(page, 'pprof Lens: Toggle Line Annotations');
          assert.ok(await waitUntil(async () => (await annotationOn(page, 25)) === undefined, 30_000), 'annotations still shown after toggle');
          await runCommand(page, 'pprof Lens: Toggle Line Annotations');
          await expectAnnotation(page, 25, goldenLine('heap.3.pprof.list_main.alloc_space.txt', 25));
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a malformed file shows its one-line reason; Map Path… resolves an ambiguous file',
    timeoutMs: 8 * 60_000,
    run: async () => {
      // Two main.go files: the suffix match is ambiguous, so the profile's main.go stays unresolved.
      const folder = leakyWorkspace((dir) => {
        rmSync(path.join(dir, 'main.go'));
        rmSync(path.join(dir, 'go.mod'));
        for (const sub of ['a', 'b']) {
          mkdirSync(path.join(dir, sub));
          copyFileSync(path.join(FIXTURES, 'leaky', 'main.go'), path.join(dir, sub, 'main.go'));
        }
        copyFileSync(path.join(FIXTURES, 'leaky', 'heap.debug1.txt'), path.join(dir, 'broken.pprof'));
        writeFileSync(path.join(dir, 'README.txt'), 'workspace for the e2e test\n');
      });
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. A debug=1 text profile: the editor says what it is and what to do.
          await quickOpen(page, 'broken.pprof');
          // (Anchored: the progress toast "pprof Lens: opening broken.pprof: Reading…" must not match.)
          const toast = await waitForNotification(page, /^pprof Lens: broken\.pprof: /, 60_000);
          assert.match(toast, /debug=1/);
          assert.match(toast, /debug=0/);
          const frame = webviewFrame(page);
          const alert = frame.locator('[role=alert]');
          await alert.waitFor({ state: 'visible', timeout: 30_000 });
          assert.match((await alert.textContent()) ?? '', /debug=1.*go tool pprof -proto/);
          await screenshot(page, 'editor-5-malformed');

          // 2. The good profile lists main.go as not found, with Map Path….
          await openProfile(page, 'heap.3.pprof', '51.99MB');
          const mapButton = webviewFrame(page).getByRole('button', { name: /Map .*main\.go/ });
          await mapButton.waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'editor-6-unresolved');
          await mapButton.click();
          // 3. Pick b/main.go: the mapping is written and annotations appear at once.
          await pickQuickItem(page, 'b/main.go');
          await waitForNotification(page, 'mapped', 30_000);
          await openSource(page, 'b/main.go');
          await expectAnnotation(page, 25, goldenLine('heap.3.pprof.list_TrackRequest.txt', 25));
          const settings = JSON.parse(readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
          assert.deepEqual(settings['pprofLens.pathMappings'], [{ from: '/vagrant_data/go/src/github.com/example/leaky', to: '${workspaceFolder}/b' }]);
          await screenshot(page, 'editor-7-mapped');
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];

