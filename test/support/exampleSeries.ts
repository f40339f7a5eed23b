// Snapshot series from a real Go example service: build it (optionally with -trimpath), run it on a
// free loopback port, drive requests and capture /debug/pprof profiles on a regular clock. Used by
// the attribution integration test and the extension-host e2e workspace.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { goBuild as build, waitForLine } from './processes';

/** A built example running on a free loopback port. */
export interface Running {
  base: string;
  child: ChildProcess;
}

/** Builds the example in `dir` into `out`, with -trimpath when asked (file names become module paths). */
export function goBuild(dir: string, out: string, trimpath: boolean): void {
  build(dir, out, '.', { args: trimpath ? ['-trimpath'] : [] });
}

/** Starts a built example (it stops by itself after 120 s) and resolves once it prints "listening on". */
export async function start(bin: string): Promise<Running> {
  const child = spawn(bin, ['-addr', '127.0.0.1:0', '-max-duration', '120s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const m = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 15_000);
  return { base: m[1], child };
}

/** Sends `n` GET requests, a few at a time, and checks each answered 200. */
async function drive(url: string, n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const r = await fetch(`${url}${url.includes('?') ? '&' : '?'}id=${i}`);
      await r.arrayBuffer();
      assert.equal(r.status, 200);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/** Captures one profile from the running service into `file`. */
async function capture(url: string, file: string): Promise<void> {
  const r = await fetch(url);
  assert.equal(r.status, 200, `${url}: ${r.status}`);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
}

/** Time between two captures of a series. */
const SLOT = 2500;

/**
 * A series: 4 times, drive `n` requests to `path`, then capture `profile` into dir/<kind>.<i>.pb.gz.
 * For heap series, `n` requests must retain well over 512 KB × 20 (Go samples one allocation per
 * 512 KB): with ~6 samples per interval, sampling noise alone made one interval grow 3× another and
 * the leak read as irregular growth ("growing", no suspect) about once in ten runs under load.
 */
export async function series(s: Running, dir: string, path_: string, n: number, profile: string, kind: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  // Captures on a regular clock, so that growth per request is growth per minute even when the
  // machine is busy: every SLOT ms, or every three first batches' time when the machine is so busy
  // that a batch takes longer (a batch overrunning its slot would make the intervals irregular,
  // and an irregular series is no steady leak).
  const start = Date.now();
  let slot = SLOT;
  for (let i = 0; i < 4; i++) {
    await drive(`${s.base}${path_}`, n);
    if (i === 0) slot = Math.max(SLOT, 3 * (Date.now() - start));
    const wait = start + (i + 1) * slot - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const file = path.join(dir, `${kind}.${i}.pb.gz`);
    await capture(`${s.base}/debug/pprof/${profile}`, file);
    files.push(file);
  }
  return files;
}

