// The body of pprof-lens as a function: argv in, exit status and output text out. main.ts wires
// it to the process; tests call it in-process with the cwd pprof would have run in, so that the
// golden tests exercise exactly the command line's code path.

import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runReport } from '../core/driver';
import { isProfileError } from '../core/errors';
import { nodeInflater } from '../core/node/nodeInflater';
import { parseProfile } from '../core/parse';
import type { Profile } from '../core/profile';
import type { SourceReader } from '../core/report/options';
import { FlagError, parseArgs, resolveSources, usage } from './flags';
import { runGrowth, runSeries } from './growthCli';
import { runTimeline } from './timelineCli';

/** What one run produced. Invariant: status 1 or 2 means stdout is empty and stderr is one line. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Where the run happens: relative paths (profiles, -source_path, -output) resolve against cwd. */
export interface CliEnv {
  cwd: string;
  /** Receives stderr text as it happens (-series progress); when absent, stderr is returned in the result. */
  stderr?: (text: string) => void;
  /** Ends a -series early (Ctrl-C): the table of what was captured is still printed. */
  signal?: AbortSignal;
}

/** A failure tied to one input file. */
class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function fileErrorMessage(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return (e as Error).message;
  }
}

/** Reads and parses one profile file; failures become InputError naming the file as given. */
function loadProfile(env: CliEnv, file: string, maxSize: number | undefined): Profile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path.resolve(env.cwd, file));
  } catch (e) {
    throw new InputError(file, fileErrorMessage(e));
  }
  try {
    return parseProfile(bytes, { inflater: nodeInflater, maxInflatedBytes: maxSize, limitHint: '--max-size' });
  } catch (e) {
    if (isProfileError(e)) throw new InputError(file, e.message);
    throw e;
  }
}

/** Whether a file starts like an executable (ELF, Mach-O, PE): pprof then takes it as the [binary] argument. */
function isObjectFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const b = Buffer.alloc(4);
    if (readSync(fd, b, 0, 4, 0) < 4) return false;
    const magic = b.readUInt32BE(0);
    return (
      magic === 0x7f454c46 || // ELF
      [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic) || // Mach-O
      (b[0] === 0x4d && b[1] === 0x5a) // PE ("MZ")
    );
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads source files for -list from the file system, relative paths against the run's cwd. */
function fileSourceReader(env: CliEnv): SourceReader {
  return {
    readFile(p) {
      try {
        return readFileSync(path.resolve(env.cwd, p), 'utf8');
      } catch {
        return undefined;
      }
    },
    cwd: () => env.cwd,
  };
}

/**
 * runCli runs `pprof-lens argv...` and returns its exit status and output: 0 with the report on
 * stdout (pprof's notes on stderr), 1 for bad input with one stderr line
 * `pprof-lens: <file>: <reason>`, 2 for a bad command line. Never throws.
 */
export function runCli(argv: readonly string[], env: CliEnv): CliResult {
  const fail = (status: number, line: string): CliResult => ({ status, stdout: '', stderr: line.split('\n')[0] + '\n' });
  // 1. Flags.
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof FlagError) return fail(2, `pprof-lens: ${e.message} (see pprof-lens -h)`);
    return fail(1, `pprof-lens: internal error: ${(e as Error).message}`);
  }
  if (parsed.growth && !parsed.help) {
    if (parsed.growth.series !== undefined) return fail(2, 'pprof-lens: -series captures over time: run it through runCliAsync');
    return runGrowth(parsed, env);
  }
  if (parsed.help || !parsed.command) return { status: 0, stdout: usage(), stderr: '' };
  const { sources, execName, buildId } = resolveSources(parsed, (f) => isObjectFile(path.resolve(env.cwd, f)));

  // 2. Inputs, then the report. pprof's notes are printed only on success, so a failure is one line.
  const notes = [...parsed.notes];
  let text: string;
  try {
    const profiles = sources.map((f) => loadProfile(env, f, parsed.maxSize));
    const bases = parsed.base !== '' ? [loadProfile(env, parsed.base, parsed.maxSize)] : [];
    try {
      text = runReport(
        {
          sources: profiles, bases, execName, buildId,
          comment: parsed.comment || undefined,
          sourceReader: fileSourceReader(env),
          warn: (m) => notes.push(m),
        },
        { ...parsed.config, command: parsed.command, diffBase: parsed.diffBase },
      );
    } catch (e) {
      if (isProfileError(e)) throw new InputError(sources[0], e.message);
      throw e;
    }
  } catch (e) {
    if (e instanceof InputError) return fail(1, `pprof-lens: ${e.file}: ${e.message}`);
    // Anything else is a bug of pprof-lens, still reported in one line, without a stack.
    return fail(1, `pprof-lens: ${sources[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  let stderr = notes.map((n) => n + '\n').join('');

  // 3. Output: stdout, or the -output file.
  if (parsed.config.output !== '') {
    stderr += `Generating report in ${parsed.config.output}\n`;
    try {
      writeFileSync(path.resolve(env.cwd, parsed.config.output), text);
    } catch (e) {
      return fail(1, `pprof-lens: ${parsed.config.output}: ${fileErrorMessage(e)}`);
    }
    return { status: 0, stdout: '', stderr };
  }
  return { status: 0, stdout: text, stderr };
}

/**
 * runCliAsync is runCli plus `-series`, which captures profiles over time, and `-timeline`
 * (timelineCli.ts), which reads a memory timeline (main.ts calls it).
 * Same results and exit statuses as runCli; -series streams its progress to env.stderr. Never rejects.
 */
export async function runCliAsync(argv: readonly string[], env: CliEnv): Promise<CliResult> {
  if (argv.some((a) => /^--?timeline(=|$)/.test(a))) return runTimeline(argv, env);
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch {
    return runCli(argv, env);
  }
  if (!parsed.help && parsed.growth?.series !== undefined) return runSeries(parsed, env);
  return runCli(argv, env);
}
