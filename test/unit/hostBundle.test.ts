// The extension host bundle holds only what the host runs. Decoding (pako, protobufjs, the
// profile.proto decoder) happens in the worker: a host import that reaches it (e.g. a URL helper
// in a module that also decodes) doubled dist/extension.js once. This test builds the bundles'
// module graphs with the build's own settings (scripts/bundles.mjs) and names the chain that
// pulls a decoder module into the host, so the fix is obvious.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error: a plain .mjs module of the build (no types).
import { bundleOf, common } from '../../scripts/bundles.mjs';

/** Modules only the worker (and the CLI) may bundle: the gunzip and protobuf decoders and what they pull in. */
const DECODER = /^node_modules\/(pako|protobufjs|@protobufjs\/[^/]+|long)\/|^src\/core\/(decode|gunzip|parse)\.ts$|^src\/capture\/profileCapture\.ts$/;

type Inputs = esbuild.Metafile['inputs'];

/** The inputs (module graph) of one bundle of the build, built in memory. */
async function inputsOf(outfile: string): Promise<Inputs> {
  const r = await esbuild.build({ ...common, ...bundleOf(outfile), sourcemap: false, write: false, metafile: true, logLevel: 'silent' });
  assert.ok(r.metafile, `esbuild returned no metafile for ${outfile}`);
  return r.metafile.inputs;
}

/** The import chain from the entry to `target` ("a.ts -> b.ts -> target"). */
function chainTo(inputs: Inputs, entry: string, target: string): string {
  const prev = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === target) break;
    for (const imp of inputs[at]?.imports ?? []) {
      if (!prev.has(imp.path) && imp.path in inputs) {
        prev.set(imp.path, at);
        queue.push(imp.path);
      }
    }
  }
  const chain: string[] = [];
  for (let at: string | undefined = target; at !== undefined; at = prev.get(at)) chain.unshift(at);
  return chain.join(' -> ');
}

describe('bundles', () => {
  it('the extension host bundle holds no decoder module (pako, protobufjs, decode/parse); the worker holds them', async () => {
    const host = await inputsOf('dist/extension.js');
    const entry = bundleOf('dist/extension.js').entryPoints[0] as string;
    assert.ok(entry in host && 'src/extension/annotations.ts' in host, 'the host bundle graph was built');
    const leaks = Object.keys(host).filter((f) => DECODER.test(f));
    assert.deepEqual(
      leaks.map((f) => chainTo(host, entry, f)),
      [],
      'decoder modules reached from the extension host: cut the import (decode in the worker)',
    );
    // The pattern matches what the worker really bundles (so the check above can fail).
    const worker = Object.keys(await inputsOf('dist/worker.js')).filter((f) => DECODER.test(f));
    for (const m of ['node_modules/pako/dist/pako.esm.mjs', 'node_modules/protobufjs/src/reader.js', 'src/core/decode.ts', 'src/capture/profileCapture.ts']) {
      assert.ok(worker.includes(m), `the worker bundles ${m}`);
    }
  });

  it('dist/extension.js, when built, contains neither pako nor protobufjs', (t) => {
    if (!existsSync('dist/extension.js')) return t.skip('not built (npm run build)');
    const text = readFileSync('dist/extension.js', 'utf8');
    // esbuild names each bundled module in a comment: "// node_modules/pako/dist/pako.esm.mjs".
    assert.doesNotMatch(text, /\/\/ node_modules\/(pako|protobufjs)\//);
    assert.doesNotMatch(text, /\/\/ src\/core\/decode\.ts/);
  });
});
