// The flame graph webview (webview/flameGraph.ts) in a real Chromium (playwright-core, Debian's
// /usr/bin/chromium), fed by the worker's ProfileService in-process on leaky/cpu.pprof: canvas
// sized for the device pixel ratio, tooltip with every sample type, click zoom and breadcrumb,
// keyboard and the live status, search share equal to the worker's, Open Source on double-click.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlameTree } from '../../src/shared/flameGraph';
import { ProfileService } from '../../src/worker/profileService';
import { fixture, repoRoot } from '../support/fixtures';

const ROW = 18;

function toJSON(t: FlameTree): unknown {
  const out: Record<string, unknown> = { ...t };
  for (const [k, v] of Object.entries(t)) if (ArrayBuffer.isView(v)) out[k] = Array.from(v as unknown as ArrayLike<number>);
  return out;
}

describe('flame graph webview in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const opened: { file: string; line: number }[] = [];
  const svc = ProfileService.open(fixture('leaky', 'cpu.pprof'), undefined, () => {});
  const query = { sampleIndex: 1 };

  before(async () => {
    const bundle = await build({ entryPoints: [path.join(repoRoot, 'webview', 'flameGraph.ts')], bundle: true, format: 'iife', globalName: 'Flame', platform: 'browser', write: false, logLevel: 'warning' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
    await page.exposeFunction('flameRequest', (method: string, args: Record<string, unknown>) =>
      method === 'flame' ? toJSON(svc.flame({ ...args, query })) : svc.flameSearch({ ...(args as { pattern: string }), query }),
    );
    await page.exposeFunction('openSource', (file: string, line: number) => opened.push({ file, line }));
    await page.setContent('<!doctype html><html><body class="vscode-dark" style="margin:0;padding:0"><div id="c" style="width:900px;height:600px"></div></body></html>');
    await page.addStyleTag({ content: readFileSync(path.join(repoRoot, 'media', 'flameGraph.css'), 'utf8') });
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    await page.evaluate(async () => {
      const w = window as unknown as { Flame: typeof import('../../webview/flameGraph'); flameRequest(m: string, a: unknown): Promise<unknown>; openSource(f: string, l: number): void; handle: unknown };
      w.handle = w.Flame.mountFlameGraph(document.getElementById('c')!, { request: (m, a) => w.flameRequest(m, a), openSource: (f, l) => w.openSource(f, l) });
      await (w.handle as { show(q: unknown, t: unknown): Promise<void> }).show({ sampleIndex: 1 }, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    });
  });

  after(async () => {
    await browser?.close();
  });

  /** Canvas-relative CSS point → page point. */
  async function at(x: number, row: number): Promise<{ x: number; y: number }> {
    const box = (await page.locator('canvas').boundingBox())!;
    return { x: box.x + x, y: box.y + row * ROW + ROW / 2 };
  }

  it('sizes the canvas for the device pixel ratio and draws frames', async () => {
    const r = await page.evaluate(() => {
      const c = document.querySelector('canvas')!;
      const px = c.getContext('2d')!.getImageData(20, 9 * 2, 1, 1).data;
      return { w: c.width, cssW: c.getBoundingClientRect().width, px: [...px] };
    });
    assert.equal(r.w, Math.round(r.cssW * 2));
    assert.ok(r.px[3] === 255 && r.px[0] >= 200, `root frame is warm: ${r.px}`);
  });

  it('hover shows a tooltip with every sample type', async () => {
    const p = await at(20, 1);
    await page.mouse.move(p.x, p.y);
    const tip = page.locator('.flame-tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.textContent();
    assert.match(text!, /net\/http\.\(\*conn\)\.serve/);
    assert.match(text!, /samples/);
    assert.match(text!, /cpu/);
    assert.match(text!, /8\.77s/);
    assert.match(text!, /97\.88%/);
  });

  it('click zooms into a frame; the breadcrumb and Escape zoom out', async () => {
    const p = await at(20, 1);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 2);
    assert.deepEqual(await page.locator('.flame-crumb').allTextContents(), ['root', 'http.(*conn).serve']);
    assert.match((await page.locator('.flame-status').textContent())!, /^net\/http\.\(\*conn\)\.serve: 8\.77s, 97\.88% of total cpu/);
    await page.locator('.flame-crumb').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 1);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 2);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 1);
  });

  it('arrow keys move the selection and Enter zooms', async () => {
    await page.focus('canvas');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const status = (await page.locator('.flame-status').textContent())!;
    assert.match(status, /^net\/http\.\(\*conn\)\.\w+/);
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.locator('.flame-status').textContent(), status);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 3);
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 1);
  });

  it("search highlights matches and shows the worker's share", async () => {
    await page.locator('.flame-search').fill('sha256');
    await page.waitForFunction(() => (document.querySelector('.flame-search-info')?.textContent ?? '') !== '');
    const r = svc.flameSearch({ query, pattern: 'sha256' });
    const info = (await page.locator('.flame-search-info').textContent())!;
    assert.ok(info.startsWith(`${r.names.length} functions: `), info);
    assert.match(info, /of total$/);
    // A matched frame is drawn in the highlight color somewhere on screen.
    const magenta = await page.evaluate(() => {
      const c = document.querySelector('canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i] === 0xe6 && d[i + 1] === 0 && d[i + 2] === 0xe6) return true;
      return false;
    });
    assert.ok(magenta);
    await page.locator('.flame-search').fill('');
    await page.waitForFunction(() => (document.querySelector('.flame-search-info')?.textContent ?? 'x') === '');
  });

  it('double-click opens the source of the frame', async () => {
    const p = await at(20, 1);
    const before = opened.length;
    await page.mouse.dblclick(p.x, p.y);
    // The exposed function answers asynchronously.
    for (let k = 0; k < 100 && opened.length === before; k++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(opened.length > before);
    assert.match(opened[opened.length - 1].file, /net\/http\/server\.go$/);
    assert.ok(opened[opened.length - 1].line > 0);
  });
});
