// Reads pprof's -dot text back into what carries its numbers, so that tests comparing two graphs
// (ours and go tool pprof's, or the worker's layout and the -dot report) can name what differs.

/** The parts of a dot text that carry pprof's numbers: nodes by name with their label, edges by end names with their label. */
export interface DotSummary {
  nodes: Map<string, string>;
  edges: Map<string, string>;
}

/** Parses pprof's -dot text: nodes are named by their tooltip (nodelets by parent and label), edges by their ends. */
export function summarizeDot(text: string): DotSummary {
  const names = new Map<string, string>();
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  const attr = (attrs: string, key: string) => new RegExp(`(?:^| )${key} ?= ?"((?:[^"\\\\]|\\\\.)*)"`).exec(attrs)?.[1] ?? '';
  const pending: [string, string, string][] = [];
  for (const line of text.split('\n')) {
    let m = /^(N\S*) -> (N\S*) \[(.*)\]$/.exec(line);
    if (m) {
      pending.push([m[1], m[2], attr(m[3], 'label')]);
      continue;
    }
    m = /^(N\S*) \[(.*)\]$/.exec(line);
    if (!m) continue;
    const [, id, attrs] = m;
    const label = attr(attrs, 'label');
    // Main nodes: tooltip "name (cum)". Nodelets (box3d): their tag, under their parent.
    if (attrs.includes('shape=box3d')) {
      const parent = id.replace(/^N(N\d+(?:_\d+)?)_\d+$/, '$1').replace(/^(N\d+)_\d+$/, '$1');
      names.set(id, `${names.get(parent) ?? parent} / ${label}`);
    } else {
      names.set(id, attr(attrs, 'tooltip').replace(/ \([^()]*\)$/, ''));
    }
    nodes.set(names.get(id)!, label);
  }
  for (const [from, to, label] of pending) {
    edges.set(`${names.get(from) ?? from} -> ${names.get(to) ?? to}`, label);
  }
  return { nodes, edges };
}
