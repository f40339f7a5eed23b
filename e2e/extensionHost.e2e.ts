// Runs the mocha suites of e2e/extensionHost inside a real VS Code extension host (code-server),
// with the extension loaded from this repository in development mode.
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, withCodeServer } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { runExtensionTests } from './lib/workbench';

const FIXTURES = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(REPO_ROOT, '..', 'shared', 'fixtures'));

export const cases: E2eCase[] = [
  {
    name: 'extension-host tests (mocha): commands, source resolution, leak hunting and go test profiling',
    timeoutMs: 10 * 60_000,
    run: async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'pprof-lens-ext-'));
      for (const f of ['main.go', 'go.mod', 'heap.0.pprof', 'heap.1.pprof', 'heap.2.pprof', 'heap.3.pprof']) copyFileSync(path.join(FIXTURES, 'leaky', f), path.join(folder, f));
      // Parca's 10 real snapshots, for Analyze Growth on a folder.
      cpSync(path.join(FIXTURES, 'real', 'parca-dev-parca', 'pkg', 'query', 'testdata', 'many'), path.join(folder, 'many'), { recursive: true });
      // A copy of the go test profiling example, which the suite edits.
      cpSync(path.join(REPO_ROOT, 'examples', 'bench-alloc'), path.join(folder, 'bench-alloc'), { recursive: true });
      try {
        await withCodeServer({}, async (server) => {
          const result = await runExtensionTests(server, {
            folder,
            extensionDevelopmentPath: REPO_ROOT,
            extensionTestsPath: path.join(REPO_ROOT, 'out', 'extensionTests'),
          });
          const out = result.output.filter((l) => /passing|failing|✔|✓|\d+\)|Error|assert/i.test(l)).join('\n');
          assert.equal(result.code, 0, `extension-host tests failed:\n${out}`);
          // Console lines arrive with printf placeholders unexpanded ("✔ %s (%dms) <title> 505"): count marks.
          const passed = out.split('\n').filter((l) => l.includes('✔')).length;
          assert.ok(passed >= 6 && !/failing/.test(out), `expected 6+ passing tests and none failing:\n${out}`);
        });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
