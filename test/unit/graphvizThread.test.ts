// The profile worker's Graphviz thread (dist/worker.js started as a Graphviz thread) lays out a
// real -dot report exactly as the worker's own thread does, returns Graphviz's errors as errors,
// and layouts fall back to the worker's thread once the Graphviz thread is gone.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { dotForLayout, layoutHere, withMonospaceFont } from '../../src/worker/graphLayout';
import { GraphvizThread } from '../../src/worker/graphvizThread';
import { fixture, repoRoot } from '../support/fixtures';

const workerScript = path.join(repoRoot, 'dist', 'worker.js');

describe('Graphviz thread', () => {
  assert.ok(existsSync(workerScript), 'dist/worker.js is not built: run npm run build first (npm test does)');
  const thread = new GraphvizThread(workerScript);
  after(() => thread.stop());
  const dot = withMonospaceFont(dotForLayout(runCli(['-dot', 'heap.3.pprof'], { cwd: path.dirname(fixture('leaky', 'heap.3.pprof')) }).stdout));

  it('lays out heap.3.pprof\'s -dot as the worker thread does (the same JSON)', async () => {
    thread.start();
    const [there, here] = await Promise.all([thread.layout(dot), layoutHere(dot)]);
    assert.match(there.json, /"name": ?"N1"/);
    assert.equal(there.json, here.json);
  });

  it('answers in order and returns Graphviz\'s errors as errors', async () => {
    const bad = thread.layout('digraph { a -> }');
    const good = thread.layout('digraph { a -> b }');
    const expected = await layoutHere('digraph { a -> }').then(
      () => assert.fail('Graphviz accepted a broken graph'),
      (e: Error) => e.message,
    );
    await assert.rejects(bad, (e: Error) => e.message === expected);
    assert.match((await good).json, /"name": ?"b"/);
  });

  it('falls back to the worker thread when the Graphviz thread cannot run', async () => {
    const broken = new GraphvizThread(path.join(repoRoot, 'no-such-worker.js'));
    const laid = await broken.layout(dot);
    assert.equal(laid.json, (await layoutHere(dot)).json);
    await broken.stop();
  });
});

