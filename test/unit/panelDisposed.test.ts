// A profile view closed while its request is still in the worker: the reply is dropped quietly.
// VS Code's webview.postMessage throws "Webview is disposed" once the panel is gone; before the
// fix that became an unhandled rejection (4 in 30 open/close cycles).
import './../support/vscodeStub';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventEmitter, Uri } from '../support/vscodeStub';
import { Gate } from '../../src/extension/gate';
import { ProfileViewPanel } from '../../src/extension/profileViewPanel';
import type { WebviewToHost } from '../../src/shared/webviewProtocol';

/** A webview panel as VS Code's: after dispose, touching postMessage throws. */
class FakePanel {
  disposed = false;
  readonly sent: unknown[] = [];
  private readonly onDispose = new EventEmitter<void>();
  private readonly onMessage = new EventEmitter<WebviewToHost>();
  readonly onDidDispose = this.onDispose.event;
  readonly onDidChangeViewState = new EventEmitter<void>().event;
  active = true;
  readonly webview = {
    options: {},
    html: '',
    cspSource: 'vscode-resource:',
    asWebviewUri: (u: Uri) => u,
    onDidReceiveMessage: this.onMessage.event,
    postMessage: (m: unknown): Promise<boolean> => {
      if (this.disposed) throw new Error('Webview is disposed');
      this.sent.push(m);
      return Promise.resolve(true);
    },
  };
  receive(m: WebviewToHost): void {
    this.onMessage.fire(m);
  }
  dispose(): void {
    this.disposed = true;
    this.onDispose.fire();
  }
}

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
        };
        const doc = { session, error: undefined, progress: undefined, fileName: 'heap.pb.gz', onDidChangeState: new EventEmitter<void>().event, attachView: () => ({ dispose: () => undefined }) };
        const manager = { active: session, onDidChange: new EventEmitter<void>().event, setActive: () => undefined };
        const panel = new FakePanel();
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
