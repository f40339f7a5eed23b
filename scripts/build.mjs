// Bundles every entry point with esbuild. `node scripts/build.mjs [--watch] [--minify] [--metafile]`
// The bundles are listed in scripts/bundles.mjs. With --metafile, dist/meta.json records each
// bundle's inputs and sizes (read it with esbuild's analyzer, or https://esbuild.github.io/analyze/).
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { bundles, common } from './bundles.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const metafile = process.argv.includes('--metafile');

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, minify, ...b })).watch();
} else {
  const results = await Promise.all(bundles.map((b) => esbuild.build({ ...common, minify, metafile, ...b })));
  // The CLI runs as `./dist/cli.js` and as the `pprof-lens` bin (npm link, npm i -g of the tarball).
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
  if (metafile) {
    const merged = { inputs: {}, outputs: {} };
    for (const r of results) {
      Object.assign(merged.inputs, r.metafile.inputs);
      Object.assign(merged.outputs, r.metafile.outputs);
    }
    writeFileSync('dist/meta.json', JSON.stringify(merged));
    console.log(await esbuild.analyzeMetafile({ inputs: merged.inputs, outputs: { 'dist/extension.js': merged.outputs['dist/extension.js'] } }));
  }
}
