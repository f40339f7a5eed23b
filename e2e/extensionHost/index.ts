// Entry of the extension-host tests (mocha inside the real VS Code extension host), loaded via
// the workbench's extensionTestsPath. Bundled by scripts/build.mjs into out/extensionTests.js.
import Mocha from 'mocha';

/** Called by VS Code's test runner; rejects when any test fails. */
export async function run(): Promise<void> {
  // PPROF_LENS_EXT_GREP narrows a local debugging run to matching tests (such a run never passes:
  // every defined test must pass).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.PPROF_LENS_EXT_GREP });
  // Define describe/it as globals before the suites load (they are bundled, not read from disk).
  mocha.suite.emit('pre-require', globalThis, 'extension-tests', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suites');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./leakHuntSuites');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./bigProfileSuites');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./goTestSuites');
  const total = mocha.suite.total();
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 0, pending: 0 } as Mocha.Stats));
  });
  // One line the e2e case reads back: every defined test must pass (none pending, none missing).
  console.log(`extension-host tests: ${stats.passes} of ${total} passed, ${stats.failures} failed, ${stats.pending} pending`);
  if (stats.failures > 0 || stats.passes !== total) throw new Error(`extension-host tests: ${stats.passes} of ${total} passed`);
}
