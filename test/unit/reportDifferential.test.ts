// The report engine against `go tool pprof` itself on random profiles (recursion, inline frames,
// unsymbolized addresses, negative and huge values, labels): every report the engine implements
// must print what pprof prints. -tree is left out: pprof orders edges of equal |weight| and
// opposite signs in Go's random map order, so its own output varies from run to run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runGoPprof, skipWithoutGo } from '../support/goPprof';
import { randomProfile, writeProfileFile } from '../support/randomProfile';
import { runReport, type HarnessFlags } from '../support/reportHarness';

process.env.TZ = 'UTC';

const modes: [args: string[], flags: HarnessFlags][] = [
  [['-top'], { format: 'text' }],
  [['-top', '-lines', '-cum'], { format: 'text', granularity: 'lines', cum: true }],
  [['-top', '-addresses', '-noinlines'], { format: 'text', granularity: 'addresses', noInlines: true }],
  [['-top', '-files', '-nodecount=7'], { format: 'text', granularity: 'files', nodeCount: 7 }],
  [['-top', '-mean', '-unit=ms'], { format: 'text', mean: true, unit: 'ms' }],
  [['-traces'], { format: 'traces' }],
  [['-list=.'], { format: 'list', list: '.' }],
];

describe('reports equal go tool pprof on random profiles', { skip: skipWithoutGo('report parity is checked against it') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-diff-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (let seed = 1; seed <= 10; seed++) {
    for (const [args, flags] of modes) {
      it(`seed ${seed}: ${args.join(' ')}`, () => {
        const file = `seed${seed}.pb`;
        writeProfileFile(join(dir, file), randomProfile(seed, { maxSamples: 150 }));
        const want = runGoPprof([...args, file], dir);
        assert.equal(want.status, 0, want.stderr);
        assert.equal(runReport(join(dir, file), flags), want.stdout);
      });
    }
  }
});
