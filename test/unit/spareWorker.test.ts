// The profile worker started ahead of need (SpareWorker): a real dist/worker.js thread, taken by
// the first profile opened, replaced later, let go when unused, stopped with the extension.
// Needs the build (npm run build).
import '../support/vscodeStub';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SpareWorker } from '../../src/extension/spareWorker';
import type { ProfileSummary } from '../../src/shared/protocol';
import { WorkerClient } from '../../src/worker/workerClient';
import { fixture, repoRoot } from '../support/fixtures';
import { until } from '../support/processes';

const workerScript = path.join(repoRoot, 'dist', 'worker.js');
const skip = !existsSync(workerScript) && 'dist/worker.js is not built (npm run build)';

/** Every WorkerClient disposed (the worker thread stopped), in order. */
const disposed: WorkerClient[] = [];
const dispose = WorkerClient.prototype.dispose;
WorkerClient.prototype.dispose = function (this: WorkerClient) {
  disposed.push(this);
  dispose.call(this);
};

describe('SpareWorker: one profile worker started ahead of need', { skip }, () => {
  const owned: { dispose(): void }[] = [];
  after(() => {
    owned.forEach((o) => o.dispose());
    WorkerClient.prototype.dispose = dispose;
  });
  const spareOf = (t: { delayMs: number; refillMs: number; idleMs: number }) => {
    const s = new SpareWorker(workerScript, t);
    owned.push(s);
    return s;
  };
  const opens = async (w: WorkerClient) => {
    owned.push(w);
    const summary: ProfileSummary = await w.call('open', { path: fixture('leaky', 'heap.1.pprof') });
    assert.deepEqual(
      summary.sampleTypes.map((t) => t.type),
      ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
    );
  };

  it('starts nothing at construction: the spare comes after the delay, and the first take gets it', async () => {
    const s = spareOf({ delayMs: 50, refillMs: 60_000, idleMs: 60_000 });
    assert.equal(s.hasSpare, false, 'activation starts no worker');
    await until('the spare', async () => (s.hasSpare ? true : undefined), 20_000, 10);
    const w = s.take();
    assert.equal(s.hasSpare, false, 'taken: the caller owns it');
    assert.equal(w.hasExited, false);
    await opens(w);
  });

  it('a take before the spare is up gets a fresh worker, and another spare follows after refillMs', async () => {
    const s = spareOf({ delayMs: 60_000, refillMs: 50, idleMs: 60_000 });
    const w = s.take();
    await opens(w);
    await until('the next spare', async () => (s.hasSpare ? true : undefined), 20_000, 10);
    const next = s.take();
    assert.notEqual(next, w);
    await opens(next);
  });

  it('an unused spare is stopped after idleMs, and dispose stops a waiting one', async () => {
    const s = spareOf({ delayMs: 10, refillMs: 60_000, idleMs: 100 });
    await until('the spare', async () => (s.hasSpare ? true : undefined), 20_000, 5);
    const before = disposed.length;
    await until('the idle release', async () => (s.hasSpare ? undefined : true), 20_000, 10);
    assert.equal(disposed.length, before + 1, 'the idle spare’s thread was stopped');
    await until('the stopped thread', async () => (disposed.at(-1)!.hasExited ? true : undefined), 20_000, 10);

    const d = spareOf({ delayMs: 10, refillMs: 60_000, idleMs: 60_000 });
    await until('the spare', async () => (d.hasSpare ? true : undefined), 20_000, 5);
    const n = disposed.length;
    d.dispose();
    assert.equal(disposed.length, n + 1, 'dispose stopped the spare');
    assert.equal(d.hasSpare, false);
  });
});
