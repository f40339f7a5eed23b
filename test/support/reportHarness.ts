// A tiny stand-in for the driver, so report tests exercise the report engine alone: reads a
// profile as pprof's fetch does (gunzip, decode, prune, merge), picks the sample index and builds
// ReportOptions with pprof's defaults and command overrides for -top/-traces/-list. The real
// pipeline (filters, diffs, every flag) is src/core/driver.ts, tested by the CLI goldens.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeProfile } from '../../src/core/decode';
import { pathBase } from '../../src/core/goPath';
import type { Profile } from '../../src/core/profile';
import { generate } from '../../src/core/report/generate';
import { merge, numLabelUnits, removeUninteresting, sampleIndexByName } from '../../src/core/transform';
import type { Granularity, OutputFormat, ReportOptions, SourceReader } from '../../src/core/report/options';

/** Flags of one golden run, as pprof's command line would give them. */
export interface HarnessFlags {
  format: OutputFormat;
  sampleIndex?: string;
  granularity?: Granularity;
  cum?: boolean;
  /** Regexp of -list. */
  list?: string;
  sourcePath?: string;
  nodeCount?: number;
  /** -noinlines. */
  noInlines?: boolean;
  /** -mean: values divided by the first sample type's. */
  mean?: boolean;
  divideBy?: number;
  unit?: string;
  dropNegative?: boolean;
  compactLabels?: boolean;
  nodeFraction?: number;
}

/** Reads and decodes a profile file (gzipped or raw) and merges it as pprof's fetch does. */
export function loadProfile(file: string): Profile {
  let bytes: Uint8Array = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  // As pprof's fetch: prune with drop_frames, then merge (sums equal samples, drops zero ones).
  return merge([removeUninteresting(decodeProfile(bytes))]);
}


/** ReportOptions as pprof's driver builds them for these flags (defaults, then command overrides). */
export function harnessOptions(p: Profile, flags: HarnessFlags): ReportOptions {
  const sampleIndex = sampleIndexByName(p, flags.sampleIndex ?? '');
  let granularity: Granularity = flags.granularity ?? 'functions';
  let nodeCount = flags.nodeCount ?? -1;
  let nodeFraction = flags.nodeFraction ?? 0.005;
  let edgeFraction = 0.001;
  let trim = true;
  if (flags.format === 'list') {
    trim = false;
    granularity = 'lines';
  } else if (flags.format === 'text') {
    if (nodeCount === -1) nodeCount = 0;
  } else if (nodeCount === -1) {
    nodeCount = 80;
  }
  if (!trim) {
    nodeCount = 0;
    nodeFraction = 0;
    edgeFraction = 0;
  }
  const st = p.sampleTypes[sampleIndex];
  return {
    outputFormat: flags.format,
    cumSort: flags.cum === true,
    callTree: false,
    dropNegative: flags.dropNegative === true,
    compactLabels: flags.compactLabels === true,
    ratio: 1 / (flags.divideBy ?? 1),
    title: p.mappings.length > 0 && p.mappings[0].file !== '' ? pathBase(p.mappings[0].file) : '',
    profileLabels: [],
    activeFilters: [],
    numLabelUnits: numLabelUnits(p).units,
    nodeCount,
    nodeFraction,
    edgeFraction,
    sampleIndex,
    sampleMeanDivisorIndex: flags.mean ? 0 : undefined,
    sampleType: flags.mean ? 'mean_' + st.type : st.type,
    sampleUnit: st.unit,
    outputUnit: flags.unit ?? 'minimum',
    symbol: flags.list !== undefined ? new RegExp(flags.list) : undefined,
    sourcePath: flags.sourcePath ?? '',
    trimPath: '',
    granularity,
    inlineFrames: flags.noInlines !== true,
  };
}

/** A SourceReader over the local file system, with `cwd` as the current directory. */
export function fsSourceReader(cwd: string): SourceReader {
  return {
    readFile(p: string): string | undefined {
      try {
        if (!statSync(p).isFile()) return undefined;
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    cwd: () => cwd,
  };
}

/** Runs one report on a profile file as `go tool pprof -symbolize=none <flags> file` run from its folder would. */
export function runReport(file: string, flags: HarnessFlags): string {
  const p = loadProfile(file);
  return generate(p, harnessOptions(p, flags), fsSourceReader(path.dirname(file)));
}
