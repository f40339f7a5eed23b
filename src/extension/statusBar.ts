// The status bar item of the active profile: name, sample type and total; click selects the type.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { ProfileManager } from './profileManager';

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
    const t = s.sampleType;
    // A profile whose tab closed stays loaded: say so, and how to end it.
    const kept = this.manager.isDetached(s) ? '\nIts editor is closed: the numbers stay until "Clear Profile" or another profile is opened' : '';
    const c = s.comparison?.types.find((x) => x.type === t.type);
    if (s.comparison && c) {
      // A comparison: both names and the change of the total, e.g. "heap.3.pprof vs heap.0.pprof · inuse_space · +47.2MB".
      this.item.text = `$(diff) ${s.name} vs ${s.comparison.baseName} · ${t.type} · ${c.deltaText}`;
      this.item.tooltip = `pprof Lens: ${s.name} compared with ${s.comparison.baseName} (${s.base?.mode === 'base' ? '-base' : '-diff_base'})\n${t.type}: ${c.beforeText} → ${c.afterText} (${c.deltaText})\nClick to select the sample type; "Clear Comparison" ends it${kept}`;
      this.item.accessibilityInformation = { label: `pprof Lens: ${s.name} compared with ${s.comparison.baseName}, ${t.type} changed by ${c.deltaText}. Select sample type.` };
      this.item.show();
      return;
    }
    this.item.text = `$(flame) ${s.name} · ${t.type} · ${t.totalText}`;
    this.item.tooltip = `pprof Lens: ${s.name}\nSample type ${t.type} (${t.unit}), total ${t.totalText}\nClick to select the sample type${kept}`;
    this.item.accessibilityInformation = { label: `pprof Lens profile ${s.name}, ${t.type}, total ${t.totalText}. Select sample type.` };
    this.item.show();
  }
}
