// The profile view's own state (tab, granularity, search, chips with their undo history, each
// view's slot), kept with vscode.setState so it survives the editor being hidden and shown
// without retainContextWhenHidden.
import type { ViewGranularity } from '../src/shared/protocol';
import type { Chip } from '../src/shared/refinements';
import type { VsCodeApi } from './hostClient';

/** The tabs of the profile view, in order. */
export const TABS = ['top', 'graph', 'flame', 'peek'] as const;

/** One tab. */
export type TabId = (typeof TABS)[number];

/** How many refinement changes undo remembers. */
const HISTORY = 50;

/** Everything the view restores after being hidden. Invariant: JSON-serializable. */
export interface PersistedState {
  version: 1;
  tab: TabId;
  granularity: ViewGranularity;
  search: string;
  /** The chips as the user made them; reconciled with the host's refinements on each state. */
  chips: Chip[];
  /** Earlier chip lists (undo) and undone ones (redo), most recent last. */
  past: Chip[][];
  future: Chip[][];
  /** Each view's own slot (see ViewContext.loadState). */
  views: Partial<Record<TabId, unknown>>;
}

function initial(): PersistedState {
  return { version: 1, tab: 'top', granularity: 'functions', search: '', chips: [], past: [], future: [], views: {} };
}

/** Reads and writes the persisted state. */
export class ViewStateStore {
  private value: PersistedState;

  constructor(private readonly api: VsCodeApi) {
    const saved = api.getState() as Partial<PersistedState> | undefined;
    this.value = saved?.version === 1 ? { ...initial(), ...saved } : initial();
  }

  get(): Readonly<PersistedState> {
    return this.value;
  }

  /** Merges a change and saves. */
  set(change: Partial<PersistedState>): void {
    this.value = { ...this.value, ...change };
    this.api.setState(this.value);
  }

  /** Records a new chip list as one undoable step. */
  pushChips(chips: Chip[]): void {
    const past = [...this.value.past, this.value.chips].slice(-HISTORY);
    this.set({ chips, past, future: [] });
  }

  /** Steps back; returns the chips now current, or undefined when there is nothing to undo. */
  undo(): Chip[] | undefined {
    const { past, future, chips } = this.value;
    const prev = past[past.length - 1];
    if (!prev) return undefined;
    this.set({ chips: prev, past: past.slice(0, -1), future: [...future, chips] });
    return prev;
  }

  /** Steps forward again; undefined when there is nothing to redo. */
  redo(): Chip[] | undefined {
    const { past, future, chips } = this.value;
    const next = future[future.length - 1];
    if (!next) return undefined;
    this.set({ chips: next, past: [...past, chips].slice(-HISTORY), future: future.slice(0, -1) });
    return next;
  }

  /** A view's slot. */
  view<T>(tab: TabId): T | undefined {
    return this.value.views[tab] as T | undefined;
  }

  /** Saves a view's slot. */
  setView(tab: TabId, v: unknown): void {
    this.set({ views: { ...this.value.views, [tab]: v } });
  }
}
