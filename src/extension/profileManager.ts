// The registry of open profiles and the active one (the most recently focused profile editor).
import * as vscode from 'vscode';
import { ContextKeys } from './constants';
import { Disposable } from './dispose';
import type { ProfileSession } from './profileSession';

/**
 * ProfileManager knows every open ProfileSession and which one is active. Invariant: `active`
 * is undefined or one of the registered sessions; listeners hear every change of the active
 * session and every change inside it (sample type, resolution).
 *
 * The active profile outlives its editor tab (a preview tab replaced by a single click on a
 * source file must not take the numbers away): when its document closes it is kept, "detached",
 * until Clear Profile or until another profile becomes active, and only then disposed.
 */
export class ProfileManager extends Disposable {
  private readonly sessions = new Set<ProfileSession>();
  private _active: ProfileSession | undefined;
  /** The active session whose editor closed: owned here until it stops being active. */
  private detached: ProfileSession | undefined;
  private activeSub: vscode.Disposable | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when the active profile changes or its numbers change. */
  readonly onDidChange = this._onDidChange.event;

  get active(): ProfileSession | undefined {
    return this._active;
  }

  /** Registers a session; it becomes active. */
  add(session: ProfileSession): void {
    this.sessions.add(session);
    this.setActive(session);
  }

  /**
   * Its document closed: the session is disposed, unless it is the active one, which stays
   * loaded (detached) until Clear Profile or until another profile becomes active.
   */
  release(session: ProfileSession): void {
    if (this._active === session) {
      this.detached = session;
      this._onDidChange.fire();
      return;
    }
    this.sessions.delete(session);
    session.dispose();
  }

  /** Whether `session` is kept loaded after its editor closed. */
  isDetached(session: ProfileSession): boolean {
    return this.detached === session;
  }

  /** Makes `session` the active profile; a detached previous one is disposed. */
  setActive(session: ProfileSession | undefined): void {
    if (this._active === session) return;
    this.activeSub?.dispose();
    this._active = session;
    this.activeSub = session?.onDidChange(() => this._onDidChange.fire());
    const gone = this.detached;
    if (gone && gone !== session) {
      this.detached = undefined;
      this.sessions.delete(gone);
    }
    void vscode.commands.executeCommand('setContext', ContextKeys.hasProfile, !!session);
    this._onDidChange.fire();
    // Disposed after the listeners moved on, so nobody draws from a dead worker.
    if (gone && gone !== session) gone.dispose();
  }

  /** Clears the active profile without closing its editor ("Clear Profile"); a detached one is disposed. */
  clear(): void {
    this.setActive(undefined);
  }

  /** Re-resolves the files of every session (settings changed). */
  async reresolveAll(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.resolveFiles()));
  }

  override dispose(): void {
    this.activeSub?.dispose();
    this.detached?.dispose();
    super.dispose();
  }
}
