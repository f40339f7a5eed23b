// `pprof-lens -growth FILE...` and `pprof-lens -series=K -interval=D -o DIR URL`: the leak
// hunt from a terminal or CI. The table goes to stdout (header line, then the top suspect);
// warnings go to stderr as `pprof-lens: ...` lines and do not change the exit status, so a CI
// step can read the first data row and still see why a number may be off.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CaptureError, snapshotUrl, kindOfUrl } from '../capture/capture';
import { SnapshotSeries } from '../capture/profileCapture';
import { isProfileError } from '../core/errors';
import { analyzeGrowth, formatGrowthTable, type GrowthOptions, type GrowthReport, type GrowthSnapshotInput } from '../core/growth';
import { nodeInflater } from '../core/node/nodeInflater';
import { parseProfile } from '../core/parse';
import { yourCodePredicate, type YourCodeSpec } from '../core/yourCode';
import type { ParsedArgs } from './flags';

/** What one run produced (the same shape as run.ts's CliResult). */
export interface GrowthCliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Where a growth run happens. */
export interface GrowthCliEnv {
  cwd: string;
  /** Receives stderr text as it happens (progress of -series); when absent, it is returned in `stderr`. */
  stderr?: (text: string) => void;
  /** Stop a -series early (the table of what was captured is still printed). */
  signal?: AbortSignal;
}

const fail = (status: number, line: string): GrowthCliResult => ({ status, stdout: '', stderr: line.split('\n')[0] + '\n' });

/** The analysis options the command line gives: -sample_index, -lines/-functions, the filters, your code. */
function growthOptions(parsed: ParsedArgs, order: GrowthOptions['order'], yourCode: YourCodeSpec | undefined): GrowthOptions {
  const c = parsed.config;
  return {
    sampleIndex: c.sampleIndex,
    granularity: parsed.growth?.granularity ?? 'lines',
    refinements: { focus: c.focus, ignore: c.ignore, hide: c.hide, show: c.show, tagfocus: c.tagFocus, tagignore: c.tagIgnore },
    order,
    yourCode: yourCode && yourCodePredicate(yourCode),
  };
}

/**
 * Which code is the user's on the command line: -yourcode's regexp; else the module of the
 * go.mod in -gomod's folder (the working directory by default), with package main (a binary's
 * own functions are named main.*); else every package outside the standard library. -leaf: none.
 * Returns a one-line error for a -gomod folder without go.mod or a bad regexp.
 */
export function cliYourCode(parsed: ParsedArgs, cwd: string): { spec?: YourCodeSpec; error?: string } {
  const g = parsed.growth;
  if (!g || g.leaf) return {};
  let spec: YourCodeSpec;
  if (g.yourCode !== undefined) {
    spec = { patterns: [g.yourCode] };
  } else {
    const gomod = path.resolve(cwd, g.goModDir, 'go.mod');
    let text: string | undefined;
    try {
      text = readFileSync(gomod, 'utf8');
    } catch {
      if (g.goModDir !== '.') return { error: `-gomod: no go.mod in ${g.goModDir}` };
    }
    const module = text === undefined ? undefined : /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
    spec = module ? { modules: [module, 'main'] } : { nonStd: true };
  }
  try {
    yourCodePredicate(spec);
  } catch (e) {
    return { error: `-yourcode: ${(e as Error).message}` };
  }
  return { spec };
}

/** Refuses flags that mean nothing for a growth table rather than ignoring them silently. */
function unsupported(parsed: ParsedArgs): string | undefined {
  if (parsed.base !== '') return `-${parsed.diffBase ? 'diff_base' : 'base'} does not apply to -growth (every snapshot is compared with the others)`;
  if (parsed.config.output !== '') return '-output does not apply to -growth: redirect stdout';
  return undefined;
}

/** The table and the stderr lines of a report: warnings, and a note when nothing is a suspect. */
function render(report: GrowthReport): { stdout: string; notes: string[] } {
  const notes = report.warnings.map((w) => w.message);
  const suspects = report.rows.filter((r) => r.suspect).length;
  if (suspects === 0 && report.snapshots.length > 1) {
    const grew = report.rows.filter((r) => r.delta > 0 && r.verdict !== 'churn').length;
    notes.push(`no leak suspects: nothing grew steadily across the ${report.snapshots.length} snapshots` + (grew > 0 ? ` (${grew} ${report.granularity === 'lines' ? 'lines' : 'functions'} grew irregularly or in one jump)` : ''));
  }
  return { stdout: formatGrowthTable(report), notes };
}

/**
 * runGrowth runs `pprof-lens -growth FILE...`: every FILE (a folder stands for the profiles in
 * it) is a snapshot, ordered by profile time. Exit 0 with the table (warnings on stderr), 1 when
 * a named file cannot be read or analyzed (one stderr line), 2 for flags that do not apply.
 */
export function runGrowth(parsed: ParsedArgs, env: GrowthCliEnv): GrowthCliResult {
  const bad = unsupported(parsed);
  if (bad) return fail(2, `pprof-lens: ${bad} (see pprof-lens -h)`);
  const notes: string[] = [];
  // 1. Snapshots: named files must be profiles; in a folder, other files are skipped with a note.
  const snapshots: GrowthSnapshotInput[] = [];
  for (const arg of parsed.args) {
    const abs = path.resolve(env.cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      return fail(1, `pprof-lens: ${arg}: ${fileError(e)}`);
    }
    if (!isDir) {
      const r = load(abs, arg, parsed.maxSize);
      if ('error' in r) return fail(1, `pprof-lens: ${arg}: ${r.error}`);
      snapshots.push(r.snapshot);
      continue;
    }
    const before = snapshots.length;
    for (const name of readdirSync(abs).sort()) {
      if (name.startsWith('.')) continue;
      const file = path.join(abs, name);
      if (!statSync(file).isFile()) continue;
      const r = load(file, path.join(arg, name), parsed.maxSize);
      if ('error' in r) notes.push(`${path.join(arg, name)}: skipped: ${r.error}`);
      else snapshots.push(r.snapshot);
    }
    if (snapshots.length === before) return fail(1, `pprof-lens: ${arg}: no profiles in this folder`);
  }
  // 2. The analysis.
  const mine = cliYourCode(parsed, env.cwd);
  if (mine.error) return fail(2, `pprof-lens: ${mine.error}`);
  let report: GrowthReport;
  try {
    report = analyzeGrowth(snapshots, growthOptions(parsed, 'time', mine.spec));
  } catch (e) {
    if (isProfileError(e)) return fail(1, `pprof-lens: -growth: ${e.message}`);
    return fail(1, `pprof-lens: -growth: internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out = render(report);
  return { status: 0, stdout: out.stdout, stderr: [...parsed.notes, ...notes, ...out.notes].map((n) => `pprof-lens: ${n}\n`).join('') };
}

/** Reads and decodes one snapshot file. */
function load(abs: string, name: string, maxSize: number | undefined): { snapshot: GrowthSnapshotInput } | { error: string } {
  try {
    const bytes = readFileSync(abs);
    const profile = parseProfile(bytes, { inflater: nodeInflater, maxInflatedBytes: maxSize, limitHint: '--max-size' });
    return { snapshot: { name, profile, fileTimeMs: statSync(abs).mtimeMs } };
  } catch (e) {
    if (isProfileError(e)) return { error: e.message };
    return { error: fileError(e) };
  }
}

function fileError(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    default: return (e as Error).message;
  }
}

/**
 * runSeries runs `pprof-lens -series=K -interval=D -o DIR URL`: K captures from URL (a base URL
 * gets /debug/pprof/heap?gc=1), one every D, written to DIR with timestamped names; then the
 * growth table of what was captured, in capture order. A failed capture is reported on stderr
 * and the series goes on. Exit 0 with the table, 1 when nothing could be captured, 2 for a bad
 * command line. Never rejects.
 */
export async function runSeries(parsed: ParsedArgs, env: GrowthCliEnv): Promise<GrowthCliResult> {
  const g = parsed.growth;
  if (!g || g.series === undefined) return fail(2, 'pprof-lens: -series needs a count (see pprof-lens -h)');
  const bad = unsupported(parsed);
  if (bad) return fail(2, `pprof-lens: ${bad} (see pprof-lens -h)`);
  const mine = cliYourCode(parsed, env.cwd);
  if (mine.error) return fail(2, `pprof-lens: ${mine.error}`);
  if (parsed.args.length !== 1) return fail(2, `pprof-lens: -series takes one URL, got ${parsed.args.length} arguments (see pprof-lens -h)`);
  let url: string;
  try {
    url = snapshotUrl(parsed.args[0]);
  } catch (e) {
    return fail(2, `pprof-lens: ${e instanceof CaptureError ? e.message : String(e)}`);
  }

  // 1. Capture, reporting each snapshot and failure as it happens.
  let buffered = '';
  const say = (line: string) => {
    const text = `pprof-lens: ${line}\n`;
    if (env.stderr) env.stderr(text);
    else buffered += text;
  };
  const dir = path.resolve(env.cwd, g.outDir);
  const series = new SnapshotSeries({ url, dir, intervalMs: g.intervalMs, count: g.series, kind: kindOfUrl(url), fetch: { maxInflatedBytes: parsed.maxSize, limitHint: '--max-size' } });
  const rel = (file: string) => {
    const r = path.relative(env.cwd, file);
    return r.startsWith('..') ? file : r;
  };
  series.onEvent((e) => {
    if (e.type === 'snapshot') say(`snapshot ${e.snapshot.attempt}/${g.series}: ${rel(e.snapshot.file)}`);
    else if (e.type === 'failure') say(`snapshot ${e.attempt}/${g.series} failed: ${e.error.message}`);
  });
  const stop = () => void series.stop();
  env.signal?.addEventListener('abort', stop, { once: true });
  let result;
  try {
    result = await series.start();
  } finally {
    env.signal?.removeEventListener('abort', stop);
  }
  const done = (r: GrowthCliResult): GrowthCliResult => ({ ...r, stderr: buffered + r.stderr });
  if (result.snapshots.length === 0) {
    return done(fail(1, `pprof-lens: ${url}: no snapshot captured (${result.failures.length} of ${g.series} failed)`));
  }

  // 2. The growth table of the captured snapshots, in capture order.
  const snapshots = result.snapshots.map((s) => ({ name: rel(s.file), profile: s.profile, fileTimeMs: s.timeMs }));
  let report: GrowthReport;
  try {
    report = analyzeGrowth(snapshots, growthOptions(parsed, 'given', mine.spec));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return done(fail(1, `pprof-lens: -growth: ${isProfileError(e) ? msg : `internal error: ${msg}`}`));
  }
  const out = render(report);
  return done({ status: 0, stdout: out.stdout, stderr: out.notes.map((n) => `pprof-lens: ${n}\n`).join('') });
}
