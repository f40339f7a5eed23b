// The contract between the profile view's shell (header, chips, tabs) and each tab's view (Top,
// Graph, Flame Graph, Peek). A view is mounted once into its tab panel with a ViewContext; the
// shell calls update() whenever what the view depends on changes (and once right after mount).
import type { SourceRef, ViewGranularity } from '../src/shared/protocol';
import type { RefinementKind } from '../src/shared/refinements';
import type { ViewerState, WebviewArgs, WebviewMethod, WebviewResult } from '../src/shared/webviewProtocol';

/** What every view depends on: the editor state plus the header's controls. */
export interface ViewInputs {
  state: ViewerState;
  /** protocol.queryKey of the state's query: a view refetches when it changes. */
  queryKey: string;
  /** The header's granularity (pprof's -functions, -lines, -files). */
  granularity: ViewGranularity;
  /** The header's search box: a Go regexp ("" when empty); views filter or highlight with it. */
  search: string;
  /** Whether the view's tab is the selected one (hidden views may defer work). */
  visible: boolean;
}

/** Thrown (as a rejection) for answers computed for a query that is no longer current: ignore it. */
export class StaleResponse extends Error {
  constructor() {
    super('stale response');
  }
}

/** What the shell offers a view. */
export interface ViewContext {
  /**
   * Calls an allowlisted worker method; the host adds the current query. Rejects with
   * StaleResponse when the query changed meanwhile (the view will get an update()).
   */
  request<M extends WebviewMethod>(method: M, args: WebviewArgs<M>): Promise<WebviewResult<M>>;
  /** Opens a profile source line in the editor (beside the view unless `beside` is false). */
  openSource(ref: SourceRef, beside?: boolean): void;
  /** Adds a refinement chip (focus, ignore, hide, show on a Go regexp), undoable. */
  refine(kind: RefinementKind, expr: string, label: string): void;
  /** Switches to Peek on a Go regexp (callers and callees of the matching nodes). */
  peek(regexp: string, label: string): void;
  /** This view's persisted state (survives hide/show of the editor), or undefined. */
  loadState<T>(): T | undefined;
  /** Persists this view's state (JSON-serializable). */
  saveState<T>(value: T): void;
}

/** A mounted view. */
export interface MountedView {
  /** Called after mount and whenever the inputs change; a view compares what it needs. */
  update(inputs: ViewInputs): void;
  /** Moves keyboard focus into the view (after a tab switch by keyboard). */
  focus?(): void;
  dispose(): void;
}

/** Mounts a view into its (empty) container. */
export type MountView = (container: HTMLElement, ctx: ViewContext) => MountedView;
