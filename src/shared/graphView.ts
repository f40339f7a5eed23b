// The laid-out call graph the worker sends to the webview: pprof's -dot graph (same nodes, edges,
// labels and attributes as `go tool pprof -dot`) after Graphviz's `dot` layout, as plain typed
// data. No markup travels: the webview draws it with createElementNS and textContent, so a
// function name from a profile can never become HTML or SVG.
import type { Query, SourceRef, ViewGranularity } from './protocol';

/** A point in drawing coordinates: SVG user units (Graphviz points), x to the right, y down, origin at the top left. */
export type GraphPoint = [x: number, y: number];

/** One line of text as Graphviz placed it: `y` is the baseline, `width` Graphviz's estimate of its length. */
export interface GraphText {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  fontSize: number;
  width: number;
}

/** An outline Graphviz drew for a node: a polygon (filled with the node's fill) or a polyline (box3d's edges). */
export type GraphShape = { kind: 'polygon'; points: GraphPoint[]; filled: boolean } | { kind: 'polyline'; points: GraphPoint[] };

/** What the graph says about a program location (a node of pprof's graph). */
export interface GraphNodeInfo {
  /** pprof's printable name ("main.checksum", "main.go:25" parts at line granularity). */
  name: string;
  /** Function name ("" at file granularity). */
  functionName: string;
  /** Source file at this granularity ("" at function granularity), and line (0 unless lines). */
  file: string;
  line: number;
  /** Where a double-click leads: the file as written in the profile and a 1-based line. */
  source: SourceRef | undefined;
  /** A Go regexp selecting this node's function (or file) for focus, ignore, hide and show. */
  refine: string;
  flat: number;
  cum: number;
  /** Formatted in the report's unit, as the node's label shows them ("1.01MB"). */
  flatText: string;
  cumText: string;
  /** Shares of the total, as pprof prints them ("1.93%"). */
  flatPercent: string;
  cumPercent: string;
}

/** A node of the drawing: a graph node, a nodelet (one of its tags) or the legend. */
export interface GraphNodeView {
  /** The dot id, unique in the view: "N1".. for nodes, "NN1_0"/"N1_0" for nodelets, "legend". */
  id: string;
  kind: 'node' | 'nodelet' | 'legend';
  /** Bounding box, top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  shapes: GraphShape[];
  lines: GraphText[];
  /** pprof's font size (8..24 by flat share; 16 for the legend). */
  fontSize: number;
  /** pprof's colors ("#rrggbb") and the score they come from: cum / |total| (0 for nodelets and the legend). */
  fillColor: string;
  strokeColor: string;
  score: number;
  /** Plain-text description: "main.checksum (1.01MB)", a nodelet's tag and value, or the legend. */
  tooltip: string;
  /** Set for kind 'node' (absent for a node pprof refers to but dropped, drawn as "N0"). */
  info?: GraphNodeInfo;
}

/** An arc of the drawing: a call edge (caller → callee) or the link from a node to a nodelet. */
export interface GraphEdgeView {
  /** Ids of the nodes at its ends. */
  from: string;
  to: string;
  kind: 'call' | 'nodelet';
  /** Cubic Bézier spline: a start point, then control, control, end for each segment. */
  path: GraphPoint[];
  /** The arrowhead polygon at the callee, when Graphviz drew one. */
  arrowhead: GraphPoint[] | undefined;
  /** The weight label (" 1.01MB", plus " (inline)" for inlined calls). */
  label: GraphText[];
  /** pprof's color and the score it comes from: weight / |total|. */
  color: string;
  score: number;
  /** pprof's pen width: 1 + fifths of the total, up to 6. */
  penWidth: number;
  /** Residual edges (through nodes that were removed) are dotted, as pprof draws them. */
  style: 'solid' | 'dotted';
  residual: boolean;
  inline: boolean;
  weight: number;
  weightText: string;
  tooltip: string;
}

/** The laid-out graph of one query. Invariant: every edge's ends are ids of `nodes`. */
export interface GraphView {
  /** Size of the drawing (with a small margin), in the coordinates of every point. */
  width: number;
  height: number;
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  /** The legend's lines (the report's header): File:, Type:, ..., "Showing nodes accounting for …". */
  labels: string[];
  /** Graph nodes shown (not counting nodelets and the legend). */
  nodeCount: number;
  /** pprof's notes for this query, such as "Focus expression matched no samples". */
  warnings: string[];
  /** Time the worker spent (ms): pprof's graph and dot text, waiting for Graphviz's wasm (first call), layout, conversion. */
  timing: { reportMs: number; loadMs: number; layoutMs: number; convertMs: number };
}

/** Arguments of ProfileApi.graph. */
export interface GraphArgs {
  query: Query;
  /** Node granularity (pprof's -functions, -lines, -files); functions by default. */
  granularity?: ViewGranularity;
  /** Most graph nodes (pprof's -nodecount, 80 by default); 0 (no limit) or more than MAX_GRAPH_NODES means MAX_GRAPH_NODES. */
  nodeCount?: number;
}

/** Largest nodeCount the worker lays out: Graphviz's time grows quickly beyond a few hundred nodes. */
export const MAX_GRAPH_NODES = 500;
