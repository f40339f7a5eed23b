// The call graph view, computed in the worker: pprof's -dot report (the same text `go tool pprof
// -dot` prints) laid out by Graphviz compiled to WebAssembly, then converted from Graphviz's JSON
// into the typed GraphView the webview draws. Layout runs here, not in the webview, so that the
// webview's CSP never needs 'wasm-unsafe-eval' (DESIGN.md).
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { prepareReport, type Config } from '../core/driver';
import type { Node } from '../core/graph';
import { percentage } from '../core/measurement';
import type { Profile } from '../core/profile';
import { composeDot, getDot, type DotConfig, type DotIds } from '../core/report/dot';
import { Report } from '../core/report/report';
import { visibleControls } from '../shared/plainText';
import { MAX_GRAPH_NODES, type GraphArgs, type GraphEdgeView, type GraphNodeView, type GraphPoint, type GraphShape, type GraphText, type GraphView } from '../shared/graphView';
import { queryKey, type Query, type SourceRef } from '../shared/protocol';
import { exactRegexp } from '../shared/refinements';

/** Margin around the drawing, in points (Graphviz's own SVG pads by 4). */
const PAD = 4;
/** How many laid-out graphs stay cached (a query, granularity and node count each). */
const CACHE_SIZE = 4;

let graphvizPromise: Promise<Graphviz> | undefined;

/**
 * loadGraphviz instantiates Graphviz's WebAssembly once per worker, on first use (the module
 * carries the wasm inline, so nothing is fetched; instantiation takes a few hundred ms).
 */
export function loadGraphviz(): Promise<Graphviz> {
  if (!graphvizPromise) {
    graphvizPromise = import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
    // A failed load may be retried by the next call.
    graphvizPromise.catch(() => (graphvizPromise = undefined));
  }
  return graphvizPromise;
}

/**
 * The -dot text with Courier as the default font of nodes, edges and the legend: Graphviz then
 * sizes every box with monospace metrics, and the view draws the labels in the editor's font
 * (pprof's own SVG uses Times, which reads poorly at the sizes a fitted graph shows). Only the
 * layout sees this; the report stays byte-identical to `go tool pprof -dot`.
 */
export function withMonospaceFont(dot: string): string {
  const open = dot.indexOf('{\n');
  if (open < 0) return dot;
  return `${dot.slice(0, open + 2)}graph [fontname="Courier"]\nnode [fontname="Courier"]\nedge [fontname="Courier"]\n${dot.slice(open + 2)}`;
}

/**
 * The -dot text with every control and invisible character drawn visibly (NUL → ␀, ESC → ␛),
 * for the layout only. pprof writes them raw (its escapeForDot escapes only \\ and "), which
 * Graphviz cannot read ("missing endquote") or turns into invalid JSON; the CLI's -dot output
 * stays byte-identical to pprof's. The text's own line breaks are kept.
 */
export function dotForLayout(dot: string): string {
  return dot.split('\n').map(visibleControls).join('\n');
}

/** Graphviz's JSON layout of a dot text and its times (ms): waiting for the wasm, laying out. */
export interface LaidOut {
  json: string;
  loadMs: number;
  layoutMs: number;
}

/** Lays out a dot text with Graphviz's dot engine (in this thread, or in the Graphviz thread). */
export type LayoutDot = (dot: string) => Promise<LaidOut>;

/** layoutHere lays a dot text out in this thread (the wasm loads on the first call). */
export async function layoutHere(dot: string): Promise<LaidOut> {
  const t0 = performance.now();
  const gv = await loadGraphviz();
  const t1 = performance.now();
  const json = gv.layout(dot, 'json', 'dot');
  return { json, loadMs: round(t1 - t0), layoutMs: round(performance.now() - t1) };
}

/**
 * A small graph with what pprof's -dot uses (a legend cluster, box and box3d nodes, labelled,
 * weighted and dotted edges, Courier): laid out once by an idle Graphviz thread, so that the
 * wasm's first-layout costs are paid before the user's first graph.
 */
export const WARM_UP_DOT = withMonospaceFont(
  'digraph "warm-up" {\nnode [style=filled fillcolor="#f8f8f8"]\n' +
    'subgraph cluster_L { "Type: x" [shape=box fontsize=16 label="Type: x\\lShowing nodes\\l" tooltip="x"] }\n' +
    'N1 [label="main\\nmain\\n10MB (50.00%)" id="node1" fontsize=24 shape=box tooltip="main (10MB)" color="#b20000" fillcolor="#edd5d5"]\n' +
    'N2 [label="work\\n5MB (25.00%)\\nof 8MB (40.00%)" id="node2" fontsize=18 shape=box tooltip="work (8MB)" color="#b23c00" fillcolor="#edddd5"]\n' +
    'N3 [label="alloc\\n0 of 3MB (15.00%)" id="node3" fontsize=8 shape=box tooltip="alloc (3MB)" color="#b2b0aa" fillcolor="#edeced"]\n' +
    'NN2_0 [label = "10kB" id="NN2_0" fontsize=8 shape=box3d tooltip="5MB"]\n' +
    'N2 -> NN2_0 [label=" 5MB" weight=100 tooltip="5MB" labeltooltip="5MB"]\n' +
    'N1 -> N2 [label=" 8MB" weight=40 penwidth=2 color="#b23c00" tooltip="main -> work (8MB)" labeltooltip="main -> work (8MB)"]\n' +
    'N2 -> N3 [label=" 3MB" weight=15 color="#b2b0aa" tooltip="work ... alloc (3MB)" labeltooltip="work ... alloc (3MB)" style="dotted"]\n' +
    'N1 -> N3 [label=" 1MB" weight=5 color="#b2b0aa" tooltip="main -> alloc (1MB)" labeltooltip="main -> alloc (1MB)" minlen=2]\n}\n',
);

/** Where a node's double-click leads (the Top table's rule, shared through ProfileViews). */
export type SourceOf = (functionName: string, file: string, line: number, query: Query) => SourceRef | undefined;

/**
 * GraphLayouts answers ProfileApi.graph for one profile. Invariant: `profile` is the fetched
 * profile every report starts from, and `config(q)` a fresh pprof config for a query.
 */
export class GraphLayouts {
  private readonly cache = new Map<string, GraphView>();

  constructor(
    private readonly profile: Profile,
    private readonly config: (q: Query) => Config,
    private readonly sourceOf: SourceOf,
    private readonly layout: LayoutDot = layoutHere,
  ) {}

  /** The -dot graph of the query at this granularity and node count, laid out by Graphviz. */
  async graph(args: GraphArgs): Promise<GraphView> {
    const granularity = args.granularity ?? 'functions';
    // pprof's -nodecount=0 means no limit: here the layout's limit.
    const asked = Math.floor(args.nodeCount ?? 80);
    const nodeCount = asked > 0 ? Math.min(asked, MAX_GRAPH_NODES) : MAX_GRAPH_NODES;
    const key = JSON.stringify([queryKey(args.query), granularity, nodeCount]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    // 1. pprof's -dot report: the same graph, ids and attributes as `go tool pprof -dot`.
    const t0 = performance.now();
    const cfg = this.config(args.query);
    cfg.granularity = granularity;
    cfg.nodeCount = nodeCount;
    const warnings: string[] = [];
    const { profile, options } = prepareReport(this.profile, { name: 'dot' }, cfg, (w) => warnings.push(w));
    const rpt = new Report(profile, options);
    const { graph, config } = getDot(rpt);
    const { text, ids } = composeDot(graph, config);
    const t1 = performance.now();
    // 2. Graphviz's layout of that text (the first call also waits for the wasm to load).
    const laidOut = await this.layout(withMonospaceFont(dotForLayout(text)));
    const json = JSON.parse(laidOut.json) as GvGraph;
    const t2 = performance.now();
    // 3. Typed shapes with the graph's numbers.
    const view = toGraphView(json, ids, config, {
      nodeMeta: (n) => ({
        name: visibleControls(n.printableName()),
        functionName: n.info.name,
        file: n.info.file,
        line: n.info.lineno,
        source: this.sourceOf(n.info.name, n.info.file, n.info.lineno, args.query),
        refine: granularity === 'files' ? exactRegexp(n.info.file) : exactRegexp(n.info.name),
      }),
    });
    view.nodeCount = graph.nodes.length;
    view.warnings = warnings;
    view.timing = { reportMs: round(t1 - t0), loadMs: laidOut.loadMs, layoutMs: laidOut.layoutMs, convertMs: round(performance.now() - t2) };
    this.cache.set(key, view);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return view;
  }
}

// ---- Graphviz's JSON output (the parts we read) ----

/** One xdot drawing operation (Graphviz's `_draw_`, `_ldraw_`, `_hdraw_` arrays). */
interface GvOp {
  op: string;
  points?: [number, number][];
  rect?: [number, number, number, number];
  pt?: [number, number];
  align?: 'l' | 'c' | 'r';
  width?: number;
  text?: string;
  size?: number;
  color?: string;
  style?: string;
}

interface GvObject {
  _gvid: number;
  name: string;
  /** Present on subgraphs only. */
  nodes?: number[];
  pos?: string;
  width?: string;
  height?: string;
  _draw_?: GvOp[];
  _ldraw_?: GvOp[];
}

interface GvEdge {
  tail: number;
  head: number;
  _draw_?: GvOp[];
  _hdraw_?: GvOp[];
  _ldraw_?: GvOp[];
}

interface GvGraph {
  bb: string;
  objects?: GvObject[];
  edges?: GvEdge[];
}

/** The parts of a node's info the worker adds besides the numbers. */
interface MetaSource {
  nodeMeta(n: Node): Pick<NonNullable<GraphNodeView['info']>, 'name' | 'functionName' | 'file' | 'line' | 'source' | 'refine'>;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * toGraphView converts Graphviz's JSON layout of a composeDot text into a GraphView: y flipped
 * to point down, coordinates rounded to 0.01 pt, each node and edge joined with its graph node
 * or edge through the dot ids. Exported for tests.
 */
export function toGraphView(g: GvGraph, ids: DotIds, c: DotConfig, meta: MetaSource): GraphView {
  const [llx, lly, urx, ury] = g.bb.split(',').map(Number);
  const px = (x: number) => round(x - llx + PAD);
  const py = (y: number) => round(ury - y + PAD);
  const pt = (p: [number, number]): GraphPoint => [px(p[0]), py(p[1])];
  const objects = g.objects ?? [];
  const total = Math.abs(c.total);
  const nodes: GraphNodeView[] = [];
  const idOf = new Map<number, string>();
  // The dot id composeDot gave each graph node ("N0" for nodes the graph dropped, as pprof prints them).
  const dotId = new Map<Node, string>();
  for (const [id, n] of ids.nodes) dotId.set(n, id);
  const edgeByEnds = new Map<string, (typeof ids.edges)[number]>();
  for (const e of ids.edges) edgeByEnds.set(`${dotId.get(e.src) ?? 'N0'}\u0000${dotId.get(e.dest) ?? 'N0'}`, e);
  // Objects with `nodes` are subgraphs: the legend's cluster holds the legend node.
  const legend = new Set<number>();
  for (const o of objects) if (o.nodes && o.name === 'cluster_L') for (const id of o.nodes) legend.add(id);

  // 1. Nodes.
  for (const o of objects) {
    if (o.nodes) continue;
    const isLegend = legend.has(o._gvid);
    const id = isLegend ? 'legend' : o.name;
    idOf.set(o._gvid, id);
    const [cx, cy] = (o.pos ?? '0,0').split(',').map(Number);
    const w = Number(o.width ?? 0) * 72;
    const h = Number(o.height ?? 0) * 72;
    const base = {
      id,
      x: round(px(cx) - w / 2),
      y: round(py(cy) - h / 2),
      width: round(w),
      height: round(h),
      shapes: shapesOf(o._draw_ ?? [], pt),
      lines: textsOf(o._ldraw_ ?? [], px, py),
    };
    const fill = lastColor(o._draw_ ?? [], 'C') ?? '#f8f8f8';
    const stroke = lastColor(o._draw_ ?? [], 'c') ?? '#000000';
    const fontSize = fontSizeOf(o._ldraw_ ?? []);
    const node = ids.nodes.get(o.name);
    const nodelet = ids.nodelets.get(o.name);
    if (isLegend) {
      nodes.push({ ...base, kind: 'legend', fontSize, fillColor: fill, strokeColor: stroke, score: 0, tooltip: c.labels.join('\n') });
    } else if (nodelet) {
      const value = c.formatValue(nodelet.value);
      nodes.push({ ...base, kind: 'nodelet', fontSize, fillColor: fill, strokeColor: stroke, score: 0, tooltip: `${nodelet.label}: ${value}` });
    } else {
      const view: GraphNodeView = { ...base, kind: 'node', fontSize, fillColor: fill, strokeColor: stroke, score: 0, tooltip: o.name };
      if (node) {
        const flat = node.flatValue();
        const cum = node.cumValue();
        const cumText = c.formatValue(cum);
        view.score = total === 0 ? 0 : cum / total;
        view.tooltip = `${visibleControls(node.printableName())} (${cumText})`;
        view.info = {
          ...meta.nodeMeta(node),
          flat,
          cum,
          flatText: c.formatValue(flat),
          cumText,
          flatPercent: percentage(flat, c.total).trim(),
          cumPercent: percentage(cum, c.total).trim(),
        };
      }
      nodes.push(view);
    }
  }

  // 2. Edges: call edges carry their graph edge's numbers; the others hang nodelets.
  const edges: GraphEdgeView[] = [];
  for (const e of g.edges ?? []) {
    const from = idOf.get(e.tail) ?? String(e.tail);
    const to = idOf.get(e.head) ?? String(e.head);
    const draw = e._draw_ ?? [];
    const path: GraphPoint[] = [];
    for (const op of draw) if ((op.op === 'b' || op.op === 'B') && op.points) path.push(...op.points.map(pt));
    const head = (e._hdraw_ ?? []).find((op) => (op.op === 'P' || op.op === 'p') && op.points);
    const styles = draw.filter((op) => op.op === 'S').map((op) => op.style ?? '');
    const widthStyle = styles.map((s) => /^setlinewidth\(([\d.]+)\)$/.exec(s)).find((m) => m);
    const base = {
      from,
      to,
      path,
      arrowhead: head?.points?.map(pt),
      label: textsOf(e._ldraw_ ?? [], px, py),
      color: lastColor(draw, 'c') ?? '#000000',
      penWidth: widthStyle ? Number(widthStyle[1]) : 1,
      style: styles.includes('dotted') ? ('dotted' as const) : ('solid' as const),
    };
    const ge = edgeByEnds.get(`${from}\u0000${to}`);
    if (ge) {
      const w = ge.weightValue();
      const weightText = c.formatValue(w);
      const arrow = ge.residual ? '...' : '->';
      edges.push({
        ...base,
        kind: 'call',
        score: total === 0 ? 0 : w / total,
        residual: ge.residual,
        inline: ge.inline,
        weight: w,
        weightText,
        tooltip: `${visibleControls(ge.src.printableName())} ${arrow} ${visibleControls(ge.dest.printableName())} (${weightText})${ge.inline ? ' (inline)' : ''}`,
      });
    } else {
      const nodelet = ids.nodelets.get(to);
      const w = nodelet?.value ?? 0;
      const weightText = c.formatValue(w);
      edges.push({ ...base, kind: 'nodelet', score: 0, residual: false, inline: false, weight: w, weightText, tooltip: weightText });
    }
  }
  return {
    width: round(urx - llx + 2 * PAD),
    height: round(ury - lly + 2 * PAD),
    nodes,
    edges,
    labels: c.labels,
    nodeCount: ids.nodes.size,
    warnings: [],
    timing: { reportMs: 0, loadMs: 0, layoutMs: 0, convertMs: 0 },
  };
}

function shapesOf(ops: GvOp[], pt: (p: [number, number]) => GraphPoint): GraphShape[] {
  const shapes: GraphShape[] = [];
  for (const op of ops) {
    if (!op.points) continue;
    if (op.op === 'P' || op.op === 'p') shapes.push({ kind: 'polygon', points: op.points.map(pt), filled: op.op === 'P' });
    else if (op.op === 'L') shapes.push({ kind: 'polyline', points: op.points.map(pt) });
  }
  return shapes;
}

function textsOf(ops: GvOp[], px: (x: number) => number, py: (y: number) => number): GraphText[] {
  const out: GraphText[] = [];
  let fontSize = 14;
  for (const op of ops) {
    if (op.op === 'F' && op.size !== undefined) fontSize = op.size;
    if (op.op !== 'T' || !op.pt) continue;
    out.push({
      text: op.text ?? '',
      x: px(op.pt[0]),
      y: py(op.pt[1]),
      anchor: op.align === 'l' ? 'start' : op.align === 'r' ? 'end' : 'middle',
      fontSize,
      width: round(op.width ?? 0),
    });
  }
  return out;
}

function fontSizeOf(ops: GvOp[]): number {
  return ops.find((op) => op.op === 'F')?.size ?? 14;
}

function lastColor(ops: GvOp[], which: 'c' | 'C'): string | undefined {
  let color: string | undefined;
  for (const op of ops) if (op.op === which && op.color) color = op.color;
  return color;
}
