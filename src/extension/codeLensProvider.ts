// Optional CodeLens on function declarations: "flat X · cum Y (Z%)". Off by default.
import * as vscode from 'vscode';
import { plainText } from '../shared/plainText';
import type { FunctionStat } from '../shared/protocol';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';

/** The lens above a function: "flat 1.01MB · cum 50.49MB (97.11%)" (-top's flat, cum and cum%, without -top's column padding). */
export function codeLensTitle(f: Pick<FunctionStat, 'flatText' | 'cumText' | 'cumPercent'>): string {
  return `flat ${f.flatText} · cum ${f.cumText} (${f.cumPercent.trim()})`;
}

/** CodeLens for functions of the active profile; enabled by `pprofLens.codeLens.enabled`. */
export class ProfileCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChange.event;
  enabled = false;

  constructor(private readonly manager: ProfileManager) {
    super();
    this._register(manager.onDidChange(() => this._onDidChange.fire()));
  }

  /** Turns the lenses on or off. */
  setEnabled(on: boolean): void {
    this.enabled = on;
    this._onDidChange.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const s = this.manager.active;
    if (!this.enabled || !s || !s.hasLocalFile(doc.uri.fsPath)) return [];
    const fns = await s.functionStatsFor(doc.uri.fsPath);
    return fns
      .filter((f) => f.startLine > 0 && f.startLine <= doc.lineCount)
      .map((f) => new vscode.CodeLens(doc.lineAt(f.startLine - 1).range, {
        title: codeLensTitle(f),
        tooltip: `${plainText(f.name)}: ${plainText(s.sampleType.type)} in ${s.name}`,
        command: '',
      }));
  }
}
