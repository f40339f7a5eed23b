// `npm run mutate [-- group...]`: mutation testing with StrykerJS (stryker.config.mjs), one module
// group at a time (editor, measurement, flags, growth, ranking, series, comparison, transform, report, resolver, attribution),
// under /tmp/bench.lock (the machine is shared) with one test process. Each group writes
// reports/mutation/<group>.json; then the groups' reports are merged into
// reports/mutation/mutation.json and one line per group gives its mutation score.
// No group named: every group, in the order above (long: see TESTING.md for the times).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { groups } from '../stryker.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const selected = args.length ? args : Object.keys(groups);
for (const g of selected) {
  if (!groups[g]) {
    console.error(`mutate: unknown group ${g} (groups: ${Object.keys(groups).join(', ')})`);
    process.exit(2);
  }
}

/** Stryker's mutation score: (killed + timeout) / (all valid mutants), in percent. */
function score(files) {
  let detected = 0;
  let valid = 0;
  for (const f of Object.values(files)) {
    for (const m of f.mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
      if (m.status !== 'CompileError' && m.status !== 'RuntimeError' && m.status !== 'Ignored') valid++;
    }
  }
  return { detected, valid, percent: valid ? (100 * detected) / valid : NaN };
}

const dir = path.join(root, 'reports', 'mutation');
mkdirSync(dir, { recursive: true });
let failed = false;
for (const g of selected) {
  console.log(`mutate: group ${g}`);
  // PPROF_LENS_MUTATE_LOCK: another lock file, to run two groups side by side on purpose.
  const lockFile = process.env.PPROF_LENS_MUTATE_LOCK || '/tmp/bench.lock';
  const lock = existsSync('/usr/bin/flock') ? ['flock', [lockFile, 'npx', 'stryker', 'run', 'stryker.config.mjs']] : ['npx', ['stryker', 'run', 'stryker.config.mjs']];
  const r = spawnSync(lock[0], lock[1], { cwd: root, stdio: 'inherit', env: { ...process.env, STRYKER_GROUP: g } });
  if (r.status !== 0) failed = true;
}

// Merge every group's report that exists (a group run earlier counts too) into mutation.json.
const merged = { schemaVersion: '2', thresholds: { high: 80, low: 60 }, files: {} };
for (const g of Object.keys(groups)) {
  const f = path.join(dir, `${g}.json`);
  if (!existsSync(f)) continue;
  const report = JSON.parse(readFileSync(f, 'utf8'));
  Object.assign(merged.files, report.files);
  const s = score(report.files);
  console.log(`mutate: ${g.padEnd(12)} ${s.percent.toFixed(2)}% (${s.detected} of ${s.valid} mutants detected)`);
}
const all = score(merged.files);
writeFileSync(path.join(dir, 'mutation.json'), JSON.stringify(merged));
console.log(`mutate: all groups ${all.percent.toFixed(2)}% (${all.detected} of ${all.valid}) -> reports/mutation/mutation.json`);
process.exit(failed ? 1 : 0);
