// The read-only custom editor for profiles: decodes in a worker (with progress, cancellable),
// shows a summary, and makes its profile the active one when focused.
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { otherToolFile, type OtherToolFile } from '../core/sniff';
import type { FirstRequest } from '../shared/webviewProtocol';
import { CancelledError, WorkerError, type WorkerClient } from '../worker/workerClient';
import { PROFILE_EDITOR_ANY_VIEW_TYPE, PROFILE_EDITOR_VIEW_TYPE } from './constants';
import { readSettings } from './config';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';
import { ProfileSession } from './profileSession';
import { ProfileViewPanel } from './profileViewPanel';
import type { SourceResolver } from './sourceResolver';
import type { SpareWorker } from './spareWorker';
import { logInfo, showError } from './log';
import { trace } from '../worker/trace';

/** One opened profile file: a promise of its session (rejected with the reason when bad). */
export class ProfileDocument implements vscode.CustomDocument {
  private readonly _onDidChangeState = new vscode.EventEmitter<void>();
  /** Fires on loading progress and when the session is ready or failed. */
  readonly onDidChangeState = this._onDidChangeState.event;
  session: ProfileSession | undefined;
  error: string | undefined;
  /** Set when the file failed to open and belongs to another tool: it goes to the text editor. */
  otherTool: OtherToolFile | undefined;
  /** Set once the text editor was opened in the profile editor's place. */
  reopenedAsText = false;
  /** Settles when loading has succeeded or failed. */
  loading: Promise<void> = Promise.resolve();
  progress = { fraction: 0, message: 'Decoding…' };
  /** The request a profile view announced it sends first (its Top page): started as soon as the file is decoded. */
  firstRequest: FirstRequest | undefined;
  private readonly cts = new vscode.CancellationTokenSource();
  /** How many profile views (panels) show this document. */
  private views = 0;

  constructor(
    readonly uri: vscode.Uri,
    private readonly manager: ProfileManager,
    /** True when a file of another tool may go back to the text editor (`*.prof` by default). */
    private readonly mayBeOtherTools: boolean,
  ) {}

  get fileName(): string {
    return path.basename(this.uri.fsPath);
  }

  /** Decodes the profile in a worker; a notification shows progress and can cancel. */
  async load(newWorker: () => WorkerClient, resolver: SourceResolver): Promise<void> {
    const maxInflatedBytes = readSettings().maxProfileSizeMB * 1024 * 1024;
    // A `.prof` whose first bytes name another tool for certain (cProfile, GHC) is not decoded at all.
    const before = this.mayBeOtherTools ? await otherToolHead(this.uri) : undefined;
    if (before?.certain) {
      this.otherTool = before;
      this.error = 'not a pprof profile';
      this._onDidChangeState.fire();
      return;
    }
    try {
      this.session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `pprof Lens: opening ${this.fileName}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => this.cts.cancel());
          let last = 0;
          return ProfileSession.open(this.uri, newWorker, resolver, maxInflatedBytes, this.cts.token, (fraction, message) => {
            progress.report({ increment: Math.max(0, (fraction - last) * 100), message });
            last = fraction;
            this.progress = { fraction, message };
            this._onDidChangeState.fire();
          }, () => this.firstRequest);
        },
      );
      this.session.onDidChange(() => this._onDidChangeState.fire());
      // No view to answer first (all closed while decoding): background requests may go at once.
      if (this.views === 0) this.session.viewAnswered.open();
      this.manager.add(this.session);
    } catch (e) {
      if (e instanceof CancelledError) {
        this.error = 'Opening was cancelled. Reopen the file to try again.';
      } else {
        const profileError = e instanceof WorkerError && e.isProfileError;
        this.error = profileError ? e.message : `unexpected error: ${(e as Error).message}`;
        this.otherTool = profileError ? before : undefined;
        // Bad input is said in one line; an unexpected error's stack goes to the log.
        if (!this.otherTool) void showError(`pprof Lens: ${this.fileName}: ${this.error}`, profileError ? {} : { cause: e });
      }
    }
    this._onDidChangeState.fire();
  }

  /**
   * Counts a profile view of this document until disposed. Closing a view lets the session's
   * background requests go (ProfileSession.viewAnswered): nothing waits for an answer it will not get.
   */
  attachView(): vscode.Disposable {
    this.views++;
    return {
      dispose: () => {
        this.views--;
        this.session?.viewAnswered.open();
      },
    };
  }

  dispose(): void {
    this.cts.cancel();
    // The manager disposes the session, or keeps it while it is the active profile.
    if (this.session) this.manager.release(this.session);
    this._onDidChangeState.dispose();
  }
}

/** The first 4 KiB of a file, judged by otherToolFile; undefined when unreadable. */
async function otherToolHead(uri: vscode.Uri): Promise<OtherToolFile | undefined> {
  if (uri.scheme !== 'file') return undefined;
  try {
    const f = await open(uri.fsPath, 'r');
    try {
      const { buffer, bytesRead } = await f.read(new Uint8Array(4096), 0, 4096, 0);
      return otherToolFile(buffer.subarray(0, bytesRead));
    } finally {
      await f.close();
    }
  } catch {
    return undefined;
  }
}

/** The one status-bar line said when a `.prof` file of another tool goes to the text editor (short: the status bar cuts long ones). */
export function otherToolMessage(fileName: string, other: OtherToolFile): string {
  return `pprof Lens: ${fileName} is not a pprof profile${other.tool ? ` (${other.tool})` : ''}`;
}

/** Provides the profile custom editor (`pprofLens.profile`). */
export class ProfileEditorProvider extends Disposable implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  /** Registers the provider. */
  static register(context: vscode.ExtensionContext, manager: ProfileManager, resolver: SourceResolver, workers: SpareWorker): vscode.Disposable {
    // The default editor (*.pprof, *.pb.gz, *.prof) hands `.prof` files of other tools (Python's
    // cProfile, GHC) back to the text editor; "Open With… (any file)" was the user's choice: it
    // keeps the reason in the view.
    const byDefault = new ProfileEditorProvider(context.extensionUri, manager, resolver, workers, true);
    const chosen = new ProfileEditorProvider(context.extensionUri, manager, resolver, workers, false);
    const options = { supportsMultipleEditorsPerDocument: true, webviewOptions: { enableFindWidget: true } };
    return vscode.Disposable.from(
      byDefault,
      chosen,
      vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, byDefault, options),
      vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_ANY_VIEW_TYPE, chosen, options),
    );
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly manager: ProfileManager,
    private readonly resolver: SourceResolver,
    /** Where profile workers come from (one started ahead of need). */
    private readonly workers: SpareWorker,
    private readonly isDefaultEditor: boolean,
  ) {
    super();
  }

  async openCustomDocument(uri: vscode.Uri): Promise<ProfileDocument> {
    trace('openCustomDocument');
    const doc = new ProfileDocument(uri, this.manager, this.isDefaultEditor && uri.path.toLowerCase().endsWith('.prof'));
    // Decoding goes on in the background: the editor opens at once and shows progress.
    doc.loading = doc.load(() => this.workers.take(), this.resolver);
    return doc;
  }

  async resolveCustomEditor(doc: ProfileDocument, panel: vscode.WebviewPanel): Promise<void> {
    trace('resolveCustomEditor');
    // The panel owns its view: ProfileViewPanel disposes itself with the panel.
    ProfileViewPanel.attach(panel, doc, this.manager, this.extensionUri);
    let closed = false;
    panel.onDidDispose(() => (closed = true));
    void doc.loading.then(() => (closed ? undefined : this.reopenAsText(doc, panel)));
  }

  /** A `.prof` of another tool: the text editor takes this panel's place, with one status line. */
  private async reopenAsText(doc: ProfileDocument, panel: vscode.WebviewPanel): Promise<void> {
    const other = doc.otherTool;
    if (!other || this.isDisposed) return;
    // One text editor per document, however many panels show it.
    if (!doc.reopenedAsText) {
      doc.reopenedAsText = true;
      await vscode.commands.executeCommand('vscode.openWith', doc.uri, 'default', panel.viewColumn);
      const message = otherToolMessage(doc.fileName, other);
      vscode.window.setStatusBarMessage(message, 15_000);
      logInfo(`${message.replace(/^pprof Lens: /, '')}: reopened in the text editor`);
    }
    panel.dispose();
  }
}
