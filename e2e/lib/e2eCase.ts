// The contract between e2e/run.ts and the `e2e/**/*.e2e.ts` files it discovers.

/**
 * E2eCase is one named end-to-end case. A `.e2e.ts` file exports either `cases: E2eCase[]` or a
 * default async function (one case named after the file). A case passes when run() resolves.
 */
export interface E2eCase {
  /** Shown in the PASS/FAIL line; unique within its file. */
  name: string;
  /** The test. Throw (e.g. node:assert) to fail; clean up in finally (withWorkbench does). */
  run: () => Promise<void>;
  /** Upper bound on run(); defaults to DEFAULT_CASE_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** DEFAULT_CASE_TIMEOUT_MS bounds one case: a cold code-server plus workbench can take minutes. */
export const DEFAULT_CASE_TIMEOUT_MS = 5 * 60_000;

let current: string | undefined;

/** currentCaseName is the case the runner is executing (used to name failure screenshots). */
export function currentCaseName(): string | undefined {
  return current;
}

/** setCurrentCaseName is called by the runner around each case. */
export function setCurrentCaseName(name: string | undefined): void {
  current = name;
}
