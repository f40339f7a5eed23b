// The Top table is not queued behind the status bar's tooltip (nor the Hot Lines view). The worker runs one request at a
// time; the status bar used to ask for the hottest line as soon as a profile became active, so the
// profile view's first request (Top) waited for that line index and its attribution (1.9× the
// CLI's open→Top in code-server on a 282k-sample profile). The status bar now asks after the
// view's first answer, or at once when the profile has no view. Real worker (dist/worker.js),
// real session, panel and status bar; VS Code's window and webview panel are stand-ins.
import './../support/vscodeStub';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { EventEmitter, Uri, window, type StubStatusBarItem, FakeWebviewPanel } from '../support/vscodeStub';
import { HOT_LINES_SHARED } from '../../src/extension/constants';
import { HotLinesView } from '../../src/extension/hotLinesView';
import { ProfileDocument } from '../../src/extension/profileEditorProvider';
import { ProfileSession } from '../../src/extension/profileSession';
import { ProfileStatusBar, profileStatus } from '../../src/extension/statusBar';
import { ProfileViewPanel } from '../../src/extension/profileViewPanel';
import type { HotLine, ProfileSummary } from '../../src/shared/protocol';
import type { WebviewToHost } from '../../src/shared/webviewProtocol';
import { WorkerClient } from '../../src/worker/workerClient';
import { fixture, repoRoot } from '../support/fixtures';

const workerScript = path.join(repoRoot, 'dist', 'worker.js');
const skip = !existsSync(workerScript) && 'dist/worker.js is not built (npm run build)';

/** Lets pending promises and setImmediate callbacks run until `done` holds (at most `rounds` turns). */
async function until(done: () => boolean, rounds = 10_000): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the awaited state was never reached');
}

interface Opened {
  session: ProfileSession;
  /** The worker methods in the order the worker received them (one port: post order is receive order). */
  calls: string[];
  doc: ProfileDocument;
  manager: { active: ProfileSession | undefined; onDidChange: EventEmitter<void>['event']; setActive(): void };
  changed: EventEmitter<void>;
}

describe('open: the profile view\'s Top goes to the worker before the status bar\'s hottest line', { skip }, () => {
  const sessions: ProfileSession[] = [];
  after(() => sessions.forEach((s) => s.dispose()));
  const file = fixture('leaky', 'heap.1.pprof');

  /** The resolver finds no file (this test is about the worker's queue, not about sources). */
  const resolver = { resolveProfile: () => Promise.resolve({ files: new Map(), inferred: [] }) };

  /** Decodes the fixture in a real worker and builds the session as ProfileSession.open does. */
  async function openSession(): Promise<Opened> {
    const client = new WorkerClient(workerScript);
    const summary = (await client.call('open', { path: file })) as ProfileSummary;
    const calls: string[] = [];
    const call = client.call.bind(client);
    client.call = ((method, args, opts) => {
      // The file names asked for the resolution are prefetchTop.test.ts's subject; here, the queue's order of views and hot lines.
      if (method !== 'files') calls.push(method);
      return call(method, args, opts);
    }) as typeof client.call;
    const Ctor = ProfileSession as unknown as new (uri: Uri, client: WorkerClient, summary: ProfileSummary, resolver: unknown) => ProfileSession;
    const session = new Ctor(Uri.file(file), client, summary, resolver);
    sessions.push(session);
    const changed = new EventEmitter<void>();
    const manager = { active: undefined as ProfileSession | undefined, onDidChange: changed.event, setActive: () => undefined };
    const doc = new ProfileDocument(Uri.file(file) as never, manager as never, false);
    return { session, calls, doc, manager, changed };
  }

  /** What ProfileDocument.load does once decoded: the session is the document's and becomes the active profile. */
  function becomeActive(o: Opened): void {
    o.doc.session = o.session;
    o.manager.active = o.session;
    o.changed.fire();
  }

  it('asks hotLines only after the view\'s first answer, then shows it in the tooltip', async () => {
    const o = await openSession();
    const items: StubStatusBarItem[] = [];
    const create = window.createStatusBarItem;
    window.createStatusBarItem = (id: string) => {
      const item = create(id);
      items.push(item);
      return item;
    };
    const bar = new ProfileStatusBar(o.manager as never);
    window.createStatusBarItem = create;
    const panel = new FakeWebviewPanel<WebviewToHost>();
    // The custom editor's panel is attached while the file decodes; the session arrives after.
    ProfileViewPanel.attach(panel as never, o.doc, o.manager as never, Uri.file('/ext') as never);
    becomeActive(o);
    const item = items[0];
    // The Hot Lines view (in the Explorer, visible by default) asks when the profile becomes active.
    const hotLinesView = new HotLinesView(o.manager as never);
    const listed = hotLinesView.getChildren();
    assert.equal(item.tooltip, `pprof Lens: heap.1.pprof\nSample type inuse_space (bytes), total ${o.session.sampleType.totalText}\nClick to select the sample type`);
    // The status bar waits: nothing went to the worker before the view asked.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(o.calls, []);
    panel.receive({ type: 'request', id: 1, method: 'top', args: { granularity: 'functions', offset: 0, limit: 50 } });
    await until(() => panel.sent.some((m) => m.type === 'response' && m.id === 1) && item.tooltip!.includes('ottest line'));
    const rows = await listed;
    // One hotLines request serves both: the status bar's hottest line is the first of the view's
    // list (they were two requests, the second redoing the same query's ranking).
    assert.deepEqual(o.calls, ['top', 'hotLines']);
    assert.equal(panel.sent.find((m) => m.id === 1)?.error, undefined);
    const [hot] = (await o.session.hotLines(1)) as HotLine[];
    assert.equal(item.tooltip, profileStatus({ name: 'heap.1.pprof', sampleType: o.session.sampleType, hottest: { line: hot, yours: true } }).tooltip);
    // The files resolved (none here) after the view's answer: every package outside the standard library is the user's.
    assert.ok(o.session.yourCode?.nonStd);
    assert.match(item.tooltip!, /\nYour hottest line: \S+ \(\d+\.\d\d%\) \S+ at \S+\.go:\d+/);
    assert.deepEqual(rows[0], hot);
    assert.deepEqual(o.calls, ['top', 'hotLines'], 'asked again for a query already answered');
    hotLinesView.dispose();
    bar.dispose();
  });

  it('asks the worker for hot lines once per query: a shorter list is a prefix of the shared one, a longer one or a new query asks again', async () => {
    const o = await openSession();
    // No view: ProfileDocument.load opens the gate, the files resolve, then the hot lines are ranked.
    o.session.viewAnswered.open();
    const [one, view] = await Promise.all([o.session.hotLines(1), o.session.hotLines(100)]);
    assert.deepEqual(o.calls, ['hotLines']);
    assert.equal(one.length, 1);
    assert.deepEqual(one, view.slice(0, 1));
    // The same answer as a request of its own for one line.
    assert.deepEqual(one, await o.session.callWithQuery('hotLines', { limit: 1 }));
    o.calls.length = 0;
    // Next/Previous Hot Line walk HOT_LINES_SHARED lines: the same list.
    await o.session.hotLines(HOT_LINES_SHARED);
    assert.deepEqual(o.calls, []);
    const more = await o.session.hotLines(HOT_LINES_SHARED + 100);
    assert.deepEqual(o.calls, ['hotLines']);
    assert.deepEqual(more.slice(0, view.length), view);
    await o.session.hotLines(100);
    assert.deepEqual(o.calls, ['hotLines']);
    // Another sample type: the old list is stale, a request still waiting for it is cancelled.
    const other = o.session.summary.sampleTypes.findIndex((t) => t.type === 'alloc_space');
    o.session.setSampleIndex(other);
    const alloc = await o.session.hotLines(1);
    assert.deepEqual(o.calls, ['hotLines', 'hotLines']);
    assert.deepEqual(alloc, await o.session.callWithQuery('hotLines', { limit: 1 }));
    assert.notDeepEqual(alloc[0].flatText, one[0].flatText);
  });

  it('asks at once when the view closed before answering, and when there is no view', async () => {
    const o = await openSession();
    const panel = new FakeWebviewPanel<WebviewToHost>();
    ProfileViewPanel.attach(panel as never, o.doc, o.manager as never, Uri.file('/ext') as never);
    const bar = new ProfileStatusBar(o.manager as never);
    becomeActive(o);
    panel.dispose();
    await until(() => o.calls.includes('hotLines'));
    assert.deepEqual(o.calls, ['hotLines']);
    bar.dispose();

    // No view at all: ProfileDocument.load opens the gate before the session becomes active.
    const p = await openSession();
    const bar2 = new ProfileStatusBar(p.manager as never);
    p.session.viewAnswered.open();
    becomeActive(p);
    await until(() => p.calls.includes('hotLines'));
    assert.deepEqual(p.calls, ['hotLines']);
    bar2.dispose();
  });
});
