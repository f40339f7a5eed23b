// Benchmark: the call graph in the worker (ProfileApi.graph) from the built dist/worker.js, as the
// extension runs it: pprof's -dot report, Graphviz's layout (wasm), conversion to a GraphView.
// For each profile and option set: the first call in a fresh worker (wasm instantiation included),
// then the median of warm calls (each with another node count, so that no answer is cached).
//
//   npm run build && node --import tsx bench/graphLayout.ts [--runs N]
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GraphArgs, GraphView } from '../src/shared/graphView';
import type { ProfileSummary, WorkerMessage } from '../src/shared/protocol';

const repo = path.resolve(__dirname, '..');
const fixtures = process.env.PPROF_LENS_FIXTURES ?? path.join(repo, '..', 'shared', 'fixtures');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const cases: { profile: string; args: Omit<GraphArgs, 'query'> }[] = [
  { profile: 'real/google-pprof/internal/proftest/testdata/large.cpu', args: {} },
  { profile: 'real/google-pprof/internal/proftest/testdata/large.cpu', args: { granularity: 'lines' } },
  { profile: 'real/golang-go/src/cmd/compile/default.pgo', args: {} },
  { profile: 'real/golang-go/src/cmd/compile/default.pgo', args: { nodeCount: 300 } },
  { profile: 'leaky/cpu.pprof', args: { granularity: 'lines' } },
];

/** A worker and a typed call into it. */
function startWorker(): { call: <T>(method: string, args: unknown) => Promise<T>; stop: () => Promise<number> } {
  const w = new Worker(path.join(repo, 'dist', 'worker.js'));
  let id = 0;
  const pending = new Map<number, { res: (v: unknown) => void; rej: (e: Error) => void }>();
  w.on('message', (m: WorkerMessage) => {
    if (m.kind !== 'result' && m.kind !== 'error') return;
    const p = pending.get(m.id)!;
    pending.delete(m.id);
    if (m.kind === 'error') p.rej(new Error(m.message));
    else p.res(m.result);
  });
  return {
    call: <T>(method: string, args: unknown) =>
      new Promise<T>((res, rej) => {
        const i = ++id;
        pending.set(i, { res: res as (v: unknown) => void, rej });
        w.postMessage({ kind: 'request', id: i, method, args });
      }),
    stop: () => w.terminate(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => `${v.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(`call graph in the worker (dist/worker.js), ${RUNS} warm runs, node ${process.version}`);
  console.log('profile | options | nodes/edges | first call: wall (report + wasm load + layout + convert) | warm: wall, layout (median)');
  for (const c of cases) {
    const worker = startWorker();
    const summary = await worker.call<ProfileSummary>('open', { path: path.join(fixtures, c.profile) });
    const query = { sampleIndex: summary.defaultSampleIndex };
    const base = c.args.nodeCount ?? 80;
    let t = performance.now();
    const first = await worker.call<GraphView>('graph', { query, ...c.args });
    const firstWall = performance.now() - t;
    const walls: number[] = [];
    const layouts: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      t = performance.now();
      const v = await worker.call<GraphView>('graph', { query, ...c.args, nodeCount: base + i });
      walls.push(performance.now() - t);
      layouts.push(v.timing.layoutMs);
    }
    await worker.stop();
    const f = first.timing;
    console.log(
      `${path.basename(c.profile)} | ${JSON.stringify(c.args)} | ${first.nodeCount}/${first.edges.filter((e) => e.kind === 'call').length} | ` +
        `${ms(firstWall)} (${ms(f.reportMs)} + ${ms(f.loadMs)} + ${ms(f.layoutMs)} + ${ms(f.convertMs)}) | ${ms(median(walls))}, ${ms(median(layouts))}`,
    );
  }
}

void main();
