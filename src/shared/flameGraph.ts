// The flame graph the worker sends to the webview: a view of pprof's flame graph tree (the call
// tree `go tool pprof -http` draws) as parallel typed arrays, one row per node in depth-first
// pre-order (see src/core/report/flame.ts for the tree and its invariants). A view holds the path
// from the root to a focus node and the focus node's subtree without the frames too narrow to
// draw; the webview asks for another view when a zoom would show what was left out.
import type * as core from '../core/report/flame';
import type { Query, ViewGranularity } from './protocol';

export type { FlameFocus, FlameSearchResult, FlameTree } from '../core/report/flame';

/** FlameTree.flags bit: every call into the frame from its parent was inlined (pprof's inline edge). */
export const FLAME_INLINE: typeof core.FLAME_INLINE = 1;
/** FlameTree.flags bit: some children of the node are not in the view (narrower than minAbs, or off the focus path). */
export const FLAME_TRUNCATED: typeof core.FLAME_TRUNCATED = 2;

/** Most nodes a view holds unless the request says otherwise: minFraction grows until it fits. */
export const MAX_FLAME_NODES = 150_000;

/** Arguments of ProfileApi.flame. */
export interface FlameArgs {
  query: Query;
  /** Frame granularity, as the other views (default: functions, pprof's flame graph default). */
  granularity?: ViewGranularity;
  /** The node whose subtree the view shows (default: the root). */
  focus?: core.FlameFocus;
  /** Children narrower than this fraction of the focus node are left out (default 0: none). */
  minFraction?: number;
  /** Upper bound on the view's nodes (default MAX_FLAME_NODES). */
  maxNodes?: number;
}

/** Arguments of ProfileApi.flameSearch: a Go regexp matched against frame names (pprof's printable names). */
export interface FlameSearchArgs {
  query: Query;
  granularity?: ViewGranularity;
  pattern: string;
  /** The node the focus share is computed for (default: the root). */
  focus?: core.FlameFocus;
}

type ArrayLike32 = Int32Array | number[] | Record<string, number>;

/**
 * reviveFlameTree restores the typed arrays of a FlameTree that crossed a channel which turned
 * them into plain arrays or index-keyed objects (a JSON hop); typed arrays pass through as they are.
 */
export function reviveFlameTree(x: core.FlameTree): core.FlameTree {
  const i32 = (a: ArrayLike32 | Int32Array): Int32Array => (a instanceof Int32Array ? a : Int32Array.from(Array.isArray(a) ? a : Object.values(a)));
  const f64 = (a: Float64Array | number[] | Record<string, number>): Float64Array => (a instanceof Float64Array ? a : Float64Array.from(Array.isArray(a) ? a : Object.values(a)));
  const u8 = (a: Uint8Array | number[] | Record<string, number>): Uint8Array => (a instanceof Uint8Array ? a : Uint8Array.from(Array.isArray(a) ? a : Object.values(a)));
  return {
    ...x,
    name: i32(x.name),
    parent: i32(x.parent),
    depth: i32(x.depth),
    end: i32(x.end),
    pos: i32(x.pos),
    start: f64(x.start),
    abs: f64(x.abs),
    values: f64(x.values),
    self: f64(x.self),
    flags: u8(x.flags),
  };
}
