// The status bar item of a running snapshot series: "$(record) heap 3/10 · next in 12s"; a click
// stops the series. Ticks once a second only while a series runs.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './dispose';
import type { GrowthController } from './growthController';
import { seriesStatusText } from './seriesStatus';

/** Shows the running series with a countdown; hidden otherwise. */
export class SeriesStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('pprofLens.snapshotSeries', vscode.StatusBarAlignment.Left, 49));
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly growth: GrowthController) {
    super();
    this.item.name = 'pprof Lens: snapshot series';
    this.item.command = Commands.stopSnapshotSeries;
    this._register(growth.onDidChangeSeries(() => this.update()));
    this._register({ dispose: () => this.stopTimer() });
    this.update();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private update(): void {
    const s = this.growth.series;
    if (!s) {
      this.stopTimer();
      this.item.hide();
      return;
    }
    this.timer ??= setInterval(() => this.update(), 1000);
    this.item.text = seriesStatusText(s, Date.now());
    const src = this.growth.source;
    this.item.tooltip = `pprof Lens: heap snapshot series${src?.kind === 'series' ? ` from ${src.url}\nSaved in ${src.dir}` : ''}\n${s.captured} captured, ${s.failed} failed of ${s.count}${s.lastFailure ? `\nLast failure: ${s.lastFailure}` : ''}\nClick to stop the series`;
    this.item.accessibilityInformation = { label: `pprof Lens snapshot series: ${s.captured + s.failed} of ${s.count}. Stop the series.` };
    this.item.show();
  }
}
