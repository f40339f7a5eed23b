// One CodeLens, "profile ▾", above each Go test and benchmark: it opens the quick pick of profile
// kinds. One lens only, so files vscode-go already decorates ("run test | debug test") stay calm.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { Disposable } from '../dispose';
import { findGoTests, isGoTestFileName } from './goTestFinder';

/** The lens's title (what the user sees). */
export const PROFILE_LENS_TITLE = 'profile ▾';

/** CodeLens provider for `_test.go` files; off with pprofLens.tests.codeLens. */
export class TestCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly _onDidChangeCodeLenses = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;
  private enabled = true;

  /** Turns the lenses on or off (the setting changed). */
  setEnabled(enabled: boolean): void {
    if (this.enabled === enabled) return;
    this.enabled = enabled;
    this._onDidChangeCodeLenses.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled || doc.uri.scheme !== 'file' || !isGoTestFileName(doc.uri.fsPath)) return [];
    return findGoTests(doc.uri.fsPath, doc.getText()).functions.map((f) => {
      const range = new vscode.Range(f.line, 0, f.line, 0);
      return new vscode.CodeLens(range, {
        title: PROFILE_LENS_TITLE,
        tooltip: `Profile ${f.name} with go test (CPU, memory, block or mutex) and open the profile`,
        command: Commands.profileFunction,
        arguments: [doc.uri, f.kind, f.name],
      });
    });
  }
}
