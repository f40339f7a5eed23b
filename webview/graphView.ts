// The call graph tab: pprof's -dot graph, laid out by Graphviz in the worker (ProfileApi.graph),
// drawn here as SVG. Everything is built with createElementNS, setAttribute and textContent:
// nothing from a profile is ever parsed as markup. Scroll by dragging or with the wheel, zoom with
// Ctrl+wheel (at the pointer) or the +/− buttons; Fit shows everything at a legible size or scrolls; click a node to focus the profile on it, double-click (or
// Enter) to open its source. Nodes are focusable (Tab), with their name and values as labels.
//
// Colors follow pprof's scheme (dotgraph.go: grey to red by cum share, dotted residual edges,
// width by weight) recomputed for the theme kind, so dark and high-contrast themes stay legible.
// Styles: media/graphView.css (the webview's HTML must load it; see mountGraphView).
//
// Integration in the profile view's shell (its MountView contract), for example:
//   const g = mountGraphView(container, {
//     request: (_m, args) => ctx.request('graph', args),        // 'graph' in WEBVIEW_METHODS
//     openSource: (file, line) => ctx.openSource({ file, line }),
//     focus: (name, refine) => ctx.refine('focus', refine, name),
//   });
//   update: (i) => { if (i.visible) void g.show({ sampleIndex: i.state.sampleIndex, refinements: i.state.refinements }, { granularity: i.granularity }); }
import { edgeColor, nodeColors, themeKindOf, type ThemeKind } from '../src/shared/graphColors';
import type { GraphArgs, GraphEdgeView, GraphNodeView, GraphPoint, GraphView } from '../src/shared/graphView';
import { queryKey, type Query, type ViewGranularity } from '../src/shared/protocol';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Zoom limits and the factor of one button press (the wheel zooms continuously). */
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const ZOOM_STEP = 1.25;
/** Fit never draws the graph's common (smallest node) text below this many CSS px: it scrolls instead. */
export const MIN_LEGIBLE_FONT_PX = 11;
/** A press that moves less than this (px) is a click, not a drag. */
const DRAG_SLOP = 4;
/** How long a click waits for a second one before it counts as a single click (ms). */
const DOUBLE_CLICK_MS = 250;

/** What the graph view needs from the app. */
export interface GraphViewHost {
  /**
   * Asks the worker for the laid-out graph (ProfileApi.graph; a host that adds the current query
   * itself may ignore args.query). A rejection for a superseded query (show() was called again,
   * or an Error whose message is "stale response") is ignored; any other is shown in the view.
   */
  request(method: 'graph', args: GraphArgs): Promise<GraphView>;
  /** Opens a profile source line in the editor (file as written in the profile, 1-based line). */
  openSource(file: string, line: number): void;
  /**
   * The user clicked a node: focus the profile on it. `name` is the function name (the file at
   * file granularity); `refine` is a Go regexp matching exactly that (pprof's -focus syntax).
   */
  focus(name: string, refine: string): void;
}

/** Options of one show(): the header's granularity and pprof's -nodecount (80). */
export interface GraphShowOptions {
  granularity?: ViewGranularity;
  nodeCount?: number;
}

/** A mounted graph view. */
export interface GraphViewHandle {
  /** Shows the graph of a query (fetches and lays out only when query or options changed; fits a new graph). */
  show(query: Query, options?: GraphShowOptions): Promise<void>;
  /** Fits the whole graph into the view. */
  fit(): void;
  /** Moves keyboard focus to the first node (or the canvas). */
  focus(): void;
  dispose(): void;
}

/** Pan and zoom: screen = translate + scale × drawing. */
export interface Transform {
  x: number;
  y: number;
  k: number;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function html<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function points(ps: GraphPoint[]): string {
  return ps.map(([x, y]) => `${x},${y}`).join(' ');
}

/** An SVG path of Graphviz's cubic Bézier spline (start, then control, control, end per segment). */
function splinePath(ps: GraphPoint[]): string {
  if (ps.length === 0) return '';
  let d = `M${ps[0][0]},${ps[0][1]}`;
  for (let i = 1; i + 2 < ps.length; i += 3) d += `C${ps[i][0]},${ps[i][1]} ${ps[i + 1][0]},${ps[i + 1][1]} ${ps[i + 2][0]},${ps[i + 2][1]}`;
  return d;
}

/**
 * The view's transform when fitted: the whole graph when it fits with its common text at least
 * MIN_LEGIBLE_FONT_PX (never enlarged past that or its natural size); else that legible scale,
 * centered on the most important node (pprof's first) and scrolled from there.
 */
export function fitTransform(view: Pick<GraphView, 'width' | 'height' | 'nodes'>, cw: number, ch: number): Transform {
  const fonts = view.nodes.filter((n) => n.kind === 'node').flatMap((n) => n.lines.map((l) => l.fontSize)).filter((f) => f > 0);
  const smallest = fonts.length ? Math.min(...fonts) : 14;
  const legible = Math.min(MAX_SCALE, MIN_LEGIBLE_FONT_PX / smallest);
  const whole = Math.min(cw / view.width, ch / view.height);
  if (whole >= legible) {
    const k = Math.min(whole, Math.max(1, legible));
    return { k, x: (cw - view.width * k) / 2, y: (ch - view.height * k) / 2 };
  }
  const k = Math.max(MIN_SCALE, legible);
  const hot = view.nodes.find((n) => n.kind === 'node') ?? view.nodes[0];
  // Center on it, but never leave empty space beyond the drawing's edges.
  const clamp = (offset: number, viewSize: number, drawn: number) => (drawn <= viewSize ? (viewSize - drawn) / 2 : Math.min(0, Math.max(viewSize - drawn, offset)));
  const cx = hot ? hot.x + hot.width / 2 : view.width / 2;
  const cy = hot ? hot.y + hot.height / 2 : 0;
  return { k, x: clamp(cw / 2 - cx * k, cw, view.width * k), y: clamp(ch / 2 - cy * k, ch, view.height * k) };
}

/** The accessible name of a graph node: its name, flat and cum with percentages. */
export function nodeAriaLabel(n: GraphNodeView): string {
  const i = n.info;
  if (!i) return n.tooltip;
  return `${i.name}: flat ${i.flatText} (${i.flatPercent}), cum ${i.cumText} (${i.cumPercent})`;
}

/**
 * mountGraphView mounts the call graph into an empty container and returns its handle. The
 * webview must load media/graphView.css (a <link> next to the view's stylesheet, allowed by the
 * CSP's style-src). Invariant: at most one graph is drawn; a show() superseded by a newer one
 * never draws.
 */
export function mountGraphView(container: HTMLElement, host: GraphViewHost): GraphViewHandle {
  // 1. The DOM: a toolbar, a status line and the canvas with one SVG.
  const root = html('div', 'pprof-graph');
  const toolbar = html('div', 'pprof-graph-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Call graph');
  const mkButton = (text: string, label: string, onClick: () => void) => {
    const b = html('button', 'pprof-graph-button', text);
    b.type = 'button';
    b.title = label;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    toolbar.append(b);
    return b;
  };
  const status = html('span', 'pprof-graph-status');
  status.setAttribute('role', 'status');
  const canvas = html('div', 'pprof-graph-canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-label', 'Call graph canvas: drag, wheel or arrow keys to scroll, Ctrl+wheel or + and - to zoom, 0 to fit');
  const help = html('p', 'pprof-graph-help', 'Click a node to focus on it, double-click or Enter to open its source. Drag or wheel to scroll, Ctrl+wheel to zoom.');
  help.id = `pprof-graph-help-${Math.random().toString(36).slice(2)}`;
  const svgRoot = svg('svg', { class: 'pprof-graph-svg', role: 'group', 'aria-describedby': help.id });
  const viewport = svg('g', { class: 'pprof-graph-viewport' });
  svgRoot.append(viewport);
  canvas.append(svgRoot);
  root.append(toolbar, canvas, help);
  container.append(root);

  let view: GraphView | undefined;
  let shownKey = '';
  let generation = 0;
  let t: Transform = { x: 0, y: 0, k: 1 };
  let theme: ThemeKind = themeKindOf(document.body.classList);
  const nodeEls = new Map<string, SVGGElement>();
  const edgesOf = new Map<string, SVGGElement[]>();
  const disposers: (() => void)[] = [];

  const apply = () => viewport.setAttribute('transform', `translate(${t.x} ${t.y}) scale(${t.k})`);
  const zoomAt = (factor: number, cx: number, cy: number) => {
    const k = Math.max(MIN_SCALE, Math.min(MAX_SCALE, t.k * factor));
    // Keep the drawing point under (cx, cy) where it is.
    t = { k, x: cx - ((cx - t.x) * k) / t.k, y: cy - ((cy - t.y) * k) / t.k };
    apply();
  };
  const zoomCenter = (factor: number) => zoomAt(factor, canvas.clientWidth / 2, canvas.clientHeight / 2);
  const fit = () => {
    if (!view) return;
    const cw = canvas.clientWidth;
    const ch = canvas.clientHeight;
    if (cw === 0 || ch === 0) return;
    t = fitTransform(view, cw, ch);
    apply();
  };

  mkButton('+', 'Zoom in', () => zoomCenter(ZOOM_STEP));
  mkButton('−', 'Zoom out', () => zoomCenter(1 / ZOOM_STEP));
  mkButton('Fit', 'Fit the graph to the view', fit);
  toolbar.append(status);

  // 2. Pan by dragging the canvas; a press that does not move is a click on what it hit.
  let drag: { id: number; x: number; y: number; t: Transform; moved: boolean } | undefined;
  let suppressClick = false;
  const on = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
    target.addEventListener(type, fn as EventListener, opts);
    disposers.push(() => target.removeEventListener(type, fn as EventListener, opts));
  };
  on(canvas, 'pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY, t: { ...t }, moved: false };
  });
  on(canvas, 'pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!drag.moved) {
      drag.moved = true;
      canvas.setPointerCapture(e.pointerId);
      canvas.classList.add('pprof-graph-dragging');
    }
    t = { ...drag.t, x: drag.t.x + dx, y: drag.t.y + dy };
    apply();
  });
  const endDrag = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    suppressClick = drag.moved;
    canvas.classList.remove('pprof-graph-dragging');
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    drag = undefined;
  };
  on(canvas, 'pointerup', endDrag);
  on(canvas, 'pointercancel', endDrag);
  on(
    canvas,
    'wheel',
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      // Pixel, line and page deltas; ~ one button step per wheel notch.
      const unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 500 : 1;
      if (e.ctrlKey || e.metaKey) {
        // Ctrl/Cmd+wheel and trackpad pinches zoom, anchored at the pointer.
        zoomAt(Math.pow(ZOOM_STEP, -(e.deltaY * unit) / 100), e.clientX - r.left, e.clientY - r.top);
      } else {
        // The wheel scrolls the graph (Shift: sideways), as a page does.
        const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
        t = { ...t, x: t.x - dx * unit, y: t.y - dy * unit };
        apply();
      }
    },
    { passive: false },
  );
  on(canvas, 'keydown', (e) => {
    if (e.target !== canvas) return;
    const pan = 60;
    const moves: Record<string, [number, number]> = { ArrowLeft: [pan, 0], ArrowRight: [-pan, 0], ArrowUp: [0, pan], ArrowDown: [0, -pan] };
    if (e.key === '+' || e.key === '=') zoomCenter(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoomCenter(1 / ZOOM_STEP);
    else if (e.key === '0') fit();
    else if (moves[e.key]) {
      t = { ...t, x: t.x + moves[e.key][0], y: t.y + moves[e.key][1] };
      apply();
    } else return;
    e.preventDefault();
  });

  // 3. Nodes act on click (after a short wait, so a double-click does not also focus).
  let clickTimer: ReturnType<typeof setTimeout> | undefined;
  const openNode = (n: GraphNodeView) => {
    const s = n.info?.source;
    if (s) host.openSource(s.file, s.line);
  };
  const focusNode = (n: GraphNodeView) => {
    const i = n.info;
    if (i) host.focus(i.functionName !== '' ? i.functionName : i.file, i.refine);
  };

  // 4. Drawing.
  const colorize = () => {
    if (!view) return;
    for (const n of view.nodes) {
      const g = nodeEls.get(n.id);
      if (!g) continue;
      const c = n.kind === 'node' ? nodeColors(n.score, theme) : undefined;
      for (const shape of g.querySelectorAll('polygon, polyline')) {
        if (c) {
          if (shape.classList.contains('pprof-graph-filled')) shape.setAttribute('fill', c.fill);
          shape.setAttribute('stroke', c.stroke);
        }
      }
    }
    for (const e of viewport.querySelectorAll<SVGGElement>('g.pprof-graph-edge[data-score]')) {
      const color = edgeColor(Number(e.dataset.score), theme);
      for (const p of e.querySelectorAll('path')) p.setAttribute('stroke', color);
      for (const p of e.querySelectorAll('polygon')) {
        p.setAttribute('stroke', color);
        p.setAttribute('fill', color);
      }
    }
  };

  const drawText = (parent: SVGGElement, lines: GraphNodeView['lines']) => {
    for (const l of lines) {
      const text = svg('text', { x: l.x, y: l.y, 'text-anchor': l.anchor, 'font-size': l.fontSize });
      // Graphviz sized the boxes with its font metrics: keep each line within its estimate.
      if (l.width > 0) {
        text.setAttribute('textLength', String(l.width));
        text.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
      text.textContent = l.text;
      parent.append(text);
    }
  };

  const drawEdge = (e: GraphEdgeView): SVGGElement => {
    const g = svg('g', { class: `pprof-graph-edge pprof-graph-edge-${e.kind}` });
    if (e.kind === 'call') g.dataset.score = String(e.score);
    if (e.residual) g.classList.add('pprof-graph-residual');
    const title = svg('title');
    title.textContent = e.tooltip;
    g.append(title);
    const path = svg('path', { d: splinePath(e.path), fill: 'none', 'stroke-width': e.penWidth });
    if (e.style === 'dotted') path.setAttribute('stroke-dasharray', `${Math.max(1, e.penWidth)} ${2 * Math.max(1, e.penWidth)}`);
    g.append(path);
    if (e.arrowhead) g.append(svg('polygon', { points: points(e.arrowhead), 'stroke-width': e.penWidth }));
    const label = svg('g', { class: 'pprof-graph-edge-label' });
    drawText(label, e.label);
    g.append(label);
    return g;
  };

  const drawNode = (n: GraphNodeView): SVGGElement => {
    const g = svg('g', { class: `pprof-graph-node pprof-graph-${n.kind}` });
    g.dataset.id = n.id;
    const title = svg('title');
    title.textContent = n.kind === 'node' ? nodeAriaLabel(n) : n.tooltip;
    g.append(title);
    for (const s of n.shapes) {
      const shape = s.kind === 'polygon' ? svg('polygon', { points: points(s.points) }) : svg('polyline', { points: points(s.points), fill: 'none' });
      if (s.kind === 'polygon' && s.filled) shape.classList.add('pprof-graph-filled');
      else if (s.kind === 'polygon') shape.setAttribute('fill', 'none');
      g.append(shape);
    }
    drawText(g, n.lines);
    if (n.kind === 'node' && n.info) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', nodeAriaLabel(n));
      g.classList.add('pprof-graph-interactive');
      g.addEventListener('click', (ev) => {
        ev.stopPropagation();
        if (suppressClick) return;
        clearTimeout(clickTimer);
        clickTimer = setTimeout(() => focusNode(n), DOUBLE_CLICK_MS);
      });
      g.addEventListener('dblclick', (ev) => {
        ev.stopPropagation();
        clearTimeout(clickTimer);
        openNode(n);
      });
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') openNode(n);
        else if (ev.key === ' ' || ev.key === 'f') focusNode(n);
        else return;
        ev.preventDefault();
      });
      // Highlight the node's edges while it is hovered or focused, and keep it in view.
      const mark = (on: boolean) => {
        g.classList.toggle('pprof-graph-active', on);
        svgRoot.classList.toggle('pprof-graph-has-active', on);
        for (const e of edgesOf.get(n.id) ?? []) e.classList.toggle('pprof-graph-adjacent', on);
      };
      g.addEventListener('pointerenter', () => mark(true));
      g.addEventListener('pointerleave', () => mark(document.activeElement === g));
      g.addEventListener('focus', () => {
        mark(true);
        reveal(n);
      });
      g.addEventListener('blur', () => mark(false));
    }
    return g;
  };

  // Pans just enough to bring a focused node into the view.
  const reveal = (n: GraphNodeView) => {
    const cw = canvas.clientWidth;
    const ch = canvas.clientHeight;
    const left = t.x + n.x * t.k;
    const top = t.y + n.y * t.k;
    const right = left + n.width * t.k;
    const bottom = top + n.height * t.k;
    let dx = 0;
    let dy = 0;
    if (right > cw) dx = cw - right - 8;
    if (left + dx < 0) dx = -left + 8;
    if (bottom > ch) dy = ch - bottom - 8;
    if (top + dy < 0) dy = -top + 8;
    if (dx !== 0 || dy !== 0) {
      t = { ...t, x: t.x + dx, y: t.y + dy };
      apply();
    }
  };

  const draw = (v: GraphView) => {
    view = v;
    nodeEls.clear();
    edgesOf.clear();
    const edgeLayer = svg('g', { class: 'pprof-graph-edges' });
    const nodeLayer = svg('g', { class: 'pprof-graph-nodes' });
    for (const e of v.edges) {
      const g = drawEdge(e);
      edgeLayer.append(g);
      for (const end of [e.from, e.to]) {
        const list = edgesOf.get(end);
        if (list) list.push(g);
        else edgesOf.set(end, [g]);
      }
    }
    // Graph nodes in pprof's order (most important first) make the Tab order.
    for (const n of v.nodes) {
      const g = drawNode(n);
      nodeEls.set(n.id, g);
      nodeLayer.append(g);
    }
    viewport.replaceChildren(edgeLayer, nodeLayer);
    svgRoot.setAttribute('aria-label', `Call graph: ${v.nodeCount} nodes, ${v.edges.filter((e) => e.kind === 'call').length} edges`);
    colorize();
    fit();
  };

  const setStatus = (text: string, kind: 'info' | 'error' = 'info') => {
    status.textContent = text;
    status.classList.toggle('pprof-graph-error', kind === 'error');
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  };

  // Theme changes recolor the drawing (VS Code swaps the body's class).
  const observer = new MutationObserver(() => {
    const next = themeKindOf(document.body.classList);
    if (next !== theme) {
      theme = next;
      colorize();
    }
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });

  // A container that was hidden (another tab) has no size: fit once it gets one.
  const resize = new ResizeObserver(() => {
    if (view && canvas.clientWidth > 0 && !fitted) {
      fitted = true;
      fit();
    }
  });
  let fitted = false;
  resize.observe(canvas);

  return {
    async show(query: Query, options: GraphShowOptions = {}): Promise<void> {
      const args: GraphArgs = { query, granularity: options.granularity ?? 'functions', nodeCount: options.nodeCount ?? 80 };
      const key = JSON.stringify([queryKey(query), args.granularity, args.nodeCount]);
      if (key === shownKey && view) return;
      const mine = ++generation;
      shownKey = key;
      setStatus('Laying out the call graph…');
      root.setAttribute('aria-busy', 'true');
      try {
        const v = await host.request('graph', args);
        if (mine !== generation) return;
        fitted = canvas.clientWidth > 0;
        draw(v);
        const notes = v.warnings.length > 0 ? ` · ${v.warnings.join('; ')}` : '';
        setStatus(`${v.nodeCount} nodes${notes}`);
      } catch (e) {
        if (mine !== generation) return;
        shownKey = '';
        const message = e instanceof Error ? e.message : String(e);
        if (message === 'stale response') return;
        setStatus(`The call graph could not be drawn: ${message}`, 'error');
      } finally {
        if (mine === generation) root.removeAttribute('aria-busy');
      }
    },
    fit,
    focus(): void {
      const first = viewport.querySelector<SVGGElement>('g.pprof-graph-interactive');
      (first ?? canvas).focus();
    },
    dispose(): void {
      generation++;
      clearTimeout(clickTimer);
      observer.disconnect();
      resize.disconnect();
      for (const d of disposers) d();
      root.remove();
    },
  };
}
