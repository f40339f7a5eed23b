// Where a capture is written. A workspace's own settings are untrusted input (a repository can
// ship .vscode/settings.json): they may choose a folder inside the workspace, never outside it
// (not by an absolute path, not by "..", not through a symlink). Only the user's own settings may
// send captures elsewhere.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

/** The capture folder setting, with where its effective value came from. */
export interface CaptureDirSetting {
  /** The effective value (relative to the workspace folder, or absolute). */
  value: string;
  /** True when the value comes from the user's settings (or is the default), false for workspace or folder settings. */
  fromUser: boolean;
}

/** The folder to write to, and the reason when a workspace setting was overruled. */
export interface CaptureDirChoice {
  dir: string;
  /** One line for the user when the workspace's value was not used. */
  overruled?: string;
}

/** The default capture folder, relative to the workspace folder. */
export const DEFAULT_CAPTURE_DIR = '.pprof';

/**
 * Resolves the capture folder. `folder` is the first workspace folder (undefined: none open);
 * `fallback` the extension's storage, used when no folder is open. Invariant: a value from a
 * workspace setting yields a folder whose real path is inside the workspace folder's real path.
 */
export function resolveCaptureDir(setting: CaptureDirSetting, folder: string | undefined, fallback: string, names: OutputDirNames = CAPTURE_DIR_NAMES): CaptureDirChoice {
  const root = folder ?? fallback;
  const dir = path.isAbsolute(setting.value) ? setting.value : path.join(root, setting.value);
  if (setting.fromUser) return { dir };
  if (folder && isInside(realOf(dir), realOf(folder))) return { dir };
  const safe = path.join(root, names.defaultDir);
  return {
    dir: safe,
    overruled: `the workspace setting ${names.setting} ("${setting.value}") points outside the workspace folder; ${names.what} go to ${safe} (set it in your user settings to use another folder)`,
  };
}

/** What an output folder setting is called in messages, and its default (the same rule serves every such setting). */
export interface OutputDirNames {
  setting: string;
  defaultDir: string;
  /** What is written there, plural ("captures"). */
  what: string;
}

/** The names of pprofLens.capture.directory. */
export const CAPTURE_DIR_NAMES: OutputDirNames = { setting: 'pprofLens.capture.directory', defaultDir: DEFAULT_CAPTURE_DIR, what: 'captures' };

/** True when `p` is `root` or below it. */
function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path of `p`: symlinks of its nearest existing ancestor resolved, the rest appended. */
function realOf(p: string): string {
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}
