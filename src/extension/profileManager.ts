// The registry of open profiles and the active one (the most recently focused profile editor).
import * as vscode from 'vscode';
import { ContextKeys } from './constants';
import { Disposable } from './dispose';
import type { ProfileSession } from './profileSession';

/**
 * ProfileManager knows every open ProfileSession and which one is active. Invariant: `active`
 * is undefined or one of the registered sessions; listeners hear every change of the active
 * session and every change inside it (sample type, resolution).
 */
export class ProfileManager extends Disposable {
  private readonly sessions = new Set<ProfileSession>();
  private _active: ProfileSession | undefined;
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

  /** Unregisters a session (its document closed); the active one falls back to another open one. */
  remove(session: ProfileSession): void {
    this.sessions.delete(session);
    if (this._active === session) this.setActive([...this.sessions].pop());
  }

  /** Makes `session` the active profile. */
  setActive(session: ProfileSession | undefined): void {
    if (this._active === session) return;
    this.activeSub?.dispose();
    this._active = session;
    this.activeSub = session?.onDidChange(() => this._onDidChange.fire());
    void vscode.commands.executeCommand('setContext', ContextKeys.hasProfile, !!session);
    this._onDidChange.fire();
  }

  /** Clears the active profile without closing its editor ("Clear Profile"). */
  clear(): void {
    this.setActive(undefined);
  }

  /** Re-resolves the files of every session (settings changed). */
  async reresolveAll(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.resolveFiles()));
  }

  override dispose(): void {
    this.activeSub?.dispose();
    super.dispose();
  }
}
