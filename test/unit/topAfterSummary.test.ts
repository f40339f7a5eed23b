// Opening prepares -top's report once: the summary's header lines and the first Top page of the
// same config share it, and that Top page equals one computed without the summary, on real profiles.
// The handover is observed through the opt-in trace (PPROF_LENS_TRACE, read when the module loads:
// the worker's modules are imported after setting it).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ViewGranularity } from '../../src/shared/protocol';
import type { ProfileService as ProfileServiceType } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';

const FILES = ['leaky/heap.3.pprof', 'real/google-pprof/internal/proftest/testdata/large.cpu', 'leaky/cpu.pprof'];

const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-trace-'));
const traceFile = path.join(dir, 'trace.txt');
let ProfileService: typeof ProfileServiceType;
let reusedStep = '';
before(async () => {
  process.env.PPROF_LENS_TRACE = traceFile;
  ({ ProfileService } = await import('../../src/worker/profileService.js'));
  reusedStep = (await import('../../src/worker/profileViews.js')).TOP_REUSED_SUMMARY_REPORT;
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** How many Top reports so far started from the summary's prepared report (trace lines). */
const reusedTopReports = {
  get count(): number {
    if (!existsSync(traceFile)) return 0;
    return readFileSync(traceFile, 'utf8').split('\n').filter((l) => l.endsWith(` ${reusedStep}`)).length;
  },
};

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
