// The flame graph of a profile: the call tree pprof's web UI draws (Go 1.19.8's vendored pprof,
// internal/driver/flamegraph.go). pprof builds it with CallTree on and trimming off: graph.New's
// newTree makes one node per distinct caller→callee path (a node is a NodeInfo under one parent;
// inlined frames are nodes of their own), a node's value is the sum of the samples whose stack
// passes through that path, and a "root" node holds the roots (its value is the sum of theirs).
// d3-flame-graph then draws it as an icicle (root at top), children sorted by pprof's short name
// (`.sort(true)` on ShortenFunctionName), widths by value.
//
// The tree is kept implicit. Every sample's frames (root first) are a string of frame keys; the
// samples are sorted lexicographically with a sample that ends sorted after those that go
// deeper. Then every tree node is a contiguous range of sorted samples (those sharing its path),
// its children are consecutive sub-ranges in pprof's order, its own samples (self) close the
// range, and prefix sums of the sample values give any node's value for any type in O(1). A 1M
// sample profile with unique deep tails has ~16M tree nodes (measured on bench/generate.ts):
// materializing them costs GBs, while this costs the sorted permutation and the prefix sums, and
// a view materializes only the nodes wide enough to be drawn.
//
// Differences from pprof, on purpose:
// - values of every sample type per node (pprof keeps only the selected one), summed over the
//   same samples (those whose selected value is non-zero), for tooltips;
// - widths come from `abs`, the sum of |value| of the selected type: on a -diff_base profile a
//   node's signed value can be smaller than its children's (+5 and -5 cancel), so signed values
//   cannot lay out an icicle; abs always covers the children and equals pprof's total at the root;
// - a node whose signed value is 0 but that carries samples is kept (pprof 1.19's
//   selectNodesForGraph drops it and leaves its children dangling as JSON nulls).
import { compareStrings, pathClean } from '../goPath';
import { compileTrustedGoRegexp } from '../goRegexp';
import { aggregationFor, createNodes, printableName } from '../graph';
import type { Profile, ValueType } from '../profile';
import { trimPath } from '../trimPath';
import type { ReportOptions } from './options';
import { prepareReport, type Config } from '../driver';
import { computeTotal } from './report';

/** Flag bit of FlameTree.flags: every call into this frame from its parent was inlined. */
export const FLAME_INLINE = 1;
/** Flag bit of FlameTree.flags: some children of this node are not in the view (narrower than minAbs, or off the focus path). */
export const FLAME_TRUNCATED = 2;

/** A node of the flame tree, as a view request names it: its depth and any sample position in its range. */
export interface FlameFocus {
  depth: number;
  pos: number;
}

/**
 * FlameTree is a view of pprof's flame graph tree in columns: the path from the root to the
 * focus node, then the focus node's subtree without children narrower than minAbs. Nodes are in
 * depth-first pre-order with children in pprof's flame graph order (short name, then full name);
 * node 0 is "root". Invariants: node i's subtree in the view is [i, end[i]); parent[i] < i
 * (parent[0] = -1); children's abs sum to at most their parent's, laid out left to right from
 * the parent's start; abs[i] > 0 except for the root of an empty profile; (depth, pos) names the
 * node in later requests for the same query.
 */
export interface FlameTree {
  /** The profile's sample types; values and self have one column per type. */
  sampleTypes: ValueType[];
  /** The sample type the tree is built for (widths, which samples count). */
  sampleIndex: number;
  /** pprof's total of each sample type, for percentages (before filters, as pprof's reports). */
  totals: number[];
  /** Whether the selected type has negative values (a -diff_base profile): color by sign. */
  diff: boolean;
  /** Frame names of this view (pprof's printable names); names[0] is "root". */
  names: string[];
  /** pprof's ShortenFunctionName of each name: what a frame shows. */
  shortNames: string[];
  /** Source file of each name as written in the profile (path cleaned, as -list), "" when unknown. */
  files: string[];
  /** Source line of each name (the function's start line, else a line seen), 0 when unknown. */
  lines: number[];
  /** Samples that make up the tree (non-zero value of the selected type, at least one frame). */
  samples: number;
  /** Number of nodes of this view. */
  count: number;
  /** Index of the focus node in this view (0 when the focus is the root). */
  focus: number;
  /** Children narrower than this (in abs units) were left out; their parent has FLAME_TRUNCATED. */
  minAbs: number;
  /** Index into names of each node. */
  name: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  /** End (exclusive) of each node's subtree in the view. */
  end: Int32Array;
  /** First sorted-sample position of each node: with depth, its FlameFocus. */
  pos: Int32Array;
  /** Left edge of each node in abs units from the root's left edge. */
  start: Float64Array;
  /** Width: sum of |value| of the selected type over the samples through the node. */
  abs: Float64Array;
  /** Signed cum of every type: values[node * sampleTypes.length + t]. */
  values: Float64Array;
  /** Signed self (samples ending at the node) of every type, laid out as values. */
  self: Float64Array;
  /** FLAME_* bits. */
  flags: Uint8Array;
}

/** What a search matched: the samples with a matching frame anywhere on their stack, each counted once. */
export interface FlameSearchResult {
  /** The distinct frame names (printable names) that match, sorted. */
  names: string[];
  /** Sum of every type over the matched samples of the whole tree. */
  values: number[];
  /** The same over the focus node's samples (equal to values without a focus). */
  focusValues: number[];
}

// pprof's ShortenFunctionName expressions (internal/graph/graph.go).
const javaRegExp = compileTrustedGoRegexp(`^(?:[a-z]\\w*\\.)*([A-Z][\\w\\$]*\\.(?:<init>|[a-z][\\w\\$]*(?:\\$\\d+)?))(?:(?:\\()|$)`);
const goRegExp = compileTrustedGoRegexp(`^(?:[\\w\\-\\.]+\\/)+(.+)`);
const goVerRegExp = compileTrustedGoRegexp(`^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$`);
const cppRegExp = compileTrustedGoRegexp(`^(?:[_a-zA-Z]\\w*::)+(_*[A-Z]\\w*::~?[_a-zA-Z]\\w*(?:<.*>)?)`);
const cppAnonymousPrefixRegExp = compileTrustedGoRegexp(`^\\(anonymous namespace\\)::`);

/** shortenFunctionName is pprof's ShortenFunctionName: the name without package path, module version or arguments. */
export function shortenFunctionName(f: string): string {
  f = f.replace(cppAnonymousPrefixRegExp, '');
  f = f.replace(goVerRegExp, '$1$2');
  for (const re of [goRegExp, javaRegExp, cppRegExp]) {
    const m = re.exec(f);
    if (m && m.length >= 2) return m.slice(1).join('');
  }
  return f;
}

/** Options of FlameIndex.view. */
export interface FlameViewOptions {
  /** The node whose subtree the view shows (default: the root). */
  focus?: FlameFocus;
  /** Children narrower than this fraction of the focus node are left out (default 0: none). */
  minFraction?: number;
  /** Upper bound on the view's nodes: minFraction is doubled until the view fits (default: none). */
  maxNodes?: number;
}

/**
 * FlameIndex holds pprof's flame graph tree of one query implicitly (see the file comment) and
 * answers views and searches. Invariant: the samples are in lexicographic order of their frame
 * keys (a sample that ends after those that continue), and prefix/absPrefix are the running sums of
 * the values and |selected value| in that order.
 */
export class FlameIndex {
  private constructor(
    readonly sampleTypes: ValueType[],
    readonly sampleIndex: number,
    readonly totals: number[],
    readonly diff: boolean,
    /** Printable name, short name, file and line of each frame key (key = rank in pprof's order). */
    private readonly keyName: string[],
    private readonly keyShort: string[],
    private readonly keyFile: string[],
    private readonly keyLine: Int32Array,
    /** Number of samples in the tree. */
    readonly samples: number,
    /** Where each sorted sample's frames start in `frames` (samples + 1 entries). */
    private readonly framesStart: Int32Array,
    /** Frame keys of the sorted samples, root first: key << 1 | inline bit. */
    private readonly frames: Int32Array,
    private readonly prefix: Float64Array,
    private readonly absPrefix: Float64Array,
    /** Nodes (depth * (samples + 1) + pos) whose frame is inlined under some callers and not others. */
    private readonly mixedInline: Set<number>,
  ) {}

  /**
   * Builds the index of a filtered profile (what prepareReport returns) for `o.sampleIndex`, with
   * frames at `o.granularity` (applied as a view, so `p` may be unaggregated: then frames know
   * their source file). `totals` gives pprof's total per type (defaults: o.total for the
   * selected type, computeTotal of `p` for the others).
   */
  static build(p: Profile, o: ReportOptions, totals?: number[]): FlameIndex {
    const nt = p.sampleTypes.length;
    const sel = o.sampleIndex;
    // 1. Frame identities as the report graph makes them (NodeInfo after aggregation and trimPath).
    const functionFiles = p.functions.map((f) => trimPath(f.filename, o.trimPath, o.sourcePath));
    const { nodes: infos, locationNodes } = createNodes(p, { sampleValue: sel, aggregation: aggregationFor(o.granularity, o.inlineFrames), functionFiles });
    const infoName = infos.map((n) => printableName(n.info));
    const infoShort = infoName.map(shortenFunctionName);
    // 2. Keys in pprof's sibling order: short name, full name, then creation order for equal names.
    const order = infos.map((_, i) => i);
    order.sort((x, y) => compareStrings(infoShort[x], infoShort[y]) || compareStrings(infoName[x], infoName[y]) || x - y);
    const keyOf = new Int32Array(infos.length);
    order.forEach((info, key) => (keyOf[info] = key));
    const keyName = order.map((i) => infoName[i]);
    const keyShort = order.map((i) => infoShort[i]);
    const keyFile = new Array<string>(order.length).fill('');
    const keyLine = new Int32Array(order.length);
    // 3. Frames of every location outermost first, as key << 1 | inline; where each key's source is.
    const locStart = new Int32Array(p.locations.length + 1);
    let nf = 0;
    for (const l of p.locations) {
      locStart[l.index] = nf;
      nf += locationNodes[l.index].length;
    }
    locStart[p.locations.length] = nf;
    const locFrame = new Int32Array(nf);
    for (const l of p.locations) {
      const ns = locationNodes[l.index];
      const ls = !o.inlineFrames && l.lines.length > 1 ? l.lines.slice(l.lines.length - 1) : l.lines;
      for (let k = 0; k < ns.length; k++) {
        const key = keyOf[ns[k]!.id];
        // line[0] is the innermost frame; every frame but the last (outermost) is inlined.
        locFrame[locStart[l.index] + ns.length - 1 - k] = (key << 1) | (k !== ns.length - 1 ? 1 : 0);
        const fn = ls[k]?.function;
        if (fn && keyFile[key] === '' && functionFiles[fn.index] !== '') {
          keyFile[key] = pathClean(functionFiles[fn.index]);
          keyLine[key] = fn.startLine || ls[k]!.line;
        }
      }
    }
    // 4. The samples of the tree (pprof's newTree skips zero values; a sample without frames has
    //    no node), their frames root first.
    const s = p.samples;
    const nv = s.numValues;
    const { stack, stackStart, values: vals } = s;
    let count = 0;
    let frameCount = 0;
    for (let i = 0; i < s.count; i++) {
      if (vals[i * nv + sel] === 0) continue;
      let len = 0;
      for (let j = stackStart[i], e = stackStart[i + 1]; j < e; j++) len += locStart[stack[j] + 1] - locStart[stack[j]];
      if (len === 0) continue;
      count++;
      frameCount += len;
    }
    const orig = new Int32Array(count);
    const framesStart = new Int32Array(count + 1);
    const frames = new Int32Array(frameCount);
    let diff = false;
    for (let i = 0, c = 0, f = 0; i < s.count; i++) {
      const w = vals[i * nv + sel];
      if (w === 0) continue;
      const begin = f;
      for (let j = stackStart[i + 1] - 1, e = stackStart[i]; j >= e; j--) {
        const l = stack[j];
        for (let k = locStart[l], ke = locStart[l + 1]; k < ke; k++) frames[f++] = locFrame[k];
      }
      if (f === begin) continue;
      if (w < 0) diff = true;
      orig[c] = i;
      framesStart[++c] = f;
    }
    // 5. Sort; lay the frames out in sorted order (views and searches then read nearby memory),
    //    and sum in sorted order.
    const { perm, mixedInline } = sortSamples(framesStart, frames, order.length);
    const sortedStart = new Int32Array(count + 1);
    const sorted = new Int32Array(frameCount);
    for (let k = 0, f = 0; k < count; k++) {
      const i = perm[k];
      for (let x = framesStart[i], e = framesStart[i + 1]; x < e; x++) sorted[f++] = frames[x];
      sortedStart[k + 1] = f;
    }
    const prefix = new Float64Array((count + 1) * nt);
    const absPrefix = new Float64Array(count + 1);
    for (let k = 0; k < count; k++) {
      const i = orig[perm[k]];
      for (let t = 0; t < nt; t++) prefix[(k + 1) * nt + t] = prefix[k * nt + t] + vals[i * nv + t];
      const w = vals[i * nv + sel];
      absPrefix[k + 1] = absPrefix[k] + (w < 0 ? -w : w);
    }
    const total = (t: number) => (totals ? totals[t] : t === sel && o.total !== undefined ? o.total : computeTotal(p, t));
    return new FlameIndex(
      p.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
      sel,
      p.sampleTypes.map((_, t) => total(t)),
      diff,
      keyName,
      keyShort,
      keyFile,
      keyLine,
      count,
      sortedStart,
      sorted,
      prefix,
      absPrefix,
      mixedInline,
    );
  }

  /** Frame key of the sample at sorted position k at frame index j, or END past its last frame. */
  private keyAt(k: number, j: number): number {
    const at = this.framesStart[k] + j;
    return at < this.framesStart[k + 1] ? this.frames[at] >> 1 : END;
  }

  /** First position in (k, b] whose key at frame j is greater than `key` (keys ascend in the range). */
  private runEnd(k: number, b: number, j: number, key: number): number {
    // Galloping: runs are usually short, and a long one costs only its logarithm.
    let lo = k;
    let step = 1;
    let hi = k + 1;
    while (hi < b && this.keyAt(hi, j) <= key) {
      lo = hi;
      step *= 2;
      hi = Math.min(b, hi + step);
    }
    // Invariant: keyAt(lo) <= key, and hi === b or keyAt(hi) > key.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid, j) <= key) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** First position in [a, k] whose key at frame j equals that at k (keys ascend in the range). */
  private runStart(a: number, k: number, j: number): number {
    const key = this.keyAt(k, j);
    let hi = k;
    let step = 1;
    let lo = k - 1;
    while (lo >= a && this.keyAt(lo, j) >= key) {
      hi = lo;
      step *= 2;
      lo = Math.max(a - 1, lo - step);
    }
    // Invariant: keyAt(hi) === key, and lo === a - 1 or keyAt(lo) < key.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid, j) >= key) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** First position in [a, b] whose absPrefix is at least `v`, or b + 1 when none is. */
  private absReaching(a: number, b: number, v: number): number {
    let lo = a;
    let hi = b + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.absPrefix[mid] >= v) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The range [a, b) of the node at `focus` (depth clipped to the sample's frames), and its depth. */
  private locate(focus: FlameFocus | undefined): { a: number; b: number; depth: number; chain: Array<[number, number]> } {
    let a = 0;
    let b = this.samples;
    const chain: Array<[number, number]> = [[a, b]];
    if (!focus || this.samples === 0) return { a, b, depth: 0, chain };
    const pos = Math.min(Math.max(0, Math.trunc(focus.pos)), this.samples - 1);
    // Each level is a run of equal keys inside its parent's range: two gallops per level.
    for (let j = 0; j < focus.depth; j++) {
      const key = this.keyAt(pos, j);
      if (key === END) break;
      const na = this.runStart(a, pos, j);
      const nb = this.runEnd(pos, b, j, key);
      a = na;
      b = nb;
      chain.push([a, b]);
    }
    return { a, b, depth: chain.length - 1, chain };
  }

  /** The view of the focus node's subtree (and the path to it); see FlameViewOptions. */
  view(opts: FlameViewOptions = {}): FlameTree {
    const { a, b, depth, chain } = this.locate(opts.focus);
    const focusAbs = this.absPrefix[b] - this.absPrefix[a];
    let minAbs = Math.max(0, opts.minFraction ?? 0) * focusAbs;
    const maxNodes = opts.maxNodes ?? Infinity;
    for (;;) {
      const v = this.tryView(chain, depth, minAbs, maxNodes);
      if (v) return v;
      // Too many nodes: make the threshold coarser (never below one sample's worth).
      minAbs = minAbs > 0 ? minAbs * 2 : focusAbs / Math.max(1, maxNodes);
    }
  }

  private tryView(chain: Array<[number, number]>, focusDepth: number, minAbs: number, maxNodes: number): FlameTree | undefined {
    const nt = this.sampleTypes.length;
    const b = new ViewBuilder(nt);
    // 1. The path from the root to the focus: each ancestor shows only the next node.
    let parent = -1;
    for (let d = 0; d < focusDepth; d++) {
      const [from, to] = chain[d];
      parent = this.emit(b, parent, d, from, to);
      this.setSelf(b, parent, this.selfStart(from, to, d));
      b.flags[parent] |= FLAME_TRUNCATED;
    }
    // 2. The focus subtree in pre-order: a stack of pending nodes (parent, depth, from, to),
    //    each emitted when popped, then its children found and pushed last-first. Children are
    //    runs of equal keys, narrow ones skipped in bulk; the node's own samples end the range.
    let stack = new Int32Array(1024);
    stack.set([parent, focusDepth, chain[focusDepth][0], chain[focusDepth][1]]);
    let sp = 4;
    let children = new Int32Array(256);
    while (sp > 0) {
      if (b.count >= maxNodes) return undefined;
      const to = stack[--sp];
      const from = stack[--sp];
      const d = stack[--sp];
      const v = this.emit(b, stack[--sp], d, from, to);
      let nc = 0;
      let selfFrom = to;
      let k = from;
      while (k < to) {
        const key = this.keyAt(k, d);
        if (key === END) {
          selfFrom = k;
          break;
        }
        const e = this.runEnd(k, to, d, key);
        if (this.absPrefix[e] - this.absPrefix[k] >= minAbs) {
          if (nc + 2 > children.length) children = grown(children);
          children[nc++] = k;
          children[nc++] = e;
          k = e;
          continue;
        }
        // A narrow run: every run that ends before the sum from k reaches minAbs is narrow too,
        // so jump to the run holding position z - 1 (it starts at or after e).
        b.flags[v] |= FLAME_TRUNCATED;
        const z = this.absReaching(e, to, this.absPrefix[k] + minAbs);
        if (z > to) {
          selfFrom = this.selfStart(e, to, d);
          break;
        }
        k = this.runStart(e, z - 1, d);
      }
      this.setSelf(b, v, selfFrom);
      // Pushed last-first, so that the first child is emitted next (pre-order).
      while (sp + 2 * nc > stack.length) stack = grown(stack);
      for (let c = nc - 2; c >= 0; c -= 2) {
        stack[sp++] = v;
        stack[sp++] = d + 1;
        stack[sp++] = children[c];
        stack[sp++] = children[c + 1];
      }
    }
    return b.finish(this, focusDepth, minAbs);
  }

  /** Where the samples ending at depth d start in [a, b) (they sort last). */
  private selfStart(a: number, b: number, d: number): number {
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid, d) === END) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Appends node (depth d, samples [a, b)) under `parent`; its self comes with setSelf. */
  private emit(vb: ViewBuilder, parent: number, d: number, a: number, b: number): number {
    const nt = this.sampleTypes.length;
    let key = -1;
    let inline = false;
    if (d > 0) {
      const f = this.frames[this.framesStart[a] + d - 1];
      key = f >> 1;
      inline = (f & 1) === 1 && !this.mixedInline.has(d * (this.samples + 1) + a);
    }
    const v = vb.add(parent, d, a, b, key, this.absPrefix[a], this.absPrefix[b] - this.absPrefix[a], inline ? FLAME_INLINE : 0);
    for (let t = 0; t < nt; t++) vb.values[v * nt + t] = this.prefix[b * nt + t] - this.prefix[a * nt + t];
    return v;
  }

  /** Sets the self values of view node v: its samples from selfFrom to its range's end. */
  private setSelf(vb: ViewBuilder, v: number, selfFrom: number): void {
    const nt = this.sampleTypes.length;
    const b = vb.to[v];
    for (let t = 0; t < nt; t++) vb.self[v * nt + t] = this.prefix[b * nt + t] - this.prefix[selfFrom * nt + t];
  }

  /** Name data of a key, for ViewBuilder.finish. */
  keyData(key: number): { name: string; short: string; file: string; line: number } {
    if (key < 0) return { name: 'root', short: 'root', file: '', line: 0 };
    return { name: this.keyName[key], short: this.keyShort[key], file: this.keyFile[key], line: this.keyLine[key] };
  }

  /**
   * The samples with a frame whose printable name `match` accepts, counted once each (nested
   * matches do not add up twice), over the whole tree and over the focus node.
   */
  search(match: (name: string) => boolean, focus?: FlameFocus): FlameSearchResult {
    const nt = this.sampleTypes.length;
    const matched = new Uint8Array(this.keyName.length);
    const names = new Set<string>();
    this.keyName.forEach((n, key) => {
      if (match(n)) {
        matched[key] = 1;
        names.add(n);
      }
    });
    const { a, b } = this.locate(focus);
    const values = new Array<number>(nt).fill(0);
    const focusValues = new Array<number>(nt).fill(0);
    if (names.size === 0) return { names: [], values, focusValues };
    // Runs of matched samples are summed with the prefix sums, once per run.
    const { framesStart, frames, prefix } = this;
    let runFrom = -1;
    const flush = (to: number) => {
      if (runFrom < 0) return;
      for (let t = 0; t < nt; t++) values[t] += prefix[to * nt + t] - prefix[runFrom * nt + t];
      const fa = Math.max(runFrom, a);
      const fb = Math.min(to, b);
      if (fa < fb) for (let t = 0; t < nt; t++) focusValues[t] += prefix[fb * nt + t] - prefix[fa * nt + t];
      runFrom = -1;
    };
    for (let k = 0; k < this.samples; k++) {
      let hit = false;
      for (let f = framesStart[k], e = framesStart[k + 1]; f < e; f++) {
        if (matched[frames[f] >> 1] === 1) {
          hit = true;
          break;
        }
      }
      if (hit) {
        if (runFrom < 0) runFrom = k;
      } else flush(k);
    }
    flush(this.samples);
    return { names: [...names].sort(compareStrings), values, focusValues };
  }
}

/** A copy of `a` twice as long. */
function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Key of a sample that has no frame at some index: sorts after every frame key. */
const END = 0x7fffffff;

/** Grows the columns of a view; finish() turns them into a FlameTree. */
class ViewBuilder {
  count = 0;
  parent = new Int32Array(256);
  depth = new Int32Array(256);
  pos = new Int32Array(256);
  to = new Int32Array(256);
  key = new Int32Array(256);
  start = new Float64Array(256);
  abs = new Float64Array(256);
  flags = new Uint8Array(256);
  values: Float64Array;
  self: Float64Array;

  constructor(private readonly nt: number) {
    this.values = new Float64Array(256 * nt);
    this.self = new Float64Array(256 * nt);
  }

  add(parent: number, depth: number, pos: number, to: number, key: number, start: number, abs: number, flags: number): number {
    if (this.count === this.parent.length) this.grow();
    const v = this.count++;
    this.parent[v] = parent;
    this.depth[v] = depth;
    this.pos[v] = pos;
    this.to[v] = to;
    this.key[v] = key;
    this.start[v] = start;
    this.abs[v] = abs;
    this.flags[v] = flags;
    return v;
  }

  private grow(): void {
    const n = this.parent.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.parent = g(this.parent, new Int32Array(n));
    this.depth = g(this.depth, new Int32Array(n));
    this.pos = g(this.pos, new Int32Array(n));
    this.to = g(this.to, new Int32Array(n));
    this.key = g(this.key, new Int32Array(n));
    this.start = g(this.start, new Float64Array(n));
    this.abs = g(this.abs, new Float64Array(n));
    this.flags = g(this.flags, new Uint8Array(n));
    this.values = g(this.values, new Float64Array(n * this.nt));
    this.self = g(this.self, new Float64Array(n * this.nt));
  }

  finish(ix: FlameIndex, focus: number, minAbs: number): FlameTree {
    const n = this.count;
    // 1. The view's own name table, in first-use order.
    const names: string[] = [];
    const shortNames: string[] = [];
    const files: string[] = [];
    const lines: number[] = [];
    const nameOfKey = new Map<number, number>();
    const byName = new Map<string, number>();
    const name = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      const key = this.key[v];
      let nm = nameOfKey.get(key);
      if (nm === undefined) {
        const d = ix.keyData(key);
        // Distinct NodeInfos may print alike (they differ in fields names omit): one name each.
        nm = byName.get(d.name);
        if (nm === undefined) {
          nm = names.length;
          names.push(d.name);
          shortNames.push(d.short);
          files.push(d.file);
          lines.push(d.line);
          byName.set(d.name, nm);
        }
        nameOfKey.set(key, nm);
      }
      name[v] = nm;
    }
    // 2. Subtree ends: nodes are in pre-order, so a parent's subtree ends where its last child's does.
    const end = new Int32Array(n);
    for (let v = 0; v < n; v++) end[v] = v + 1;
    for (let v = n - 1; v > 0; v--) {
      const q = this.parent[v];
      if (end[v] > end[q]) end[q] = end[v];
    }
    return {
      sampleTypes: ix.sampleTypes,
      sampleIndex: ix.sampleIndex,
      totals: ix.totals,
      diff: ix.diff,
      names,
      shortNames,
      files,
      lines,
      samples: ix.samples,
      count: n,
      focus,
      minAbs,
      name,
      parent: this.parent.slice(0, n),
      depth: this.depth.slice(0, n),
      end,
      pos: this.pos.slice(0, n),
      start: this.start.slice(0, n),
      abs: this.abs.slice(0, n),
      values: this.values.slice(0, n * this.nt),
      self: this.self.slice(0, n * this.nt),
      flags: this.flags.slice(0, n),
    };
  }
}

/** Runs below this size are sorted by insertion, larger ones by counting. */
const SMALL_RUN = 24;

/**
 * sortSamples orders the samples lexicographically by frame key, a sample that ends after those
 * that continue (pprof's flame graph draws children left to right and self at the right end).
 * Most-significant-frame first: each run of samples sharing a prefix is sorted by the next frame,
 * then split into runs, each a tree node. While splitting it records the nodes whose inline bit
 * differs between their samples (pprof's edge is inline only when every call was).
 */
function sortSamples(framesStart: Int32Array, frames: Int32Array, numKeys: number): { perm: Int32Array; mixedInline: Set<number> } {
  const n = framesStart.length - 1;
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) perm[k] = k;
  const mixedInline = new Set<number>();
  if (n < 2) return { perm, mixedInline };
  // Per position of the run being sorted: the sample's frame at j (key << 1 | inline bit), or END.
  const keys = new Int32Array(n);
  const scratch = new Int32Array(n);
  const scratchKeys = new Int32Array(n);
  // Bucket counts, then offsets, by key; zero between runs (only the keys a run used are reset).
  const bucket = new Int32Array(numKeys + 1);
  const distinct = new Int32Array(numKeys + 1);
  // Depths (relative to a run's frame index) where the run's samples disagree on the inline bit.
  let maxLen = 0;
  for (let i = 0; i < n; i++) maxLen = Math.max(maxLen, framesStart[i + 1] - framesStart[i]);
  const inlineDiffers = new Uint8Array(maxLen + 1);
  const differs = new Int32Array(maxLen + 1);
  // The work stack: (from, to, frame index) of runs that share frames [0, j). Runs on it are
  // disjoint, so n/2 + 1 entries always suffice.
  const work = new Int32Array(3 * (Math.floor(n / 2) + 2));
  let sp = 0;
  work[sp++] = 0;
  work[sp++] = n;
  work[sp++] = 0;
  while (sp > 0) {
    let j = work[--sp];
    const b = work[--sp];
    const a = work[--sp];
    const m = b - a;
    // 1. The run's common prefix beyond j is one chain of nodes (long shared prefixes are the
    //    common case): find its length comparing each sample with the first, frame by frame in
    //    memory order, noting depths where the inline bits disagree; then go to its end.
    const fp = framesStart[perm[a]];
    let common = framesStart[perm[a] + 1] - fp - j;
    let nd = 0;
    for (let k = a + 1; k < b && common > 0; k++) {
      const p = framesStart[perm[k]];
      const lim = Math.min(common, framesStart[perm[k] + 1] - p - j);
      let x = 0;
      while (x < lim) {
        const f = frames[p + j + x];
        const g = frames[fp + j + x];
        if (f >> 1 !== g >> 1) break;
        if (((f ^ g) & 1) !== 0 && inlineDiffers[x] === 0) {
          inlineDiffers[x] = 1;
          differs[nd++] = x;
        }
        x++;
      }
      common = x;
    }
    for (let q = 0; q < nd; q++) {
      const x = differs[q];
      if (x < common) mixedInline.add((j + x + 1) * (n + 1) + a);
      inlineDiffers[x] = 0;
    }
    j += common;
    let allEnd = true;
    for (let k = a; k < b; k++) {
      const i = perm[k];
      const at = framesStart[i] + j;
      const f = at < framesStart[i + 1] ? frames[at] : END;
      keys[k] = f;
      if (f !== END) allEnd = false;
    }
    if (allEnd) continue; // every sample ends here: the node's self
    // 2. Sort perm[a, b) (and keys) by key, ignoring the inline bit.
    if (m <= SMALL_RUN) {
      for (let k = a + 1; k < b; k++) {
        const f = keys[k];
        const key = f >> 1;
        const i = perm[k];
        let x = k - 1;
        while (x >= a && keys[x] >> 1 > key) {
          keys[x + 1] = keys[x];
          perm[x + 1] = perm[x];
          x--;
        }
        keys[x + 1] = f;
        perm[x + 1] = i;
      }
    } else {
      // A stable counting sort, buckets indexed by key (END counts as numKeys).
      let nk = 0;
      for (let k = a; k < b; k++) {
        const kk = keys[k] === END ? numKeys : keys[k] >> 1;
        if (bucket[kk]++ === 0) distinct[nk++] = kk;
      }
      const used = distinct.subarray(0, nk);
      if (nk > 1) used.sort();
      let at = a;
      for (let q = 0; q < nk; q++) {
        const kk = used[q];
        const c = bucket[kk];
        bucket[kk] = at;
        at += c;
      }
      for (let k = a; k < b; k++) {
        const kk = keys[k] === END ? numKeys : keys[k] >> 1;
        const to = bucket[kk]++;
        scratch[to] = perm[k];
        scratchKeys[to] = keys[k];
      }
      for (let k = a; k < b; k++) {
        perm[k] = scratch[k];
        keys[k] = scratchKeys[k];
      }
      for (let q = 0; q < nk; q++) bucket[used[q]] = 0;
    }
    // 3. Split into runs of equal keys: each is the tree node at depth j + 1; note the ones whose
    //    samples disagree on the inline bit.
    let k = a;
    while (k < b && keys[k] !== END) {
      const key = keys[k] >> 1;
      const bit = keys[k] & 1;
      let mixed = false;
      let e = k + 1;
      for (; e < b && keys[e] !== END && keys[e] >> 1 === key; e++) if ((keys[e] & 1) !== bit) mixed = true;
      if (mixed) mixedInline.add((j + 1) * (n + 1) + k);
      if (e - k >= 2) {
        work[sp++] = k;
        work[sp++] = e;
        work[sp++] = j + 1;
      }
      k = e;
    }
  }
  return { perm, mixedInline };
}

/**
 * buildFlameIndex is pprof's flame graph pipeline on a fetched profile: the report of `cfg`
 * (sample index, filters, granularity) with CallTree on and no trimming, as FlameIndex.
 * prepareReport aggregates last; granularity "addresses" with inline frames keeps every frame
 * attribute, so the frames still know their source files: the real granularity is then applied
 * as a view when the frames are made, which gives the same nodes.
 */
export function buildFlameIndex(p: Profile, cfg: Config, warn?: (m: string) => void): FlameIndex {
  const { profile, options } = prepareReport(p, { name: 'top' }, { ...cfg, granularity: 'addresses', noInlines: false }, warn);
  const o: ReportOptions = { ...options, granularity: cfg.granularity, inlineFrames: !cfg.noInlines };
  // Percentages are of the unfiltered profile unless relative (as options.total is).
  const totals = p.sampleTypes.map((_, t) =>
    t === o.sampleIndex && o.total !== undefined ? o.total : computeTotal(cfg.relativePercentages ? profile : p, t),
  );
  return FlameIndex.build(profile, o, totals);
}
