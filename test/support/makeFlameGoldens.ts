// Captures pprof's own flame graph data (Go 1.19.8's `go tool pprof -http`, the JSON its
// /ui/flamegraph page parses) for the flame tree tests. Needs Go; the tests read the committed
// result, test/golden/flame/*.json. Regenerate with:
//
//   node --import tsx test/support/makeFlameGoldens.ts
//
// which runs, for each case, from the fixtures' leaky/ folder:
//   TZ=UTC PPROF_BINARY_PATH=/nonexistent go tool pprof -symbolize=none -no_browser -http=127.0.0.1:PORT [-diff_base B] FILE
// and fetches /ui/flamegraph?<params> (si = sample_index, f = focus, i = ignore, h = hide,
// s = show, tf = tagfocus, ti = tagignore: pprof's URL names of those flags).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FLAME_CASES } from './flameCases';
import { fixture, repoRoot } from './fixtures';

async function capture(file: string, diffBase: string | undefined, params: Record<string, string>, port: number): Promise<unknown> {
  const args = ['tool', 'pprof', '-symbolize=none', '-no_browser', `-http=127.0.0.1:${port}`];
  if (diffBase) args.push('-diff_base', diffBase);
  args.push(file);
  const child = spawn('go', args, { cwd: fixture('leaky'), env: { ...process.env, TZ: 'UTC', PPROF_BINARY_PATH: '/nonexistent' }, stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}/ui/flamegraph?${new URLSearchParams(params).toString()}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const html = await (await fetch(url)).text();
        const m = /JSON\.parse\("((?:[^"\\]|\\.)*)"\)/.exec(html);
        if (!m) throw new Error(`no flame graph data in ${url}`);
        // The page embeds the JSON as a JS string literal with \uXXXX escapes.
        return JSON.parse(JSON.parse(`"${m[1]}"`) as string);
      } catch (e) {
        if (attempt > 100) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const dir = path.join(repoRoot, 'test', 'golden', 'flame');
  mkdirSync(dir, { recursive: true });
  let port = 18740;
  for (const c of FLAME_CASES) {
    const data = await capture(c.file, c.diffBase, c.params, port++);
    writeFileSync(path.join(dir, `${c.name}.json`), JSON.stringify(data) + '\n');
    console.log(`${c.name}: ok`);
  }
}

void main();
