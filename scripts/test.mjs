// `npm test`: build, run every test suite, print one summary line `N passed, N failed`.
//
//   1. `npm run build` (the CLI tests run dist/cli.js); a failed build counts as one failure.
//   2. node's test runner over test/**/*.test.ts (unit, golden, differential, robustness), TZ=UTC.
//   3. The real-VS-Code suite (e2e/run.ts, which prints `N passed, N failed` itself), only when
//      switched on: PPROF_LENS_E2E=1 (set by .ci/run once code-server is installed), or CI=true
//      with e2e/run.ts present. PPROF_LENS_E2E=0 switches it off everywhere.
//
// Options: `node scripts/test.mjs [--no-build] [path-substring...]` runs only the test files whose
// path contains one of the substrings (and skips e2e unless asked for with PPROF_LENS_E2E=1).
// Exit status: 0 when nothing failed, 1 otherwise.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));

/** Runs a command, streaming its output; resolves with its exit code and captured stdout. */
function run(cmd, cmdArgs, { env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      const s = d.toString();
      if (capture) out += s;
      process.stdout.write(s);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** test/**\/*.test.ts, sorted (node 20's --test does not expand globs itself). */
function testFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (e.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

/** Counts of the last `N passed, N failed` line of a runner's output. */
function summaryLine(out) {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

let passed = 0;
let failed = 0;

// 1. Build.
if (!noBuild) {
  console.log('test: npm run build');
  const b = await run(process.execPath, ['scripts/build.mjs']);
  if (b.code === 0) passed++;
  else {
    failed++;
    console.log('test: build FAILED (counted as one failure; tests run anyway)');
  }
}

// 2. Node's test runner, TAP on stdout (its summary gives the counts).
const files = testFiles(path.join(root, 'test')).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length > 0) {
  console.log(`test: node --test (${files.length} files)`);
  const t = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], { env: { TZ: 'UTC' }, capture: true });
  // The TAP summary of the whole run is the last `# pass` / `# fail` / `# cancelled` block.
  const count = (name) => {
    const all = [...t.out.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  const p = count('pass');
  const f = count('fail') + count('cancelled');
  passed += p;
  failed += f;
  // A runner that failed without reporting a failed test (crash, syntax error) still fails.
  if (t.code !== 0 && f === 0) failed++;
} else {
  console.log('test: no test files matched');
}

// 3. Real-VS-Code tests, when switched on.
const e2eScript = path.join(root, 'e2e', 'run.ts');
const e2eFlag = process.env.PPROF_LENS_E2E;
const e2eOn = e2eFlag === '1' || (e2eFlag !== '0' && filters.length === 0 && process.env.CI === 'true' && existsSync(e2eScript));
if (e2eOn) {
  console.log('test: e2e (real VS Code)');
  if (!existsSync(e2eScript)) {
    console.log('test: e2e requested but e2e/run.ts is missing');
    failed++;
  } else {
    // The e2e suite installs the packaged extension, as a user would: package it first.
    const pkg = await run('npm', ['run', '--silent', 'package']);
    if (pkg.code !== 0) {
      console.log('test: npm run package FAILED (counted as one failure)');
      failed++;
    }
    const e = await run(process.execPath, ['--import', 'tsx', e2eScript], { capture: true });
    const s = summaryLine(e.out);
    if (s) {
      passed += s.passed;
      failed += s.failed;
    }
    if (!s || (e.code !== 0 && s.failed === 0)) failed++;
  }
} else {
  console.log('test: e2e skipped (set PPROF_LENS_E2E=1 to run the real-VS-Code suite)');
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
