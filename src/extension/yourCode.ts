// Which code is the user's, in the editor: files that resolve inside a workspace folder (not under
// vendor/, the module cache or GOROOT), the packages of the workspace's go.mod modules (and main),
// adjusted by pprofLens.yourCode. Attribution itself runs in the workers (src/core/attribution).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YourCodeSpec } from '../shared/protocol';
import type { Settings } from './config';
import type { ResolutionVia } from './sourceResolver';

/** Resolver rules that land outside the user's code whatever the folder. */
const NOT_YOURS: ReadonlySet<ResolutionVia> = new Set(['vendor', 'modCache', 'goroot']);

/**
 * isYourFile says whether a resolved source file is the user's: inside a workspace folder, not
 * under a vendor/ folder, and not found by the module cache, vendor or GOROOT rules.
 */
export function isYourFile(localPath: string, via: ResolutionVia | undefined, workspaceFolders: readonly string[]): boolean {
  if (via !== undefined && NOT_YOURS.has(via)) return false;
  return workspaceFolders.some((folder) => {
    const rel = path.relative(folder, localPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return !rel.split(path.sep).includes('vendor');
  });
}

/** The module paths of the go.mod files in the workspace folders (vendor/ and node_modules/ left out). */
export async function workspaceModules(): Promise<string[]> {
  const mods = new Set<string>();
  let files: vscode.Uri[] = [];
  try {
    files = await vscode.workspace.findFiles('**/go.mod', '{**/vendor/**,**/node_modules/**,**/testdata/**}', 200);
  } catch {
    return [];
  }
  for (const f of files) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
      const m = /^\s*module\s+"?([^\s"]+)"?/m.exec(text);
      if (m) mods.add(m[1]);
    } catch {
      // An unreadable go.mod names no module.
    }
  }
  return [...mods].sort();
}

/**
 * yourCodeSpec builds what the workers charge samples to, or undefined for pprof's raw leaf
 * ranking (pprofLens.ranking = "leaf"). With neither a file of the workspace nor a go.mod module,
 * every package outside the standard library is the user's (as on the command line).
 */
export function yourCodeSpec(settings: Pick<Settings, 'ranking' | 'yourCode'>, files: readonly string[], modules: readonly string[]): YourCodeSpec | undefined {
  if (settings.ranking === 'leaf') return undefined;
  const spec: YourCodeSpec = { patterns: [...settings.yourCode] };
  if (files.length > 0) spec.files = [...files].sort();
  if (modules.length > 0) spec.modules = [...modules, 'main'];
  if (files.length === 0 && modules.length === 0) spec.nonStd = true;
  return spec;
}
