// The profile view's questions, answered in the worker from the engine's reports: the Top table
// (the -top report, re-ordered, searched and paged), Peek (the -peek report as data), the labels
// offered as tag filters, and a check of a query's filters. Every number is the engine's, and
// every text comes from the one formatter, so the table reads exactly like `go tool pprof -top`.
import { prepareReport, type Config, type PreparedReport } from '../core/driver';
import { compareStrings } from '../core/goPath';
import { compileGoRegexp } from '../core/goRegexp';
import { sortEdges, type Node } from '../core/graph';
import { label, percentage } from '../core/measurement';
import type { Profile } from '../core/profile';
import { Report, formatReportValue, profileLabels, reportLabels, topRows, type TopReport, type TopRow } from '../core/report/report';
import { numLabelUnits } from '../core/transform';
import {
  queryKey,
  type LabelKeyInfo,
  type PeekEdge,
  type PeekReport,
  type Query,
  type QueryCheck,
  type SourceRef,
  type TopArgs,
  type TopPage,
  type TopRowView,
  type TopSortKey,
  type ViewGranularity,
} from '../shared/protocol';
import { exactRegexp } from '../shared/refinements';
import { trace } from './trace';

/** The trace step of a Top report that started from the summary's prepared report (opening prepares it once). */
export const TOP_REUSED_SUMMARY_REPORT = "top reuses the summary's report";

/** How many -top reports stay cached (each query, granularity, order and cutoff is one). */
const TOP_CACHE_SIZE = 4;
/** Most label values offered per key (high-cardinality labels such as thread ids). */
const DEFAULT_LABEL_LIMIT = 200;
/** Most rows one Top page holds. */
const MAX_PAGE = 5000;

/** One computed -top report with what paging needs. */
interface TopModel {
  report: TopReport;
  warnings: string[];
  /** Row indices in the last requested order and search (cached for scrolling). */
  view: { key: string; indices: Int32Array } | undefined;
}

/** The function's source for navigation: its file and a line to land on. */
interface FunctionSource {
  file: string;
  line: number;
}

/**
 * ProfileViews answers the profile view's questions for one profile. Invariant: `profile` is the
 * fetched profile (merged, drop_frames applied) that every report starts from; `config(q)` is
 * pprof's config for a query (sample index and filters), fresh on each call.
 */
export class ProfileViews {
  private readonly topModels = new Map<string, TopModel>();
  /**
   * The -top report the summary prepared for its header lines (topHeaderLines), for the first Top
   * page of the same config: opening a profile prepares it once instead of twice. Weakly held:
   * if the first view is another one, it costs no memory.
   */
  private preparedTop: { key: string; prepared: WeakRef<PreparedReport>; warnings: string[] } | undefined;
  private functionSources: Map<string, FunctionSource> | undefined;

  constructor(
    private readonly profile: Profile,
    private readonly config: (q: Query) => Config,
    /** A function's hottest line for a query (-list's numbers), where Open Source on it lands. */
    private readonly hotLineOf: (q: Query, functionName: string) => SourceRef | undefined = () => undefined,
  ) {}

  /** The -top report (granularity, -cum, cutoff as asked), then a page of it in the asked order. */
  top(args: TopArgs): TopPage {
    const model = this.topModel(args.query, args.granularity, args.cumSort ?? false, args.showAll ?? false);
    const rows = model.report.rows;
    const indices = this.viewIndices(model, args);
    const offset = Math.max(0, Math.min(Math.floor(args.offset), indices.length));
    const end = Math.min(indices.length, offset + Math.max(0, Math.min(Math.floor(args.limit), MAX_PAGE)));
    const page: TopRowView[] = [];
    for (let i = offset; i < end; i++) page.push(this.rowView(model.report, rows[indices[i]], indices[i], args));
    return { rows: page, offset, matched: indices.length, count: rows.length, labels: model.report.labels, warnings: model.warnings };
  }

  /**
   * The profile header lines of the -top report of `cfg` (the summary's), keeping its prepared
   * report for a Top of the same config that comes next.
   */
  topHeaderLines(cfg: Config): string[] {
    const warnings: string[] = [];
    const prepared = prepareReport(this.profile, { name: 'top' }, cfg, (w) => warnings.push(w));
    this.preparedTop = { key: JSON.stringify(cfg), prepared: new WeakRef(prepared), warnings };
    return profileLabels(prepared.profile, prepared.options);
  }

  private topModel(q: Query, granularity: ViewGranularity, cumSort: boolean, showAll: boolean): TopModel {
    const key = JSON.stringify([queryKey(q), granularity, cumSort, showAll]);
    const cached = this.topModels.get(key);
    if (cached) {
      // Most recently used last, so the oldest goes first.
      this.topModels.delete(key);
      this.topModels.set(key, cached);
      return cached;
    }
    const cfg = this.config(q);
    cfg.granularity = granularity;
    cfg.sort = cumSort ? 'cum' : 'flat';
    if (showAll) cfg.nodeFraction = 0;
    // The summary's prepared report when it is this one (taken once), else a fresh one.
    const handed = this.preparedTop;
    this.preparedTop = undefined;
    const reused = handed?.key === JSON.stringify(cfg) ? handed.prepared.deref() : undefined;
    // In the opt-in trace (benchmarks, and the test that checks the handover): which Top it served.
    if (reused) trace(TOP_REUSED_SUMMARY_REPORT);
    const warnings: string[] = reused ? [...handed!.warnings] : [];
    const { profile, options } = reused ?? prepareReport(this.profile, { name: 'top' }, cfg, (w) => warnings.push(w));
    const model: TopModel = { report: topRows(profile, options), warnings, view: undefined };
    this.topModels.set(key, model);
    while (this.topModels.size > TOP_CACHE_SIZE) this.topModels.delete(this.topModels.keys().next().value!);
    return model;
  }

  /** Indices of the rows matching the search, in the asked order (cached per order and search). */
  private viewIndices(model: TopModel, args: TopArgs): Int32Array {
    const search = args.search ?? '';
    const key = JSON.stringify([args.order?.key ?? '', args.order?.descending ?? true, search]);
    if (model.view?.key === key) return model.view.indices;
    const rows = model.report.rows;
    let list: number[] = [];
    if (search === '') {
      list = rows.map((_, i) => i);
    } else {
      const rx = compileSearch(search);
      rows.forEach((r, i) => {
        if (rx.test(r.name)) list.push(i);
      });
    }
    if (args.order) {
      const cmp = rowComparator(args.order.key);
      const sign = args.order.descending ? -1 : 1;
      // Ties keep the engine's order whatever the direction.
      list.sort((a, b) => sign * cmp(rows[a], rows[b]) || a - b);
    }
    const indices = Int32Array.from(list);
    model.view = { key, indices };
    return indices;
  }

  private rowView(report: TopReport, r: TopRow, rank: number, { granularity }: TopArgs): TopRowView {
    const fmt = (v: number) => formatReportValue(v, report.sampleUnit, report.outputUnit, report.ratio);
    return {
      rank,
      name: r.name,
      inlineLabel: r.inlineLabel,
      functionName: r.functionName,
      flat: r.flat,
      cum: r.cum,
      flatText: fmt(r.flat),
      cumText: fmt(r.cum),
      flatPercent: percentage(r.flat, report.total).trim(),
      sumPercent: percentage(r.sum, report.total).trim(),
      cumPercent: percentage(r.cum, report.total).trim(),
      // The function's own place, not its hottest line: that needs the query's -list index, a
      // second full pass the table must not wait for (Open Source asks functionSource).
      source: this.sourceOf(r.functionName, r.file, r.line),
      hotLineOnOpen: r.functionName !== '' && !(r.file !== '' && r.line > 0),
      refine: granularity === 'files' ? exactRegexp(r.file) : exactRegexp(r.functionName),
    };
  }

  /**
   * Where a node leads: its own file and line when it has them (line granularity); else the
   * function's hottest line for the query (what the annotations mark), else its start line, or (Go
   * profiles before 1.20 carry none) the first line of the function seen in the profile; at file
   * granularity the file's first line.
   */
  sourceOf(functionName: string, file: string, line: number, query?: Query): SourceRef | undefined {
    if (file !== '' && line > 0) return { file, line };
    const hot = query && functionName !== '' ? this.hotLineOf(query, functionName) : undefined;
    if (hot) return hot;
    const fs = functionName !== '' ? this.functionStart(functionName) : undefined;
    if (fs) return { file: fs.file, line: fs.line };
    if (file !== '') return { file, line: 1 };
    return undefined;
  }

  /** Where Open Source on a function lands for a query: its hottest line, else its start line. */
  functionSource(query: Query, functionName: string): SourceRef | undefined {
    return this.sourceOf(functionName, '', 0, query);
  }

  private functionStart(name: string): FunctionSource | undefined {
    if (!this.functionSources) {
      const m = new Map<string, FunctionSource & { fromStart: boolean }>();
      // 1. Start lines from the function table.
      for (const f of this.profile.functions) {
        if (f.filename !== '' && !m.has(f.name)) m.set(f.name, { file: f.filename, line: f.startLine, fromStart: f.startLine > 0 });
      }
      // 2. Without one, the smallest line any location of the function records.
      for (const loc of this.profile.locations) {
        for (const l of loc.lines) {
          const e = l.function ? m.get(l.function.name) : undefined;
          if (!e || e.fromStart || l.line <= 0 || l.function!.filename !== e.file) continue;
          if (e.line <= 0 || l.line < e.line) e.line = l.line;
        }
      }
      for (const e of m.values()) if (e.line <= 0) e.line = 1;
      this.functionSources = m;
    }
    return this.functionSources.get(name);
  }

  /** -peek: the nodes whose printable name matches `regexp`, each with its callers and callees. */
  peek(args: { query: Query; granularity: ViewGranularity; regexp: string }): PeekReport {
    const cfg = this.config(args.query);
    cfg.granularity = args.granularity;
    const warnings: string[] = [];
    const { profile, options } = prepareReport(this.profile, { name: 'peek', arg: args.regexp }, cfg, (w) => warnings.push(w));
    // 1. pprof's printTree: the (untrimmed) graph, one unit for the whole report.
    const rpt = new Report(profile, options);
    const t = rpt.newTrimmedGraph();
    const g = t.graph;
    rpt.selectOutputUnit(g);
    const labels = reportLabels(rpt, { ...t, droppedEdges: 0 }, false);
    const rx = options.symbol!;
    const fmt = (v: number) => rpt.formatValue(v);
    const edge = (other: Node, weight: number, cum: number, inline: boolean): PeekEdge => ({
      name: other.printableName(),
      value: weight,
      valueText: fmt(weight),
      percent: percentage(weight, cum).trim(),
      inline,
      source: this.sourceOf(other.info.name, other.info.file, other.info.lineno, args.query),
    });
    // 2. Each matching node in the report's order; sum% runs over the matches only, as in -peek.
    const entries: PeekReport['entries'] = [];
    let flatSum = 0;
    for (const n of g.nodes) {
      const name = n.printableName();
      if (name.search(rx) === -1) continue;
      const flat = n.flatValue();
      const cum = n.cumValue();
      flatSum += flat;
      entries.push({
        name,
        flat,
        cum,
        flatText: fmt(flat),
        flatPercent: percentage(flat, rpt.total).trim(),
        sumPercent: percentage(flatSum, rpt.total).trim(),
        cumText: fmt(cum),
        cumPercent: percentage(cum, rpt.total).trim(),
        source: this.sourceOf(n.info.name, n.info.file, n.info.lineno, args.query),
        refine: args.granularity === 'files' ? exactRegexp(n.info.file) : exactRegexp(n.info.name),
        callers: sortEdges(n.in).map((e) => edge(e.src, e.weight, cum, e.inline)),
        callees: sortEdges(n.out).map((e) => edge(e.dest, e.weight, cum, e.inline)),
      });
    }
    return { labels, entries, warnings };
  }

  /**
   * Label keys of the profile with their values, string keys then numeric ones, each value
   * weighed like pprof's -tags: the sum of |value| of the query's sample type (heaviest first).
   */
  labels(args: { query: Query; limit?: number }): LabelKeyInfo[] {
    const limit = args.limit ?? DEFAULT_LABEL_LIMIT;
    const p = this.profile;
    const s = p.samples;
    const nv = s.numValues;
    const t = p.sampleTypes[args.query.sampleIndex];
    if (!t) throw new Error(`sample index ${args.query.sampleIndex} is out of range`);
    const { units } = numLabelUnits(p);
    // key → value → [samples, weight]; numeric values keyed by their number.
    const strings = new Map<string, Map<string, Weight>>();
    const numbers = new Map<string, Map<number, Weight>>();
    for (let i = 0; i < s.count; i++) {
      const w = Math.abs(s.values[i * nv + args.query.sampleIndex]);
      for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) {
        const key = p.strings[s.labelKey[j]];
        if (s.labelUnit[j] === -1) bump(strings, key, p.strings[s.labelValue[j]], w);
        else bump(numbers, key, s.labelValue[j], w);
      }
    }
    const fmt = (v: number) => formatReportValue(v, t.unit, 'minimum', 1);
    const heaviest = <K>(a: [K, Weight], b: [K, Weight]) => b[1].weight - a[1].weight || b[1].samples - a[1].samples;
    const out: LabelKeyInfo[] = [];
    for (const [key, values] of [...strings].sort((a, b) => compareStrings(a[0], b[0]))) {
      const sorted = [...values].sort((a, b) => heaviest(a, b) || compareStrings(a[0], b[0]));
      out.push({
        key,
        numeric: false,
        unit: '',
        values: sorted.slice(0, limit).map(([value, w]) => ({ value, text: value, samples: w.samples, weight: w.weight, weightText: fmt(w.weight) })),
        truncated: sorted.length > limit,
      });
    }
    for (const [key, values] of [...numbers].sort((a, b) => compareStrings(a[0], b[0]))) {
      const unit = units.get(key) ?? '';
      const sorted = [...values].sort((a, b) => heaviest(a, b) || a[0] - b[0]);
      out.push({
        key,
        numeric: true,
        unit,
        values: sorted.slice(0, limit).map(([v, w]) => ({ value: String(v), text: label(v, unit), samples: w.samples, weight: w.weight, weightText: fmt(w.weight) })),
        truncated: sorted.length > limit,
      });
    }
    return out;
  }

  /** Runs the query's filters (as -top would) to report a bad expression or pprof's warnings. */
  checkQuery(args: { query: Query }): QueryCheck {
    const warnings: string[] = [];
    try {
      prepareReport(this.profile, { name: 'top' }, this.config(args.query), (w) => warnings.push(w));
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), warnings };
    }
    return { error: undefined, warnings };
  }
}

/** How many samples carry a label value, and their weight. */
interface Weight {
  samples: number;
  weight: number;
}

function bump<K>(m: Map<string, Map<K, Weight>>, key: string, value: K, weight: number): void {
  let values = m.get(key);
  if (!values) m.set(key, (values = new Map()));
  const w = values.get(value);
  if (w) {
    w.samples++;
    w.weight += weight;
  } else values.set(value, { samples: 1, weight });
}

/** The search box's Go regexp; throws with pprof's wording when it does not compile. */
function compileSearch(search: string): RegExp {
  try {
    return compileGoRegexp(search);
  } catch (e) {
    throw new Error(`parsing search regexp: ${(e as Error).message}`);
  }
}

/** Compares two rows by a column, ascending. */
function rowComparator(key: TopSortKey): (a: TopRow, b: TopRow) => number {
  switch (key) {
    case 'flat':
      return (a, b) => a.flat - b.flat;
    case 'flatPercent':
      return (a, b) => Math.abs(a.flat) - Math.abs(b.flat);
    case 'sum':
      return (a, b) => a.sum - b.sum;
    case 'cum':
      return (a, b) => a.cum - b.cum;
    case 'cumPercent':
      return (a, b) => Math.abs(a.cum) - Math.abs(b.cum);
    case 'name':
      return (a, b) => compareStrings(a.name, b.name);
    default: {
      const never: never = key;
      throw new Error(`unknown sort key ${String(never)}`);
    }
  }
}
