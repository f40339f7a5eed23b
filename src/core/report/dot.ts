// The call graph report (-dot): a port of google/pprof internal/graph/dotgraph.go (ComposeDot)
// and internal/report/report.go (GetDOT, printDOT), Go 1.19.8's vendored copy. The text is what
// `go tool pprof -dot` prints, byte for byte; the worker feeds the same text to Graphviz, so the
// laid-out graph in the editor has pprof's nodes, edges, labels and attributes.
//
// Besides the text, composeDot returns the ids it gave (N1.., NN1_0..): the worker maps
// Graphviz's layout back to graph nodes and edges through them.
import { compileTrustedGoRegexp } from '../goRegexp';
import { compareStrings, pathBase } from '../goPath';
import { maxNodelets, nameComponents, tagCumValue, tagFlatValue, type Edge, type Graph, type Node, type NodeInfo, type Tag } from '../graph';
import { label as measurementLabel, percentage, scale } from '../measurement';
import { reportLabels, type Report } from './report';

/** DotConfig holds what ComposeDot needs besides the graph (pprof's graph.DotConfig). */
export interface DotConfig {
  /** Name of the digraph ("unnamed" when empty) and the legend's tooltip. */
  title: string;
  /** URL the legend links to; pprof's -dot leaves it empty. */
  legendURL: string;
  /** Legend lines; the first one also names the legend node. */
  labels: string[];
  /** Formats a value in the report's unit. */
  formatValue(v: number): string;
  /** Total of the report, for percentages, colors and edge weights. */
  total: number;
}

/** A nodelet (tag box) drawn under a node: its dot id and what it shows. */
export interface DotNodelet {
  /** Dot id, e.g. "NN1_0" (numeric tags) or "N1_0" (label tags). */
  id: string;
  /** Id of the node or nodelet it hangs from. */
  parent: string;
  /** The tag: a label set ("key:value") or a numeric value or range ("10kB", "1kB..2kB"). */
  label: string;
  /** Value of the samples with that tag. */
  value: number;
  /** The value is cumulative (a leaf node's tag that also counts removed callees). */
  dotted: boolean;
}

/** The ids ComposeDot gave: node i of the graph is `N${i + 1}`. Invariant: ids are unique in the text. */
export interface DotIds {
  /** Graph node by dot id ("N1" → graph.nodes[0]). */
  nodes: Map<string, Node>;
  /** Nodelets by dot id. */
  nodelets: Map<string, DotNodelet>;
  /** Edges in the order they are printed (pprof's EdgeMap.Sort). */
  edges: Edge[];
}

/** getDot returns the trimmed graph of a -dot report and its config; it selects the report's output unit (pprof's GetDOT). */
export function getDot(rpt: Report): { graph: Graph; config: DotConfig } {
  const t = rpt.newTrimmedGraph();
  rpt.selectOutputUnit(t.graph);
  const labels = reportLabels(rpt, t, true);
  return {
    graph: t.graph,
    config: {
      title: rpt.options.title,
      legendURL: '',
      labels,
      formatValue: (v) => rpt.formatValue(v),
      total: rpt.total,
    },
  };
}

/** printDot renders the -dot report (pprof's printDOT). */
export function printDot(rpt: Report): string {
  const { graph, config } = getDot(rpt);
  return composeDot(graph, config).text;
}

/**
 * composeDot writes a graph in the DOT language as pprof's ComposeDot does: the legend, one
 * node per graph node (ids N1.. in graph order) with its nodelets, then every edge, heaviest
 * first. Returns the text and the ids it used.
 */
export function composeDot(g: Graph, c: DotConfig): { text: string; ids: DotIds } {
  const out: string[] = [];
  const ids: DotIds = { nodes: new Map(), nodelets: new Map(), edges: [] };
  // 1. Title and legend.
  out.push(`digraph "${c.title !== '' ? c.title : 'unnamed'}" {\n`);
  out.push('node [style=filled fillcolor="#f8f8f8"]\n');
  addLegend(out, c);
  if (g.nodes.length > 0) {
    // 2. Node ids, and the largest flat (font sizes are relative to it).
    const nodeID = new Map<Node, number>();
    let maxFlat = Math.abs(g.nodes[0].flatValue());
    g.nodes.forEach((n, i) => {
      nodeID.set(n, i + 1);
      if (Math.abs(n.flatValue()) > maxFlat) maxFlat = Math.abs(n.flatValue());
    });
    // 3. Nodes and their nodelets; collect every edge.
    const hasNodelets = new Set<Node>();
    const edges: Edge[] = [];
    for (const n of g.nodes) {
      const id = nodeID.get(n)!;
      ids.nodes.set(`N${id}`, n);
      out.push(addNode(n, id, maxFlat, c));
      const nodelets = addNodelets(n, id, c, ids.nodelets);
      out.push(nodelets);
      if (nodelets !== '') hasNodelets.add(n);
      for (const e of n.out.values()) edges.push(e);
    }
    // 4. Edges, sorted by weight as a hint to the layout engine.
    for (const e of sortEdgeList(edges)) {
      ids.edges.push(e);
      // An edge may end at a node the graph dropped (zero flat and cum, e.g. with -mean): pprof's
      // map lookup gives it id 0.
      out.push(addEdge(e, nodeID.get(e.src) ?? 0, nodeID.get(e.dest) ?? 0, hasNodelets.has(e.src), c));
    }
  }
  out.push('}\n');
  return { text: out.join(''), ids };
}

// pprof's EdgeMap.Sort over every edge of the graph (ComposeDot keys them by fake nodes to
// reuse it): decreasing |weight|, then source and destination names, as sortEdges.
function sortEdgeList(edges: Edge[]): Edge[] {
  return edges.sort((a, b) => {
    // Equal |weight| with opposite signs (diffs) is a tie for pprof (Go's map order decides); names decide here.
    if (a.weight !== b.weight && Math.abs(a.weight) !== Math.abs(b.weight)) return Math.abs(b.weight) - Math.abs(a.weight);
    return compareStrings(a.src.printableName(), b.src.printableName()) || compareStrings(a.dest.printableName(), b.dest.printableName());
  });
}

function addLegend(out: string[], c: DotConfig): void {
  const labels = c.labels;
  if (labels.length === 0) return;
  let s = `subgraph cluster_L { "${escapeForDot(labels[0])}" [shape=box fontsize=16`;
  s += ` label="${labels.map(escapeForDot).join('\\l')}\\l"`;
  if (c.legendURL !== '') s += ` URL="${c.legendURL}" target="_blank"`;
  if (c.title !== '') s += ` tooltip="${c.title}"`;
  out.push(s + '] }\n');
}

/** dotNodeFontSize is a node's font size: 8 plus up to 16 by the square root of its share of the largest flat. */
export function dotNodeFontSize(flat: number, maxFlat: number): number {
  // Non-linear growth emphasizes the size difference.
  let fontSize = 8;
  if (maxFlat !== 0 && flat !== 0 && Math.abs(flat) <= maxFlat) fontSize += Math.ceil(16 * Math.sqrt(Math.abs(flat) / maxFlat));
  return fontSize;
}

function addNode(node: Node, nodeID: number, maxFlat: number, c: DotConfig): string {
  const flat = node.flatValue();
  const cum = node.cumValue();
  let label = multilinePrintableName(node.info);
  const flatValue = c.formatValue(flat);
  if (flat !== 0) label += `${flatValue} (${percentage(flat, c.total).trim()})`;
  else label += '0';
  let cumValue = flatValue;
  if (cum !== flat) {
    label += flat !== 0 ? '\\n' : ' ';
    cumValue = c.formatValue(cum);
    label += `of ${cumValue} (${percentage(cum, c.total).trim()})`;
  }
  const score = cum / Math.abs(c.total);
  const attr =
    `label="${label}" id="node${nodeID}" fontsize=${dotNodeFontSize(flat, maxFlat)} shape=box ` +
    `tooltip="${escapeForDot(node.printableName())} (${cumValue})" color="${dotColor(score, false)}" fillcolor="${dotColor(score, true)}"`;
  return `N${nodeID} [${attr}]\n`;
}

// Go's sort.Sort with pprof's tags.Less: by |cum| (unless flat), then |flat|, then name.
function sortTags(ts: Tag[], flat: boolean): Tag[] {
  return ts.sort((a, b) => {
    if (!flat && a.cum !== b.cum && Math.abs(a.cum) !== Math.abs(b.cum)) return Math.abs(b.cum) - Math.abs(a.cum);
    if (a.flat !== b.flat && Math.abs(a.flat) !== Math.abs(b.flat)) return Math.abs(b.flat) - Math.abs(a.flat);
    return compareStrings(a.name, b.name);
  });
}

// The tag boxes of a node: its top label sets, and its numeric tags collapsed into ranges.
function addNodelets(node: Node, nodeID: number, c: DotConfig, ids: Map<string, DotNodelet>): string {
  let nodelets = '';
  let ts: Tag[] = [...node.labelTags.values()];
  const lnts = new Map<string, Tag[]>();
  for (const [l, tm] of node.numericTags) {
    for (const t of tm.values()) {
      const list = lnts.get(l);
      if (list) list.push(t);
      else lnts.set(l, [t]);
    }
  }
  // Leaf nodes show cumulative tags (which include the weight of removed callees), internal
  // nodes only flat ones.
  const flatTags = node.out.size > 0;
  sortTags(ts, flatTags);
  if (ts.length > maxNodelets) ts = ts.slice(0, maxNodelets);
  ts.forEach((t, i) => {
    const w = flatTags ? tagFlatValue(t) : tagCumValue(t);
    if (w === 0) return;
    const weight = c.formatValue(w);
    const id = `N${nodeID}_${i}`;
    ids.set(id, { id, parent: `N${nodeID}`, label: t.name, value: w, dotted: false });
    nodelets += `${id} [label = "${t.name}" id="${id}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
    nodelets += `N${nodeID} -> ${id} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"]\n`;
    const nts = lnts.get(t.name);
    if (nts) nodelets += numericNodelets(nts, maxNodelets, flatTags, id, c, ids);
  });
  const nts = lnts.get('');
  if (nts) nodelets += numericNodelets(nts, maxNodelets, flatTags, `N${nodeID}`, c, ids);
  return nodelets;
}

function numericNodelets(nts: Tag[], maxNumNodelets: number, flatTags: boolean, source: string, c: DotConfig, ids: Map<string, DotNodelet>): string {
  let nodelets = '';
  // Numeric labels collapse into maxNumNodelets buckets of the form 1MB..2MB, 3MB..5MB, ...
  collapsedTags(nts, maxNumNodelets, flatTags).forEach((t, j) => {
    let w = tagCumValue(t);
    let attr = ' style="dotted"';
    if (flatTags || tagFlatValue(t) === tagCumValue(t)) {
      w = tagFlatValue(t);
      attr = '';
    }
    if (w === 0) return;
    const weight = c.formatValue(w);
    const id = `N${source}_${j}`;
    ids.set(id, { id, parent: source, label: t.name, value: w, dotted: attr !== '' });
    nodelets += `${id} [label = "${t.name}" id="${id}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
    nodelets += `${source} -> ${id} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"${attr}]\n`;
  });
  return nodelets;
}

// Sorts tags and, beyond `count`, groups each remaining tag with the nearest of the first ones.
function collapsedTags(ts: Tag[], count: number, flatTags: boolean): Tag[] {
  ts = sortTags(ts, flatTags);
  if (ts.length <= count) return ts;
  const tagGroups: Tag[][] = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let g = 0;
    let d = tagDistance(t, tagGroups[0][0]);
    for (let i = 1; i < count; i++) {
      const nd = tagDistance(t, tagGroups[i][0]);
      if (nd < d) {
        g = i;
        d = nd;
      }
    }
    tagGroups[g].push(t);
  }
  const nts = tagGroups.map((g): Tag => {
    const [name, flat, cum] = tagGroupLabel(g);
    return { name, unit: '', value: 0, flat, flatDiv: 0, cum, cumDiv: 0 };
  });
  return sortTags(nts, flatTags);
}

function tagDistance(t: Tag, u: Tag): number {
  const [v] = scale(u.value, u.unit, t.unit);
  return v < t.value ? t.value - v : v - t.value;
}

function tagGroupLabel(g: Tag[]): [label: string, flat: number, cum: number] {
  if (g.length === 1) {
    const t = g[0];
    return [measurementLabel(t.value, t.unit), tagFlatValue(t), tagCumValue(t)];
  }
  let min = g[0];
  let max = g[0];
  let df = min.flatDiv;
  let f = min.flat;
  let dc = min.cumDiv;
  let c = min.cum;
  for (const t of g.slice(1)) {
    if (Math.trunc(scale(t.value, t.unit, min.unit)[0]) < min.value) min = t;
    if (Math.trunc(scale(t.value, t.unit, max.unit)[0]) > max.value) max = t;
    f += t.flat;
    df += t.flatDiv;
    c += t.cum;
    dc += t.cumDiv;
  }
  if (df !== 0) f = Math.trunc(f / df);
  if (dc !== 0) c = Math.trunc(c / dc);
  // Tags keep their own unit, not the report's: scaled to it, small tags would read "0..0".
  return [measurementLabel(min.value, min.unit) + '..' + measurementLabel(max.value, max.unit), f, c];
}

/** dotEdgeWeight is an edge's Graphviz weight: 1 + its percentage of the total, capped at 101 (1: not printed). */
export function dotEdgeWeight(w: number, total: number): number {
  return 1 + Math.min(Math.abs(intDiv(w * 100, total)), 100);
}

/** dotEdgePenWidth is an edge's pen width: 1 + its fifths of the total, capped at 6 (1: not printed). */
export function dotEdgePenWidth(w: number, total: number): number {
  return 1 + Math.min(Math.abs(intDiv(w * 5, total)), 5);
}

// Go's int64 division (truncated), exact where a float quotient could round across an integer.
function intDiv(a: number, b: number): number {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return Number(BigInt(a) / BigInt(b));
  return Math.trunc(a / b);
}

function addEdge(edge: Edge, from: number, to: number, hasNodelets: boolean, c: DotConfig): string {
  const inline = edge.inline ? '\\n (inline)' : '';
  const wv = edge.weightValue();
  const w = c.formatValue(wv);
  let attr = `label=" ${w}${inline}"`;
  if (c.total !== 0) {
    // edge weight > total is possible for profile diffs.
    const weight = dotEdgeWeight(wv, c.total);
    if (weight > 1) attr += ` weight=${weight}`;
    const width = dotEdgePenWidth(wv, c.total);
    if (width > 1) attr += ` penwidth=${width}`;
    attr += ` color="${dotColor(wv / Math.abs(c.total), false)}"`;
  }
  const arrow = edge.residual ? '...' : '->';
  const tooltip = `"${escapeForDot(edge.src.printableName())} ${arrow} ${escapeForDot(edge.dest.printableName())} (${w})"`;
  attr += ` tooltip=${tooltip} labeltooltip=${tooltip}`;
  if (edge.residual) attr += ' style="dotted"';
  // Separate children further when the source has tags.
  if (hasNodelets) attr += ' minlen=2';
  return `N${from} -> N${to} [${attr}]\n`;
}

/**
 * dotColor returns pprof's color for a score in [-1, 1] (a share of the total): green for -1,
 * grey near 0, red for 1; a light, low-saturation one for backgrounds. "#rrggbb".
 */
export function dotColor(score: number, isBackground: boolean): string {
  // How far colors shift away from grey, so positive and negative values are easier to tell.
  // (Go folds 1.0-shift into the constant 0.3; in float arithmetic it would be 0.30000000000000004.)
  const oneMinusShift = 0.3;
  let saturation = isBackground ? 0.1 : 1.0;
  const value = isBackground ? 0.93 : 0.7;
  score = Math.max(-1.0, Math.min(1.0, score));
  // Grey rather than yellow near 0.
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  // Go's math.Pow(x, 0.3) is Exp(0.3*Log(x)) (no integer part to multiply in).
  if (score > 0.0) score = score === 1 ? 1 : Math.exp(oneMinusShift * Math.log(score));
  if (score < 0.0) score = -score === 1 ? -1 : -Math.exp(oneMinusShift * Math.log(-score));
  let r: number;
  let g: number;
  if (score < 0.0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  return '#' + [r, g, b].map((x) => goUint8(x * 255.0).toString(16).padStart(2, '0')).join('');
}

// Go's uint8(float64) on amd64: through int64 (NaN and out of range give the indefinite integer, low byte 0).
function goUint8(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return 0;
  return Number(BigInt.asUintN(8, BigInt(Math.trunc(x))));
}

// ShortenFunctionName's expressions, with Go's semantics.
const javaRegExp = compileTrustedGoRegexp(String.raw`^(?:[a-z]\w*\.)*([A-Z][\w\$]*\.(?:<init>|[a-z][\w\$]*(?:\$\d+)?))(?:(?:\()|$)`);
const goRegExp = compileTrustedGoRegexp(String.raw`^(?:[\w\-\.]+\/)+(.+)`);
const goVerRegExp = compileTrustedGoRegexp(String.raw`^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$`);
const cppRegExp = compileTrustedGoRegexp(String.raw`^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)`);
const cppAnonymousPrefixRegExp = compileTrustedGoRegexp(String.raw`^\(anonymous namespace\)::`);

/** shortenFunctionName drops package paths, module versions, Java packages and arguments, C++ namespaces (pprof's ShortenFunctionName). */
export function shortenFunctionName(f: string): string {
  f = f.replace(cppAnonymousPrefixRegExp, '');
  f = f.replace(goVerRegExp, '$1$2');
  for (const re of [goRegExp, javaRegExp, cppRegExp]) {
    const m = re.exec(f);
    if (m && m.length >= 2) return m.slice(1).map((s) => s ?? '').join('');
  }
  return f;
}

/** multilinePrintableName is a node's name as the graph prints it: shortened, one part per line, each line ending in `\n`. */
export function multilinePrintableName(info: NodeInfo): string {
  let name = escapeForDot(shortenFunctionName(info.name));
  name = name.replaceAll('::', '\\n');
  // Go type parameters are reported as "[...]": keep the ellipsis rather than break it.
  name = name.replaceAll('[...]', '[…]');
  name = name.replaceAll('.', '\\n');
  const copy: NodeInfo = { ...info, name, file: info.file !== '' ? pathBase(info.file) : '' };
  return nameComponents(copy).join('\\n') + '\\n';
}

/** escapeForDot escapes `\` and `"`, and makes newlines left-justified line breaks (`\l`). */
export function escapeForDot(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\l');
}
