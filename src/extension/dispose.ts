// One disposable pattern for the extension host (custom-editor-sample / hexeditor style):
// services extend Disposable and _register what they own; swappable resources live in a
// DisposableValue.
import type * as vscode from 'vscode';
import { logError } from './log';

/** Disposes every item, collecting nothing: one failing dispose must not stop the others. */
export function disposeAll(items: Iterable<vscode.Disposable>): void {
  for (const d of items) {
    try {
      d.dispose();
    } catch (e) {
      logError('dispose failed', e);
    }
  }
}

/** Base class of services: owns disposables registered with _register, disposed once. */
export abstract class Disposable implements vscode.Disposable {
  private _isDisposed = false;
  protected readonly _disposables: vscode.Disposable[] = [];

  /** Whether dispose() was called. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._disposables.splice(0));
  }

  /** Takes ownership of `value`: it is disposed with this object (at once if already disposed). */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }
}

/** Holds at most one disposable value; setting a new one disposes the previous. */
export class DisposableValue<T extends vscode.Disposable> implements vscode.Disposable {
  private _value: T | undefined;

  get value(): T | undefined {
    return this._value;
  }

  set value(v: T | undefined) {
    if (this._value === v) return;
    this._value?.dispose();
    this._value = v;
  }

  dispose(): void {
    this.value = undefined;
  }
}
