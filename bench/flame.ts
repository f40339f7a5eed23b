// Benchmark of the flame graph (a benchmark, never a timed test), on a deterministic ~1M-sample
// Go-heap-shaped profile (bench/generate.ts, 1,000,000 samples, stacks 10-60 frames deep with
// unique tails: ~16M call-tree nodes, the worst case for a flame graph):
//
// 1. The worker: the profile worker's code (src/worker/workerMain.ts bundled as dist/worker.js
//    is) in a worker thread: decode, the first ProfileApi.flame call (index build + view), a warm
//    view, a zoomed view and a search; each its wall time and the process's CPU time.
// 2. The webview: webview/flameGraph.ts bundled for the browser (as the webview bundle includes
//    it), in Debian's Chromium driven by playwright-core (--headless --no-sandbox --disable-gpu),
//    answering its requests from the same worker. Median redraw time over N redraws for the full
//    view, a zoomed view and with a search highlight; "draw" is the JS that issues the canvas
//    commands, "+raster" adds a 1-pixel getImageData that forces Chromium to rasterize them.
//
//   node --import tsx bench/flame.ts [--samples N] [--runs N] [--width PX] [--dpr N] [--json FILE]
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import type { FlameArgs, FlameSearchArgs, FlameSearchResult, FlameTree } from '../src/shared/flameGraph';
import type { ProfileSummary, WorkerMessage } from '../src/shared/protocol';
import { OUT_DIR, writeProfile } from './generate';

const repo = path.resolve(__dirname, '..');

interface Args {
  samples: number;
  runs: number;
  width: number;
  height: number;
  dpr: number;
  json: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { samples: 1_000_000, runs: 30, width: 1400, height: 900, dpr: 1, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--samples': a.samples = Number(value()); break;
      case '--runs': a.runs = Number(value()); break;
      case '--width': a.width = Number(value()); break;
      case '--dpr': a.dpr = Number(value()); break;
      case '--json': a.json = value(); break;
      default: throw new Error(`unknown flag ${argv[i]}`);
    }
  }
  return a;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** Bundles the profile worker (src/worker/workerMain.ts, as dist/worker.js is built) into out/bench. */
async function bundleWorker(): Promise<string> {
  const dir = path.join(repo, 'out', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'flameWorker.js');
  await build({ entryPoints: [path.join(repo, 'src', 'worker', 'workerMain.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: file, logLevel: 'warning' });
  return file;
}

/**
 * A worker and a typed call into it. CPU times are the process's (process.cpuUsage counts every
 * thread; the main thread only waits, so it is the worker's work plus receiving the answer).
 */
function startWorker(file: string) {
  const w = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 8192 } });
  let id = 0;
  const pending = new Map<number, { res: (v: unknown) => void; rej: (e: Error) => void }>();
  w.on('message', (m: WorkerMessage) => {
    if (m.kind !== 'result' && m.kind !== 'error') return;
    const p = pending.get(m.id)!;
    pending.delete(m.id);
    if (m.kind === 'error') p.rej(new Error(m.message));
    else p.res(m.result);
  });
  const call = <T>(method: string, args: unknown) =>
    new Promise<T>((res, rej) => {
      const i = ++id;
      pending.set(i, { res: res as (v: unknown) => void, rej });
      w.postMessage({ kind: 'request', id: i, method, args });
    });
  /** A call with its wall time and CPU time (ms). */
  const timed = async <T>(method: string, args: unknown): Promise<{ result: T; wall: number; cpu: number }> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await call<T>(method, args);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { result, wall, cpu: (c.user + c.system) / 1000 };
  };
  return { call, timed, stop: () => w.terminate() };
}

/** Bytes of a view's arrays and names: about what a structured clone carries. */
function viewBytes(t: FlameTree): number {
  let n = 0;
  for (const a of [t.name, t.parent, t.depth, t.end, t.pos, t.start, t.abs, t.values, t.self, t.flags]) n += a.byteLength;
  for (const s of [...t.names, ...t.shortNames, ...t.files]) n += s.length * 2;
  return n;
}

/** A FlameTree for Playwright's string bridge: each typed array as base64 of its bytes, with its type. */
function toWire(t: FlameTree): unknown {
  const out: Record<string, unknown> = { ...t };
  for (const [k, v] of Object.entries(t)) {
    if (ArrayBuffer.isView(v)) out[k] = { $typed: v.constructor.name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  }
  return out;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const name = `heap-${Math.round(a.samples / 1000)}k`;
  let file = path.join(OUT_DIR, `${name}.pb.gz`);
  if (!existsSync(file)) {
    console.log(`generating ${file} (${a.samples} samples)…`);
    file = writeProfile(name, a.samples).file;
  }
  const results: Record<string, unknown> = { profile: name, samples: a.samples, node: process.version };

  // 1. The worker.
  const worker = startWorker(await bundleWorker());
  const open = await worker.timed<ProfileSummary>('open', { path: file });
  const query = { sampleIndex: open.result.sampleTypes.findIndex((t) => t.type === 'alloc_space') };
  const minFraction = 1 / (8 * a.width); // what the view asks for at this width (DETAIL = 8)
  const first = await worker.timed<FlameTree>('flame', { query, minFraction } satisfies FlameArgs);
  const warm = await worker.timed<FlameTree>('flame', { query, minFraction } satisfies FlameArgs);
  const root = warm.result;
  // The widest frame at depth 8: a typical click.
  let z = -1;
  for (let i = 0; i < root.count; i++) if (root.depth[i] === 8 && (z < 0 || root.abs[i] > root.abs[z])) z = i;
  const focus = { depth: root.depth[z], pos: root.pos[z] };
  const zoomed = await worker.timed<FlameTree>('flame', { query, minFraction, focus } satisfies FlameArgs);
  const search = await worker.timed<FlameSearchResult>('flameSearch', { query, pattern: 'encoding/json', focus } satisfies FlameSearchArgs);
  const samples = first.result.samples;
  console.log(`flame graph: ${name} (${samples} samples in the alloc_space tree), node ${process.version}, worker thread`);
  console.log(`  decode (open)                         wall ${fmt(open.wall)} ms, cpu ${fmt(open.cpu)} ms`);
  console.log(`  first flame: index + view             wall ${fmt(first.wall)} ms, cpu ${fmt(first.cpu)} ms  (${first.result.count} nodes, ${(viewBytes(first.result) / 1e6).toFixed(1)} MB)`);
  console.log(`  warm flame: root view                 wall ${fmt(warm.wall)} ms, cpu ${fmt(warm.cpu)} ms`);
  console.log(`  zoomed view (${root.shortNames[root.name[z]]}, ${((root.abs[z] / root.abs[0]) * 100).toFixed(1)}%)  wall ${fmt(zoomed.wall)} ms, cpu ${fmt(zoomed.cpu)} ms  (${zoomed.result.count} nodes)`);
  console.log(`  search "encoding/json"                wall ${fmt(search.wall)} ms, cpu ${fmt(search.cpu)} ms  (${search.result.names.length} names)`);
  results.worker = {
    decode: { wall: open.wall, cpu: open.cpu },
    firstFlame: { wall: first.wall, cpu: first.cpu, nodes: first.result.count, bytes: viewBytes(first.result) },
    warmView: { wall: warm.wall, cpu: warm.cpu },
    zoomedView: { wall: zoomed.wall, cpu: zoomed.cpu, nodes: zoomed.result.count },
    search: { wall: search.wall, cpu: search.cpu },
  };

  // 2. The webview in Chromium.
  const bundle = await build({ entryPoints: [path.join(repo, 'webview', 'flameGraph.ts')], bundle: true, format: 'iife', globalName: 'FlameBench', platform: 'browser', write: false, logLevel: 'warning' });
  const css = readFileSync(path.join(repo, 'media', 'flameGraph.css'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: a.width + 40, height: a.height }, deviceScaleFactor: a.dpr });
    await page.exposeFunction('flameRequest', async (method: string, args: Record<string, unknown>) => {
      const r = await worker.call<FlameTree | FlameSearchResult>(method, { ...args, query });
      return method === 'flame' ? toWire(r as FlameTree) : r;
    });
    await page.setContent(`<!doctype html><html><head><style>
      :root { --vscode-editor-font-family: monospace; --vscode-foreground: #ccc; --vscode-focusBorder: #007fd4; }
      body { margin: 0; padding: 10px 20px; background: #1e1e1e; color: #ccc; font: 13px sans-serif; }
      #c { width: ${a.width}px; height: ${a.height - 40}px; }
    </style></head><body class="vscode-dark"><div id="c"></div></body></html>`);
    await page.addStyleTag({ content: css });
    // tsx compiles the functions passed to page.evaluate with esbuild's keepNames helper.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const types = open.result.sampleTypes.map((t) => ({ type: t.type, unit: t.unit }));
    const show = await page.evaluate(async (types) => {
      const w = window as unknown as { FlameBench: typeof import('../webview/flameGraph'); flameRequest(m: string, a: unknown): Promise<unknown>; handle: unknown };
      // Playwright's bridge carries strings (VS Code's postMessage clones typed arrays instead):
      // the request's time is measured apart, and the show time is what is left.
      let transfer = 0;
      const request = async (m: string, args: unknown) => {
        const t = performance.now();
        const r = (await w.flameRequest(m, args)) as Record<string, unknown>;
        // Typed arrays back from base64, with the browser's own decoder.
        const ctors: Record<string, new (b: ArrayBuffer) => unknown> = { Int32Array, Float64Array, Uint8Array };
        for (const [k, v] of Object.entries(r)) {
          const x = v as { $typed?: string; b64?: string };
          if (x && typeof x === 'object' && x.$typed) r[k] = new ctors[x.$typed]!(await (await fetch(`data:application/octet-stream;base64,${x.b64}`)).arrayBuffer());
        }
        transfer += performance.now() - t;
        return r;
      };
      const handle = w.FlameBench.mountFlameGraph(document.getElementById('c')!, { request, openSource: () => {} });
      w.handle = handle;
      const t0 = performance.now();
      await handle.show({ sampleIndex: 0 }, types);
      return { total: performance.now() - t0, transfer };
    }, types);

    /** Median redraw times (JS draw; draw + raster) and the frames a redraw paints. */
    const measure = (runs: number) =>
      page.evaluate((runs) => {
        const handle = (window as unknown as { handle: { redraw(): void } }).handle;
        const canvas = document.querySelector('canvas')!;
        const ctx = canvas.getContext('2d')!;
        const draw: number[] = [];
        const raster: number[] = [];
        for (let r = 0; r < runs + 3; r++) {
          const t0 = performance.now();
          handle.redraw();
          const t1 = performance.now();
          ctx.getImageData(0, 0, 1, 1);
          const t2 = performance.now();
          if (r >= 3) {
            draw.push(t1 - t0);
            raster.push(t2 - t0);
          }
        }
        const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
        return { draw: med(draw), raster: med(raster), max: Math.max(...raster) };
      }, runs);

    const full = await measure(a.runs);
    // Zoom with the keyboard, as a user would: down six callees, Enter.
    await page.focus('canvas');
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowDown');
    const crumbs = await page.locator('.flame-crumb').count();
    const t0 = performance.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.flame-crumb').length > n, crumbs);
    const zoomWall = performance.now() - t0;
    const zoomName = await page.locator('.flame-crumb[aria-current="true"]').textContent();
    const zoom = await measure(a.runs);
    // Search highlight (the view asks the worker for the share, then highlights).
    const t1 = performance.now();
    await page.evaluate(() => (window as unknown as { handle: { setSearch(p: string): void } }).handle.setSearch('encoding/json'));
    await page.waitForFunction(() => (document.querySelector('.flame-search-info')?.textContent ?? '') !== '');
    const searchWall = performance.now() - t1;
    const searchInfo = await page.locator('.flame-search-info').textContent();
    const highlighted = await measure(a.runs);
    // Back to the root: the search stays.
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelectorAll('.flame-crumb').length === 1);
    const fullSearch = await measure(a.runs);

    console.log(`webview redraw in Chromium (${a.width}x${a.height - 40} CSS px, dpr ${a.dpr}, median of ${a.runs}; draw JS / +raster, max):`);
    console.log(`  first show: revive + draw ${fmt(show.total - show.transfer)} ms (plus ${fmt(show.transfer)} ms for the view: worker, Playwright's bridge, base64)`);
    console.log(`  full view                             ${fmt(full.draw)} / ${fmt(full.raster)} ms, max ${fmt(full.max)} ms`);
    console.log(`  zoomed (${zoomName}; zoom took ${fmt(zoomWall)} ms)  ${fmt(zoom.draw)} / ${fmt(zoom.raster)} ms, max ${fmt(zoom.max)} ms`);
    console.log(`  zoomed + search highlight (search took ${fmt(searchWall)} ms: ${searchInfo})  ${fmt(highlighted.draw)} / ${fmt(highlighted.raster)} ms, max ${fmt(highlighted.max)} ms`);
    console.log(`  full view + search highlight          ${fmt(fullSearch.draw)} / ${fmt(fullSearch.raster)} ms, max ${fmt(fullSearch.max)} ms`);
    results.webview = { width: a.width, dpr: a.dpr, firstShow: show, full, zoomWall, zoom, searchWall, highlighted, fullSearch };
  } finally {
    await browser.close();
    await worker.stop();
  }
  if (a.json) writeFileSync(a.json, JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
