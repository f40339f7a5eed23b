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
  revealLine: `${PREFIX}.revealLine`,
} as const;

/** The custom editor's view type (default editor for *.pprof, *.pb.gz, *.prof). */
export const PROFILE_EDITOR_VIEW_TYPE = `${PREFIX}.profile`;

/** The same editor offered for any file through "Reopen Editor With…" (profiles often have no extension). */
export const PROFILE_EDITOR_ANY_VIEW_TYPE = `${PREFIX}.profileAny`;

/** View ids. */
export const Views = {
  hotLines: `${PREFIX}.hotLines`,
} as const;

/** Context keys (for `when` clauses). */
export const ContextKeys = {
  hasProfile: `${PREFIX}.hasProfile`,
  annotationsVisible: `${PREFIX}.annotationsVisible`,
} as const;

/** Number of heat buckets: colors `pprofLens.heat1` .. `pprofLens.heat8`. */
export const HEAT_BUCKETS = 8;

/** Theme color id of heat bucket b (1-based). */
export function heatColorId(b: number): string {
  return `${PREFIX}.heat${b}`;
}
