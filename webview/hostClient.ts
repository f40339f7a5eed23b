// The webview's side of the protocol: typed requests answered by the host (through the worker),
// answers dropped when the query changed meanwhile, and the host's pushes handed to the app.
import type { Refinements } from '../src/shared/protocol';
import type { HostToWebview, SetRefinementsResult, WebviewArgs, WebviewMethod, WebviewResult, WebviewToHost } from '../src/shared/webviewProtocol';
import { StaleResponse } from './viewContext';

/** The API VS Code gives a webview (acquireVsCodeApi). */
export interface VsCodeApi {
  postMessage(m: WebviewToHost): void;
  getState(): unknown;
  setState(s: unknown): void;
}

/** A message the host pushes (everything but responses). */
export type HostPush = Exclude<HostToWebview, { type: 'response' }>;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  /** Whether the answer depends on the query (then a changed query makes it stale). */
  queryBound: boolean;
}

/**
 * HostClient sends requests and routes answers. Invariant: every request settles once: with its
 * result, its error, or StaleResponse when it was computed for another query than the current one.
 */
export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** queryKey of the last state the host pushed. */
  currentKey = '';

  constructor(
    private readonly api: VsCodeApi,
    private readonly onPush: (m: HostPush) => void,
  ) {
    window.addEventListener('message', (e: MessageEvent<HostToWebview>) => this.onMessage(e.data));
  }

  /** Calls an allowlisted worker method with the current query. */
  request<M extends WebviewMethod>(method: M, args: WebviewArgs<M>): Promise<WebviewResult<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, queryBound: true });
      this.api.postMessage({ type: 'request', id, method, args } as WebviewToHost);
    });
  }

  /** Asks the host to apply refinements; resolves with the check (an error means nothing changed). */
  setRefinements(refinements: Refinements): Promise<SetRefinementsResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, queryBound: false });
      this.api.postMessage({ type: 'setRefinements', id, refinements });
    });
  }

  /** Sends a message that needs no answer. */
  post(m: WebviewToHost): void {
    this.api.postMessage(m);
  }

  private onMessage(m: HostToWebview): void {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'response': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (p.queryBound && m.queryKey !== this.currentKey) p.reject(new StaleResponse());
        else if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result);
        return;
      }
      case 'loading':
      case 'error':
      case 'state':
        this.onPush(m);
        return;
      default:
        console.error('pprof Lens: unknown host message', m satisfies never);
    }
  }
}
