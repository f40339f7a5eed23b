// Benchmark: attribution (charging each sample to the user's leaf-most frame) on the generated
// 300k-sample heap profile, against the plain -list line index the worker builds for annotations.
// Target (issue 8): attribution ≤ 1.5× the line index. A benchmark, never a timed test.
//
//   node --import tsx bench/attribution.ts [--runs N] [--only heap-300k]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildAttribution } from '../src/core/attribution';
import { fetchProfiles } from '../src/core/driver';
import { nodeInflater } from '../src/core/node/nodeInflater';
import { parseProfile } from '../src/core/parse';
import { buildLineIndex, reportConfig } from '../src/core/report/lineIndex';
import { yourCodePredicate } from '../src/core/yourCode';
import { writeProfile } from './generate';

const argv = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : def;
};
const runs = Number(arg('runs', '7'));
const name = arg('only', 'heap-300k');

const { file } = writeProfile(name, name === 'heap-1500k' ? 1_500_000 : 300_000);
const p = fetchProfiles({ sources: [parseProfile(readFileSync(file), { inflater: nodeInflater })] }, { normalize: false });
// The generated service's module, as the editor (go.mod) or the CLI would find it.
const isUser = yourCodePredicate({ modules: ['github.com/acme/shop', 'main'] });
const cfg = reportConfig('');

function median(f: () => unknown): number {
  const times: number[] = [];
  f(); // warm-up (JIT, caches)
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const index = median(() => buildLineIndex(p, cfg));
const attribution = median(() => buildAttribution(p, cfg, isUser));
const a = buildAttribution(p, cfg, isUser);
const charged = a.charges.filter((c) => c.user).reduce((s, c) => s + c.value, 0);
const all = a.charges.reduce((s, c) => s + c.value, 0);
console.log(`${name}: ${p.samples.count} samples, ${runs} runs (median)`);
console.log(`  line index (-list graph)         ${index.toFixed(0)} ms`);
console.log(`  attribution (index + charges)    ${attribution.toFixed(0)} ms  = ${(attribution / index).toFixed(2)}x the line index (target <= 1.5x)`);
console.log(`  charged to the user's lines: ${((charged / all) * 100).toFixed(1)}% of the total; ${a.charges.length} charged nodes`);
