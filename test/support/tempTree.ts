// Small helpers for tests that build a folder tree on disk (the resolver's workspaces).
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `file` (creating its folders), by default with a one-line Go comment naming it. */
export function write(file: string, text = `// ${path.basename(file)}\n`): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A new temporary folder, as its real path (on macOS the temp dir is behind /var → /private/var). */
export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
}
