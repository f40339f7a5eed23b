// The flame graph's questions, answered in the worker: views of pprof's flame graph tree and
// searches over it. The tree of a query is indexed once (FlameIndex: the samples sorted by
// stack, with prefix sums) and kept for the last few queries, so zooming and searching cost a
// view or a scan, never a rebuild.
import type { Config } from '../core/driver';
import { compileGoRegexp } from '../core/goRegexp';
import type { Profile } from '../core/profile';
import { buildFlameIndex, type FlameIndex } from '../core/report/flame';
import { MAX_FLAME_NODES, type FlameArgs, type FlameSearchArgs, type FlameSearchResult, type FlameTree } from '../shared/flameGraph';
import { queryKey, type Query, type SourceRef, type ViewGranularity } from '../shared/protocol';

/** How many indexed trees stay cached (each is about 4 bytes per frame plus 8 per sample and type). */
const CACHE_SIZE = 2;

/**
 * FlameGraphs answers ProfileApi.flame and flameSearch. Invariant: `profileFor(q)` is the fetched
 * profile of a query (with its base applied) and `config(q)` pprof's config for it, fresh each call.
 */
export class FlameGraphs {
  // Least recently used first.
  private readonly indexes = new Map<string, FlameIndex>();

  constructor(
    private readonly profileFor: (q: Query) => Profile,
    private readonly config: (q: Query) => Config,
    /** A function's hottest line for a query: the line a frame's tooltip names and Open Source opens. */
    private readonly hotLineOf: (q: Query, functionName: string) => SourceRef | undefined = () => undefined,
  ) {}

  private index(q: Query, granularity: ViewGranularity | undefined): FlameIndex {
    const g = granularity ?? 'functions';
    const key = `${g}\0${queryKey(q)}`;
    let ix = this.indexes.get(key);
    if (ix) {
      this.indexes.delete(key);
    } else {
      // Free the oldest index first: a tree of a big profile is hundreds of MB.
      while (this.indexes.size >= CACHE_SIZE) this.indexes.delete(this.indexes.keys().next().value!);
      const cfg = this.config(q);
      cfg.granularity = g;
      ix = buildFlameIndex(this.profileFor(q), cfg);
    }
    this.indexes.set(key, ix);
    return ix;
  }

  /** A view: the path to the focus node and its subtree without children under minFraction of it. */
  flame(args: FlameArgs): FlameTree {
    const tree = this.index(args.query, args.granularity).view({
      focus: args.focus,
      minFraction: args.minFraction,
      maxNodes: Math.max(1, args.maxNodes ?? MAX_FLAME_NODES),
    });
    // A function frame leads to the function's hottest line for this sample type, as in Top
    // (the tree's own line is the start line or any line seen, e.g. an append after the hot make).
    if ((args.granularity ?? 'functions') === 'functions') {
      for (let k = 1; k < tree.names.length; k++) {
        const hot = this.hotLineOf(args.query, tree.names[k]);
        if (hot && hot.file === tree.files[k]) tree.lines[k] = hot.line;
      }
    }
    return tree;
  }

  /** Samples with a frame matching the Go regexp, counted once each; an empty pattern matches nothing. */
  flameSearch(args: FlameSearchArgs): FlameSearchResult {
    const ix = this.index(args.query, args.granularity);
    if (args.pattern === '') {
      const zero = ix.sampleTypes.map(() => 0);
      return { names: [], values: zero, focusValues: [...zero] };
    }
    const re = compileGoRegexp(args.pattern);
    return ix.search((name) => re.test(name), args.focus);
  }
}
