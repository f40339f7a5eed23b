// The small API the extension returns from activate(): for the extension-host tests and for
// other extensions that want to know which profile is shown. Read-only apart from the sample type.
import type { LineStat } from '../shared/protocol';
import type { GrowthController } from './growthController';
import { suspects, trendText } from './growthEvidence';
import type { ProfileManager } from './profileManager';
import type { Resolution, SourceResolver } from './sourceResolver';
import { runDescription, runGroupLabel } from './tests/profileRunsModel';
import type { TestProfiling } from './tests/testProfiling';

/** What activate() returns. */
export interface PprofLensApi {
  /** The active profile's file name and sample type, or undefined when none is active. */
  activeProfile(): { name: string; sampleType: string; total: string } | undefined;
  /** Selects the active profile's sample type by name; false when it has no such type. */
  setSampleType(type: string): boolean;
  /** Where a profile's source file name resolves in the workspace (the rules of pprofLens.pathMappings and Go). */
  resolve(profileFile: string): Promise<Resolution>;
  /** The active profile's per-line numbers for a local file (deltas while compared with a base). */
  lineStats(localPath: string): Promise<LineStat[]>;
  /** The base the active profile is compared with, or undefined. */
  comparison(): { base: string; mode: 'diff_base' | 'base' } | undefined;
  /** The Leak Suspects of the current growth report, best first, with warnings; undefined without a report. */
  growth(): { suspects: { functionName: string; file: string; line: number; trend: string }[]; warnings: string[]; snapshots: number } | undefined;
  /** The kept go test runs, newest first, as Profile Runs shows them (group label and the run's line). */
  profileRuns(): { id: string; group: string; description: string; profile: string; previous: string | undefined }[];
}

/** Builds the API over the extension's services. */
export function makeApi(manager: ProfileManager, resolver: SourceResolver, growth: GrowthController, tests: TestProfiling): PprofLensApi {
  return {
    activeProfile() {
      const s = manager.active;
      return s ? { name: s.name, sampleType: s.sampleType.type, total: s.sampleType.totalText } : undefined;
    },
    setSampleType(type) {
      const s = manager.active;
      const i = s?.summary.sampleTypes.findIndex((t) => t.type === type) ?? -1;
      if (!s || i < 0) return false;
      s.setSampleIndex(i);
      return true;
    },
    resolve: (f) => resolver.resolve(f),
    lineStats: async (p) => (await manager.active?.lineStatsFor(p)) ?? [],
    comparison() {
      const b = manager.active?.base;
      return b ? { base: b.path, mode: b.mode } : undefined;
    },
    growth() {
      const r = growth.report;
      if (!r) return undefined;
      return {
        suspects: suspects(r).map((row) => ({ functionName: row.functionName, file: row.file, line: row.line, trend: trendText(r, row) })),
        warnings: r.warnings.map((w) => w.message),
        snapshots: r.snapshots.length,
      };
    },
    profileRuns() {
      return tests.runs.map((r) => {
        const prev = tests.previousOf(r);
        return { id: r.id, group: runGroupLabel(r), description: runDescription(r, prev), profile: r.profile, previous: prev?.id };
      });
    },
  };
}
