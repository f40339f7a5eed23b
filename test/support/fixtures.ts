// Where tests find the shared fixtures: ../shared/fixtures next to the repository, or
// $PPROF_LENS_FIXTURES. In CI a missing folder is a failure, never a skip.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Root of the repository. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Absolute path of the fixtures folder; throws when it does not exist. */
export function fixturesDir(): string {
  const dir = path.resolve(process.env.PPROF_LENS_FIXTURES ?? path.join(repoRoot, '..', 'shared', 'fixtures'));
  if (!existsSync(dir)) {
    throw new Error(`fixtures not found at ${dir}: set PPROF_LENS_FIXTURES to the shared fixtures folder`);
  }
  return dir;
}

/** Path of a file under the fixtures folder. */
export function fixture(...parts: string[]): string {
  return path.join(fixturesDir(), ...parts);
}
