// Trend annotations of the growth report: every suspect line in a visible editor shows its
// trend ("+48.5MB ↑3/3") in the growth color, with a mark in the overview ruler. With the
// annotations before the code (the default) the trend is a fixed-width column there, where it is
// seen whatever the line's length (after the code, long lines pushed it off-screen); with
// "after" it follows the code; with "off" only the ruler mark and the hover remain.
// The texts travel in instance renderOptions (DESIGN style rule 5).
import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings } from './config';
import { Colors } from './constants';
import { Disposable } from './dispose';
import type { GrowthController } from './growthController';
import { growthDecorations } from './growthEvidence';

const NBSP = '\u00a0';

/** Draws the growth report's suspects on visible editors; redraws when the report or editors change. */
export class GrowthAnnotations extends Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly columnType: vscode.TextEditorDecorationType;

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
    this.columnType = this._register(vscode.window.createTextEditorDecorationType({ before: { color: fg, fontStyle: 'normal' } }));
    this._register(growth.onDidChange(() => this.refresh()));
    this._register(onDidChangeSettings(() => this.refresh()));
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
    const decorations = report && doc.uri.scheme === 'file' ? growthDecorations(report, this.growth.rowsForLocal(doc.uri.fsPath), doc.lineCount) : [];
    const position = readSettings().annotationPosition;
    if (position !== 'after') {
      // The ruler mark stays; the text goes to the column (or nowhere with "off").
      const end = (l: number) => doc.lineAt(l).range.end;
      editor.setDecorations(this.type, decorations.map((d) => ({ range: new vscode.Range(end(d.line), end(d.line)) })));
      editor.setDecorations(this.columnType, position === 'before' ? trendColumn(decorations, doc.lineCount) : []);
      return;
    }
    editor.setDecorations(this.columnType, []);
    editor.setDecorations(
      this.type,
      decorations.map((d) => {
        const end = doc.lineAt(d.line).range.end;
        return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: `${NBSP}${d.text}`.replace(/ /g, NBSP) } } };
      }),
    );
  }
}

/** The trend column before the code: each suspect's trend padded to one width, blanks elsewhere so code stays aligned. */
function trendColumn(decorations: readonly { line: number; text: string }[], lineCount: number): vscode.DecorationOptions[] {
  if (decorations.length === 0) return [];
  const width = Math.max(...decorations.map((d) => d.text.length)) + 2;
  const byLine = new Map(decorations.map((d) => [d.line, d.text]));
  const out: vscode.DecorationOptions[] = [];
  for (let l = 0; l < lineCount; l++) {
    const contentText = (byLine.get(l) ?? '').padEnd(width).replace(/ /g, NBSP);
    out.push({ range: new vscode.Range(l, 0, l, 0), renderOptions: { before: { contentText } } });
  }
  return out;
}
