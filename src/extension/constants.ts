// Every id the extension contributes, written once, with one prefix (DESIGN style rule 7).

/** The prefix of every command, setting, view, color and context key. */
export const PREFIX = 'pprofLens';

/** Command ids (titles live in package.json, category "pprof Lens"). */
export const Commands = {
  openProfile: `${PREFIX}.openProfile`,
  goToHottestLine: `${PREFIX}.goToHottestLine`,
  nextHotLine: `${PREFIX}.nextHotLine`,
  previousHotLine: `${PREFIX}.previousHotLine`,
  selectSampleType: `${PREFIX}.selectSampleType`,
  toggleAnnotations: `${PREFIX}.toggleAnnotations`,
  clearProfile: `${PREFIX}.clearProfile`,
  showHotLines: `${PREFIX}.showHotLines`,
  mapPath: `${PREFIX}.mapPath`,
  saveInferredMappings: `${PREFIX}.saveInferredMappings`,
  revealLine: `${PREFIX}.revealLine`,
  compareWithBase: `${PREFIX}.compareWithBase`,
  clearComparison: `${PREFIX}.clearComparison`,
  analyzeGrowth: `${PREFIX}.analyzeGrowth`,
  goToFastestGrowingLine: `${PREFIX}.goToFastestGrowingLine`,
  revealGrowthRow: `${PREFIX}.revealGrowthRow`,
  captureProfile: `${PREFIX}.captureProfile`,
  startSnapshotSeries: `${PREFIX}.startSnapshotSeries`,
  stopSnapshotSeries: `${PREFIX}.stopSnapshotSeries`,
  selectGrowthSeries: `${PREFIX}.selectGrowthSeries`,
  profileTest: `${PREFIX}.profileTest`,
  profileBenchmark: `${PREFIX}.profileBenchmark`,
  profileFunction: `${PREFIX}.profileFunction`,
  goTestOptions: `${PREFIX}.goTestOptions`,
  compareWithPreviousRun: `${PREFIX}.compareWithPreviousRun`,
  openRun: `${PREFIX}.openRun`,
  deleteRun: `${PREFIX}.deleteRun`,
  refreshRuns: `${PREFIX}.refreshRuns`,
  showMemoryTimeline: `${PREFIX}.showMemoryTimeline`,
  /** Copy the bundled example leaky service into a folder and open it (the walkthrough's first step). */
  openExample: `${PREFIX}.openExample`,
  /** Rank hot lines and suspects by pprof's allocating leaf (attribution off). */
  rankByLeaf: `${PREFIX}.rankByLeaf`,
  /** Rank hot lines and suspects by the line of your code that causes them (attribution on). */
  rankByYourCode: `${PREFIX}.rankByYourCode`,
} as const;

/**
 * How many hot lines the session asks the worker for at once, per query, and shares: Next/Previous
 * Hot Line walk them, Go to Hottest Line and the status bar take the first, the Hot Lines view lists
 * the first HOT_LINES_IN_VIEW.
 */
export const HOT_LINES_SHARED = 500;

/** How many lines the Hot Lines view lists. */
export const HOT_LINES_IN_VIEW = 100;

/** The custom editor's view type (default editor for *.pprof, *.pb.gz, *.prof). */
export const PROFILE_EDITOR_VIEW_TYPE = `${PREFIX}.profile`;

/** The same editor offered for any file through "Reopen Editor With…" (profiles often have no extension). */
export const PROFILE_EDITOR_ANY_VIEW_TYPE = `${PREFIX}.profileAny`;

/** View ids. */
export const Views = {
  hotLines: `${PREFIX}.hotLines`,
  leakSuspects: `${PREFIX}.leakSuspects`,
  profileRuns: `${PREFIX}.profileRuns`,
} as const;

/** Context keys (for `when` clauses). */
export const ContextKeys = {
  hasProfile: `${PREFIX}.hasProfile`,
  annotationsVisible: `${PREFIX}.annotationsVisible`,
  /** The active profile is compared with a base. */
  hasComparison: `${PREFIX}.hasComparison`,
  /** A growth report (or a running series) feeds the Leak Suspects view. */
  hasGrowth: `${PREFIX}.hasGrowth`,
  seriesRunning: `${PREFIX}.seriesRunning`,
  /** The analyzed files hold another kind's series (heap and goroutine snapshots in one folder). */
  hasOtherGrowthSeries: `${PREFIX}.hasOtherGrowthSeries`,
  /** At least one profiled go test run is kept (shows Profile Runs). */
  hasRuns: `${PREFIX}.hasRuns`,
} as const;

/** Theme colors of comparisons and growth (contributed in package.json). */
export const Colors = {
  growth: `${PREFIX}.growth`,
  shrink: `${PREFIX}.shrink`,
  growthForeground: `${PREFIX}.growthForeground`,
  shrinkForeground: `${PREFIX}.shrinkForeground`,
} as const;

/** The Output channel's name (what the resolver inferred, among others). */
export const OUTPUT_CHANNEL_NAME = 'pprof Lens';

/** Keys of values remembered in workspaceState. */
export const StateKeys = {
  lastCaptureUrl: `${PREFIX}.lastCaptureUrl`,
  /** The Memory Timeline's source, remembered per workspace. */
  timelineSource: `${PREFIX}.timelineSource`,
  /** The go test options of Profile Test…/Profile Benchmark… (GoTestOptions). */
  goTestOptions: `${PREFIX}.goTestOptions`,
  /** The profile kind last picked for a go test run. */
  goTestLastKind: `${PREFIX}.goTestLastKind`,
} as const;

/** Number of heat buckets: colors `pprofLens.heat1` .. `pprofLens.heat8`. */
export const HEAT_BUCKETS = 8;

/** Theme color id of heat bucket b (1-based). */
export function heatColorId(b: number): string {
  return `${PREFIX}.heat${b}`;
}

/** The Memory Timeline panel's webview type. */
export const TIMELINE_VIEW_TYPE = `${PREFIX}.memoryTimeline`;
