// Trend annotations of the growth report: every suspect line in a visible editor shows its
// trend after the code ("+48.5MB ↑3/3") in the growth color, with a mark in the overview ruler.
// One decoration type; the texts travel in instance renderOptions (DESIGN style rule 5).
import * as vscode from 'vscode';
import { Colors } from './constants';
import { Disposable } from './dispose';
import type { GrowthController } from './growthController';
import { growthDecorations } from './growthEvidence';

const NBSP = '\u00a0';

/** Draws the growth report's suspects on visible editors; redraws when the report or editors change. */
export class GrowthAnnotations extends Disposable {
  private readonly type: vscode.TextEditorDecorationType;

  constructor(private readonly growth: GrowthController) {
    super();
    const fg = new vscode.ThemeColor(Colors.growthForeground);
    this.type = this._register(
      vscode.window.createTextEditorDecorationType({
        after: { color: fg, fontStyle: 'normal', margin: '0 0 0 2em' },
        overviewRulerColor: new vscode.ThemeColor(Colors.growth),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      }),
    );
    this._register(growth.onDidChange(() => this.refresh()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.refresh();
    }));
  }

  /** Redraws every visible editor. */
  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const report = this.growth.report;
    const doc = editor.document;
    if (!report || doc.uri.scheme !== 'file') {
      editor.setDecorations(this.type, []);
      return;
    }
    const decorations = growthDecorations(report, this.growth.rowsForLocal(doc.uri.fsPath), doc.lineCount);
    editor.setDecorations(
      this.type,
      decorations.map((d) => {
        const end = doc.lineAt(d.line).range.end;
        return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: `${NBSP}${d.text}`.replace(/ /g, NBSP) } } };
      }),
    );
  }
}
