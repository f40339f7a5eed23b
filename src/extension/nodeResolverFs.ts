// The SourceResolver's file system and `go env`, on node:fs and node:child_process. Kept thin:
// every decision about what may be touched lives in sourceResolver.ts, where it is tested.

import { execFile } from 'node:child_process';
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GoEnv, ResolverFs } from './sourceResolver';

// Folders that never hold a profiled program's source and can be huge.
const skippedDirs = new Set(['.git', '.hg', '.svn', 'node_modules']);

/**
 * nodeResolverFs implements ResolverFs with node:fs. Invariant: listFiles never follows a
 * symlink (to a folder or a file), so a listing stays inside its root.
 */
export const nodeResolverFs: ResolverFs = {
  async exists(p: string): Promise<boolean> {
    try {
      return (await fs.stat(p)).isFile();
    } catch {
      return false;
    }
  },

  realpath(p: string): Promise<string> {
    return fs.realpath(p);
  },

  readFile(p: string): Promise<string> {
    return fs.readFile(p, 'utf8');
  },

  // Breadth first, so a truncated listing still holds the shallow files (go.mod, vendor/modules.txt).
  async listFiles(root: string, limit: number): Promise<string[]> {
    const files: string[] = [];
    let level = [root];
    while (level.length > 0 && files.length < limit) {
      const nextLevel: string[] = [];
      for (const dir of level) {
        let entries: Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          continue; // unreadable folder: skip it, the rest of the listing is still useful
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!skippedDirs.has(entry.name)) {
              nextLevel.push(full);
            }
          } else if (entry.isFile()) {
            files.push(full);
            if (files.length >= limit) {
              return files;
            }
          }
        }
      }
      level = nextLevel;
    }
    return files;
  },

  goEnv(): Promise<GoEnv> {
    return nodeGoEnv();
  },
};

/**
 * nodeGoEnv asks the installed Go for GOMODCACHE and GOROOT. Never rejects: no Go, an error or
 * the timeout all mean "unknown" (an empty GoEnv).
 */
export function nodeGoEnv(timeoutMs = 5000): Promise<GoEnv> {
  return new Promise((resolve) => {
    execFile(
      'go',
      ['env', 'GOMODCACHE', 'GOROOT'],
      {
        timeout: timeoutMs,
        windowsHide: true,
        // Outside any workspace: a go.mod "toolchain" line there could make `go` download and run
        // another toolchain, and on Windows the cwd is searched for go.exe first.
        cwd: os.tmpdir(),
        env: { ...process.env, GOTOOLCHAIN: 'local' },
      },
      (err, stdout) => {
        if (err) {
          resolve({});
          return;
        }
        const [modCache, goRoot] = String(stdout).split(/\r?\n/).map((l) => l.trim());
        resolve({
          ...(modCache ? { GOMODCACHE: modCache } : {}),
          ...(goRoot ? { GOROOT: goRoot } : {}),
        });
      },
    );
  });
}
