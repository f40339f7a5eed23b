// A one-shot gate: a promise that settles the first time it is opened, for work that must wait
// until something else went first (the status bar's hottest line waits for the profile view's
// first answer, so that the worker, which runs requests one at a time, starts the view's first).

/** Gate settles `opened` once, on the first open(); later calls do nothing. */
export class Gate {
  private _isOpen = false;
  private release!: () => void;
  /** Settles (never rejects) when the gate is opened. */
  readonly opened = new Promise<void>((r) => (this.release = r));

  /** Whether open() was called. */
  get isOpen(): boolean {
    return this._isOpen;
  }

  /** Opens the gate: everything waiting on `opened` may go. Idempotent. */
  open(): void {
    if (this._isOpen) return;
    this._isOpen = true;
    this.release();
  }
}
