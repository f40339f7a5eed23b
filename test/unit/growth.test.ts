// Growth analysis: trend math on synthetic series with known answers (slopes, a restart, churn
// vs leak vs one-off jump, a changed sampling rate, missing times), then the real series: the
// leaky service's heap.0..3 (the leak is main.go:25) and parca's 10 snapshots. Per-line numbers
// must be the engine's -list numbers of each snapshot.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeGrowth, formatGrowthTable, formatGrowthValue, GrowthAnalyzer, growthRowsForFiles, jumpiness, leastSquares, type GrowthReport, type GrowthRow, type GrowthSnapshotInput } from '../../src/core/growth';
import { lineStatsDiff } from '../../src/core/lineStatsDiff';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import type { Profile } from '../../src/core/profile';
import { ProfileService } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

// ---- Synthetic heap profiles ----

const T0 = 1.7e18; // ns; T0 + k·60e9 stays exact in a double
const MINUTE = 60e9;

/** One allocation site: its leaf line and the four heap values. */
interface Site {
  fn: string;
  file: string;
  line: number;
  inuse: number;
  alloc: number;
}

const SITES = [
  { fn: 'main.leak', file: '/src/app/leak.go', line: 10 },
  { fn: 'main.churn', file: '/src/app/churn.go', line: 20 },
  { fn: 'main.jump', file: '/src/app/cache.go', line: 30 },
  { fn: 'main.steady', file: '/src/app/steady.go', line: 40 },
] as const;

/** A Go-heap-shaped profile: every site called from main.main (/src/app/main.go:5). */
function heapProfile(sites: Site[], opts: { timeNanos?: number; period?: number } = {}): Profile {
  const fnIds = new Map<string, number>();
  const functions: ProfileSpec['functions'] = [{ id: 1, name: 'main.main', file: '/src/app/main.go' }];
  const locations: ProfileSpec['locations'] = [{ id: 1, lines: [[1, 5]] }];
  const samples: ProfileSpec['samples'] = [];
  for (const s of sites) {
    let id = fnIds.get(s.fn);
    if (id === undefined) {
      id = functions.length + 1;
      fnIds.set(s.fn, id);
      functions.push({ id, name: s.fn, file: s.file });
    }
    const loc = locations.length + 1;
    locations.push({ id: loc, lines: [[id, s.line]] });
    // Objects of 100 bytes each.
    samples.push({ locationIds: [loc, 1], values: [Math.round(s.alloc / 100), s.alloc, Math.round(s.inuse / 100), s.inuse] });
  }
  const spec: ProfileSpec = {
    sampleTypes: [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']],
    samples,
    locations,
    functions,
    periodType: ['space', 'bytes'],
    period: opts.period ?? 524288,
    timeNanos: opts.timeNanos,
  };
  return parseProfile(encodeProfile(spec), { inflater: nodeInflater });
}

/**
 * Snapshot k of the synthetic service, at minute k: the leak retains 1000 B/min (500, 1500, ...);
 * churn allocates 50 kB/min and retains nothing; the cache jumps by 5000 B once (between
 * snapshots 1 and 2) and keeps it; steady holds 300 B.
 */
function snapshot(k: number, opts: { time?: boolean; period?: number; allocOffset?: number } = {}): GrowthSnapshotInput {
  const off = opts.allocOffset ?? 0;
  const sites: Site[] = [
    { ...SITES[0], inuse: 500 + 1000 * k, alloc: off + 500 + 1000 * k },
    { ...SITES[1], inuse: k % 2 === 0 ? 0 : 100, alloc: off + 50000 * (k + 1) },
    { ...SITES[2], inuse: k >= 2 ? 5000 : 0, alloc: off + (k >= 2 ? 5000 : 0) + 1 },
    { ...SITES[3], inuse: 300, alloc: off + 300 },
  ];
  const timeNanos = opts.time === false ? undefined : T0 + k * MINUTE;
  return { name: `heap.${k}`, profile: heapProfile(sites, { timeNanos, period: opts.period }) };
}

const row = (r: GrowthReport, fn: string): GrowthRow => {
  const found = r.rows.find((x) => x.functionName === fn && x.line > 0);
  assert.ok(found, `no row for ${fn}`);
  return found;
};
const codes = (r: GrowthReport) => r.warnings.map((w) => w.code);

describe('growth math', () => {
  it('least squares and jumpiness on known series', () => {
    assert.deepEqual(leastSquares([0, 1, 2, 3], [500, 1500, 2500, 3500]), { slope: 1000, fit: 1 });
    assert.equal(leastSquares([0, 0], [1, 2]).slope, 0);
    assert.equal(jumpiness([0, 1, 2, 3], [0, 1, 2, 3]), 0);
    assert.equal(jumpiness([0, 1, 2, 3], [0, 0, 9, 9]), 1);
    // Uneven spacing: growth proportional to elapsed time is not a jump.
    assert.ok(jumpiness([0, 1, 10], [0, 10, 100]) < 0.01);
  });
});

describe('analyzeGrowth on synthetic heap series', () => {
  const series = [3, 0, 2, 1].map((k) => snapshot(k)); // shuffled: ordered by profile time

  it('orders by profile time and finds the leak with its exact slope per minute', () => {
    const r = analyzeGrowth(series);
    assert.deepEqual(r.snapshots.map((s) => s.name), ['heap.0', 'heap.1', 'heap.2', 'heap.3']);
    assert.deepEqual(r.snapshots.map((s) => s.x), [0, 1, 2, 3]);
    assert.ok(r.snapshots.every((s) => s.timeSource === 'profile'));
    assert.equal(r.sampleType, 'inuse_space');
    assert.equal(r.slopeUnit, 'minute');
    assert.equal(r.heap, true);
    const top = r.rows[0];
    assert.equal(top.functionName, 'main.leak');
    assert.equal(top.file, '/src/app/leak.go');
    assert.equal(top.line, 10);
    assert.deepEqual(top.values, [500, 1500, 2500, 3500]);
    assert.equal(top.first, 500);
    assert.equal(top.last, 3500);
    assert.equal(top.delta, 3000);
    assert.equal(top.slope, 1000);
    assert.equal(top.grewIntervals, 3);
    assert.equal(top.intervals, 3);
    assert.equal(top.retainedRatio, 1);
    assert.equal(top.verdict, 'leak');
    assert.ok(top.suspect);
    assert.deepEqual(top.byType.alloc_space, [500, 1500, 2500, 3500]);
    assert.deepEqual(r.types.map((t) => t.type), ['alloc_space', 'inuse_objects', 'inuse_space']);
    assert.deepEqual(Object.keys(top.byType).sort(), ['alloc_space', 'inuse_objects', 'inuse_space']);
    assert.deepEqual(top.byType.inuse_objects, [5, 15, 25, 35]);
    assert.deepEqual(analyzeGrowth(series, { sampleIndex: 'alloc_objects' }).types.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    assert.deepEqual(r.warnings, []);
  });

  it('churn (alloc grows, inuse flat) and a one-off jump are not suspects, and rank below the leak', () => {
    const r = analyzeGrowth(series);
    const churn = row(r, 'main.churn');
    assert.equal(churn.verdict, 'churn');
    assert.equal(churn.suspect, false);
    assert.ok(churn.retainedRatio !== undefined && churn.retainedRatio < 0.01);
    const jump = row(r, 'main.jump');
    assert.equal(jump.verdict, 'jump');
    assert.equal(jump.suspect, false);
    assert.equal(jump.jumpiness, 1);
    assert.equal(jump.grewIntervals, 1);
    // The jump grew more than the leak, yet ranks below it.
    assert.ok(jump.delta > row(r, 'main.leak').delta);
    assert.ok(r.rows.indexOf(jump) > r.rows.indexOf(row(r, 'main.leak')));
    assert.equal(row(r, 'main.steady').verdict, 'flat');
    assert.deepEqual(r.rows.filter((x) => x.suspect).map((x) => x.functionName), ['main.leak']);
  });

  it('ranks suspects by score (delta × steadiness), not by delta: a steadier leak outranks a bigger, bumpier one', () => {
    // steady: +1000 B every minute (fit 1, jumpiness 0: score = delta = 3000).
    // bumpy: 100, 500, 2600, 4100 — a bigger delta (4000) but fit 0.946, jumpiness 0.288: score ≈ 2696.
    const steady = [100, 1100, 2100, 3100];
    const bumpy = [100, 500, 2600, 4100];
    const snaps = [0, 1, 2, 3].map((k) => ({
      name: `heap.${k}`,
      profile: heapProfile([
        { fn: 'main.bumpy', file: '/src/app/bumpy.go', line: 7, inuse: bumpy[k], alloc: bumpy[k] },
        { fn: 'main.steady', file: '/src/app/steady.go', line: 9, inuse: steady[k], alloc: steady[k] },
      ], { timeNanos: T0 + k * MINUTE }),
    }));
    const r = analyzeGrowth(snaps);
    const [first, second] = r.rows;
    assert.deepEqual([first.functionName, second.functionName], ['main.steady', 'main.bumpy']);
    assert.deepEqual([first.verdict, second.verdict, first.suspect, second.suspect], ['leak', 'leak', true, true]);
    assert.deepEqual([first.delta, second.delta], [3000, 4000]);
    assert.equal(first.score, 3000);
    assert.equal(Math.round(second.score), 2696);
    assert.deepEqual(r.rows.slice(0, 2).map((x) => x.values), [steady, bumpy]);
  });

  it('ranking by alloc_space still calls churn churn (it retains nothing)', () => {
    const r = analyzeGrowth(series, { sampleIndex: 'alloc_space' });
    assert.equal(r.sampleType, 'alloc_space');
    assert.equal(r.rows[0].functionName, 'main.leak');
    assert.equal(row(r, 'main.churn').verdict, 'churn');
    assert.equal(row(r, 'main.churn').suspect, false);
  });

  it('pprof -sample_index semantics: an index, a name, "space" for inuse_space; a bad one throws', () => {
    assert.equal(analyzeGrowth(series, { sampleIndex: 2 }).sampleType, 'inuse_objects');
    assert.equal(analyzeGrowth(series, { sampleIndex: 'inuse_objects' }).rows[0].functionName, 'main.leak');
    assert.throws(() => analyzeGrowth(series, { sampleIndex: 'cpu' }), /sample_index "cpu" must be one of/);
    assert.throws(() => analyzeGrowth([]), /no snapshots/);
  });

  it('function granularity: one row per function, line 0', () => {
    const r = analyzeGrowth(series, { granularity: 'functions' });
    assert.equal(r.granularity, 'functions');
    assert.equal(r.rows[0].functionName, 'main.leak');
    assert.equal(r.rows[0].line, 0);
    assert.equal(r.rows[0].file, '/src/app/leak.go');
    assert.deepEqual(r.rows[0].values, [500, 1500, 2500, 3500]);
    const main = r.rows.find((x) => x.functionName === 'main.main');
    assert.ok(main);
    assert.deepEqual(main.values, [0, 0, 0, 0]);
    assert.equal(main.cum[3], 3500 + 100 + 5000 + 300);
  });

  it('refinements filter every snapshot as -focus would', () => {
    const r = analyzeGrowth(series, { refinements: { focus: 'churn' } });
    assert.deepEqual([...new Set(r.rows.filter((x) => x.values.some((v) => v !== 0)).map((x) => x.functionName))], ['main.churn']);
    const none = analyzeGrowth(series, { refinements: { focus: 'nomatch' } });
    assert.ok(none.warnings.some((w) => w.code === 'filter' && /Focus expression matched no samples/.test(w.message)));
  });

  it('a restart (alloc_space total goes down) splits the series; the longest run after it is analyzed', () => {
    // Two snapshots of a first process, then three of a new one (its alloc counters start over).
    const before = [snapshot(0, { allocOffset: 1e9 }), snapshot(1, { allocOffset: 1e9 })];
    const after = [2, 3, 4].map((k) => snapshot(k));
    const r = analyzeGrowth([...before, ...after]);
    assert.deepEqual(r.snapshots.map((s) => s.name), ['heap.2', 'heap.3', 'heap.4']);
    assert.deepEqual(r.excluded.map((e) => e.name), ['heap.0', 'heap.1']);
    assert.match(r.excluded[0].reason, /before the break between heap\.1 and heap\.2: alloc_space total went down .*restarted/);
    const w = r.warnings.find((x) => x.code === 'restart');
    assert.ok(w);
    assert.match(w.message, /between heap\.1 and heap\.2: alloc_space total went down/);
    assert.ok(codes(r).includes('excluded'));
    assert.equal(r.rows[0].functionName, 'main.leak');
    assert.deepEqual(r.rows[0].values, [2500, 3500, 4500]);
  });

  it('a restart seen in the address space layout (a library mapped elsewhere) splits too', () => {
    const withMaps = (s: GrowthSnapshotInput, libcStart: bigint): GrowthSnapshotInput => {
      const m = (index: number, file: string, start: bigint) => ({
        index, id: index + 1, start, limit: start + 0x1000n, offset: 0n, file, buildId: '',
        hasFunctions: true, hasFilenames: true, hasLineNumbers: true, hasInlineFrames: true,
      });
      return { ...s, profile: { ...s.profile, mappings: [m(0, '/app/server', 0x400000n), m(1, '/lib/libc.so.6', libcStart)] } };
    };
    const r = analyzeGrowth([
      withMaps(snapshot(0), 0x7f00n << 32n),
      withMaps(snapshot(1), 0x7e00n << 32n),
      withMaps(snapshot(2), 0x7e00n << 32n),
      withMaps(snapshot(3), 0x7e00n << 32n),
    ]);
    assert.deepEqual(r.excluded.map((e) => e.name), ['heap.0']);
    assert.match(r.warnings.find((w) => w.code === 'restart')?.message ?? '', /libc\.so\.6 is mapped at another address .*another process/);
  });

  it('a changed sampling rate splits the series instead of comparing estimates', () => {
    const r = analyzeGrowth([snapshot(0), snapshot(1), snapshot(2, { period: 1048576 }), snapshot(3, { period: 1048576 }), snapshot(4, { period: 1048576 })]);
    assert.deepEqual(r.snapshots.map((s) => s.name), ['heap.2', 'heap.3', 'heap.4']);
    assert.match(r.warnings.find((w) => w.code === 'period-changed')?.message ?? '', /sampling period changed \(524288 → 1048576 bytes\)/);
  });

  it('a profile of another kind is incompatible and left out', () => {
    const cpu = parseProfile(readFileSync(fixture('leaky', 'cpu.pprof')), { inflater: nodeInflater });
    const r = analyzeGrowth([snapshot(0), snapshot(1), snapshot(2), { name: 'cpu', profile: { ...cpu, timeNanos: BigInt(T0 + 9 * MINUTE) } }]);
    assert.deepEqual(r.excluded.map((e) => e.name), ['cpu']);
    assert.match(r.warnings.find((w) => w.code === 'incompatible')?.message ?? '', /between heap\.2 and cpu: different sample types/);
  });

  it('missing profile times: file times are used and said per snapshot; none at all: per-snapshot slopes', () => {
    const fileTimed = [2, 0, 1].map((k) => ({ ...snapshot(k, { time: false }), fileTimeMs: 1_700_000_000_000 + k * 120_000 }));
    const r = analyzeGrowth(fileTimed);
    assert.deepEqual(r.snapshots.map((s) => s.name), ['heap.0', 'heap.1', 'heap.2']);
    assert.ok(r.snapshots.every((s) => s.timeSource === 'file'));
    assert.equal(r.warnings.filter((w) => w.code === 'time-from-file').length, 3);
    assert.match(r.warnings[0].message, /heap\.0: the profile has no time; using the file's modification time \(2023-11-14T22:13:20Z\)/);
    assert.equal(r.slopeUnit, 'minute');
    assert.equal(r.rows[0].slope, 500); // 1000 B every 2 minutes

    const untimed = [0, 1, 2].map((k) => snapshot(k, { time: false }));
    const u = analyzeGrowth(untimed);
    assert.equal(u.slopeUnit, 'snapshot');
    assert.deepEqual(u.snapshots.map((s) => s.timeSource), ['none', 'none', 'none']);
    assert.equal(u.rows[0].slope, 1000);
    assert.match(u.warnings.find((w) => w.code === 'no-time')?.message ?? '', /heap\.0, heap\.1 and heap\.2 have no time .*given order.*per snapshot/);
  });

  it('given order (a live series): a profile time that goes back is a break', () => {
    // Values keep growing, but the clock of the last three is ten minutes behind.
    const skewed = [3, 4, 5].map((k) => {
      const s = snapshot(k);
      return { name: `heap.${k}b`, profile: { ...s.profile, timeNanos: BigInt(T0 + (k - 10) * MINUTE) } };
    });
    const r = analyzeGrowth([snapshot(0), snapshot(1), snapshot(2), ...skewed], { order: 'given' });
    assert.match(r.warnings.find((w) => w.code === 'time-went-back')?.message ?? '', /between heap\.2 and heap\.3b: the profile time goes back \(2023-11-14T22:15:20Z → 2023-11-14T22:06:20Z\)/);
    assert.deepEqual(r.snapshots.map((s) => s.name), ['heap.3b', 'heap.4b', 'heap.5b']);
  });

  it('one snapshot: a warning and no suspects; two: growth is a suspect, with a warning', () => {
    const one = analyzeGrowth([snapshot(0)]);
    assert.ok(codes(one).includes('single-snapshot'));
    assert.ok(one.rows.every((x) => !x.suspect && x.verdict === 'single'));
    const two = analyzeGrowth([snapshot(0), snapshot(3)]);
    assert.ok(codes(two).includes('two-snapshots'));
    const suspects = two.rows.filter((x) => x.suspect).map((x) => x.functionName);
    assert.deepEqual(suspects, ['main.jump', 'main.leak']);
    assert.equal(row(two, 'main.churn').verdict, 'churn');
  });

  it('GrowthAnalyzer (incremental) equals analyzeGrowth; remove drops a snapshot', () => {
    const a = new GrowthAnalyzer();
    for (const s of series) a.add(s);
    assert.deepEqual(a.report(), analyzeGrowth(series));
    assert.equal(a.remove('heap.3'), 1);
    assert.equal(a.report().snapshots.length, 3);
    // Not only equal to the batch answer: the leak's own numbers, by hand (500 B + 1000 B/min).
    assert.deepEqual(a.report().rows[0].values, [500, 1500, 2500]);
    assert.equal(a.report().rows[0].delta, 2000);
    // The report is plain data: it survives JSON (what the worker sends to the host).
    const r = analyzeGrowth(series);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });

  it('the table: header, then the top suspect; values formatted as pprof does', () => {
    const r = analyzeGrowth(series);
    const lines = formatGrowthTable(r).trimEnd().split('\n');
    assert.match(lines[0], /^rank\s+function\s+file:line\s+first\s+last\s+delta\s+slope\/min\s+k\/n\s+retained\/alloc$/);
    assert.match(lines[1], /^\s*1\s+main\.leak\s+\/src\/app\/leak\.go:10\s+500B\s+3\.42kB\s+\+2\.93kB\s+\+1000B\s+3\/3\s+100%$/);
    assert.equal(lines.length, 2);
    assert.equal(formatGrowthValue(r, 1536, true), '+1.50kB');
    assert.equal(formatGrowthValue(r, -2 * 1024 * 1024), '-2MB');
  });
});

// ---- Real series ----

function load(file: string): GrowthSnapshotInput {
  return { name: path.basename(file), profile: parseProfile(readFileSync(file), { inflater: nodeInflater }), fileTimeMs: statSync(file).mtimeMs };
}

const LEAKY_MAIN = '/vagrant_data/go/src/github.com/example/leaky/main.go';

describe('the leaky service heap.0..3 (200, 1700, 3200, 4700 requests)', () => {
  const files = [0, 1, 2, 3].map((i) => fixture('leaky', `heap.${i}.pprof`));
  const report = analyzeGrowth(files.map(load));

  it('the top suspect is main.go:25 main.TrackRequest, a steady leak retaining all it allocates', () => {
    const top = report.rows[0];
    assert.equal(top.functionName, 'main.TrackRequest');
    assert.equal(top.file, LEAKY_MAIN);
    assert.equal(top.line, 25);
    assert.equal(top.verdict, 'leak');
    assert.equal(top.grewIntervals, 3);
    assert.ok(top.retainedRatio! > 0.95);
    assert.equal(formatGrowthValue(report, top.last), '49.48MB'); // heap.3's -list number
    assert.deepEqual(report.rows.filter((r) => r.suspect).map((r) => `${r.functionName}:${r.line}`), ['main.TrackRequest:25']);
    // checksum's buffer is garbage: churn.
    const checksum = report.rows.find((r) => r.functionName === 'main.checksum' && r.line === 43);
    assert.equal(checksum?.verdict, 'churn');
    assert.deepEqual(report.warnings, []);
  });

  it('every snapshot\'s per-line numbers are the engine\'s -list numbers (the worker\'s line stats)', () => {
    files.forEach((file, i) => {
      const svc = ProfileService.open(file, undefined, () => {});
      const all = svc.summary().sampleTypes.map((x) => x.type);
      report.types.forEach((t) => {
        const sampleIndex = all.indexOf(t.type);
        const stats = svc.lineStats({ query: { sampleIndex }, files: [LEAKY_MAIN] });
        assert.ok(stats.length > 0);
        for (const s of stats) {
          const rows = growthRowsForFiles(report, [LEAKY_MAIN]).filter((r) => r.line === s.line);
          const flat = rows.reduce((sum, r) => sum + r.byType[t.type][i], 0);
          assert.equal(flat, s.flat, `${path.basename(file)} ${t.type} line ${s.line}`);
          if (t.type === report.sampleType) assert.equal(rows.reduce((sum, r) => sum + r.cum[i], 0), s.cum);
        }
      });
    });
  });

  it('the table\'s first data row is the leak', () => {
    const lines = formatGrowthTable(report).split('\n');
    assert.match(lines[1], /^\s*1\s+main\.TrackRequest\s+\S+\/leaky\/main\.go:25\s+1\.01MB\s+49\.48MB\s+\+48\.47MB\s+\+\S+MB\s+3\/3\s+100%$/);
  });

  it('lineStatsDiff: -diff_base deltas are pprof\'s (48.47MB on main.go:25) and equal after − before', () => {
    const [h0, h3] = [files[0], files[3]].map((f) => load(f).profile);
    const d = lineStatsDiff(h3, h0);
    assert.equal(d.sampleType, 'inuse_space');
    const l25 = d.lines.find((l) => l.file === LEAKY_MAIN && l.line === 25);
    assert.ok(l25);
    assert.equal(formatGrowthValue({ sampleUnit: d.sampleUnit }, l25.flat.delta), '48.47MB');
    // go tool pprof -list=TrackRequest: line 25 is 1.01MB in heap.0 and 49.48MB in heap.3.
    assert.deepEqual([l25.flat.before, l25.flat.after].map((v) => formatGrowthValue({ sampleUnit: d.sampleUnit }, v)), ['1.01MB', '49.48MB']);
    assert.deepEqual(l25.functions, ['main.TrackRequest']);
    // -diff_base percentages are of the base's total ("Total: 2.51MB" in pprof's -list header).
    assert.equal(formatGrowthValue({ sampleUnit: d.sampleUnit }, d.total), '2.51MB');
    for (const l of d.lines) {
      assert.equal(l.flat.delta, l.flat.after - l.flat.before, `${l.file}:${l.line}`);
      assert.equal(l.cum.delta, l.cum.after - l.cum.before, `${l.file}:${l.line}`);
    }
    const golden = readFileSync(fixture('golden', 'leaky', 'heap.3-diff_base-heap.0.lines.txt'), 'utf8');
    for (const m of golden.matchAll(/^\s*(\S+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+) (\S+):(\d+)$/gm)) {
      if (!m[3].startsWith('/vagrant_data')) continue;
      const line = d.lines.find((l) => l.file === m[3] && l.line === Number(m[4]));
      assert.ok(line, m[0]);
      assert.equal(line.flat.delta === 0 ? '0' : formatGrowthValue({ sampleUnit: d.sampleUnit }, line.flat.delta), m[1], m[0]);
    }
    const b = lineStatsDiff(h3, h0, { sampleIndex: 'inuse_space' }, 'base');
    assert.equal(b.mode, 'base');
    assert.equal(b.lines.find((l) => l.line === 25 && l.file === LEAKY_MAIN)?.flat.delta, l25.flat.delta);
  });
});

describe('parca\'s real 10-snapshot heap series', () => {
  const dir = fixture('real', 'parca-dev-parca', 'pkg', 'query', 'testdata', 'many');
  const files = readdirSync(dir).sort().map((f) => path.join(dir, f));

  it('orders by profile time (the file names), ranks sanely, does not crash', () => {
    const shuffled = [...files].reverse();
    const r = analyzeGrowth(shuffled.map(load));
    assert.deepEqual(r.snapshots.map((s) => s.name), files.map((f) => path.basename(f)));
    // The names are the unix-nano times of the profiles.
    for (const s of r.snapshots) assert.equal(Math.floor(s.timeMs!), Number(BigInt(s.name.replace('.pb.gz', '')) / 1_000_000n));
    assert.equal(r.rows.length > 50, true);
    for (const row of r.rows) {
      assert.equal(row.values.length, 10);
      assert.ok(Number.isFinite(row.slope) && Number.isFinite(row.score) && row.fit >= 0 && row.fit <= 1.0000001);
    }
    // Nothing grows steadily there: heap profiles only change at GC, and one GC ran near the end,
    // so the growers are one-off jumps, the biggest (badger's arena) first, and nothing is a suspect.
    assert.equal(r.rows.filter((x) => x.suspect).length, 0);
    assert.equal(r.rows[0].verdict, 'jump');
    assert.equal(r.rows[0].functionName, 'github.com/dgraph-io/badger/v3/skl.newArena');
    for (let i = 1; i < r.rows.length; i++) assert.ok(r.rows[i - 1].score >= r.rows[i].score || r.rows[i - 1].suspect !== r.rows[i].suspect);
    assert.ok(r.warnings.some((w) => w.code === 'unchanged' && /no garbage collection ran in between/.test(w.message)));
    assert.equal(formatGrowthTable(r).split('\n')[1], '');
  });
});
