// Runs `go test` with a profile and keeps the run: finds `go` the way vscode-go does, runs it in
// the package's directory (no shell), streams its output, can be cancelled, and lists the run only
// once everything is written (profile, then the record last). A failed, cancelled or empty run
// leaves nothing behind. Node only (no vscode): tested against the real toolchain.
import { spawn } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { OutputDirNames } from '../../capture/captureDir';
import { buildGoTestCommand, PROFILE_KIND_INFO, runBaseName, type GoTestOptions, type GoTestTarget, type ProfileKind } from './goTestCommand';
import { classifyGoTestOutput, parseBenchOutput, type BenchResult, type GoTestFailure } from './goTestOutput';

/** pprofLens.tests.resultsDirectory in messages, and its default (a workspace's value must stay inside the workspace). */
export const RESULTS_DIR_NAMES: OutputDirNames = { setting: 'pprofLens.tests.resultsDirectory', defaultDir: path.join('.pprof', 'tests'), what: 'runs' };

/** The record of one kept run, written next to its profile as `<base>.json`. */
export interface ProfileRun {
  /** The base name of the run's files (package, test, kind, time): unique per run. */
  id: string;
  /** Absolute package directory the run ran in. */
  packageDir: string;
  /** The package's directory name (what file names and the view show). */
  packageName: string;
  target: GoTestTarget;
  kind: ProfileKind;
  /** ISO time the run started. */
  started: string;
  durationMs: number;
  /** The command as a shell would take it. */
  command: string;
  options: GoTestOptions;
  /** Absolute paths of the profile and the test binary (the binary symbolizes it). */
  profile: string;
  binary: string;
  /** Benchmark results in the order printed (empty for tests). */
  benchmarks: BenchResult[];
  /** Sample type to open the profile on (alloc_space for memory profiles). */
  sampleType?: string;
}

/** Why a run produced nothing to keep; `message` is one line. */
export class GoTestRunError extends Error {
  constructor(
    message: string,
    /** What went wrong; 'no-go' and 'cancelled' come from the runner itself. */
    readonly kind: GoTestFailure['kind'] | 'no-go' | 'cancelled' | 'no-profile' | 'bad-options',
    /** For build errors and failing tests: absolute file and 1-based line to link to. */
    readonly location?: { file: string; line: number; column?: number },
  ) {
    super(message);
  }
}

/** True when `p` is an executable file. */
async function isExecutable(p: string): Promise<boolean> {
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return false;
    await fs.access(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `go` binary to run, found as vscode-go finds it: `<goroot>/bin/go` when a GOROOT is set
 * (`go.goroot`), else the first `go` on PATH. Undefined when there is none.
 */
export async function findGo(goRoot: string | undefined, envPath = process.env.PATH ?? '', platform = process.platform): Promise<string | undefined> {
  const exe = platform === 'win32' ? 'go.exe' : 'go';
  if (goRoot) {
    const p = path.join(goRoot, 'bin', exe);
    return (await isExecutable(p)) ? p : undefined;
  }
  for (const dir of envPath.split(platform === 'win32' ? ';' : ':')) {
    if (!dir) continue;
    const p = path.join(dir, exe);
    if (await isExecutable(p)) return p;
  }
  return undefined;
}

/** What a run needs. */
export interface GoTestRunRequest {
  go: string;
  packageDir: string;
  target: GoTestTarget;
  kind: ProfileKind;
  options: GoTestOptions;
  /** Absolute results folder (created when missing). */
  resultsDir: string;
  /** Receives output as it comes (stdout and stderr interleaved as they arrive). */
  onOutput?: (text: string) => void;
  /** Aborting kills the run (and the test binary it started) and throws a 'cancelled' error. */
  signal?: AbortSignal;
  /** The clock, for the file names (tests fix it). */
  now?: () => Date;
}

/** Runs a command in a directory, all output combined; kills its whole process group on abort. */
function exec(cmd: string, args: string[], cwd: string, env: Record<string, string>, onOutput: (t: string) => void, signal?: AbortSignal): Promise<{ code: number; output: string; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const detached = process.platform !== 'win32';
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached });
    let output = '';
    let aborted = false;
    const onData = (d: Buffer) => {
      const s = d.toString();
      output += s;
      onOutput(s);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = () => {
      aborted = true;
      try {
        // go test runs the test binary as its own child: end the group it leads, not just `go`.
        if (detached && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    if (signal?.aborted) kill();
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      signal?.removeEventListener('abort', kill);
      reject(e);
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', kill);
      resolve({ code: code ?? (sig ? 128 : 1), output, aborted });
    });
  });
}

/** The 'what' of messages: the test's name, or "the package's tests". */
function describeTarget(t: GoTestTarget): string {
  return t.name ?? (t.kind === 'test' ? 'any test' : 'any benchmark');
}

/**
 * Runs `go test` with one profile and keeps it as a run: `<resultsDir>/<base>.pprof`, the test
 * binary `<base>.test`, and `<base>.json` (the ProfileRun) written last. Throws GoTestRunError
 * with one line (and a location for build errors and failing tests); then nothing is kept.
 */
export async function runGoTestProfile(req: GoTestRunRequest): Promise<ProfileRun> {
  const started = (req.now ?? (() => new Date()))();
  const packageName = path.basename(req.packageDir);
  await fs.mkdir(req.resultsDir, { recursive: true });
  // Two runs in the same second get -2, -3…: a run never overwrites another.
  const baseId = runBaseName(packageName, req.target, req.kind, started);
  let id = baseId;
  for (let i = 2; (await fs.stat(path.join(req.resultsDir, `${id}.json`)).catch(() => undefined)) || (await fs.stat(path.join(req.resultsDir, `${id}.pprof`)).catch(() => undefined)); i++) id = `${baseId}-${i}`;
  const profile = path.join(req.resultsDir, `${id}.pprof`);
  const binary = path.join(req.resultsDir, `${id}.test`);
  let command;
  try {
    command = buildGoTestCommand(req.target, req.kind, req.options, profile, binary);
  } catch (e) {
    throw new GoTestRunError((e as Error).message, 'bad-options');
  }
  const cleanup = () => Promise.all([profile, binary].map((p) => fs.rm(p, { force: true })));
  const onOutput = req.onOutput ?? (() => undefined);
  onOutput(`$ cd ${req.packageDir}\n$ ${command.display}\n`);
  let result;
  try {
    result = await exec(req.go, command.args, req.packageDir, command.env, onOutput, req.signal);
  } catch (e) {
    await cleanup();
    throw new GoTestRunError(`cannot run ${req.go}: ${(e as Error).message}`, 'no-go');
  }
  const durationMs = Date.now() - started.getTime();
  if (result.aborted) {
    await cleanup();
    throw new GoTestRunError(`cancelled ${describeTarget(req.target)}; nothing was kept`, 'cancelled');
  }
  const failure = classifyGoTestOutput(result.code, result.output, describeTarget(req.target), req.target.kind === 'benchmark');
  if (failure) {
    await cleanup();
    const location = failure.location ? { ...failure.location, file: path.resolve(req.packageDir, failure.location.file) } : undefined;
    throw new GoTestRunError(failure.message, failure.kind, location);
  }
  const size = (await fs.stat(profile).catch(() => undefined))?.size ?? 0;
  if (size === 0) {
    await cleanup();
    throw new GoTestRunError(`go test passed but wrote no ${PROFILE_KIND_INFO[req.kind].label} profile (${PROFILE_KIND_INFO[req.kind].flag}); nothing was kept`, 'no-profile');
  }
  const run: ProfileRun = {
    id,
    packageDir: req.packageDir,
    packageName,
    target: req.target,
    kind: req.kind,
    started: started.toISOString(),
    durationMs,
    command: command.display,
    options: req.options,
    profile,
    binary,
    benchmarks: parseBenchOutput(result.output),
    sampleType: PROFILE_KIND_INFO[req.kind].sampleType,
  };
  // The record is the run's commit point: write it whole under a temporary name, then rename.
  const record = path.join(req.resultsDir, `${id}.json`);
  await fs.writeFile(`${record}.tmp`, JSON.stringify(run, null, 2));
  await fs.rename(`${record}.tmp`, record);
  return run;
}

/** Reads every kept run of a results folder, newest first; records that do not parse, or whose profile is gone, are skipped. */
export async function listRuns(resultsDir: string): Promise<ProfileRun[]> {
  const names = await fs.readdir(resultsDir).catch(() => [] as string[]);
  const runs: ProfileRun[] = [];
  for (const n of names) {
    if (!n.endsWith('.json')) continue;
    try {
      const run = JSON.parse(await fs.readFile(path.join(resultsDir, n), 'utf8')) as ProfileRun;
      if (typeof run.id !== 'string' || typeof run.profile !== 'string' || typeof run.started !== 'string' || !run.target) continue;
      if (!(await fs.stat(run.profile).catch(() => undefined))) continue;
      runs.push(run);
    } catch {
      continue;
    }
  }
  return runs.sort(newestFirst);
}

/** Orders runs newest first (by start time, then by id: a same-second run's `-2` comes first). */
export function newestFirst(a: ProfileRun, b: ProfileRun): number {
  return a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The key runs are grouped by: same package, same test (or all), same kind. */
export function runGroupKey(run: Pick<ProfileRun, 'packageDir' | 'target' | 'kind'>): string {
  return `${run.packageDir}\u0000${run.target.kind}\u0000${run.target.name ?? ''}\u0000${run.kind}`;
}

/** The run before `run` of the same group in a newest-first list, or undefined. */
export function previousRun(runs: readonly ProfileRun[], run: ProfileRun): ProfileRun | undefined {
  const key = runGroupKey(run);
  const i = runs.findIndex((r) => r.id === run.id);
  return runs.slice(i + 1).find((r) => runGroupKey(r) === key);
}
