// "Whose line is it": charges each sample to the leaf-most frame of its stack that is the user's
// own code, so that a leak allocated inside bytes.Repeat (inlined into the user's Track) or a
// goroutine parked in runtime.gopark is ranked at the user's line that caused it. The predicate
// ("is this frame the user's") is decided where the knowledge is (the editor knows the workspace,
// the CLI knows go.mod) and injected here. pprof's own numbers are untouched: the -list graph is
// built as buildLineIndex builds it, and attribution is one more walk over the same samples.
import type { Config } from './driver';
import { prepareReport } from './driver';
import type { LocationNodes, Node, NodeInfo } from './graph';
import type { Profile } from './profile';
import { indexLines, type LineIndex } from './report/lineIndex';
import { Report } from './report/report';

/** Whether a frame (a -list graph node: function name, file after trimPath, line) is the user's own code. */
export type YourCodePredicate = (frame: NodeInfo) => boolean;

/** What a charged line calls into: the frame just below it on the charged stacks, and how much went that way. */
export interface ViaShare {
  name: string;
  /** The callee frame's file (after trimPath, as -list shows it) and line. */
  file: string;
  line: number;
  /** The callee is inlined into the charged line (same location): "bytes.Repeat inlined into Track". */
  inline: boolean;
  /** Sum of the charged sample values that went through this callee (raw, like LineEntry.flat). */
  value: number;
}

/** A tag of the charged stacks with its value (a goroutine's wait reason, its entry function). */
export interface TagShare {
  tag: string;
  value: number;
}

/**
 * Charge is what one -list graph node is charged with. Invariant: `value` is the sum of the
 * values of the samples whose leaf-most user frame is this node (or, for samples without a user
 * frame, whose leaf it is); `via` values sum to at most `value` (the rest are samples where the
 * node is the leaf itself); every list is sorted by value, largest |value| first.
 */
export interface Charge {
  node: Node;
  /** The node is the user's code (false: it is the leaf of stacks that have no user frame). */
  user: boolean;
  value: number;
  via: ViaShare[];
  /** The outermost frame (the goroutine's entry function) of the charged stacks. */
  entries: TagShare[];
  /** The tag nearest the charged frame among the frames below it (see AttributionOptions.tagFrame). */
  tags: TagShare[];
}

/** Options of an attribution walk. */
export interface AttributionOptions {
  /**
   * Tags a frame below the charged one (toward the leaf), such as a goroutine's wait reason
   * (runtime.chanrecv1 → "chan receive"); the tagged frame nearest the charged frame wins.
   */
  tagFrame?: (frame: NodeInfo) => string | undefined;
}

/**
 * Attribution is the -list index of a report (pprof's numbers, for annotations) plus the charges
 * of the same samples. Invariant: the charges' values sum to the sum of the index's flat values
 * (nothing is lost: a sample without a user frame stays on its leaf).
 */
export interface Attribution {
  index: LineIndex;
  charges: Charge[];
}

/**
 * buildAttribution computes the -list graph of `p` (a fetched profile) for a config, as
 * buildLineIndex does, and charges every sample to its leaf-most user frame. Throws ProfileError
 * (bad sample index, bad filter regexp).
 */
export function buildAttribution(p: Profile, config: Config, isUser: YourCodePredicate, opts: AttributionOptions = {}, warn?: (m: string) => void): Attribution {
  const { profile, options } = prepareReport(p, { name: 'list', arg: '.' }, config, warn);
  const rpt = new Report(profile, options);
  // Node values only: attribution and the index need no edges.
  const { graph, locationNodes } = rpt.newGraphWithLocations(undefined, true);
  const index = indexLines(graph.nodes, rpt.total, options);
  return { index, charges: chargeSamples(profile, locationNodes, options.sampleIndex, isUser, opts) };
}

/**
 * chargeSamples walks every sample of a prepared profile leaf first and charges its value
 * (column `sampleIndex`) to the first frame for which `isUser` holds, or to its leaf when none
 * does. Frames are the graph's nodes (`locationNodes`, innermost line first), so inlined frames
 * count. Samples skipped by pprof's graph (zero value, empty stack) are skipped here too.
 */
export function chargeSamples(p: Profile, locationNodes: LocationNodes, sampleIndex: number, isUser: YourCodePredicate, opts: AttributionOptions = {}): Charge[] {
  // 1. The predicate and the tag of each node, decided once per node.
  const decided = new Map<Node, boolean>();
  const user = (n: Node): boolean => {
    let d = decided.get(n);
    if (d === undefined) decided.set(n, (d = isUser(n.info)));
    return d;
  };
  const tagged = new Map<Node, string | undefined>();
  const tagOf = (n: Node): string | undefined => {
    if (!opts.tagFrame) return undefined;
    if (!tagged.has(n)) tagged.set(n, opts.tagFrame(n.info));
    return tagged.get(n);
  };
  // 2. Walk the samples, leaf first, keeping the frames seen below the charged one.
  const charges = new Map<Node, { c: Charge; via: Map<string, ViaShare>; entries: Map<string, number>; tags: Map<string, number> }>();
  const s = p.samples;
  const nv = s.numValues;
  const below: Node[] = [];
  for (let i = 0; i < s.count; i++) {
    const w = s.values[i * nv + sampleIndex];
    if (w === 0) continue;
    const start = s.stackStart[i];
    const end = s.stackStart[i + 1];
    if (start === end) continue;
    below.length = 0;
    let charged: Node | undefined;
    let callee: Node | undefined;
    let calleeInline = false;
    for (let j = start; j < end && !charged; j++) {
      const ns = locationNodes[s.stack[j]];
      let sameLocation = false;
      for (let k = 0; k < ns.length; k++) {
        const n = ns[k];
        if (!n) continue;
        if (user(n)) {
          charged = n;
          // A callee in the same location as the charged frame is inlined into it.
          calleeInline = sameLocation;
          break;
        }
        callee = n;
        sameLocation = true;
        below.push(n);
      }
    }
    const isUserFrame = charged !== undefined;
    if (!charged) {
      charged = locationNodes[s.stack[start]][0] ?? undefined;
      if (!charged) continue;
      callee = undefined;
    }
    let e = charges.get(charged);
    if (!e) {
      e = { c: { node: charged, user: isUserFrame, value: 0, via: [], entries: [], tags: [] }, via: new Map(), entries: new Map(), tags: new Map() };
      charges.set(charged, e);
    }
    e.c.value += w;
    // The same node below (recursion through a library) is not "what it calls into".
    if (callee && callee !== charged) {
      const key = `${callee.id}\u0000${calleeInline}`;
      const v = e.via.get(key);
      if (v) v.value += w;
      else e.via.set(key, { name: callee.info.name, file: callee.info.file, line: callee.info.lineno, inline: calleeInline, value: w });
    }
    // The entry function: the outermost frame of the stack.
    const rootNodes = locationNodes[s.stack[end - 1]];
    const root = rootNodes[rootNodes.length - 1];
    if (root) e.entries.set(root.info.name, (e.entries.get(root.info.name) ?? 0) + w);
    if (opts.tagFrame && isUserFrame) {
      // The tag nearest the charged frame: scan from the top of `below` (just under it) down to the leaf.
      for (let b = below.length - 1; b >= 0; b--) {
        const t = tagOf(below[b]);
        if (t !== undefined) {
          e.tags.set(t, (e.tags.get(t) ?? 0) + w);
          break;
        }
      }
    }
  }
  // 3. Sorted lists, largest first; ties by name for a stable order.
  const byValue = <T extends { value: number }>(key: (x: T) => string) => (a: T, b: T) => Math.abs(b.value) - Math.abs(a.value) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const out: Charge[] = [];
  for (const { c, via, entries, tags } of charges.values()) {
    c.via = [...via.values()].sort(byValue((v) => `${v.name}:${v.file}:${v.line}`));
    c.entries = [...entries].map(([tag, value]) => ({ tag, value })).sort(byValue((t) => t.tag));
    c.tags = [...tags].map(([tag, value]) => ({ tag, value })).sort(byValue((t) => t.tag));
    out.push(c);
  }
  return out;
}

/** One source line ranked by what it is charged with: the charges of its nodes (one per function). */
export interface ChargedLine {
  file: string;
  line: number;
  value: number;
  charges: Charge[];
}

/**
 * chargedLines sums the charges by source line (file as -list shows it), largest |value| first,
 * ties by place. Charges of nodes without a file or line (which -list cannot show) are left out.
 */
export function chargedLines(charges: readonly Charge[]): ChargedLine[] {
  const byKey = new Map<string, ChargedLine>();
  for (const c of charges) {
    const { file, lineno } = c.node.info;
    if (file === '' || lineno === 0) continue;
    const key = `${file}\u0000${lineno}`;
    let l = byKey.get(key);
    if (!l) byKey.set(key, (l = { file, line: lineno, value: 0, charges: [] }));
    l.value += c.value;
    l.charges.push(c);
  }
  return [...byKey.values()].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/**
 * formatVia says what a charged line calls into, for hovers, suspect rows and the CLI:
 * "via bytes.Repeat (bytes/bytes.go:610, inlined) 100%". The percentage is of `of` (the line's
 * charged value), rounded; "<1%" below one percent. Plain text: escape it for Markdown.
 */
export function formatVia(v: ViaShare, of: number): string {
  const where = v.line > 0 ? `${v.file}:${v.line}` : v.file;
  const detail = [where, v.inline ? 'inlined' : ''].filter((x) => x !== '').join(', ');
  return `via ${v.name}${detail ? ` (${detail})` : ''} ${sharePercent(v.value, of)}`;
}

/** A share as a whole percentage ("100%", "37%", "<1%"); "0%" when `of` is 0. */
export function sharePercent(value: number, of: number): string {
  if (of === 0) return '0%';
  const r = Math.abs(value / of) * 100;
  if (r > 0 && r < 1) return '<1%';
  return `${Math.round(r)}%`;
}
