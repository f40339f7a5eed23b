// Builds the `go test` command line of a profiled run: arguments as an array (run without a
// shell, so nothing needs quoting), plus the same line quoted for a POSIX shell to show and copy.
// Pure (no vscode): the runner executes what this returns.
import type { GoTestKind } from './goTestFinder';

/** The profiles `go test` can write. */
export type ProfileKind = 'cpu' | 'mem' | 'block' | 'mutex';

/** Every kind, in the order a quick pick offers them. */
export const PROFILE_KINDS: readonly ProfileKind[] = ['cpu', 'mem', 'block', 'mutex'];

/** How each kind is flagged, named and opened. */
export const PROFILE_KIND_INFO: Record<ProfileKind, { flag: string; label: string; detail: string; sampleType?: string }> = {
  cpu: { flag: '-cpuprofile', label: 'CPU', detail: 'where the time goes (-cpuprofile)' },
  // A benchmark's allocations are what -memprofile is about: open it on alloc_space, not inuse_space.
  mem: { flag: '-memprofile', label: 'Memory (allocs)', detail: 'bytes and objects allocated (-memprofile, shown as alloc_space)', sampleType: 'alloc_space' },
  block: { flag: '-blockprofile', label: 'Block', detail: 'where goroutines wait on channels and locks (-blockprofile)' },
  mutex: { flag: '-mutexprofile', label: 'Mutex', detail: 'where goroutines hold contended locks (-mutexprofile)' },
};

/** What to run: one test or benchmark (or all of a package when `name` is undefined). */
export interface GoTestTarget {
  kind: GoTestKind;
  /** The function name; undefined runs every test (or benchmark) of the package. */
  name?: string;
}

/** The options a user sets once and that are remembered. */
export interface GoTestOptions {
  /** `-benchtime` (e.g. `2s`, `1000x`); '' leaves go test's default. Benchmarks only. */
  benchtime: string;
  /** `-count`; 1 by default. */
  count: number;
  /** `-memprofilerate` (bytes); 0 leaves the runtime's default. Memory profiles only. */
  memprofilerate: number;
  /** Build tags (`-tags a,b`). */
  tags: string[];
  /** Extra flags, as typed (split like a shell would). */
  extraFlags: string;
  /** Extra environment, `KEY=value` each. */
  env: string[];
}

/** Options before the user changed anything. */
export const DEFAULT_GO_TEST_OPTIONS: GoTestOptions = { benchtime: '', count: 1, memprofilerate: 0, tags: [], extraFlags: '', env: [] };

/** A command line ready to run in the package's directory. */
export interface GoTestCommand {
  /** Arguments after `go`. */
  args: string[];
  /** Environment additions. */
  env: Record<string, string>;
  /** `go test …` quoted for a POSIX shell (what the output channel shows). */
  display: string;
}

/** Escapes the characters that are special in a Go regular expression (regexp.QuoteMeta). */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** An anchored -run/-bench pattern matching exactly one top-level name. */
export function exactPattern(name: string): string {
  return `^${quoteMeta(name)}$`;
}

/** Quotes one argument for a POSIX shell (only when needed). */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Splits a line of flags the way a POSIX shell would (quotes and backslashes, no expansion). Throws on an open quote. */
export function splitFlags(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) throw new Error(`unterminated ' in "${line}"`);
      cur += line.slice(i + 1, j);
      has = true;
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated " in "${line}"`);
      has = true;
      i = j + 1;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      has = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
      i++;
    } else {
      cur += c;
      has = true;
      i++;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Parses `KEY=value` lines; throws naming the first entry that is not one. */
export function parseEnv(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of entries) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(e.trim());
    if (!m) throw new Error(`environment entry "${e}" is not KEY=value`);
    env[m[1]] = m[2];
  }
  return env;
}

/** Flags the runner sets itself; an extra flag repeating one would fight it. */
const OWN_FLAGS = ['-run', '-bench', '-o', '-cpuprofile', '-memprofile', '-blockprofile', '-mutexprofile', '-outputdir', '-json', '-c'];

/**
 * Builds `go test` for one target and one profile kind. The profile and binary paths are
 * absolute (go test would put them under -outputdir otherwise). Throws (one line) on options that
 * cannot work: a count below 1, an unbalanced quote, a flag the runner sets itself.
 */
export function buildGoTestCommand(target: GoTestTarget, kind: ProfileKind, options: GoTestOptions, profilePath: string, binaryPath: string): GoTestCommand {
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error(`-count must be a whole number of at least 1, not ${options.count}`);
  if (!Number.isInteger(options.memprofilerate) || options.memprofilerate < 0) throw new Error(`-memprofilerate must be 0 (the default) or a number of bytes, not ${options.memprofilerate}`);
  const extra = splitFlags(options.extraFlags);
  for (const f of extra) {
    const flag = f.replace(/^--/, '-').split('=')[0];
    if (OWN_FLAGS.includes(flag) || OWN_FLAGS.includes(flag.replace(/^-test\./, '-'))) throw new Error(`extra flag ${f} is set by pprof Lens itself; remove it`);
  }
  const args = ['test'];
  if (options.tags.length > 0) args.push('-tags', options.tags.join(','));
  if (target.kind === 'test') {
    if (target.name) args.push('-run', exactPattern(target.name));
  } else {
    args.push('-run', '^$', '-bench', target.name ? exactPattern(target.name) : '.', '-benchmem');
    if (options.benchtime) args.push('-benchtime', options.benchtime);
  }
  args.push('-count', String(options.count));
  args.push(PROFILE_KIND_INFO[kind].flag, profilePath);
  if (kind === 'mem' && options.memprofilerate > 0) args.push('-memprofilerate', String(options.memprofilerate));
  args.push('-o', binaryPath);
  args.push(...extra);
  const env = parseEnv(options.env);
  const envText = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)} `).join('');
  return { args, env, display: `${envText}go ${args.map(shellQuote).join(' ')}` };
}

/** A file-name-safe version of a Go package path or test name. */
function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '') || 'pkg';
}

/** `2026-12-03T02-40-05Z`: a UTC time that sorts and is a valid file name everywhere. */
export function fileTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/**
 * The base name of a run's files: package, test, kind and time, e.g.
 * `bench-alloc.BenchmarkJoin.mem.2026-12-03T02-40-05Z` (+ `.pprof` for the profile, `.test` for the binary).
 */
export function runBaseName(packageName: string, target: GoTestTarget, kind: ProfileKind, when: Date): string {
  const test = target.name ?? (target.kind === 'test' ? 'AllTests' : 'AllBenchmarks');
  return `${safe(packageName)}.${safe(test)}.${kind}.${fileTimestamp(when)}`;
}
