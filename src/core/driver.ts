// The report pipeline of pprof's driver (google/pprof internal/driver: fetch.go fetchProfiles,
// driver.go generateRawReport/applyCommandOverrides/aggregate/reportOptions, driver_focus.go
// applyFocus) from decoded profiles and an option set to report text. Platform-neutral: the CLI
// reads and decodes files, the worker holds decoded profiles, and both call runReport.

import { ProfileError } from './errors';
import { compileGoRegexp } from './goRegexp';
import { scaleProfiles } from './measurement';
import type { Profile } from './profile';
import type { Granularity, OutputFormat, ReportOptions, SourceReader } from './report/options';
import { generate } from './report/generate';
import { computeTotal } from './report/report';
import {
  addLabelNodes,
  aggregate,
  compileTagFilter,
  ensureMapping,
  filterSamplesByName,
  filterSamplesByTag,
  filterTagsByName,
  merge,
  normalize,
  numLabelUnits,
  pruneFrom,
  removeUninteresting,
  sampleIndexByName,
  scale,
  setLabel,
  showFrom,
  unsourceMappings,
} from './transform';

/**
 * Config holds the settings of one report: pprof's driver config (config.go), field by field,
 * with pprof's defaults in defaultConfig(). Each field is the flag of the same name in snake case.
 */
export interface Config {
  /** Output file name ("" = stdout); the CLI writes it, the driver ignores it. */
  output: string;
  callTree: boolean;
  relativePercentages: boolean;
  unit: string;
  compactLabels: boolean;
  sourcePath: string;
  trimPath: string;
  intelSyntax: boolean;
  mean: boolean;
  sampleIndex: string;
  divideBy: number;
  normalize: boolean;
  sort: 'flat' | 'cum';
  tagRoot: string;
  tagLeaf: string;
  dropNegative: boolean;
  /** Max nodes; -1 means "the command's default" (none for text, 80 for the others). */
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  trim: boolean;
  focus: string;
  ignore: string;
  pruneFrom: string;
  hide: string;
  show: string;
  showFrom: string;
  tagFocus: string;
  tagIgnore: string;
  tagShow: string;
  tagHide: string;
  noInlines: boolean;
  granularity: Granularity;
}

/** defaultConfig returns pprof's defaultConfig(): what every report starts from. */
export function defaultConfig(): Config {
  return {
    output: '', callTree: false, relativePercentages: false, unit: 'minimum', compactLabels: false,
    sourcePath: '', trimPath: '', intelSyntax: false, mean: false, sampleIndex: '', divideBy: 1,
    normalize: false, sort: 'flat', tagRoot: '', tagLeaf: '', dropNegative: false, nodeCount: -1,
    nodeFraction: 0.005, edgeFraction: 0.001, trim: true, focus: '', ignore: '', pruneFrom: '',
    hide: '', show: '', showFrom: '', tagFocus: '', tagIgnore: '', tagShow: '', tagHide: '',
    noInlines: false, granularity: 'functions',
  };
}

/** The report commands implemented, by pprof's command name. */
export type CommandName = 'top' | 'text' | 'traces' | 'list' | 'tree' | 'peek' | 'dot';

/** A report command: its name and, for -list and -peek, the regexp argument. */
export interface Command {
  name: CommandName;
  arg?: string;
}

/** Whether pprof's command takes a regexp argument (-list=REGEXP). */
export function commandHasParam(name: CommandName): boolean {
  return name === 'list' || name === 'peek';
}

const commandFormats: Record<CommandName, OutputFormat> = {
  top: 'text',
  text: 'text',
  traces: 'traces',
  list: 'list',
  tree: 'tree',
  peek: 'tree',
  dot: 'dot',
};

/** Decoded inputs of a report: pprof's fetched sources and bases, plus what reports read. */
export interface ReportInputs {
  /** The profiles named on the command line, in order (at least one). */
  sources: Profile[];
  /** The -base or -diff_base profiles (see ReportFlags.diffBase). */
  bases?: Profile[];
  /** Overrides of the main mapping's file (pprof's [binary] argument) in every fetched profile. */
  execName?: string;
  /** Override of the main mapping's build id (pprof's -buildid or a hex first argument). */
  buildId?: string;
  /** A comment added to the profile (pprof's -add_comment); reports print it in the header. */
  comment?: string;
  /** Reads source files for -list. */
  sourceReader?: SourceReader;
  /** Receives pprof's warnings (stderr notes such as "Focus expression matched no samples"). */
  warn?: (message: string) => void;
}

/** Options of runReport: the command, whether bases are -diff_base, and any Config field. */
export interface ReportFlags extends Partial<Config> {
  command: Command;
  /** The bases came from -diff_base (samples marked pprof::base) rather than -base. */
  diffBase?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Fetch

/**
 * locateBinaries is what pprof's locateBinaries does when no local binary is found (as with
 * PPROF_BINARY_PATH pointing nowhere): a profile without mappings gets an empty one, and the main
 * mapping takes the [binary] name and -buildid overrides.
 */
function locateBinaries(p: Profile, execName: string | undefined, buildId: string | undefined): Profile {
  p = ensureMapping(p);
  if (!execName && !buildId) return p;
  const m0 = { ...p.mappings[0] };
  if (execName) m0.file = execName;
  if (buildId) m0.buildId = buildId;
  const mappings = [m0, ...p.mappings.slice(1)];
  const locations = p.locations.map((l) => (l.mapping?.index === 0 ? { ...l, mapping: m0 } : l));
  return { ...p, mappings, locations };
}

/** combineProfiles: units harmonized (ScaleProfiles), then merged. */
function combineProfiles(profiles: Profile[]): Profile {
  return merge(scaleProfiles(profiles));
}

/** chunkedGrab: profiles merged in chunks of 64, chunk results merged pairwise, as pprof does. */
function chunkedGrab(profiles: Profile[]): Profile {
  const chunkSize = 64;
  let p: Profile | undefined;
  for (let start = 0; start < profiles.length; start += chunkSize) {
    const chunk = combineProfiles(profiles.slice(start, start + chunkSize));
    p = p === undefined ? chunk : combineProfiles([p, chunk]);
  }
  if (!p) throw new ProfileError('failed to fetch any source profiles');
  return p;
}

/**
 * fetchProfiles combines the inputs as pprof's fetchProfiles does: sources merged; bases merged,
 * marked pprof::base=true for -diff_base, optionally used to -normalize, negated and merged in;
 * then drop_frames pruning (RemoveUninteresting) and URL mapping cleanup. Throws ProfileError.
 */
export function fetchProfiles(inputs: ReportInputs, cfg: Pick<Config, 'normalize'>, diffBase = false): Profile {
  const locate = (p: Profile) => locateBinaries(p, inputs.execName, inputs.buildId);
  let p = chunkedGrab(inputs.sources.map(locate));
  const bases = inputs.bases ?? [];
  if (cfg.normalize && bases.length === 0) throw new ProfileError('must have base profile to normalize by');
  if (bases.length > 0) {
    let pbase = chunkedGrab(bases.map(locate));
    if (diffBase) pbase = setLabel(pbase, 'pprof::base', ['true']);
    if (cfg.normalize) p = normalize(p, pbase);
    pbase = scale(pbase, -1);
    p = combineProfiles([p, pbase]);
  }
  p = removeUninteresting(p);
  p = unsourceMappings(p);
  if (inputs.comment) p = { ...p, comments: [...p.comments, inputs.comment] };
  return p;
}

// ---------------------------------------------------------------------------------------------
// Report

/**
 * applyCommandOverrides adjusts the config for a command as pprof does: -list forces line
 * granularity and no trimming, -peek no trimming, text reports default to no node limit and the
 * others to 80 nodes; without trimming node count and fractions are zero.
 */
export function applyCommandOverrides(name: CommandName, cfg: Config): Config {
  cfg = { ...cfg };
  let trim = cfg.trim;
  switch (name) {
    case 'peek':
      trim = false;
      break;
    case 'list':
      trim = false;
      cfg.granularity = 'lines';
      break;
    case 'text':
    case 'top':
      if (cfg.nodeCount === -1) cfg.nodeCount = 0;
      break;
    default:
      if (cfg.nodeCount === -1) cfg.nodeCount = 80;
  }
  if (!trim) {
    cfg.nodeCount = 0;
    cfg.nodeFraction = 0;
    cfg.edgeFraction = 0;
  }
  return cfg;
}

/** Compiles a regexp option as pprof's compileRegexOption ("" gives undefined). */
function compileRegexOption(name: string, value: string): RegExp | undefined {
  if (value === '') return undefined;
  try {
    return compileGoRegexp(value);
  } catch (e) {
    throw new ProfileError(`parsing ${name} regexp: ${(e as Error).message}`);
  }
}

/**
 * applyFocus applies pprof's sample filters in pprof's order: focus/ignore/hide/show, show_from,
 * tagfocus/tagignore, tagshow/taghide, prune_from. Samples without locations are always dropped
 * (FilterSamplesByName keeps only samples with a focused location). Warnings go to `warn`.
 */
export function applyFocus(p: Profile, units: Map<string, string>, cfg: Config, warn: (m: string) => void = () => {}): Profile {
  // 1. Compile everything first: a bad expression fails before any filtering, as in pprof.
  const focus = compileRegexOption('focus', cfg.focus);
  const ignore = compileRegexOption('ignore', cfg.ignore);
  const hide = compileRegexOption('hide', cfg.hide);
  const show = compileRegexOption('show', cfg.show);
  const showfrom = compileRegexOption('show_from', cfg.showFrom);
  const tagfocus = compileTagFilter('tagfocus', cfg.tagFocus, units, warn);
  const tagignore = compileTagFilter('tagignore', cfg.tagIgnore, units, warn);
  const prunefrom = compileRegexOption('prune_from', cfg.pruneFrom);
  const warnNoMatches = (match: boolean, option: string) => {
    if (!match) warn(`${option} expression matched no samples`);
  };

  // 2. Filter.
  const byName = filterSamplesByName(p, focus, ignore, hide, show);
  p = byName.profile;
  warnNoMatches(!focus || byName.fm, 'Focus');
  warnNoMatches(!ignore || byName.im, 'Ignore');
  warnNoMatches(!hide || byName.hm, 'Hide');
  warnNoMatches(!show || byName.hnm, 'Show');

  if (showfrom) {
    const sf = showFrom(p, showfrom);
    p = sf.profile;
    warnNoMatches(sf.matched, 'ShowFrom');
  }

  const byTag = filterSamplesByTag(p, tagfocus, tagignore);
  p = byTag.profile;
  warnNoMatches(!tagfocus || byTag.fm, 'TagFocus');
  warnNoMatches(!tagignore || byTag.im, 'TagIgnore');

  const tagshow = compileRegexOption('tagshow', cfg.tagShow);
  const taghide = compileRegexOption('taghide', cfg.tagHide);
  if (tagshow || taghide) {
    const tags = filterTagsByName(p, tagshow, taghide);
    p = tags.profile;
    warnNoMatches(!tagshow || tags.sm, 'TagShow');
    warnNoMatches(!taghide || tags.hm, 'TagHide');
  }

  if (prunefrom) p = pruneFrom(p, prunefrom);
  return p;
}

/**
 * aggregateProfile applies the granularity as pprof's driver aggregate() does: which frame
 * attributes profile.Aggregate keeps for functions, filefunctions, files, lines and addresses
 * (addresses with inlined frames keeps everything); -noinlines folds inlined frames.
 */
export function aggregateProfile(p: Profile, cfg: Pick<Config, 'granularity' | 'noInlines'>): Profile {
  const inlines = !cfg.noInlines;
  switch (cfg.granularity) {
    case 'addresses':
      return inlines ? p : aggregate(p, inlines, true, true, true, true);
    case 'lines':
      return aggregate(p, inlines, true, true, true, false);
    case 'files':
      return aggregate(p, inlines, false, true, false, false);
    case 'functions':
      return aggregate(p, inlines, true, false, false, false);
    case 'filefunctions':
      return aggregate(p, inlines, true, true, false, false);
  }
}

/**
 * reportOptions builds the report options of pprof's reportOptions: the sample column from
 * -sample_index (sampleFormat), -mean, -divide_by, the node limits, the active filters and the
 * title (the main mapping's base name). Throws ProfileError ("profile has no samples", bad
 * sample_index, zero divisor).
 */
export function reportOptions(p: Profile, units: Map<string, string>, cfg: Config, format: OutputFormat): ReportOptions {
  if (p.sampleTypes.length === 0) throw new ProfileError('profile has no samples');
  const index = sampleIndexByName(p, cfg.sampleIndex);
  const sample = p.sampleTypes[index];
  const stype = cfg.mean ? 'mean_' + sample.type : sample.type;
  if (cfg.divideBy === 0) throw new ProfileError('zero divisor specified');
  const filters: string[] = [];
  const addFilter = (k: string, v: string) => {
    if (v !== '') filters.push(`${k}=${v}`);
  };
  addFilter('focus', cfg.focus);
  addFilter('ignore', cfg.ignore);
  addFilter('hide', cfg.hide);
  addFilter('show', cfg.show);
  addFilter('show_from', cfg.showFrom);
  addFilter('tagfocus', cfg.tagFocus);
  addFilter('tagignore', cfg.tagIgnore);
  addFilter('tagshow', cfg.tagShow);
  addFilter('taghide', cfg.tagHide);
  const file = p.mappings.length > 0 ? p.mappings[0].file : '';
  return {
    outputFormat: format,
    cumSort: cfg.sort === 'cum',
    callTree: cfg.callTree,
    dropNegative: cfg.dropNegative,
    compactLabels: cfg.compactLabels,
    ratio: 1 / cfg.divideBy,
    title: file !== '' ? baseName(file) : '',
    profileLabels: [],
    activeFilters: filters,
    numLabelUnits: units,
    nodeCount: cfg.nodeCount,
    nodeFraction: cfg.nodeFraction,
    edgeFraction: cfg.edgeFraction,
    sampleIndex: index,
    sampleMeanDivisorIndex: cfg.mean ? 0 : undefined,
    sampleType: stype,
    sampleUnit: sample.unit,
    outputUnit: cfg.unit,
    sourcePath: cfg.sourcePath,
    trimPath: cfg.trimPath,
    granularity: cfg.granularity,
    inlineFrames: !cfg.noInlines,
  };
}

/** Go's filepath.Base on Unix. */
function baseName(path: string): string {
  if (path === '') return '.';
  let p = path;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const i = p.lastIndexOf('/');
  return i >= 0 && p !== '/' ? p.slice(i + 1) : p;
}

/** A report ready to print: the filtered, aggregated profile and the options with their total. */
export interface PreparedReport {
  profile: Profile;
  options: ReportOptions;
}

/**
 * prepareReport is pprof's generateRawReport on a fetched profile: command overrides, numeric
 * label units, -tagroot/-tagleaf frames, the report options and total (before the filters unless -relative_percentages),
 * the filters, then the granularity. `generate(profile, options)` prints it.
 */
export function prepareReport(p: Profile, command: Command, config: Config, warn: (m: string) => void = () => {}): PreparedReport {
  // 1. Units of numeric labels, with pprof's warning for keys seen with several units.
  const { units, ignored } = numLabelUnits(p);
  for (const [k, us] of ignored) warn(`For tag ${k} used unit ${units.get(k)}, also encountered unit(s) ${us.join(', ')}`);

  // 2. The command's overrides.
  const cfg = applyCommandOverrides(command.name, config);

  // 3. Label pseudo frames, before filtering: the filters may select them.
  const keys = (list: string) => list.split(',').filter((k) => k !== '');
  const labelNodes = addLabelNodes(p, keys(cfg.tagRoot), keys(cfg.tagLeaf), cfg.unit);
  p = labelNodes.profile;
  if (cfg.tagRoot !== '' && !labelNodes.rootm) warn('TagRoot expression matched no samples');
  if (cfg.tagLeaf !== '' && !labelNodes.leafm) warn('TagLeaf expression matched no samples');

  // 4. Options and total; percentages are of the unfiltered profile unless relative.
  if (cfg.relativePercentages) p = applyFocus(p, units, cfg, warn);
  const options = reportOptions(p, units, cfg, commandFormats[command.name]);
  if (command.arg !== undefined && commandHasParam(command.name)) {
    try {
      options.symbol = compileGoRegexp(command.arg);
    } catch (e) {
      throw new ProfileError(`parsing argument regexp ${command.arg}: ${(e as Error).message}`);
    }
  }
  options.total = computeTotal(p, options.sampleIndex, options.sampleMeanDivisorIndex);
  if (!cfg.relativePercentages) p = applyFocus(p, units, cfg, warn);

  // 5. Granularity.
  p = aggregateProfile(p, cfg);
  return { profile: p, options };
}

/**
 * runReport produces what `go tool pprof -symbolize=none <flags> <sources>` prints for a
 * non-interactive report: fetchProfiles, then generateRawReport, then report.Generate.
 * Invariant: inputs are not modified. Throws ProfileError for anything pprof would refuse.
 */
export function runReport(inputs: ReportInputs, flags: ReportFlags): string {
  const { command, diffBase, ...rest } = flags;
  const cfg: Config = { ...defaultConfig(), ...definedOnly(rest) };
  if (commandHasParam(command.name) && (command.arg ?? '') === '') {
    throw new ProfileError(`-${command.name} needs a regexp argument`);
  }
  const p = fetchProfiles(inputs, cfg, diffBase ?? false);
  const { profile, options } = prepareReport(p, command, cfg, inputs.warn);
  return generate(profile, options, inputs.sourceReader);
}

/** Drops undefined fields, so that `{focus: undefined}` keeps the default. */
function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
