// "Leak Suspects": the growth report's suspects, best first, each with its evidence (first→last,
// delta, slope, k/n, retained/alloc) as children; a click opens the line. Churn, jumps and flat
// lines are not suspects (the engine decides); the view's message says why the list is empty.
import * as vscode from 'vscode';
import { plainText } from '../shared/plainText';
import type { GrowthRow } from '../core/growth';
import { Commands, Views } from './constants';
import { Disposable } from './dispose';
import { evidenceLines, retainedText, rowPlace, slopeText, suspectLabel, suspects, trendText, whyText } from './growthEvidence';
import type { GrowthController } from './growthController';
import { growthHoverMarkdown } from './growthHover';

/** How many suspects the view lists. */
export const SUSPECTS_IN_VIEW = 100;

/** A node of the tree: a suspect, or one line of its evidence. */
export type SuspectNode = { kind: 'row'; row: GrowthRow; rank: number } | { kind: 'evidence'; row: GrowthRow; text: string };

/** Tree data and the tree view of Leak Suspects. */
export class LeakSuspectsView extends Disposable implements vscode.TreeDataProvider<SuspectNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly view: vscode.TreeView<SuspectNode>;

  constructor(private readonly growth: GrowthController) {
    super();
    this.view = this._register(vscode.window.createTreeView(Views.leakSuspects, { treeDataProvider: this }));
    this._register(growth.onDidChange(() => this.refresh()));
    this._register(growth.onDidChangeSeries(() => this.updateMessage()));
    this.refresh();
  }

  private refresh(): void {
    this.updateMessage();
    this._onDidChangeTreeData.fire();
  }

  /** The line above the tree: what was analyzed, or why nothing is listed. */
  private updateMessage(): void {
    const r = this.growth.report;
    const series = this.growth.series;
    const parts: string[] = [];
    if (series) parts.push(`Live series: ${series.captured} of ${series.count} snapshots${series.failed ? `, ${series.failed} failed` : ''}.`);
    if (!r) {
      if (series) parts.push('Waiting for the first snapshot…');
      this.view.message = parts.join(' ') || undefined;
      return;
    }
    const n = r.snapshots.length;
    const count = suspects(r).length;
    // Files: which kind's series this is, and (briefly) what else the folder held.
    const { series: kinds, skipped } = this.growth.kinds;
    const kind = kinds.length > 0 ? `${kinds[0].kind} ` : '';
    parts.push(`${r.sampleType} across ${n} ${kind}snapshot${n === 1 ? '' : 's'}${r.excluded.length ? ` (${r.excluded.length} left out)` : ''}: ${count === 0 ? 'no leak suspects' : `${count} suspect${count === 1 ? '' : 's'}`}.`);
    if (count === 0 && n > 1) parts.push('Nothing grew steadily.');
    const others = kinds.slice(1).map((k) => `${k.paths.length} ${k.kind}`);
    if (skipped.length) others.push(`${skipped.length} not a profile`);
    if (others.length) parts.push(`Also here: ${others.join(', ')}${kinds.slice(1).some((k) => k.paths.length > 1) ? ' (Select Growth Series…)' : ''}.`);
    const serious = r.warnings.filter((w) => w.code !== 'time-from-file' && (!series || (w.code !== 'single-snapshot' && w.code !== 'two-snapshots')));
    if (serious.length) parts.push(`⚠ ${serious[0].message}${serious.length > 1 ? ` (+${serious.length - 1} more)` : ''}`);
    if (r.snapshots.some((s) => s.timeSource === 'file')) parts.push('Ordered by file time where profiles have none.');
    this.view.message = parts.join(' ');
  }

  getChildren(parent?: SuspectNode): SuspectNode[] {
    const r = this.growth.report;
    if (!r) return [];
    if (!parent) return suspects(r).slice(0, SUSPECTS_IN_VIEW).map((row, i) => ({ kind: 'row', row, rank: i + 1 }));
    if (parent.kind === 'row') return evidenceLines(r, parent.row).map((text) => ({ kind: 'evidence', row: parent.row, text }));
    return [];
  }

  getTreeItem(n: SuspectNode): vscode.TreeItem {
    const r = this.growth.report!;
    const open = { command: Commands.revealGrowthRow, title: 'Open', arguments: [n.row.file, n.row.line] };
    if (n.kind === 'evidence') {
      const item = new vscode.TreeItem(plainText(n.text), vscode.TreeItemCollapsibleState.None);
      item.command = open;
      return item;
    }
    const row = n.row;
    const local = this.growth.localPathOf(row.file);
    const item = new vscode.TreeItem(plainText(suspectLabel(r, row)), vscode.TreeItemCollapsibleState.Collapsed);
    const retained = retainedText(row);
    const why = whyText(r, row);
    item.description = `${trendText(r, row)} · ${slopeText(r, row)}${retained ? ` · ${retained} retained` : ''}${why ? ` · ${plainText(why)}` : ''}`;
    item.tooltip = growthHoverMarkdown(r, row, { title: `#${n.rank} leak suspect` });
    item.iconPath = new vscode.ThemeIcon(local ? 'graph-line' : 'warning');
    item.id = `${row.key}`;
    item.command = open;
    item.accessibilityInformation = { label: `Leak suspect ${n.rank}: ${plainText(row.functionName)} at ${plainText(rowPlace(row))}, ${item.description}` };
    return item;
  }
}
