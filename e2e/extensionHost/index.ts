// Entry of the extension-host tests (mocha inside the real VS Code extension host), loaded via
// the workbench's extensionTestsPath. Bundled by scripts/build.mjs into out/extensionTests.js.
import Mocha from 'mocha';

/** Called by VS Code's test runner; rejects when any test fails. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Define describe/it as globals before the suites load (they are bundled, not read from disk).
  mocha.suite.emit('pre-require', globalThis, 'extension-tests', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suites');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./leakHuntSuites');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./goTestSuites');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
