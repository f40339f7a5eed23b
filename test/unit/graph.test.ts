// The graph against pprof's internal/graph semantics, on hand-made profiles: cum once per node
// per sample (recursion), inline frames as nodes, residual edges, granularity, sort orders and
// the trimming steps of -top (nodefraction, nodecount).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregationFor, newGraph, NodeOrder, printableName, sortEdges, sortNodes, type Graph, type Node } from '../../src/core/graph';
import type { Function, Location, Profile } from '../../src/core/profile';
import type { ReportOptions } from '../../src/core/report/options';
import { printText, Report } from '../../src/core/report/report';

/** A tiny profile: functions by name (file f.go unless "name@file"), locations as lines [function, line] innermost first, samples leaf first. */
function makeProfile(spec: {
  functions: string[];
  locations: { lines: [fn: number, line: number][]; address?: bigint }[];
  samples: { stack: number[]; value: number }[];
}): Profile {
  const functions: Function[] = spec.functions.map((n, index) => {
    const [name, file] = n.split('@');
    return { index, id: index + 1, name, systemName: name, filename: file ?? 'f.go', startLine: 0 };
  });
  const locations: Location[] = spec.locations.map((l, index) => ({
    index,
    id: index + 1,
    mapping: undefined,
    address: l.address ?? 0n,
    lines: l.lines.map(([fn, line]) => ({ function: functions[fn], line })),
    isFolded: false,
  }));
  const stackStart: number[] = [];
  const stack: number[] = [];
  for (const s of spec.samples) {
    stackStart.push(stack.length);
    stack.push(...s.stack);
  }
  stackStart.push(stack.length);
  const n = spec.samples.length;
  return {
    sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleType: '',
    samples: {
      count: n,
      numValues: 1,
      stackStart: Uint32Array.from(stackStart),
      stack: Uint32Array.from(stack),
      values: Float64Array.from(spec.samples.map((s) => s.value)),
      labelStart: new Uint32Array(n + 1),
      labelKey: new Uint32Array(0),
      labelValue: new Float64Array(0),
      labelUnit: new Int32Array(0),
    },
    mappings: [],
    locations,
    functions,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    timeNanos: 0n,
    durationNanos: 0,
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 1,
    strings: [''],
  };
}

function options(over: Partial<ReportOptions> = {}): ReportOptions {
  return {
    outputFormat: 'text', cumSort: false, callTree: false, dropNegative: false, compactLabels: false, ratio: 1,
    title: '', profileLabels: [], activeFilters: [], numLabelUnits: new Map(), nodeCount: 0, nodeFraction: 0.005,
    edgeFraction: 0.001, sampleIndex: 0, sampleType: 'cpu', sampleUnit: 'nanoseconds', outputUnit: 'minimum',
    sourcePath: '', trimPath: '', granularity: 'functions', inlineFrames: true, ...over,
  };
}

const functionsView = { sampleValue: 0, aggregation: aggregationFor('functions', true) };

function byName(g: Graph): Map<string, Node> {
  return new Map(g.nodes.map((n) => [printableName(n.info), n]));
}

describe('newGraph', () => {
  it('counts recursion once in cum and once per edge', () => {
    // main → a → b → a (leaf), twice as deep the second time.
    const p = makeProfile({
      functions: ['main', 'a', 'b'],
      locations: [{ lines: [[0, 1]] }, { lines: [[1, 2]] }, { lines: [[2, 3]] }, { lines: [[1, 4]] }],
      samples: [
        { stack: [3, 2, 1, 0], value: 10 },
        { stack: [3, 2, 1, 2, 1, 0], value: 5 },
      ],
    });
    const g = newGraph(p, functionsView).graph;
    const n = byName(g);
    assert.equal(n.get('a')!.cum, 15);
    assert.equal(n.get('a')!.flat, 15);
    assert.equal(n.get('b')!.cum, 15);
    assert.equal(n.get('main')!.cum, 15);
    assert.equal(n.get('main')!.flat, 0);
    assert.equal(n.get('a')!.out.get(n.get('b')!)!.weight, 15);
    assert.equal(n.get('b')!.out.get(n.get('a')!)!.weight, 15);
    assert.equal(n.get('main')!.out.get(n.get('a')!)!.weight, 15);
  });

  it('makes inlined frames nodes of their own, with inline edges from their caller', () => {
    // One location: f inlined into g, called from main.
    const p = makeProfile({
      functions: ['main', 'g', 'f'],
      locations: [{ lines: [[0, 1]] }, { lines: [[2, 7], [1, 20]] }],
      samples: [{ stack: [1, 0], value: 3 }],
    });
    const g = newGraph(p, functionsView).graph;
    const n = byName(g);
    assert.equal(n.get('f')!.flat, 3);
    assert.equal(n.get('g')!.flat, 0);
    assert.equal(n.get('g')!.cum, 3);
    assert.equal(n.get('g')!.out.get(n.get('f')!)!.inline, true);
    assert.equal(n.get('main')!.out.get(n.get('g')!)!.inline, false);
    // Without inline frames only the physical caller stays.
    const noInline = byName(newGraph(p, { sampleValue: 0, aggregation: aggregationFor('functions', false) }).graph);
    assert.deepEqual([...noInline.keys()].sort(), ['g', 'main']);
    assert.equal(noInline.get('g')!.flat, 3);
    // -top marks the inlined node.
    const text = printText(new Report(p, options()));
    assert.match(text, / f \(inline\)\n/);
    assert.doesNotMatch(text, / g \(inline\)/);
  });

  it('names nodes by granularity: lines, files, addresses', () => {
    const p = makeProfile({
      functions: ['main@/src/./main.go', 'work@/src/work.go'],
      locations: [{ lines: [[0, 12]], address: 0x1000n }, { lines: [[1, 30]], address: 0x2000n }, { lines: [[1, 31]], address: 0x2010n }],
      samples: [{ stack: [1, 0], value: 1 }, { stack: [2, 0], value: 2 }],
    });
    const lines = byName(newGraph(p, { sampleValue: 0, aggregation: aggregationFor('lines', true) }).graph);
    assert.deepEqual([...lines.keys()].sort(), ['main /src/main.go:12', 'work /src/work.go:30', 'work /src/work.go:31']);
    const files = byName(newGraph(p, { sampleValue: 0, aggregation: aggregationFor('files', true) }).graph);
    assert.equal(files.get('/src/work.go')!.flat, 3);
    const addrs = byName(newGraph(p, { sampleValue: 0, aggregation: aggregationFor('addresses', true) }).graph);
    assert.ok(addrs.has('0000000000002010 work /src/work.go:31'));
  });

  it('makes residual edges over nodes that are not kept', () => {
    const p = makeProfile({
      functions: ['main', 'mid', 'leaf'],
      locations: [{ lines: [[0, 1]] }, { lines: [[1, 2]] }, { lines: [[2, 3]] }],
      samples: [{ stack: [2, 1, 0], value: 4 }],
    });
    const full = newGraph(p, functionsView).graph;
    const kept = new Set(full.nodes.filter((n) => n.info.name !== 'mid').map((n) => n.key));
    const g = newGraph(p, { ...functionsView, keptNodes: kept }).graph;
    const n = byName(g);
    assert.deepEqual([...n.keys()].sort(), ['leaf', 'main']);
    const e = n.get('main')!.out.get(n.get('leaf')!)!;
    assert.equal(e.residual, true);
    assert.equal(e.weight, 4);
    // A dropped leaf takes its flat with it.
    const noLeaf = new Set(full.nodes.filter((x) => x.info.name !== 'leaf').map((x) => x.key));
    const g2 = byName(newGraph(p, { ...functionsView, keptNodes: noLeaf }).graph);
    assert.equal(g2.get('mid')!.flat, 0);
    assert.equal(g2.get('mid')!.cum, 4);
  });
});

describe('sortNodes', () => {
  const p = makeProfile({
    functions: ['b', 'a', 'c', 'd'],
    locations: [{ lines: [[0, 1]] }, { lines: [[1, 1]] }, { lines: [[2, 1]] }, { lines: [[3, 1]] }],
    samples: [
      { stack: [0, 3], value: 5 }, // b flat 5 under d
      { stack: [1], value: 5 }, // a flat 5
      { stack: [2], value: -7 }, // c flat -7: |flat| sorts first
      { stack: [3], value: 5 }, // d flat 5, cum 10
    ],
  });
  const names = (order: NodeOrder) => {
    const g = newGraph(p, functionsView).graph;
    sortNodes(g.nodes, order);
    return g.nodes.map((n) => n.info.name);
  };
  it('flat order: |flat| desc, then name, then |cum|', () => assert.deepEqual(names(NodeOrder.FlatName), ['c', 'a', 'b', 'd']));
  it('flat-cum order: |flat| desc, then |cum|, then name', () => assert.deepEqual(names(NodeOrder.FlatCumName), ['c', 'd', 'a', 'b']));
  it('cum order: |cum| desc, then name, then |flat|', () => assert.deepEqual(names(NodeOrder.CumName), ['d', 'c', 'a', 'b']));
  it('name order', () => assert.deepEqual(names(NodeOrder.Name), ['a', 'b', 'c', 'd']));
  it('sorts edges by |weight|, then source and destination names', () => {
    const g = newGraph(p, functionsView).graph;
    const d = g.nodes.find((n) => n.info.name === 'd')!;
    assert.deepEqual(sortEdges(d.out).map((e) => e.dest.info.name), ['b']);
  });
});

describe('-top trimming', () => {
  // 200 functions called from main: f000 has 800 samples, the others 1 each.
  const functions = ['main', ...Array.from({ length: 200 }, (_, i) => `f${String(i).padStart(3, '0')}`)];
  const p = makeProfile({
    functions,
    locations: functions.map((_, i) => ({ lines: [[i, 1]] as [number, number][] })),
    samples: functions.slice(1).map((_, i) => ({ stack: [i + 1, 0], value: i === 0 ? 800 : 1 })),
  });
  it('drops nodes with cum <= nodefraction × total and says so', () => {
    const text = printText(new Report(p, options({ nodeFraction: 0.002 })));
    // total 999, cutoff trunc(999 × 0.002) = 1: a |cum| of 1 is kept (nodes go when |cum| < cutoff).
    assert.match(text, /Showing nodes accounting for 999ns, 100% of 999ns total\n/);
    const dropped = printText(new Report(p, options({ nodeFraction: 0.005 })));
    // cutoff trunc(4.995) = 4: the 199 one-sample functions go.
    assert.match(dropped, /Showing nodes accounting for 800ns, 80\.08% of 999ns total\nDropped 199 nodes \(cum <= 4ns\)\n/);
    // Type:, Showing, Dropped, the column titles, main and f000.
    assert.equal(dropped.trimEnd().split("\n").length, 6);
  });
  it('keeps the first nodecount nodes in sort order', () => {
    const text = printText(new Report(p, options({ nodeFraction: 0, nodeCount: 3 })));
    assert.match(text, /Showing top 3 nodes out of 201\n/);
    const rows = text.trimEnd().split('\n').slice(-3).map((l) => l.trim().split(/\s+/).pop());
    assert.deepEqual(rows, ['f000', 'f001', 'f002']);
  });
});
