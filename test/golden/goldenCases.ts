// Every golden under fixtures/golden with the command line that made it, derived from its name
// (fixtures/README.md): `<profile>.<mode>.txt`, run from the folder holding the profile, where
// mode is `top`, `lines` (-top -lines), `cum` (-top -cum), `files` (-top -files), `traces`,
// `top.<sample_index>`, and for leaky/ also filter parts (`focus_X`, `ignore_X`, `hide_X`,
// `nodecount5`), `list_X[.<sample_index>]` (with -source_path=leaky/) and the diff pairs
// `heap.3-base-heap.0.<mode>` / `heap.3-diff_base-heap.0.<mode>`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../support/fixtures';

/** One golden and how to reproduce it. */
export interface GoldenCase {
  /** Path relative to fixtures/golden (the test name and the known-failures key). */
  name: string;
  /** Absolute path of the golden file. */
  golden: string;
  /** Folder pprof ran in (holds the profile); argv paths are relative to it. */
  cwd: string;
  /** pprof flags and files, without -symbolize=none. */
  argv: string[];
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.txt') && e !== 'GO_VERSION.txt') out.push(p);
  }
}

/** Flags of a mode string such as "top.alloc_space", "focus_workHandler.top" or "list_main.inuse_objects". */
function modeFlags(mode: string): string[] {
  const flags: string[] = [];
  let command: string | undefined;
  for (const tok of mode.split('.')) {
    let m: RegExpExecArray | null;
    if (tok === 'top' || tok === 'traces') command = `-${tok}`;
    else if (tok === 'lines' || tok === 'cum' || tok === 'files') flags.push(`-${tok}`);
    else if ((m = /^(focus|ignore|hide|show|tagfocus|tagignore)_(.+)$/.exec(tok))) flags.push(`-${m[1]}=${m[2]}`);
    else if ((m = /^nodecount(\d+)$/.exec(tok))) flags.push(`-nodecount=${m[1]}`);
    else if ((m = /^list_(.+)$/.exec(tok))) {
      // The list_main goldens were made with -list='^main\.' (no runtime.main routine in them).
      command = `-list=${m[1] === 'main' ? '^main\\.' : m[1]}`;
      flags.push(`-source_path=${fixture('leaky')}`);
    } else flags.push(`-sample_index=${tok}`);
  }
  return [command ?? '-top', ...flags];
}

/** Lists every golden with its command line; throws if a golden's profile cannot be found. */
export function goldenCases(): GoldenCase[] {
  const root = fixture('golden');
  const files: string[] = [];
  walk(root, files);
  return files.map((golden) => {
    const name = path.relative(root, golden);
    const stem = name.slice(0, -'.txt'.length);
    const dir = path.dirname(stem);
    const base = path.basename(stem);
    const cwd = fixture(dir);
    // 1. Diff pairs: heap.3-diff_base-heap.0.<mode>.
    const diff = /^([^.]+\.\d+)-(diff_base|base)-([^.]+\.\d+)\.(.+)$/.exec(base);
    if (diff) {
      return { name, golden, cwd, argv: [...modeFlags(diff[4]), `-${diff[2]}=${diff[3]}.pprof`, `${diff[1]}.pprof`] };
    }
    // 2. <profile>.<mode>: the longest prefix naming an existing file is the profile.
    const parts = base.split('.');
    for (let n = parts.length - 1; n >= 1; n--) {
      const profile = parts.slice(0, n).join('.');
      const file = path.join(cwd, profile);
      if (existsSync(file) && statSync(file).isFile()) {
        return { name, golden, cwd, argv: [...modeFlags(parts.slice(n).join('.')), profile] };
      }
    }
    throw new Error(`golden ${name}: no profile file found for it under ${cwd}`);
  });
}
