// Draws the active profile's flat/cum on every visible editor: a fixed set of decoration types
// (one per heat bucket, one for the column text), per-line numbers in instance renderOptions
// (DESIGN style rule 5). Only visible editors are decorated.
import * as vscode from 'vscode';
import { Colors, HEAT_BUCKETS, heatColorId } from './constants';
import { readSettings, type Settings } from './config';
import { COLUMN_WIDTH, diffDecorations, lineDecorations } from './decorationModel';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';
import type { LineStat } from '../shared/protocol';
import { logError } from './log';

const NBSP = '\u00a0';

/** Owns the decoration types and redraws visible editors when anything relevant changes. */
export class Annotations extends Disposable {
  private readonly heatTypes: vscode.TextEditorDecorationType[] = [];
  private readonly textType: vscode.TextEditorDecorationType;
  private readonly blankType: vscode.TextEditorDecorationType;
  // A comparison with a base colors lines by the sign of their delta instead of by heat.
  private readonly growthType: vscode.TextEditorDecorationType;
  private readonly shrinkType: vscode.TextEditorDecorationType;
  private settings: Settings = readSettings();
  private visible = true;
  private generation = 0;
  private readonly _onDidChangeVisibility = this._register(new vscode.EventEmitter<boolean>());
  /** Fires when annotations are toggled on or off. */
  readonly onDidChangeVisibility = this._onDidChangeVisibility.event;

  constructor(
    private readonly manager: ProfileManager,
    extensionUri: vscode.Uri,
  ) {
    super();
    for (let b = 1; b <= HEAT_BUCKETS; b++) {
      const color = new vscode.ThemeColor(heatColorId(b));
      this.heatTypes.push(
        this._register(
          vscode.window.createTextEditorDecorationType({
            isWholeLine: true,
            backgroundColor: color,
            overviewRulerColor: color,
            overviewRulerLane: vscode.OverviewRulerLane.Right,
            gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', `heat${b}.svg`),
            gutterIconSize: 'contain',
          }),
        ),
      );
    }
    const text = { color: new vscode.ThemeColor('pprofLens.annotationForeground'), fontStyle: 'normal' };
    this.textType = this._register(vscode.window.createTextEditorDecorationType({ before: text, after: text }));
    this.blankType = this._register(vscode.window.createTextEditorDecorationType({}));
    const signType = (id: string) => {
      const c = new vscode.ThemeColor(id);
      return this._register(vscode.window.createTextEditorDecorationType({ isWholeLine: true, backgroundColor: c, overviewRulerColor: c, overviewRulerLane: vscode.OverviewRulerLane.Right }));
    };
    this.growthType = signType(Colors.growth);
    this.shrinkType = signType(Colors.shrink);
    this._register(manager.onDidChange(() => this.refresh()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.refresh();
    }));
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** Shows or hides all annotations. */
  setVisible(v: boolean): void {
    this.visible = v;
    this._onDidChangeVisibility.fire(v);
    this.refresh();
  }

  /** Settings changed: re-read them and redraw. */
  updateSettings(s: Settings): void {
    this.settings = s;
    this.refresh();
  }

  /** Redraws every visible editor (async; a newer refresh supersedes an older one). */
  refresh(): void {
    const gen = ++this.generation;
    for (const editor of vscode.window.visibleTextEditors) void this.decorate(editor, gen);
  }

  private clear(editor: vscode.TextEditor): void {
    for (const t of this.heatTypes) editor.setDecorations(t, []);
    editor.setDecorations(this.textType, []);
    editor.setDecorations(this.blankType, []);
    editor.setDecorations(this.growthType, []);
    editor.setDecorations(this.shrinkType, []);
  }

  private async decorate(editor: vscode.TextEditor, gen: number): Promise<void> {
    const session = this.manager.active;
    const doc = editor.document;
    if (!this.visible || !session || doc.uri.scheme !== 'file' || !session.hasLocalFile(doc.uri.fsPath)) {
      this.clear(editor);
      return;
    }
    let stats;
    try {
      stats = await session.lineStatsFor(doc.uri.fsPath);
    } catch (e) {
      // Superseded (the sample type or a filter changed): the newer refresh draws.
      if (gen !== this.generation) return;
      logError('line stats failed', e);
      this.clear(editor);
      return;
    }
    if (gen !== this.generation) return;
    if (session.base) {
      this.decorateDiff(editor, stats);
      return;
    }
    editor.setDecorations(this.growthType, []);
    editor.setDecorations(this.shrinkType, []);
    const decorations = lineDecorations(stats, {
      total: session.sampleType.total,
      heatBy: this.settings.heatBy,
      thresholdPercent: this.settings.heatThresholdPercent,
      lineCount: doc.lineCount,
    });
    // 1. Heat: one range list per bucket.
    const byBucket: vscode.Range[][] = this.heatTypes.map(() => []);
    for (const d of decorations) if (d.bucket > 0) byBucket[d.bucket - 1].push(new vscode.Range(d.line, 0, d.line, 0));
    this.heatTypes.forEach((t, i) => editor.setDecorations(t, byBucket[i]));
    // 2. The column text, before the code or after it.
    this.drawColumn(editor, decorations);
  }

  /** A compared profile: signed deltas, growth and shrink colors (the heat of one profile means nothing here). */
  private decorateDiff(editor: vscode.TextEditor, stats: LineStat[]): void {
    const doc = editor.document;
    const diffs = diffDecorations(stats, { heatBy: this.settings.heatBy, lineCount: doc.lineCount });
    for (const t of this.heatTypes) editor.setDecorations(t, []);
    const ranges = (sign: number) => diffs.filter((d) => d.sign === sign).map((d) => new vscode.Range(d.line, 0, d.line, 0));
    editor.setDecorations(this.growthType, ranges(1));
    editor.setDecorations(this.shrinkType, ranges(-1));
    this.drawColumn(
      editor,
      diffs.map((d) => ({
        line: d.line,
        text: d.text,
        color: d.sign > 0 ? new vscode.ThemeColor(Colors.growthForeground) : d.sign < 0 ? new vscode.ThemeColor(Colors.shrinkForeground) : undefined,
      })),
    );
  }

  /**
   * Draws the fixed-width number column (before the code or after it, per the setting); before
   * the code, lines without numbers get a blank column of the same width so code stays aligned.
   */
  private drawColumn(editor: vscode.TextEditor, items: readonly { line: number; text: string; color?: vscode.ThemeColor }[]): void {
    const doc = editor.document;
    const pos = this.settings.annotationPosition;
    if (pos === 'off') {
      editor.setDecorations(this.textType, []);
      editor.setDecorations(this.blankType, []);
      return;
    }
    const withText = new Set<number>();
    const texts: vscode.DecorationOptions[] = items.map((d) => {
      withText.add(d.line);
      const contentText = (pos === 'before' ? `${d.text}${NBSP}${NBSP}` : `${NBSP}${NBSP}${d.text}`).replace(/ /g, NBSP);
      const range = pos === 'before' ? new vscode.Range(d.line, 0, d.line, 0) : doc.lineAt(d.line).range.with({ start: doc.lineAt(d.line).range.end });
      // Without an explicit color the decoration type's annotation color applies.
      const attachment = d.color ? { contentText, color: d.color } : { contentText };
      return { range, renderOptions: pos === 'before' ? { before: attachment } : { after: attachment } };
    });
    editor.setDecorations(this.textType, texts);
    if (pos !== 'before') {
      editor.setDecorations(this.blankType, []);
      return;
    }
    const blank = NBSP.repeat(COLUMN_WIDTH + 2);
    const blanks: vscode.DecorationOptions[] = [];
    for (let l = 0; l < doc.lineCount; l++) if (!withText.has(l)) blanks.push({ range: new vscode.Range(l, 0, l, 0), renderOptions: { before: { contentText: blank } } });
    editor.setDecorations(this.blankType, blanks);
  }
}
