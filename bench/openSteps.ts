// CPU time of each step of the worker's path for a big profile, in process (a benchmark, never a
// timed test): open, summary, the first Top page, hot lines, annotations, a sample type switch,
// the first Flame Graph and Graph views. CPU time (process.cpuUsage: this thread and V8's GC
// threads) rather than wall time, so that a shared machine's load matters less. ROOT is the
// checkout whose src/ is measured (another commit's checkout gives the "before" column); run it
// with `node --cpu-prof` for the profile behind the numbers.
//
//   node --import tsx bench/openSteps.ts [--root DIR] FILE
import * as path from 'node:path';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--root');
  const root = at >= 0 ? path.resolve(argv.splice(at, 2)[1]) : path.resolve(__dirname, '..');
  const file = path.resolve(argv[0] ?? path.join(__dirname, 'out', 'heap-300k.pb.gz'));
  const { ProfileService } = (await import(path.join(root, 'src', 'worker', 'profileService.ts'))) as typeof import('../src/worker/profileService');
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let last = cpu();
  const lap = (step: string) => {
    const now = cpu();
    console.log(`| ${step} | ${(now - last).toFixed(0)} |`);
    last = now;
  };
  console.log(`${path.basename(file)}, src of ${root}\n\n| step | CPU ms |\n|---|---:|`);
  const s = ProfileService.open(file, undefined, () => {});
  lap('open: read, decode, merge');
  const sum = s.summary();
  lap('summary');
  const q = { sampleIndex: sum.defaultSampleIndex };
  s.top({ query: q, granularity: 'functions', offset: 0, limit: 100 });
  lap('first Top page');
  s.hotLines({ query: q, limit: 100 });
  lap('hot lines');
  s.lineStats({ query: q, files: s.files().slice(0, 5) });
  lap('annotations (line stats)');
  const other = { sampleIndex: sum.sampleTypes.findIndex((t) => t.type === 'alloc_space') };
  s.top({ query: other, granularity: 'functions', offset: 0, limit: 100 });
  s.lineStats({ query: other, files: s.files().slice(0, 5) });
  lap('switch: Top + line stats');
  s.flame({ query: q, granularity: 'functions', minFraction: 1 / (8 * 1400) });
  lap('Flame Graph first view');
  await s.graph({ query: q });
  lap('Graph first view (with wasm)');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
