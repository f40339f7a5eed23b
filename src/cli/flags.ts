// Command-line flags of pprof-lens: go tool pprof's flags (internal/driver cli.go and config.go)
// parsed with the rules of Go's flag package: `-flag`, `--flag`, `-flag=value`, `-flag value`
// (not for booleans, which take `-flag=false`), parsing stops at the first non-flag argument or
// at `--`, the last occurrence of a flag wins. Pure: no file system, no process.

import { commandHasParam, defaultConfig, type Command, type CommandName, type Config } from '../core/driver';
import type { Granularity } from '../core/report/options';

/** FlagError is a command-line mistake: the CLI prints its one-line message and exits 2, as Go's flag package. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

/** ParsedArgs is a parsed command line. Invariant: `command` is set unless `help` is true or `growth` is set. */
export interface ParsedArgs {
  /** -h / -help was given: print usage and exit 0. */
  help: boolean;
  command?: Command;
  config: Config;
  /** Positional arguments: the profiles (possibly preceded by a binary or build id, see resolveSources). */
  args: string[];
  /** -base or -diff_base profile ("" when none). */
  base: string;
  /** True when `base` came from -diff_base. */
  diffBase: boolean;
  /** -buildid override of the main mapping's build id. */
  buildId: string;
  /** -add_comment. */
  comment: string;
  /** -symbolize (pprof-lens never symbolizes; kept to accept pprof's command lines). */
  symbolize: string;
  /** --max-size: limit on the inflated size of gzipped inputs, in bytes (undefined: the default). */
  maxSize?: number;
  /** -growth or -series (pprof-lens only): rank what grows across snapshots instead of a report. */
  growth?: GrowthArgs;
  /** Notes pprof prints on stderr while parsing (e.g. "Multiple value selections, ignoring -inuse_space"). */
  notes: string[];
}

type Kind = 'bool' | 'string' | 'int' | 'float';

/** One flag: its kind, help text, and how its value is stored. */
interface FlagDef {
  kind: Kind;
  help: string;
  /** Value placeholder in the usage text. */
  arg?: string;
}

// Config fields by flag name, as pprof's configFields (json names).
const configFlags: Record<string, { key: keyof Config; kind: Kind; help: string; arg?: string }> = {
  output: { key: 'output', kind: 'string', help: 'Output filename for file-based outputs', arg: 'file' },
  call_tree: { key: 'callTree', kind: 'bool', help: 'Create a context-sensitive call tree' },
  relative_percentages: { key: 'relativePercentages', kind: 'bool', help: 'Show percentages relative to focused subgraph' },
  unit: { key: 'unit', kind: 'string', help: 'Measurement units to display', arg: 'unit' },
  compact_labels: { key: 'compactLabels', kind: 'bool', help: 'Show minimal headers' },
  source_path: { key: 'sourcePath', kind: 'string', help: 'Search path for source files', arg: 'path' },
  trim_path: { key: 'trimPath', kind: 'string', help: 'Path to trim from source paths before search', arg: 'path' },
  intel_syntax: { key: 'intelSyntax', kind: 'bool', help: 'Show assembly in Intel syntax' },
  mean: { key: 'mean', kind: 'bool', help: 'Average sample value over first value (count)' },
  sample_index: { key: 'sampleIndex', kind: 'string', help: 'Sample value to report (0-based index or name)', arg: 'index' },
  divide_by: { key: 'divideBy', kind: 'float', help: 'Ratio to divide all samples before visualization', arg: 'n' },
  normalize: { key: 'normalize', kind: 'bool', help: 'Scales profile based on the base profile' },
  tagroot: { key: 'tagRoot', kind: 'string', help: 'Adds pseudo stack frames for labels at the callstack root', arg: 'keys' },
  tagleaf: { key: 'tagLeaf', kind: 'string', help: 'Adds pseudo stack frames for labels at the callstack leaf', arg: 'keys' },
  drop_negative: { key: 'dropNegative', kind: 'bool', help: 'Ignore negative differences' },
  nodecount: { key: 'nodeCount', kind: 'int', help: 'Max number of nodes to show', arg: 'n' },
  nodefraction: { key: 'nodeFraction', kind: 'float', help: 'Hide nodes below <f>*total', arg: 'f' },
  edgefraction: { key: 'edgeFraction', kind: 'float', help: 'Hide edges below <f>*total', arg: 'f' },
  trim: { key: 'trim', kind: 'bool', help: 'Honor nodefraction/edgefraction/nodecount defaults' },
  focus: { key: 'focus', kind: 'string', help: 'Restricts to samples going through a node matching regexp', arg: 'regexp' },
  ignore: { key: 'ignore', kind: 'string', help: 'Skips paths going through any nodes matching regexp', arg: 'regexp' },
  prune_from: { key: 'pruneFrom', kind: 'string', help: 'Drops any functions below the matched frame', arg: 'regexp' },
  hide: { key: 'hide', kind: 'string', help: 'Skips nodes matching regexp', arg: 'regexp' },
  show: { key: 'show', kind: 'string', help: 'Only show nodes matching regexp', arg: 'regexp' },
  show_from: { key: 'showFrom', kind: 'string', help: 'Drops functions above the highest matched frame', arg: 'regexp' },
  tagfocus: { key: 'tagFocus', kind: 'string', help: 'Restricts to samples with tags in range or matched by regexp', arg: 'filter' },
  tagignore: { key: 'tagIgnore', kind: 'string', help: 'Discard samples with tags in range or matched by regexp', arg: 'filter' },
  tagshow: { key: 'tagShow', kind: 'string', help: 'Only consider tags matching this regexp', arg: 'regexp' },
  taghide: { key: 'tagHide', kind: 'string', help: 'Skip tags matching this regexp', arg: 'regexp' },
  noinlines: { key: 'noInlines', kind: 'bool', help: 'Ignore inlines' },
};

// Multi-choice config fields: one boolean flag per choice.
const sortChoices = ['cum', 'flat'] as const;
const granularityChoices: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];
const choiceHelp: Record<string, string> = {
  flat: 'Sort entries based on own weight',
  cum: 'Sort entries based on cumulative weight',
  functions: 'Aggregate at the function level',
  filefunctions: 'Aggregate at the function level, keeping file names apart',
  files: 'Aggregate at the file level',
  lines: 'Aggregate at the source code line level',
  addresses: 'Aggregate at the address level',
};

// Report commands: implemented ones, and pprof's others (accepted, then refused clearly).
const commands: Record<CommandName, string> = {
  top: 'Outputs top entries in text form',
  text: 'Outputs top entries in text form',
  traces: 'Outputs all profile samples in text form',
  tree: 'Outputs a text rendering of call graph',
  list: 'Output annotated source for functions matching regexp',
  peek: 'Output callers/callees of functions matching regexp',
  dot: 'Outputs a graph in DOT format',
};
const otherBoolCommands = [
  'comments', 'raw', 'tags', 'callgrind', 'proto', 'topproto', 'gif', 'pdf', 'png', 'ps', 'svg',
  'eog', 'evince', 'gv', 'web', 'kcachegrind',
];
const otherParamCommands = ['disasm', 'weblist'];

// Legacy sample selections, in pprof's order of precedence.
const legacySampleFlags: [flag: string, sampleType: string, help: string][] = [
  ['total_delay', 'delay', 'Same as -sample_index=delay'],
  ['mean_delay', 'delay', 'Same as -mean -sample_index=delay'],
  ['contentions', 'contentions', 'Same as -sample_index=contentions'],
  ['inuse_space', 'inuse_space', 'Same as -sample_index=inuse_space'],
  ['inuse_objects', 'inuse_objects', 'Same as -sample_index=inuse_objects'],
  ['alloc_space', 'alloc_space', 'Same as -sample_index=alloc_space'],
  ['alloc_objects', 'alloc_objects', 'Same as -sample_index=alloc_objects'],
];

const sourceFlags: Record<string, FlagDef> = {
  diff_base: { kind: 'string', help: 'Source of base profile for comparison', arg: 'source' },
  base: { kind: 'string', help: 'Source of base profile for profile subtraction', arg: 'source' },
  symbolize: { kind: 'string', help: 'Accepted for compatibility; pprof-lens never symbolizes', arg: 'mode' },
  buildid: { kind: 'string', help: 'Override build id for main binary', arg: 'id' },
  add_comment: { kind: 'string', help: 'Free-form annotation to add to the profile', arg: 'text' },
  timeout: { kind: 'int', help: 'Accepted for compatibility (profiles are read from files)', arg: 's' },
  seconds: { kind: 'int', help: 'Accepted for compatibility (profiles are read from files)', arg: 's' },
  tools: { kind: 'string', help: 'Accepted for compatibility (no object tools are used)', arg: 'path' },
  http: { kind: 'string', help: 'Not supported: pprof-lens has no web interface', arg: 'host:port' },
  no_browser: { kind: 'bool', help: 'Not supported (see -http)' },
  'max-size': { kind: 'string', help: 'Refuse gzipped profiles inflating past this size (default 1GiB)', arg: 'size' },
};

/** -growth / -series: what to analyze or capture. */
export interface GrowthArgs {
  /** -series=K: capture K snapshots from the URL argument, then analyze them (undefined: analyze the FILE arguments). */
  series?: number;
  /** -interval: time between -series captures, in ms (default 30s). */
  intervalMs: number;
  /** -o: folder the -series snapshots are written to (default "."). */
  outDir: string;
  /** -lines (default) or -functions. */
  granularity: 'lines' | 'functions';
  /** -yourcode: Go regexp of the packages that are your code (overrides go.mod and the standard library rule). */
  yourCode?: string;
  /** -gomod: folder whose go.mod names your module (default: the working directory). */
  goModDir: string;
  /** -leaf: pprof's raw leaf ranking, no charging to your code. */
  leaf: boolean;
}

// Leak hunting, pprof-lens only: rank what grows across snapshots, or capture a series first.
const growthFlags: Record<string, FlagDef> = {
  growth: { kind: 'bool', help: 'Rank the lines that grow across the profiles (leak suspects) as a table' },
  series: { kind: 'int', help: 'Capture k heap snapshots from a URL (gc=1), then print the growth table', arg: 'k' },
  interval: { kind: 'string', help: 'Time between -series snapshots, a Go duration (default 30s)', arg: 'duration' },
  o: { kind: 'string', help: 'Folder -series writes snapshots to (default .)', arg: 'dir' },
  yourcode: { kind: 'string', help: 'Packages that are your code, a Go regexp (default: the module of ./go.mod, else all but the standard library)', arg: 'regexp' },
  gomod: { kind: 'string', help: 'Folder whose go.mod names your module (default .)', arg: 'dir' },
  leaf: { kind: 'bool', help: 'Rank by the allocating leaf as pprof does, not by the line of your code that calls it' },
};

/** Every flag by name, with its kind. */
function flagKinds(): Map<string, Kind> {
  const m = new Map<string, Kind>();
  for (const [name, f] of Object.entries(configFlags)) m.set(name, f.kind);
  for (const c of [...sortChoices, ...granularityChoices]) m.set(c, 'bool');
  for (const c of Object.keys(commands) as CommandName[]) m.set(c, commandHasParam(c) ? 'string' : 'bool');
  for (const c of otherBoolCommands) m.set(c, 'bool');
  for (const c of otherParamCommands) m.set(c, 'string');
  for (const [name] of legacySampleFlags) m.set(name, 'bool');
  for (const [name, f] of Object.entries(sourceFlags)) m.set(name, f.kind);
  for (const [name, f] of Object.entries(growthFlags)) m.set(name, f.kind);
  return m;
}

/** Go's strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b/0 prefixes, underscores between digits. */
export function parseGoInt(s: string): number | undefined {
  const neg = s.startsWith('-');
  let body = s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s;
  let digit = '[0-9]';
  let prefix = '';
  if (/^0[xX]/.test(body)) [digit, prefix, body] = ['[0-9a-fA-F]', '0x', body.slice(2)];
  else if (/^0[bB]/.test(body)) [digit, prefix, body] = ['[01]', '0b', body.slice(2)];
  else if (/^0[oO]/.test(body)) [digit, prefix, body] = ['[0-7]', '0o', body.slice(2)];
  else if (body.length > 1 && body.startsWith('0')) [digit, prefix, body] = ['[0-7]', '0o', body.slice(1)];
  // An underscore may follow a base prefix, otherwise it must sit between digits.
  const ok = new RegExp(`^${prefix ? '_?' : ''}${digit}+(_${digit}+)*$`).test(body);
  if (!ok) return undefined;
  let v = BigInt(prefix + body.replace(/_/g, ''));
  if (neg) v = -v;
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) return undefined;
  return Number(v);
}

/**
 * Go's strconv.ParseFloat(s, 64) for decimal forms, infinities and NaN: an underscore only between
 * digits, and NaN without a sign. Hexadecimal floats (0x1p4) are not accepted.
 */
export function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  const digits = String.raw`\d+(?:_\d+)*`;
  if (!new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`).test(s)) return undefined;
  const v = Number(s.replace(/_/g, ''));
  return Number.isNaN(v) ? undefined : v;
}

/** Go's time.ParseDuration, in milliseconds: "30s", "1m30s", "500ms", "1.5h", "0"; undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(s);
  if (!m) return undefined;
  if (m[2] === '0') return 0;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]];
  return m[1] === '-' ? -total : total;
}

/** Parses sizes such as "1073741824", "512MiB", "2GB", "64m" (powers of 1024) into bytes. */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(s.trim());
  if (!m) return undefined;
  const exp = ['', 'k', 'm', 'g', 't'].indexOf(m[2].toLowerCase());
  const v = Math.floor(Number(m[1]) * 1024 ** exp);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * parseArgs parses command-line arguments (without node and the script) as go tool pprof does.
 * Throws FlagError with Go's flag package or pprof's message for invalid command lines.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const kinds = flagKinds();
  const values = new Map<string, string | boolean>();
  let rest = argv.slice();

  // 1. Go's flag.Parse: flags until the first non-flag argument or "--".
  for (;;) {
    if (rest.length === 0) break;
    const s = rest[0];
    if (s.length < 2 || s[0] !== '-') break;
    let minuses = 1;
    if (s[1] === '-') {
      minuses++;
      if (s.length === 2) {
        rest = rest.slice(1);
        break;
      }
    }
    let name = s.slice(minuses);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
    rest = rest.slice(1);
    let value: string | undefined;
    const eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = kinds.get(name);
    if (kind === undefined) {
      if (name === 'h' || name === 'help') return { ...emptyArgs(), help: true };
      throw new FlagError(`flag provided but not defined: -${name}`);
    }
    if (kind === 'bool') {
      if (value === undefined) {
        values.set(name, true);
      } else {
        const b = parseBool(value);
        if (b === undefined) throw new FlagError(`invalid boolean value "${value}" for -${name}: parse error`);
        values.set(name, b);
      }
      continue;
    }
    if (value === undefined) {
      if (rest.length === 0) throw new FlagError(`flag needs an argument: -${name}`);
      value = rest[0];
      rest = rest.slice(1);
    }
    if (kind === 'int' && parseGoInt(value) === undefined) throw new FlagError(`invalid value "${value}" for flag -${name}: parse error`);
    if (kind === 'float' && parseGoFloat(value) === undefined) throw new FlagError(`invalid value "${value}" for flag -${name}: parse error`);
    values.set(name, value);
  }

  // 2. Config fields.
  const config = defaultConfig();
  for (const [name, f] of Object.entries(configFlags)) {
    const v = values.get(name);
    if (v === undefined) continue;
    const target = config as unknown as Record<string, unknown>;
    if (f.kind === 'int') target[f.key] = parseGoInt(v as string);
    else if (f.kind === 'float') target[f.key] = parseGoFloat(v as string);
    else target[f.key] = v;
  }
  const chosen = (choices: readonly string[]) => choices.filter((c) => values.get(c) === true);
  const sorts = chosen(sortChoices);
  if (sorts.length > 1) throw new FlagError(`conflicting options set: [${sorts.join(' ')}]`);
  if (sorts.length === 1) config.sort = sorts[0] as Config['sort'];
  const grans = chosen(granularityChoices);
  if (grans.length > 1) throw new FlagError(`conflicting options set: [${grans.join(' ')}]`);
  if (grans.length === 1) config.granularity = grans[0] as Granularity;

  // 3. The report command: at most one.
  const set: { name: string; arg?: string }[] = [];
  for (const c of [...(Object.keys(commands) as CommandName[]), ...otherBoolCommands, ...otherParamCommands]) {
    const v = values.get(c);
    if (v === true) set.push({ name: c });
    else if (typeof v === 'string' && v !== '') set.push({ name: c, arg: v });
  }
  if (set.length > 1) throw new FlagError('must set at most one output format');
  const str = (name: string) => (values.get(name) as string | undefined) ?? '';
  if (str('http') !== '') {
    throw new FlagError(set.length > 0 ? '-http is not compatible with an output format on the command line' : '-http is not supported: pprof-lens prints reports (try -top)');
  }
  if (values.get('no_browser') === true) throw new FlagError('-no_browser only makes sense with -http');
  let command: Command | undefined;
  if (set.length === 1) {
    if (!(set[0].name in commands)) {
      throw new FlagError(`-${set[0].name} is not supported: pprof-lens prints -top, -text, -traces, -tree, -dot, -list=REGEXP and -peek=REGEXP`);
    }
    command = { name: set[0].name as CommandName, arg: set[0].arg };
  }

  // 4. Legacy sample selections.
  const notes: string[] = [];
  let si = config.sampleIndex;
  for (const [flag, sampleType] of legacySampleFlags) {
    if (values.get(flag) !== true) continue;
    if (si === '') si = sampleType;
    else notes.push(`Multiple value selections, ignoring -${flag}`);
  }
  config.sampleIndex = si;
  if (values.get('mean_delay') === true) config.mean = true;

  // 4b. -growth and -series print the growth table instead of a report.
  let growth: GrowthArgs | undefined;
  if (values.get('growth') === true || values.has('series')) {
    if (command) throw new FlagError(`-growth and -series print the growth table: drop -${command.name}`);
    if (grans.length === 1 && grans[0] !== 'lines' && grans[0] !== 'functions') throw new FlagError(`-growth ranks -lines or -functions, not -${grans[0]}`);
    const series = values.has('series') ? parseGoInt(str('series')) : undefined;
    if (series !== undefined && series < 1) throw new FlagError(`invalid value "${str('series')}" for flag -series: want 1 or more snapshots`);
    const intervalMs = values.has('interval') ? parseGoDuration(str('interval')) : 30_000;
    if (intervalMs === undefined || intervalMs < 0) throw new FlagError(`invalid value "${str('interval')}" for flag -interval: want a duration such as 30s or 500ms`);
    growth = {
      series,
      intervalMs,
      outDir: values.has('o') ? str('o') : '.',
      granularity: grans[0] === 'functions' ? 'functions' : 'lines',
      yourCode: values.has('yourcode') ? str('yourcode') : undefined,
      goModDir: values.has('gomod') ? str('gomod') : '.',
      leaf: values.get('leaf') === true,
    };
  } else if (values.has('interval') || values.has('o')) {
    throw new FlagError(`-${values.has('interval') ? 'interval' : 'o'} only makes sense with -series`);
  } else if (values.has('yourcode') || values.has('gomod') || values.has('leaf')) {
    const flag = ['yourcode', 'gomod', 'leaf'].find((f) => values.has(f));
    throw new FlagError(`-${flag} only applies to -growth and -series (pprof's reports stay pprof's)`);
  }

  // 5. Sources and bases.
  const base = str('base');
  const diffBase = str('diff_base');
  if (base !== '' && diffBase !== '') throw new FlagError('-base and -diff_base flags cannot both be specified');
  let maxSize: number | undefined;
  if (values.has('max-size')) {
    maxSize = parseSize(str('max-size'));
    if (maxSize === undefined) throw new FlagError(`invalid value "${str('max-size')}" for flag --max-size: want a size such as 2GiB`);
  }
  if (rest.length === 0) throw new FlagError('no profile source specified');
  if (!command && !growth) throw new FlagError('no report format: use -top, -traces or -list=REGEXP (pprof-lens has no interactive mode)');
  if (command && commandHasParam(command.name) && (command.arg ?? '') === '') throw new FlagError(`-${command.name} needs a regexp`);
  if (config.normalize && base === '' && diffBase === '') throw new FlagError('must have base profile to normalize by');

  return {
    help: false,
    command,
    config,
    args: rest,
    base: diffBase !== '' ? diffBase : base,
    diffBase: diffBase !== '',
    buildId: str('buildid'),
    comment: str('add_comment'),
    symbolize: str('symbolize'),
    maxSize,
    notes,
    growth,
  };
}

function emptyArgs(): ParsedArgs {
  return { help: false, config: defaultConfig(), args: [], base: '', diffBase: false, buildId: '', comment: '', symbolize: '', notes: [] };
}

/** Whether s looks like a build id: hex digits only (pprof's isBuildID). */
export function isBuildID(s: string): boolean {
  return /^[0-9a-fA-F]*$/.test(s);
}

/**
 * resolveSources splits the positional arguments as pprof's parseFlags does: with more than one,
 * a first argument that is an object file is the binary (it renames the main mapping), or, when
 * -buildid is not set, one made only of hex digits is a build id; the rest are profiles.
 */
export function resolveSources(
  parsed: ParsedArgs,
  isObjectFile: (path: string) => boolean,
): { sources: string[]; execName?: string; buildId?: string } {
  const args = parsed.args;
  const buildId = parsed.buildId !== '' ? parsed.buildId : undefined;
  if (args.length > 1) {
    if (isObjectFile(args[0])) return { sources: args.slice(1), execName: args[0], buildId };
    if (buildId === undefined && isBuildID(args[0])) return { sources: args.slice(1), buildId: args[0] };
  }
  return { sources: args, buildId };
}

/** The usage text printed by -h. */
export function usage(): string {
  const line = (name: string, arg: string | undefined, help: string) => {
    const left = `  -${name}${arg ? `=${arg}` : ''}`;
    return left.length < 26 ? `${left.padEnd(26)}${help}\n` : `${left}\n${' '.repeat(26)}${help}\n`;
  };
  let s = 'usage: pprof-lens <format> [options] [binary] <profile> ...\n\n';
  s += 'Prints the report go tool pprof prints for the same flags, computed without Go.\n';
  s += 'Flags take -flag=value or -flag value (booleans: -flag or -flag=false); -- ends the flags.\n\n';
  s += 'Output formats (exactly one):\n';
  for (const [name, help] of Object.entries(commands)) s += line(name, commandHasParam(name as CommandName) ? 'regexp' : undefined, help);
  s += '\nOptions:\n';
  for (const c of granularityChoices) s += line(c, undefined, choiceHelp[c]);
  for (const c of sortChoices) s += line(c, undefined, choiceHelp[c]);
  for (const [name, f] of Object.entries(configFlags)) s += line(name, f.arg, f.help);
  s += '\nSources:\n';
  for (const [name, f] of Object.entries(sourceFlags)) s += line(name, f.arg, f.help);
  s += '\nLeak hunting (instead of a format: pprof-lens -growth FILE..., pprof-lens -series=k -interval=30s -o DIR URL):\n';
  for (const [name, f] of Object.entries(growthFlags)) s += line(name, f.arg, f.help);
  s += '\nMemory timeline: pprof-lens -timeline [-job name] URL prints the verdicts of a Prometheus\n';
  s += 'server\'s or a service\'s memory series (pprof-lens -timeline -h lists its flags).\n';
  s += '\nLegacy convenience options:\n';
  for (const [name, , help] of legacySampleFlags) s += line(name, undefined, help);
  s += '\n' + line('h, -help', undefined, 'Print this help');
  s += '\nProfiles are profile.proto files, gzipped or not. On bad input pprof-lens prints one line\n';
  s += 'on stderr and exits with status 1.\n';
  return s;
}
