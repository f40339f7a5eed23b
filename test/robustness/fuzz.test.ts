// Deterministic mutation fuzzing of every real fixture: parseProfile either returns a profile
// that keeps the model's invariants or throws ProfileError with one line — never another
// exception, never a hang. Seeded, bounded: PPROF_LENS_FUZZ_CASES (default 3000) and
// PPROF_LENS_FUZZ_SEED (default 1) reproduce any run. Failing inputs are written to
// $TMPDIR/pprof-lens-fuzz/ so they can join test/robustness/corpus/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isProfileError } from '../../src/core/errors';
import { pakoInflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { fuzzInputs, gzip, modelViolation, mutate, mutateStructure, Rng } from './fuzzSupport';

const CASES = Number(process.env.PPROF_LENS_FUZZ_CASES ?? 3000);
const SEED = Number(process.env.PPROF_LENS_FUZZ_SEED ?? 1);
/** A generous bound per case (wall time, performance.now), a failure when exceeded twice; not a speed target. */
const CASE_LIMIT_MS = 2000;
/** Files whose raw protobuf is bigger than this get fewer cases: they cost the most time. */
const BIG = 1 << 20;

interface Failure {
  id: number;
  input: string;
  what: string;
  problem: string;
}

describe('mutation fuzzing of the real fixtures', () => {
  it(`${CASES} seeded cases (seed ${SEED}): only ProfileError, each within ${CASE_LIMIT_MS} ms`, () => {
    const inputs = fuzzInputs();
    assert.ok(inputs.length > 50, `only ${inputs.length} fixtures found`);
    const rng = new Rng(SEED);
    const failures: Failure[] = [];
    const outcomes = { ok: 0, refused: 0 };
    let slowest = { ms: 0, what: '' };
    const bigEvery = 8;
    let bigSeen = 0;

    for (let id = 0; id < CASES; id++) {
      let input = inputs[id % inputs.length];
      // Big inputs get one case in bigEvery of their share; the rest go to a random small one.
      if (input.raw.length > BIG && bigSeen++ % bigEvery !== 0) {
        const small = inputs.filter((x) => x.raw.length <= BIG);
        input = rng.pick(small);
      }
      const other = rng.pick(inputs).raw;

      // 1. Mutate the raw protobuf (then maybe gzip it), or the file as stored (gzip damage).
      let bytes: Uint8Array;
      let what: string;
      const where = rng.int(0, 11);
      if (where >= 10) {
        // Structure-aware: amplification, ids 0 and 2^64-1, duplicated tables (gzipped half the time).
        ({ bytes, what } = mutateStructure(rng, input.raw));
        if (where === 11) {
          bytes = gzip(bytes);
          what = `${what}, gzipped`;
        }
      } else if (where < 5) {
        ({ bytes, what } = mutate(rng, input.raw, other));
      } else if (where < 8) {
        const m = mutate(rng, input.raw, other);
        bytes = gzip(m.bytes);
        what = `${m.what}, gzipped`;
      } else {
        ({ bytes, what } = mutate(rng, input.file, other));
        what = `${what} (file as stored)`;
      }
      const inflater = id % 4 === 3 ? pakoInflater : nodeInflater;

      // 2. Parse, timing only the parse.
      const run = (): { problem?: string; ms: number; ok: boolean } => {
        const t0 = performance.now();
        try {
          const p = parseProfile(bytes, { inflater });
          return { problem: modelViolation(p), ms: performance.now() - t0, ok: true };
        } catch (e) {
          const ms = performance.now() - t0;
          if (!isProfileError(e)) return { problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, ms, ok: false };
          if (e.message === '' || e.message.includes('\n')) return { problem: `ProfileError message is not one line: ${JSON.stringify(e.message)}`, ms, ok: false };
          return { ms, ok: false };
        }
      };
      let result = run();
      // A loaded machine can stall one case: a slow case counts only if it is slow twice.
      if (!result.problem && result.ms > CASE_LIMIT_MS) {
        const again = run();
        result = { ...again, ms: Math.min(result.ms, again.ms) };
      }
      let problem = result.problem;
      if (!problem) outcomes[result.ok ? 'ok' : 'refused']++;
      const ms = result.ms;
      if (ms > slowest.ms) slowest = { ms, what: `${input.name}: ${what}` };
      if (!problem && ms > CASE_LIMIT_MS) problem = `took ${ms.toFixed(0)} ms (twice)`;
      if (problem) failures.push(record(id, input.name, what, problem, bytes));
    }

    console.log(`fuzz: ${CASES} cases, ${outcomes.ok} parsed, ${outcomes.refused} refused; slowest ${slowest.ms.toFixed(1)} ms (${slowest.what})`);
    assert.equal(failures.length, 0, failures.slice(0, 10).map((f) => `#${f.id} ${f.input}: ${f.what}: ${f.problem}`).join('\n'));
  });
});

/** Writes a failing input where a developer can pick it up for the corpus. */
function record(id: number, input: string, what: string, problem: string, bytes: Uint8Array): Failure {
  const dir = path.join(tmpdir(), 'pprof-lens-fuzz');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `seed${SEED}-case${id}.bin`);
  writeFileSync(file, bytes);
  return { id, input, what, problem: `${problem} [input saved to ${file}]` };
}
