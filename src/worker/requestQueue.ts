// The worker's inbox: requests run one at a time, each in its own macrotask, so that whatever
// arrives while one computes (a cancel, newer requests) is received before the next one starts.
// A request cancelled before it started is dropped, never computed: a user who switches the
// sample type twice waits for at most the computation already running, not for the first switch.

/** A queued request: anything with the id its cancel names. */
export interface Queued {
  id: number;
}

/**
 * RequestQueue runs queued requests in order, one per macrotask. Invariant: every pushed request
 * is either run once or dropped once (cancelled before it started), never both.
 */
export class RequestQueue<T extends Queued> {
  private readonly queue: T[] = [];
  private scheduled = false;
  /** How many requests were dropped unrun (a probe for tests). */
  dropped = 0;

  constructor(
    private readonly run: (req: T) => void,
    // setImmediate runs after the event loop's poll phase: messages that arrived during a long
    // computation are delivered (and may cancel) before the next request starts.
    private readonly schedule: (next: () => void) => void = (next) => setImmediate(next),
  ) {}

  /** Queues a request. */
  push(req: T): void {
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

  private kick(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const req = this.queue.shift();
      if (req) this.run(req);
      this.kick();
    });
  }
}
