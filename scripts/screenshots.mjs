// `npm run screenshots`: the README's screenshots, made by the real-VS-Code suite from the demo
// so that they stay true. Builds and packages the extension, runs e2e/firstMinutes.e2e.ts (the
// example leaky service driven as a new user does it, every step asserted), then copies the
// screenshots it took from test-results/e2e/ to docs/screenshots/ (checked in; not in the .vsix).
//
//   npm run screenshots              build, package, run the e2e case, copy
//   npm run screenshots -- --copy    only copy what the last e2e run wrote
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'test-results', 'e2e');
const to = path.join(root, 'docs', 'screenshots');

/** What the e2e case writes → the README's name for it. */
const SHOTS = [
  ['firstMinutes-1-annotations-after-preview-closed.png', 'annotations.png'],
  ['firstMinutes-1b-top.png', 'top.png'],
  ['firstMinutes-5-growth.png', 'leak-suspects.png'],
];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

const started = Date.now();
if (!process.argv.includes('--copy')) {
  run('npm', ['run', '--silent', 'package']);
  run(process.execPath, ['--import', 'tsx', 'e2e/run.ts', 'firstMinutes']);
}
mkdirSync(to, { recursive: true });
for (const [shot, name] of SHOTS) {
  const src = path.join(from, shot);
  if (!existsSync(src)) throw new Error(`${src} is missing: run the e2e case (npm run screenshots)`);
  if (!process.argv.includes('--copy') && statSync(src).mtimeMs < started) throw new Error(`${src} was not rewritten by this run`);
  copyFileSync(src, path.join(to, name));
  console.log(`screenshots: ${path.relative(root, path.join(to, name))} <- ${shot}`);
}
