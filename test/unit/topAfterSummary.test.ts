// Opening prepares -top's report once: the summary's header lines and the first Top page of the
// same config share it, and that Top page equals one computed without the summary, on real profiles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ViewGranularity } from '../../src/shared/protocol';
import { ProfileService } from '../../src/worker/profileService';
import { reusedTopReports } from '../../src/worker/profileViews';
import { fixture } from '../support/fixtures';

const FILES = ['leaky/heap.3.pprof', 'real/google-pprof/internal/proftest/testdata/large.cpu', 'leaky/cpu.pprof'];

const open = (file: string) => ProfileService.open(fixture(file), undefined, () => {});

describe('the first Top page reuses the report the summary prepared', () => {
  for (const file of FILES) {
    it(`${file}: one preparation, the same page as without the summary`, () => {
      const s = open(file);
      const query = { sampleIndex: s.summary().defaultSampleIndex };
      const before = reusedTopReports.count;
      const page = s.top({ query, granularity: 'functions', offset: 0, limit: 50 });
      assert.equal(reusedTopReports.count, before + 1, 'Top took the summary’s report');
      assert.ok(page.rows.length > 3 && page.labels.some((l) => l.startsWith('Showing nodes accounting for')), 'a real page');
      assert.deepEqual(page, open(file).top({ query, granularity: 'functions', offset: 0, limit: 50 }));
      // Taken once: the next Top of another page or order is computed or cached as before.
      s.top({ query, granularity: 'functions', offset: 0, limit: 50, cumSort: true });
      assert.equal(reusedTopReports.count, before + 1);
    });
  }

  const others: [string, ViewGranularity, boolean][] = [
    ['another granularity', 'lines', false],
    ['-cum', 'functions', true],
  ];
  for (const [what, granularity, cumSort] of others) {
    it(`a first Top of ${what} prepares its own, equal to a fresh one`, () => {
      const s = open('leaky/heap.3.pprof');
      const query = { sampleIndex: s.summary().defaultSampleIndex };
      const before = reusedTopReports.count;
      const page = s.top({ query, granularity, cumSort, offset: 0, limit: 50 });
      assert.equal(reusedTopReports.count, before);
      assert.deepEqual(page, open('leaky/heap.3.pprof').top({ query, granularity, cumSort, offset: 0, limit: 50 }));
    });
  }

  it('another sample type prepares its own', () => {
    const s = open('leaky/heap.3.pprof');
    const def = s.summary().defaultSampleIndex;
    const query = { sampleIndex: (def + 1) % s.summary().sampleTypes.length };
    const before = reusedTopReports.count;
    const page = s.top({ query, granularity: 'functions', offset: 0, limit: 50 });
    assert.equal(reusedTopReports.count, before);
    assert.deepEqual(page, open('leaky/heap.3.pprof').top({ query, granularity: 'functions', offset: 0, limit: 50 }));
  });
});
