// A profile worker started ahead of need: opening a profile takes a worker whose thread and
// bundle are already loaded (55–145 ms in code-server on a busy 2-core machine) instead of
// starting one after the user asked. An idle worker costs ~15 MiB of resident memory (measured
// with Node 20: BENCHMARKS.md), so it is let go after a while unused. The first spare starts right
// after activation returns: when VS Code activates pprof Lens because a profile is being opened
// (before its startup finished), openCustomDocument follows 29–157 ms later and finds the worker's
// bundle loaded or loading instead of starting it then (BENCHMARKS.md, "cold" open).
import { WorkerClient } from '../worker/workerClient';
import { Disposable } from './dispose';
import { logError } from './log';
import { trace } from '../worker/trace';

/** When the first spare is started after activation (activation itself only wires): on the next turn of the event loop. */
export const SPARE_WORKER_DELAY_MS = 0;
/** When the next spare is started after one was taken (once the profile taken for has likely shown its first view). */
export const SPARE_WORKER_REFILL_MS = 10_000;
/** How long an unused spare is kept before its memory is given back (the next open starts its own). */
export const SPARE_WORKER_IDLE_MS = 10 * 60_000;

/** Timings of SpareWorker (tests shorten them). */
export interface SpareWorkerTimings {
  delayMs: number;
  refillMs: number;
  idleMs: number;
}

/**
 * SpareWorker hands out profile workers (WorkerClient), keeping at most one started ahead.
 * Invariant: take() always returns a live worker that the caller then owns (and disposes); the
 * spare itself is owned here until taken, and disposed with this object or when unused for
 * `idleMs`.
 */
export class SpareWorker extends Disposable {
  private spare: WorkerClient | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly workerScript: string,
    private readonly timings: SpareWorkerTimings = { delayMs: SPARE_WORKER_DELAY_MS, refillMs: SPARE_WORKER_REFILL_MS, idleMs: SPARE_WORKER_IDLE_MS },
  ) {
    super();
    this._register({
      dispose: () => {
        clearTimeout(this.timer);
        this.spare?.dispose();
        this.spare = undefined;
      },
    });
    this.schedule(this.timings.delayMs, () => this.start());
  }

  /** Whether a started worker is waiting to be taken (for tests and the trace). */
  get hasSpare(): boolean {
    return this.spare !== undefined && !this.spare.hasExited;
  }

  /** A live worker for a profile, the spare when there is one; another spare follows later. */
  take(): WorkerClient {
    const spare = this.spare;
    this.spare = undefined;
    const taken = spare && !spare.hasExited ? spare : this.create();
    trace(taken === spare ? 'spare worker taken' : 'worker spawned (no spare)');
    if (!this.isDisposed) this.schedule(this.timings.refillMs, () => this.start());
    return taken;
  }

  private create(): WorkerClient {
    return new WorkerClient(this.workerScript, { log: logError });
  }

  /** Starts the spare, kept for `idleMs` unless taken. */
  private start(): void {
    if (this.isDisposed || this.hasSpare) return;
    this.spare?.dispose();
    trace('spare worker start');
    this.spare = this.create();
    this.schedule(this.timings.idleMs, () => {
      this.spare?.dispose();
      this.spare = undefined;
    });
  }

  private schedule(ms: number, run: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(run, ms);
    // A pending start or release never keeps the process alive (the CLI-free tests exit).
    this.timer.unref?.();
  }
}
