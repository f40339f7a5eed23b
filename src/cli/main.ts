// pprof-lens: go tool pprof's non-interactive reports, computed by pprof Lens's engine.
// `pprof-lens [flags] FILE...` prints what `go tool pprof -symbolize=none [flags] FILE...` prints.
// Only wiring here: run.ts does the work; this writes its output and sets the exit status.
// Exit status: 0 on success, 1 on bad input (one stderr line `pprof-lens: <file>: <reason>`),
// 2 on a bad command line, as Go's flag package.

import { runCliAsync, type CliResult } from './run';

const argv = process.argv.slice(2);
// Ctrl-C during -series stops the capture and still prints the table of what was captured; a
// second Ctrl-C exits at once. Only for -series: a handler would delay Ctrl-C of a long report.
const interrupt = new AbortController();
const onInterrupt = () => interrupt.abort();
if (argv.some((a) => /^--?(series|timeline)(=|$)/.test(a))) process.once('SIGINT', onInterrupt);

void runCliAsync(argv, { cwd: process.cwd(), stderr: (text) => process.stderr.write(text), signal: interrupt.signal }).then(finish);

function finish(result: CliResult): void {
  process.off('SIGINT', onInterrupt);
  if (result.stderr !== '') process.stderr.write(result.stderr);
  process.exitCode = result.status;
  if (result.stdout === '') return;
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
