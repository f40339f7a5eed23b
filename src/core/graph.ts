// The call graph of a profile: a port of google/pprof internal/graph/graph.go (Go 1.19.8's
// vendored copy). Nodes are program locations at some granularity, with flat (leaf) and cum
// (on-stack, once per sample) values and weighted caller→callee edges. Reports (top, list,
// traces, dot), per-line editor stats and the UI table are all computed from it.
//
// Differences from pprof are in representation only: samples are read from columns, newGraph
// accumulates into typed arrays indexed by node id (the per-sample seen-sets are generation
// stamps, edges live in an open-addressing table) and builds Node/Edge objects once at the end,
// pprof's profile.Aggregate
// (the -functions/-lines/... granularity) is applied as a view while creating nodes instead of
// mutating the profile, and SampleValue is a column index instead of a closure.
import { compareStrings, pathBase, pathClean } from './goPath';
import { goInt64 } from './measurement';
import type { Line, Location, Profile } from './profile';
import type { Granularity } from './report/options';

/** NodeInfo contains the attributes of a node; two nodes of one graph never have equal infos. */
export interface NodeInfo {
  name: string;
  origName: string;
  /** Program counter (uint64), 0 when the granularity hides addresses. */
  address: bigint;
  file: string;
  startLine: number;
  lineno: number;
  objfile: string;
}

/** nodeInfoKey is a string that identifies a NodeInfo: equal keys ⇔ equal infos (pprof's NodeMap key). */
export function nodeInfoKey(i: NodeInfo): string {
  // Most granularities zero the address: skip the bigint to string conversion then.
  const address = i.address === 0n ? '0' : i.address.toString();
  return `${i.name}\u0000${i.origName}\u0000${address}\u0000${i.file}\u0000${i.startLine}\u0000${i.lineno}\u0000${i.objfile}`;
}

/** nameComponents returns the parts of a node's printable name: address, function, file[:line] or [binary] (pprof's NameComponents). */
export function nameComponents(i: NodeInfo): string[] {
  const name: string[] = [];
  if (i.address !== 0n) name.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') name.push(i.name);
  if (i.lineno !== 0) {
    // User requested line numbers, provide what we have.
    name.push(`${i.file}:${i.lineno}`);
  } else if (i.file !== '') {
    name.push(i.file);
  } else if (i.name !== '') {
    // The function name is already there.
  } else if (i.objfile !== '') {
    name.push('[' + pathBase(i.objfile) + ']');
  } else {
    // Do not leave it empty if there is no information at all.
    name.push('<unknown>');
  }
  return name;
}

/** printableName is the name reports show for a node: its name components joined by a space. */
export function printableName(i: NodeInfo): string {
  return nameComponents(i).join(' ');
}

/** Tag is a label (or numeric label) value summarized over the samples of a node. */
export interface Tag {
  name: string;
  /** Unit of a numeric tag, "" for string tags. */
  unit: string;
  value: number;
  flat: number;
  flatDiv: number;
  cum: number;
  cumDiv: number;
}

/** TagMap holds tags by name. */
export type TagMap = Map<string, Tag>;

/** tagFlatValue is the tag's flat value, the mean when a divisor is available. */
export function tagFlatValue(t: Tag): number {
  return t.flatDiv === 0 ? t.flat : goDiv(t.flat, t.flatDiv);
}

/** tagCumValue is the tag's cum value, the mean when a divisor is available. */
export function tagCumValue(t: Tag): number {
  return t.cumDiv === 0 ? t.cum : goDiv(t.cum, t.cumDiv);
}

/** goDiv is Go's int64 division: truncated toward zero. */
export function goDiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** Edge is a caller→callee arc with its weight; src.out.get(dest) === dest.in.get(src) === this. */
export class Edge {
  weight: number;
  weightDiv: number;
  /** A residual edge goes over one or more nodes that were removed from the graph. */
  residual: boolean;
  /** An inline edge represents a call that was inlined into the caller. */
  inline: boolean;

  constructor(
    public src: Node,
    public dest: Node,
    weightDiv: number,
    weight: number,
    residual: boolean,
    inline: boolean,
  ) {
    this.weight = weight;
    this.weightDiv = weightDiv;
    this.residual = residual;
    this.inline = inline;
  }

  /** The weight, the mean when a divisor is available. */
  weightValue(): number {
    return this.weightDiv === 0 ? this.weight : goDiv(this.weight, this.weightDiv);
  }
}

/** EdgeMap holds the edges of a node by the node at their other end. */
export type EdgeMap = Map<Node, Edge>;

/** Node is an entry of a report: one program location at the graph's granularity. */
export class Node {
  /** Node that represents the whole function of this one (itself when address and line are 0). */
  function: Node = this;
  /** Exclusive value: samples whose leaf is this node. */
  flat = 0;
  flatDiv = 0;
  /** Inclusive value: samples with this node anywhere on the stack, once per sample. */
  cum = 0;
  cumDiv = 0;
  private name: string | undefined = undefined;
  private sprint: string | undefined = undefined;
  // Maps are created on first use: createNodes makes a node for every location line, most of
  // which never get an edge or a tag, and four maps per node cost more than the graph itself.
  private inMap: EdgeMap | undefined = undefined;
  private outMap: EdgeMap | undefined = undefined;
  private labelTagMap: TagMap | undefined = undefined;
  private numericTagMap: Map<string, TagMap> | undefined = undefined;

  constructor(
    readonly info: NodeInfo,
    readonly key: string,
    /** Creation index in createNodes: dense, unique within one graph build. */
    readonly id: number,
  ) {}

  /** Callers. */
  get in(): EdgeMap {
    return (this.inMap ??= new Map());
  }

  /** Callees. */
  get out(): EdgeMap {
    return (this.outMap ??= new Map());
  }

  /** String labels of the samples (only when GraphOptions.tags is set). */
  get labelTags(): TagMap {
    return (this.labelTagMap ??= new Map());
  }

  set labelTags(m: TagMap) {
    this.labelTagMap = m;
  }

  /** Numeric labels, by the joined string labels they come with ("" for none). */
  get numericTags(): Map<string, TagMap> {
    return (this.numericTagMap ??= new Map());
  }

  /** Removes tags whose |flat| and |cum| are both below tagCutoff (pprof's TrimLowFrequencyTags, for one node). */
  trimTags(tagCutoff: number): void {
    if (this.labelTagMap) this.labelTagMap = trimLowFreqTags(this.labelTagMap, tagCutoff);
    if (this.numericTagMap) {
      for (const [s, nt] of this.numericTagMap) this.numericTagMap.set(s, trimLowFreqTags(nt, tagCutoff));
    }
  }

  /** Tags with a non-zero flat: what a visual graph shows as nodelets (pprof's countTags). */
  countTags(): number {
    let count = 0;
    if (this.labelTagMap) for (const e of this.labelTagMap.values()) if (e.flat !== 0) count++;
    if (this.numericTagMap) {
      for (const t of this.numericTagMap.values()) for (const e of t.values()) if (e.flat !== 0) count++;
    }
    return count;
  }

  /** The flat value, the mean when a divisor is available. */
  flatValue(): number {
    return this.flatDiv === 0 ? this.flat : goDiv(this.flat, this.flatDiv);
  }

  /** The cum value, the mean when a divisor is available. */
  cumValue(): number {
    return this.cumDiv === 0 ? this.cum : goDiv(this.cum, this.cumDiv);
  }

  /** printableName of the info, computed once. */
  printableName(): string {
    return (this.name ??= printableName(this.info));
  }

  /** Go's fmt.Sprint(info): pprof's last-resort tie-break between nodes. */
  sprintInfo(): string {
    const i = this.info;
    return (this.sprint ??= `{${i.name} ${i.origName} ${i.address} ${i.file} ${i.startLine} ${i.lineno} ${i.objfile}}`);
  }

  /** Adds weight to the edge this → to, creating it when missing; returns it (pprof's AddToEdgeDiv). */
  addToEdgeDiv(to: Node, dv: number, v: number, residual: boolean, inline: boolean): Edge {
    const e = this.out.get(to);
    if (e !== undefined) {
      e.weightDiv += dv;
      e.weight += v;
      if (residual) e.residual = true;
      if (!inline) e.inline = false;
      return e;
    }
    const info = new Edge(this, to, dv, v, residual, inline);
    this.out.set(to, info);
    to.in.set(this, info);
    return info;
  }

  /** Adds weight to the edge this → to (pprof's AddToEdge). */
  addToEdge(to: Node, v: number, residual: boolean, inline: boolean): Edge {
    return this.addToEdgeDiv(to, 0, v, residual, inline);
  }
}

/** NodeSet is a set of node identities (nodeInfoKey), used to rebuild a graph with only those nodes. */
export type NodeSet = Set<string>;

/** NodePtrSet is a set of nodes of one graph. */
export type NodePtrSet = Set<Node>;

/**
 * Aggregation says which parts of each frame nodes keep: pprof's profile.Aggregate, applied as
 * a view. All true (or no Aggregation) keeps everything.
 */
export interface Aggregation {
  inlineFrames: boolean;
  function: boolean;
  filename: boolean;
  linenumber: boolean;
  address: boolean;
}

/** aggregationFor returns what pprof's driver passes to profile.Aggregate for a granularity (undefined: nothing aggregated). */
export function aggregationFor(granularity: Granularity, inlineFrames: boolean): Aggregation | undefined {
  const a: Aggregation = { inlineFrames, function: false, filename: false, linenumber: false, address: false };
  switch (granularity) {
    case 'addresses':
      if (inlineFrames) return undefined;
      return { inlineFrames, function: true, filename: true, linenumber: true, address: true };
    case 'lines':
      return { ...a, function: true, filename: true, linenumber: true };
    case 'files':
      return { ...a, filename: true };
    case 'functions':
      return { ...a, function: true };
    case 'filefunctions':
      return { ...a, function: true, filename: true };
  }
}

/** TagOptions turn on label tags (for the dot graph's nodelets); reports without tags leave them off. */
export interface TagOptions {
  /** Formats a numeric tag value in its unit. */
  formatTag(value: number, unit: string): string;
  /** Unit to tag numeric label `key` with, or undefined to ignore the key (the report keeps only "bytes"). */
  numericLabelUnit(key: string): string | undefined;
  /** A string label key left out of tags (the report removes "pprof::base"). */
  removeLabel?: string;
}

/** GraphOptions encodes the options for constructing a graph (pprof's graph.Options). */
export interface GraphOptions {
  /** Sample value column the graph sums (pprof's SampleValue). */
  sampleValue: number;
  /** When set, the column of divisors for mean graphs (pprof's SampleMeanDivisor). */
  sampleMeanDivisor?: number;
  /** Always preserve the binary's file name (and start line) in node infos. */
  objNames?: boolean;
  /** Preserve original (e.g. mangled) function names. */
  origFnNames?: boolean;
  /** Drop nodes with overall negative values. */
  dropNegative?: boolean;
  /** If set, only nodes in this set are created (others become gaps, making residual edges). */
  keptNodes?: NodeSet;
  /** Granularity view (pprof's profile.Aggregate); undefined keeps every field. */
  aggregation?: Aggregation;
  /** File name of each function by Function.index, replacing Function.filename (the report's trimPath). */
  functionFiles?: readonly string[];
  /** Compute label tags. */
  tags?: TagOptions;
  /**
   * Only the nodes' values (flat, cum): no edges, no tags. For a graph whose only use is to pick
   * the nodes to keep (newTrimmedGraph rebuilds the graph from the samples after that anyway).
   */
  nodesOnly?: boolean;
}

/** Graph summarizes a profile into nodes and edges; nodes hold only nodes with non-zero flat or cum. */
export class Graph {
  constructor(public nodes: Node[]) {}

  /** Nodes whose |cum| is at least nodeCutoff, as a NodeSet (pprof's DiscardLowFrequencyNodes). */
  discardLowFrequencyNodes(nodeCutoff: number): NodeSet {
    return makeNodeSet(this.nodes, nodeCutoff);
  }

  /** Nodes whose |cum| is at least nodeCutoff (pprof's DiscardLowFrequencyNodePtrs). */
  discardLowFrequencyNodePtrs(nodeCutoff: number): NodePtrSet {
    return new Set(getNodesAboveCumCutoff(this.nodes, nodeCutoff));
  }

  /** Removes tags whose |flat| and |cum| are both below tagCutoff. */
  trimLowFrequencyTags(tagCutoff: number): void {
    for (const n of this.nodes) n.trimTags(tagCutoff);
  }

  /** Removes edges with |weight| below edgeCutoff; returns how many were removed. */
  trimLowFrequencyEdges(edgeCutoff: number): number {
    let dropped = 0;
    for (const n of this.nodes) {
      for (const [src, e] of n.in) {
        if (Math.abs(e.weight) < edgeCutoff) {
          n.in.delete(src);
          src.out.delete(n);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /** Sorts the nodes: entropy order for visual graphs, else by cum or by flat (pprof's SortNodes). */
  sortNodes(cum: boolean, visualMode: boolean): void {
    if (visualMode) sortNodes(this.nodes, NodeOrder.Entropy);
    else if (cum) sortNodes(this.nodes, NodeOrder.CumName);
    else sortNodes(this.nodes, NodeOrder.FlatName);
  }

  /** The first maxNodes nodes (in the current order) as a NodePtrSet. */
  selectTopNodePtrs(maxNodes: number, visualMode: boolean): NodePtrSet {
    return new Set(this.selectTopNodeList(maxNodes, visualMode));
  }

  /** The first maxNodes nodes (in the current order) as a NodeSet. */
  selectTopNodes(maxNodes: number, visualMode: boolean): NodeSet {
    return makeNodeSet(this.selectTopNodeList(maxNodes, visualMode), 0);
  }

  private selectTopNodeList(maxNodes: number, visualMode: boolean): Node[] {
    if (maxNodes > 0 && visualMode) {
      // A visual graph counts tags (up to maxNodelets per node) as nodes.
      let count = 0;
      for (let i = 0; i < this.nodes.length; i++) {
        const tags = Math.min(this.nodes[i].countTags(), maxNodelets);
        count += tags + 1;
        if (count >= maxNodes) {
          maxNodes = i + 1;
          break;
        }
      }
    }
    if (maxNodes > this.nodes.length) maxNodes = this.nodes.length;
    // pprof slices g.Nodes[:maxNodes]; a negative count would panic there, here it selects nothing.
    return this.nodes.slice(0, Math.max(maxNodes, 0));
  }

  /** Removes residual edges whose destination stays reachable from their source another way. */
  removeRedundantEdges(): void {
    // Walk nodes and in-edges in reverse order to prefer removing the lightest edges.
    for (let i = this.nodes.length; i > 0; i--) {
      const n = this.nodes[i - 1];
      const ins = sortEdges(n.in);
      for (let j = ins.length; j > 0; j--) {
        const e = ins[j - 1];
        // Do not remove edges heavier than a non-residual edge, to avoid confusion.
        if (!e.residual) break;
        if (isRedundantEdge(e)) {
          e.src.out.delete(e.dest);
          e.dest.in.delete(e.src);
        }
      }
    }
  }
}

/** Number of nodelets for labels a visual graph shows per node (pprof's maxNodelets). */
export const maxNodelets = 4;

function makeNodeSet(nodes: Node[], nodeCutoff: number): NodeSet {
  const kept: NodeSet = new Set();
  for (const n of getNodesAboveCumCutoff(nodes, nodeCutoff)) kept.add(n.key);
  return kept;
}

function getNodesAboveCumCutoff(nodes: Node[], nodeCutoff: number): Node[] {
  return nodes.filter((n) => !(Math.abs(n.cum) < nodeCutoff));
}

function trimLowFreqTags(tags: TagMap, minValue: number): TagMap {
  const kept: TagMap = new Map();
  for (const [s, t] of tags) {
    if (Math.abs(t.flat) >= minValue || Math.abs(t.cum) >= minValue) kept.set(s, t);
  }
  return kept;
}

function isRedundantEdge(e: Edge): boolean {
  const src = e.src;
  const seen = new Set<Node>([e.dest]);
  const queue: Node[] = [e.dest];
  for (let q = 0; q < queue.length; q++) {
    for (const ie of queue[q].in.values()) {
      if (e === ie || seen.has(ie.src)) continue;
      if (ie.src === src) return true;
      seen.add(ie.src);
      queue.push(ie.src);
    }
  }
  return false;
}

/** NodeOrder selects a node sort (pprof's NodeOrder constants). */
export enum NodeOrder {
  FlatName,
  FlatCumName,
  CumName,
  Name,
  File,
  Address,
  Entropy,
}

/** compareNodes gives a deterministic order between distinct nodes: Go's fmt.Sprint of their infos. */
function compareNodes(l: Node, r: Node): number {
  return compareStrings(l.sprintInfo(), r.sprintInfo());
}

function byAbsDesc(l: number, r: number): number {
  const a = Math.abs(l);
  const b = Math.abs(r);
  return a === b ? 0 : a > b ? -1 : 1;
}

/**
 * sortNodes reorders nodes in place: decreasing for (absolute) numeric quantities, alphabetical
 * for text, increasing for addresses, with pprof's exact tie-breaks (Nodes.Sort).
 */
export function sortNodes(ns: Node[], o: NodeOrder): void {
  let less: (l: Node, r: Node) => number;
  switch (o) {
    case NodeOrder.FlatName:
      less = (l, r) =>
        byAbsDesc(l.flat, r.flat) ||
        compareStrings(l.printableName(), r.printableName()) ||
        byAbsDesc(l.cum, r.cum) ||
        compareNodes(l, r);
      break;
    case NodeOrder.FlatCumName:
      less = (l, r) =>
        byAbsDesc(l.flat, r.flat) ||
        byAbsDesc(l.cum, r.cum) ||
        compareStrings(l.printableName(), r.printableName()) ||
        compareNodes(l, r);
      break;
    case NodeOrder.Name:
      less = (l, r) => compareStrings(l.info.name, r.info.name) || compareNodes(l, r);
      break;
    case NodeOrder.File:
      less = (l, r) =>
        compareStrings(l.info.file, r.info.file) || l.info.startLine - r.info.startLine || compareNodes(l, r);
      break;
    case NodeOrder.Address:
      less = (l, r) => (l.info.address < r.info.address ? -1 : l.info.address > r.info.address ? 1 : compareNodes(l, r));
      break;
    case NodeOrder.CumName:
    case NodeOrder.Entropy: {
      // The entropy key is already pprof's abs64 of the score (see entropyKey): compare it as is.
      const entropy = o === NodeOrder.Entropy;
      const score = new Map<Node, number>();
      for (const n of ns) score.set(n, entropy ? entropyKey(n) : n.cum);
      less = (l, r) =>
        (entropy ? score.get(r)! - score.get(l)! : byAbsDesc(score.get(l)!, score.get(r)!)) ||
        compareStrings(l.printableName(), r.printableName()) ||
        byAbsDesc(l.flat, r.flat) ||
        compareNodes(l, r);
      break;
    }
  }
  ns.sort(less);
}

// entropyScore favors nodes whose incoming/outgoing edges spread the weight (visual graphs).
function entropyScore(n: Node): number {
  let score = 0;
  if (n.in.size === 0) score++;
  else score += edgeEntropyScore(n.in, 0);
  if (n.out.size === 0) score++;
  else score += edgeEntropyScore(n.out, n.flat);
  return score * n.cum;
}

/**
 * entropyKey is abs64(int64(entropyScore) + flat), pprof's sort key, as an exactly ordered
 * number. A zero-weight edge (diffs, -mean) makes the score NaN (0·log2 0), which int64() turns
 * into -2^63: plus flat 0 it stays -2^63, whose abs64 is negative (the node sorts last); plus
 * any other flat it is 2^63-|flat|, above every ordinary score (ordered here as 2^64 + (2^52-|flat|)·2^12).
 */
function entropyKey(n: Node): number {
  const s = goInt64(entropyScore(n));
  if (s !== -(2 ** 63)) return Math.abs(s + n.flat);
  if (n.flat === 0) return -1;
  return 2 ** 64 + (2 ** 52 - Math.min(Math.abs(n.flat), 2 ** 52)) * 2 ** 12;
}

function edgeEntropyScore(edges: EdgeMap, self: number): number {
  let score = 0;
  let total = self;
  for (const e of edges.values()) if (e.weight > 0) total += Math.abs(e.weight);
  if (total !== 0) {
    for (const e of edges.values()) {
      const frac = Math.abs(e.weight) / total;
      score += -frac * Math.log2(frac);
    }
    if (self > 0) {
      const frac = Math.abs(self) / total;
      score += -frac * Math.log2(frac);
    }
  }
  return score;
}

/** sortEdges returns the edges of a map by decreasing |weight|, then source and destination names (EdgeMap.Sort). */
export function sortEdges(e: EdgeMap): Edge[] {
  const el = [...e.values()];
  el.sort((a, b) => {
    // pprof compares |weight| only when the weights differ, so edges of equal |weight| and
    // opposite signs (diffs) come out in Go's random map order; the names order them here.
    if (a.weight !== b.weight && Math.abs(a.weight) !== Math.abs(b.weight)) return byAbsDesc(a.weight, b.weight);
    return (
      compareStrings(a.src.printableName(), b.src.printableName()) ||
      compareStrings(a.dest.printableName(), b.dest.printableName())
    );
  });
  return el;
}

/** edgeSum is the total weight of a set of edges. */
export function edgeSum(e: EdgeMap): number {
  let ret = 0;
  for (const edge of e.values()) ret += edge.weight;
  return ret;
}

/** sumNodes adds the flat and cum values of nodes (pprof's Nodes.Sum). */
export function sumNodes(ns: readonly Node[]): [flat: number, cum: number] {
  let flat = 0;
  let cum = 0;
  for (const n of ns) {
    flat += n.flat;
    cum += n.cum;
  }
  return [flat, cum];
}

/** The nodes of every location, by Location.index: one per (aggregated) line, innermost first; null where KeptNodes excluded it. */
export type LocationNodes = (Node | null)[][];

/** Nodes of a graph under construction: pprof's NodeMap, plus the creation order. */
class NodeMap {
  readonly byKey = new Map<string, Node>();
  readonly list: Node[] = [];

  findOrInsertNode(info: NodeInfo, kept: NodeSet | undefined): Node | null {
    const key = nodeInfoKey(info);
    if (kept !== undefined && !kept.has(key)) return null;
    let n = this.byKey.get(key);
    if (n !== undefined) return n;
    n = new Node(info, key, this.list.length);
    this.byKey.set(key, n);
    this.list.push(n);
    if (info.address === 0n && info.lineno === 0) {
      // This node represents the whole function.
      n.function = n;
      return n;
    }
    // The node of the whole function is created even when it is not kept, as pprof does.
    n.function = this.findOrInsertNode({ ...info, address: 0n, lineno: 0 }, undefined)!;
    return n;
  }
}

/**
 * createNodes creates the graph nodes of every location of a profile: returns all nodes (in
 * creation order) and, by Location.index, the nodes of each location, one per line (innermost
 * first) after aggregation; a location without lines gets one address-only node.
 */
export function createNodes(p: Profile, o: GraphOptions): { nodes: Node[]; locationNodes: LocationNodes } {
  const nm = new NodeMap();
  const agg = o.aggregation;
  // 1. Per-function fields after aggregation, computed once (Clean is not free).
  const fnName: string[] = new Array(p.functions.length);
  const fnSystemName: string[] = new Array(p.functions.length);
  const fnFile: string[] = new Array(p.functions.length);
  for (const f of p.functions) {
    const keepFunction = !agg || agg.function;
    const keepFile = !agg || agg.filename;
    fnName[f.index] = keepFunction ? f.name : '';
    fnSystemName[f.index] = keepFunction ? f.systemName : '';
    const fname = keepFile ? (o.functionFiles ? o.functionFiles[f.index] : f.filename) : '';
    fnFile[f.index] = fname !== '' ? pathClean(fname) : '';
  }
  // 2. Nodes of each location, one per line.
  const locationNodes: LocationNodes = new Array(p.locations.length);
  for (const l of p.locations) {
    let lines: readonly (Line | undefined)[] = l.lines;
    if (agg && !agg.inlineFrames && lines.length > 1) lines = lines.slice(lines.length - 1);
    // A location without lines still gets a node, from its address.
    if (lines.length === 0) lines = [undefined];
    const nodes: (Node | null)[] = new Array(lines.length);
    for (let ln = 0; ln < lines.length; ln++) {
      nodes[ln] = nm.findOrInsertNode(nodeInfo(l, lines[ln], o, fnName, fnSystemName, fnFile), o.keptNodes);
    }
    locationNodes[l.index] = nodes;
  }
  return { nodes: nm.list, locationNodes };
}

function nodeInfo(
  l: Location,
  line: Line | undefined,
  o: GraphOptions,
  fnName: string[],
  fnSystemName: string[],
  fnFile: string[],
): NodeInfo {
  const agg = o.aggregation;
  const address = agg && !agg.address ? 0n : l.address;
  const objfile = l.mapping && l.mapping.file !== '' ? l.mapping.file : '';
  const fn = line?.function;
  if (!fn) {
    return { name: '', origName: '', address, file: '', startLine: 0, lineno: 0, objfile };
  }
  const ni: NodeInfo = {
    name: fnName[fn.index],
    origName: o.origFnNames ? fnSystemName[fn.index] : '',
    address,
    file: fnFile[fn.index],
    startLine: 0,
    lineno: agg && !agg.linenumber ? 0 : line.line,
    objfile: '',
  };
  if (o.objNames || (ni.name === '' && ni.origName === '')) {
    ni.objfile = objfile;
    ni.startLine = fn.startLine;
  }
  return ni;
}

/** A 32-bit hash of two ids whose low bits depend on all bits of both (multiply, then fold the high half down). */
function hashPair(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * EdgeTable accumulates edges by (source id, destination id) in typed arrays: an
 * open-addressing hash table of edge indices plus one column per Edge field. Invariant: edge
 * indices are creation order, the order pprof's AddToEdgeDiv would have inserted them.
 */
class EdgeTable {
  count = 0;
  private mask: number;
  private slots: Int32Array;
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  weightDiv: Float64Array;
  residual: Uint8Array;
  inline: Uint8Array;
  seen: Int32Array;

  constructor(capacity: number) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    const n = size >>> 1;
    this.src = new Int32Array(n);
    this.dst = new Int32Array(n);
    this.weight = new Float64Array(n);
    this.weightDiv = new Float64Array(n);
    this.residual = new Uint8Array(n);
    this.inline = new Uint8Array(n);
    this.seen = new Int32Array(n);
  }

  /** Index of edge src → dst, created (with zero weight, inline) when missing. */
  find(src: number, dst: number): number {
    let h = hashPair(src, dst) & this.mask;
    for (;;) {
      const e = this.slots[h];
      if (e === -1) break;
      if (this.src[e] === src && this.dst[e] === dst) return e;
      h = (h + 1) & this.mask;
    }
    if (this.count === this.src.length) {
      this.grow();
      return this.find(src, dst);
    }
    const e = this.count++;
    this.slots[h] = e;
    this.src[e] = src;
    this.dst[e] = dst;
    this.inline[e] = 1;
    return e;
  }

  private grow(): void {
    const n = this.src.length * 2;
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.src = copy(this.src, (k) => new Int32Array(k));
    this.dst = copy(this.dst, (k) => new Int32Array(k));
    this.weight = copy(this.weight, (k) => new Float64Array(k));
    this.weightDiv = copy(this.weightDiv, (k) => new Float64Array(k));
    this.residual = copy(this.residual, (k) => new Uint8Array(k));
    this.inline = copy(this.inline, (k) => new Uint8Array(k));
    this.seen = copy(this.seen, (k) => new Int32Array(k));
    this.mask = n * 2 - 1;
    this.slots = new Int32Array(n * 2).fill(-1);
    for (let e = 0; e < this.count; e++) {
      let h = hashPair(this.src[e], this.dst[e]) & this.mask;
      while (this.slots[h] !== -1) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}

/**
 * newGraph computes the graph of a profile (pprof's newGraph): flat goes to the leaf (innermost
 * frame) of each sample, cum to every distinct node of its stack once, edge weight to every
 * distinct caller→callee pair once. Samples whose value and divisor are both 0 are skipped.
 * Returns the graph (nodes with non-zero flat or cum, in creation order) and the nodes of each
 * location, for reports that walk stacks again (traces, per-line stats).
 */
export function newGraph(p: Profile, o: GraphOptions): { graph: Graph; locationNodes: LocationNodes } {
  const { nodes, locationNodes } = createNodes(p, o);
  // 1. Flatten the nodes of each location, outermost first, into ids (-1 where not kept).
  const locStart = new Uint32Array(locationNodes.length + 1);
  let total = 0;
  for (let l = 0; l < locationNodes.length; l++) {
    locStart[l] = total;
    total += locationNodes[l].length;
  }
  locStart[locationNodes.length] = total;
  const locNode = new Int32Array(total);
  // locInline[k]: the frame is not its location's outermost line, so the call into it is inlined.
  const locInline = new Uint8Array(total);
  for (let l = 0; l < locationNodes.length; l++) {
    const ns = locationNodes[l];
    for (let k = 0; k < ns.length; k++) {
      const at = locStart[l] + ns.length - 1 - k;
      locNode[at] = ns[k] === null ? -1 : ns[k]!.id;
      locInline[at] = k !== ns.length - 1 ? 1 : 0;
    }
  }
  // 2. Walk every sample from the root down, accumulating into columns by node id.
  const numNodes = nodes.length;
  const flat = new Float64Array(numNodes);
  const flatDiv = new Float64Array(numNodes);
  const cum = new Float64Array(numNodes);
  const cumDiv = new Float64Array(numNodes);
  const seen = new Int32Array(numNodes);
  const edges = new EdgeTable(numNodes);
  const s = p.samples;
  const nv = s.numValues;
  const values = s.values;
  const stack = s.stack;
  const stackStart = s.stackStart;
  const vi = o.sampleValue;
  const di = o.sampleMeanDivisor;
  const withEdges = o.nodesOnly !== true;
  const tags = withEdges && o.tags ? memoizedTags(o.tags) : undefined;
  // Tags are summed per (node, tag set of the sample) in flat columns and turned into Tag maps
  // once at the end (see TagSums); the per-sample path remains for graphs too large for them.
  const sums = tags ? TagSums.create(p, numNodes, tags) : undefined;
  // The callee of a call site is nearly always the same function: cache, per frame slot of the
  // caller, the last callee node and its edge, to skip most hash lookups.
  const cacheDst = new Int32Array(withEdges ? total : 0).fill(-1);
  const cacheEdge = new Int32Array(withEdges ? total : 0);
  // The edge columns in locals (reloaded after each table lookup, which may grow them).
  let eSeen = edges.seen;
  let eWeight = edges.weight;
  let eWeightDiv = edges.weightDiv;
  let eResidual = edges.residual;
  let eInline = edges.inline;
  let gen = 0;
  for (let i = 0; i < s.count; i++) {
    const w = values[i * nv + vi];
    const dw = di === undefined ? 0 : values[i * nv + di];
    if (dw === 0 && w === 0) continue;
    // A fresh generation empties the seen-sets of nodes and edges at no cost.
    gen++;
    const combo = sums ? sums.sampleCombo[i] : -1;
    const labels = tags && !sums ? joinLabels(p, i, tags.removeLabel) : '';
    // A sample without labels only gives its nodes an empty numeric-tag map in pprof, which no
    // report shows or counts: skip the tag work for it (most samples of most profiles).
    const tagged = tags !== undefined && !sums && (labels !== '' || hasNumericTag(p, i, tags));
    let parent = -1;
    let parentSlot = -1;
    // A residual edge goes over one or more nodes that were not kept.
    let residual = false;
    for (let j = stackStart[i + 1] - 1; j >= stackStart[i]; j--) {
      const l = stack[j];
      for (let k = locStart[l], end = locStart[l + 1]; k < end; k++) {
        const n = locNode[k];
        if (n === -1) {
          residual = true;
          continue;
        }
        if (seen[n] !== gen) {
          seen[n] = gen;
          cum[n] += w;
          cumDiv[n] += dw;
          if (combo !== -1) sums!.add(n, combo, dw, w, false);
          else if (tagged) addTags(nodes[n], p, i, dw, w, labels, tags, false);
        }
        if (withEdges && parent !== -1 && n !== parent) {
          let e: number;
          if (cacheDst[parentSlot] === n) {
            e = cacheEdge[parentSlot];
          } else {
            e = edges.find(parent, n);
            cacheDst[parentSlot] = n;
            cacheEdge[parentSlot] = e;
            eSeen = edges.seen;
            eWeight = edges.weight;
            eWeightDiv = edges.weightDiv;
            eResidual = edges.residual;
            eInline = edges.inline;
          }
          if (eSeen[e] !== gen) {
            eSeen[e] = gen;
            eWeightDiv[e] += dw;
            eWeight[e] += w;
            if (residual) eResidual[e] = 1;
            if (locInline[k] === 0) eInline[e] = 0;
          }
        }
        parent = n;
        parentSlot = k;
        residual = false;
      }
    }
    if (parent !== -1 && !residual) {
      flat[parent] += w;
      flatDiv[parent] += dw;
      if (combo !== -1) sums!.add(parent, combo, dw, w, true);
      else if (tagged) addTags(nodes[parent], p, i, dw, w, labels, tags, true);
    }
  }
  sums?.addTo(nodes);
  // 3. Move the sums into the nodes and create the edges, in pprof's insertion order.
  for (const n of nodes) {
    n.flat = flat[n.id];
    n.flatDiv = flatDiv[n.id];
    n.cum = cum[n.id];
    n.cumDiv = cumDiv[n.id];
  }
  for (let e = 0; e < edges.count; e++) {
    const from = nodes[edges.src[e]];
    const to = nodes[edges.dst[e]];
    const edge = new Edge(from, to, edges.weightDiv[e], edges.weight[e], edges.residual[e] === 1, edges.inline[e] === 1);
    from.out.set(to, edge);
    to.in.set(from, edge);
  }
  return { graph: selectNodesForGraph(nodes, o.dropNegative === true), locationNodes };
}

/** graphNew summarizes a profile into a graph (pprof's graph.New, without CallTree). */
export function graphNew(p: Profile, o: GraphOptions): Graph {
  return newGraph(p, o).graph;
}

function selectNodesForGraph(nodes: Node[], dropNegative: boolean): Graph {
  const gNodes: Node[] = [];
  for (const n of nodes) {
    if (n.cum === 0 && n.flat === 0) continue;
    if (dropNegative && isNegative(n)) continue;
    gNodes.push(n);
  }
  return new Graph(gNodes);
}

// isNegative: a node is negative for -drop_negative when its flat is, or flat is 0 and cum is.
function isNegative(n: Node): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
}

/** joinLabels is the sorted "key:value" list of a sample's string labels joined by a literal `\n` (pprof's joinLabels). */
function joinLabels(p: Profile, i: number, removeLabel: string | undefined): string {
  const s = p.samples;
  const labels: string[] = [];
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    if (s.labelUnit[j] !== -1) continue;
    const key = p.strings[s.labelKey[j]];
    if (key === removeLabel) continue;
    labels.push(key + ':' + p.strings[s.labelValue[j]]);
  }
  if (labels.length === 0) return '';
  labels.sort(compareStrings);
  return labels.join('\\n');
}

// Whether a sample has a numeric label the report tags nodes with.
function hasNumericTag(p: Profile, i: number, o: TagOptions): boolean {
  const s = p.samples;
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    if (s.labelUnit[j] !== -1 && o.numericLabelUnit(p.strings[s.labelKey[j]]) !== undefined) return true;
  }
  return false;
}

function findOrAddTag(m: TagMap, label: string, unit: string, value: number): Tag {
  let t = m.get(label);
  if (t === undefined) {
    t = { name: label, unit, value, flat: 0, flatDiv: 0, cum: 0, cumDiv: 0 };
    m.set(label, t);
  }
  return t;
}

function addToTag(t: Tag, dw: number, w: number, flat: boolean): void {
  if (flat) {
    t.flatDiv += dw;
    t.flat += w;
  } else {
    t.cumDiv += dw;
    t.cum += w;
  }
}

/**
 * The same tag options with formatTag remembered per (unit, value) for one graph build: every
 * node of every sample formats its numeric labels, and a profile has few distinct values (a
 * heap profile's `bytes` label is a size class), so most of that time went to formatting the
 * same numbers again.
 */
function memoizedTags(o: TagOptions): TagOptions {
  const byUnit = new Map<string, Map<number, string>>();
  return {
    ...o,
    formatTag(value, unit) {
      let m = byUnit.get(unit);
      if (m === undefined) byUnit.set(unit, (m = new Map()));
      let text = m.get(value);
      if (text === undefined) m.set(value, (text = o.formatTag(value, unit)));
      return text;
    },
  };
}

/** Tuning of TagSums (tests lower maxCells to run the per-sample path on real profiles). */
export const tagSumLimits = {
  /** Largest nodes × tag sets for the flat columns (4 float64 each); beyond it tags go per sample. */
  maxCells: 1 << 21,
};

/** One distinct tag set of samples: their joined string labels and numeric labels, in label order. */
interface TagCombo {
  labels: string;
  numeric: { unit: string; value: number }[];
}

/** The tag set of every sample (-1 when untagged) and the distinct sets. */
interface TagSets {
  sampleCombo: Int32Array;
  combos: TagCombo[];
}

// The tag sets of a profile, by what decides them (the removed label, the unit of each numeric
// key): newTrimmedGraph builds up to three graphs with tags from one profile, and every Graph
// view of a query starts from the same profile.
const tagSetCache = new WeakMap<Profile['samples'], Map<string, TagSets>>();

function sampleTagSets(p: Profile, o: TagOptions): TagSets {
  const s = p.samples;
  const numericKeys = new Set<number>();
  for (let j = 0; j < s.labelKey.length; j++) if (s.labelUnit[j] !== -1) numericKeys.add(s.labelKey[j]);
  const units = [...numericKeys].sort((a, b) => a - b).map((k) => [k, o.numericLabelUnit(p.strings[k]) ?? null]);
  const key = JSON.stringify([o.removeLabel ?? null, units]);
  let byKey = tagSetCache.get(s);
  if (byKey === undefined) tagSetCache.set(s, (byKey = new Map()));
  let sets = byKey.get(key);
  if (sets === undefined) byKey.set(key, (sets = TagSums.tagSets(p, o)));
  return sets;
}

/**
 * TagSums sums the tags of a graph build per (node, tag set): samples with equal string labels
 * and equal numeric labels add to the same Tags of every node on their stack, so their values
 * are summed in flat columns and turned into pprof's Tag maps once per node and tag set at the
 * end, in the order pprof would first have inserted them (a node's tag sets in the order of
 * their first sample). A heap profile tags every sample with its size class, ~35 frames deep:
 * the per-sample path did two map lookups and a label scan per frame. The sums are exact
 * (sample values are integers, as in pprof's int64 arithmetic, below 2^53).
 * Invariant: sampleCombo[i] is the index in `combos` of sample i's tag set, -1 when untagged.
 */
class TagSums {
  private readonly flat: Float64Array;
  private readonly flatDiv: Float64Array;
  private readonly cum: Float64Array;
  private readonly cumDiv: Float64Array;
  private readonly touched: Uint8Array;
  /** The tag sets of each node, in the order of their first sample. */
  private readonly order: (number[] | undefined)[];

  private constructor(
    readonly sampleCombo: Int32Array,
    private readonly combos: TagCombo[],
    numNodes: number,
    private readonly o: TagOptions,
  ) {
    const cells = numNodes * combos.length;
    this.flat = new Float64Array(cells);
    this.flatDiv = new Float64Array(cells);
    this.cum = new Float64Array(cells);
    this.cumDiv = new Float64Array(cells);
    this.touched = new Uint8Array(cells);
    this.order = new Array<number[] | undefined>(numNodes);
  }

  /** The tag sets of a profile's samples, or undefined when nodes × sets exceed the limit. */
  static create(p: Profile, numNodes: number, o: TagOptions): TagSums | undefined {
    const sets = sampleTagSets(p, o);
    if (numNodes * sets.combos.length > tagSumLimits.maxCells) return undefined;
    return new TagSums(sets.sampleCombo, sets.combos, numNodes, o);
  }

  /** The tag sets of a profile's samples (pprof's addSample keys: joined labels, numeric labels). */
  static tagSets(p: Profile, o: TagOptions): TagSets {
    const s = p.samples;
    const sampleCombo = new Int32Array(s.count);
    const combos: TagCombo[] = [];
    const byKey = new Map<string, number>();
    for (let i = 0; i < s.count; i++) {
      const labels = joinLabels(p, i, o.removeLabel);
      // Length-prefixed parts: no two different tag sets share a key, whatever their strings hold.
      let key = `${labels.length}:${labels}`;
      let numeric: TagCombo['numeric'] | undefined;
      for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
        if (s.labelUnit[j] === -1) continue;
        const unit = o.numericLabelUnit(p.strings[s.labelKey[j]]);
        if (unit === undefined) continue;
        (numeric ??= []).push({ unit, value: s.labelValue[j] });
        key += `;${unit.length}:${unit}=${s.labelValue[j]}`;
      }
      if (labels === '' && numeric === undefined) {
        sampleCombo[i] = -1;
        continue;
      }
      let c = byKey.get(key);
      if (c === undefined) {
        c = combos.length;
        combos.push({ labels, numeric: numeric ?? [] });
        byKey.set(key, c);
      }
      sampleCombo[i] = c;
    }
    return { sampleCombo, combos };
  }

  /** Adds a sample's value to node n's tags of tag set c (flat for its leaf, else cum). */
  add(n: number, c: number, dw: number, w: number, flat: boolean): void {
    const k = n * this.combos.length + c;
    if (this.touched[k] === 0) {
      this.touched[k] = 1;
      (this.order[n] ??= []).push(c);
    }
    if (flat) {
      this.flatDiv[k] += dw;
      this.flat[k] += w;
    } else {
      this.cumDiv[k] += dw;
      this.cum[k] += w;
    }
  }

  /** Moves the sums into the nodes' Tag maps, as pprof's addSample would have built them. */
  addTo(nodes: Node[]): void {
    const nc = this.combos.length;
    for (let n = 0; n < nodes.length; n++) {
      const order = this.order[n];
      if (order === undefined) continue;
      const node = nodes[n];
      for (const c of order) {
        const k = n * nc + c;
        const { labels, numeric } = this.combos[c];
        if (labels !== '') this.addSums(findOrAddTag(node.labelTags, labels, '', 0), k);
        let numericTags = node.numericTags.get(labels);
        if (numericTags === undefined) {
          numericTags = new Map();
          node.numericTags.set(labels, numericTags);
        }
        for (const { unit, value } of numeric) this.addSums(findOrAddTag(numericTags, this.o.formatTag(value, unit), unit, value), k);
      }
    }
  }

  private addSums(t: Tag, k: number): void {
    t.flatDiv += this.flatDiv[k];
    t.flat += this.flat[k];
    t.cumDiv += this.cumDiv[k];
    t.cum += this.cum[k];
  }
}

// The tag half of pprof's Node.addSample (the value half is inlined in newGraph).
function addTags(n: Node, p: Profile, i: number, dw: number, w: number, labels: string, o: TagOptions, flat: boolean): void {
  if (labels !== '') addToTag(findOrAddTag(n.labelTags, labels, '', 0), dw, w, flat);
  let numericTags = n.numericTags.get(labels);
  if (numericTags === undefined) {
    numericTags = new Map();
    n.numericTags.set(labels, numericTags);
  }
  const s = p.samples;
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    if (s.labelUnit[j] === -1) continue;
    const unit = o.numericLabelUnit(p.strings[s.labelKey[j]]);
    if (unit === undefined) continue;
    const v = s.labelValue[j];
    addToTag(findOrAddTag(numericTags, o.formatTag(v, unit), unit, v), dw, w, flat);
  }
}
