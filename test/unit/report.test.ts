// The report engine against `go tool pprof` 1.19.8: every unfiltered golden (-top, -lines, -cum,
// -files, -traces, -top -sample_index, the leaky -list) through a minimal driver stand-in, then
// the cases no golden covers (missing sources, -trim_path, the data APIs) against pprof's output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatReportValue, formatProfileTime, profileLabels, topRows, printText, Report } from '../../src/core/report/report';
import { generate } from '../../src/core/report/generate';
import { buildLineIndex, reportConfig } from '../../src/core/report/lineIndex';
import { fetchProfiles } from '../../src/core/driver';
import { percentage } from '../../src/core/measurement';
import { fixture } from '../support/fixtures';
import { reportGoldens } from '../support/reportGoldens';
import { fsSourceReader, harnessOptions, loadProfile, runReport } from '../support/reportHarness';

// The goldens were made with TZ=UTC; Node reads TZ when it changes.
process.env.TZ = 'UTC';

describe('report goldens (unfiltered)', () => {
  const goldens = reportGoldens();
  it('finds the goldens', () => assert.ok(goldens.length >= 300, `only ${goldens.length} goldens`));
  for (const g of goldens) {
    it(g.name, () => {
      assert.equal(runReport(g.profile, g.flags), readFileSync(g.golden, 'utf8'));
    });
  }
});

describe('-list', () => {
  const heap = fixture('leaky', 'heap.3.pprof');
  const list = (sourcePath: string, trimPath = '') => {
    const p = loadProfile(heap);
    const o = { ...harnessOptions(p, { format: 'list', list: 'TrackRequest', sourcePath }), trimPath };
    return generate(p, o, fsSourceReader(fixture('leaky')));
  };
  const head = 'Total: 51.99MB\n';
  it('reports an absolute path that does not exist as pprof does', () => {
    assert.equal(
      list('/nonexistent-dir'),
      head +
        'ROUTINE ======================== main.TrackRequest in /vagrant_data/go/src/github.com/example/leaky/main.go\n' +
        '   49.48MB    49.48MB (flat, cum) 95.18% of Total\n' +
        ' Error: open /vagrant_data/go/src/github.com/example/leaky/main.go: no such file or directory\n',
    );
  });
  it('reports a trimmed path found nowhere on the search path', () => {
    assert.equal(
      list('/nonexistent-dir/leaky'),
      head +
        'ROUTINE ======================== main.TrackRequest in main.go\n' +
        '   49.48MB    49.48MB (flat, cum) 95.18% of Total\n' +
        ' Error: could not find file main.go on path /nonexistent-dir/leaky\n',
    );
  });
  it('trims -trim_path prefixes and searches the source path', () => {
    const out = list(fixture(), '/vagrant_data/go/src/github.com/example');
    assert.ok(
      out.startsWith(
        head +
          'ROUTINE ======================== main.TrackRequest in leaky/main.go\n' +
          '   49.48MB    49.48MB (flat, cum) 95.18% of Total\n' +
          '         .          .     20:\trequests [][]byte // the leak: never truncated\n',
      ),
      out,
    );
  });
  it('throws pprof\'s message when no function matches', () => {
    const p = loadProfile(heap);
    assert.throws(() => generate(p, harnessOptions(p, { format: 'list', list: 'nomatch' }), fsSourceReader('/')), /^ProfileError: no matches found for regexp: nomatch$/);
  });
});

describe('data APIs', () => {
  it('topRows has the -top rows and numbers', () => {
    const p = loadProfile(fixture('leaky', 'cpu.pprof'));
    const o = harnessOptions(p, { format: 'text' });
    const top = topRows(p, o);
    const text = printText(new Report(p, o));
    const lines = text.split('\n');
    const rows = lines.slice(lines.findIndex((l) => l.trimStart().startsWith('flat')) + 1, -1);
    assert.equal(top.rows.length, rows.length);
    top.rows.forEach((r, i) => {
      const fmt = (v: number) => formatReportValue(v, top.sampleUnit, top.outputUnit, top.ratio).padStart(10);
      const inl = r.inlineLabel ? ' ' + r.inlineLabel : '';
      const line = `${fmt(r.flat)} ${percentage(r.flat, top.total)} ${percentage(r.sum, top.total)} ${fmt(r.cum)} ${percentage(r.cum, top.total)}  ${r.name}${inl}`;
      assert.equal(line, rows[i]);
    });
    assert.equal(top.rows[0].name, 'crypto/sha256.block');
    const checksum = top.rows.find((r) => r.name === 'main.checksum')!;
    assert.equal(checksum.file, ''); // -functions has no files
    assert.equal(checksum.functionFile, '/vagrant_data/go/src/github.com/example/leaky/main.go');
    assert.ok(Math.abs(top.rows[0].flatPercent - 80.58) < 0.01);
    assert.deepEqual(top.labels, lines.slice(0, top.labels.length));
  });

  it('the line index gives the -list numbers per file and line', () => {
    const p = fetchProfiles({ sources: [loadProfile(fixture('leaky', 'heap.3.pprof'))] }, { normalize: false });
    const main = buildLineIndex(p, reportConfig(undefined)).files.get('/vagrant_data/go/src/github.com/example/leaky/main.go')!;
    // -list TrackRequest: "49.48MB 49.48MB 25:" and workHandler "0 50.49MB"; see the goldens.
    assert.equal(formatReportValue(main.get(25)!.flat, 'bytes', 'minimum', 1), '49.48MB');
    assert.equal(formatReportValue(main.get(25)!.cum, 'bytes', 'minimum', 1), '49.48MB');
    assert.equal(main.get(49)!.flat, 0);
  });

  it('profileLabels prints the header of -traces', () => {
    const p = loadProfile(fixture('leaky', 'cpu.pprof'));
    const labels = profileLabels(p, harnessOptions(p, { format: 'traces' }));
    const golden = readFileSync(fixture('golden', 'leaky', 'cpu.pprof.traces.txt'), 'utf8').split('\n');
    assert.deepEqual(labels, golden.slice(0, labels.length));
  });

  it('formats times as Go\'s "Jan 2, 2006 at 3:04pm (MST)"', () => {
    assert.equal(formatProfileTime(0n), 'Jan 1, 1970 at 12:00am (UTC)');
    assert.equal(formatProfileTime(1_795_150_980_123_456_789n), 'Nov 20, 2026 at 5:03am (UTC)');
    assert.equal(formatProfileTime(1_795_194_180_000_000_000n), 'Nov 20, 2026 at 5:03pm (UTC)');
  });
});
