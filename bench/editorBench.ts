// The editor's side of a big profile, measured beside the CLIs in one run (a benchmark, never a
// timed test): the profile worker exactly as the extension runs it (dist/worker.js through
// WorkerClient), `node dist/cli.js -top` and go tool pprof's `-top` on the same file,
// alternating, so that the shared machine's drifting load hits all three alike; ratios are the
// result. Per worker run, in a fresh worker:
//   open → Top    spawn, `open` (decode, merge, summary), then the first Top page (what the
//                 editor shows first: pprof's header and rows)
//   hot lines     `hotLines` right after (Go to Hottest Line)
//   switch→Top    a sample type switch as the editor does it: the view's Top page of another type
//                 (the editor starts it first), then its line stats (annotations, hot lines),
//                 sent together; timed to the Top page, beside `cli.js -top -sample_index=TYPE`
//   switch all    the same switch until the line stats are in too
//   flame, graph  the Flame Graph's and the Graph's first views (the webview's first requests)
// and the largest event-loop delay of this (host) thread meanwhile, and the process's peak RSS.
//
//   npm run build && node --import tsx bench/editorBench.ts [--only heap-300k] [--runs N] [--no-go]
//     [--heap-limit-mb N] [--skip-views] [--before DIST] [--json FILE]
// --before DIST adds, to every run, the same worker steps and CLI from another build's dist/
// folder (an older commit built elsewhere): a before/after comparison under the same load.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WorkerClient } from '../src/worker/workerClient';
import { OUT_DIR, PROFILES, writeProfile } from './generate';
import { goPprof, machine, median, timed } from './harness';

const repo = path.resolve(__dirname, '..');
const dist = path.join(repo, 'dist');
/** The sample type a switch goes to (heap profiles: from inuse_space). */
const SWITCH_TYPE = 'alloc_space';

interface Args {
  runs: number;
  only: string[];
  go: boolean;
  heapLimitMb: number | undefined;
  views: boolean;
  before: string | undefined;
  json: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 3, only: [], go: true, heapLimitMb: undefined, views: true, before: undefined, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--runs': a.runs = Number(value()); break;
      case '--only': a.only.push(...value().split(',')); break;
      case '--no-go': a.go = false; break;
      case '--heap-limit-mb': a.heapLimitMb = Number(value()); break;
      case '--skip-views': a.views = false; break;
      case '--before': a.before = path.resolve(value()); break;
      case '--json': a.json = value(); break;
      default: throw new Error(`unknown flag ${argv[i]}`);
    }
  }
  return a;
}

/** One worker run's steps, in ms, and what it cost the host thread and the process. */
interface WorkerRun {
  openMs: number;
  openToTopMs: number;
  hotLinesMs: number;
  switchToTopMs: number;
  switchMs: number;
  flameMs: number;
  graphMs: number;
  maxHostDelayMs: number;
  peakRssMiB: number;
}

/** The process's peak RSS so far (this thread and the worker's: one process). */
function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function workerRun(file: string, a: Args, distDir: string): Promise<WorkerRun> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  const lap = (() => {
    let last = t0;
    return () => {
      const now = performance.now();
      const ms = now - last;
      last = now;
      return ms;
    };
  })();
  const client = new WorkerClient(path.join(distDir, 'worker.js'), a.heapLimitMb ? { heapLimitMb: a.heapLimitMb } : {});
  try {
    const summary = await client.call('open', { path: file });
    const openMs = lap();
    const query = { sampleIndex: summary.defaultSampleIndex };
    const page = await client.call('top', { query, granularity: 'functions', offset: 0, limit: 100 });
    if (page.labels.length === 0 || page.rows.length === 0) throw new Error('the Top page is empty');
    const openToTopMs = performance.now() - t0;
    lap();
    await client.call('hotLines', { query, limit: 100 });
    const hotLinesMs = lap();
    const other = { sampleIndex: summary.sampleTypes.findIndex((t) => t.type === SWITCH_TYPE) };
    const switched = performance.now();
    // In the editor's order: the view's Top page first (ProfileSession prefetches it on the change), then line stats.
    const top = client.call('top', { query: other, granularity: 'functions', offset: 0, limit: 100 }).then(() => performance.now() - switched);
    await client.call('lineStats', { query: other, files: (await client.call('files', {})).slice(0, 1) });
    const switchToTopMs = await top;
    const switchMs = lap();
    let flameMs = NaN;
    let graphMs = NaN;
    if (a.views) {
      await client.call('flame', { query, granularity: 'functions', minFraction: 1 / (8 * 1400) });
      flameMs = lap();
      await client.call('graph', { query });
      graphMs = lap();
    }
    delay.disable();
    return { openMs, openToTopMs, hotLinesMs, switchToTopMs, switchMs, flameMs, graphMs, maxHostDelayMs: delay.max / 1e6, peakRssMiB: peakRssMiB() };
  } finally {
    client.dispose();
  }
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  for (const d of [dist, a.before]) if (d && !existsSync(path.join(d, 'worker.js'))) throw new Error(`${d}/worker.js is missing: npm run build first`);
  const info = machine();
  console.log(`machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.ramGiB} GiB RAM, node ${info.node}, ${info.go}`);
  console.log(`load average at start: ${info.loadAverage} (shared machine: compare ratios, not seconds)`);
  const pprof = a.go ? goPprof() : undefined;
  const env = { ...process.env, TZ: 'UTC', PPROF_BINARY_PATH: '/nonexistent', PPROF_TMPDIR: os.tmpdir() };
  const builds = a.before ? [['before', a.before], ['after', dist]] : [['', dist]];
  const results: Record<string, { worker: WorkerRun[]; cliMs: number[]; cliSwitchMs: number[]; goMs: number[] }> = {};
  for (const [name, samples] of Object.entries(PROFILES)) {
    if (a.only.length > 0 ? !a.only.includes(name) : name !== 'heap-300k') continue;
    const file = path.join(OUT_DIR, `${name}.pb.gz`);
    if (!existsSync(file)) {
      console.log(`generating ${file} ...`);
      writeProfile(name, samples);
    }
    for (const [label] of builds) results[label ? `${name} (${label})` : name] = { worker: [], cliMs: [], cliSwitchMs: [], goMs: [] };
    for (let i = 0; i < a.runs; i++) {
      for (const [label, d] of builds) {
        const r = results[label ? `${name} (${label})` : name];
        const w = await workerRun(file, a, d);
        r.worker.push(w);
        const c = await timed(process.execPath, [path.join(d, 'cli.js'), '-top', path.basename(file)], OUT_DIR, env);
        if (c.status !== 0) throw new Error(`pprof-lens failed: ${c.stderr}`);
        r.cliMs.push(c.wallMs);
        const cs = await timed(process.execPath, [path.join(d, 'cli.js'), '-top', `-sample_index=${SWITCH_TYPE}`, path.basename(file)], OUT_DIR, env);
        if (cs.status !== 0) throw new Error(`pprof-lens failed: ${cs.stderr}`);
        r.cliSwitchMs.push(cs.wallMs);
        console.log(`${name}${label ? ` ${label}` : ''} run ${i + 1}/${a.runs}: worker open ${w.openMs.toFixed(0)} ms, open→Top ${w.openToTopMs.toFixed(0)} ms, hot lines ${w.hotLinesMs.toFixed(0)} ms, switch→Top ${w.switchToTopMs.toFixed(0)} ms (all ${w.switchMs.toFixed(0)} ms), flame ${w.flameMs.toFixed(0)} ms, graph ${w.graphMs.toFixed(0)} ms, host delay max ${w.maxHostDelayMs.toFixed(0)} ms, peak RSS ${w.peakRssMiB.toFixed(0)} MiB; cli -top ${c.wallMs.toFixed(0)} ms, -top -sample_index=${SWITCH_TYPE} ${cs.wallMs.toFixed(0)} ms`);
      }
      if (pprof) {
        const g = await timed(pprof, ['-symbolize=none', '-top', path.basename(file)], OUT_DIR, env);
        if (g.status !== 0) throw new Error(`go tool pprof failed: ${g.stderr}`);
        for (const [label] of builds) results[label ? `${name} (${label})` : name].goMs.push(g.wallMs);
        console.log(`${name} run ${i + 1}/${a.runs}: go -top ${g.wallMs.toFixed(0)} ms`);
      }
    }
  }
  const f = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(0));
  const f2 = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(2));
  console.log('\n| profile | open→Top (worker) ms | CLI -top ms | go -top ms | open→Top / CLI | open→Top / go | hot lines ms | switch→Top ms | CLI -top -sample_index ms | switch→Top / CLI | switch all ms | flame first ms | graph first ms | host delay max ms | runs |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of Object.entries(results)) {
    const m = (k: keyof WorkerRun) => median(r.worker.map((w) => w[k]));
    const top = m('openToTopMs');
    const cliMs = median(r.cliMs);
    const goMs = r.goMs.length ? median(r.goMs) : NaN;
    const switchToTop = m('switchToTopMs');
    const cliSwitchMs = median(r.cliSwitchMs);
    console.log(`| ${name} | ${f(top)} | ${f(cliMs)} | ${f(goMs)} | ${f2(top / cliMs)} | ${f2(top / goMs)} | ${f(m('hotLinesMs'))} | ${f(switchToTop)} | ${f(cliSwitchMs)} | ${f2(switchToTop / cliSwitchMs)} | ${f(m('switchMs'))} | ${f(m('flameMs'))} | ${f(m('graphMs'))} | ${f(Math.max(...r.worker.map((w) => w.maxHostDelayMs)))} | ${r.worker.length} |`);
  }
  console.log(`\nload average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (a.json) writeFileSync(a.json, JSON.stringify({ machine: info, results }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
