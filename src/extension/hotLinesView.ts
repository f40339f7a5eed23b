// "Hot Lines": a tree of the active profile's hottest lines with their values; a click navigates.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { plainText } from '../shared/plainText';
import type { HotLine } from '../shared/protocol';
import { CancelledError } from '../worker/workerClient';
import { Commands, HOT_LINES_IN_VIEW } from './constants';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';

/** Tree data for the Hot Lines view. */
export class HotLinesView extends Disposable implements vscode.TreeDataProvider<HotLine> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(private readonly manager: ProfileManager) {
    super();
    this._register(manager.onDidChange(() => this._onDidChangeTreeData.fire()));
  }

  async getChildren(parent?: HotLine): Promise<HotLine[]> {
    const s = this.manager.active;
    if (parent || !s) return [];
    // Like the status bar: after the profile view's first answer, so that the worker (one request
    // at a time) builds the Top table first. Superseded when another profile became active.
    await s.viewAnswered.opened;
    if (this.manager.active !== s) return [];
    try {
      return (await s.hotLines(HOT_LINES_IN_VIEW)).filter((h) => h.flat !== 0);
    } catch (e) {
      // Superseded by a query change: the change refreshes the tree.
      if (e instanceof CancelledError) return [];
      throw e;
    }
  }

  getTreeItem(h: HotLine): vscode.TreeItem {
    const s = this.manager.active;
    const local = s?.localPathOf(h.file);
    const item = new vscode.TreeItem(`${h.flatText}  ${plainText(path.basename(h.file))}:${h.line}`);
    // Under attribution the value is what the line is charged with, and it says what it calls into.
    const why = plainText(h.goroutines ?? h.via ?? '');
    item.description = `${h.flatPercent} · ${plainText(h.functionName)}${why ? ` · ${why}` : ''}`;
    const value = s?.yourCode ? `your line: ${h.flatText} (${h.flatPercent})` : `flat ${h.flatText} (${h.flatPercent})`;
    item.tooltip = `${plainText(h.functionName)}\n${plainText(h.file)}:${h.line}\n${value} · cum ${h.cumText}${why ? `\n${why}` : ''}${local ? '' : '\nNot found in the workspace: use Map Path…'}`;
    item.iconPath = new vscode.ThemeIcon(local ? 'flame' : 'warning');
    item.command = { command: Commands.revealLine, title: 'Open', arguments: [h.file, h.line] };
    return item;
  }
}
