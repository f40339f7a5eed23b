// The host side of one profile view (a custom editor panel): serves the webview's HTML with a
// strict CSP, pushes the editor's state, forwards the webview's allowlisted requests to the
// document's worker with the session's query, and applies what the user changes (sample type,
// refinements) through the session, so annotations, status bar and every view move together.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { queryKey } from '../shared/protocol';
import { isWebviewMethod, type FirstRequest, type HostToWebview, type ViewerState, type WebviewRequest, type WebviewToHost } from '../shared/webviewProtocol';
import { writeSetting } from './config';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { ProfileDocument } from './profileEditorProvider';
import type { ProfileManager } from './profileManager';
import { offerMapPath, showLine } from './showLine';
import { logError } from './log';
import { webviewHtml } from './webviewHtml';
import { trace } from '../worker/trace';

/** One webview panel showing one ProfileDocument. Invariant: disposed with its panel. */
export class ProfileViewPanel extends Disposable {
  /** JSON of the last state sent (send() skips an equal one); cleared when the webview (re)loads. */
  private lastState: string | undefined;
  /** Wires a panel to its document; the panel owns the result. */
  static attach(panel: vscode.WebviewPanel, doc: ProfileDocument, manager: ProfileManager, extensionUri: vscode.Uri): ProfileViewPanel {
    return new ProfileViewPanel(panel, doc, manager, extensionUri);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly doc: ProfileDocument,
    private readonly manager: ProfileManager,
    extensionUri: vscode.Uri,
  ) {
    super();
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    webview.html = webviewHtml(webview, extensionUri, { title: 'pprof Lens', script: 'dist/webview.js', styles: ['media/profileView.css', 'media/graphView.css', 'media/flameGraph.css'] });
    this._register(doc.attachView());
    this._register(doc.onDidChangeState(() => this.send()));
    this._register(manager.onDidChange(() => this.send()));
    this._register(
      panel.onDidChangeViewState(() => {
        if (panel.active && doc.session) manager.setActive(doc.session);
        // A hidden view asks nothing: the session's background requests need not wait for it,
        // and nothing is computed ahead for it.
        if (!panel.visible) this.forgetView();
      }),
    );
    this._register(
      webview.onDidReceiveMessage((m: WebviewToHost) =>
        this.onMessage(m).catch((e: unknown) => logError('webview message failed', e)),
      ),
    );
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register({ dispose: () => this.forgetView() });
  }

  /** The view is hidden or closed: it will not ask, so nothing waits for it or is computed ahead for it. */
  private forgetView(): void {
    const session = this.doc.session;
    if (!session) {
      this.doc.firstRequest = undefined;
      return;
    }
    session.viewAnswered.open();
    session.setViewRequest(this, undefined);
    session.dropPrefetch();
  }

  /**
   * Sends to the webview. A panel closed while a worker call was in flight has nowhere to send
   * the reply: it is dropped quietly (VS Code throws "Webview is disposed" for it, which became
   * an unhandled rejection).
   */
  private post(m: HostToWebview): void {
    if (this.isDisposed) return;
    try {
      this.panel.webview.postMessage(m).then(undefined, () => undefined);
    } catch {
      // Disposed by VS Code before our onDidDispose listener ran: the same case.
    }
  }

  /**
   * Pushes what the webview shows: progress, the error, or the state. A state equal to the last
   * one sent is not sent again (opening fires the document's and the manager's change together:
   * the webview would build its header twice while the Top page is on its way).
   */
  private send(): void {
    const doc = this.doc;
    if (doc.error) this.post({ type: 'error', fileName: doc.fileName, message: doc.error });
    else if (!doc.session) this.post({ type: 'loading', fileName: doc.fileName, ...doc.progress });
    else {
      const state = this.state();
      const text = JSON.stringify(state);
      if (text === this.lastState) return;
      this.lastState = text;
      this.post({ type: 'state', state });
      trace('state posted');
    }
  }

  private state(): ViewerState {
    const s = this.doc.session!;
    return {
      fileName: this.doc.fileName,
      summary: s.summary,
      sampleIndex: s.sampleIndex,
      refinements: { ...s.refinements },
      // None while they resolve: the state at open stays small (a big profile names thousands).
      files: s.files.map((f) => ({ profileFile: f, localPath: s.localPathOf(f) })),
      resolvingFiles: s.resolvingFiles,
      inferred: s.inferredMappings.map((m) => ({
        from: m.from,
        to: folderLabel(m.to),
        evidence: m.evidence.length,
        placed: m.resolved.slice(0, 3),
        placedCount: m.resolved.length,
      })),
      active: this.manager.active === s,
      queryKey: queryKey(s.query),
      comparison: s.base ? { baseName: s.comparison?.baseName ?? path.basename(s.base.path), mode: s.base.mode } : undefined,
    };
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    const session = this.doc.session;
    switch (m.type) {
      case 'ready':
        trace(`webview ready${session ? ' (session)' : ''}`);
        // The view's first page: started as soon as the profile is decoded (now, when it is).
        if (m.first) {
          if (session) session.prefetch(m.first);
          else this.doc.firstRequest = m.first;
        }
        // A (re)loaded webview has nothing yet: send the state even if it was sent before.
        this.lastState = undefined;
        this.send();
        return;
      case 'request': {
        if (!session) return this.post({ type: 'response', id: m.id, queryKey: '', error: 'the profile is not open yet' });
        // The webview is ours, but check anyway: only the allowlisted methods reach the worker.
        if (!isWebviewMethod(m.method)) return this.post({ type: 'response', id: m.id, queryKey: '', error: `unknown method ${String(m.method)}` });
        const query = session.query;
        const key = queryKey(query);
        const prefetched = session.takePrefetched(m.method, m.args, query);
        const view = viewRequestOf(m);
        if (view !== undefined) {
          // The view shows something else than what was computed ahead: cancel that.
          if (!prefetched) session.dropPrefetch();
          session.setViewRequest(this, view ?? undefined);
        }
        try {
          trace(`webview request ${m.method}${prefetched ? ' (prefetched)' : ''}`);
          const result = await (prefetched ?? session.callWithQuery(m.method, m.args, query));
          this.post({ type: 'response', id: m.id, queryKey: key, result });
          trace(`webview response ${m.method} posted`);
        } catch (e) {
          this.post({ type: 'response', id: m.id, queryKey: key, error: (e as Error).message });
        } finally {
          // The view's first answer is in: the status bar's hottest line may go to the worker now.
          session.viewAnswered.open();
        }
        return;
      }
      case 'selectSampleType':
        if (session) {
          this.manager.setActive(session);
          session.setSampleIndex(m.index);
        }
        return;
      case 'setRefinements': {
        if (!session) return;
        const query = { ...session.query, refinements: m.refinements };
        try {
          // A bad expression must not reach the annotations: check it in the worker first.
          const check = await session.callWithQuery('checkQuery', {}, query);
          if (!check.error) {
            this.manager.setActive(session);
            session.setRefinements(m.refinements);
          }
          this.post({ type: 'response', id: m.id, queryKey: queryKey(query), result: check });
        } catch (e) {
          this.post({ type: 'response', id: m.id, queryKey: queryKey(query), error: (e as Error).message });
        }
        return;
      }
      case 'openSource':
        if (session) await this.openSource(m.file, m.line, m.beside);
        return;
      case 'mapPath':
        if (session) this.manager.setActive(session);
        void vscode.commands.executeCommand(Commands.mapPath, m.profileFile);
        return;
      case 'saveInferredMappings':
        if (session) this.manager.setActive(session);
        void vscode.commands.executeCommand(Commands.saveInferredMappings);
        return;
      case 'turnOffInference':
        await writeSetting('inferPathMappings', false);
        void vscode.window.showInformationMessage('pprof Lens: inferring build roots is off (pprofLens.inferPathMappings). Map Path… still maps files one by one.');
        return;
      case 'openFile': {
        const p = await session?.resolvedPathOf(m.profileFile);
        if (p) void vscode.window.showTextDocument(vscode.Uri.file(p), { preview: false });
        return;
      }
      case 'goToHottestLine':
        if (session) this.manager.setActive(session);
        void vscode.commands.executeCommand(Commands.goToHottestLine);
        return;
      default:
        logError('unknown webview message', m satisfies never);
    }
  }

  /**
   * Opens a profile file's line in a text editor, this profile annotating it. The source opens
   * beside the profile view by default (the table stays visible); `beside` false opens it in the
   * view's own group. A file not in the workspace offers Map Path….
   */
  private async openSource(file: string, line: number, beside: boolean): Promise<void> {
    const session = this.doc.session!;
    this.manager.setActive(session);
    const local = await session.resolvedPathOf(file);
    if (!local) {
      offerMapPath(file);
      return;
    }
    await showLine(local, line, this.sourceColumn(local, beside));
  }

  /**
   * Where a source opens "beside" the view: a group already showing the file, else another group
   * (the user's code), else a new group beside; not beside: the view's own group.
   */
  private sourceColumn(local: string, beside: boolean): vscode.ViewColumn {
    const own = this.panel.viewColumn;
    if (!beside) return own ?? vscode.ViewColumn.Active;
    const others = vscode.window.tabGroups.all.filter((g) => g.viewColumn !== own);
    const showing = others.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === local));
    return (showing ?? others[0])?.viewColumn ?? vscode.ViewColumn.Beside;
  }
}

/**
 * What a webview request says about the view: its Top page (sent again when the query changes),
 * null for another tab's view (Graph, Flame Graph, Peek), undefined for a request that does not
 * change the view (another page, a function's source, labels, a search in the flame graph).
 */
function viewRequestOf(m: WebviewRequest): FirstRequest | null | undefined {
  switch (m.method) {
    case 'top':
      return m.args.offset === 0 ? { method: 'top', args: m.args } : undefined;
    case 'graph':
    case 'flame':
    case 'peek':
      return null;
    default:
      return undefined;
  }
}

/** A local folder as the workspace shows it: a workspace folder by its name, anything inside it relative to it. */
function folderLabel(folder: string): string {
  const ws = vscode.workspace.workspaceFolders ?? [];
  const own = ws.find((f) => path.normalize(f.uri.fsPath) === path.normalize(folder));
  if (own) return own.name;
  return vscode.workspace.asRelativePath(folder, ws.length > 1);
}
