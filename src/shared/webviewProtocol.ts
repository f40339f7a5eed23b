// Messages between the profile editor's webview and the host. Nothing from the profile is ever
// inlined into the HTML: the webview says `ready`, then the host sends data as messages.
import type { ProfileSummary } from './protocol';

/** A profile file name and where it resolved in the workspace (undefined: not found). */
export interface ResolvedFile {
  profileFile: string;
  localPath: string | undefined;
}

/** Host → webview. */
export type HostToWebview =
  /** The profile is being decoded (fraction 0..1). */
  | { type: 'loading'; fileName: string; fraction: number; message: string }
  /** The profile could not be opened: the engine's one-line reason. */
  | { type: 'error'; fileName: string; message: string }
  /** The profile's summary, its current sample type and its source files' resolution. */
  | { type: 'summary'; fileName: string; summary: ProfileSummary; sampleIndex: number; files: ResolvedFile[]; active: boolean };

/** Webview → host. */
export type WebviewToHost =
  /** The webview is ready to receive data. */
  | { type: 'ready' }
  /** The user picked a sample type. */
  | { type: 'selectSampleType'; index: number }
  /** The user wants to map an unresolved profile path onto a workspace file. */
  | { type: 'mapPath'; profileFile: string }
  /** Open a resolved source file. */
  | { type: 'openFile'; profileFile: string }
  /** Run Go to Hottest Line for this profile. */
  | { type: 'goToHottestLine' };
