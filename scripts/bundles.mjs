// The esbuild bundles of `npm run build` (scripts/build.mjs), shared with the test that checks
// what the extension host bundle holds (test/unit/hostBundle.test.ts).
import { existsSync } from 'node:fs';

/**
 * The worker loads Graphviz's module (about 850 KB: the wasm is inline) from dist/graphviz.js, and
 * only when a graph is laid out (graphLayout.ts imports it dynamically): every profile worker
 * starts without parsing it, and the CLI, which never lays out, does not carry it.
 */
const graphvizApart = {
  name: 'graphviz-apart',
  setup(build) {
    build.onResolve({ filter: /^@hpcc-js\/wasm-graphviz$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './graphviz.js', external: true } : undefined));
  },
};

/** Each bundle: entry, output, platform. Entries that do not exist yet are skipped. */
export const bundles = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  { entryPoints: ['src/worker/workerMain.ts'], outfile: 'dist/worker.js', platform: 'node', plugins: [graphvizApart] },
  { entryPoints: ['node_modules/@hpcc-js/wasm-graphviz/dist/index.js'], outfile: 'dist/graphviz.js', platform: 'node' },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['webview/timeline/main.ts'], outfile: 'dist/timelineView.js', platform: 'browser', format: 'iife' },
  // uPlot's stylesheet, shipped as a file (the webview CSP allows no inline styles).
  { entryPoints: ['node_modules/uplot/dist/uPlot.min.css'], outfile: 'dist/uPlot.min.css', platform: 'browser' },
  // Extension-host tests (not shipped: out/ is outside the package).
  { entryPoints: ['e2e/extensionHost/index.ts'], outfile: 'out/extensionTests.js', platform: 'node', external: ['vscode'], logOverride: { 'require-resolve-not-external': 'silent' } },
].filter((b) => existsSync(b.entryPoints[0]));

/** Options every bundle shares. */
export const common = { bundle: true, sourcemap: true, target: 'node20', format: 'cjs', logLevel: 'warning', legalComments: 'none' };

/** The bundle whose output is `outfile` (e.g. "dist/extension.js"). */
export function bundleOf(outfile) {
  const b = bundles.find((x) => x.outfile === outfile);
  if (!b) throw new Error(`no bundle writes ${outfile}`);
  return b;
}
