// The Flame Graph tab: pprof's flame graph (the call tree of `go tool pprof -http`, root at the
// top, width by cum, children in pprof's name order) drawn on a canvas. The worker sends views of
// the tree (ProfileApi.flame: the path to a focus node and its subtree without frames too narrow
// to draw, as typed arrays in pre-order); zooming within what a view holds is local, a zoom that
// would reveal left-out frames asks for a view focused on the new node.
//
// Drawing walks the zoomed node's pre-order range once: a frame narrower than MIN_PX skips its
// whole subtree (its children are narrower still), a frame below the viewport skips its subtree
// too, so a redraw costs the frames that are visible, not the tree. Rows are virtualized: the
// canvas is the size of the viewport and follows the scroll.
//
// Interaction: hover for a tooltip with every sample type; click zooms into a frame (its callees
// fill the width, its callers stay above full width, as pprof's d3-flame-graph); the breadcrumb
// zooms out; double-click or "Open Source" opens the frame's function; search (a Go regexp, as
// the header's) highlights matching frames and shows the share of samples they are on, each
// sample counted once. Keyboard: arrows move the selection (up: caller, down: first callee,
// left/right: neighbours on the row), Enter zooms, Escape zooms out, Home resets, o opens source.
// Styles: media/flameGraph.css (the webview's HTML must load it).
//
// Integration in the profile view's shell (its MountView contract), for example:
//   const f = mountFlameGraph(container, {
//     request: (method, args) => ctx.request(method, args),  // 'flame', 'flameSearch' in WEBVIEW_METHODS
//     openSource: (file, line) => ctx.openSource({ file, line }),
//     loadState: () => ctx.loadState(), saveState: (s) => ctx.saveState(s),
//   });
//   update: (i) => { if (i.visible) { void f.show({ sampleIndex: i.state.sampleIndex, refinements: i.state.refinements },
//     i.state.summary.sampleTypes, { granularity: i.granularity }); f.setSearch(i.search); } }
import { FLAME_INLINE, FLAME_TRUNCATED, MAX_FLAME_NODES, reviveFlameTree, type FlameArgs, type FlameFocus, type FlameSearchArgs, type FlameSearchResult, type FlameTree } from '../src/shared/flameGraph';
import { queryKey, type Query, type ViewGranularity } from '../src/shared/protocol';
import { formatPercent, formatValue } from '../src/shared/valueFormat';

/** Height of one row of frames, in CSS pixels. */
const ROW = 18;
/** Frames narrower than this (CSS px) are not drawn, nor their callees. */
const MIN_PX = 0.5;
/** Frames narrower than this get no label. */
const LABEL_MIN_PX = 22;
/**
 * A view is asked for with frames down to 1/DETAIL of a pixel, so zooming in locally by up to
 * DETAIL times still shows every frame of MIN_PX or more.
 */
const DETAIL = 8;
/** The search highlight of pprof's flame graph (d3-flame-graph's). */
const MATCH_COLOR = '#e600e6';

/** What the flame graph needs from the app. */
export interface FlameGraphHost {
  /**
   * Asks the worker (ProfileApi.flame and flameSearch; a host that adds the current query itself
   * may ignore args.query). Rejections for superseded requests are ignored by the view.
   */
  request(method: 'flame' | 'flameSearch', args: FlameArgs | FlameSearchArgs): Promise<unknown>;
  /** Opens a profile source line in the editor (file as written in the profile, 1-based line). */
  openSource(file: string, line: number): void;
  /** The view's persisted state (zoom and search survive hide/show), when the app keeps it. */
  loadState?(): FlameGraphState | undefined;
  saveState?(state: FlameGraphState): void;
}

/** What survives hide/show: the zoomed node and the search. */
export interface FlameGraphState {
  key: string;
  zoom: FlameFocus | undefined;
  search: string;
}

/** Options of show(). */
export interface FlameShowOptions {
  granularity?: ViewGranularity;
  /** The host's key of the query (protocol.queryKey of its full query, base included); default: computed from `query`. */
  queryKey?: string;
}

/** A mounted flame graph. */
export interface FlameGraphHandle {
  /** Shows the flame graph of a query (fetches only when the query or granularity changed). */
  show(query: Query, sampleTypes: { type: string; unit: string }[], options?: FlameShowOptions): Promise<void>;
  /** Sets the search (a Go regexp; "" clears), as if typed into the view's search box. */
  setSearch(pattern: string): void;
  /** Moves keyboard focus to the flame graph. */
  focus(): void;
  /** Redraws now, synchronously (tests and benchmarks; the view redraws by itself otherwise). */
  redraw(): void;
  dispose(): void;
}

/** Mounts the flame graph into an empty container. */
export function mountFlameGraph(container: HTMLElement, host: FlameGraphHost): FlameGraphHandle {
  const view = new FlameGraphView(container, host);
  return {
    show: (q, types, o) => view.show(q, types, o ?? {}),
    setSearch: (p) => view.setSearch(p),
    focus: () => view.canvas.focus(),
    redraw: () => view.draw(),
    dispose: () => view.dispose(),
  };
}

/** Theme colors read from VS Code's CSS variables at draw time. */
interface Theme {
  text: string;
  frameText: string;
  selection: string;
  hover: string;
  font: string;
}

class FlameGraphView {
  readonly canvas: HTMLCanvasElement;
  private readonly root: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly searchBox: HTMLInputElement;
  private readonly searchInfo: HTMLElement;
  private readonly openButton: HTMLButtonElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly status: HTMLElement;
  private readonly message: HTMLElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly disposers: (() => void)[] = [];

  private query: Query | undefined;
  private granularity: ViewGranularity = 'functions';
  private key = '';
  private tree: FlameTree | undefined;
  /** Index of the zoomed node in `tree`: it fills the width. */
  private zoom = 0;
  private selected = -1;
  private hovered = -1;
  /** Deepest depth in the zoomed subtree (rows to scroll through). */
  private zoomDepth = 0;
  /** Per name of `tree`: its frame color (package hash), and whether the search matches it. */
  private nameColor: string[] = [];
  private nameMatched = new Uint8Array(0);
  /** Prefix counts of FLAME_TRUNCATED flags: whether a subtree lacks frames, in O(1). */
  private truncatedBefore = new Int32Array(1);
  private search = '';
  private searchResult: FlameSearchResult | undefined;
  /** Generations of requests: an answer for an older one is dropped. */
  private viewSeq = 0;
  private searchSeq = 0;
  private drawPending = false;
  private charWidth = 7;
  private theme: Theme | undefined;
  private cssWidth = 0;
  private cssHeight = 0;

  constructor(
    container: HTMLElement,
    private readonly host: FlameGraphHost,
  ) {
    // 1. The DOM: toolbar (breadcrumb, search, buttons), the scrolling canvas, tooltip, live status.
    this.root = h('div', 'flame');
    const toolbar = h('div', 'flame-toolbar');
    this.crumbs = h('nav', 'flame-crumbs');
    this.crumbs.setAttribute('aria-label', 'Zoom path (click to zoom out)');
    this.searchBox = document.createElement('input');
    this.searchBox.type = 'search';
    this.searchBox.className = 'flame-search';
    this.searchBox.placeholder = 'Search frames (Go regexp)';
    this.searchBox.setAttribute('aria-label', 'Search frames, a Go regexp; matching frames are highlighted');
    this.searchInfo = h('span', 'flame-search-info');
    this.searchInfo.setAttribute('aria-live', 'polite');
    this.resetButton = button('Reset Zoom', 'flame-button', () => this.zoomTo(0));
    this.openButton = button('Open Source', 'flame-button', () => this.openSelected());
    toolbar.append(this.crumbs, this.searchBox, this.searchInfo, this.resetButton, this.openButton);
    this.scroller = h('div', 'flame-scroller');
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'flame-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'flame graph');
    this.spacer = h('div', 'flame-spacer-rows');
    this.scroller.append(this.canvas, this.spacer);
    this.tooltip = h('div', 'flame-tooltip');
    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltip.hidden = true;
    this.message = h('div', 'flame-message');
    this.message.setAttribute('role', 'status');
    this.status = h('div', 'flame-status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.id = `flame-status-${Math.random().toString(36).slice(2)}`;
    this.canvas.setAttribute('aria-describedby', this.status.id);
    this.canvas.setAttribute('aria-label', 'Flame graph. Arrow keys move between frames, Enter zooms in, Escape zooms out, O opens the source.');
    this.root.append(toolbar, this.message, this.scroller, this.tooltip, this.status);
    container.append(this.root);
    const ctx = this.canvas.getContext('2d', { alpha: true });
    if (!ctx) throw new Error('no 2d canvas context');
    this.ctx = ctx;

    // 2. Events, each removed on dispose.
    this.listen(this.scroller, 'scroll', () => this.schedule());
    this.listen(this.canvas, 'mousemove', (e) => this.onMouseMove(e as MouseEvent));
    this.listen(this.canvas, 'mouseleave', () => this.setHover(-1, undefined));
    this.listen(this.canvas, 'click', (e) => this.onClick(e as MouseEvent));
    this.listen(this.canvas, 'dblclick', (e) => this.onDoubleClick(e as MouseEvent));
    this.listen(this.canvas, 'keydown', (e) => this.onKey(e as KeyboardEvent));
    this.listen(this.canvas, 'focus', () => {
      if (this.selected < 0 && this.tree) this.select(this.zoom);
    });
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    this.listen(this.searchBox, 'input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => this.applySearch(this.searchBox.value), 200);
    });
    this.listen(this.searchBox, 'keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') {
        clearTimeout(searchTimer);
        this.applySearch(this.searchBox.value);
      }
    });
    const ro = new ResizeObserver(() => this.onResize());
    ro.observe(this.scroller);
    this.disposers.push(() => ro.disconnect());
    // The theme changes body classes (vscode-light, vscode-dark, vscode-high-contrast).
    const mo = new MutationObserver(() => {
      this.theme = undefined;
      this.schedule();
    });
    mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
    this.disposers.push(() => mo.disconnect());
    this.updateButtons();
  }

  private listen(target: EventTarget, type: string, fn: (e: Event) => void): void {
    target.addEventListener(type, fn);
    this.disposers.push(() => target.removeEventListener(type, fn));
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.viewSeq++;
    this.searchSeq++;
    this.root.remove();
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  // The tree carries its sample types (names and units), so the shell's list is not needed here.
  async show(query: Query, _sampleTypes: { type: string; unit: string }[], options: FlameShowOptions): Promise<void> {
    const granularity = options.granularity ?? 'functions';
    const key = `${granularity}\0${options.queryKey ?? queryKey(query)}`;
    if (key === this.key && this.tree) {
      this.schedule();
      return;
    }
    this.query = query;
    this.granularity = granularity;
    this.key = key;
    const saved = this.host.loadState?.();
    const zoom = saved && saved.key === key ? saved.zoom : undefined;
    if (saved && saved.key === key && saved.search !== this.search) {
      this.search = saved.search;
      this.searchBox.value = saved.search;
    }
    this.setMessage('Loading the flame graph…');
    const t = await this.fetchView(zoom);
    if (!t) return;
    this.setTree(t, t.focus);
    this.setMessage(t.abs[0] === 0 ? 'No samples: nothing to draw for this sample type and these filters.' : '');
    if (this.search) this.applySearch(this.search);
    else this.updateSearchInfo();
  }

  /** Asks for a view focused on `focus` (the root when undefined); undefined when superseded or failed. */
  private async fetchView(focus: FlameFocus | undefined): Promise<FlameTree | undefined> {
    if (!this.query) return undefined;
    const seq = ++this.viewSeq;
    const args: FlameArgs = {
      query: this.query,
      granularity: this.granularity,
      focus,
      minFraction: 1 / (DETAIL * Math.max(200, this.scroller.clientWidth || 800)),
      maxNodes: MAX_FLAME_NODES,
    };
    try {
      const t = reviveFlameTree((await this.host.request('flame', args)) as FlameTree);
      return seq === this.viewSeq ? t : undefined;
    } catch (e) {
      if (seq === this.viewSeq && !isStale(e)) this.setMessage(`The flame graph could not be computed: ${errorText(e)}`);
      return undefined;
    }
  }

  /** Installs a view and zooms to its node `zoom`, keeping the selection when the view has it. */
  private setTree(t: FlameTree, zoom: number): void {
    const keep = this.selected >= 0 && this.tree ? nodeKey(this.tree, this.selected) : undefined;
    this.tree = t;
    // 1. Per-name colors: by package, warm like pprof's; (diff colors are per node, at draw time).
    this.nameColor = t.names.map((n) => warmColor(packageOf(n)));
    this.nameMatched = new Uint8Array(t.names.length);
    this.markMatches();
    // 2. Where frames were left out.
    this.truncatedBefore = new Int32Array(t.count + 1);
    for (let i = 0; i < t.count; i++) this.truncatedBefore[i + 1] = this.truncatedBefore[i] + (t.flags[i] & FLAME_TRUNCATED ? 1 : 0);
    this.selected = keep !== undefined ? findNode(t, keep) : -1;
    this.hovered = -1;
    this.tooltip.hidden = true;
    this.setZoom(zoom);
  }

  private setMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === '';
  }

  // ---------------------------------------------------------------------------------------------
  // Zoom

  /** Whether the view holds every frame of node i's subtree that is at least MIN_PX wide when i fills the width. */
  private detailSuffices(i: number): boolean {
    const t = this.tree!;
    if (i < t.focus) return false; // an ancestor of the focus: the view has only the path through it
    if (t.minAbs === 0 || this.truncatedBefore[t.end[i]] === this.truncatedBefore[i]) return true;
    return (t.minAbs / t.abs[i]) * Math.max(1, this.cssWidth) <= MIN_PX;
  }

  /** Zooms into node i of the current view (fetching a view focused on it when needed). */
  private zoomTo(i: number): void {
    const t = this.tree;
    if (!t || i < 0 || i >= t.count) return;
    if (this.detailSuffices(i)) {
      this.setZoom(i);
      this.select(i);
      this.refreshSearchShare();
      return;
    }
    const focus = { depth: t.depth[i], pos: t.pos[i] };
    void this.fetchView(focus).then((nt) => {
      if (!nt) return;
      this.setTree(nt, nt.focus);
      this.select(nt.focus);
      this.refreshSearchShare();
    });
  }

  private setZoom(i: number): void {
    const t = this.tree!;
    this.zoom = i;
    let maxDepth = t.depth[i];
    for (let k = i; k < t.end[i]; k++) if (t.depth[k] > maxDepth) maxDepth = t.depth[k];
    this.zoomDepth = maxDepth;
    this.renderCrumbs();
    this.updateButtons();
    this.saveState();
    this.onResize();
  }

  private saveState(): void {
    const t = this.tree;
    this.host.saveState?.({ key: this.key, zoom: t && this.zoom > 0 ? { depth: t.depth[this.zoom], pos: t.pos[this.zoom] } : undefined, search: this.search });
  }

  private renderCrumbs(): void {
    const t = this.tree!;
    const path: number[] = [];
    for (let i = this.zoom; i >= 0; i = t.parent[i]) path.unshift(i);
    this.crumbs.replaceChildren();
    path.forEach((i, k) => {
      if (k > 0) this.crumbs.append(h('span', 'flame-crumb-sep', '›'));
      const b = button(t.shortNames[t.name[i]], 'flame-crumb', () => this.zoomTo(i));
      b.title = t.names[t.name[i]];
      if (i === this.zoom) b.setAttribute('aria-current', 'true');
      this.crumbs.append(b);
    });
    // The current frame is the one to see when the path is longer than the line.
    this.crumbs.scrollLeft = this.crumbs.scrollWidth;
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  setSearch(pattern: string): void {
    if (pattern === this.search) return;
    this.searchBox.value = pattern;
    this.applySearch(pattern);
  }

  private applySearch(pattern: string): void {
    this.search = pattern;
    this.saveState();
    if (pattern === '') {
      this.searchSeq++;
      this.searchResult = undefined;
      this.markMatches();
      this.updateSearchInfo();
      this.schedule();
      return;
    }
    this.refreshSearchShare();
  }

  /** Asks the worker which names match and what share of samples they are on (total and zoomed node). */
  private refreshSearchShare(): void {
    const t = this.tree;
    if (!this.query || !t || this.search === '') return;
    const seq = ++this.searchSeq;
    const args: FlameSearchArgs = {
      query: this.query,
      granularity: this.granularity,
      pattern: this.search,
      focus: this.zoom > 0 ? { depth: t.depth[this.zoom], pos: t.pos[this.zoom] } : undefined,
    };
    this.host.request('flameSearch', args).then(
      (r) => {
        if (seq !== this.searchSeq) return;
        this.searchResult = r as FlameSearchResult;
        this.markMatches();
        this.updateSearchInfo();
        this.schedule();
      },
      (e: unknown) => {
        if (seq !== this.searchSeq || isStale(e)) return;
        this.searchResult = undefined;
        this.markMatches();
        this.searchInfo.textContent = errorText(e);
        this.schedule();
      },
    );
  }

  private markMatches(): void {
    const t = this.tree;
    if (!t) return;
    this.nameMatched.fill(0);
    const names = new Set(this.searchResult?.names ?? []);
    if (names.size > 0) t.names.forEach((n, k) => (this.nameMatched[k] = names.has(n) ? 1 : 0));
  }

  private updateSearchInfo(): void {
    const r = this.searchResult;
    const t = this.tree;
    if (!r || !t || this.search === '') {
      this.searchInfo.textContent = '';
      return;
    }
    const si = t.sampleIndex;
    const unit = t.sampleTypes[si].unit;
    if (r.names.length === 0) {
      this.searchInfo.textContent = 'No frame matches';
      return;
    }
    let text = `${r.names.length} ${r.names.length === 1 ? 'function' : 'functions'}: ${formatValue(r.values[si], unit)}, ${formatPercent(r.values[si], t.totals[si])} of total`;
    if (this.zoom > 0) text += `, ${formatPercent(r.focusValues[si], t.values[this.zoom * t.sampleTypes.length + si])} of ${t.shortNames[t.name[this.zoom]]}`;
    this.searchInfo.textContent = text;
  }

  // ---------------------------------------------------------------------------------------------
  // Selection, hover, keyboard

  private select(i: number): void {
    const t = this.tree;
    if (!t) return;
    this.selected = i;
    this.updateButtons();
    if (i >= 0) {
      // Keep the selected row visible.
      const y = t.depth[i] * ROW;
      if (y < this.scroller.scrollTop) this.scroller.scrollTop = y;
      else if (y + ROW > this.scroller.scrollTop + this.cssHeight) this.scroller.scrollTop = y + ROW - this.cssHeight;
      this.status.textContent = this.describe(i);
    }
    this.schedule();
  }

  /** One sentence about node i for screen readers: name, value, share, self, depth. */
  private describe(i: number): string {
    const t = this.tree!;
    const si = t.sampleIndex;
    const nt = t.sampleTypes.length;
    const unit = t.sampleTypes[si].unit;
    const v = t.values[i * nt + si];
    const self = t.self[i * nt + si];
    const inline = t.flags[i] & FLAME_INLINE ? ' (inline)' : '';
    return `${t.names[t.name[i]]}${inline}: ${signed(t, v, formatValue(v, unit))}, ${formatPercent(v, t.totals[si])} of total ${t.sampleTypes[si].type}; self ${signed(t, self, formatValue(self, unit))}; depth ${t.depth[i]}${i === this.zoom ? '; zoomed' : ''}`;
  }

  private updateButtons(): void {
    const t = this.tree;
    const i = this.selected >= 0 ? this.selected : this.zoom;
    this.openButton.disabled = !t || i < 0 || t.files[t.name[i]] === '';
    this.resetButton.disabled = !t || this.zoom === 0;
  }

  private openSelected(): void {
    const t = this.tree;
    const i = this.selected >= 0 ? this.selected : this.zoom;
    if (!t || i < 0) return;
    const file = t.files[t.name[i]];
    if (file) this.host.openSource(file, Math.max(1, t.lines[t.name[i]]));
  }

  /** The node drawn at a point of the canvas (CSS px), or -1. */
  private hitTest(x: number, y: number): number {
    const t = this.tree;
    if (!t || this.cssWidth === 0) return -1;
    const row = Math.floor((y + this.scroller.scrollTop) / ROW);
    const z = this.zoom;
    if (row < t.depth[z]) {
      // The zoomed node's callers span the width.
      let a = z;
      while (a >= 0 && t.depth[a] > row) a = t.parent[a];
      return a;
    }
    const k = this.cssWidth / t.abs[z];
    const x0 = t.start[z];
    let i = z;
    // Descend: at each row the child whose extent holds x.
    while (t.depth[i] < row) {
      let found = -1;
      for (let c = i + 1; c < t.end[i]; c = t.end[c]) {
        const cx = (t.start[c] - x0) * k;
        const cw = t.abs[c] * k;
        if (x >= cx && x < cx + cw) {
          found = cw >= MIN_PX ? c : -1;
          break;
        }
        if (cx > x) break;
      }
      if (found < 0) return -1;
      i = found;
    }
    return i;
  }

  private onMouseMove(e: MouseEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const i = this.hitTest(e.clientX - r.left, e.clientY - r.top);
    this.setHover(i, e);
  }

  private setHover(i: number, e: MouseEvent | undefined): void {
    if (i !== this.hovered) {
      this.hovered = i;
      this.canvas.style.cursor = i >= 0 ? 'pointer' : 'default';
      if (i >= 0) this.fillTooltip(i);
      this.schedule();
    }
    this.tooltip.hidden = i < 0;
    if (i >= 0 && e) {
      // Beside the pointer, kept inside the view.
      const box = this.root.getBoundingClientRect();
      const tw = this.tooltip.offsetWidth;
      const th = this.tooltip.offsetHeight;
      let x = e.clientX - box.left + 14;
      let y = e.clientY - box.top + 16;
      if (x + tw > box.width) x = Math.max(0, e.clientX - box.left - tw - 10);
      if (y + th > box.height) y = Math.max(0, e.clientY - box.top - th - 10);
      this.tooltip.style.left = `${x}px`;
      this.tooltip.style.top = `${y}px`;
    }
  }

  /** The tooltip: full name, source, and cum and self of every sample type with shares of the totals. */
  private fillTooltip(i: number): void {
    const t = this.tree!;
    const nt = t.sampleTypes.length;
    const name = h('div', 'flame-tip-name', t.names[t.name[i]] + (t.flags[i] & FLAME_INLINE ? ' (inline)' : ''));
    const parts: Node[] = [name];
    const file = t.files[t.name[i]];
    if (file) parts.push(h('div', 'flame-tip-file', `${file}${t.lines[t.name[i]] ? `:${t.lines[t.name[i]]}` : ''}`));
    const table = document.createElement('table');
    table.className = 'flame-tip-values';
    const head = table.createTHead().insertRow();
    for (const c of ['', 'total', '', 'self', '']) head.append(h('th', undefined, c));
    const body = table.createTBody();
    for (let ty = 0; ty < nt; ty++) {
      const unit = t.sampleTypes[ty].unit;
      const v = t.values[i * nt + ty];
      const s = t.self[i * nt + ty];
      const row = body.insertRow();
      if (ty === t.sampleIndex) row.className = 'flame-tip-selected';
      row.append(
        h('td', 'flame-tip-type', t.sampleTypes[ty].type),
        h('td', 'flame-tip-num', signed(t, v, formatValue(v, unit))),
        h('td', 'flame-tip-pct', formatPercent(v, t.totals[ty])),
        h('td', 'flame-tip-num', signed(t, s, formatValue(s, unit))),
        h('td', 'flame-tip-pct', formatPercent(s, t.totals[ty])),
      );
    }
    parts.push(table);
    if (t.flags[i] & FLAME_TRUNCATED && i >= t.focus) parts.push(h('div', 'flame-tip-note', 'Narrow callees are not drawn; click to zoom in.'));
    parts.push(h('div', 'flame-tip-note', 'Click to zoom, double-click to open the source.'));
    this.tooltip.replaceChildren(...parts);
  }

  private onClick(e: MouseEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const i = this.hitTest(e.clientX - r.left, e.clientY - r.top);
    if (i < 0) return;
    this.select(i);
    if (i !== this.zoom) this.zoomTo(i);
  }

  private onDoubleClick(e: MouseEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const i = this.hitTest(e.clientX - r.left, e.clientY - r.top);
    if (i < 0) return;
    this.select(i);
    this.openSelected();
  }

  private onKey(e: KeyboardEvent): void {
    const t = this.tree;
    if (!t) return;
    const i = this.selected >= 0 ? this.selected : this.zoom;
    let next = -1;
    switch (e.key) {
      case 'ArrowUp':
        next = t.parent[i];
        break;
      case 'ArrowDown':
        next = this.firstVisibleChild(i);
        break;
      case 'ArrowLeft':
        next = this.rowNeighbor(i, -1);
        break;
      case 'ArrowRight':
        next = this.rowNeighbor(i, 1);
        break;
      case 'Enter':
        this.zoomTo(i);
        e.preventDefault();
        return;
      case 'Escape':
        if (this.zoom > 0) this.zoomTo(t.parent[this.zoom]);
        e.preventDefault();
        return;
      case 'Home':
        this.zoomTo(0);
        e.preventDefault();
        return;
      case 'o':
      case 'O':
        this.openSelected();
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next >= 0) this.select(next);
  }

  /** Pixel width of node i at the current zoom (ancestors of the zoomed node span the width). */
  private widthOf(i: number): number {
    const t = this.tree!;
    if (i < this.zoom || i >= t.end[this.zoom]) return this.cssWidth;
    return (t.abs[i] / t.abs[this.zoom]) * this.cssWidth;
  }

  private firstVisibleChild(i: number): number {
    const t = this.tree!;
    if (i < this.zoom) {
      // On the callers' path: down leads toward the zoomed node.
      for (let c = i + 1; c <= this.zoom; c++) if (t.parent[c] === i) return c;
    }
    for (let c = i + 1; c < t.end[i]; c = t.end[c]) if (this.widthOf(c) >= MIN_PX) return c;
    return -1;
  }

  /** The previous (dir -1) or next (dir 1) drawn frame on i's row, within the zoomed subtree. */
  private rowNeighbor(i: number, dir: number): number {
    const t = this.tree!;
    const z = this.zoom;
    if (i <= z) return -1;
    const d = t.depth[i];
    if (dir > 0) {
      for (let j = t.end[i]; j < t.end[z]; ) {
        if (this.widthOf(j) < MIN_PX) j = t.end[j];
        else if (t.depth[j] === d) return j;
        else j++;
      }
    } else {
      for (let j = i - 1; j > z; j--) if (t.depth[j] === d && this.widthOf(j) >= MIN_PX) return j;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing

  private onResize(): void {
    const w = this.scroller.clientWidth;
    const hgt = this.scroller.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    const widthChanged = w !== this.cssWidth;
    this.cssWidth = w;
    this.cssHeight = hgt;
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${hgt}px`;
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(hgt * dpr));
    const t = this.tree;
    const rows = t ? this.zoomDepth + 2 : 0;
    this.spacer.style.height = `${Math.max(0, rows * ROW - hgt)}px`;
    this.draw();
    // A wider view may reveal frames the current view left out.
    if (widthChanged && t && !this.detailSuffices(this.zoom)) this.zoomTo(this.zoom);
  }

  private schedule(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.draw();
    });
  }

  private readTheme(): Theme {
    if (this.theme) return this.theme;
    const cs = getComputedStyle(this.root);
    const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
    const family = v('--vscode-editor-font-family', cs.fontFamily || 'monospace');
    const size = 12;
    this.theme = {
      text: v('--vscode-foreground', '#ccc'),
      frameText: '#000',
      selection: v('--vscode-focusBorder', '#007fd4'),
      hover: v('--vscode-foreground', '#fff'),
      font: `${size}px ${family}`,
    };
    this.ctx.font = this.theme.font;
    // An average glyph of function names, to truncate labels without measuring each one.
    const sample = 'runtime.mallocgc (*Server).ServeHTTP net/http.(*conn).serve 0123456789';
    this.charWidth = this.ctx.measureText(sample).width / sample.length;
    return this.theme;
  }

  /** Draws the visible frames of the zoomed subtree (and its callers across the top). */
  draw(): void {
    const t = this.tree;
    const ctx = this.ctx;
    const dpr = this.canvas.width / Math.max(1, this.cssWidth);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
    if (!t || this.cssWidth === 0 || t.abs[0] === 0) return;
    const theme = this.readTheme();
    ctx.font = theme.font;
    ctx.textBaseline = 'middle';
    const W = this.cssWidth;
    const top = this.scroller.scrollTop;
    const firstRow = Math.floor(top / ROW);
    const lastRow = Math.ceil((top + this.cssHeight) / ROW);
    const z = this.zoom;
    // 1. The zoomed node's callers, full width.
    for (let a = t.parent[z]; a >= 0; a = t.parent[a]) {
      const d = t.depth[a];
      if (d >= firstRow && d <= lastRow) this.frame(t, a, 0, d * ROW - top, W, theme);
    }
    // 2. The zoomed subtree in pre-order; narrow frames and frames below the viewport skip their subtrees.
    const k = W / t.abs[z];
    const x0 = t.start[z];
    const { abs, start, depth, end } = t;
    for (let i = z; i < end[z]; ) {
      const w = abs[i] * k;
      const d = depth[i];
      if (w < MIN_PX || d > lastRow) {
        i = end[i];
        continue;
      }
      if (d >= firstRow) this.frame(t, i, (start[i] - x0) * k, d * ROW - top, w, theme);
      i++;
    }
    // 3. Selection and hover outlines on top.
    for (const [i, color, lw] of [
      [this.hovered, theme.hover, 1],
      [this.selected, theme.selection, 2],
    ] as const) {
      if (i < 0 || i >= t.count) continue;
      const w = this.widthOf(i);
      if (w < MIN_PX) continue;
      const x = i < z ? 0 : (start[i] - x0) * k;
      ctx.strokeStyle = color;
      ctx.lineWidth = lw;
      ctx.strokeRect(x + lw / 2, depth[i] * ROW - top + lw / 2, Math.max(1, w - lw - 1), ROW - 1 - lw);
    }
  }

  /** One frame: its box and, when it fits, its label. */
  private frame(t: FlameTree, i: number, x: number, y: number, w: number, theme: Theme): void {
    const ctx = this.ctx;
    const nm = t.name[i];
    ctx.fillStyle = this.nameMatched[nm] ? MATCH_COLOR : t.diff ? diffColor(t, i) : this.nameColor[nm];
    // A 1px gap separates frames wide enough to spare it.
    ctx.fillRect(x, y, w > 3 ? w - 1 : w, ROW - 1);
    if (w < LABEL_MIN_PX) return;
    const room = Math.floor((w - 6) / this.charWidth);
    if (room < 2) return;
    const name = t.shortNames[nm];
    const label = name.length <= room ? name : name.slice(0, room - 1) + '…';
    ctx.fillStyle = theme.frameText;
    ctx.fillText(label, x + 3, y + ROW / 2, w - 6);
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers

/** A node of a view, as a later view of the same query knows it. */
function nodeKey(t: FlameTree, i: number): string {
  return `${t.depth[i]}:${t.pos[i]}:${t.names[t.name[i]]}`;
}

function findNode(t: FlameTree, key: string): number {
  for (let i = 0; i < t.count; i++) if (nodeKey(t, i) === key) return i;
  return -1;
}

/** The package path of a frame name: everything before the first '.' after the last '/' (Go). */
export function packageOf(name: string): string {
  const sp = name.indexOf(' ');
  if (sp > 0) name = name.slice(0, sp); // "main.f main.go:12" at line granularity
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

/** pprof's warm palette (d3-flame-graph's "warm" hue) at a stable position for a string (FNV-1a). */
export function warmColor(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  const v = ((h >>> 0) % 1000) / 999;
  return `rgb(${200 + Math.round(55 * v)},${Math.round(230 * (1 - v))},${Math.round(55 * (1 - v))})`;
}

/** Diff colors: red where the node grew, green where it shrank, grey where it is unchanged. */
function diffColor(t: FlameTree, i: number): string {
  const nt = t.sampleTypes.length;
  const v = t.values[i * nt + t.sampleIndex];
  // v / abs: +1 only new samples, -1 only base samples, 0 as much of both.
  const r = t.abs[i] === 0 ? 0 : v / t.abs[i];
  const q = Math.round(Math.sqrt(Math.abs(r)) * 16) / 16;
  const grey = [200, 200, 200];
  const target = r >= 0 ? [230, 60, 50] : [60, 170, 70];
  const c = grey.map((g, k) => Math.round(g + (target[k] - g) * q));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** A value with an explicit "+" on a diff (the formatter writes "-" itself). */
function signed(t: FlameTree, v: number, text: string): string {
  return t.diff && v > 0 ? `+${text}` : text;
}

function isStale(e: unknown): boolean {
  return e instanceof Error && e.message === 'stale response';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function h(tag: string, cls?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}
