// The contract between the driver (flags → filtered Profile + options) and the reports.
// Mirrors google/pprof internal/report Options (report.go), with closures replaced by data.

/** Which report Generate produces (pprof's OutputFormat values we implement). */
export type OutputFormat = 'text' | 'traces' | 'list' | 'dot' | 'tree';

/** Granularity of graph nodes (pprof's -functions, -filefunctions, -files, -lines, -addresses). */
export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';

/**
 * ReportOptions holds what a report needs besides the profile. Invariant: the profile the report
 * is built from has already been filtered (focus/ignore/hide/show/tag filters) and pruned by the driver.
 */
export interface ReportOptions {
  outputFormat: OutputFormat;
  /** Sort by cum instead of flat (-cum). */
  cumSort: boolean;
  callTree: boolean;
  dropNegative: boolean;
  compactLabels: boolean;
  /** Multiplier applied to values (1 / -divide_by). */
  ratio: number;
  title: string;
  /**
   * Header lines replacing the ones the report computes (pprof's ProfileLabels option). pprof's
   * CLI leaves it empty: the report then computes File:, Build ID:, comments, Type:, Time: and
   * Duration: itself (see profileLabels in report.ts), after choosing its output unit.
   */
  profileLabels: string[];
  /** Active filters as "focus=regexp" strings (for the header of graph reports). */
  activeFilters: string[];
  /** Unit of each numeric label key (profile.NumLabelUnits). */
  numLabelUnits: Map<string, string>;
  /** Max nodes shown; <= 0 means no limit. */
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  /** The sample value column a report reads (index into sample types): pprof's SampleValue. */
  sampleIndex: number;
  /** When set, values are divided by this column's (pprof's SampleMeanDivisor, -mean). */
  sampleMeanDivisorIndex?: number;
  /** Sample type name, e.g. "inuse_space" (or "mean_..." with -mean). */
  sampleType: string;
  /** Unit of the sample data in the profile, e.g. "bytes". */
  sampleUnit: string;
  /** Unit for formatting ("minimum" by default). */
  outputUnit: string;
  /** Regexp of symbols for -list (pprof's Symbol). */
  symbol?: RegExp;
  /** Search path for source files (-source_path), pprof's os.PathListSeparator-separated list. */
  sourcePath: string;
  /** Prefixes to trim from source paths (-trim_path). */
  trimPath: string;
  /**
   * The report's total, for percentages. pprof computes it in report.New, before the focus,
   * ignore, hide, show and tag filters (unless -relative_percentages), so the driver passes
   * computeTotal() of the profile before filtering. Undefined: computed from the given profile.
   */
  total?: number;
  /** Node granularity (the driver's -functions/-lines/... choice, pprof's graph options). */
  granularity: Granularity;
  /** Whether inlined frames are shown as nodes of their own (pprof: !noinlines). */
  inlineFrames: boolean;
}

/** Reads source files for -list; injected so that src/core stays platform-neutral. */
export interface SourceReader {
  /** Returns the file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Current directory: pprof's default source path. */
  cwd(): string;
}
