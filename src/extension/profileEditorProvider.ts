// The read-only custom editor for profiles: decodes in a worker (with progress, cancellable),
// shows a summary, and makes its profile the active one when focused.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CancelledError, WorkerError } from '../worker/workerClient';
import { PROFILE_EDITOR_ANY_VIEW_TYPE, PROFILE_EDITOR_VIEW_TYPE } from './constants';
import { readSettings } from './config';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';
import { ProfileSession } from './profileSession';
import { ProfileViewPanel } from './profileViewPanel';
import type { SourceResolver } from './sourceResolver';

/** One opened profile file: a promise of its session (rejected with the reason when bad). */
export class ProfileDocument implements vscode.CustomDocument {
  private readonly _onDidChangeState = new vscode.EventEmitter<void>();
  /** Fires on loading progress and when the session is ready or failed. */
  readonly onDidChangeState = this._onDidChangeState.event;
  session: ProfileSession | undefined;
  error: string | undefined;
  progress = { fraction: 0, message: 'Decoding…' };
  private readonly cts = new vscode.CancellationTokenSource();

  constructor(
    readonly uri: vscode.Uri,
    private readonly manager: ProfileManager,
  ) {}

  get fileName(): string {
    return path.basename(this.uri.fsPath);
  }

  /** Decodes the profile in a worker; a notification shows progress and can cancel. */
  async load(workerScript: string, resolver: SourceResolver): Promise<void> {
    const maxInflatedBytes = readSettings().maxProfileSizeMB * 1024 * 1024;
    try {
      this.session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `pprof Lens: opening ${this.fileName}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => this.cts.cancel());
          let last = 0;
          return ProfileSession.open(this.uri, workerScript, resolver, maxInflatedBytes, this.cts.token, (fraction, message) => {
            progress.report({ increment: Math.max(0, (fraction - last) * 100), message });
            last = fraction;
            this.progress = { fraction, message };
            this._onDidChangeState.fire();
          });
        },
      );
      this.session.onDidChange(() => this._onDidChangeState.fire());
      this.manager.add(this.session);
    } catch (e) {
      if (e instanceof CancelledError) {
        this.error = 'Opening was cancelled. Reopen the file to try again.';
      } else {
        this.error = e instanceof WorkerError && e.isProfileError ? e.message : `unexpected error: ${(e as Error).message}`;
        void vscode.window.showErrorMessage(`pprof Lens: ${this.fileName}: ${this.error}`);
      }
    }
    this._onDidChangeState.fire();
  }

  dispose(): void {
    this.cts.cancel();
    // The manager disposes the session, or keeps it while it is the active profile.
    if (this.session) this.manager.release(this.session);
    this._onDidChangeState.dispose();
  }
}

/** Provides the profile custom editor (`pprofLens.profile`). */
export class ProfileEditorProvider extends Disposable implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  /** Registers the provider. */
  static register(context: vscode.ExtensionContext, manager: ProfileManager, resolver: SourceResolver): vscode.Disposable {
    const provider = new ProfileEditorProvider(context.extensionUri, manager, resolver);
    const options = { supportsMultipleEditorsPerDocument: true, webviewOptions: { enableFindWidget: true } };
    return vscode.Disposable.from(
      provider,
      vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_VIEW_TYPE, provider, options),
      vscode.window.registerCustomEditorProvider(PROFILE_EDITOR_ANY_VIEW_TYPE, provider, options),
    );
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly manager: ProfileManager,
    private readonly resolver: SourceResolver,
  ) {
    super();
  }

  async openCustomDocument(uri: vscode.Uri): Promise<ProfileDocument> {
    const doc = new ProfileDocument(uri, this.manager);
    // Decoding goes on in the background: the editor opens at once and shows progress.
    void doc.load(vscode.Uri.joinPath(this.extensionUri, 'dist', 'worker.js').fsPath, this.resolver);
    return doc;
  }

  async resolveCustomEditor(doc: ProfileDocument, panel: vscode.WebviewPanel): Promise<void> {
    // The panel owns its view: ProfileViewPanel disposes itself with the panel.
    ProfileViewPanel.attach(panel, doc, this.manager, this.extensionUri);
  }
}
