// The benchmark harness (`npm run bench`; a benchmark, never a timed test). For each generated
// Go-heap-shaped profile it runs our CLI `node dist/cli.js -top FILE` and, when Go is installed,
// `pprof -symbolize=none -top FILE` (the binary `go tool pprof` runs, found with `go tool -n pprof`,
// so the `go` launcher's start-up is not counted against Go), alternating, and prints median wall
// time, peak RSS, their ratios and whether the outputs are identical; then in-process decode
// throughput and retained heap per sample (bench/decodeBench.ts in a `node --expose-gc` child).
//
// Peak RSS: `/usr/bin/time -f %M` (GNU time, Debian package `time`) when present, which reports
// the child's ru_maxrss; otherwise /proc/<pid>/status VmHWM polled every 5 ms (can miss a peak
// reached in the last few milliseconds).
//
//   npm run bench -- [--runs N] [--big-runs N] [--only heap-300k] [--no-go] [--regen] [--json FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeInflater } from '../src/core/node/nodeInflater';
import { parseProfile } from '../src/core/parse';
import type { DecodeResult } from './decodeBench';
import { OUT_DIR, PROFILES, writeProfile } from './generate';
import { firstDifference, goPprof, machine, median, timed } from './harness';

const repo = path.resolve(__dirname, '..');
const cli = path.join(repo, 'dist', 'cli.js');

interface Args {
  runs: number;
  bigRuns: number;
  only: string[];
  go: boolean;
  regen: boolean;
  json: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 5, bigRuns: 3, only: [], go: true, regen: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--runs': a.runs = Number(value()); break;
      case '--big-runs': a.bigRuns = Number(value()); break;
      case '--only': a.only.push(...value().split(',')); break;
      case '--no-go': a.go = false; break;
      case '--regen': a.regen = true; break;
      case '--json': a.json = value(); break;
      default: throw new Error(`unknown flag ${argv[i]}`);
    }
  }
  return a;
}

/** Measurements of one tool on one profile, one entry per run. */
interface Measured {
  wallMs: number[];
  cpuS: number[];
  peakRssKb: number[];
}

/** What the harness reports for one profile. */
interface ProfileResult {
  name: string;
  samples: number;
  fileMB: number;
  runs: number;
  ours?: Measured;
  go?: Measured;
  identical?: boolean;
  difference?: string;
  decode: DecodeResult;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const info = machine();
  console.log(`machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.ramGiB} GiB RAM, node ${info.node}, ${info.go}`);
  console.log(`load average at start: ${info.loadAverage}; peak RSS via ${info.peakRssMethod}`);
  const loadAtStart = os.loadavg()[0];
  const haveCli = existsSync(cli);
  if (!haveCli) console.log('dist/cli.js is missing (npm run build): measuring decode only');
  const pprof = args.go ? goPprof() : undefined;
  if (args.go && !pprof) console.log('go is not on PATH: measuring pprof Lens only');
  const env = { ...process.env, TZ: 'UTC', PPROF_BINARY_PATH: '/nonexistent', PPROF_TMPDIR: os.tmpdir() };

  const results: ProfileResult[] = [];
  for (const [name, samples] of Object.entries(PROFILES)) {
    if (args.only.length > 0 && !args.only.includes(name)) continue;
    const file = path.join(OUT_DIR, `${name}.pb.gz`);
    if (args.regen || !existsSync(file)) {
      console.log(`generating ${file} ...`);
      writeProfile(name, samples);
    }
    const runs = samples > 500_000 ? args.bigRuns : args.runs;
    const res: ProfileResult = {
      name, samples, runs, fileMB: readFileSync(file).length / 1e6,
      decode: undefined as unknown as DecodeResult,
    };

    // 1. Our CLI and go tool pprof, alternating so that drifting machine load hits both alike.
    if (haveCli) {
      res.ours = { wallMs: [], cpuS: [], peakRssKb: [] };
      if (pprof) res.go = { wallMs: [], cpuS: [], peakRssKb: [] };
      let oursOut: string | undefined;
      let goOut: string | undefined;
      for (let i = 0; i < runs; i++) {
        const ours = await timed(process.execPath, [cli, '-top', path.basename(file)], OUT_DIR, env);
        if (ours.status !== 0) throw new Error(`pprof-lens failed: ${ours.stderr}`);
        res.ours.wallMs.push(ours.wallMs);
        res.ours.cpuS.push(ours.cpuS);
        res.ours.peakRssKb.push(ours.peakRssKb);
        oursOut ??= ours.stdout;
        let line = `${name} run ${i + 1}/${runs}: ours ${(ours.wallMs / 1000).toFixed(2)} s (CPU ${ours.cpuS.toFixed(2)} s) ${(ours.peakRssKb / 1024).toFixed(0)} MiB`;
        if (pprof && res.go) {
          const go = await timed(pprof, ['-symbolize=none', '-top', path.basename(file)], OUT_DIR, env);
          if (go.status !== 0) throw new Error(`go tool pprof failed: ${go.stderr}`);
          res.go.wallMs.push(go.wallMs);
          res.go.cpuS.push(go.cpuS);
          res.go.peakRssKb.push(go.peakRssKb);
          goOut ??= go.stdout;
          line += `, go ${(go.wallMs / 1000).toFixed(2)} s (CPU ${go.cpuS.toFixed(2)} s) ${(go.peakRssKb / 1024).toFixed(0)} MiB`;
        }
        console.log(line);
      }
      if (goOut !== undefined && oursOut !== undefined) {
        res.identical = oursOut === goOut;
        if (!res.identical) res.difference = firstDifference(oursOut, goOut);
      }
    }

    // 2. Decode in process, in a child with --expose-gc for the retained-heap measurement.
    const d = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'decodeBench.ts'), file, String(Math.max(3, runs))], {
      cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24,
    });
    if (d.status !== 0) throw new Error(`decodeBench failed: ${d.stderr}`);
    res.decode = JSON.parse(d.stdout.trim().split('\n').pop() as string) as DecodeResult;
    results.push(res);
  }

  printTable(results);
  junkRejection();
  console.log(`\nload average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)} on ${info.cpus} CPUs`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ machine: info, results }, null, 2));
}

function printTable(results: ProfileResult[]): void {
  const f1 = (x: number) => x.toFixed(1);
  const f2 = (x: number) => x.toFixed(2);
  console.log('\n| profile | samples | raw MB | tool | median wall s | median CPU s | peak RSS MiB (median) | runs |');
  console.log('|---|---:|---:|---|---:|---:|---:|---:|');
  for (const r of results) {
    const raw = f1(r.decode.rawBytes / 1e6);
    for (const [tool, m] of [['pprof-lens', r.ours], ['go tool pprof', r.go]] as const) {
      if (!m) continue;
      console.log(`| ${r.name} | ${r.samples} | ${raw} | ${tool} | ${f2(median(m.wallMs) / 1000)} | ${f2(median(m.cpuS))} | ${(median(m.peakRssKb) / 1024).toFixed(0)} | ${m.wallMs.length} |`);
    }
  }
  console.log('\n| profile | wall ratio (ours/go) | CPU ratio | peak RSS ratio | identical -top output |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of results) {
    if (!r.ours || !r.go) continue;
    const wall = median(r.ours.wallMs) / median(r.go.wallMs);
    const cpu = median(r.ours.cpuS) / median(r.go.cpuS);
    const rss = median(r.ours.peakRssKb) / median(r.go.peakRssKb);
    console.log(`| ${r.name} | ${f2(wall)} | ${f2(cpu)} | ${f2(rss)} | ${r.identical ? 'yes' : `no (${r.difference})`} |`);
  }
  console.log('\n| profile | gunzip ms | decode ms (wall) | decode MB/s (wall) | decode MB/s (CPU) | parse ms | retained B/sample |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const d = r.decode;
    console.log(`| ${r.name} | ${d.gunzipMs.toFixed(0)} | ${d.decodeMs.toFixed(0)} | ${f1(d.decodeMBps)} | ${f1(d.decodeCpuMBps)} | ${d.parseMs.toFixed(0)} | ${d.retainedBytesPerSample.toFixed(0)} |`);
  }
}

/**
 * How fast a file that is not a profile is refused: parseProfile on 20 buffers of 1 MB of
 * pseudo-random bytes (the unit test checks the one-line message; the time is measured here).
 */
function junkRejection(): void {
  let s = 42;
  const ms: number[] = [];
  for (let seed = 0; seed < 20; seed++) {
    const junk = new Uint8Array(1 << 20);
    for (let i = 0; i < junk.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      junk[i] = s >>> 24;
    }
    const t = performance.now();
    try {
      parseProfile(junk, { inflater: nodeInflater });
    } catch {
      // expected: refused
    }
    ms.push(performance.now() - t);
  }
  console.log(`\nrefusing 1 MB of random bytes (20 buffers): median ${median(ms).toFixed(2)} ms, max ${Math.max(...ms).toFixed(2)} ms`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
