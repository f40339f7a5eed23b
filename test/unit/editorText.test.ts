// What the editor shows, as text: the hover's Markdown, the growth hover, the annotation column and
// its heat buckets. Exact strings, anchored to `go tool pprof` (numbers quoted in the comments), so
// that a swapped flat%/cum% column, a column one character narrower or a heat threshold at the
// wrong scale fails `npm test` without a real VS Code. The `vscode` module is a small stub
// (test/support/vscodeStub.ts): only Markdown accumulation, no behaviour is imitated.
import '../support/vscodeStub';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeGrowth, type GrowthReport, type GrowthRow } from '../../src/core/growth';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { codeLensTitle } from '../../src/extension/codeLensProvider';
import { sampleTypeItems } from '../../src/extension/commands';
import { COLUMN_WIDTH, columnText, diffDecorations, heatBucket, lineDecorations, signedText, VALUE_WIDTH } from '../../src/extension/decorationModel';
import { growthHoverMarkdown } from '../../src/extension/growthHover';
import { hoverMarkdown } from '../../src/extension/hoverProvider';
import { hotLineSummary, profileStatus } from '../../src/extension/statusBar';
import type { LineDetail } from '../../src/shared/protocol';
import { ProfileService } from '../../src/worker/profileService';
import { BLOG, GOROUTINES } from '../support/attributionProfiles';
import { fixture } from '../support/fixtures';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

const LEAKY_MAIN = '/vagrant_data/go/src/github.com/example/leaky/main.go';
const LINKS = '[$(symbol-enum) Sample type…](command:pprofLens.selectSampleType) · [$(flame) Hottest line](command:pprofLens.goToHottestLine) · [$(arrow-down) Next hot line](command:pprofLens.nextHotLine)';

describe('line hover', () => {
  it('heap.3 main.go:50: flat and cum columns as go tool pprof -top -lines prints them, per sample type', () => {
    // go tool pprof -lines -top -nodefraction=0 -sample_index=T heap.3.pprof, row main.go:50:
    //   alloc_objects 0 0% 935309 90.68%; alloc_space 0 0% 4753.79MB 98.74% (-list: 4.64GB);
    //   inuse_objects 0 0% 196 1.62%; inuse_space 0 0% 1.01MB 1.93%.
    // -peek: main.workHandler calls TrackRequest (49.48MB) and checksum (1.01MB).
    const svc = ProfileService.open(fixture('leaky', 'heap.3.pprof'), undefined, () => {});
    const d = svc.lineDetail({ query: { sampleIndex: 3 }, file: LEAKY_MAIN, line: 50 });
    const md = hoverMarkdown(d, 'heap.3.pprof', 'inuse_space');
    assert.equal(md.value, [
      '**pprof Lens** · heap\\.3\\.pprof · line 50',
      '',
      LINKS,
      '',
      '| sample type | flat | flat% | cum | cum% |',
      '|---|---:|---:|---:|---:|',
      '| alloc\\_objects | 0 |     0\\% | 935309 | 90\\.68\\% |',
      '| alloc\\_space | 0 |     0\\% | 4\\.64GB | 98\\.74\\% |',
      '| inuse\\_objects | 0 |     0\\% | 196 |  1\\.62\\% |',
      '| **inuse\\_space** | 0 |     0\\% | 1\\.01MB |  1\\.93\\% |',
      '',
      '**On this line:** `main.workHandler`',
      '',
      '**Top callers** (inuse\\_space):',
      '- 50\\.49MB `net/http.HandlerFunc.ServeHTTP`',
      '',
      '**Top callees** (inuse\\_space):',
      '- 49\\.48MB `main.TrackRequest`',
      '- 1\\.01MB `main.checksum`',
      '',
    ].join('\n'));
    assert.deepEqual(md.isTrusted, { enabledCommands: ['pprofLens.selectSampleType', 'pprofLens.goToHottestLine', 'pprofLens.nextHotLine'] });
    assert.equal(md.supportThemeIcons, true);
    assert.equal(md.supportHtml, false);
  });

  it('attribution: "Your line" with its charge, goroutines and what it calls into, after the table', () => {
    const d: LineDetail = {
      file: '/a.go', line: 9, values: [{ type: 'alloc_space', flatText: '0', flatPercent: '0%', cumText: '5MB', cumPercent: '50%' }],
      functions: [], callers: [], callees: [],
      charge: { valueText: '5MB', percent: '50.00%', goroutines: '3 goroutines wait here', via: ['via bytes.Repeat (bytes/bytes.go:610, inlined) 100%'] },
    };
    assert.equal(hoverMarkdown(d, 'a.pprof', 'alloc_space').value, [
      '**pprof Lens** · a\\.pprof · line 9',
      '',
      LINKS,
      '',
      '| sample type | flat | flat% | cum | cum% |',
      '|---|---:|---:|---:|---:|',
      '| **alloc\\_space** | 0 | 0\\% | 5MB | 50\\% |',
      '',
      '**Your line** (alloc\\_space): 5MB (50\\.00\\%) · 3 goroutines wait here',
      '- via bytes\\.Repeat \\(bytes\\/bytes\\.go\\:610\\, inlined\\) 100\\%',
      '',
    ].join('\n'));
    const noGoroutines = hoverMarkdown({ ...d, charge: { ...d.charge!, goroutines: undefined, via: [] } }, 'a.pprof', 'alloc_space').value;
    assert.match(noGoroutines, /\n\*\*Your line\*\* \(alloc\\_space\): 5MB \(50\\\.00\\%\)\n$/);
  });

  it('a line without functions, callers or callees: the links and the table only', () => {
    const d: LineDetail = { file: '/a.go', line: 3, values: [{ type: 'cpu', flatText: '10ms', flatPercent: '1.00%', cumText: '20ms', cumPercent: '2.00%' }], functions: [], callers: [], callees: [] };
    assert.equal(hoverMarkdown(d, 'cpu.pprof', 'samples').value, [
      '**pprof Lens** · cpu\\.pprof · line 3',
      '',
      LINKS,
      '',
      '| sample type | flat | flat% | cum | cum% |',
      '|---|---:|---:|---:|---:|',
      '| cpu | 10ms | 1\\.00\\% | 20ms | 2\\.00\\% |',
      '',
    ].join('\n'));
  });

  it('a comparison: before, after and delta columns, then the Δ columns; inline frames marked', () => {
    const d: LineDetail = {
      file: '/src/a.go',
      line: 7,
      values: [{ type: 'inuse_space', flatText: '+1MB', flatPercent: '10.00%', cumText: '+2MB', cumPercent: '20.00%' }],
      functions: [{ name: 'main.f', inline: true }, { name: 'main.`g`', inline: false }],
      callers: [],
      callees: [],
      comparison: [
        { type: 'inuse_space', before: 1, after: 2, delta: 1, beforeText: '1MB', afterText: '2MB', deltaText: '+1MB' },
        { type: 'inuse_objects', before: 5, after: 3, delta: -2, beforeText: '5', afterText: '3', deltaText: '-2' },
      ],
    };
    assert.equal(hoverMarkdown(d, 'b.pprof', 'inuse_space').value, [
      '**pprof Lens** · b\\.pprof · line 7',
      '',
      LINKS,
      '',
      '| sample type | before | after | delta |',
      '|---|---:|---:|---:|',
      '| **inuse\\_space** | 1MB | 2MB | \\+1MB |',
      '| inuse\\_objects | 5 | 3 | \\-2 |',
      '',
      '| sample type | Δflat | Δflat% | Δcum | Δcum% |',
      '|---|---:|---:|---:|---:|',
      '| **inuse\\_space** | \\+1MB | 10\\.00\\% | \\+2MB | 20\\.00\\% |',
      '',
      "**On this line:** `main.f` (inline), `main.'g'`",
      '',
    ].join('\n'));
  });
});

describe('growth hover', () => {
  it('leaky heap.0..3: the leak row with its evidence and go tool pprof -list numbers per snapshot', () => {
    process.env.TZ = 'UTC';
    const snaps = [0, 1, 2, 3].map((i) => ({ name: `heap.${i}.pprof`, profile: parseProfile(readFileSync(fixture('leaky', `heap.${i}.pprof`)), { inflater: nodeInflater }) }));
    const report = analyzeGrowth(snaps);
    const row = report.rows[0];
    const lines = growthHoverMarkdown(report, row).value.split('\n');
    assert.equal(lines[0], '**pprof Lens growth** · `main.TrackRequest` · main\\.go\\:25');
    assert.match(lines[2], /^!\[inuse\\_space per snapshot\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)$/);
    const svg = Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(lines[2])![1], 'base64').toString();
    assert.ok(row.suspect);
    assert.match(svg, /stroke="#e5534b"/, 'a leak suspect is drawn red');
    // go tool pprof -list=main.TrackRequest heap.N.pprof, line 25: inuse_space 1.01MB, 17.67MB,
    // 29.28MB, 49.48MB; alloc_space the same; inuse_objects 103, 1809, 2998, 5066.
    assert.deepEqual(lines.slice(4), [
      'inuse\\_space: `▁▃▅█` · 1\\.01MB → 49\\.48MB \\(\\+48\\.47MB\\) · slope \\+345\\.86MB\\/min · grew in 3 of 3 intervals · retained\\/alloc 100\\% · leak suspect\\: grew steadily and kept what it allocated',
      '',
      '[$(graph-line) Fastest-growing line](command:pprofLens.goToFastestGrowingLine)',
      '',
      '| snapshot | time | inuse\\_space | alloc\\_space | inuse\\_objects |',
      '|---|---|---:|---:|---:|',
      '| heap\\.0\\.pprof | 5\\:03\\:25 AM | 1\\.01MB | 1\\.01MB | 103 |',
      '| heap\\.1\\.pprof | 5\\:03\\:28 AM | 17\\.67MB | 17\\.67MB | 1809 |',
      '| heap\\.2\\.pprof | 5\\:03\\:30 AM | 29\\.28MB | 29\\.28MB | 2998 |',
      '| heap\\.3\\.pprof | 5\\:03\\:33 AM | 49\\.48MB | 49\\.48MB | 5066 |',
      '',
    ]);
  });
});

describe('growth hover: the parts the leaky series does not reach', () => {
  it('a title, a non-suspect row\'s color, file times marked, only the last 20 snapshots', () => {
    process.env.TZ = 'UTC';
    const n = 22;
    const values = Array.from({ length: n }, (_, i) => i * 1024);
    const report = {
      sampleType: 'inuse_space', sampleUnit: 'bytes', slopeUnit: 'snapshot', heap: false, granularity: 'lines',
      // The ranked type's unit comes from sampleUnit when `types` does not list it.
      types: [{ type: 'inuse_objects', unit: 'count' }],
      snapshots: values.map((_, i) => ({ name: `s${i}`, x: i, timeMs: i === n - 1 ? undefined : Date.UTC(2026, 0, 1, 10, 0, i), timeSource: i === n - 2 ? 'file' : 'profile' })),
      excluded: [], rows: [], warnings: [],
    } as unknown as GrowthReport;
    const row = {
      key: 'k', functionName: 'main.cache', file: '/src/cache.go', line: 0, startLine: 0, values, cum: values,
      byType: { inuse_objects: values.map((v) => v / 1024) }, // the ranked type's series is `values`
      first: 0, last: values[n - 1], delta: values[n - 1], slope: 1024, grewIntervals: n - 1, intervals: n - 1,
      fit: 1, jumpiness: 0.9, steadiness: 0.1, score: 1, verdict: 'jump', suspect: false,
    } as GrowthRow;
    const md = growthHoverMarkdown(report, row, { title: 'my_series' });
    assert.deepEqual(md.isTrusted, { enabledCommands: ['pprofLens.goToFastestGrowingLine'] });
    assert.equal(md.supportThemeIcons, true);
    assert.equal(md.supportHtml, false);
    const lines = md.value.split('\n');
    assert.equal(lines[0], '**pprof Lens growth** · my\\_series · `main.cache` · cache\\.go');
    const svg = Buffer.from(/base64,([A-Za-z0-9+/=]+)\)/.exec(lines[2])![1], 'base64').toString();
    assert.match(svg, /stroke="#6e9ecf"/, 'a row that is not a suspect is drawn blue');
    assert.equal(lines[6], '[$(graph-line) Fastest-growing line](command:pprofLens.goToFastestGrowingLine)');
    assert.deepEqual(lines.slice(8, 11), ['| snapshot | time | inuse\\_space | inuse\\_objects |', '|---|---|---:|---:|', '| s2 | 10\\:00\\:02 AM | 2kB | 2 |']);
    assert.deepEqual(lines.slice(28), ['| s20 | 10\\:00\\:20 AM (file) | 20kB | 20 |', '| s21 | \\- | 21kB | 21 |', '', '_2 earlier snapshots not shown_', '']);
  });
});

describe('annotation column', () => {
  it('is two values of 8 characters and a space, as -list prints them ("." for zero)', () => {
    assert.equal(VALUE_WIDTH, 8);
    assert.equal(COLUMN_WIDTH, 17);
    // go tool pprof -list=main.workHandler heap.3.pprof, line 49: ".    49.48MB".
    assert.equal(columnText({ flat: 0, cum: 1, flatText: '0', cumText: '49.48MB' }), '       .  49.48MB');
    assert.equal(columnText({ flat: 2, cum: 0, flatText: '2B', cumText: '0' }), '      2B        .');
    assert.equal(columnText({ flat: 1, cum: 3, flatText: '1', cumText: '4.64GB' }).length, COLUMN_WIDTH);
  });

  it('a comparison column is signed: "+" for growth, the formatter\'s "-" for shrink, "." for none', () => {
    assert.equal(signedText(0, '0'), '.');
    assert.equal(signedText(5, '5MB'), '+5MB');
    assert.equal(signedText(5, '+5MB'), '+5MB');
    assert.equal(signedText(-5, '-5MB'), '-5MB');
    const d = diffDecorations([
      { line: 1, flat: 5, cum: -3, flatText: '5MB', cumText: '-3MB' },
      { line: 2, flat: 0, cum: 0, flatText: '0', cumText: '0' },
      { line: 3, flat: -1, cum: 2, flatText: '-1kB', cumText: '2kB' },
      { line: 4, flat: 0, cum: -2, flatText: '0', cumText: '-2kB' },
      { line: 9, flat: 1, cum: 1, flatText: '1', cumText: '1' },
      { line: 0, flat: 1, cum: 1, flatText: '1', cumText: '1' },
    ], { heatBy: 'flat', lineCount: 8 });
    assert.deepEqual(d, [
      { line: 0, sign: 1, text: '    +5MB     -3MB' },
      { line: 2, sign: -1, text: '    -1kB     +2kB' },
      { line: 3, sign: 0, text: '       .     -2kB' },
    ]);
    assert.deepEqual(diffDecorations([{ line: 1, flat: 5, cum: -3, flatText: '5MB', cumText: '-3MB' }], { heatBy: 'cum', lineCount: 8 }).map((x) => x.sign), [-1]);
  });
});

describe('heat buckets', () => {
  it('bucket floors are 0.1%, 0.5%, 1%, 2.5%, 5%, 10% and 25% of the total', () => {
    const floors = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
    const total = 1_000_000;
    assert.equal(heatBucket(1, total), 1);
    floors.forEach((f, i) => {
      assert.equal(heatBucket(f * total - 1, total), i + 1, `just below ${f * 100}%`);
      assert.equal(heatBucket(f * total, total), i + 2, `at ${f * 100}%`);
      assert.equal(heatBucket(-f * total, total), i + 2, `a negative value at ${f * 100}% (diffs color by magnitude)`);
    });
    assert.equal(heatBucket(total, total), 8);
    assert.equal(heatBucket(0, total), 0);
    assert.equal(heatBucket(5, 0), 0);
    assert.equal(heatBucket(5, -1), 0);
  });

  it('the threshold setting is a percentage of the total: values below it keep no heat, values at it do', () => {
    const stat = (line: number, flat: number, cum: number) => ({ line, flat, cum, flatText: String(flat), cumText: String(cum) });
    const d = lineDecorations([stat(1, 99, 300), stat(2, 100, 100), stat(3, 0, 150), stat(4, -100, 0)], { total: 1000, heatBy: 'flat', thresholdPercent: 10, lineCount: 10 });
    assert.deepEqual(d.map((x) => [x.line, x.bucket, x.text, x.flat, x.cum]), [
      [0, 0, '      99      300', 99, 300],
      [1, 7, '     100      100', 100, 100],
      [2, 0, '       .      150', 0, 150],
      [3, 7, '    -100        .', -100, 0],
    ]);
    const byCum = lineDecorations([stat(1, 99, 300), stat(3, 0, 99)], { total: 1000, heatBy: 'cum', thresholdPercent: 10, lineCount: 10 });
    assert.deepEqual(byCum.map((x) => [x.line, x.bucket]), [[0, 8], [2, 0]]);
    const none = lineDecorations([stat(1, 1, 1)], { total: 1000, heatBy: 'flat', thresholdPercent: 0, lineCount: 1 });
    assert.deepEqual(none.map((x) => [x.line, x.bucket]), [[0, 2]]);
    assert.deepEqual(lineDecorations([stat(0, 5, 5), stat(2, 5, 5), stat(1, 0, 0)], { total: 10, heatBy: 'flat', thresholdPercent: 0, lineCount: 1 }), [], 'line 0, past the end and nothing: no decoration');
  });
});

describe('CodeLens', () => {
  it('one lens per function of the file, at its start line, with -filefunctions -top\'s flat, cum and cum%', () => {
    // go tool pprof -filefunctions -top inline_hot.pprof (cpu, total 1.30s):
    //   1.24s 95.38% 95.38%  1.29s 99.23%  example.com/pgo/inline.(*BS).NS .../inline_hot.go
    //   0.05s  3.85% 99.23%  0.05s  3.85%  example.com/pgo/inline.T .../inline_hot.go (inline)
    //   0.01s  0.77%   100%  1.30s   100%  example.com/pgo/inline.A .../inline_hot.go
    // go tool pprof -raw: start lines s=53 (NS), s=74 (A); T starts at 49.
    const dir = 'real/golang-go/src/cmd/compile/internal/test/testdata/pgo/inline';
    const file = '/usr/local/google/home/mpratt/src/go-experiment/src/cmd/compile/internal/test/testdata/pgo/inline/inline_hot.go';
    const svc = ProfileService.open(fixture(...dir.split('/'), 'inline_hot.pprof'), undefined, () => {});
    const lenses = svc.functionStats({ query: { sampleIndex: 1 }, files: [file] }).map((f) => [f.startLine, f.name, codeLensTitle(f)]);
    assert.deepEqual(lenses.sort(), [
      [49, 'example.com/pgo/inline.T', 'flat 50ms · cum 50ms (3.85%)'],
      [53, 'example.com/pgo/inline.(*BS).NS', 'flat 1.24s · cum 1.29s (99.23%)'],
      [74, 'example.com/pgo/inline.A', 'flat 10ms · cum 1.30s (100%)'],
    ]);
  });
});

describe('status bar', () => {
  const sampleType = { type: 'inuse_space', unit: 'bytes', totalText: '51.99MB' };
  it('a profile: name, sample type and total (-top\'s header total)', () => {
    assert.deepEqual(profileStatus({ name: 'heap.3.pprof', sampleType }), {
      text: '$(flame) heap.3.pprof · inuse_space · 51.99MB',
      tooltip: 'pprof Lens: heap.3.pprof\nSample type inuse_space (bytes), total 51.99MB\nClick to select the sample type',
      label: 'pprof Lens profile heap.3.pprof, inuse_space, total 51.99MB. Select sample type.',
    });
  });

  it('a comparison: both names, before → after and the delta, and which of -base and -diff_base', () => {
    const comparison = {
      baseName: 'heap.0.pprof',
      baseTimeMs: 0,
      types: [
        { type: 'alloc_space', before: 1, after: 2, delta: 1, beforeText: 'x', afterText: 'y', deltaText: 'z' },
        { type: 'inuse_space', before: 1, after: 2, delta: 1, beforeText: '4.50MB', afterText: '51.99MB', deltaText: '+47.49MB' },
      ],
    };
    const diff = profileStatus({ name: 'heap.3.pprof', sampleType, comparison, base: { mode: 'diff_base' } });
    assert.deepEqual(diff, {
      text: '$(diff) heap.3.pprof vs heap.0.pprof · inuse_space · +47.49MB',
      tooltip: 'pprof Lens: heap.3.pprof compared with heap.0.pprof (-diff_base)\ninuse_space: 4.50MB → 51.99MB (+47.49MB)\nClick to select the sample type; "Clear Comparison" ends it',
      label: 'pprof Lens: heap.3.pprof compared with heap.0.pprof, inuse_space changed by +47.49MB. Select sample type.',
    });
    assert.match(profileStatus({ name: 'heap.3.pprof', sampleType, comparison, base: { mode: 'base' } }).tooltip, /^pprof Lens: heap\.3\.pprof compared with heap\.0\.pprof \(-base\)\n/);
    assert.match(profileStatus({ name: 'heap.3.pprof', sampleType, comparison }).tooltip, /\(-diff_base\)/, 'no base ref: -diff_base, the default');
    // A comparison that lacks the current type shows the profile's own total.
    assert.equal(profileStatus({ name: 'a', sampleType: { ...sampleType, type: 'cpu' }, comparison, base: { mode: 'base' } }).text, '$(flame) a · cpu · 51.99MB');
  });
  describe('the hottest line in the tooltip: the one Go to Hottest Line opens', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-status-'));
    after(() => rmSync(tmp, { recursive: true, force: true }));
    const open = (name: string, spec: ProfileSpec) => {
      writeFileSync(path.join(tmp, name), encodeProfile(spec));
      return ProfileService.open(path.join(tmp, name), undefined, () => {});
    };
    const blog = open('blog.pb', BLOG);
    const blogType = { type: 'inuse_space', unit: 'bytes', totalText: '1.34kB' };
    const tooltip = (hot: string) => `pprof Lens: blog.pb\nSample type inuse_space (bytes), total 1.34kB\n${hot}\nClick to select the sample type`;

    it('attribution: the user\'s line (Track, via bytes.Repeat), never the library frame it calls into', () => {
      const [line] = blog.hotLines({ query: { sampleIndex: 0 }, limit: 1, yourCode: { modules: ['main'] } });
      const st = profileStatus({ name: 'blog.pb', sampleType: blogType, hottest: { line, yours: true } });
      assert.equal(st.tooltip, tooltip('Your hottest line: 1.27kB (94.89%) main.(*RequestTracker).Track at main.go:25 · via bytes.Repeat (bytes/bytes.go:610, inlined) 100%'));
      // The bar's own text stays short.
      assert.equal(st.text, '$(flame) blog.pb · inuse_space · 1.34kB');
    });

    it('leaf ranking (pprofLens.ranking = leaf): pprof\'s flat leader, named as such', () => {
      const [line] = blog.hotLines({ query: { sampleIndex: 0 }, limit: 1 });
      assert.equal(profileStatus({ name: 'blog.pb', sampleType: blogType, hottest: { line, yours: false } }).tooltip, tooltip('Hottest line: 1.04kB (78.10%) runtime.mallocgc at malloc.go:1000'));
    });

    it('a goroutine profile: the blocking line with the suspect sentence; names are made plain', () => {
      const g = open('goroutine.pb', GOROUTINES);
      const [line] = g.hotLines({ query: { sampleIndex: 0 }, limit: 1, yourCode: { nonStd: true } });
      assert.equal(hotLineSummary(line), `1,200 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen (99.42%)`);
      assert.equal(hotLineSummary({ ...line, goroutines: undefined }), '1200 (99.42%) example.com/svc/notify.listen at notify.go:13 · via runtime.chanrecv2 (runtime/chan.go:447) 100%');
      assert.equal(hotLineSummary({ ...line, functionName: 'evil\u202e.f', goroutines: undefined, via: 'via x\ny', flatPercent: ' 0.33%' }), '1200 (0.33%) evil<U+202E>.f at notify.go:13 · via x␊y');
    });
  });
});

describe('Select Sample Type…', () => {
  it('heap.3: one row per sample type in the profile\'s order, the current one checked and called current', () => {
    // go tool pprof -top -sample_index=T heap.3.pprof: "… of 1031460 total", "of 4814.53MB total"
    // (4.70GB, scaled as the status bar does), "of 12111 total", "of 51.99MB total".
    const types = ProfileService.open(fixture('leaky', 'heap.3.pprof'), undefined, () => {}).summary().sampleTypes;
    const rows = (current: number) => sampleTypeItems(types, current).map((i) => [i.label, i.description, i.index]);
    assert.deepEqual(rows(3), [
      ['$(blank) alloc_objects', '1031460 total · count', 0],
      ['$(blank) alloc_space', '4.70GB total · bytes', 1],
      ['$(blank) inuse_objects', '12111 total · count', 2],
      ['$(check) inuse_space', '51.99MB total · bytes · current', 3],
    ]);
    assert.deepEqual(rows(1).map((r) => r[0]), ['$(blank) alloc_objects', '$(check) alloc_space', '$(blank) inuse_objects', '$(blank) inuse_space']);
    assert.equal(rows(1)[1][1], '4.70GB total · bytes · current');
  });
});
