// Mutation testing (StrykerJS with the tap runner, which runs node's test runner): `npm run mutate`.
// Scoped to the modules where a wrong value reaches the user, each with the fast unit tests that
// guard it (never the golden or differential suites: a run must fit on a shared machine).
// scripts/mutate.mjs runs one group at a time (STRYKER_GROUP); without it, every group at once.
// See TESTING.md for the scores and the surviving mutants judged equivalent.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
// The sandbox is a copy of the repository elsewhere: the tests must still find the fixtures.
process.env.PPROF_LENS_FIXTURES ??= path.resolve(root, '..', 'shared', 'fixtures');
process.env.TZ = 'UTC';

/** `file:start-end`, the lines of one top-level function (its `[export ]function name` to its closing `}`). */
function fn(file, name) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`export function ${name}(`) || l.startsWith(`function ${name}(`));
  if (start < 0) throw new Error(`stryker.config.mjs: no function ${name} in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  return `${file}:${start + 1}-${end + 1}`;
}

const t = (...names) => names.map((n) => `test/unit/${n}.test.ts`);

/** `file:start-end`, from the line that starts with `first` (trimmed) to the next line that is exactly `last`. */
function span(file, first, last) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith(first));
  if (start < 0) throw new Error(`stryker.config.mjs: no line ${first} in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === last);
  return `${file}:${start + 1}-${end + 1}`;
}

/** `file:start-end` ranges covering every line of `file` outside the given ranges (of that file). */
function except(file, ...ranges) {
  const total = readFileSync(path.join(root, file), 'utf8').split('\n').length;
  const cut = ranges.map((r) => r.slice(file.length + 1).split('-').map(Number)).sort((a, b) => a[0] - b[0]);
  const out = [];
  let next = 1;
  for (const [s, e] of cut) {
    if (s > next) out.push(`${file}:${next}-${s - 1}`);
    next = Math.max(next, e + 1);
  }
  if (next <= total) out.push(`${file}:${next}-${total}`);
  return out;
}

/** The part of growth.ts that ranks (the `ranking` group); the rest is the `series` group. */
const growthRanking = () => [
  span('src/core/growth.ts', 'rows.sort(', '  );'),
  fn('src/core/growth.ts', 'leastSquares'),
  fn('src/core/growth.ts', 'jumpiness'),
  fn('src/core/growth.ts', 'computeTrend'),
];

/** Module groups: what is mutated, and the unit tests that must catch it. */
export const groups = {
  // What the editor shows: annotation column, heat buckets, hovers, CodeLens, status bar.
  editor: {
    mutate: [
      'src/extension/decorationModel.ts',
      fn('src/extension/hoverProvider.ts', 'hoverMarkdown'),
      fn('src/extension/growthHover.ts', 'growthHoverMarkdown'),
      'src/extension/growthEvidence.ts',
      fn('src/extension/codeLensProvider.ts', 'codeLensTitle'),
      fn('src/extension/statusBar.ts', 'profileStatus'),
    ],
    // markdownText.test.ts is left out: its test names carry raw control characters that the
    // tap runner's TAP parser reads as a failure.
    tests: t('decorationModel', 'editorText', 'growthEvidence', 'leakHuntModel'),
  },
  // pprof's value formatting and unit scaling.
  measurement: { mutate: ['src/core/measurement.ts', 'src/shared/valueFormat.ts'], tests: t('measurement', 'editorText') },
  // The CLI's flag parsing (Go's flag rules, pprof's flag set).
  flags: { mutate: ['src/cli/flags.ts'], tests: t('flags', 'flagsUsage') },
  // Growth ranking and its evidence.
  growth: { mutate: ['src/core/growth.ts'], tests: t('growth', 'growthRanking', 'growthCli') },
  // The part of growth that ranks: the trend math, the verdicts and the sort of the rows (a subset
  // of the growth group that runs in minutes, where the whole group takes two hours here).
  ranking: { mutate: growthRanking(), tests: t('growth', 'growthRanking') },
  // The rest of growth: each snapshot's numbers, the series' order, breaks and warnings, the rows'
  // merge and the table (the growth group without ranking; growthSeries.test.ts builds its
  // profiles in memory, where growthCli.test.ts runs the CLI on real files).
  // Only growthSeries.test.ts runs per mutant: with growth.test.ts and growthRanking.test.ts beside
  // it a mutant took about 7 s here (about 720 mutants: hours); the file alone runs in 1.5 s.
  series: { mutate: except('src/core/growth.ts', ...growthRanking()), tests: t('growthSeries') },
  // Comparison with a base: -base and -diff_base, per-line deltas.
  comparison: { mutate: [fn('src/core/driver.ts', 'fetchProfiles'), 'src/core/lineStatsDiff.ts'], tests: t('comparison', 'profileService', 'lineStatsDiff') },
  // focus/ignore/hide/show and the tag filters.
  transform: { mutate: ['src/core/transform.ts'], tests: t('transform', 'refinements', 'transformMutants') },
  // Report rows and header lines (-top, -traces, -tree/-peek, -dot's graph options). Not
  // report.test.ts: its 336 goldens take 13-15 s a run, hours over this module's mutants;
  // reportRows.test.ts pins the same rows against go tool pprof's output in 2-3 s.
  report: { mutate: ['src/core/report/report.ts'], tests: t('reportRows') },
  // Whose line is it: samples charged to the user's leaf-most frame (issue 8).
  attribution: { mutate: ['src/core/attribution.ts'], tests: t('attribution', 'attributedLines') },
  // Where a profile's file name lands on disk.
  resolver: { mutate: ['src/extension/sourceResolver.ts'], tests: t('sourceResolver', 'sourceResolverForeign', 'sourceResolverEdges') },
};

const selected = process.env.STRYKER_GROUP ? process.env.STRYKER_GROUP.split(',') : Object.keys(groups);
for (const g of selected) if (!groups[g]) throw new Error(`stryker.config.mjs: unknown group ${g} (groups: ${Object.keys(groups).join(', ')})`);
const pick = (k) => [...new Set(selected.flatMap((g) => groups[g][k]))];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: { testFiles: pick('tests'), nodeArgs: ['--import', 'tsx'] },
  mutate: pick('mutate'),
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process at a time.
  concurrency: 1,
  timeoutMS: 30_000,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: process.env.STRYKER_GROUP ? `reports/mutation/${process.env.STRYKER_GROUP}.json` : 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', 'out', '.vscode-test', 'test-results', 'bench/out', 'reports', '*.vsix'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
