// Top and then the Graph of one query share newTrimmedGraph's first step (every node's values):
// the Graph built from the shared graph equals the one a fresh worker builds, on real profiles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reusedGraphs } from '../../src/core/report/report';
import type { GraphView } from '../../src/shared/graphView';
import type { ViewGranularity } from '../../src/shared/protocol';
import { ProfileService } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';

/** The view without the timings (they differ run to run). */
function comparable(v: GraphView): Omit<GraphView, 'timing'> {
  const { timing: _timing, ...rest } = v;
  return rest;
}

const cases: [file: string, granularity: ViewGranularity, sampleType: number][] = [
  ['leaky/heap.3.pprof', 'functions', 1],
  ['leaky/heap.3.pprof', 'lines', 3],
  ['real/google-pprof/internal/proftest/testdata/large.cpu', 'functions', 1],
];

describe('the Graph after Top reuses its first graph', () => {
  for (const [file, granularity, sampleIndex] of cases) {
    it(`${file}, ${granularity}, sample type ${sampleIndex}: the same Graph as a fresh build`, async () => {
      const query = { sampleIndex };
      const shared = ProfileService.open(fixture(file), undefined, () => {});
      shared.top({ query, granularity, offset: 0, limit: 100 });
      const before = reusedGraphs.count;
      const reused = await shared.graph({ query, granularity });
      assert.equal(reusedGraphs.count, before + 1, 'the Graph reused the values Top computed');
      const fresh = await ProfileService.open(fixture(file), undefined, () => {}).graph({ query, granularity });
      assert.ok(reused.nodes.length > 3, 'a real graph');
      assert.deepEqual(comparable(reused), comparable(fresh));
    });
  }

  it('a Graph of another sample type or granularity builds its own', async () => {
    const s = ProfileService.open(fixture('leaky/heap.3.pprof'), undefined, () => {});
    s.top({ query: { sampleIndex: 1 }, granularity: 'functions', offset: 0, limit: 100 });
    const before = reusedGraphs.count;
    const other = await s.graph({ query: { sampleIndex: 3 }, granularity: 'functions' });
    const lines = await s.graph({ query: { sampleIndex: 1 }, granularity: 'lines' });
    assert.equal(reusedGraphs.count, before);
    const fresh = ProfileService.open(fixture('leaky/heap.3.pprof'), undefined, () => {});
    assert.deepEqual(comparable(other), comparable(await fresh.graph({ query: { sampleIndex: 3 }, granularity: 'functions' })));
    assert.deepEqual(comparable(lines), comparable(await fresh.graph({ query: { sampleIndex: 1 }, granularity: 'lines' })));
  });
});
