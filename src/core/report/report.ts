// Reports of a profile: a port of google/pprof internal/report/report.go (Go 1.19.8's vendored
// copy): Report (total, unit selection, value formatting), the trimmed graph of -top, the text
// reports (-top, -traces, -tree), their header lines, and the same numbers as data for the UI.
// -list lives in source.ts. Every report is computed on demand from a Profile the driver has
// already filtered; nothing here mutates the profile.
import { ProfileError } from '../errors';
import { compareStrings, pathBase } from '../goPath';
import {
  aggregationFor,
  createNodes,
  Graph,
  newGraph,
  sortEdges,
  sumNodes,
  type GraphOptions,
  type LocationNodes,
  type Node,
  type NodeSet,
} from '../graph';
import { goInt64, label, padLeft, percentage, scale, scaledLabel } from '../measurement';
import type { Profile } from '../profile';
import { trimPath } from '../trimPath';
import type { ReportOptions } from './options';

/** formatReportValue formats a raw value as reports do: times the ratio (truncated), scaled from sampleUnit to outputUnit. */
export function formatReportValue(v: number, sampleUnit: string, outputUnit: string, ratio: number): string {
  if (ratio > 0 && ratio !== 1) v = goInt64(v * ratio);
  return scaledLabel(v, sampleUnit, outputUnit);
}

/**
 * computeTotal is the sum of |value| over samples (divided by the sum of the mean divisors when
 * there is a divisor column). When some samples carry the diff-base label pprof::base=true, only
 * those count. pprof's computeTotal.
 */
export function computeTotal(p: Profile, sampleIndex: number, meanDivisorIndex?: number): number {
  const s = p.samples;
  const nv = s.numValues;
  const baseKey = p.strings.indexOf('pprof::base');
  const trueValue = p.strings.indexOf('true');
  let div = 0;
  let total = 0;
  let diffDiv = 0;
  let diffTotal = 0;
  for (let i = 0; i < s.count; i++) {
    let v = s.values[i * nv + sampleIndex];
    const d = meanDivisorIndex === undefined ? 0 : s.values[i * nv + meanDivisorIndex];
    if (v < 0) v = -v;
    total += v;
    div += d;
    if (baseKey > 0 && isDiffBaseSample(p, i, baseKey, trueValue)) {
      diffTotal += v;
      diffDiv += d;
    }
  }
  if (diffTotal > 0) {
    total = diffTotal;
    div = diffDiv;
  }
  return div !== 0 ? Math.trunc(total / div) : total;
}

// pprof's Sample.DiffBaseSample: a string label pprof::base with value "true".
function isDiffBaseSample(p: Profile, i: number, baseKey: number, trueValue: number): boolean {
  const s = p.samples;
  for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
    if (s.labelUnit[j] === -1 && s.labelKey[j] === baseKey && s.labelValue[j] === trueValue) return true;
  }
  return false;
}

/** A graph trimmed for a report, with what the header says about the trimming. */
export interface TrimmedGraph {
  graph: Graph;
  /** Nodes before the node count limit. */
  origCount: number;
  /** Nodes dropped by the node fraction. */
  droppedNodes: number;
  /** Edges dropped by the edge fraction. */
  droppedEdges: number;
}

/** How many values-only graphs are kept per profile (the sample types a user switches between). */
const VALUES_ONLY_GRAPHS = 4;
// Values-only graphs by profile (its samples column object) and graph options; never mutated.
const valuesOnlyGraphs = new WeakMap<Profile['samples'], Map<string, Graph>>();

/** How many times newTrimmedGraph reused a values-only graph (a probe for tests). */
export const reusedGraphs = { count: 0 };

/**
 * Report holds a profile, its options and its total, and formats values as pprof does.
 * Invariant: `total` never changes; `outputUnit` starts as options.outputUnit and changes only
 * in selectOutputUnit ("minimum" becomes a concrete unit for the whole report).
 */
export class Report {
  readonly options: Readonly<ReportOptions>;
  readonly total: number;
  /** Unit values are formatted in. */
  outputUnit: string;
  // pprof rewrites Function.Filename with trimPath on every newGraph call (so twice or three
  // times for a trimmed -top): the file names are kept here, by Function.index, to do the same.
  private readonly functionFiles: string[];

  constructor(
    readonly profile: Profile,
    options: ReportOptions,
  ) {
    this.options = options;
    this.outputUnit = options.outputUnit;
    this.total = options.total ?? computeTotal(profile, options.sampleIndex, options.sampleMeanDivisorIndex);
    this.functionFiles = profile.functions.map((f) => f.filename);
  }

  /** Formats a raw value in the report's unit (pprof's rpt.formatValue). */
  formatValue(v: number): string {
    return formatReportValue(v, this.options.sampleUnit, this.outputUnit, this.options.ratio);
  }

  /** Options of the graphs of this report. */
  graphOptions(kept: NodeSet | undefined): GraphOptions {
    const o = this.options;
    const gopt: GraphOptions = {
      sampleValue: o.sampleIndex,
      sampleMeanDivisor: o.sampleMeanDivisorIndex,
      dropNegative: o.dropNegative,
      keptNodes: kept,
      aggregation: aggregationFor(o.granularity, o.inlineFrames),
      functionFiles: this.functionFiles,
      // Only keep binary names for disassembly-based reports, otherwise remove them to allow
      // merging of functions across binaries.
      objNames: o.outputFormat === 'list',
    };
    if (o.outputFormat === 'dot') {
      // Tags only show in the visual graph (and count as nodes when selecting its nodes).
      gopt.tags = {
        formatTag: (v, unit) => scaledLabel(v, unit, this.outputUnit),
        // The report keeps only the "bytes" numeric label, in its profile-wide unit.
        numericLabelUnit: (key) => (key === 'bytes' ? (o.numLabelUnits.get(key) ?? '') : undefined),
        removeLabel: 'pprof::base',
      };
    }
    return gopt;
  }

  /** Builds the graph of this report, with only the nodes in `kept` when given (pprof's rpt.newGraph). */
  newGraph(kept?: NodeSet, nodesOnly = false): Graph {
    return this.newGraphWithLocations(kept, nodesOnly).graph;
  }

  /**
   * newGraph, plus the nodes of each location (innermost line first), for walking stacks again.
   * Both arguments are required: every caller says which nodes and whether edges are wanted.
   */
  newGraphWithLocations(kept: NodeSet | undefined, nodesOnly: boolean): { graph: Graph; locationNodes: LocationNodes } {
    // Clean up file paths using heuristics, as pprof does (cumulatively) on each call.
    const o = this.options;
    for (let i = 0; i < this.functionFiles.length; i++) {
      this.functionFiles[i] = trimPath(this.functionFiles[i], o.trimPath, o.sourcePath);
    }
    return newGraph(this.profile, { ...this.graphOptions(kept), nodesOnly });
  }

  /**
   * newGraph(undefined, true): every node's values, no edges, no tags. The same graph for every
   * report of a profile with the same graph options (Top and then the Graph of one query, the
   * first step of both), so it is kept per profile and options and shared, read-only.
   */
  private valuesOnlyGraph(): Graph {
    const o = this.options;
    for (let i = 0; i < this.functionFiles.length; i++) {
      this.functionFiles[i] = trimPath(this.functionFiles[i], o.trimPath, o.sourcePath);
    }
    const gopt = { ...this.graphOptions(undefined), nodesOnly: true };
    // Everything newGraph reads besides the profile (tags are off for a values-only graph).
    const key = JSON.stringify([gopt.sampleValue, gopt.sampleMeanDivisor ?? null, gopt.dropNegative ?? null, gopt.aggregation ?? null, gopt.objNames ?? null, gopt.origFnNames ?? null, this.functionFiles]);
    let byKey = valuesOnlyGraphs.get(this.profile.samples);
    if (byKey === undefined) valuesOnlyGraphs.set(this.profile.samples, (byKey = new Map()));
    let g = byKey.get(key);
    if (g !== undefined) {
      reusedGraphs.count++;
      byKey.delete(key);
    } else {
      g = newGraph(this.profile, gopt).graph;
    }
    byKey.set(key, g);
    while (byKey.size > VALUES_ONLY_GRAPHS) byKey.delete(byKey.keys().next().value!);
    return g;
  }

  /** The graph of the current file names (no further trimPath), for a rebuild of the same step. */
  private buildGraph(kept: NodeSet | undefined, nodesOnly: boolean): Graph {
    return newGraph(this.profile, { ...this.graphOptions(kept), nodesOnly }).graph;
  }

  /**
   * Builds the graph trimmed by the options (pprof's newTrimmedGraph): nodes with |cum| under
   * nodeFraction of the total are dropped, then nodes are sorted and the first nodeCount kept;
   * each step rebuilds the graph from the samples, so gaps become residual edges.
   */
  newTrimmedGraph(): TrimmedGraph {
    const o = this.options;
    const visualMode = o.outputFormat === 'dot';
    const cumSort = o.cumSort;
    // 1. The complete graph, to find low frequency nodes by their cum weight. With a node
    //    cutoff, only its node values: when nodes are dropped (nearly always on big profiles)
    //    the graph is rebuilt from the samples, so edges and tags would be thrown away.
    const valuesOnly = o.nodeFraction !== 0;
    let g = valuesOnly ? this.valuesOnlyGraph() : this.newGraph(undefined, false);
    let complete = !valuesOnly;
    const [totalValue] = sumNodes(g.nodes);
    const nodeCutoff = Math.abs(goInt64(totalValue * o.nodeFraction));
    const edgeCutoff = Math.abs(goInt64(totalValue * o.edgeFraction));
    let droppedNodes = 0;
    if (nodeCutoff > 0) {
      const nodesKept = g.discardLowFrequencyNodes(nodeCutoff);
      if (g.nodes.length !== nodesKept.size) {
        droppedNodes = g.nodes.length - nodesKept.size;
        g = this.newGraph(nodesKept);
        complete = true;
      }
    }
    // Every node kept: the complete graph after all, with its edges (file names already cleaned
    // up once for this step, as pprof's single newGraph call does).
    if (!complete) g = this.buildGraph(undefined, false);
    const origCount = g.nodes.length;
    // 2. Limit the number of nodes.
    g.sortNodes(cumSort, visualMode);
    if (o.nodeCount > 0) {
      // Remove low frequency tags and edges as they affect selection.
      g.trimLowFrequencyTags(nodeCutoff);
      g.trimLowFrequencyEdges(edgeCutoff);
      const nodesKept = g.selectTopNodes(o.nodeCount, visualMode);
      if (g.nodes.length !== nodesKept.size) {
        g = this.newGraph(nodesKept);
        g.sortNodes(cumSort, visualMode);
      }
    }
    // 3. Filter out low frequency tags and edges, and remove redundant edges that clutter the graph.
    g.trimLowFrequencyTags(nodeCutoff);
    const droppedEdges = g.trimLowFrequencyEdges(edgeCutoff);
    if (visualMode) g.removeRedundantEdges();
    return { graph: g, origCount, droppedNodes, droppedEdges };
  }

  /**
   * With output unit "minimum", picks one unit for the whole report from the smallest non-zero
   * node value and the total (pprof's selectOutputUnit): the smallest value's unit, or a larger
   * one when values span more than 100x, so that the smallest prints as at least 0.01.
   */
  selectOutputUnit(g: Graph): void {
    const o = this.options;
    if (this.outputUnit !== 'minimum' || g.nodes.length === 0) return;
    let minValue = 0;
    for (const n of g.nodes) {
      let nodeMin = Math.abs(n.flatValue());
      if (nodeMin === 0) nodeMin = Math.abs(n.cumValue());
      if (nodeMin > 0 && (minValue === 0 || nodeMin < minValue)) minValue = nodeMin;
    }
    let maxValue = this.total;
    if (minValue === 0) minValue = maxValue;
    const r = o.ratio;
    if (r > 0 && r !== 1) {
      minValue = goInt64(minValue * r);
      maxValue = goInt64(maxValue * r);
    }
    const [, minUnit] = scale(minValue, o.sampleUnit, 'minimum');
    const [, maxUnit] = scale(maxValue, o.sampleUnit, 'minimum');
    let unit = minUnit;
    if (minUnit !== maxUnit && minValue * 100 < maxValue) {
      // Scale the minimum by 100 to use larger units, so it still prints as at least 0.01.
      [, unit] = scale(100 * minValue, o.sampleUnit, 'minimum');
    }
    this.outputUnit = unit !== '' ? unit : o.sampleUnit;
  }
}

/** newReport builds a Report (pprof's report.New): the total of the profile unless options.total is set. */
export function newReport(p: Profile, options: ReportOptions): Report {
  return new Report(p, options);
}

// ---- Header lines ----

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * formatProfileTime formats nanoseconds since the epoch in the local time zone as Go's
 * "Jan 2, 2006 at 3:04pm (MST)". The zone abbreviation comes from Intl ("UTC", "PST"); for zones
 * Intl names "GMT+1" where Go's tzdata says "CET", the two differ.
 */
export function formatProfileTime(timeNanos: bigint): string {
  let ms = timeNanos / 1_000_000n;
  if (timeNanos < 0n && timeNanos % 1_000_000n !== 0n) ms -= 1n;
  const d = new Date(Number(ms));
  const h = d.getHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const y = d.getFullYear();
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${monthNames[d.getMonth()]} ${d.getDate()}, ${year} at ${h12}:${minutes}${h >= 12 ? 'pm' : 'am'} (${zoneAbbreviation(d)})`;
}

function zoneAbbreviation(d: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * reportProfileLabels returns the header lines of a report (pprof's ProfileLabels): File: and
 * Build ID: of the main mapping, comments not starting with "#", Type:, Time: and
 * "Duration: d, Total samples = t (x%)", formatted in the report's current unit.
 */
export function reportProfileLabels(rpt: Report): string[] {
  const labels: string[] = [];
  const p = rpt.profile;
  const o = rpt.options;
  if (p.mappings.length > 0) {
    if (p.mappings[0].file !== '') labels.push('File: ' + pathBase(p.mappings[0].file));
    if (p.mappings[0].buildId !== '') labels.push('Build ID: ' + p.mappings[0].buildId);
  }
  for (const c of p.comments) {
    if (!c.startsWith('#')) labels.push(c);
  }
  if (o.sampleType !== '') labels.push('Type: ' + o.sampleType);
  if (p.timeNanos !== 0n) labels.push('Time: ' + formatProfileTime(p.timeNanos));
  if (p.durationNanos !== 0) {
    const duration = label(p.durationNanos, 'nanoseconds');
    const [totalNanos, totalUnit] = scale(rpt.total, o.sampleUnit, 'nanoseconds');
    let ratio = '';
    if (totalUnit === 'ns' && totalNanos !== 0) ratio = '(' + percentage(goInt64(totalNanos), p.durationNanos) + ')';
    labels.push(`Duration: ${duration}, Total samples = ${rpt.formatValue(rpt.total)} ${ratio}`);
  }
  return labels;
}

/**
 * profileLabels returns the header lines pprof prints for a profile with these options
 * (File:, Build ID:, comments, Type:, Time:, Duration:), formatting values in options.outputUnit
 * as -traces does. Reports that choose a unit first (-top) print theirs from the chosen unit.
 */
export function profileLabels(p: Profile, options: ReportOptions): string[] {
  return reportProfileLabels(new Report(p, options));
}

/** reportLabels returns the header lines of a graph report: profile labels, active filters, "Showing nodes accounting for...", dropped counts. */
export function reportLabels(rpt: Report, t: TrimmedGraph, fullHeaders: boolean): string[] {
  const o = rpt.options;
  const g = t.graph;
  const nodeCount = g.nodes.length;
  let labels: string[] = [];
  if (o.profileLabels.length > 0) labels.push(...o.profileLabels);
  else if (fullHeaders || !o.compactLabels) labels = reportProfileLabels(rpt);
  let flatSum = 0;
  for (const n of g.nodes) flatSum += n.flatValue();
  if (o.activeFilters.length > 0) labels.push(...legendActiveFilters(o.activeFilters));
  labels.push(
    `Showing nodes accounting for ${rpt.formatValue(flatSum)}, ${percentage(flatSum, rpt.total).trim()} of ${rpt.formatValue(rpt.total)} total`,
  );
  if (rpt.total !== 0) {
    if (t.droppedNodes > 0) {
      labels.push(genLabel(t.droppedNodes, 'node', 'cum', rpt.formatValue(Math.abs(goInt64(rpt.total * o.nodeFraction)))));
    }
    if (t.droppedEdges > 0) {
      labels.push(genLabel(t.droppedEdges, 'edge', 'freq', rpt.formatValue(Math.abs(goInt64(rpt.total * o.edgeFraction)))));
    }
    if (nodeCount > 0 && nodeCount < t.origCount) labels.push(`Showing top ${nodeCount} nodes out of ${t.origCount}`);
  }
  // Help new users understand the graph (the newline is intended).
  if (fullHeaders) labels.push('\nSee https://git.io/JfYMW for how to read the graph');
  return labels;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

function legendActiveFilters(activeFilters: readonly string[]): string[] {
  const out = ['Active filters:'];
  for (let s of activeFilters) {
    const bytes = utf8Encoder.encode(s);
    // pprof cuts at 80 bytes, not characters.
    if (bytes.length > 80) s = utf8Decoder.decode(bytes.subarray(0, 80)) + '…';
    out.push('   ' + s);
  }
  return out;
}

function genLabel(d: number, n: string, l: string, f: string): string {
  if (d > 1) n = n + 's';
  return `Dropped ${d} ${n} (${l} <= ${f})`;
}

// ---- -top ----

/** TextItem is one row of the -top report, raw values next to their formatted text (pprof's TextItem). */
export interface TextItem {
  name: string;
  /** "(inline)", "(partial-inline)" or "". */
  inlineLabel: string;
  flat: number;
  cum: number;
  flatFormat: string;
  cumFormat: string;
}

// "(inline)" when every caller edge is inline, "(partial-inline)" when only some are.
function inlineLabel(n: Node): string {
  let inline = false;
  let noinline = false;
  for (const e of n.in.values()) {
    if (e.inline) inline = true;
    else noinline = true;
  }
  return inline ? (noinline ? '(partial-inline)' : '(inline)') : '';
}

/** textItems returns the rows and header lines of the -top report (pprof's TextItems); it selects the report's output unit. */
export function textItems(rpt: Report): { items: TextItem[]; labels: string[]; graph: Graph } {
  const t = rpt.newTrimmedGraph();
  rpt.selectOutputUnit(t.graph);
  const labels = reportLabels(rpt, { ...t, droppedEdges: 0 }, false);
  const items: TextItem[] = t.graph.nodes.map((n) => {
    const flat = n.flatValue();
    const cum = n.cumValue();
    return {
      name: n.printableName(),
      inlineLabel: inlineLabel(n),
      flat,
      cum,
      flatFormat: rpt.formatValue(flat),
      cumFormat: rpt.formatValue(cum),
    };
  });
  return { items, labels, graph: t.graph };
}

/** printText renders the -top report: header lines, the column titles, then one row per node. */
export function printText(rpt: Report): string {
  const { items, labels } = textItems(rpt);
  const out: string[] = [labels.join('\n') + '\n'];
  out.push(`${padLeft('flat', 10)} ${padLeft('flat', 5)}% ${padLeft('sum', 5)}% ${padLeft('cum', 10)} ${padLeft('cum', 5)}%\n`);
  let flatSum = 0;
  for (const item of items) {
    const inl = item.inlineLabel !== '' ? ' ' + item.inlineLabel : '';
    flatSum += item.flat;
    out.push(
      `${padLeft(item.flatFormat, 10)} ${percentage(item.flat, rpt.total)} ${percentage(flatSum, rpt.total)} ` +
        `${padLeft(item.cumFormat, 10)} ${percentage(item.cum, rpt.total)}  ${item.name}${inl}\n`,
    );
  }
  return out.join('');
}

/** TopRow is one -top row as data for the UI: raw values and percentages, never formatted text. */
export interface TopRow {
  /** pprof's printable name (what -top prints). */
  name: string;
  /** "(inline)", "(partial-inline)" or "". */
  inlineLabel: string;
  flat: number;
  cum: number;
  /** Running sum of flat down to this row (the sum% column's value). */
  sum: number;
  /** |flat| / total × 100, and likewise: what percentage() prints, unformatted. */
  flatPercent: number;
  sumPercent: number;
  cumPercent: number;
  functionName: string;
  /** Source file ("" when the granularity or the profile has none), after pprof's trimPath. */
  file: string;
  /** Line number, 0 unless the granularity is lines (or addresses). */
  line: number;
  address: bigint;
  /**
   * For navigation whatever the granularity: the file and start line of the first function of
   * the profile with this row's function name (raw profile path; "" and 0 when unknown).
   */
  functionFile: string;
  functionStartLine: number;
}

/** TopReport is the -top report as data: rows in -top order, the header lines and what formatting needs. */
export interface TopReport {
  rows: TopRow[];
  labels: string[];
  total: number;
  /** Unit the -top report formats values in (selected from "minimum"). */
  outputUnit: string;
  sampleUnit: string;
  ratio: number;
}

/**
 * topRows computes the -top report as data: the same rows, in the same order, with the same
 * numbers as printText. Format values with formatReportValue(v, sampleUnit, outputUnit, ratio)
 * and percentages with percentage(v, total) to get -top's text.
 */
export function topRows(p: Profile, options: ReportOptions): TopReport {
  const rpt = new Report(p, { ...options, outputFormat: 'text' });
  const { labels, graph } = textItems(rpt);
  const pct = (v: number) => (rpt.total !== 0 ? Math.abs(v / rpt.total) * 100 : 0);
  const functionSource = new Map<string, { file: string; startLine: number }>();
  for (const f of p.functions) {
    if (f.filename !== '' && !functionSource.has(f.name)) functionSource.set(f.name, { file: f.filename, startLine: f.startLine });
  }
  let sum = 0;
  const rows = graph.nodes.map((n): TopRow => {
    const flat = n.flatValue();
    const cum = n.cumValue();
    sum += flat;
    return {
      name: n.printableName(),
      inlineLabel: inlineLabel(n),
      flat,
      cum,
      sum,
      flatPercent: pct(flat),
      sumPercent: pct(sum),
      cumPercent: pct(cum),
      functionName: n.info.name,
      file: n.info.file,
      line: n.info.lineno,
      address: n.info.address,
      functionFile: functionSource.get(n.info.name)?.file ?? '',
      functionStartLine: functionSource.get(n.info.name)?.startLine ?? 0,
    };
  });
  return { rows, labels, total: rpt.total, outputUnit: rpt.outputUnit, sampleUnit: rpt.options.sampleUnit, ratio: rpt.options.ratio };
}

// ---- -traces ----

/** printTraces renders -traces: the header, then every sample's stack (leaf first) with its value and labels. */
export function printTraces(rpt: Report): string {
  const p = rpt.profile;
  const o = rpt.options;
  const out: string[] = [reportProfileLabels(rpt).join('\n') + '\n'];
  const separator = '-----------+-------------------------------------------------------';
  // pprof builds these nodes with default graph options: no trimPath, no binary names.
  const { locationNodes } = createNodes(p, {
    sampleValue: o.sampleIndex,
    aggregation: aggregationFor(o.granularity, o.inlineFrames),
  });
  const s = p.samples;
  const nv = s.numValues;
  for (let i = 0; i < s.count; i++) {
    const stack: { name: string; inline: boolean }[] = [];
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) {
      const nodes = locationNodes[s.stack[j]];
      for (let k = 0; k < nodes.length; k++) {
        // The inline flag may be inaccurate with 'show' or 'hide' (pprof issue 511).
        stack.push({ name: nodes[k]!.printableName(), inline: k !== nodes.length - 1 });
      }
    }
    if (stack.length === 0) continue;
    out.push(separator + '\n');
    // Labels, grouped by key in sample order: string labels, then numeric ones, each sorted.
    const strLabels = new Map<string, string[]>();
    const numLabels = new Map<string, number[]>();
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
      const key = p.strings[s.labelKey[j]];
      if (s.labelUnit[j] === -1) pushTo(strLabels, key, p.strings[s.labelValue[j]]);
      else pushTo(numLabels, key, s.labelValue[j]);
    }
    const labels: string[] = [];
    for (const [k, vs] of strLabels) labels.push(`${padLeft(k, 10)}:  ${vs.join(' ')}\n`);
    labels.sort(compareStrings);
    out.push(labels.join(''));
    const nums: string[] = [];
    for (const [k, vs] of numLabels) {
      const unit = o.numLabelUnits.get(k) ?? '';
      nums.push(`${padLeft(k, 10)}:  ${vs.map((v) => label(v, unit)).join(' ')}\n`);
    }
    nums.sort(compareStrings);
    out.push(nums.join(''));
    let v = s.values[i * nv + o.sampleIndex];
    const d = o.sampleMeanDivisorIndex === undefined ? 0 : s.values[i * nv + o.sampleMeanDivisorIndex];
    if (d !== 0) v = Math.trunc(v / d);
    for (let k = 0; k < stack.length; k++) {
      const vs = k === 0 ? rpt.formatValue(v) : '';
      out.push(`${padLeft(vs, 10)}   ${stack[k].name}${stack[k].inline ? ' (inline)' : ''}\n`);
    }
  }
  out.push(separator + '\n');
  return out.join('');
}

function pushTo<T>(m: Map<string, T[]>, k: string, v: T): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

// ---- -tree ----

/** printTree renders -tree (and -peek when options.symbol is set): each node with its callers above and callees below. */
export function printTree(rpt: Report): string {
  const separator = '----------------------------------------------------------+-------------';
  const legend = '      flat  flat%   sum%        cum   cum%   calls calls% + context 	 	 ';
  const t = rpt.newTrimmedGraph();
  const g = t.graph;
  rpt.selectOutputUnit(g);
  const out: string[] = [reportLabels(rpt, { ...t, droppedEdges: 0 }, false).join('\n') + '\n'];
  out.push(separator + '\n', legend + '\n');
  let flatSum = 0;
  const rx = rpt.options.symbol;
  let matched = 0;
  for (const n of g.nodes) {
    const name = n.printableName();
    const flat = n.flatValue();
    const cum = n.cumValue();
    // Skip entries that do not match the regexp (the "peek" command).
    if (rx && name.search(rx) === -1) continue;
    matched++;
    out.push(separator + '\n');
    for (const e of sortEdges(n.in)) {
      const inline = e.inline ? ' (inline)' : '';
      out.push(`${padLeft(rpt.formatValue(e.weight), 50)} ${percentage(e.weight, cum)} |   ${e.src.printableName()}${inline}\n`);
    }
    flatSum += flat;
    out.push(
      `${padLeft(rpt.formatValue(flat), 10)} ${percentage(flat, rpt.total)} ${percentage(flatSum, rpt.total)} ` +
        `${padLeft(rpt.formatValue(cum), 10)} ${percentage(cum, rpt.total)}                | ${name}\n`,
    );
    for (const e of sortEdges(n.out)) {
      const inline = e.inline ? ' (inline)' : '';
      out.push(`${padLeft(rpt.formatValue(e.weight), 50)} ${percentage(e.weight, cum)} |   ${e.dest.printableName()}${inline}\n`);
    }
  }
  if (g.nodes.length > 0) out.push(separator + '\n');
  if (rx && matched === 0) throw new ProfileError(`no matches found for regexp: ${rx.source}`);
  return out.join('');
}
