// "Profile Runs": every kept go test run, grouped by package, test and kind (newest group first),
// each run with its benchmark numbers and their change against the previous run of the group.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { Disposable } from '../dispose';
import { runGroupKey, type ProfileRun } from './goTestRunner';
import { metricsText, runDescription, runGroupLabel, runSummary, runTooltip } from './profileRunsModel';
import type { TestProfiling } from './testProfiling';

/** A node of the view: a group of runs, a run, or one benchmark of a run that measured several. */
export type RunNode = { type: 'group'; key: string; runs: ProfileRun[] } | { type: 'run'; run: ProfileRun } | { type: 'bench'; run: ProfileRun; name: string };

/** `14:03:27` (local time), with the date when it is not today. */
function timeLabel(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const today = new Date();
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** Tree data for the Profile Runs view. */
export class ProfileRunsView extends Disposable implements vscode.TreeDataProvider<RunNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(private readonly tests: TestProfiling) {
    super();
    this._register(tests.onDidChangeRuns(() => this._onDidChangeTreeData.fire()));
  }

  /** The groups, newest run first (runs are newest first, so a group's first run is its newest). */
  groups(): RunNode[] {
    const groups = new Map<string, ProfileRun[]>();
    for (const r of this.tests.runs) {
      const k = runGroupKey(r);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(r);
    }
    return [...groups].map(([key, runs]) => ({ type: 'group', key, runs }));
  }

  getChildren(node?: RunNode): RunNode[] {
    if (!node) return this.groups();
    if (node.type === 'group') return node.runs.map((run) => ({ type: 'run', run }));
    if (node.type === 'run') {
      const names = Object.keys(runSummary(node.run));
      return names.length > 1 ? names.map((name) => ({ type: 'bench', run: node.run, name })) : [];
    }
    return [];
  }

  getTreeItem(node: RunNode): vscode.TreeItem {
    if (node.type === 'group') {
      const first = node.runs[0];
      const item = new vscode.TreeItem(runGroupLabel(first), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${first.packageName} · ${node.runs.length} run${node.runs.length === 1 ? '' : 's'}`;
      item.tooltip = `${first.packageDir}\n${first.command}`;
      item.iconPath = new vscode.ThemeIcon(first.target.kind === 'benchmark' ? 'dashboard' : 'beaker');
      item.contextValue = 'runGroup';
      item.id = `group:${node.key}`;
      return item;
    }
    const prev = this.tests.previousOf(node.run);
    if (node.type === 'bench') {
      const item = new vscode.TreeItem(node.name);
      item.description = metricsText(runSummary(node.run)[node.name], prev ? runSummary(prev)[node.name] : undefined);
      item.tooltip = runTooltip(node.run, prev);
      item.command = { command: Commands.openRun, title: 'Open', arguments: [node.run] };
      return item;
    }
    const names = Object.keys(runSummary(node.run));
    const item = new vscode.TreeItem(timeLabel(node.run.started), names.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = runDescription(node.run, prev);
    item.tooltip = `${runTooltip(node.run, prev)}\n\n${path.basename(node.run.profile)}`;
    item.iconPath = new vscode.ThemeIcon(node.run.kind === 'cpu' ? 'pulse' : node.run.kind === 'mem' ? 'database' : 'watch');
    item.contextValue = prev ? 'run.hasPrevious' : 'run';
    item.command = { command: Commands.openRun, title: 'Open Profile', arguments: [node.run] };
    item.id = `run:${node.run.id}`;
    return item;
  }
}
