// Adversarial stacks: 50,000 frames in one sample, distinct or recursive, decode and walk
// without recursion; once the CLI is built, its reports work on them too (and equal go tool
// pprof's when Go is installed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import type { Profile } from '../../src/core/profile';
import { repoRoot } from '../support/fixtures';
import { goAvailable, runGoPprof } from '../support/goPprof';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';
import { modelViolation } from './fuzzSupport';

const DEPTH = 50_000;

/** One sample of DEPTH distinct frames (f0 is the leaf), plus a shallow one. */
function distinctFrames(): ProfileSpec {
  const ids = Array.from({ length: DEPTH }, (_, i) => i + 1);
  return {
    sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
    samples: [
      { locationIds: ids, values: [1, 10_000_000] },
      { locationIds: [DEPTH], values: [2, 20_000_000] },
    ],
    locations: ids.map((id) => ({ id, lines: [[id, 10 + (id % 50)] as [number, number]] })),
    functions: ids.map((id) => ({ id, name: `main.f${id - 1}`, file: 'main.go' })),
    periodType: ['cpu', 'nanoseconds'],
    period: 10_000_000,
  };
}

/** One sample whose stack is DEPTH frames of three mutually recursive functions. */
function recursion(): ProfileSpec {
  return {
    sampleTypes: [['samples', 'count']],
    samples: [{ locationIds: Array.from({ length: DEPTH }, (_, i) => (i % 3) + 1), values: [7] }],
    locations: [1, 2, 3].map((id) => ({ id, lines: [[id, id] as [number, number]] })),
    functions: [1, 2, 3].map((id) => ({ id, name: `main.r${id}`, file: 'r.go' })),
  };
}

/** flat and cum per function, cum counted once per sample (pprof's rule), walked iteratively. */
function flatCum(p: Profile, t: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const s = p.samples;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * s.numValues + t];
    const seen = new Set<string>();
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) {
      for (const line of p.locations[s.stack[j]].lines) {
        const name = line.function?.name ?? '?';
        const e = out.get(name) ?? [0, 0];
        if (j === s.stackStart[i] && line === p.locations[s.stack[j]].lines[0]) e[0] += v;
        if (!seen.has(name)) {
          seen.add(name);
          e[1] += v;
        }
        out.set(name, e);
      }
    }
  }
  return out;
}

describe('a 50,000-frame stack', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-deep-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = {
    distinct: path.join(dir, 'distinct.pb.gz'),
    recursion: path.join(dir, 'recursion.pb.gz'),
  };
  writeFileSync(files.distinct, gzipSync(encodeProfile(distinctFrames())));
  writeFileSync(files.recursion, gzipSync(encodeProfile(recursion())));

  it('decodes with distinct frames, keeping the model invariants', () => {
    const p = parseProfile(gzipSync(encodeProfile(distinctFrames())), { inflater: nodeInflater });
    assert.equal(modelViolation(p), undefined);
    assert.equal(p.samples.stackStart[1] - p.samples.stackStart[0], DEPTH);
    const fc = flatCum(p, 1);
    assert.deepEqual(fc.get('main.f0'), [10_000_000, 10_000_000]);
    assert.deepEqual(fc.get(`main.f${DEPTH - 1}`), [20_000_000, 30_000_000]);
  });

  it('decodes with recursion, counting cum once per sample', () => {
    const p = parseProfile(encodeProfile(recursion()), { inflater: nodeInflater });
    assert.equal(p.samples.stack.length, DEPTH);
    assert.deepEqual(flatCum(p, 0).get('main.r2'), [0, 7]);
    assert.deepEqual(flatCum(p, 0).get('main.r1'), [7, 7]);
  });

  const cli = path.join(repoRoot, 'dist', 'cli.js');
  for (const mode of [['-top'], ['-top', '-cum'], ['-traces']]) {
    it(`works in the CLI: ${mode.join(' ')}`, { skip: existsSync(cli) ? false : 'dist/cli.js not built (npm run build)' }, () => {
      for (const file of Object.values(files)) {
        const out = execFileSync(process.execPath, [cli, ...mode, path.basename(file)], {
          cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC' },
        });
        if (mode[0] === '-top') assert.match(out, /main\.(f0|r1)/);
        if (goAvailable()) {
          const go = runGoPprof([...mode, path.basename(file)], dir);
          assert.equal(go.status, 0, go.stderr);
          assert.ok(out === go.stdout, `${mode.join(' ')} ${path.basename(file)} differs from go tool pprof`);
        }
      }
    });
  }
});
