// The flame graph tree against pprof: the JSON `go tool pprof -http` (1.19.8) draws for the leaky
// fixtures (test/golden/flame, see test/support/makeFlameGoldens.ts), the engine's -top numbers,
// a literal port of pprof's newTree on random profiles, hand-made recursion and inline cases,
// pruned and focused views, and the once-per-stack search.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, fetchProfiles, prepareReport, type Config } from '../../src/core/driver';
import { compareStrings } from '../../src/core/goPath';
import { aggregationFor, createNodes, printableName } from '../../src/core/graph';
import { percentage } from '../../src/core/measurement';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import type { Profile } from '../../src/core/profile';
import { buildFlameIndex, FLAME_INLINE, FLAME_TRUNCATED, shortenFunctionName, type FlameIndex, type FlameTree } from '../../src/core/report/flame';
import { formatReportValue, Report } from '../../src/core/report/report';
import { trimPath } from '../../src/core/trimPath';
import { reviveFlameTree } from '../../src/shared/flameGraph';
import { ProfileService } from '../../src/worker/profileService';
import { FLAME_CASES, type FlameCase } from '../support/flameCases';
import { fixture, repoRoot } from '../support/fixtures';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';
import { randomProfile } from '../support/randomProfile';

function load(file: string, diffBase?: string): Profile {
  const read = (f: string) => parseProfile(readFileSync(fixture('leaky', f)), { inflater: nodeInflater });
  return fetchProfiles({ sources: [read(file)], bases: diffBase ? [read(diffBase)] : undefined }, { normalize: false }, diffBase !== undefined);
}

/** pprof's config for a golden case's web UI parameters. */
function caseConfig(c: FlameCase): Config {
  const p = c.params;
  return { ...defaultConfig(), sampleIndex: p.si ?? '', focus: p.f ?? '', ignore: p.i ?? '', hide: p.h ?? '', show: p.s ?? '', tagFocus: p.tf ?? '', tagIgnore: p.ti ?? '' };
}

const nt = (v: FlameTree) => v.sampleTypes.length;
const value = (v: FlameTree, i: number, t = v.sampleIndex) => v.values[i * nt(v) + t];
const selfValue = (v: FlameTree, i: number, t = v.sampleIndex) => v.self[i * nt(v) + t];

/** Children of every node of a view. */
function childrenOf(v: FlameTree): number[][] {
  const out: number[][] = Array.from({ length: v.count }, () => []);
  for (let i = 1; i < v.count; i++) out[v.parent[i]].push(i);
  return out;
}

interface PprofNode {
  n: string;
  f: string;
  v: number;
  p: string;
  c: (PprofNode | null)[] | null;
}

/** One line per node, children in name order: pprof's order among equal short names is Go's map order. */
function canonPprof(node: PprofNode, depth = 0, out: string[] = []): string[] {
  out.push(`${depth} ${node.f} | ${node.n} | ${node.v} | ${node.p}`);
  const kids = (node.c ?? []).filter((c): c is PprofNode => c !== null);
  kids.sort((a, b) => compareStrings(a.f, b.f) || a.v - b.v);
  for (const k of kids) canonPprof(k, depth + 1, out);
  return out;
}

/** The same lines for our tree; nodes whose value is 0 are left out as pprof's selectNodesForGraph does. */
function canonOurs(v: FlameTree): string[] {
  const kids = childrenOf(v);
  const out: string[] = [];
  const walk = (i: number) => {
    out.push(`${v.depth[i]} ${v.names[v.name[i]]} | ${v.shortNames[v.name[i]]} | ${value(v, i)} | ${percentage(value(v, i), v.totals[v.sampleIndex]).trim()}`);
    const ks = kids[i].filter((k) => value(v, k) !== 0);
    ks.sort((a, b) => compareStrings(v.names[v.name[a]], v.names[v.name[b]]) || value(v, a) - value(v, b));
    ks.forEach(walk);
  };
  walk(0);
  return out;
}

describe('flame tree equals go tool pprof -http (1.19.8)', () => {
  for (const c of FLAME_CASES) {
    it(c.name, () => {
      const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'golden', 'flame', `${c.name}.json`), 'utf8')) as PprofNode;
      const ix = buildFlameIndex(load(c.file, c.diffBase), caseConfig(c));
      const v = ix.view();
      assert.deepEqual(canonOurs(v), canonPprof(golden));
      // Children in d3-flame-graph's sort(true) order: by pprof's short name.
      for (const ks of childrenOf(v)) {
        for (let k = 1; k < ks.length; k++) assert.ok(compareStrings(v.shortNames[v.name[ks[k - 1]]], v.shortNames[v.name[ks[k]]]) <= 0);
      }
    });
  }
});

describe('flame tree against the engine', () => {
  it('root total equals the -top total; widths are laid out left to right', () => {
    for (const [file, unit, total] of [['cpu.pprof', 'nanoseconds', '8.96s'], ['heap.3.pprof', 'bytes', '51.99MB']]) {
      const v = buildFlameIndex(load(file), defaultConfig()).view();
      const t = v.totals[v.sampleIndex];
      assert.equal(formatReportValue(t, unit, 'minimum', 1), total);
      assert.equal(v.abs[0], t);
      assert.equal(value(v, 0), t);
      assert.equal(v.start[0], 0);
      const kids = childrenOf(v);
      for (let i = 0; i < v.count; i++) {
        let x = v.start[i];
        let sum = 0;
        for (const k of kids[i]) {
          assert.equal(v.start[k], x);
          x += v.abs[k];
          sum += value(v, k);
        }
        assert.ok(x <= v.start[i] + v.abs[i]);
        // cum = self + children, for every type.
        for (let t2 = 0; t2 < nt(v); t2++) {
          const childSum = kids[i].reduce((s, k) => s + value(v, k, t2), 0);
          assert.equal(value(v, i, t2), selfValue(v, i, t2) + childSum);
        }
        assert.equal(value(v, i), selfValue(v, i) + sum);
        assert.equal(v.end[i], i + 1 + kids[i].reduce((s, k) => s + (v.end[k] - k), 0));
      }
    }
  });

  it("a function on one path only has the -top cum of that function, for every sample type", () => {
    const p = load('heap.3.pprof');
    for (let si = 0; si < p.sampleTypes.length; si++) {
      const cfg = { ...defaultConfig(), sampleIndex: String(si), nodeFraction: 0, edgeFraction: 0 };
      const v = buildFlameIndex(p, cfg).view();
      const { profile, options } = prepareReport(p, { name: 'top' }, cfg);
      const cum = new Map(new Report(profile, options).newGraph().nodes.map((n) => [n.printableName(), n.cum]));
      const occurrences = new Map<string, number[]>();
      for (let i = 1; i < v.count; i++) {
        const n = v.names[v.name[i]];
        occurrences.set(n, [...(occurrences.get(n) ?? []), i]);
      }
      let compared = 0;
      for (const [n, at] of occurrences) {
        if (at.length !== 1) continue;
        assert.equal(value(v, at[0]), cum.get(n), `${p.sampleTypes[si].type} ${n}`);
        compared++;
      }
      assert.ok(compared >= 10, `only ${compared} functions compared`);
    }
  });

  it('every type is summed over the samples of the selected type (heap.3, inuse_space)', () => {
    const p = load('heap.3.pprof');
    const v = buildFlameIndex(p, defaultConfig()).view();
    assert.equal(v.sampleTypes[v.sampleIndex].type, 'inuse_space');
    // The root holds exactly the samples with a non-zero inuse_space.
    const s = p.samples;
    const sums = p.sampleTypes.map(() => 0);
    for (let i = 0; i < s.count; i++) {
      if (s.values[i * s.numValues + 3] === 0) continue;
      for (let t = 0; t < sums.length; t++) sums[t] += s.values[i * s.numValues + t];
    }
    assert.deepEqual([...v.values.subarray(0, nt(v))], sums);
  });
});

/** A hand-made profile: functions by name, locations as lines (function index, line) innermost first. */
function handMade(spec: { functions: string[]; locations: [number, number][][]; samples: { stack: number[]; values: number[] }[]; types?: [string, string][] }): Profile {
  const ps: ProfileSpec = {
    sampleTypes: spec.types ?? [['samples', 'count'], ['cpu', 'nanoseconds']],
    samples: spec.samples.map((s) => ({ locationIds: s.stack.map((l) => l + 1), values: s.values })),
    locations: spec.locations.map((lines, i) => ({ id: i + 1, lines: lines.map(([f, line]) => [f + 1, line] as [number, number]) })),
    functions: spec.functions.map((name, i) => ({ id: i + 1, name, file: `/src/${name.split('.')[0]}.go` })),
  };
  return fetchProfiles({ sources: [parseProfile(encodeProfile(ps), { inflater: nodeInflater })] }, { normalize: false });
}

/** The view as indented lines "name value" (and " (inline)"). */
function lines(v: FlameTree, t = v.sampleIndex): string[] {
  const out: string[] = [];
  for (let i = 0; i < v.count; i++) out.push(`${'  '.repeat(v.depth[i])}${v.names[v.name[i]]}${v.flags[i] & FLAME_INLINE ? ' (inline)' : ''} ${value(v, i, t)}`);
  return out;
}

describe('flame tree semantics (hand-made profiles)', () => {
  it('recursion: one node per path, each with the samples through it (pprof counts cum once per function)', () => {
    const p = handMade({
      functions: ['main.main', 'main.a', 'main.b'],
      locations: [[[0, 10]], [[1, 20]], [[2, 30]]],
      samples: [
        { stack: [2, 1, 2, 1, 0], values: [1, 10] },
        { stack: [1, 0], values: [1, 5] },
        { stack: [1, 2, 1, 0], values: [1, 7] },
      ],
    });
    const v = buildFlameIndex(p, { ...defaultConfig(), sampleIndex: '1' }).view();
    assert.deepEqual(lines(v), [
      'root 22',
      '  main.main 22',
      '    main.a 22',
      '      main.b 17',
      '        main.a 17',
      '          main.b 10',
    ]);
    assert.deepEqual([...v.self.subarray(0, v.count * 2)].filter((_, k) => k % 2 === 1), [0, 0, 5, 0, 7, 10]);
    // -top counts a.cum once per sample: 22, not 22 + 17.
    const { profile, options } = prepareReport(p, { name: 'top' }, { ...defaultConfig(), sampleIndex: '1' });
    const cum = new Map(new Report(profile, options).newGraph().nodes.map((n) => [n.printableName(), n.cum]));
    assert.equal(cum.get('main.a'), 22);
  });

  it('inline frames are frames of their own; inline only when every call into the node was', () => {
    const p = handMade({
      functions: ['main.main', 'main.outer', 'main.inner', 'main.leaf'],
      // loc 1: inner inlined into outer; loc 2: inner called normally; loc 3: leaf.
      locations: [[[0, 1]], [[2, 5], [1, 9]], [[2, 6]], [[3, 7]], [[1, 10]]],
      samples: [
        { stack: [1, 0], values: [1, 3] },
        { stack: [3, 1, 0], values: [1, 4] },
        { stack: [2, 4, 0], values: [1, 2] },
      ],
    });
    const v = buildFlameIndex(p, { ...defaultConfig(), sampleIndex: '1' }).view();
    assert.deepEqual(lines(v), ['root 9', '  main.main 9', '    main.outer 9', '      main.inner 9', '        main.leaf 4']);
    // Both calls into inner under outer were the inlined location (loc 1) except the third
    // sample's (loc 2, a real call): the node is not inline.
    const q = handMade({
      functions: ['main.main', 'main.outer', 'main.inner'],
      locations: [[[0, 1]], [[2, 5], [1, 9]]],
      samples: [{ stack: [1, 0], values: [1, 3] }],
    });
    const w = buildFlameIndex(q, { ...defaultConfig(), sampleIndex: '1' }).view();
    assert.deepEqual(lines(w), ['root 3', '  main.main 3', '    main.outer 3', '      main.inner (inline) 3']);
    // -noinlines folds them away.
    const x = buildFlameIndex(q, { ...defaultConfig(), sampleIndex: '1', noInlines: true }).view();
    assert.deepEqual(lines(x), ['root 3', '  main.main 3', '    main.outer 3']);
  });

  it('samples with a zero value or no frames are not in the tree', () => {
    const p = handMade({
      functions: ['main.main', 'main.a'],
      locations: [[[0, 1]], [[1, 2]]],
      samples: [
        { stack: [1, 0], values: [1, 0] },
        { stack: [0], values: [1, 4] },
      ],
    });
    const ix = buildFlameIndex(p, { ...defaultConfig(), sampleIndex: '1' });
    assert.equal(ix.samples, 1);
    assert.deepEqual(lines(ix.view()), ['root 4', '  main.main 4']);
    assert.deepEqual(lines(ix.view(), 0), ['root 1', '  main.main 1']);
  });

  it('lines granularity names frames file:line', () => {
    const v = buildFlameIndex(load('cpu.pprof'), { ...defaultConfig(), granularity: 'lines' }).view();
    assert.ok(v.names.some((n) => /^main\.checksum \S+main\.go:\d+$/.test(n)), v.names.slice(0, 5).join(', '));
  });

  it('frames know their source file and line (for Open Source)', () => {
    const v = buildFlameIndex(load('heap.3.pprof'), defaultConfig()).view();
    const k = v.names.indexOf('main.TrackRequest');
    assert.equal(v.files[k], '/vagrant_data/go/src/github.com/example/leaky/main.go');
    assert.ok(v.lines[k] > 0);
  });
});

describe('diff profiles (heap.3 -diff_base heap.0)', () => {
  it('keeps signed values, widths from |values|, and marks the tree as a diff', () => {
    const p = load('heap.3.pprof', 'heap.0.pprof');
    const v = buildFlameIndex(p, { ...defaultConfig(), sampleIndex: 'alloc_objects' }).view();
    assert.equal(v.diff, true);
    // Everything grew since heap.0, but the base's negative samples make widths wider than values.
    assert.ok(Array.from({ length: v.count }, (_, i) => value(v, i)).every((x) => x >= 0), 'no node shrinks');
    // Nodes whose samples cancel out stay (pprof 1.19 drops them and leaves their children dangling).
    assert.ok(Array.from({ length: v.count }, (_, i) => value(v, i) === 0 && v.abs[i] > 0).some(Boolean));
    assert.ok(Array.from({ length: v.count }, (_, i) => v.abs[i] > value(v, i)).some(Boolean));
    for (let i = 0; i < v.count; i++) assert.ok(v.abs[i] >= Math.abs(value(v, i)));
    // The other way round, everything shrinks.
    const back = buildFlameIndex(load('heap.0.pprof', 'heap.3.pprof'), { ...defaultConfig(), sampleIndex: 'alloc_objects' }).view();
    assert.ok(value(back, 0) < 0 && back.abs[0] > 0);
    assert.ok(Array.from({ length: back.count }, (_, i) => value(back, i)).some((x) => x < 0), 'a node shrinks');
    // The root's width is every sample's |value|; pprof's total is the base's alone.
    const s = p.samples;
    let abs = 0;
    for (let i = 0; i < s.count; i++) abs += Math.abs(s.values[i * s.numValues]);
    assert.equal(v.abs[0], abs);
    assert.ok(v.totals[0] < abs);
    assert.equal(buildFlameIndex(load('heap.3.pprof'), defaultConfig()).diff, false);
  });
});

/** pprof's newTree, literally (a Map per parent), on a report's aggregated profile, then sorted like ours. */
function referenceTree(p: Profile, cfg: Config): string[] {
  const { profile, options: o } = prepareReport(p, { name: 'top' }, cfg);
  const functionFiles = profile.functions.map((f) => trimPath(f.filename, o.trimPath, o.sourcePath));
  const { nodes, locationNodes } = createNodes(profile, { sampleValue: o.sampleIndex, aggregation: aggregationFor(o.granularity, o.inlineFrames), functionFiles });
  const names = nodes.map((n) => printableName(n.info));
  const T = profile.sampleTypes.length;
  interface R {
    info: number;
    values: number[];
    self: number[];
    abs: number;
    inline: boolean;
    kids: Map<number, R>;
  }
  const mk = (info: number): R => ({ info, values: new Array(T).fill(0), self: new Array(T).fill(0), abs: 0, inline: true, kids: new Map() });
  const root = mk(-1);
  const s = profile.samples;
  for (let i = 0; i < s.count; i++) {
    const w = s.values[i * s.numValues + o.sampleIndex];
    if (w === 0) continue;
    const path: R[] = [];
    let cur = root;
    for (let j = s.stackStart[i + 1] - 1; j >= s.stackStart[i]; j--) {
      const ns = locationNodes[s.stack[j]];
      for (let k = ns.length - 1; k >= 0; k--) {
        const id = ns[k]!.id;
        let c = cur.kids.get(id);
        if (!c) cur.kids.set(id, (c = mk(id)));
        if (k === ns.length - 1) c.inline = false;
        path.push(c);
        cur = c;
      }
    }
    if (path.length === 0) continue;
    for (const r of [root, ...path]) {
      for (let t = 0; t < T; t++) r.values[t] += s.values[i * s.numValues + t];
      r.abs += Math.abs(w);
    }
    for (let t = 0; t < T; t++) cur.self[t] += s.values[i * s.numValues + t];
  }
  const out: string[] = [];
  const walk = (r: R, depth: number) => {
    const name = r.info < 0 ? 'root' : names[r.info];
    out.push(`${depth} ${name}${r.info >= 0 && r.inline ? ' (inline)' : ''} ${r.abs} ${r.values.join(',')} ${r.self.join(',')}`);
    const ks = [...r.kids.values()];
    ks.sort((a, b) => compareStrings(shortenFunctionName(names[a.info]), shortenFunctionName(names[b.info])) || compareStrings(names[a.info], names[b.info]) || a.info - b.info);
    for (const k of ks) walk(k, depth + 1);
  };
  walk(root, 0);
  return out;
}

function ourLines(v: FlameTree): string[] {
  const out: string[] = [];
  const T = nt(v);
  for (let i = 0; i < v.count; i++) {
    const vals = [...v.values.subarray(i * T, i * T + T)].join(',');
    const self = [...v.self.subarray(i * T, i * T + T)].join(',');
    out.push(`${v.depth[i]} ${v.names[v.name[i]]}${v.flags[i] & FLAME_INLINE ? ' (inline)' : ''} ${v.abs[i]} ${vals} ${self}`);
  }
  return out;
}

describe('flame tree equals a literal port of pprof newTree on random profiles', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const p = fetchProfiles({ sources: [parseProfile(randomProfile(seed), { inflater: nodeInflater })] }, { normalize: false });
      for (let si = 0; si < Math.min(2, p.sampleTypes.length); si++) {
        const cfg = { ...defaultConfig(), sampleIndex: String(si), granularity: seed % 3 === 0 ? ('lines' as const) : ('functions' as const) };
        assert.deepEqual(ourLines(buildFlameIndex(p, cfg).view()), referenceTree(p, cfg));
      }
    });
  }
});

/** The nodes of a view as "depth name pos" keys. */
function keys(v: FlameTree, from = 0, to = v.count): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`${v.depth[i]} ${v.names[v.name[i]]} ${v.pos[i]}`);
  return out;
}

describe('flame views', () => {
  const ix: FlameIndex = buildFlameIndex(load('cpu.pprof'), defaultConfig());
  const full = ix.view();

  it('a pruned view keeps exactly the nodes at least minFraction of the focus wide', () => {
    for (const f of [0.001, 0.01, 0.1]) {
      const v = ix.view({ minFraction: f });
      const minAbs = f * full.abs[0];
      assert.equal(v.minAbs, minAbs);
      const kids = childrenOf(full);
      const expect: string[] = [];
      const truncated = new Set<string>();
      for (let i = 0; i < full.count; i++) {
        if (full.abs[i] < minAbs) continue;
        expect.push(`${full.depth[i]} ${full.names[full.name[i]]} ${full.pos[i]}`);
        if (kids[i].some((k) => full.abs[k] < minAbs)) truncated.add(`${full.depth[i]} ${full.names[full.name[i]]} ${full.pos[i]}`);
      }
      assert.deepEqual(keys(v), expect);
      for (let i = 0; i < v.count; i++) assert.equal((v.flags[i] & FLAME_TRUNCATED) !== 0, truncated.has(keys(v, i, i + 1)[0]), keys(v, i, i + 1)[0]);
    }
  });

  it('a focused view is the path to the node, then its whole subtree, with the same numbers', () => {
    // The widest node at depth 6.
    let n = -1;
    for (let i = 0; i < full.count; i++) if (full.depth[i] === 6 && (n < 0 || full.abs[i] > full.abs[n])) n = i;
    const v = ix.view({ focus: { depth: full.depth[n], pos: full.pos[n] + 1 } });
    assert.equal(v.focus, 6);
    const ancestors: number[] = [];
    for (let a = full.parent[n]; a >= 0; a = full.parent[a]) ancestors.unshift(a);
    assert.deepEqual(keys(v, 0, 6), ancestors.map((a) => keys(full, a, a + 1)[0]));
    assert.deepEqual(keys(v, 6), keys(full, n, full.end[n]));
    assert.deepEqual([...v.values.subarray(6 * nt(v))], [...full.values.subarray(n * nt(full), full.end[n] * nt(full))]);
    assert.deepEqual([...v.abs.subarray(6)], [...full.abs.subarray(n, full.end[n])]);
    assert.deepEqual([...v.start.subarray(6)], [...full.start.subarray(n, full.end[n])]);
    for (let i = 0; i < 6; i++) assert.ok(v.flags[i] & FLAME_TRUNCATED);
    // A depth beyond the sample's frames stops at its leaf.
    const deep = ix.view({ focus: { depth: 10_000, pos: 0 } });
    assert.equal(deep.focus, deep.count - 1);
  });

  it('maxNodes makes the threshold coarser until the view fits', () => {
    const v = ix.view({ maxNodes: 20 });
    assert.ok(v.count <= 20 && v.count > 1, `${v.count}`);
    assert.ok(v.minAbs > 0);
  });

  it('a view survives a JSON hop (reviveFlameTree)', () => {
    const v = ix.view({ minFraction: 0.01 });
    const back = reviveFlameTree(JSON.parse(JSON.stringify(v)) as FlameTree);
    assert.deepEqual(back, v);
  });
});

describe('flame search', () => {
  it('counts each matching sample once, nested matches included (brute force over samples)', () => {
    const p = load('cpu.pprof');
    const ix = buildFlameIndex(p, defaultConfig());
    const full = ix.view();
    for (const re of [/^net\/http\./, /runtime\.(mallocgc|newobject)$/, /sha256/, /^nomatch$/]) {
      const r = ix.search((n) => re.test(n));
      // The topmost matching node of each path carries its samples once.
      const sums = full.sampleTypes.map(() => 0);
      for (let i = 0; i < full.count; ) {
        if (re.test(full.names[full.name[i]])) {
          for (let t = 0; t < sums.length; t++) sums[t] += value(full, i, t);
          i = full.end[i];
        } else i++;
      }
      assert.deepEqual(r.values, sums, String(re));
      assert.deepEqual(r.focusValues, sums);
      assert.deepEqual(r.names, [...new Set(full.names.filter((n) => re.test(n)))].sort(compareStrings));
    }
    // Nested: net/http frames call each other, so summing matched nodes would double count.
    const nested = ix.search((n) => n.startsWith('net/http.'));
    let naive = 0;
    for (let i = 0; i < full.count; i++) if (full.names[full.name[i]].startsWith('net/http.')) naive += value(full, i);
    assert.ok(nested.values[1] < naive && nested.values[1] <= full.abs[0]);
  });

  it('the focus share counts the focus subtree (with its path)', () => {
    const ix = buildFlameIndex(load('cpu.pprof'), defaultConfig());
    const full = ix.view();
    const n = full.names.indexOf('main.workHandler');
    const at = Array.from({ length: full.count }, (_, i) => i).find((i) => full.name[i] === n)!;
    const r = ix.search((name) => name === 'crypto/sha256.block', { depth: full.depth[at], pos: full.pos[at] });
    let inside = 0;
    for (let i = at; i < full.end[at]; i++) if (full.names[full.name[i]] === 'crypto/sha256.block') inside += value(full, i);
    assert.equal(r.focusValues[1], inside);
    assert.ok(r.values[1] >= inside);
  });
});

describe('ProfileService.flame', () => {
  const svc = ProfileService.open(fixture('leaky', 'cpu.pprof'), undefined, () => {});
  it('answers views with the query refinements, as buildFlameIndex', () => {
    const query = { sampleIndex: 1, refinements: { focus: 'ServeHTTP' } };
    const v = svc.flame({ query });
    const c = FLAME_CASES.find((x) => x.name === 'cpu.focus')!;
    const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'golden', 'flame', `${c.name}.json`), 'utf8')) as PprofNode;
    assert.deepEqual(canonOurs(v), canonPprof(golden));
    const s = svc.flameSearch({ query, pattern: 'checksum' });
    assert.deepEqual(s.names, ['main.checksum']);
    assert.ok(s.values[1] > 0);
    assert.throws(() => svc.flameSearch({ query, pattern: '(' }), (e: Error) => e.name === 'GoRegexpError' || e.name === 'ProfileError');
  });
  it('granularity lines, and a base profile', () => {
    const v = svc.flame({ query: { sampleIndex: 1 }, granularity: 'lines', minFraction: 0.01 });
    assert.ok(v.names.slice(1).every((n) => /:\d+$/.test(n)));
    const heap = ProfileService.open(fixture('leaky', 'heap.3.pprof'), undefined, () => {});
    const d = heap.flame({ query: { sampleIndex: 0, base: { path: fixture('leaky', 'heap.0.pprof'), mode: 'diff_base' } } });
    assert.equal(d.diff, true);
  });
});
