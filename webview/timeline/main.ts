// The Memory Timeline webview: a uPlot chart of RSS, heap in-use, heap alloc and goroutines
// (left axis bytes, right axes goroutines and request rate), restart and snapshot markers as
// DOM elements over the plot (a snapshot marker is a button that opens its profile), the
// verdict lines, and the source/range/refresh/snapshot controls. Dragging across the chart asks
// for Analyze Growth over the snapshots inside; the open growth report's top suspect is drawn
// as its own series (own scale) at its snapshots' times. Text only through
// textContent; colors from the VS Code theme.
import uPlot from 'uplot';
import { formatBytes } from '../../src/shared/siFormat';
import { TIMELINE_RANGES, type TimelineHostMessage, type TimelineView, type TimelineWebviewMessage } from '../../src/shared/timelineProtocol';

interface VsCodeApi {
  postMessage(m: TimelineWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: TimelineWebviewMessage) => vscode.postMessage(m);

/** An element with a class and optional text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A theme color by CSS variable (canvas strokes need real colors), with a fallback. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

// 1. The page skeleton.
const app = document.getElementById('app')!;
const header = el('div', 'tl-header');
const sourceLine = el('div', 'tl-source muted', 'Loading…');
const controls = el('div', 'tl-controls');
const pickButton = el('button', 'tl-button', 'Source…');
const rangeSelect = el('select', 'tl-select');
rangeSelect.setAttribute('aria-label', 'Time range');
for (const r of TIMELINE_RANGES) {
  const o = el('option', undefined, `Last ${r.label}`);
  o.value = String(r.seconds);
  rangeSelect.append(o);
}
rangeSelect.value = '3600';
const refreshButton = el('button', 'tl-button', 'Refresh');
const snapButton = el('button', 'tl-button tl-primary', 'Snapshot now');
snapButton.title = 'Capture a heap profile now (/debug/pprof/heap?gc=1) into the capture folder';
controls.append(pickButton, rangeSelect, refreshButton, snapButton);
header.append(sourceLine, controls);
const statusLine = el('div', 'tl-status');
statusLine.setAttribute('role', 'status');
const chartBox = el('div', 'tl-chart');
const hint = el('div', 'tl-hint muted', 'Drag across the chart to analyze growth over the heap snapshots inside the selection.');
const verdictList = el('ul', 'tl-verdicts');
verdictList.setAttribute('aria-label', 'Verdicts');
app.append(header, statusLine, chartBox, hint, verdictList);

pickButton.addEventListener('click', () => post({ type: 'pickSource' }));
refreshButton.addEventListener('click', () => post({ type: 'refresh' }));
snapButton.addEventListener('click', () => post({ type: 'snapshotNow' }));
rangeSelect.addEventListener('change', () => post({ type: 'setRange', seconds: Number(rangeSelect.value) }));

// 2. The chart.
let plot: uPlot | undefined;
let view: TimelineView | undefined;
/** The suspect series the plot was built with (a change rebuilds the plot: uPlot's series are fixed). */
let plotSuspect = '';
const markerLayer = el('div', 'tl-markers');

/** An axis as wide as its longest value (uPlot's recipe), so that its title never covers one. */
function fitValues(u: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  // uPlot keeps the laid-out size in _size and the font as [css, px] once the axis is set up.
  const a = u.axes[axisIdx] as uPlot.Axis & { _size?: number; font?: string | [string, number] };
  if (cycleNum > 1 && a._size) return a._size;
  const longest = (values ?? []).reduce((acc, v) => (v.length > acc.length ? v : acc), '');
  u.ctx.font = (Array.isArray(a.font) ? a.font[0] : a.font) ?? '12px system-ui';
  return Math.ceil((a.ticks?.size ?? 10) + (a.gap ?? 5) + u.ctx.measureText(longest).width / devicePixelRatio) + 4;
}

const bytesAxis = (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : formatBytes(v)));
const countAxis = (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : String(Math.round(v * 10) / 10)));

function makePlot(v: TimelineView): uPlot {
  const fg = themeColor('--vscode-foreground', '#ccc');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.2)');
  // Each value axis titled (on the right there are two or three side by side).
  const axis = (scale: string, side: number, label: string, values: uPlot.Axis['values']): uPlot.Axis => ({ scale, side, label, labelSize: 18, labelFont: '12px system-ui', values, stroke: fg, grid: { stroke: grid, width: 1, show: side === 3 }, ticks: { stroke: grid }, size: fitValues });
  // Counts from zero: a rate of 99-101 req/s or 10-12 goroutines drawn full height reads as a swing.
  const fromZero: uPlot.Scale = { auto: true, range: (_u, _min, max) => uPlot.rangeNum(0, max > 0 ? max : 1, 0.1, true) };
  const series = (label: string, scale: string, color: string, fmt: (v: number) => string, dash?: number[]): uPlot.Series => ({
    label,
    scale,
    stroke: color,
    width: 1.5,
    dash,
    spanGaps: false,
    value: (_u, val) => (val == null ? '–' : fmt(val)),
  });
  const opts: uPlot.Options = {
    ...plotSize(),
    series: [
      { value: (_u, t) => (t == null ? '–' : new Date(t * 1000).toLocaleString()) },
      series('RSS', 'bytes', themeColor('--vscode-charts-red', '#e05d5d'), formatBytes),
      series('heap in-use', 'bytes', themeColor('--vscode-charts-blue', '#4a9eff'), formatBytes),
      series('heap alloc', 'bytes', themeColor('--vscode-charts-purple', '#b180d7'), formatBytes, [4, 3]),
      series('goroutines', 'goroutines', themeColor('--vscode-charts-green', '#89d185'), (x) => String(Math.round(x))),
      // Context, not memory: muted, so the suspect's line (yellow) stands apart from it.
      series('request rate', 'rate', themeColor('--vscode-descriptionForeground', '#999999'), (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} req/s`, [2, 2]),
    ],
    axes: [
      { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      axis('bytes', 3, 'memory', bytesAxis),
      axis('rate', 1, 'requests', (u, vals) => countAxis(u, vals).map((v) => (v === '' ? v : `${v}/s`))),
      axis('goroutines', 1, 'goroutines', countAxis),
    ],
    scales: { x: { time: true }, bytes: { auto: true }, rate: fromZero, goroutines: fromZero },
    legend: { live: true },
    // A drag selects a time range (no zoom): the snapshots inside go to Analyze Growth.
    cursor: { drag: { x: true, y: false, setScale: false } },
    hooks: { draw: [() => placeMarkers()], setSelect: [(u) => onSelect(u)] },
  };
  const s = v.suspect;
  if (s) {
    // The suspect's own scale and axis: its bytes are a line's share, far below the heap's.
    const fmt = s.unit === 'bytes' ? formatBytes : (x: number) => String(Math.round(x));
    const color = themeColor('--vscode-charts-yellow', '#cca700');
    opts.series.push({ ...series(s.label, 'suspect', color, fmt), width: 2, spanGaps: true, points: { show: true, size: 7, stroke: color, fill: color } });
    // Its axis in its color: the right-most scale belongs to the suspect's line.
    opts.axes!.push({ ...axis('suspect', 1, 'suspect line', (_u, vals) => vals.map((x) => (x == null ? '' : fmt(x)))), stroke: color });
    opts.scales!.suspect = { auto: true };
  }
  const p = new uPlot(opts, toData(v), chartBox);
  p.over.append(markerLayer);
  return p;
}

/** The plot's size: the box, less the legend under the plot. */
function plotSize(): { width: number; height: number } {
  const legend = plot?.root.querySelector('.u-legend') as HTMLElement | null;
  return { width: Math.max(chartBox.clientWidth - 16, 300), height: Math.max(chartBox.clientHeight - (legend?.offsetHeight ?? 40) - 8, 160) };
}

function toData(v: TimelineView): uPlot.AlignedData {
  const d = v.data;
  const cols = [d.t, d.rss, d.heapInuse, d.heapAlloc, d.goroutines, d.requestRate];
  if (v.suspect) cols.push(v.suspect.values);
  return cols as uPlot.AlignedData;
}

/** A finished drag: the host analyzes the snapshots captured between its two times. */
function onSelect(u: uPlot): void {
  const { left, width } = u.select;
  if (width < 2) return;
  post({ type: 'analyzeRange', from: u.posToVal(left, 'x'), to: u.posToVal(left + width, 'x') });
}

/** The identity of a view's suspect series ('' without one). */
function suspectKey(v: TimelineView): string {
  return v.suspect ? `${v.suspect.label}\n${v.suspect.unit}` : '';
}

/**
 * The marker elements, by identity, kept across draws: the chart redraws on every scrape, and a
 * marker that were rebuilt each time would lose keyboard focus and hover under the user's pointer.
 */
const markerEls = new Map<string, HTMLElement>();

/** The marker for `key`, made by `make` the first time, placed at `x` (CSSOM: CSP-safe). */
function marker(key: string, x: number, make: () => HTMLElement, live: Map<string, HTMLElement>): void {
  let m = markerEls.get(key);
  if (!m) {
    m = make();
    markerEls.set(key, m);
  }
  m.style.left = `${x}px`;
  live.set(key, m);
}

/** Restart lines and snapshot buttons at their times; markers out of range or gone are removed. */
function placeMarkers(): void {
  if (!plot || !view) return;
  const width = plot.over.clientWidth;
  const live = new Map<string, HTMLElement>();
  for (const r of view.restarts) {
    const x = plot.valToPos(r.t, 'x');
    if (!(x >= 0 && x <= width)) continue;
    marker(`r ${r.t} ${r.gap ? 'gap' : ''} ${r.detail}`, x, () => {
      const m = el('div', r.gap ? 'tl-restart tl-gap' : 'tl-restart');
      m.title = `${r.gap ? 'Scrape gap' : 'Restart'} at ${new Date(r.t * 1000).toLocaleString()}: ${r.detail}`;
      m.setAttribute('aria-label', m.title);
      return m;
    }, live);
  }
  for (const s of view.snapshots) {
    const x = plot.valToPos(s.t, 'x');
    if (!(x >= -4 && x <= width + 4)) continue;
    marker(`s ${s.t} ${s.name}`, x, () => {
      const b = el('button', 'tl-snapshot');
      b.title = `${s.name} (${new Date(s.t * 1000).toLocaleString()}): click to open`;
      b.setAttribute('aria-label', `snapshot ${s.name}`);
      b.dataset.name = s.name;
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        post({ type: 'openSnapshot', name: s.name });
      });
      return b;
    }, live);
  }
  for (const key of markerEls.keys()) if (!live.has(key)) markerEls.delete(key);
  // The layer's children in the view's order, touched only when that changes (a move would blur).
  const want = [...live.values()];
  const have = markerLayer.children;
  if (have.length !== want.length || want.some((m, i) => have[i] !== m)) markerLayer.replaceChildren(...want);
}

function render(v: TimelineView): void {
  view = v;
  sourceLine.textContent = v.source;
  rangeSelect.hidden = v.rangeSeconds === 0;
  if (v.rangeSeconds > 0) rangeSelect.value = String(v.rangeSeconds);
  snapButton.disabled = !v.canSnapshot;
  if (plot && suspectKey(v) !== plotSuspect) {
    plot.destroy();
    plot = undefined;
  }
  if (!plot) {
    plotSuspect = suspectKey(v);
    plot = makePlot(v);
    fit();
  } else plot.setData(toData(v));
  placeMarkers();
  verdictList.replaceChildren(...v.verdicts.map((line, i) => el('li', i === 0 ? 'muted' : /grows/.test(line) ? 'tl-grows' : undefined, line)), el('li', 'tl-per-request', `per request: ${v.perRequest}`));
}

/**
 * Sizes the plot to the box, then again on the next frame: uPlot lays a new plot out in a
 * microtask, and only then has the legend (whose height decides the plot's) its real height.
 */
function fit(): void {
  if (!plot) return;
  plot.setSize(plotSize());
  requestAnimationFrame(() => {
    const again = plot && plotSize();
    if (plot && again && (again.height !== plot.height || again.width !== plot.width)) plot.setSize(again);
  });
}

new ResizeObserver(() => fit()).observe(chartBox);

window.addEventListener('message', (e: MessageEvent<TimelineHostMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'view':
      render(m.view);
      return;
    case 'status':
      statusLine.textContent = m.text;
      statusLine.classList.toggle('tl-error', m.error);
      return;
    default:
      console.error('pprof Lens timeline: unknown message', m satisfies never);
  }
});
post({ type: 'ready' });
