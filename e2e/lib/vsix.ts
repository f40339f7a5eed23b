// Packages an extension folder into a .vsix with the repository's own vsce (never a download).
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

/** VSCE_BIN is @vscode/vsce's CLI from this repository's devDependencies. */
export const VSCE_BIN = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/**
 * packageVsix runs `vsce package --no-dependencies` in `extensionDir` and returns the .vsix
 * path (`outFile`, or `<extensionDir>/extension.vsix`). Missing repository/license are allowed
 * so throwaway test extensions need no boilerplate; vsce would otherwise prompt and hang.
 */
export function packageVsix(extensionDir: string, outFile = path.join(extensionDir, 'extension.vsix')): Promise<string> {
  const args = [VSCE_BIN, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: extensionDir, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`vsce package failed in ${extensionDir}: ${err.message}\n${stdout}${stderr}`));
      else resolve(outFile);
    });
  });
}
