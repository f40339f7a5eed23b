// The graph's tags summed per (node, tag set) equal the per-sample path pprof's addSample follows,
// on real tagged profiles: the same Tag maps (names, units, first values, the four sums and the
// insertion order) for every node, and the same -dot text. tagSumLimits.maxCells = 0 makes
// newGraph take the per-sample path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { newGraph, tagSumLimits, type Graph } from '../../src/core/graph';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { fixture } from '../support/fixtures';

/** Every node's tags in insertion order, as text. */
function tagsOf(g: Graph): string[] {
  return g.nodes.map((n) => {
    const numeric = [...n.numericTags].map(([labels, m]) => `${labels}{${[...m.values()].map((t) => JSON.stringify(t)).join(',')}}`);
    return `${n.key} labels=${JSON.stringify([...n.labelTags.values()])} numeric=${numeric.join(';')}`;
  });
}

/** Runs f with the per-sample tag path forced. */
function perSample<T>(f: () => T): T {
  const saved = tagSumLimits.maxCells;
  tagSumLimits.maxCells = 0;
  try {
    return f();
  } finally {
    tagSumLimits.maxCells = saved;
  }
}

const tagged = [
  'leaky/heap.3.pprof',
  'leaky/allocs.pprof',
  'real/parca-dev-parca/pkg/query/testdata/profile-with-labels.pb.gz',
  'real/parca-dev-parca/pkg/parca/testdata/labels.pb.gz',
  'real/felixge-pprofutils/examples/labelframes.in.pprof',
];

describe('tag sums per tag set', () => {
  for (const file of tagged) {
    it(`${file}: every node's Tag maps equal the per-sample path's, in the same order`, () => {
      const p = parseProfile(readFileSync(fixture(file)), { inflater: nodeInflater });
      for (let sampleValue = 0; sampleValue < p.sampleTypes.length; sampleValue++) {
        const build = () =>
          newGraph(p, {
            sampleValue,
            tags: {
              formatTag: (v, unit) => `${v}${unit}`,
              numericLabelUnit: (key) => (key === 'bytes' ? 'bytes' : key === 'request_id' ? '' : undefined),
              removeLabel: 'pprof::base',
            },
          }).graph;
        const got = tagsOf(build());
        const want = tagsOf(perSample(build));
        assert.ok(want.some((t) => !t.endsWith('labels=[] numeric=')), 'the fixture has tags');
        assert.deepEqual(got, want);
      }
    });
  }

  const dotCases: [string, ...string[]][] = [
    ['leaky/heap.3.pprof'],
    ['leaky/heap.3.pprof', '-sample_index=alloc_space', '-nodefraction=0', '-nodecount=0'],
    ['leaky/heap.0.pprof', '-mean'],
    ['real/parca-dev-parca/pkg/query/testdata/profile-with-labels.pb.gz'],
    ['real/felixge-pprofutils/examples/labelframes.in.pprof', '-lines'],
  ];
  for (const [file, ...flags] of dotCases) {
    it(`-dot ${flags.join(' ')} ${file}: the same text either way, with nodelets`, () => {
      const run = () => runCli(['-dot', ...flags, path.basename(file)], { cwd: path.dirname(fixture(file)) });
      const got = run();
      const want = perSample(run);
      assert.equal(got.status, 0, got.stderr);
      assert.match(got.stdout, / -> N?N\d+_\d+ /, 'the graph has nodelets');
      assert.equal(got.stdout, want.stdout);
    });
  }
});
