// The worker's call graph (ProfileApi.graph): Graphviz's layout of pprof's -dot report. Its nodes,
// nodelets and edges must be the -dot report's (same names, values and weights as the CLI's
// -dot, which test/golden/dot.test.ts holds equal to go tool pprof), its geometry must be sane
// (every point inside the drawing, edges between drawn nodes), and its colors pprof's.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { dotColor } from '../../src/core/report/dot';
import { edgeColor, nodeColors, scoreColor, themeKindOf } from '../../src/shared/graphColors';
import type { GraphArgs, GraphView } from '../../src/shared/graphView';
import { withMonospaceFont } from '../../src/worker/graphLayout';
import { ProfileService } from '../../src/worker/profileService';
import { MIN_LEGIBLE_FONT_PX, fitTransform } from '../../webview/graphView';
import { summarizeDot } from '../support/dotSummary';
import { fixture } from '../support/fixtures';

process.env.TZ = 'UTC';

/** A query of the worker and the -dot flags that ask the same. */
interface Case {
  profile: string;
  args: Omit<GraphArgs, 'query'> & { sampleIndex?: number; focus?: string };
  flags: string[];
}

const cases: Case[] = [
  { profile: 'leaky/cpu.pprof', args: {}, flags: [] },
  { profile: 'leaky/cpu.pprof', args: { granularity: 'lines' }, flags: ['-lines'] },
  { profile: 'leaky/cpu.pprof', args: { focus: 'workHandler', nodeCount: 12 }, flags: ['-focus=workHandler', '-nodecount=12'] },
  { profile: 'leaky/heap.3.pprof', args: {}, flags: [] },
  { profile: 'leaky/heap.3.pprof', args: { sampleIndex: 1, granularity: 'files' }, flags: ['-sample_index=1', '-files'] },
  { profile: 'leaky/goroutine.pprof', args: {}, flags: [] },
  { profile: 'real/parca-dev-parca/pkg/query/testdata/profile-with-labels.pb.gz', args: {}, flags: [] },
  { profile: 'real/parca-dev-parca/pkg/query/testdata/alloc_objects.pb.gz', args: {}, flags: [] },
];

// The -dot text escapes `\` and `"` in names (escapeForDot): undo it to compare with raw names
// (line breaks stay written as `\n`, as the view's lines are joined below).
function unescapeDot(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}

const services = new Map<string, ProfileService>();
function service(profile: string): ProfileService {
  let s = services.get(profile);
  if (!s) services.set(profile, (s = ProfileService.open(fixture(profile), undefined, () => {})));
  return s;
}

async function graphOf(c: Case): Promise<GraphView> {
  const s = service(c.profile);
  const sampleIndex = c.args.sampleIndex ?? s.summary().defaultSampleIndex;
  const { focus, sampleIndex: _, ...rest } = c.args;
  return s.graph({ query: { sampleIndex, refinements: focus ? { focus } : undefined }, ...rest });
}

function dotOf(c: Case): string {
  const r = runCli(['-dot', ...c.flags, path.basename(c.profile)], { cwd: fixture(path.dirname(c.profile)) });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('ProfileApi.graph: the -dot report laid out', () => {
  const views = new Map<Case, GraphView>();
  before(async () => {
    for (const c of cases) views.set(c, await graphOf(c));
  });

  for (const c of cases) {
    const name = [c.profile, ...c.flags].join(' ');

    it(`${name}: same nodes, labels and edge weights as -dot`, () => {
      const v = views.get(c)!;
      const dot = summarizeDot(dotOf(c));
      // 1. Nodes: graph nodes by printable name, nodelets by parent name and tag.
      const byId = new Map(v.nodes.map((n) => [n.id, n]));
      const got = new Map<string, string>();
      for (const n of v.nodes) {
        if (n.kind === 'node') got.set(n.info!.name, n.lines.map((l) => l.text).join('\\n'));
        if (n.kind === 'nodelet') {
          const parentEdge = v.edges.find((e) => e.to === n.id)!;
          const parent = byId.get(parentEdge.from)!;
          const parentName = parent.kind === 'node' ? parent.info!.name : [...got.keys()].find((k) => k.endsWith(` / ${parent.lines[0].text}`))!;
          got.set(`${parentName} / ${n.lines.map((l) => l.text).join('\\n')}`, n.lines.map((l) => l.text).join('\\n'));
        }
      }
      const want = new Map<string, string>();
      for (const [k, label] of dot.nodes) {
        // Graphviz breaks labels at \n and \l and drops the trailing break.
        want.set(unescapeDot(k), label.replace(/\\[nl]$/, '').replace(/\\l/g, '\\n').replace(/\\\\/g, '\\').replace(/\\"/g, '"'));
      }
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'node set');
      for (const [k, label] of want) assert.equal(got.get(k), label, `label of ${k}`);
      // 2. Call edges: the same ends and weight labels.
      const edges = new Map<string, string>();
      for (const e of v.edges) {
        if (e.kind !== 'call') continue;
        edges.set(`${byId.get(e.from)!.info!.name} -> ${byId.get(e.to)!.info!.name}`, e.label.map((l) => l.text).join('\\n'));
      }
      const wantEdges = new Map<string, string>();
      for (const [k, label] of dot.edges) {
        if (label === '' || !dot.nodes.has(k.split(' -> ')[1]) || k.split(' -> ')[1].includes(' / ')) continue;
        wantEdges.set(unescapeDot(k), label);
      }
      assert.deepEqual(edges, wantEdges, 'call edges and their weights');
      assert.equal(v.nodeCount, v.nodes.filter((n) => n.kind === 'node').length);
    });

    it(`${name}: geometry inside the drawing, edges between drawn nodes`, () => {
      const v = views.get(c)!;
      const ids = new Set(v.nodes.map((n) => n.id));
      assert.equal(ids.size, v.nodes.length, 'ids are unique');
      const inside = ([x, y]: [number, number]) => x >= -0.01 && y >= -0.01 && x <= v.width + 0.01 && y <= v.height + 0.01;
      for (const n of v.nodes) {
        assert.ok(n.width > 0 && n.height > 0, `${n.id} has a size`);
        assert.ok(inside([n.x, n.y]) && inside([n.x + n.width, n.y + n.height]), `${n.id} inside`);
        for (const s of n.shapes) for (const p of s.points) assert.ok(inside(p), `${n.id} shape point inside`);
        assert.ok(n.lines.length > 0, `${n.id} has text`);
        for (const l of n.lines) assert.ok(l.y >= n.y && l.y <= n.y + n.height + 0.01, `${n.id} text "${l.text}" inside its box`);
      }
      for (const e of v.edges) {
        assert.ok(ids.has(e.from) && ids.has(e.to), `edge ${e.from} -> ${e.to} between drawn nodes`);
        assert.ok(e.path.length >= 4 && (e.path.length - 1) % 3 === 0, 'a cubic spline');
        // The curve stays inside (control points may not): check where segments start and end.
        e.path.forEach((p, i) => i % 3 === 0 && assert.ok(inside(p), `edge ${e.from} -> ${e.to} point ${i} inside`));
      }
      assert.equal(v.nodes.filter((n) => n.kind === 'legend').length, 1, 'one legend');
      // Graphviz draws no text for the legend's empty line.
      const legend = v.labels.join('\n').split('\n').filter((l) => l !== '');
      assert.deepEqual(v.nodes.find((n) => n.kind === 'legend')!.lines.map((l) => l.text), legend);
    });

    it(`${name}: pprof's colors, theme palette equal to them in the light theme`, () => {
      const v = views.get(c)!;
      const dot = dotOf(c);
      for (const n of v.nodes) {
        if (n.kind !== 'node') continue;
        assert.ok(dot.includes(`id="node${n.id.slice(1)}" `), `${n.id} in the dot text`);
        assert.ok(dot.includes(`color="${n.strokeColor}" fillcolor="${n.fillColor}"`), `${n.id} colors`);
        assert.deepEqual(nodeColors(n.score, 'light'), { fill: n.fillColor, stroke: n.strokeColor });
      }
      for (const e of v.edges) if (e.kind === 'call') assert.equal(edgeColor(e.score, 'light'), e.color);
    });
  }

  it('leaky cpu.pprof: main.checksum is a node, with its numbers and its source', async () => {
    const v = views.get(cases[0])!;
    const n = v.nodes.find((x) => x.info?.functionName === 'main.checksum');
    assert.ok(n, 'main.checksum is in the graph');
    assert.equal(n.info!.refine, '^main\\.checksum$');
    assert.match(n.info!.source!.file, /leaky\/main\.go$/);
    assert.ok(n.info!.source!.line > 0);
    assert.match(n.tooltip, /^main\.checksum \(\d/);
    assert.ok(n.info!.cum > 0 && n.info!.cumText !== '');
    // The edge into it carries a weight and its caller.
    assert.ok(v.edges.some((e) => e.kind === 'call' && e.to === n.id && e.weight > 0));
  });

  it('answers from a cache for the same query; a new query lays out again', async () => {
    const c = cases[0];
    const again = await graphOf(c);
    assert.equal(again, views.get(c), 'cached');
    const other = await graphOf({ ...c, args: { nodeCount: 5 } });
    assert.notEqual(other, views.get(c));
    assert.ok(other.nodeCount <= 5);
  });

  it('a bad refinement is a one-line profile error', async () => {
    await assert.rejects(() => graphOf({ profile: 'leaky/cpu.pprof', args: { focus: '(' }, flags: [] }), /parsing focus regexp/);
  });
});

describe('graph colors', () => {
  it('the light palette is pprof dotColor, for nodes and edges', () => {
    for (let i = -110; i <= 110; i++) {
      const s = i / 100;
      assert.equal(scoreColor(s, 0.1, 0.93), dotColor(s, true), `bg ${s}`);
      assert.equal(scoreColor(s, 1.0, 0.7), dotColor(s, false), `fg ${s}`);
    }
  });

  it('dark and high-contrast themes keep pprof hue: red for hot, grey for cold, green for negative', () => {
    for (const theme of ['dark', 'high-contrast', 'high-contrast-light'] as const) {
      const hot = edgeColor(1, theme);
      const cold = edgeColor(0, theme);
      const neg = edgeColor(-1, theme);
      const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      const [hr, hg] = rgb(hot);
      assert.ok(hr > hg, `${theme}: hot is red (${hot})`);
      const [cr, cg, cb] = rgb(cold);
      assert.ok(cr === cg && cg === cb, `${theme}: cold is grey (${cold})`);
      const [nr, ng] = rgb(neg);
      assert.ok(ng > nr, `${theme}: negative is green (${neg})`);
    }
  });

  it('theme kind from the body classes', () => {
    const of = (...c: string[]) => themeKindOf({ contains: (x) => c.includes(x) });
    assert.equal(of('vscode-light'), 'light');
    assert.equal(of('vscode-dark'), 'dark');
    assert.equal(of('vscode-high-contrast'), 'high-contrast');
    assert.equal(of('vscode-high-contrast', 'vscode-high-contrast-light'), 'high-contrast-light');
  });
});

describe('legible graph', () => {
  it('is laid out with monospace metrics (the view draws it in the editor font); the -dot text stays pprof\'s', async () => {
    assert.equal(withMonospaceFont('digraph "x" {\nN1 [label="a"]\n}\n'), 'digraph "x" {\ngraph [fontname="Courier"]\nnode [fontname="Courier"]\nedge [fontname="Courier"]\nN1 [label="a"]\n}\n');
    const svc = ProfileService.open(fixture('leaky', 'heap.3.pprof'), undefined, () => {});
    const v = await svc.graph({ query: { sampleIndex: 3 }, granularity: 'functions', nodeCount: 80 });
    const node = v.nodes.find((n) => n.info?.name === 'main.TrackRequest')!;
    // Courier is 0.6 em per character: "TrackRequest" at the node's font size.
    const line = node.lines.find((l) => l.text === 'TrackRequest')!;
    assert.ok(Math.abs(line.width - 0.6 * line.fontSize * line.text.length) < 1, JSON.stringify(line));
  });

  it('fits the whole graph when its text stays legible, else scrolls at a legible scale centered on the first node', () => {
    const node = (x: number, y: number, fontSize: number) => ({ kind: 'node' as const, x, y, width: 100, height: 40, lines: [{ fontSize }] });
    const small = { width: 300, height: 200, nodes: [node(0, 0, 14), node(200, 160, 14)] } as unknown as Parameters<typeof fitTransform>[0];
    // Fits at 1: drawn at natural size, centered.
    assert.deepEqual(fitTransform(small, 800, 600), { k: 1, x: 250, y: 200 });
    // 8px node text (pprof's smallest) must be drawn at MIN_LEGIBLE_FONT_PX: 1000x2000 does not fit in 800x600.
    const big = { width: 1000, height: 2000, nodes: [node(450, 1500, 24), node(0, 0, 8)] } as unknown as Parameters<typeof fitTransform>[0];
    const t = fitTransform(big, 800, 600);
    assert.equal(t.k, MIN_LEGIBLE_FONT_PX / 8);
    // The first node (pprof's most important) is in the middle of the view.
    assert.deepEqual([t.x + (450 + 50) * t.k, t.y + (1500 + 20) * t.k], [400, 300]);
    // Near the drawing's edge the view stops at the edge rather than showing empty space.
    const edge = fitTransform({ ...big, nodes: [node(0, 0, 8)] } as unknown as Parameters<typeof fitTransform>[0], 800, 600);
    assert.deepEqual([edge.x, edge.y], [0, 0]);
  });
});
