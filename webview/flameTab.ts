// The Flame Graph tab: the flame graph (webview/flameGraph.ts) adapted to the shell's MountView
// contract. It follows the header's query, granularity and search, fetches only while its tab is
// visible, and keeps its zoom and own search across hide/show in the view state.
import type { FlameSearchArgs } from '../src/shared/flameGraph';
import { mountFlameGraph, type FlameGraphState } from './flameGraph';
import type { MountedView, MountView } from './viewContext';

/** Mounts the flame graph into the Flame Graph tab. */
export const mountFlameTab: MountView = (container, ctx): MountedView => {
  const f = mountFlameGraph(container, {
    // The host adds the current query; the view's own copy is ignored.
    request: (method, args) => (method === 'flame' ? ctx.request('flame', args) : ctx.request('flameSearch', args as FlameSearchArgs)),
    openSource: (file, line) => ctx.openSource({ file, line }),
    loadState: () => ctx.loadState<FlameGraphState>(),
    saveState: (s) => ctx.saveState(s),
  });
  // The header's search drives the view's only when it changes, so a search typed in the view stays.
  let headerSearch: string | undefined;
  return {
    update: (i) => {
      if (!i.visible) return;
      void f.show({ sampleIndex: i.state.sampleIndex, refinements: i.state.refinements }, i.state.summary.sampleTypes, { granularity: i.granularity, queryKey: i.queryKey });
      if (i.search !== headerSearch) {
        headerSearch = i.search;
        f.setSearch(i.search);
      }
    },
    focus: () => f.focus(),
    dispose: () => f.dispose(),
  };
};
