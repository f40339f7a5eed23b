// Profiling a Go benchmark in a real VS Code, as a person does it, with the real go: a copy of
// examples/bench-alloc is the workspace; "profile ▾" above BenchmarkJoinFields → Memory (allocs)
// runs go test and opens the profile; Go to Hottest Line lands on the allocating line
// (join.go:11); the code is changed to reuse one buffer, profiled again, Compare with Previous
// Run gives line 11 a negative delta and Profile Runs shows B/op going down by 65.2%. A test that
// fails and a build error each give their one-line message (the build error's button opens the
// line).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { closeQuickInput, cursorLine, decorationTexts, openFile, runCommand, screenshot, waitForNotification, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'bench-alloc');

/** Clicks the "profile ▾" lens just above a 1-based line of the active editor, then picks a profile kind. */
async function profileFromLens(page: Page, line: number, kind: string): Promise<void> {
  const lenses = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'profile ▾' });
  await lenses.first().waitFor({ state: 'visible', timeout: 90_000 });
  // Lenses render one by one and push the lines below them down: wait until one sits right above
  // the line (its bottom within a line's height of the line's top), measured afresh each time.
  const lineNumber = page.locator('.editor-group-container.active .margin-view-overlays .line-numbers', { hasText: new RegExp(`^\\s*${line}\\s*$`) }).first();
  let i: number | undefined;
  await waitUntil(async () => {
    const lineTop = await lineNumber.evaluate((el) => el.getBoundingClientRect().top).catch(() => undefined);
    if (lineTop === undefined) return false;
    const bottoms = await lenses.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    i = bottoms.findIndex((b) => lineTop - b >= -2 && lineTop - b <= 30);
    return i >= 0;
  }, 90_000, 100);
  assert.ok(i !== undefined && i >= 0, `no lens right above line ${line}`);
  await lenses.nth(i).click();
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: kind }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

/** The rows of the Profile Runs view, as their visible text (expanded if collapsed). */
async function runRows(page: Page): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Profile Runs/i }) });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return (await pane.locator('.monaco-list-row').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The flat/cum column drawn before a line of the active editor, whitespace collapsed. */
async function column(page: Page, line: number): Promise<string | undefined> {
  const t = await decorationTexts(page, line).catch(() => undefined);
  return t?.before.find((x) => /\S/.test(x))?.replace(/\s+/g, ' ').trim();
}

export const cases: E2eCase[] = [
  {
    name: 'profile ▾ on a benchmark: hottest line is the allocation; after a fix Compare with Previous Run shows it shrink; failures are one line',
    timeoutMs: 6 * 60_000,
    run: async () => {
      assert.equal(spawnSync('go', ['version'], { encoding: 'utf8' }).status, 0, 'this case runs go test: install go (CI installs golang-go)');
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-gotest-'));
      const folder = path.join(tmp, 'bench-alloc');
      cpSync(EXAMPLE, folder, { recursive: true });
      const joinGo = path.join(folder, 'join.go');
      const testGo = path.join(folder, 'join_test.go');
      const code = readFileSync(joinGo, 'utf8');
      const tests = readFileSync(testGo, 'utf8');
      try {
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on', 'editor.codeLens': true }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. profile ▾ above BenchmarkJoinFields (line 11) → Memory (allocs).
          await openFile(page, 'join_test.go');
          await profileFromLens(page, 11, 'Memory (allocs)');
          const first = await waitForNotification(page, /^pprof Lens: BenchmarkJoinFields · Memory \(allocs\): /, 180_000);
          // B/op and allocs/op are exact (testing's MemStats); ns/op varies.
          assert.match(first, /^pprof Lens: BenchmarkJoinFields · Memory \(allocs\): \S+s\/op · 34\.5KiB\/op · 1002 allocs\/op$/);
          const kept = readdirSync(path.join(folder, '.pprof', 'tests')).sort();
          assert.equal(kept.length, 3, kept.join(', '));
          assert.match(kept[0], /^bench-alloc\.BenchmarkJoinFields\.mem\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
          await page.locator('.statusbar-item', { hasText: 'alloc_space' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          // The profile view lists the benchmark's code, and no "not in the workspace" for go test's generated _testmain.go.
          await webviewFrame(page).locator('text=example.com/bench-alloc.JoinFields').first().waitFor({ state: 'visible', timeout: 60_000 });
          assert.equal(await webviewFrame(page).locator('text=/not in the workspace/').count(), 0);
          await screenshot(page, 'goTestProfiling-1-profiled');

          // 2. Go to Hottest Line: join.go, on the make in the loop.
          await runCommand(page, 'pprof Lens: Go to Hottest Line');
          await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: 'join.go' }).first().waitFor({ state: 'visible', timeout: 30_000 });
          const hot = await waitUntil(async () => ((await cursorLine(page)) === 11 ? 11 : undefined), 30_000);
          assert.equal(hot, 11, `cursor on line ${await cursorLine(page)}, expected join.go:11`);
          let seen: string | undefined;
          assert.ok(await waitUntil(async () => /^[\d.]+[kMG]B [\d.]+[kMG]B$/.test((seen = await column(page, 11)) ?? ''), 30_000), `join.go:11 column: ${seen}`);
          await screenshot(page, 'goTestProfiling-2-hottest-line');

          // 3. Reuse one buffer (same line numbers), profile again from the lens.
          writeFileSync(
            joinGo,
            code
              .replace('\tout := make([]byte, 0, 8*n)', '\tout, scratch := make([]byte, 0, 8*n), make([]byte, 0, 24)')
              .replace('\t\tfield := make([]byte, 0, 16+i%8) // a new buffer per field: the allocation to remove', '\t\tfield := scratch[:0] // one buffer reused for every field'),
          );
          await openFile(page, 'join_test.go');
          await profileFromLens(page, 11, 'Memory (allocs)');
          const second = await waitForNotification(page, /^pprof Lens: BenchmarkJoinFields · Memory \(allocs\): .*12\.0KiB/, 180_000);
          assert.match(second, / · 12\.0KiB\/op \(−65\.2%\) · 2 allocs\/op \(−99\.8%\)$/);

          // 4. Profile Runs: two memory runs, the newest with B/op down.
          let rows: string[] = [];
          await waitUntil(async () => (rows = await runRows(page)).some((r) => r.includes('(−65.2%)')), 30_000);
          assert.match(rows[0], /^BenchmarkJoinFields · Memory \(allocs\)\s?bench-alloc · 2 runs$/, JSON.stringify(rows));
          assert.match(rows[1], /^\d\d:\d\d:\d\d\s?\S+s\/op \(.*\) · 12\.0KiB\/op \(−65\.2%\) · 2 allocs\/op \(−99\.8%\)$/, JSON.stringify(rows));
          assert.match(rows[2], /^\d\d:\d\d:\d\d\s?\S+s\/op · 34\.5KiB\/op · 1002 allocs\/op$/, JSON.stringify(rows));

          // 5. Compare with Previous Run, the newest run's inline action: join.go:11 shows a negative delta (it no longer allocates).
          const newest = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Profile Runs/i }) }).locator('.monaco-list-row').nth(1);
          await newest.hover();
          await newest.locator('.action-label[aria-label="Compare with Previous Run"]').click();
          await page.locator('.statusbar-item', { hasText: / vs bench-alloc\.Benc/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
          await openFile(page, 'join.go');
          assert.ok(await waitUntil(async () => /^-[\d.]+[kMG]B -[\d.]+[kMG]B$/.test((seen = await column(page, 11)) ?? ''), 60_000), `join.go:11 delta: ${seen}`);
          await screenshot(page, 'goTestProfiling-3-compare-previous');

          // 6. A test that fails: one line with its message and place.
          writeFileSync(testGo, tests.split('"0,1,2"').join('"0,1,3"'));
          await openFile(page, 'join_test.go');
          await profileFromLens(page, 5, 'CPU');
          const failed = await waitForNotification(page, /TestJoinFields failed/, 120_000);
          assert.equal(failed, 'pprof Lens: TestJoinFields failed: join_test.go:7: JoinFields(3) = "0,1,2", want "0,1,3"');
          writeFileSync(testGo, tests);

          // 7. A build error: one line, and its button opens join.go at the line.
          writeFileSync(joinGo, code.replace('out = append(out, field...)', 'out = append(out, fieldx...)'));
          await closeQuickInput(page);
          await profileFromLens(page, 11, 'Memory (allocs)');
          const broken = await waitForNotification(page, /build failed/, 120_000);
          assert.equal(broken, 'pprof Lens: build failed: join.go:13:21: undefined: fieldx');
          await screenshot(page, 'goTestProfiling-4-build-error');
          await page.locator('.notification-toast .monaco-button', { hasText: 'Go to join.go:13' }).first().click();
          const at = await waitUntil(async () => ((await cursorLine(page)) === 13 ? 13 : undefined), 30_000);
          assert.equal(at, 13);
          // Nothing of the failed runs was kept.
          assert.equal(readdirSync(path.join(folder, '.pprof', 'tests')).filter((f) => f.endsWith('.json')).length, 2);
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
