// `npm run demo`: builds and packages the extension, installs code-server 4.100.3 on first use
// (into the git-ignored .vscode-test/), starts it on 127.0.0.1 with the extension installed and
// the example workspace examples/leaky-service open, and prints the URL. Ctrl+C stops it.
//
//   npm run demo            (PPROF_LENS_DEMO_PORT=8090 to pick the port)
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, codeServerInstalled, startCodeServer } from '../e2e/lib/codeServer';

const WORKSPACE = path.join(REPO_ROOT, 'examples', 'leaky-service');
const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
}

async function main(): Promise<void> {
  // 1. Build and package (one .vsix at the repository root).
  run('npm', ['run', '--silent', 'package']);
  // 2. code-server, once.
  if (!codeServerInstalled()) run('bash', [path.join(REPO_ROOT, 'scripts', 'installCodeServer.sh')]);
  // 3. Start it with the extension and open the example workspace.
  const server = await startCodeServer({
    installExtensions: [VSIX],
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.lineNumbers': 'on' },
    port: process.env.PPROF_LENS_DEMO_PORT ? Number(process.env.PPROF_LENS_DEMO_PORT) : undefined,
  });
  const stop = () => {
    void server.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log('');
  console.log('pprof Lens demo is running. Open this URL in a browser:');
  console.log(`  ${server.workbenchUrl(WORKSPACE)}`);
  console.log('');
  console.log('Then open profiles/heap.3.pb.gz (the leak), open main.go or audit.go to see flat/cum on each');
  console.log('line, and run "pprof Lens: Go to Hottest Line" from the command palette (F1). Ctrl+C stops.');
  // Keep the process alive until a signal arrives.
  await new Promise<never>(() => undefined);
}

main().catch((e: unknown) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
