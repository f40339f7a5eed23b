// What the benchmarks share: a timed child process (wall, CPU, peak RSS), medians, the pprof
// binary `go tool pprof` runs, and a description of the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One timed run of a command. */
export interface Run {
  wallMs: number;
  /** user + system CPU seconds (NaN without GNU time): steadier than wall time on a busy machine. */
  cpuS: number;
  peakRssKb: number;
  status: number;
  stdout: string;
  stderr: string;
}

const hasGnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

/** Runs cmd, measuring wall time and peak RSS (see the header for how). */
export async function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  if (hasGnuTime) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-bench-'));
    const out = path.join(dir, 'time');
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', out, cmd, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wallMs = performance.now() - t;
    const [kb, user, sys] = (readFileSync(out, 'utf8').trim().split('\n').pop() as string).split(' ').map(Number);
    rmSync(dir, { recursive: true, force: true });
    return { wallMs, cpuS: user + sys, peakRssKb: kb, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(cmd, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        // The process is gone; its last reading stands.
      }
    }, 5);
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({ wallMs: performance.now() - t, cpuS: NaN, peakRssKb: peak, status: status ?? -1, stdout, stderr });
    });
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The pprof binary `go tool pprof` runs (`go tool -n pprof`), or undefined without Go. */
export function goPprof(): string | undefined {
  const r = spawnSync('go', ['tool', '-n', 'pprof'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** The first line where two outputs differ, for a report. */
export function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ours ${JSON.stringify(la[i] ?? '<eof>')} vs go ${JSON.stringify(lb[i] ?? '<eof>')}`;
  }
  return '';
}

/** CPUs, RAM, Node, Go and the load average, for the report's header. */
export function machine(): Record<string, string> {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  return {
    cpus: String(os.cpus().length),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?',
    ramGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    go: go.status === 0 ? go.stdout.trim() : 'not installed',
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    peakRssMethod: hasGnuTime ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM, polled every 5 ms',
  };
}

