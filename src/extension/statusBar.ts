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
    this.item.text = `$(flame) ${s.name} · ${t.type} · ${t.totalText}`;
    this.item.tooltip = `pprof Lens: ${s.name}\nSample type ${t.type} (${t.unit}), total ${t.totalText}\nClick to select the sample type`;
    this.item.accessibilityInformation = { label: `pprof Lens profile ${s.name}, ${t.type}, total ${t.totalText}. Select sample type.` };
    this.item.show();
  }
}
