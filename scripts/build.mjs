// Bundles every entry point with esbuild. `node scripts/build.mjs [--watch] [--minify]`
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

/** Each bundle: entry, output, platform. Entries that do not exist yet are skipped. */
const bundles = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  { entryPoints: ['src/worker/workerMain.ts'], outfile: 'dist/worker.js', platform: 'node' },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['webview/timeline/main.ts'], outfile: 'dist/timelineView.js', platform: 'browser', format: 'iife' },
  // uPlot's stylesheet, shipped as a file (the webview CSP allows no inline styles).
  { entryPoints: ['node_modules/uplot/dist/uPlot.min.css'], outfile: 'dist/uPlot.min.css', platform: 'browser' },
  // Extension-host tests (not shipped: out/ is outside the package).
  { entryPoints: ['e2e/extensionHost/index.ts'], outfile: 'out/extensionTests.js', platform: 'node', external: ['vscode'], logOverride: { 'require-resolve-not-external': 'silent' } },
].filter((b) => existsSync(b.entryPoints[0]));

const common = { bundle: true, sourcemap: true, target: 'node20', format: 'cjs', minify, logLevel: 'warning', legalComments: 'none' };

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
  // The CLI runs as `./dist/cli.js` and as the `pprof-lens` bin (npm link, npm i -g of the tarball).
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
