// The profile worker as the extension runs it (dist/worker.js in a worker_thread): hostile files
// are refused with one line, a worker past its heap limit dies alone with one line, and the next
// profile opens. Needs the build (npm run build).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { outOfMemoryMessage, WorkerClient, WorkerError, workerHeapLimitMb } from '../../src/worker/workerClient';
import { fixture, repoRoot } from '../support/fixtures';
import { encodeProfile } from '../support/profileWriter';
import { AMPLIFIERS, gzipOfRepeated } from '../robustness/amplification';

const workerScript = path.join(repoRoot, 'dist', 'worker.js');
const skip = !existsSync(workerScript) && 'dist/worker.js is not built (npm run build)';

/** Opens `file` in a fresh worker and returns the client with the call's outcome. */
async function open(file: string, heapLimitMb?: number, log?: (message: string, cause?: unknown) => void): Promise<{ client: WorkerClient; outcome: unknown }> {
  const client = new WorkerClient(workerScript, { heapLimitMb, log });
  try {
    return { client, outcome: await client.call('open', { path: file }) };
  } catch (e) {
    return { client, outcome: e };
  }
}

describe('profile worker: hostile input', { skip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-worker-'));
  const clients: WorkerClient[] = [];
  after(() => {
    for (const c of clients) c.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const good = fixture('leaky', 'heap.1.pprof');

  it('the heap limit is half the host\'s, at most 2 GiB', () => {
    const limit = workerHeapLimitMb();
    assert.ok(limit >= 256 && limit <= 2048, String(limit));
  });

  it('an amplification file is refused with one line; the same worker kind opens a good profile next', async () => {
    const file = path.join(dir, 'locations.pb.gz');
    writeFileSync(file, gzipOfRepeated(AMPLIFIERS.locations, 100_000_000));
    const bad = await open(file);
    clients.push(bad.client);
    assert.ok(bad.outcome instanceof WorkerError && bad.outcome.isProfileError, String(bad.outcome));
    assert.match(bad.outcome.message, /^the gzip data inflates more than 200-fold \(/);
    const next = await open(good);
    clients.push(next.client);
    assert.equal((next.outcome as { sampleCount: number }).sampleCount > 0, true, String(next.outcome));
  });

  it('a worker past its heap limit dies alone, with one line; the next profile opens', async () => {
    // 200,000 functions with long names: far more than a 16 MiB heap holds once decoded.
    const ids = Array.from({ length: 200_000 }, (_, i) => i + 1);
    const big = encodeProfile({
      sampleTypes: [['samples', 'count']],
      samples: [{ locationIds: ids.slice(0, 1000), values: [1] }],
      locations: ids.map((id) => ({ id, lines: [[id, 1] as [number, number]] })),
      functions: ids.map((id) => ({ id, name: `main.function_with_a_rather_long_name_${id}_${'x'.repeat(40)}`, file: `f${id}.go` })),
    });
    const file = path.join(dir, 'big.pb');
    writeFileSync(file, big);
    const logged: Array<[string, string | undefined]> = [];
    const oom = await open(file, 16, (message, cause) => logged.push([message, (cause as NodeJS.ErrnoException | undefined)?.code]));
    clients.push(oom.client);
    assert.ok(oom.outcome instanceof WorkerError && oom.outcome.isProfileError, String(oom.outcome));
    assert.equal(oom.outcome.message, outOfMemoryMessage(16));
    // The host's log hears it too (the extension passes its "pprof Lens" log channel).
    assert.deepEqual(logged, [[`profile worker stopped: ${outOfMemoryMessage(16)}`, 'ERR_WORKER_OUT_OF_MEMORY']]);
    assert.equal(oom.client.hasExited, true);
    const next = await open(good);
    clients.push(next.client);
    assert.equal((next.outcome as { sampleCount: number }).sampleCount > 0, true, String(next.outcome));
  });
});
