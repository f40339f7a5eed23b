// pprof-lens: go tool pprof's non-interactive reports, computed by pprof Lens's engine.
// `pprof-lens [flags] FILE...` prints what `go tool pprof -symbolize=none [flags] FILE...` prints.
// Only wiring here: run.ts does the work; this writes its output and sets the exit status.
// Exit status: 0 on success, 1 on bad input (one stderr line `pprof-lens: <file>: <reason>`),
// 2 on a bad command line, as Go's flag package.

import { runCli } from './run';

const result = runCli(process.argv.slice(2), { cwd: process.cwd() });
if (result.stderr !== '') process.stderr.write(result.stderr);
process.exitCode = result.status;
if (result.stdout !== '') {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // A reader that went away (`| head`) is not an error of ours.
    if (e.code !== 'EPIPE') {
      process.stderr.write(`pprof-lens: writing output: ${e.message}\n`);
      process.exitCode = 1;
    }
  });
  // One write; the process exits only after a piped stdout drained (no process.exit here), so
  // output past the 64 KiB pipe buffer is never cut.
  process.stdout.write(result.stdout);
}
