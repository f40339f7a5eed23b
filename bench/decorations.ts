// Benchmark: the stats → decorations step for a 5,000-line file (the pure part of drawing
// annotations; VS Code's own rendering comes after). Target: < 20 ms once the stats are there.
//
//   node --import tsx bench/decorations.ts
import { performance } from 'node:perf_hooks';
import { lineDecorations } from '../src/extension/decorationModel';
import type { LineStat } from '../src/shared/protocol';

const LINES = 5000;

/** Every line has samples: the worst case (a generated file, a hot loop unrolled). */
function stats(): LineStat[] {
  const out: LineStat[] = [];
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let line = 1; line <= LINES; line++) {
    const flat = Math.floor(rnd() * 1e7);
    out.push({ line, flat, cum: flat + Math.floor(rnd() * 1e8), flatText: `${(flat / 1e6).toFixed(2)}MB`, cumText: '12.34MB' });
  }
  return out;
}

const s = stats();
const total = s.reduce((a, x) => a + x.flat, 0);
const runs: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  const d = lineDecorations(s, { total, heatBy: 'flat', thresholdPercent: 0, lineCount: LINES });
  // What the annotator does per decoration besides the model: the column text with NBSPs.
  for (const x of d) x.text.replace(/ /g, '\u00a0');
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
console.log(`decorations: ${LINES} annotated lines, median ${runs[runs.length >> 1].toFixed(2)} ms, max ${runs[runs.length - 1].toFixed(2)} ms over ${runs.length} runs (target < 20 ms)`);
