// Benchmark of the Memory Timeline chart (a benchmark, never a timed test): 7 days at a 15 s
// resolution (40,320 points) for the 5 drawn series (RSS, heap in-use, heap alloc, goroutines,
// request rate), drawn by uPlot (the panel's library, its shipped IIFE build) in Debian's
// Chromium driven by playwright-core (--headless --no-sandbox --disable-gpu), with the panel's
// scales and axes (bytes left; request rate and goroutines right). Times, median of N runs after
// 3 warm-ups: creating the chart (first draw), setData (what a refresh does) and redraw; each
// followed by a 1-pixel getImageData, which makes Chromium rasterize the canvas before returning.
//
//   node --import tsx bench/timeline.ts [--days N] [--step SECONDS] [--runs N] [--width PX]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const repo = path.resolve(__dirname, '..');

function arg(name: string, def: number): number {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return def;
  const a = process.argv[i];
  return Number(a.includes('=') ? a.split('=')[1] : process.argv[i + 1]);
}

async function main(): Promise<void> {
  const days = arg('days', 7);
  const step = arg('step', 15);
  const runs = arg('runs', 20);
  const width = arg('width', 1400);
  const n = Math.floor((days * 86400) / step);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: width + 40, height: 700 } });
    await page.setContent('<!doctype html><html><body><div id="c"></div></body></html>');
    await page.addStyleTag({ content: readFileSync(path.join(repo, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), 'utf8') });
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: readFileSync(path.join(repo, 'node_modules', 'uplot', 'dist', 'uPlot.iife.min.js'), 'utf8') });
    const r = await page.evaluate(
      async ({ n, step, runs, width }) => {
        type U = { setData(d: unknown): void; redraw(rebuildPaths?: boolean): void; destroy(): void; ctx: CanvasRenderingContext2D };
        const uPlot = (window as unknown as { uPlot: new (o: unknown, d: unknown, el: HTMLElement) => U }).uPlot;
        // 1. Data: a sawtooth leak restarting daily, GC noise, a daily request pattern.
        const t0 = 1_700_000_000;
        const t = new Array<number>(n);
        const cols = [0, 1, 2, 3, 4].map(() => new Array<number | null>(n));
        let seed = 1;
        const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        for (let i = 0; i < n; i++) {
          t[i] = t0 + i * step;
          const life = (i * step) % 86400;
          const live = 50e6 + life * 1000;
          const heap = live * (1 + rnd() * 0.8);
          cols[0][i] = live * 1.6 + 20e6;
          cols[1][i] = heap;
          cols[2][i] = heap * 0.95;
          cols[3][i] = 40 + Math.round(rnd() * 10);
          cols[4][i] = 100 + 80 * Math.sin((life / 86400) * 2 * Math.PI) + rnd() * 10;
        }
        const data = [t, ...cols];
        const fmt = (v: number) => `${(v / 1e6).toFixed(1)} MB`;
        const s = (label: string, scale: string, stroke: string) => ({ label, scale, stroke, width: 1.5, spanGaps: false });
        const opts = {
          width,
          height: 560,
          series: [{}, s('RSS', 'bytes', '#e05d5d'), s('heap in-use', 'bytes', '#4a9eff'), s('heap alloc', 'bytes', '#b180d7'), s('goroutines', 'goroutines', '#89d185'), s('request rate', 'rate', '#d18616')],
          axes: [{}, { scale: 'bytes', side: 3, values: (_u: unknown, v: number[]) => v.map(fmt), size: 64 }, { scale: 'rate', side: 1, size: 64 }, { scale: 'goroutines', side: 1, size: 64 }],
          scales: { x: { time: true } },
          legend: { live: true },
          // uPlot draws in a microtask after create/setData: the draw hook says it is done.
          hooks: { draw: [() => drawn?.()] },
        };
        let drawn: (() => void) | undefined;
        const nextDraw = () => new Promise<void>((r) => (drawn = r));
        const el = document.getElementById('c')!;
        const raster = (u: U) => u.ctx.getImageData(0, 0, 1, 1);
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const create: number[] = [];
        const setData: number[] = [];
        const redraw: number[] = [];
        for (let k = 0; k < runs + 3; k++) {
          el.replaceChildren();
          let a = performance.now();
          let wait = nextDraw();
          const u = new uPlot(opts, data, el);
          await wait;
          raster(u);
          const c = performance.now() - a;
          a = performance.now();
          wait = nextDraw();
          u.setData(data);
          await wait;
          raster(u);
          const d = performance.now() - a;
          a = performance.now();
          wait = nextDraw();
          u.redraw(true);
          await wait;
          raster(u);
          const r = performance.now() - a;
          u.destroy();
          if (k >= 3) {
            create.push(c);
            setData.push(d);
            redraw.push(r);
          }
        }
        return { create: median(create), createMax: Math.max(...create), setData: median(setData), setDataMax: Math.max(...setData), redraw: median(redraw), redrawMax: Math.max(...redraw) };
      },
      { n, step, runs, width },
    );
    const f = (x: number) => x.toFixed(1);
    console.log(`uPlot ${days} days at ${step} s = ${n} points x 5 series, ${width} px wide, ${runs} runs (median, max):`);
    console.log(`  create + first draw + raster  ${f(r.create)} ms  (max ${f(r.createMax)})`);
    console.log(`  setData + draw + raster       ${f(r.setData)} ms  (max ${f(r.setDataMax)})`);
    console.log(`  redraw (paths rebuilt) + raster ${f(r.redraw)} ms  (max ${f(r.redrawMax)})`);
  } finally {
    await browser.close();
  }
}

void main();
