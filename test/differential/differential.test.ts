// Differential test against the oracle: random but valid profiles (test/support/randomProfile.ts)
// reported by `go tool pprof -symbolize=none` and by pprof-lens's command-line code path must be
// byte-identical for -top, -top -lines, -traces and one random extra per seed (filters, tag
// filters, sample indexes, granularities, diffs). Needs `go`: skipped with a note when it is
// absent, except in CI (CI set), where that is a failure.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { goAvailable, runGoPprof } from '../support/goPprof';
import { randomProfile, writeProfileFile } from '../support/randomProfile';

process.env.TZ = 'UTC';

/** Seeds per run: override with PPROF_LENS_DIFF_SEEDS (e.g. 1000 for a long soak). */
const seedCount = Number(process.env.PPROF_LENS_DIFF_SEEDS ?? 150);
/** First seed: override with PPROF_LENS_DIFF_FIRST_SEED to explore new profiles. */
const firstSeed = Number(process.env.PPROF_LENS_DIFF_FIRST_SEED ?? 1);

const baseModes: string[][] = [['-top'], ['-top', '-lines'], ['-traces']];

/** Extra command lines, one picked per seed; `{other}` is another seed's profile (for diffs). */
const extraModes: string[][] = [
  ['-top', '-cum'],
  ['-top', '-sample_index=0'],
  ['-top', '-sample_index=1'],
  ['-top', '-sample_index=inuse_space'],
  ['-top', '-sample_index=delay'],
  ['-top', '-files'],
  ['-top', '-filefunctions'],
  ['-top', '-addresses'],
  ['-top', '-noinlines'],
  ['-top', '-lines', '-noinlines'],
  ['-top', '-nodecount=7'],
  ['-top', '-nodefraction=0.05'],
  ['-top', '-focus=Put'],
  ['-top', '-ignore=runtime'],
  ['-top', '-hide=errors'],
  ['-top', '-show=cart|main'],
  ['-top', '-show_from=handle'],
  ['-top', '-prune_from=Get'],
  ['-top', '-focus=Serve', '-ignore=yaml'],
  ['-top', '-tagfocus=handler=/api/.*'],
  ['-top', '-tagignore=tenant=acme'],
  ['-top', '-tagfocus=1kb:'],
  ['-top', '-tagfocus=request_size=:100mb'],
  ['-top', '-tagfocus=latency=100ms:2s'],
  ['-top', '-relative_percentages', '-focus=handle'],
  ['-top', '-divide_by=3'],
  ['-top', '-mean'],
  ['-traces', '-focus=Get'],
  ['-traces', '-tagfocus=region=eu'],
  ['-top', '-diff_base={other}'],
  ['-top', '-base={other}'],
  ['-top', '{other}'],
  ['-traces', '-tagroot=handler,tenant', '-tagleaf=latency,bytes'],
  ['-top', '-tagleaf=request_size', '-unit=mb'],
];

function fileName(seed: number): string {
  return `seed${seed}.pb${seed % 2 ? '.gz' : ''}`;
}

describe('differential: pprof-lens vs go tool pprof on random profiles', () => {
  const hasGo = goAvailable();
  if (!hasGo) {
    if (process.env.CI) {
      it('go is installed', () => assert.fail('CI is set but `go tool pprof` is not available: install golang-go (see .ci/run)'));
    } else {
      it(`${seedCount} random profiles`, { skip: '`go` is not on PATH: differential tests need go tool pprof (apt-get install golang-go)' }, () => {});
    }
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-diff-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const written = new Set<number>();
  const write = (seed: number) => {
    if (!written.has(seed)) {
      writeProfileFile(path.join(dir, fileName(seed)), randomProfile(seed), seed % 2 === 1);
      written.add(seed);
    }
  };

  for (let seed = firstSeed; seed < firstSeed + seedCount; seed++) {
    it(`seed ${seed}`, () => {
      write(seed);
      const other = firstSeed + ((seed - firstSeed + 1) % seedCount);
      const extra = extraModes[(seed * 7919) % extraModes.length].map((a) => a.replace('{other}', fileName(other)));
      if (extra.some((a) => a.includes(fileName(other)))) write(other);
      const problems: string[] = [];
      for (const mode of [...baseModes, extra]) {
        const argv = [...mode, fileName(seed)];
        const go = runGoPprof(argv, dir);
        const ours = runCli(argv, { cwd: dir });
        const goOk = go.status === 0;
        const oursOk = ours.status === 0;
        if (goOk !== oursOk) {
          problems.push(`${argv.join(' ')}: go ${goOk ? 'succeeded' : `failed (${go.stderr.trim().split('\n').pop()})`}, pprof-lens ${oursOk ? 'succeeded' : `failed (${ours.stderr.trim()})`}`);
        } else if (goOk && go.stdout !== ours.stdout) {
          problems.push(`${argv.join(' ')}: ${excerpt(ours.stdout, go.stdout)}`);
        }
      }
      if (problems.length > 0) {
        assert.fail(`seed ${seed} (regenerate: randomProfile(${seed}) → ${fileName(seed)}):\n${problems.join('\n')}`);
      }
    });
  }
});

function excerpt(got: string, want: string): string {
  const a = got.split('\n');
  const b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `line ${i + 1}:\n  pprof-lens: ${JSON.stringify(a[i])}\n  go:         ${JSON.stringify(b[i])}`;
}
