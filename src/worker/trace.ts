// An opt-in timeline of opening a profile, for benchmarks: with PPROF_LENS_TRACE=FILE the
// extension host and its profile workers append `<epoch ms> <thread> <step>` lines to FILE
// (e2e/bigProfile.e2e.ts merges them with the webview's performance marks). Off by default: one
// env lookup at load, nothing else. It lives in src/worker, beside WorkerClient (the host's side
// of the worker), not in src/shared: it writes with node:fs, and src/shared runs in the webview
// too (lint forbids Node built-ins there; the webview marks its steps with performance.mark).
import { appendFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const file = process.env.PPROF_LENS_TRACE;
const thread = isMainThread ? 'host' : `worker${threadId}`;

/** Records one step of the trace (a no-op unless PPROF_LENS_TRACE names a file); `at` defaults to now. */
export function trace(step: string, at = performance.timeOrigin + performance.now()): void {
  if (!file) return;
  try {
    appendFileSync(file, `${at.toFixed(1)} ${thread} ${step}\n`);
  } catch {
    // A trace must never break what it traces.
  }
}
