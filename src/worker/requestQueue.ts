// The worker's inbox: requests run one at a time, each in its own macrotask, so that whatever
// arrives while one computes (a cancel, newer requests) is received before the next one starts.
// A request cancelled before it started is dropped, never computed: a user who switches the
// sample type twice waits for at most the computation already running, not for the first switch.

/** A queued request: anything with the id its cancel names. */
export interface Queued {
  id: number;
}

/** Work for an idle queue: `run` once no request has waited or run for `ms` (re-armed by each request). */
export interface IdleWork {
  ms: number;
  run: () => void;
  /** Starts a timer and returns its cancel (setTimeout's, unref'd, unless a test gives its own). */
  timer?: (fire: () => void, ms: number) => () => void;
}

/**
 * RequestQueue runs queued requests in order, one per macrotask. Invariant: every pushed request
 * is either run once or dropped once (cancelled before it started), never both.
 */
export class RequestQueue<T extends Queued> {
  private readonly queue: T[] = [];
  private scheduled = false;
  /** Cancels the armed idle timer, if any. */
  private disarm: (() => void) | undefined;
  /** How many requests were dropped unrun (a probe for tests). */
  dropped = 0;

  constructor(
    private readonly run: (req: T) => void,
    // setImmediate runs after the event loop's poll phase: messages that arrived during a long
    // computation are delivered (and may cancel) before the next request starts.
    private readonly schedule: (next: () => void) => void = (next) => setImmediate(next),
    // Background work (warming Graphviz) starts only when the queue has stayed empty a while
    // after a request: never ahead of a queued request, nor between requests sent back to back.
    private readonly idle?: IdleWork,
  ) {}

  /** Queues a request. */
  push(req: T): void {
    this.disarm?.();
    this.disarm = undefined;
    this.queue.push(req);
    this.kick();
  }

  /** Drops a request that has not started; false when it already ran (or never came). */
  cancel(id: number): boolean {
    const i = this.queue.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    this.dropped++;
    return true;
  }

  /** Requests waiting to start. */
  get pending(): number {
    return this.queue.length;
  }

  private arm(): void {
    const idle = this.idle;
    if (!idle) return;
    this.disarm?.();
    const timer =
      idle.timer ??
      ((fire, ms) => {
        const t = setTimeout(fire, ms);
        t.unref();
        return () => clearTimeout(t);
      });
    this.disarm = timer(() => {
      this.disarm = undefined;
      if (this.queue.length === 0) idle.run();
    }, idle.ms);
  }

  private kick(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const req = this.queue.shift();
      if (req) this.run(req);
      this.kick();
      if (req && this.queue.length === 0) this.arm();
    });
  }
}
