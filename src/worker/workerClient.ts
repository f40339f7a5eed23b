// The host-side handle to one profile worker (a worker_threads Worker). The host never holds a
// decoded profile: it asks the worker, over the typed protocol in src/shared/protocol.ts.
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { SeriesUpdate, WorkerApi, WorkerCancel, WorkerEvent, WorkerMessage, WorkerMethod, WorkerRequest } from '../shared/protocol';

/** An error answered by the worker: `isProfileError` marks bad input (one line for the user). */
export class WorkerError extends Error {
  constructor(message: string, readonly isProfileError: boolean) {
    super(message);
  }
}

/** Thrown for calls cancelled by the caller or cut short by dispose(). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A token the caller can cancel (a subset of vscode.CancellationToken, so core stays vscode-free). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * The worker's V8 heap limit in MiB: half the host's, at most 2 GiB. A worker past it is
 * stopped by Node (ERR_WORKER_OUT_OF_MEMORY) while the extension host, with twice the room,
 * stays up; typed arrays live outside this heap and are bounded by the decoder's budget.
 */
export function workerHeapLimitMb(): number {
  return Math.max(256, Math.min(2048, Math.floor(getHeapStatistics().heap_size_limit / 2 ** 21)));
}

/** The one line for a worker that ran out of its heap: what happened and what to do. */
export function outOfMemoryMessage(limitMb: number): string {
  return `the profile needs more than the worker's ${limitMb} MiB memory limit (kept below the editor's, so that the editor stays up): it is too large or malformed to open here; the CLI (pprof-lens) can try with more memory`;
}

/** Options of WorkerClient. */
export interface WorkerClientOptions {
  /** The worker's heap limit in MiB (default workerHeapLimitMb()). */
  heapLimitMb?: number;
  /** Where the worker's crashes and protocol errors are logged (default: the console). */
  log?: (message: string, cause?: unknown) => void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (fraction: number, message: string) => void;
  onEvent?: (event: SeriesUpdate) => void;
}

/**
 * WorkerClient owns one worker thread and its pending calls. Invariant: every call settles
 * exactly once — with the answer, the worker's error, CancelledError, or an error when the
 * worker exits.
 */
export class WorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;
  private readonly log: (message: string, cause?: unknown) => void;

  constructor(workerScript: string, opts: WorkerClientOptions = {}) {
    const heapLimitMb = opts.heapLimitMb ?? workerHeapLimitMb();
    this.log = opts.log ?? ((message, cause) => console.error(`pprof Lens: ${message}`, cause));
    this.worker = new Worker(workerScript, { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    this.worker.on('message', (m: WorkerMessage | WorkerEvent) => this.onMessage(m));
    this.worker.on('error', (e) => {
      // Out of memory is the input's fault (a huge or hostile profile): one line, as for bad input.
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.log(oom ? `profile worker stopped: ${outOfMemoryMessage(heapLimitMb)}` : 'profile worker crashed', e);
      this.failAll(oom ? new WorkerError(outOfMemoryMessage(heapLimitMb), true) : new Error(`profile worker crashed: ${e.message}`));
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.failAll(new CancelledError());
    });
  }

  /**
   * Calls a worker method (ProfileApi or GrowthApi). Cancelling settles the call at once with
   * CancelledError; the worker drops the request if it has not started it, or, for `open`,
   * is terminated (decoding cannot be interrupted otherwise). `onEvent` hears the events of a
   * long call (a series).
   */
  call<M extends WorkerMethod>(
    method: M,
    args: Parameters<WorkerApi[M]>[0],
    opts: { token?: CancelToken; onProgress?: (fraction: number, message: string) => void; onEvent?: (event: SeriesUpdate) => void } = {},
  ): Promise<ReturnType<WorkerApi[M]>> {
    if (this.exited) return Promise.reject(new CancelledError());
    const id = this.nextId++;
    return new Promise<ReturnType<WorkerApi[M]>>((resolve, reject) => {
      const sub = opts.token?.onCancellationRequested(() => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        p.reject(new CancelledError());
        if (method === 'open') void this.worker.terminate();
        else if (!this.exited) this.worker.postMessage({ kind: 'cancel', id } satisfies WorkerCancel);
      });
      this.pending.set(id, {
        resolve: (v) => {
          sub?.dispose();
          resolve(v as ReturnType<WorkerApi[M]>);
        },
        reject: (e) => {
          sub?.dispose();
          reject(e);
        },
        onProgress: opts.onProgress,
        onEvent: opts.onEvent,
      });
      const req: WorkerRequest<M> = { kind: 'request', id, method, args };
      this.worker.postMessage(req);
    });
  }

  /** Whether the worker thread has ended (crashed, terminated or disposed). */
  get hasExited(): boolean {
    return this.exited;
  }

  /** Stops the worker; pending calls reject with CancelledError. */
  dispose(): void {
    void this.worker.terminate();
  }

  private onMessage(m: WorkerMessage | WorkerEvent): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    switch (m.kind) {
      case 'progress':
        p.onProgress?.(m.fraction, m.message);
        return;
      case 'event':
        p.onEvent?.(m.event);
        return;
      case 'result':
        this.pending.delete(m.id);
        p.resolve(m.result);
        return;
      case 'error':
        this.pending.delete(m.id);
        p.reject(new WorkerError(m.message, m.isProfileError));
        return;
      default:
        this.log('unknown worker message', m);
    }
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}
