// The profile view's shell: the header (summary, sample type, granularity, search, refinement
// chips with undo/redo, unresolved sources) and the tabs Top | Graph | Flame Graph | Peek. It
// owns the inputs every view depends on and hands each view a ViewContext.
import type { LabelKeyInfo, ViewGranularity } from '../src/shared/protocol';
import { addChip, chipsOf, refinementsOf, removeChip, sameRefinements, shownWarnings, tagChip, type Chip, type RefinementKind } from '../src/shared/refinements';
import type { HostToWebview, ViewerState } from '../src/shared/webviewProtocol';
import { baseName, button, debounce, el } from './dom';
import { mountFlameTab } from './flameTab';
import { mountGraphTab } from './graphTab';
import { HostClient, type HostPush, type VsCodeApi } from './hostClient';
import { mountPeekView, type PeekView } from './peekView';
import { firstTopRequest, mountTopTable, type TopState } from './topTable';
import { StaleResponse, type MountedView, type MountView, type ViewContext, type ViewInputs } from './viewContext';
import { TABS, ViewStateStore, type TabId } from './viewState';

/** Tab titles, in TABS order. */
const TAB_TITLES: Record<TabId, string> = { top: 'Top', graph: 'Graph', flame: 'Flame Graph', peek: 'Peek' };

/** Chip kinds as the chips say them. */
const KIND_TITLES: Record<RefinementKind, string> = {
  focus: 'focus',
  ignore: 'ignore',
  hide: 'hide',
  show: 'show',
  tagfocus: 'tag focus',
  tagignore: 'tag ignore',
};

/** Unresolved files listed before "Show all". */
const UNRESOLVED_SHOWN = 3;

type Select = HTMLElementTagNameMap['vscode-single-select'];
type TextField = HTMLElementTagNameMap['vscode-textfield'];

/** The app: one per webview. */
export class App {
  private readonly client: HostClient;
  private readonly store: ViewStateStore;
  private state: ViewerState | undefined;
  private readonly mounted = new Map<TabId, MountedView>();
  private readonly panels = new Map<TabId, HTMLElement>();
  private peekView: PeekView | undefined;
  /** The query key the label picker shows the labels of. */
  private labelsKey = '';
  private warnings: string[] = [];
  private chipError = '';
  private showAllSources = false;

  // Built on the first state.
  private shell: HTMLElement | undefined;
  private title!: HTMLElement;
  private facts!: HTMLElement;
  private activeNote!: HTMLElement;
  private sampleSelect!: Select;
  private granularitySelect!: Select;
  private search!: TextField;
  private searchButtons: HTMLElement[] = [];
  private chipsRow!: HTMLElement;
  private tagPanel!: HTMLElement;
  private sources!: HTMLElement;
  private tabs!: HTMLElementTagNameMap['vscode-tabs'];

  constructor(
    private readonly root: HTMLElement,
    api: VsCodeApi,
    /** Mount functions per tab (Graph and Flame Graph come from their own modules). */
    private readonly mounters: Record<TabId, MountView> = {
      top: mountTopTable,
      graph: mountGraphTab,
      flame: mountFlameTab,
      peek: mountPeekView,
    },
  ) {
    this.store = new ViewStateStore(api);
    this.client = new HostClient(api, (m) => this.onPush(m));
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
    // The Top tab's first page is known before the profile is: the host may start it early.
    const st = this.store.get();
    const first = st.tab === 'top' ? { method: 'top' as const, args: firstTopRequest(this.store.view<TopState>('top'), st.granularity, st.search) } : undefined;
    this.client.post({ type: 'ready', first });
    performance.mark('pprof-lens:ready');
  }

  private onPush(m: HostPush): void {
    switch (m.type) {
      case 'loading':
        return this.showLoading(m);
      case 'error':
        return this.showError(m);
      case 'state':
        return this.onState(m.state);
      default:
        console.error('pprof Lens: unknown push', m satisfies never);
    }
  }

  private showLoading(m: Extract<HostToWebview, { type: 'loading' }>): void {
    this.shell = undefined;
    const bar = el('progress', { attrs: { 'aria-label': 'Decoding progress', max: '1' } });
    bar.value = m.fraction;
    this.root.replaceChildren(el('div', { cls: 'screen' }, el('h1', { text: m.fileName }), el('p', { cls: 'muted', text: `${m.message} ${Math.round(m.fraction * 100)}%` }), bar));
  }

  private showError(m: Extract<HostToWebview, { type: 'error' }>): void {
    this.shell = undefined;
    const box = el('div', { cls: 'error', attrs: { role: 'alert' } }, el('strong', { text: 'This file could not be opened as a profile: ' }), el('span', { text: m.message }));
    this.root.replaceChildren(el('div', { cls: 'screen' }, el('h1', { text: m.fileName }), box));
  }

  // ---- State ----

  private onState(state: ViewerState): void {
    performance.mark('pprof-lens:state');
    this.state = state;
    this.client.currentKey = state.queryKey;
    // Refinements changed elsewhere (another editor of this profile): show them as they are.
    if (!sameRefinements(refinementsOf(this.store.get().chips), state.refinements)) {
      this.store.set({ chips: chipsOf(state.refinements) });
      this.warnings = [];
    }
    if (!this.shell) this.build(state);
    this.renderHeader(state);
    this.loadLabels();
    this.updateViews();
    performance.mark('pprof-lens:state shown');
  }

  private inputs(tab: TabId): ViewInputs {
    const s = this.state!;
    const st = this.store.get();
    return {
      state: s,
      queryKey: this.client.currentKey,
      granularity: st.granularity,
      search: st.search,
      visible: st.tab === tab,
    };
  }

  private updateViews(): void {
    if (!this.state) return;
    const tab = this.store.get().tab;
    if (!this.mounted.has(tab)) this.mount(tab);
    for (const [t, v] of this.mounted) v.update(this.inputs(t));
  }

  private mount(tab: TabId): MountedView {
    const ctx: ViewContext = {
      request: (method, args) => this.client.request(method, args),
      openSource: (ref, beside = true) => this.client.post({ type: 'openSource', file: ref.file, line: ref.line, beside }),
      refine: (kind, expr, label) => this.addChip({ kind, expr, label }),
      peek: (regexp) => this.peek(regexp),
      loadState: <T>() => this.store.view<T>(tab),
      saveState: (v) => this.store.setView(tab, v),
    };
    const view = this.mounters[tab](this.panels.get(tab)!, ctx);
    if (tab === 'peek') this.peekView = view as PeekView;
    this.mounted.set(tab, view);
    return view;
  }

  private selectTab(tab: TabId): void {
    if (this.store.get().tab !== tab) this.store.set({ tab });
    const i = TABS.indexOf(tab);
    if (this.tabs.selectedIndex !== i) this.tabs.selectedIndex = i;
    this.updateViews();
  }

  private peek(regexp: string): void {
    this.selectTab('peek');
    this.peekView?.show(regexp);
  }

  // ---- Refinements ----

  private addChip(chip: Chip): void {
    void this.applyChips(addChip(this.store.get().chips, chip));
  }

  /** Applies a chip list: recorded for undo at once, taken back when the host refuses it. */
  private async applyChips(chips: Chip[], record = true): Promise<void> {
    const before = this.store.get();
    if (record) this.store.pushChips(chips);
    else this.store.set({ chips });
    this.chipError = '';
    this.renderChips();
    try {
      const check = await this.client.setRefinements(refinementsOf(chips));
      if (check.error) {
        this.store.set({ chips: before.chips, past: before.past, future: before.future });
        this.chipError = check.error;
      } else {
        this.warnings = shownWarnings(check.warnings);
      }
    } catch (e) {
      this.store.set({ chips: before.chips, past: before.past, future: before.future });
      this.chipError = (e as Error).message;
    }
    this.renderChips();
  }

  private undo(): void {
    const chips = this.store.undo();
    if (chips) void this.applyChips(chips, false);
  }

  private redo(): void {
    const chips = this.store.redo();
    if (chips) void this.applyChips(chips, false);
  }

  private onGlobalKey(e: KeyboardEvent): void {
    if (!this.shell) return;
    const target = e.target as HTMLElement | null;
    // Text fields keep their own undo.
    if (target && /^(INPUT|TEXTAREA|VSCODE-TEXTFIELD|VSCODE-SINGLE-SELECT)$/.test(target.tagName)) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) this.redo();
      else this.undo();
    } else if (mod && !e.altKey && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      this.redo();
    }
  }

  // ---- Building the shell ----

  private build(state: ViewerState): void {
    const st = this.store.get();
    // 1. Summary line.
    this.title = el('h1', { cls: 'title' });
    this.facts = el('div', { cls: 'facts', attrs: { 'aria-label': 'Profile summary' } });
    this.activeNote = el('span', { cls: 'muted active-note' });
    const hottest = button('Go to Hottest Line', () => this.client.post({ type: 'goToHottestLine' }), { secondary: true, title: 'Open the source line with the highest flat value' });
    hottest.setAttribute('slot', 'addons');
    const summary = el('div', { cls: 'summary' }, this.title, this.facts, this.activeNote);

    // 2. Controls: sample type, granularity, search with its refine buttons.
    this.sampleSelect = el('vscode-single-select', { cls: 'sample-type', attrs: { 'aria-label': 'Sample type', label: 'Sample type' } });
    this.sampleSelect.addEventListener('change', () => {
      const i = Number(this.sampleSelect.value);
      if (Number.isInteger(i) && i !== this.state?.sampleIndex) this.client.post({ type: 'selectSampleType', index: i });
    });
    this.granularitySelect = el('vscode-single-select', { cls: 'granularity', attrs: { 'aria-label': 'Granularity', label: 'Granularity' } });
    for (const [value, label] of [
      ['functions', 'Functions'],
      ['lines', 'Lines'],
      ['files', 'Files'],
    ] as const) {
      const o = el('vscode-option', { text: label });
      o.value = value;
      this.granularitySelect.append(o);
    }
    this.granularitySelect.value = st.granularity;
    this.granularitySelect.addEventListener('change', () => {
      const g = this.granularitySelect.value as ViewGranularity;
      if (g !== this.store.get().granularity) {
        this.store.set({ granularity: g });
        this.updateViews();
      }
    });
    this.search = el('vscode-textfield', { attrs: { placeholder: 'Search (Go regexp)', 'aria-label': 'Search: a Go regexp over names' } });
    this.search.label = 'Search: a Go regexp over names';
    this.search.value = st.search;
    const applySearch = debounce(() => {
      const s = this.search.value.trim();
      if (s !== this.store.get().search) {
        this.store.set({ search: s });
        this.updateViews();
      }
      this.renderSearchButtons();
    }, 250);
    this.search.addEventListener('input', applySearch);
    this.searchButtons = (['focus', 'ignore', 'hide', 'show'] as const).map((kind) =>
      button(
        kind[0].toUpperCase() + kind.slice(1),
        () => {
          const s = this.search.value.trim();
          if (s) this.addChip({ kind, expr: s, label: s });
        },
        { secondary: true, ariaLabel: `${kind} on the search regexp`, title: `Add -${kind} with the search regexp` },
      ),
    );
    const controls = el(
      'div',
      { cls: 'controls' },
      field('Sample type', this.sampleSelect),
      field('Granularity', this.granularitySelect),
      el('div', { cls: 'search' }, this.search, ...this.searchButtons),
    );

    // 3. Chips, the label picker, the unresolved sources.
    this.chipsRow = el('div', { cls: 'chips', attrs: { role: 'group', 'aria-label': 'Refinements' } });
    this.tagPanel = el('div', { cls: 'tag-panel' });
    this.tagPanel.hidden = true;
    this.sources = el('div', { cls: 'sources' });

    // 4. Tabs.
    this.tabs = el('vscode-tabs', { cls: 'tabs' });
    for (const t of TABS) {
      const h = el('vscode-tab-header', { text: TAB_TITLES[t], attrs: { slot: 'header', id: `tab-${t}` } });
      const p = el('vscode-tab-panel', { attrs: { 'aria-labelledby': `tab-${t}` } });
      const inner = el('div', { cls: `panel panel-${t}` });
      p.append(inner);
      this.panels.set(t, inner);
      this.tabs.append(h);
      this.tabs.append(p);
    }
    // The tab row's free space on the right holds the editor-wide action.
    this.tabs.append(hottest);
    this.tabs.selectedIndex = TABS.indexOf(st.tab);
    this.tabs.addEventListener('vsc-tabs-select', (e) => {
      const t = TABS[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
      if (t) this.selectTab(t);
    });

    const header = el('header', { cls: 'header' }, summary, controls, this.chipsRow, this.tagPanel, this.sources);
    this.shell = el('div', { cls: 'shell' }, header, this.tabs);
    this.root.replaceChildren(this.shell);
    this.renderSampleTypes(state);
  }

  private renderSampleTypes(state: ViewerState): void {
    this.sampleSelect.replaceChildren(
      ...state.summary.sampleTypes.map((t, i) => {
        const o = el('vscode-option', { text: `${t.type} (${t.unit})` });
        o.value = String(i);
        o.description = `total ${t.totalText}`;
        return o;
      }),
    );
  }

  private renderHeader(state: ViewerState): void {
    const s = state.summary;
    this.title.textContent = state.fileName;
    const t = s.sampleTypes[state.sampleIndex];
    const facts: [string, string][] = [];
    for (const line of s.headerLines) {
      const m = /^(File|Build ID|Time|Duration): (.*)$/.exec(line);
      // The Duration line's total is the default type's: keep the duration only.
      if (m) facts.push([m[1], m[1] === 'Duration' ? m[2].split(',')[0] : m[2]]);
    }
    if (t) facts.push(['Total', t.totalText]);
    facts.push(['Samples', s.sampleCount.toLocaleString('en-US')]);
    this.facts.replaceChildren(...facts.map(([k, v]) => el('span', { cls: 'fact' }, el('span', { cls: 'k', text: `${k}:` }), el('span', { cls: 'v', text: v }))));
    const notes: string[] = [];
    if (state.comparison) {
      const how = state.comparison.mode === 'diff_base' ? '-diff_base: percentages of the base' : '-base: the base subtracted';
      notes.push(`Compared with ${state.comparison.baseName} (${how}): every number is a difference.`);
    }
    if (!state.active) notes.push('Not annotating sources: focus this editor to make it the active profile.');
    this.activeNote.textContent = notes.join(' ');
    if (this.sampleSelect.value !== String(state.sampleIndex)) this.sampleSelect.value = String(state.sampleIndex);
    this.renderSearchButtons();
    this.renderChips();
    this.renderSources(state);
  }

  private renderSearchButtons(): void {
    const empty = this.search.value.trim() === '';
    for (const b of this.searchButtons) (b as HTMLElementTagNameMap['vscode-button']).disabled = empty;
  }

  private renderChips(): void {
    if (!this.shell) return;
    const st = this.store.get();
    const chips = st.chips.map((c, i) => {
      const x = el('button', { cls: 'chip-remove', text: '×', attrs: { type: 'button', 'aria-label': `Remove ${KIND_TITLES[c.kind]} ${c.label}`, title: 'Remove' } });
      x.addEventListener('click', () => void this.applyChips(removeChip(this.store.get().chips, i)));
      return el('span', { cls: `chip chip-${c.kind}`, attrs: { title: `-${c.kind}=${c.expr}` } }, el('span', { cls: 'chip-kind', text: KIND_TITLES[c.kind] }), el('span', { cls: 'chip-label', text: c.label }), x);
    });
    const tagButton = button('Label filter…', () => this.toggleTagPanel(), { secondary: true, title: 'Focus on or ignore samples by their labels (-tagfocus, -tagignore)' });
    tagButton.setAttribute('aria-expanded', String(!this.tagPanel.hidden));
    const undo = button('Undo', () => this.undo(), { secondary: true, title: 'Undo the last refinement change (Ctrl+Z)' });
    const redo = button('Redo', () => this.redo(), { secondary: true, title: 'Redo (Ctrl+Shift+Z)' });
    (undo as HTMLElementTagNameMap['vscode-button']).disabled = st.past.length === 0;
    (redo as HTMLElementTagNameMap['vscode-button']).disabled = st.future.length === 0;
    const lead = el('span', { cls: 'muted', text: chips.length ? 'Refinements:' : 'No refinements.' });
    const notes: HTMLElement[] = [];
    if (this.chipError) notes.push(el('span', { cls: 'error-text', text: this.chipError, attrs: { role: 'status' } }));
    else if (this.warnings.length && chips.length) notes.push(el('span', { cls: 'warn-text', text: this.warnings.join(' · '), attrs: { role: 'status' } }));
    this.chipsRow.replaceChildren(lead, ...chips, tagButton, undo, redo, ...notes);
  }

  private toggleTagPanel(): void {
    this.tagPanel.hidden = !this.tagPanel.hidden;
    this.renderChips();
    this.labelsKey = '';
    this.loadLabels();
  }

  /** Fills the open label picker for the current query (its sample type weighs the values). */
  private loadLabels(): void {
    const key = this.client.currentKey;
    if (this.tagPanel.hidden || key === this.labelsKey) return;
    this.labelsKey = key;
    this.tagPanel.replaceChildren(el('span', { cls: 'muted', text: 'Reading labels…' }));
    this.client.request('labels', {}).then(
      (labels) => {
        if (key === this.labelsKey) this.renderTagPanel(labels);
      },
      (e: Error) => {
        if (!(e instanceof StaleResponse) && key === this.labelsKey) this.tagPanel.replaceChildren(el('span', { cls: 'error-text', text: e.message }));
      },
    );
  }

  private renderTagPanel(labels: LabelKeyInfo[]): void {
    if (labels.length === 0) {
      this.tagPanel.replaceChildren(el('span', { cls: 'muted', text: 'This profile has no labels.' }));
      return;
    }
    const select = el('vscode-single-select', { attrs: { combobox: '', 'aria-label': 'Label and value', label: 'Label and value' } });
    const choices: { key: string; value: string; numeric: boolean; unit: string }[] = [];
    for (const l of labels) {
      for (const v of l.values) {
        const o = el('vscode-option', { text: `${l.key}=${v.text}` });
        o.value = String(choices.length);
        o.description = `${v.weightText} · ${v.samples.toLocaleString('en-US')} sample${v.samples === 1 ? '' : 's'}`;
        select.append(o);
        choices.push({ key: l.key, value: v.value, numeric: l.numeric, unit: l.unit });
      }
    }
    const pick = (kind: 'tagfocus' | 'tagignore') => {
      const c = choices[Number(select.value)];
      if (!c) return;
      const chip = tagChip(kind, { key: c.key, value: c.value, numeric: c.numeric }, c.unit);
      this.addChip(chip);
    };
    const truncated = labels.filter((l) => l.truncated).map((l) => l.key);
    this.tagPanel.replaceChildren(
      el('span', { cls: 'muted', text: 'Label:' }),
      select,
      button('Focus on label', () => pick('tagfocus'), { secondary: true, title: 'Keep only samples with this label value (-tagfocus)' }),
      button('Ignore label', () => pick('tagignore'), { secondary: true, title: 'Drop samples with this label value (-tagignore)' }),
      ...(truncated.length ? [el('span', { cls: 'muted', text: `Only the most common values of ${truncated.join(', ')} are listed.` })] : []),
    );
  }

  private renderSources(state: ViewerState): void {
    if (state.resolvingFiles) {
      this.sources.replaceChildren(el('span', { cls: 'muted', text: 'Finding the source files in the workspace…' }));
      return;
    }
    // Files of the profile's own code first: those are the ones worth mapping.
    const unresolved = state.files
      .filter((f) => !f.localPath && !isGeneratedSource(f.profileFile))
      .map((f) => f.profileFile)
      .sort((a, b) => Number(isToolchainPath(a)) - Number(isToolchainPath(b)) || a.localeCompare(b));
    const inferred = this.renderInferred(state);
    if (unresolved.length === 0) {
      this.sources.replaceChildren(...inferred);
      return;
    }
    const shown = this.showAllSources ? unresolved : unresolved.slice(0, UNRESOLVED_SHOWN);
    const items = shown.map((f) => {
      const b = button('Map Path…', () => this.client.post({ type: 'mapPath', profileFile: f }), { secondary: true, ariaLabel: `Map ${f} onto a workspace file` });
      return el('li', {}, b, el('code', { text: f, attrs: { title: f } }));
    });
    const more = unresolved.length - shown.length;
    const toggle = more > 0 || this.showAllSources ? [button(this.showAllSources ? 'Show fewer' : `Show all ${unresolved.length}`, () => this.toggleSources(state), { secondary: true })] : [];
    const ul = el('ul', { cls: 'unresolved', attrs: { 'aria-label': 'Source files not found in the workspace' } }, ...items);
    this.sources.replaceChildren(
      ...inferred,
      el('span', { cls: 'muted', text: `${unresolved.length} source file${unresolved.length === 1 ? ' is' : 's are'} not in the workspace (${baseName(unresolved[0])}${unresolved.length > 1 ? ', …' : ''}):` }),
      ul,
      ...toggle,
    );
  }

  // The build roots learned from the profile: what they placed, and how to keep or refuse them.
  private renderInferred(state: ViewerState): HTMLElement[] {
    if (state.inferred.length === 0) return [];
    const items = state.inferred.map((r) => {
      const placed = r.placed.map(baseName).join(', ') + (r.placedCount > r.placed.length ? ` and ${r.placedCount - r.placed.length} more` : '');
      const text = `${r.from} → ${r.to}: places ${placed} (learned from ${r.evidence} file${r.evidence === 1 ? '' : 's'} found unambiguously)`;
      return el('li', {}, el('code', { text, attrs: { title: text } }));
    });
    return [
      el('div', { cls: 'inferred', attrs: { role: 'group', 'aria-label': 'Build roots learned from this profile' } },
        el('span', { cls: 'muted', text: `Build root${state.inferred.length === 1 ? '' : 's'} learned from this profile:` }),
        el('ul', { cls: 'unresolved' }, ...items),
        el('span', { cls: 'actions' },
          button('Save as Mapping', () => this.client.post({ type: 'saveInferredMappings' }), { secondary: true, title: 'Write these to pprofLens.pathMappings (with ${workspaceFolder}, so teammates can use them)' }),
          button('Turn Off', () => this.client.post({ type: 'turnOffInference' }), { secondary: true, title: 'Stop learning build roots from profiles (pprofLens.inferPathMappings)' }),
        ),
      ),
    ];
  }

  private toggleSources(state: ViewerState): void {
    this.showAllSources = !this.showAllSources;
    this.renderSources(state);
  }
}

/** A labelled control. */
function field(label: string, control: HTMLElement): HTMLElement {
  return el('label', { cls: 'field' }, el('span', { cls: 'muted', text: label }), control);
}

/** Whether a profile file was generated by the go tool for the build (go test's `_testmain.go`, `<autogenerated>`): never on disk, nothing to map. */
function isGeneratedSource(f: string): boolean {
  return /^<.*>$/.test(f) || /(^|\/)_testmain\.go$/.test(f);
}

/** Whether a profile path is the Go toolchain's or a module cache's (rarely worth mapping first). */
function isToolchainPath(f: string): boolean {
  return /(^|\/)(go|go-[\d.]+)\/src\/|\/pkg\/mod\/|^runtime\//.test(f);
}
