// The status bar item of the active profile: name, sample type and total; click selects the type.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { BaseRef, ComparisonSummary, SampleTypeInfo } from '../shared/protocol';
import type { ProfileManager } from './profileManager';

/** What the status bar item says about a profile: its text, tooltip and screen-reader label. */
export interface ProfileStatus {
  text: string;
  tooltip: string;
  label: string;
}

/**
 * The status bar's content for a profile: name, sample type and total, or with a comparison both
 * names and the change of the type's total (pprof's -diff_base or -base delta).
 */
export function profileStatus(s: { name: string; sampleType: Pick<SampleTypeInfo, 'type' | 'unit' | 'totalText'>; comparison?: ComparisonSummary; base?: Pick<BaseRef, 'mode'> }): ProfileStatus {
  const t = s.sampleType;
  const c = s.comparison?.types.find((x) => x.type === t.type);
  if (s.comparison && c) {
    // A comparison: both names and the change of the total, e.g. "heap.3.pprof vs heap.0.pprof · inuse_space · +47.2MB".
    return {
      text: `$(diff) ${s.name} vs ${s.comparison.baseName} · ${t.type} · ${c.deltaText}`,
      tooltip: `pprof Lens: ${s.name} compared with ${s.comparison.baseName} (${s.base?.mode === 'base' ? '-base' : '-diff_base'})\n${t.type}: ${c.beforeText} → ${c.afterText} (${c.deltaText})\nClick to select the sample type; "Clear Comparison" ends it`,
      label: `pprof Lens: ${s.name} compared with ${s.comparison.baseName}, ${t.type} changed by ${c.deltaText}. Select sample type.`,
    };
  }
  return {
    text: `$(flame) ${s.name} · ${t.type} · ${t.totalText}`,
    tooltip: `pprof Lens: ${s.name}\nSample type ${t.type} (${t.unit}), total ${t.totalText}\nClick to select the sample type`,
    label: `pprof Lens profile ${s.name}, ${t.type}, total ${t.totalText}. Select sample type.`,
  };
}

/** Shows the active profile in the status bar; hidden when there is none. */
export class ProfileStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('pprofLens.activeProfile', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly manager: ProfileManager) {
    super();
    this.item.name = 'pprof Lens: active profile';
    this.item.command = Commands.selectSampleType;
    this._register(manager.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const s = this.manager.active;
    if (!s) {
      this.item.hide();
      return;
    }
    const c = profileStatus(s);
    this.item.text = c.text;
    this.item.tooltip = c.tooltip;
    this.item.accessibilityInformation = { label: c.label };
    this.item.show();
  }
}
