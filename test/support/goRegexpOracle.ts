// Go's own regexp package as an oracle: builds test/support/goregexp/main.go once (stdlib only)
// in a private temp dir and answers, for [pattern, input] pairs, what regexp.MatchString says.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './fixtures';

let binary: string | null | undefined;

/** The built oracle, or null when Go is not installed. */
function oracle(): string | null {
  if (binary !== undefined) return binary;
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-goregexp-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOENV: 'off', GOFLAGS: '', GO111MODULE: 'off', GOTOOLCHAIN: 'local' };
  const out = join(dir, 'goregexp');
  const r = spawnSync('go', ['build', '-o', out, join(repoRoot, 'test', 'support', 'goregexp', 'main.go')], { env, encoding: 'utf8', timeout: 300_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return (binary = null);
  if (r.status !== 0) throw new Error(`building the Go regexp oracle failed: ${r.stderr || r.error?.message}`);
  return (binary = out);
}

/** Whether Go is installed (the oracle can be built). */
export function goRegexpAvailable(): boolean {
  return oracle() !== null;
}

/** Go's answer per pair: true/false for a match, or the error text of regexp.Compile. */
export function goMatches(pairs: [pattern: string, input: string][]): (boolean | string)[] {
  const bin = oracle();
  if (bin === null) throw new Error('go is not installed');
  const r = spawnSync(bin, [], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`Go regexp oracle failed: ${r.stderr}`);
  const lines = r.stdout.split('\n').slice(0, pairs.length);
  return lines.map((l) => (l === '1' ? true : l === '0' ? false : l.replace(/^E /, '')));
}
