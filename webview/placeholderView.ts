// A tab whose view is not part of this build yet: it says so plainly (never a fake picture).
import { el } from './dom';
import type { MountView } from './viewContext';

/** A mount function for a view that has not landed: one honest line in the tab. */
export function placeholderView(what: string): MountView {
  return (container) => {
    container.append(el('div', { cls: 'placeholder', attrs: { role: 'status' } }, el('p', { text: `Loading the ${what}… This view is not available in this build of pprof Lens yet.` })));
    return {
      update: () => {},
      dispose: () => container.replaceChildren(),
    };
  };
}
