// The small API the extension returns from activate(): for the extension-host tests and for
// other extensions that want to know which profile is shown. Read-only apart from the sample type.
import type { ProfileManager } from './profileManager';
import type { Resolution, SourceResolver } from './sourceResolver';

/** What activate() returns. */
export interface PprofLensApi {
  /** The active profile's file name and sample type, or undefined when none is active. */
  activeProfile(): { name: string; sampleType: string; total: string } | undefined;
  /** Selects the active profile's sample type by name; false when it has no such type. */
  setSampleType(type: string): boolean;
  /** Where a profile's source file name resolves in the workspace (the rules of pprofLens.pathMappings and Go). */
  resolve(profileFile: string): Promise<Resolution>;
}

/** Builds the API over the extension's services. */
export function makeApi(manager: ProfileManager, resolver: SourceResolver): PprofLensApi {
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
  };
}
