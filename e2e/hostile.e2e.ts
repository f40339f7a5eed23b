// Hostile files in a real VS Code (issue 13): a ~200 KB gzip and a 200 MB raw file that declare
// 100 million empty messages are refused with one line each, the extension host stays up, and
// a good profile opens next in the same window; a profile whose every string is a Markdown /
// HTML / command-link payload shows in the hover as text: no links, images or headings of its
// own, and no request reaches the image host it names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AMPLIFIERS, gzipOfRepeated, repeatedMessage } from '../test/robustness/amplification';
import { encodeProfile } from '../test/support/profileWriter';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { activeEditor, openFile, screenshot, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';
import { expectAnnotation, openProfile, quickOpen } from './editor.e2e';

const FIXTURES = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));
const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');

/** Opens a file in the profile editor and waits for its one-line refusal. */
async function expectRefusal(page: import('playwright-core').Page, name: string, reason: RegExp): Promise<string> {
  await quickOpen(page, name);
  const frame = webviewFrame(page);
  await frame.locator('h1', { hasText: name }).first().waitFor({ state: 'visible', timeout: 120_000 });
  const alert = frame.locator('[role="alert"]').first();
  await alert.waitFor({ state: 'visible', timeout: 120_000 });
  const text = ((await alert.textContent()) ?? '').trim();
  assert.match(text, reason);
  return text;
}

const MAIN_GO = `package main

func leaf() []byte {
	return make([]byte, 1<<20)
}

func caller() {
	_ = leaf()
}

func main() { caller() }
`;

/** The tabs of the active editor group titled exactly `name`. */
async function tabsNamed(page: import('playwright-core').Page, name: string): Promise<number> {
  const labels = await page.locator('.editor-group-container.active .tab .label-name').allTextContents();
  return labels.filter((l) => l.trim() === name).length;
}

/**
 * The lines of an Output view as logged, without their timestamps: view lines in screen order
 * (Monaco reuses its DOM nodes), wrapped segments joined back to their line.
 */
async function outputLines(view: import('playwright-core').Locator): Promise<string[]> {
  const rows = await view.locator('.view-line').evaluateAll((els) => els.map((e) => [parseFloat((e as HTMLElement).style.top), e.textContent ?? ''] as const));
  const lines: string[] = [];
  for (const [, text] of [...rows].sort((x, y) => x[0] - y[0])) {
    const t = text.replace(/\u00a0/g, ' ');
    if (/^\d{4}-\d\d-\d\d /.test(t) || lines.length === 0) lines.push(t);
    else lines[lines.length - 1] += t;
  }
  return lines.map((l) => l.replace(/^\S+ \S+ /, '').trimEnd());
}

/** Waits for the status bar line `text` (exact) and returns it. */
async function expectStatusLine(page: import('playwright-core').Page, text: string): Promise<void> {
  let seen: string[] = [];
  const ok = await waitUntil(async () => {
    seen = (await page.locator('.statusbar-item').allTextContents()).map((t) => t.trim());
    return seen.includes(text);
  }, 60_000);
  assert.ok(ok, `status bar: expected ${JSON.stringify(text)}, saw ${JSON.stringify(seen)}`);
}

export const cases: E2eCase[] = [
  {
    name: 'a .prof of another tool (Python cProfile, GHC) opens in the text editor; as .pprof it is refused with one line',
    timeoutMs: 8 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-prof-'));
      try {
        // Real cProfile output, written now by Python.
        execFileSync('python3', ['-c', 'import cProfile; cProfile.run("sum(range(10))", "x.prof")'], { cwd: folder });
        copyFileSync(path.join(folder, 'x.prof'), path.join(folder, 'stats.pprof'));
        writeFileSync(path.join(folder, 'fib.prof'), '\tWed Dec  3 05:00 2026 Time and Allocation Profiling Report  (Final)\n\n\t   fib +RTS -p -RTS\n\n\ttotal time  =        0.01 secs   (12 ticks @ 1000 us, 1 processor)\n');
        copyFileSync(path.join(FIXTURES, 'leaky', 'heap.3.pprof'), path.join(folder, 'heap.prof'));
        await withWorkbench({ folder, installExtensions: [VSIX], viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. cProfile's x.prof: the text editor (binary notice), one tab, one status line, no toast
          //    (not even a progress one: the first bytes say it all, nothing is decoded).
          await quickOpen(page, 'x.prof');
          await page.locator('.editor-group-container.active', { hasText: 'The file is not displayed in the text editor because it is either binary' }).first().waitFor({ state: 'visible', timeout: 90_000 });
          await expectStatusLine(page, 'pprof Lens: x.prof is not a pprof profile (Python cProfile output)');
          assert.equal(await tabsNamed(page, 'x.prof'), 1);
          assert.equal(await page.locator('.notifications-toasts .notification-toast').count(), 0);
          await screenshot(page, 'prof-1-cprofile-text-editor');
          // 2. GHC's report: its text in the text editor.
          await quickOpen(page, 'fib.prof');
          await activeEditor(page).locator('.view-lines', { hasText: 'Time and Allocation Profiling Report' }).first().waitFor({ state: 'visible', timeout: 90_000 });
          await expectStatusLine(page, 'pprof Lens: fib.prof is not a pprof profile (a GHC profiling report)');
          assert.equal(await tabsNamed(page, 'fib.prof'), 1);
          // 3. The same cProfile bytes named .pprof: the profile view says what they are, in one line.
          await expectRefusal(page, 'stats.pprof', /^This file could not be opened as a profile: the file is Python cProfile output \(pstats\), not a pprof profile: read it with Python's pstats \(`python3 -m pstats`\) or a viewer such as snakeviz/);
          await screenshot(page, 'prof-2-cprofile-as-pprof');
          // 4. Its error toast offers "Show Log", which reveals the "pprof Lens" log with both events.
          const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'pprof Lens: stats.pprof: the file is Python cProfile output (pstats)' }).first();
          await toast.waitFor({ state: 'visible', timeout: 60_000 });
          assert.deepEqual((await toast.locator('.notification-list-item-buttons-container .monaco-button').allTextContents()).map((t) => t.trim()), ['Show Log']);
          await toast.locator('.monaco-button', { hasText: 'Show Log' }).click();
          const log = page.locator('.part.panel .view-lines').first();
          await log.locator('.view-line', { hasText: '[error] stats.pprof:' }).first().waitFor({ state: 'visible', timeout: 60_000 });
          const logLines = await outputLines(log);
          assert.ok(logLines.includes('[info] x.prof is not a pprof profile (Python cProfile output): reopened in the text editor'), logLines.join('\n'));
          assert.ok(logLines.includes("[error] stats.pprof: the file is Python cProfile output (pstats), not a pprof profile: read it with Python's pstats (`python3 -m pstats`) or a viewer such as snakeviz"), logLines.join('\n'));
          await screenshot(page, 'prof-3-show-log');
          // 5. A Go profile named .prof still opens in the profile editor.
          await openProfile(page, 'heap.prof', '51.99MB');
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'amplification files are refused with one line; a good profile opens next in the same window',
    timeoutMs: 10 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-hostile-'));
      try {
        for (const f of ['main.go', 'go.mod', 'heap.3.pprof']) copyFileSync(path.join(FIXTURES, 'leaky', f), path.join(folder, f));
        writeFileSync(path.join(folder, 'locations.pb.gz'), gzipOfRepeated(AMPLIFIERS.locations, 100_000_000));
        writeFileSync(path.join(folder, 'samples.pprof'), repeatedMessage(AMPLIFIERS.samples, 100_000_000));
        await withWorkbench({ folder, installExtensions: [VSIX], viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          // 1. The 195 KB gzip: refused for its ratio while inflating.
          await expectRefusal(page, 'locations.pb.gz', /This file could not be opened as a profile: the gzip data inflates more than 200-fold \(189\.\d+ KiB to over 64 MiB\)/);
          await screenshot(page, 'hostile-1-gzip-refused');
          // 2. The 200 MB raw file: refused for what it declares, before anything is built.
          await expectRefusal(page, 'samples.pprof', /the profile declares 100,000,000 samples in 190\.73 MiB: refusing \(decoding would take over 1\.12 GiB, past the 1 GiB limit on decoded memory; raise it with the pprofLens\.maxProfileSizeMB setting if the profile is genuine\)/);
          await screenshot(page, 'hostile-2-raw-refused');
          // 3. The host is alive: a good profile opens and annotates its source.
          await openProfile(page, 'heap.3.pprof', '51.99MB');
          await openFile(page, 'main.go');
          await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible' });
          await expectAnnotation(page, 25, '49.48MB 49.48MB');
          assert.equal(await page.locator('text=Extension host terminated unexpectedly').count(), 0);
          await screenshot(page, 'hostile-3-good-profile-after');
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a profile of Markdown/HTML/command-link payloads: the hover shows them as text, loads no image',
    timeoutMs: 8 * 60_000,
    run: async () => {
      // A beacon: any request here means an image from the profile loaded.
      const hits: string[] = [];
      const beacon = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(200, { 'Content-Type': 'image/png' }).end();
      });
      await new Promise<void>((r) => beacon.listen(0, '127.0.0.1', r));
      const img = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}/beacon.png`;
      const payload = (tag: string) =>
        `main.${tag}\n\n# Heading ${tag}\n\n[click ${tag}](command:workbench.action.terminal.new) ![img ${tag}](${img}?${tag}) <img src="${img}?html-${tag}"> https://evil.example/${tag} <a href="https://evil.example">a ${tag}</a>`;
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-payload-'));
      try {
        writeFileSync(path.join(folder, 'main.go'), MAIN_GO);
        writeFileSync(path.join(folder, 'go.mod'), 'module example.com/payload\n\ngo 1.22\n');
        writeFileSync(path.join(folder, 'payload.pprof'), encodeProfile({
          sampleTypes: [[`# type ![t](${img}?type)`, 'bytes']],
          samples: [{ locationIds: [1, 2], values: [1 << 20] }],
          locations: [{ id: 1, lines: [[1, 4]] }, { id: 2, lines: [[2, 8]] }],
          functions: [{ id: 1, name: payload('leaf'), file: 'main.go' }, { id: 2, name: payload('caller'), file: 'main.go' }],
        }));
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          await openProfile(page, 'payload.pprof', '1MB');
          await openFile(page, 'main.go');
          await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible' });
          await expectAnnotation(page, 4, '1MB 1MB');
          // Hover line 4 (the leaf's allocation): the hover has the payload names as text.
          const lineEl = activeEditor(page).locator('.view-lines .view-line', { hasText: 'return make' }).first();
          await lineEl.hover({ position: { x: 300, y: 5 } });
          const hover = page.locator('.monaco-hover-content', { hasText: 'pprof Lens' }).first();
          await hover.waitFor({ state: 'visible', timeout: 30_000 });
          const text = (await hover.textContent()) ?? '';
          assert.ok(text.includes('main.leaf␊␊# Heading leaf␊␊[click leaf](command:workbench.action.terminal.new)'), text);
          assert.ok(text.includes('main.caller␊␊# Heading caller'), text);
          assert.ok(text.includes('# type ![t]('), text);
          // Its DOM: no heading, no image; the only links are our own three commands.
          assert.equal(await hover.locator('h1, h2, h3, h4, h5, h6, img').count(), 0, await hover.innerHTML());
          const links = await hover.locator('a').evaluateAll((as) => as.map((a) => `${a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''} ${a.textContent ?? ''}`));
          assert.equal(links.length, 3, links.join('\n'));
          for (const l of links) assert.match(l, /^command:pprofLens\.(selectSampleType|goToHottestLine|nextHotLine) /);
          await screenshot(page, 'hostile-4-payload-hover');
          // Nothing the profile names was fetched.
          assert.deepEqual(hits, []);
        });
      } finally {
        beacon.close();
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
