// Runs the mocha suites of e2e/extensionHost inside a real VS Code extension host (code-server),
// with the extension loaded from this repository in development mode.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateHeapProfile, PROFILES } from '../bench/generate';
import { fetchProfiles } from '../src/core/driver';
import { nodeInflater } from '../src/core/node/nodeInflater';
import { parseProfile } from '../src/core/parse';
import { listFiles } from '../src/core/report/lineIndex';
import { REPO_ROOT, withCodeServer } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { runExtensionTests } from './lib/workbench';
import { goBuild, series, start } from '../test/support/exampleSeries';

const FIXTURES = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));

/** The number of tests the extension-host suites define (`it(` at the start of a line). */
function definedTests(): number {
  let n = 0;
  for (const f of ['suites.ts', 'leakHuntSuites.ts', 'goTestSuites.ts', 'bigProfileSuites.ts']) n += (readFileSync(path.join(REPO_ROOT, 'e2e', 'extensionHost', f), 'utf8').match(/^\s*it\(/gm) ?? []).length;
  return n;
}

/**
 * Writes bench/generate.ts's heap-300k into the workspace, and one of its main-module source
 * files under big/ (found by unique suffix), named in big/target.txt for the suite.
 */
function bigProfileWorkspace(folder: string): void {
  const raw = generateHeapProfile(PROFILES['heap-300k']);
  writeFileSync(path.join(folder, 'heap-300k.pb.gz'), gzipSync(raw, { level: 1 }));
  const p = fetchProfiles({ sources: [parseProfile(raw, { inflater: nodeInflater })] }, { normalize: false });
  const prefix = '/home/runner/work/shop/shop/';
  const file = listFiles(p).find((f) => f.startsWith(prefix));
  assert.ok(file, 'the generated profile has main-module files');
  const rel = path.join('big', file.slice(prefix.length));
  mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
  writeFileSync(path.join(folder, rel), `package ${path.basename(path.dirname(rel))}\n` + '\n'.repeat(1000));
  writeFileSync(path.join(folder, 'big', 'target.txt'), rel);
}

/**
 * The blog post's service (examples/request-tracker) under tracker/: its sources, and a 4-snapshot
 * heap series captured from it with real Go, built with -trimpath as a production build would be.
 */
async function trackerWorkspace(folder: string): Promise<void> {
  const dir = path.join(folder, 'tracker');
  mkdirSync(dir, { recursive: true });
  for (const f of ['main.go', 'go.mod']) copyFileSync(path.join(REPO_ROOT, 'examples', 'request-tracker', f), path.join(dir, f));
  const bin = path.join(folder, 'tracker.bin');
  goBuild(path.join(REPO_ROOT, 'examples', 'request-tracker'), bin, true);
  const s = await start(bin);
  try {
    await series(s, dir, '/', 1200, 'heap?gc=1', 'heap');
  } finally {
    s.child.kill();
    rmSync(bin, { force: true });
  }
}

export const cases: E2eCase[] = [
  {
    name: 'extension-host tests (mocha): commands, source resolution, leak hunting and go test profiling',
    timeoutMs: 20 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-ext-'));
      for (const f of ['main.go', 'go.mod', 'heap.0.pprof', 'heap.1.pprof', 'heap.2.pprof', 'heap.3.pprof']) copyFileSync(path.join(FIXTURES, 'leaky', f), path.join(folder, f));
      // Parca's 10 real snapshots, for Analyze Growth on a folder.
      cpSync(path.join(FIXTURES, 'real', 'parca-dev-parca', 'pkg', 'query', 'testdata', 'many'), path.join(folder, 'many'), { recursive: true });
      bigProfileWorkspace(folder);
      await trackerWorkspace(folder);
      // A copy of the go test profiling example, which the suite edits.
      cpSync(path.join(REPO_ROOT, 'examples', 'bench-alloc'), path.join(folder, 'bench-alloc'), { recursive: true });
      try {
        await withCodeServer({}, async (server) => {
          const result = await runExtensionTests(server, {
            folder,
            extensionDevelopmentPath: REPO_ROOT,
            extensionTestsPath: path.join(REPO_ROOT, 'out', 'extensionTests'),
            timeoutMs: 18 * 60_000,
          });
          // The big profile's figures (printed, never asserted).
          for (const l of result.output) if (l.includes('pprof Lens bench:')) console.log(l.slice(l.indexOf('pprof Lens bench:')));
          const out = result.output.filter((l) => /passing|failing|✔|✓|\d+\)|Error|assert/i.test(l)).join('\n');
          assert.equal(result.code, 0, `extension-host tests failed:\n${out}`);
          // Every `it(` of the suites must have run and passed: index.ts prints the runner's counts.
          const expected = definedTests();
          const summary = result.output.map((l) => /extension-host tests: (\d+) of (\d+) passed, (\d+) failed, (\d+) pending/.exec(l)).find((m) => m);
          assert.ok(summary, `no summary line from the extension host:\n${out}`);
          assert.deepEqual(summary.slice(1).map(Number), [expected, expected, 0, 0], `expected all ${expected} extension-host tests to pass:\n${out}`);
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
