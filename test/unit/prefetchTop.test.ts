// The Top table's page is computed while the host and the webview talk, not after. The webview
// announces its first request with `ready` (it loads while the file decodes); the host starts it
// in the worker as soon as the file is decoded and sends the state at once (one state, saying the
// source files are not resolved yet), and answers the view's identical request with it: one `top`
// in the worker, sent before the view asked. The source files are resolved after the view's first
// answer, then the hot lines are ranked. After a sample type switch the host starts the view's Top
// page for the new type before the status bar, the Hot Lines view and annotations ask for hot
// lines and line stats, so the worker (one request at a time) answers Top first. Real worker
// (dist/worker.js), real document, session, panel, status bar and Hot Lines view; VS Code's
// window, workspace and webview panel are stand-ins.
import '../support/vscodeStub';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { EventEmitter, FakeWebviewPanel, Uri } from '../support/vscodeStub';
import { HotLinesView } from '../../src/extension/hotLinesView';
import { ProfileDocument } from '../../src/extension/profileEditorProvider';
import type { ProfileSession } from '../../src/extension/profileSession';
import { ProfileStatusBar } from '../../src/extension/statusBar';
import { ProfileViewPanel } from '../../src/extension/profileViewPanel';
import { queryKey, type TopPage } from '../../src/shared/protocol';
import type { FirstRequest, ViewerState, WebviewToHost } from '../../src/shared/webviewProtocol';
import { WorkerClient } from '../../src/worker/workerClient';
import { firstTopRequest } from '../../webview/topTable';
import { fixture, repoRoot } from '../support/fixtures';

const workerScript = path.join(repoRoot, 'dist', 'worker.js');
const skip = !existsSync(workerScript) && 'dist/worker.js is not built (npm run build)';

/** Lets pending promises and setImmediate callbacks run until `done` holds (at most `rounds` turns). */
async function until(done: () => boolean, rounds = 10_000): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the awaited state was never reached');
}

/** Every worker call of every client, in the order they were posted ("method" or "method:sampleIndex"). */
const calls: string[] = [];
const call = WorkerClient.prototype.call;
WorkerClient.prototype.call = function (this: WorkerClient, method, args, opts) {
  const q = (args as { query?: { sampleIndex: number } }).query;
  calls.push(q ? `${method}:${q.sampleIndex}` : method);
  return call.call(this, method, args, opts);
} as typeof call;

/** The resolver finds no file; when it is asked is recorded in `calls` ("resolve"). */
const resolver = {
  resolveProfile: () => {
    calls.push('resolve');
    return Promise.resolve({ files: new Map(), inferred: [] });
  },
};

/** The page a webview's Top tab asks for first with nothing saved (what it announces with `ready`). */
const FIRST: FirstRequest = { method: 'top', args: firstTopRequest(undefined, 'functions', '') };

describe('the profile view\'s Top page is computed ahead of the round trip through the webview', { skip }, () => {
  const sessions: ProfileSession[] = [];
  after(() => {
    sessions.forEach((s) => s.dispose());
    WorkerClient.prototype.call = call;
  });
  const file = fixture('leaky', 'heap.1.pprof');

  /** A document with its panel attached (the webview announced `first`), loaded as the custom editor loads it. */
  async function open(first: FirstRequest | undefined) {
    calls.length = 0;
    const changed = new EventEmitter<void>();
    const manager = {
      active: undefined as ProfileSession | undefined,
      onDidChange: changed.event,
      setActive: () => undefined,
      add(s: ProfileSession) {
        this.active = s;
        // As ProfileManager: a change inside the active session is a change of the active profile.
        s.onDidChange(() => changed.fire());
        changed.fire();
      },
    };
    const doc = new ProfileDocument(Uri.file(file) as never, manager as never, false);
    const panel = new FakeWebviewPanel<WebviewToHost>();
    ProfileViewPanel.attach(panel as never, doc, manager as never, Uri.file('/ext') as never);
    // The webview loads while the file decodes: its `ready` comes first.
    panel.receive({ type: 'ready', first });
    const bar = new ProfileStatusBar(manager as never);
    const hotLines = new HotLinesView(manager as never);
    await doc.load(() => new WorkerClient(workerScript), resolver as never);
    assert.equal(doc.error, undefined);
    const session = doc.session!;
    sessions.push(session);
    return { doc, panel, session, manager, bar, hotLines };
  }

  /** The response the panel sent to request `id`, once it is there. */
  async function response(panel: FakeWebviewPanel<WebviewToHost>, id: number) {
    await until(() => panel.sent.some((m) => m.type === 'response' && m.id === id));
    return panel.sent.find((m) => m.type === 'response' && m.id === id) as unknown as { queryKey: string; result?: TopPage; error?: string };
  }

  it('starts the announced first page once decoded, before the view asks, and answers the view with it', async () => {
    const { panel, session, manager, bar, hotLines } = await open(FIRST);
    const def = session.summary.defaultSampleIndex;
    // Decoded, state sent: the worker already has the page, nobody else asked yet, and the source
    // files are not looked up yet (the view says so).
    const states = () => panel.sent.filter((m) => m.type === 'state').map((m) => (m as unknown as { state: ViewerState }).state);
    assert.equal(states().length, 1, 'one state, not one per change event');
    assert.equal(states()[0].resolvingFiles, true);
    assert.deepEqual(calls, ['open', `top:${def}`]);
    const listed = hotLines.getChildren();
    // What the webview's Top tab sends once the state arrives (TopTable.fetch(0)), as it arrives: a structured clone.
    const args = structuredClone({ granularity: 'functions', cumSort: false, showAll: false, order: undefined, search: '', offset: 0, limit: 200 } as const);
    panel.receive({ type: 'request', id: 1, method: 'top', args });
    const r = await response(panel, 1);
    assert.equal(r.error, undefined);
    assert.equal(r.queryKey, queryKey(session.query));
    await listed;
    await until(() => calls.includes(`hotLines:${def}`));
    // One Top computed, for the view; then the source file names are asked and resolved (they
    // would share the CPU with Top), then the status bar's and Hot Lines' one ranking (charged to
    // the user's code).
    assert.deepEqual(calls, ['open', `top:${def}`, 'files', 'resolve', `hotLines:${def}`]);
    await until(() => states().length === 2);
    assert.equal(states()[1].resolvingFiles, false);
    // The same page as a request of its own.
    assert.deepEqual(r.result, await session.callWithQuery('top', args));
    assert.match(r.result!.labels.join('\n'), /Type: inuse_space/);
    assert.ok(manager.active === session);
    bar.dispose();
    hotLines.dispose();
  });

  it('without an announcement, computes nothing ahead; a different first request drops the page computed ahead', async () => {
    const none = await open(undefined);
    assert.deepEqual(calls, ['open']);
    none.bar.dispose();
    none.hotLines.dispose();

    // The view announced the Top tab but asks for the Flame Graph first (its saved tab changed).
    const { panel, session, bar, hotLines } = await open(FIRST);
    const def = session.summary.defaultSampleIndex;
    panel.receive({ type: 'request', id: 1, method: 'flame', args: { granularity: 'functions', minFraction: 0.001 } });
    assert.equal((await response(panel, 1)).error, undefined);
    // And Top later with other arguments: computed for it, not taken from the dropped page.
    const args = { ...FIRST.args, cumSort: true };
    panel.receive({ type: 'request', id: 2, method: 'top', args });
    const r = await response(panel, 2);
    assert.deepEqual(r.result, await session.callWithQuery('top', args));
    // (The status bar's ranking may go in between: the Flame Graph answered the view first.)
    assert.deepEqual(calls.filter((c) => !c.startsWith('hotLines') && c !== 'resolve' && c !== 'files').slice(0, 4), ['open', `top:${def}`, `flame:${def}`, `top:${def}`]);
    bar.dispose();
    hotLines.dispose();
  });

  it('after a sample type switch, the view\'s Top page goes to the worker before hot lines, and answers the view', async () => {
    const { panel, session, bar, hotLines } = await open(FIRST);
    const def = session.summary.defaultSampleIndex;
    panel.receive({ type: 'request', id: 1, method: 'top', args: structuredClone(FIRST.args) });
    await response(panel, 1);
    await until(() => calls.includes(`hotLines:${def}`));
    const alloc = session.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    assert.ok(alloc >= 0 && alloc !== def);
    calls.length = 0;
    // The user picks alloc_space in the view: the status bar and the Hot Lines view hear the change at once.
    panel.receive({ type: 'selectSampleType', index: alloc });
    const listed = hotLines.getChildren();
    await until(() => calls.includes(`hotLines:${alloc}`));
    // Top first: the status bar's and the view's ranking (which builds the type's line index) after it.
    assert.deepEqual(calls, [`top:${alloc}`, `hotLines:${alloc}`]);
    // The view's request for the new type, after the state's round trip: answered by that page.
    panel.receive({ type: 'request', id: 2, method: 'top', args: structuredClone(FIRST.args) });
    const r = await response(panel, 2);
    assert.equal(r.queryKey, queryKey({ ...session.query, sampleIndex: alloc }));
    await listed;
    assert.deepEqual(calls, [`top:${alloc}`, `hotLines:${alloc}`]);
    assert.deepEqual(r.result, await session.callWithQuery('top', FIRST.args));
    assert.match(r.result!.labels.join('\n'), /Type: alloc_space/);
    bar.dispose();
    hotLines.dispose();
  });

  it('a view that went away gets nothing computed ahead after a switch', async () => {
    const { panel, session, bar, hotLines } = await open(FIRST);
    panel.receive({ type: 'request', id: 1, method: 'top', args: structuredClone(FIRST.args) });
    await response(panel, 1);
    panel.dispose();
    const alloc = session.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    await until(() => calls.some((c) => c.startsWith('hotLines')));
    calls.length = 0;
    session.setSampleIndex(alloc);
    await until(() => calls.length > 0);
    assert.deepEqual(calls, [`hotLines:${alloc}`]);
    bar.dispose();
    hotLines.dispose();
  });
});
