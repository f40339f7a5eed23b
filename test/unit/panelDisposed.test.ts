// A profile view closed while its request is still in the worker: the reply is dropped quietly.
// VS Code's webview.postMessage throws "Webview is disposed" once the panel is gone; before the
// fix that became an unhandled rejection (4 in 30 open/close cycles).
import './../support/vscodeStub';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventEmitter, Uri, FakeWebviewPanel } from '../support/vscodeStub';
import { Gate } from '../../src/extension/gate';
import { ProfileViewPanel } from '../../src/extension/profileViewPanel';
import type { WebviewToHost } from '../../src/shared/webviewProtocol';

describe('profile view: a panel closed with a request in flight', () => {
  it('drops the reply quietly, 30 times over', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      for (let i = 0; i < 30; i++) {
        let answer!: (v: unknown) => void;
        const session = {
          query: { sampleIndex: 0 },
          callWithQuery: () => new Promise((r) => (answer = r)),
          viewAnswered: new Gate(),
          takePrefetched: () => undefined,
          setViewRequest: () => undefined,
          dropPrefetch: () => undefined,
        };
        const doc = { session, error: undefined, progress: undefined, fileName: 'heap.pb.gz', onDidChangeState: new EventEmitter<void>().event, attachView: () => ({ dispose: () => undefined }) };
        const manager = { active: session, onDidChange: new EventEmitter<void>().event, setActive: () => undefined };
        const panel = new FakeWebviewPanel<WebviewToHost>();
        ProfileViewPanel.attach(panel as never, doc as never, manager as never, Uri.file('/ext') as never);
        panel.receive({ type: 'request', id: 1, method: 'top', args: {} } as unknown as WebviewToHost);
        panel.dispose();
        answer({ rows: [] });
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(panel.sent, []);
      }
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    assert.deepEqual(rejections, []);
  });
});
