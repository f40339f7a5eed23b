// The goldens the report engine reproduces on its own (unfiltered reports): each golden file
// with the profile and flags it was made from. Filtered, diff and -nodecount goldens need the
// driver and are left to the CLI's golden runner.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fixture } from './fixtures';
import type { HarnessFlags } from './reportHarness';

/** One golden: the file, the profile it describes and the flags. */
export interface ReportGolden {
  golden: string;
  /** Golden path relative to fixtures/golden, for test names. */
  name: string;
  profile: string;
  flags: HarnessFlags;
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.txt') && e !== 'GO_VERSION.txt') out.push(p);
  }
}

/** Lists the goldens of unfiltered -top/-lines/-cum/-files/-traces/-top.<sample_index> and the leaky -list reports. */
export function reportGoldens(): ReportGolden[] {
  const root = fixture('golden');
  const files: string[] = [];
  walk(root, files);
  const out: ReportGolden[] = [];
  for (const golden of files.sort()) {
    const name = path.relative(root, golden);
    const base = name.slice(0, -'.txt'.length);
    let m: RegExpExecArray | null;
    let profile: string;
    let flags: HarnessFlags;
    if ((m = /^(.*)\.(top|lines|cum|files|traces)$/.exec(base))) {
      profile = m[1];
      const mode = m[2];
      flags =
        mode === 'traces' ? { format: 'traces' } :
        mode === 'lines' ? { format: 'text', granularity: 'lines' } :
        mode === 'files' ? { format: 'text', granularity: 'files' } :
        mode === 'cum' ? { format: 'text', cum: true } : { format: 'text' };
    } else if ((m = /^(.*)\.top\.([a-z_]+)$/.exec(base))) {
      profile = m[1];
      flags = { format: 'text', sampleIndex: m[2] };
    } else if ((m = /^(leaky\/[^/]*\.pprof)\.list_([A-Za-z]+)(?:\.([a-z_]+))?$/.exec(base))) {
      profile = m[1];
      // "list_main" goldens were made with -list='^main\.': they have no runtime.main routine,
      // which -list=main prints (checked with go tool pprof 1.19.8 on heap.3.pprof).
      const list = m[2] === 'main' ? '^main\\.' : m[2];
      flags = { format: 'list', list, sampleIndex: m[3], sourcePath: fixture('leaky') };
    } else {
      continue;
    }
    // Goldens of filtered or diff reports have an extra dotted part in the profile name.
    const file = fixture(profile);
    try {
      if (!statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    out.push({ golden, name, profile: file, flags });
  }
  return out;
}
