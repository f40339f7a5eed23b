// The worker's inbox runs requests one per macrotask and drops the ones cancelled before they
// start: switching the sample type twice never waits for the first switch's computation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { RequestQueue } from '../../src/worker/requestQueue';

test('a request cancelled before it starts is dropped; the others run in order, once', () => {
  const ran: number[] = [];
  const tasks: (() => void)[] = [];
  const q = new RequestQueue<{ id: number }>((r) => ran.push(r.id), (next) => tasks.push(next));
  q.push({ id: 1 });
  q.push({ id: 2 });
  q.push({ id: 3 });
  // 1 starts in its macrotask; 2 is cancelled while 1 computes (its cancel arrives before the next task).
  tasks.shift()!();
  assert.deepEqual(ran, [1]);
  assert.equal(q.cancel(2), true);
  assert.equal(q.cancel(1), false, 'a request that already ran cannot be cancelled');
  while (tasks.length) tasks.shift()!();
  assert.deepEqual(ran, [1, 3]);
  assert.equal(q.dropped, 1);
  assert.equal(q.pending, 0);
  assert.equal(q.cancel(3), false);
});

test('with setImmediate, a cancel posted while a request computes is seen before the next starts', async () => {
  const ran: number[] = [];
  const { port1, port2 } = new MessageChannel();
  const q: RequestQueue<{ id: number }> = new RequestQueue((r) => {
    ran.push(r.id);
    if (r.id === 1) {
      // The host cancels request 2 while request 1 computes (synchronously, like a graph build).
      port2.postMessage({ cancel: 2 });
      const until = Date.now() + 20;
      while (Date.now() < until) {
        /* busy, as a real computation */
      }
    }
  });
  const done = new Promise<void>((resolve) => {
    port1.on('message', (m: { cancel: number }) => {
      q.cancel(m.cancel);
      setImmediate(() => setImmediate(resolve));
    });
  });
  for (const id of [1, 2, 3]) q.push({ id });
  await done;
  await new Promise((r) => setImmediate(r));
  port1.close();
  assert.deepEqual(ran, [1, 3]);
});

test('idle work runs only after the last request, once the queue stayed empty; a request disarms it', () => {
  const log: string[] = [];
  const tasks: (() => void)[] = [];
  const timers: { fire: () => void; cancelled: boolean }[] = [];
  const q = new RequestQueue<{ id: number }>(
    (r) => log.push(`run ${r.id}`),
    (next) => tasks.push(next),
    {
      ms: 400,
      run: () => log.push('idle'),
      timer: (fire) => {
        const t = { fire, cancelled: false };
        timers.push(t);
        return () => (t.cancelled = true);
      },
    },
  );
  q.push({ id: 1 });
  q.push({ id: 2 });
  tasks.shift()!();
  assert.equal(timers.length, 0, 'no timer while request 2 waits');
  tasks.shift()!();
  assert.deepEqual(log, ['run 1', 'run 2']);
  assert.equal(timers.length, 1, 'armed once the queue is empty');
  // A request arrives before the timer fires: the idle work waits for it.
  q.push({ id: 3 });
  assert.equal(timers[0].cancelled, true);
  tasks.shift()!();
  assert.equal(timers.length, 2);
  timers[1].fire();
  assert.deepEqual(log, ['run 1', 'run 2', 'run 3', 'idle']);
  // A timer that fires while a request waits (its cancel raced the push) does nothing.
  q.push({ id: 4 });
  timers[1].fire();
  assert.deepEqual(log, ['run 1', 'run 2', 'run 3', 'idle']);
});
