// Child processes for the end-to-end tests that run real programs (the example service, its
// load generator, Prometheus): build with go, wait for a line, run to the end, free ports.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/** No module downloads, no toolchain switch, no -trimpath from the user's GOFLAGS. */
export const goEnv = { ...process.env, GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

/** Whether `cmd --version`-like probing of a program succeeds. */
export function found(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
}

/** `go build -o out pkg` in `cwd` (extra args before the package); fails the test with go's stderr. */
export function goBuild(cwd: string, out: string, pkg: string, opts: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): void {
  const r = spawnSync('go', ['build', ...(opts.args ?? []), '-o', out, pkg], { cwd, env: opts.env ?? goEnv, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, `go build ${pkg} failed: ${r.stderr}`);
}

/** Resolves with the first stdout line matching `re`, or rejects after `ms` or when the process exits. */
export function waitForLine(child: ChildProcess, re: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${ms} ms: ${out}`)), ms);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${re}: ${out}`));
    });
  });
}

/** Runs a process to its end (killed after `ms`), collecting its output. */
export function run(cmd: string, args: string[], cwd: string, ms: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A loopback port that was free a moment ago (for programs that cannot report the port they took). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when `check` returns a value (polled every `everyMs`), or rejects with `what` after `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, ms: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Resolves when the child has exited. */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}
