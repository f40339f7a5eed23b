// Runs the oracle, `go tool pprof`, for differential tests. Everything it could write (HOME,
// GOCACHE, GOPATH, PPROF_TMPDIR) points into one temp dir that is removed on exit, and the
// environment is pinned so outputs match the goldens (TZ=UTC, no binary lookup).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Result of one `go tool pprof` run; status is -1 when it did not exit normally (timeout, signal). */
export interface GoPprofResult {
  stdout: string;
  stderr: string;
  status: number;
}

const defaultTimeoutMs = 120_000;

let toolPath: string | null | undefined;
let sandbox: string | undefined;

/** goAvailable tells whether `go tool pprof` can run here; the answer is computed once. */
export function goAvailable(): boolean {
  return pprofPath() !== null;
}

/**
 * skipWithoutGo is the `skip` option of a test that needs `go tool pprof`: the reason when Go is
 * missing here, but false in CI (CI=true), so that there a missing Go fails the test (runGoPprof
 * then reports why) instead of skipping it silently.
 */
export function skipWithoutGo(what: string): string | false {
  if (goAvailable() || process.env.CI === 'true') return false;
  return `go tool pprof is not installed: ${what} (apt-get install golang-go)`;
}

/** The pprof binary (`go tool -n pprof` prints it without running it), or null without Go. */
function pprofPath(): string | null {
  if (toolPath === undefined) {
    const r = spawnSync('go', ['tool', '-n', 'pprof'], { env: goEnv(), encoding: 'utf8', timeout: 30_000 });
    toolPath = r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
  }
  return toolPath;
}

/**
 * runGoPprof runs `go tool pprof -symbolize=none ...args` in cwd with TZ=UTC,
 * PPROF_BINARY_PATH=/nonexistent and a private HOME/GOCACHE/GOPATH, and returns its output. It
 * never throws for a failing pprof: check status.
 */
export function runGoPprof(args: string[], cwd: string, timeoutMs = defaultTimeoutMs): GoPprofResult {
  // The binary itself rather than `go tool pprof`: the same program, without a `go` parent that a
  // timeout would kill while leaving pprof running.
  const tool = pprofPath();
  const [cmd, pre] = tool !== null ? [tool, []] : ['go', ['tool', 'pprof']];
  const r = spawnSync(cmd, [...pre, '-symbolize=none', ...args], {
    cwd,
    env: goEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  let stderr = r.stderr ?? '';
  if (tool === null) stderr += 'runGoPprof: `go tool pprof` is not available: install Go (CI installs golang-go, see .ci/run)\n';
  if (r.error) stderr += `${stderr && !stderr.endsWith('\n') ? '\n' : ''}runGoPprof: ${r.error.message}\n`;
  return { stdout: r.stdout ?? '', stderr, status: r.status ?? -1 };
}

/** The environment for every go invocation: only PATH (and GOROOT if set) leak through. */
function goEnv(): NodeJS.ProcessEnv {
  const dir = sandboxDir();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    TZ: 'UTC',
    PPROF_BINARY_PATH: '/nonexistent',
    PPROF_TMPDIR: join(dir, 'pprof'),
    HOME: dir,
    GOCACHE: join(dir, 'gocache'),
    GOPATH: join(dir, 'gopath'),
    GOENV: 'off',
    GOFLAGS: '',
    GOTOOLCHAIN: 'local',
    LANG: 'C',
  };
  if (process.env.GOROOT) env.GOROOT = process.env.GOROOT;
  return env;
}

function sandboxDir(): string {
  if (sandbox === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-go-'));
    mkdirSync(join(dir, 'pprof'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    sandbox = dir;
  }
  return sandbox;
}
