// Graphviz in a thread of its own, started by the profile worker: instantiating the wasm blocks
// a thread for a few hundred ms and the first layout pays the wasm's warm-up, so an idle profile
// worker starts this thread early (warmGraphviz) and the user's first Graph view finds it ready,
// while Top, line stats and every other request keep the profile worker to themselves. Layouts
// run here too, so a big graph's layout never holds up the profile worker's queue.
//
// The thread is the worker script itself (dist/worker.js) started with workerData
// { role: 'graphviz' }; when it cannot start or dies, layouts fall back to the profile worker's
// own thread (layoutHere), as they ran before.
import { Worker, type MessagePort } from 'node:worker_threads';
import type { GraphvizReply, GraphvizRequest } from '../shared/protocol';
import { layoutHere, loadGraphviz, WARM_UP_DOT, type LaidOut, type LayoutDot } from './graphLayout';

/** The workerData that makes the worker script a Graphviz thread. */
export const GRAPHVIZ_ROLE = { role: 'graphviz' } as const;

/** The Graphviz thread's V8 limits (MB). */
export const GRAPHVIZ_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } as const;

/** Whether workerData asks the worker script to be a Graphviz thread. */
export function isGraphvizRole(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === GRAPHVIZ_ROLE.role;
}

/**
 * GraphvizThread lays out dot texts in a thread started from `script`. Invariant: every pending
 * layout settles once: with the thread's answer, or (the thread failed) by the profile worker's
 * own layout.
 */
export class GraphvizThread {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, { dot: string; resolve: (r: LaidOut) => void; reject: (e: Error) => void }>();

  constructor(private readonly script: string) {}

  /** Starts the thread (it loads the wasm and lays out a small graph at once); idempotent. */
  start(): void {
    if (this.worker || this.failed) return;
    let w: Worker;
    try {
      // Bounded like the profile worker (hostile input): a layout's JSON of pprof's ≤ 500 nodes
      // is a few MB; Graphviz's own memory is the wasm's, outside V8's heap.
      w = new Worker(this.script, { workerData: GRAPHVIZ_ROLE, resourceLimits: GRAPHVIZ_RESOURCE_LIMITS });
    } catch {
      this.failed = true;
      return;
    }
    this.worker = w;
    // The profile worker may exit while the thread still warms up.
    w.unref();
    w.on('message', (m: GraphvizReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve({ json: m.json, loadMs: m.loadMs, layoutMs: m.layoutMs });
    });
    const fail = () => {
      this.failed = true;
      this.worker = undefined;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        layoutHere(p.dot).then(p.resolve, p.reject);
      }
    };
    w.on('error', fail);
    w.on('exit', fail);
  }

  /** Graphviz's JSON layout of a dot text (in the thread; in this one when the thread failed). */
  readonly layout: LayoutDot = (dot) => {
    this.start();
    const w = this.worker;
    if (!w) return layoutHere(dot);
    return new Promise<LaidOut>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { dot, resolve, reject });
      w.postMessage({ id, dot } satisfies GraphvizRequest);
    });
  };

  /** Stops the thread (tests; the profile worker's exit stops it too). */
  async stop(): Promise<void> {
    const w = this.worker;
    this.failed = true;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/**
 * serveGraphviz is the Graphviz thread's side: loads the wasm, warms it with a small layout,
 * then answers layouts in order. Graphviz's errors (a dot text it cannot read) are answers too.
 */
export function serveGraphviz(port: MessagePort): void {
  const ready = loadGraphviz().then((gv) => {
    gv.layout(WARM_UP_DOT, 'json', 'dot');
    return gv;
  });
  // Keep the queue in order: one layout after another.
  let previous: Promise<unknown> = ready;
  port.on('message', (m: GraphvizRequest) => {
    const t0 = performance.now();
    previous = previous
      .catch(() => undefined)
      .then(async () => {
        const gv = await ready;
        const t1 = performance.now();
        const json = gv.layout(m.dot, 'json', 'dot');
        port.postMessage({ id: m.id, json, loadMs: Math.round(t1 - t0), layoutMs: Math.round(performance.now() - t1) } satisfies GraphvizReply);
      })
      .catch((e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies GraphvizReply));
  });
}
