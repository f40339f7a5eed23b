// The Graph tab: the call graph view (webview/graphView.ts) adapted to the shell's MountView
// contract. The graph follows the header's query and granularity and is laid out only while its
// tab is visible.
import { mountGraphView } from './graphView';
import type { MountedView, MountView } from './viewContext';

/** Mounts the call graph into the Graph tab. */
export const mountGraphTab: MountView = (container, ctx): MountedView => {
  const g = mountGraphView(container, {
    // The host adds the current query; the graph's own copy is ignored.
    request: (_method, args) => ctx.request('graph', args),
    openSource: (file, line) => ctx.openSource({ file, line }),
    focus: (name, refine) => ctx.refine('focus', refine, name),
  });
  return {
    update: (i) => {
      if (i.visible) void g.show({ sampleIndex: i.state.sampleIndex, refinements: i.state.refinements }, { granularity: i.granularity });
    },
    focus: () => g.focus(),
    dispose: () => g.dispose(),
  };
};
