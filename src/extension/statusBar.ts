// The status bar item of the active profile: name, sample type and total; click selects the type.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './dispose';
import { plainText } from '../shared/plainText';
import type { BaseRef, ComparisonSummary, HotLine, SampleTypeInfo } from '../shared/protocol';
import type { ProfileManager } from './profileManager';

/** What the status bar item says about a profile: its text, tooltip and screen-reader label. */
export interface ProfileStatus {
  text: string;
  tooltip: string;
  label: string;
}

/**
 * One hot line in a sentence, as Go to Hottest Line and Next/Previous Hot Line report it and the
 * status bar's tooltip names it: "9.77MB (98.52%) main.(*RequestTracker).Track at main.go:25 · via
 * bytes.Repeat (bytes/bytes.go:610, inlined) 100%". Under attribution the value is what the
 * user's line is charged with and the line is the user's (never the library frame it calls
 * into); a goroutine profile's line is its suspect sentence ("600 goroutines blocked at
 * notify.go:45 in main.listen (chan receive), started as main.listen (98.04%)"). Plain text.
 */
export function hotLineSummary(h: Pick<HotLine, 'file' | 'line' | 'functionName' | 'flatText' | 'flatPercent' | 'via' | 'goroutines'>): string {
  const base = h.file.slice(Math.max(h.file.lastIndexOf('/'), h.file.lastIndexOf('\\')) + 1);
  // A goroutine profile's sentence already names the count, the line and the function.
  if (h.goroutines) return plainText(`${h.goroutines} (${h.flatPercent.trim()})`);
  return plainText(`${h.flatText} (${h.flatPercent.trim()}) ${h.functionName} at ${base}:${h.line}${h.via ? ` · ${h.via}` : ''}`);
}

/**
 * The status bar's content for a profile: name, sample type and total, or with a comparison both
 * names and the change of the type's total (pprof's -diff_base or -base delta). The tooltip names
 * the hottest line when it is known: the same line Go to Hottest Line opens ("your hottest line"
 * under attribution, pprof's flat leader with the leaf ranking).
 */
export function profileStatus(s: {
  name: string;
  sampleType: Pick<SampleTypeInfo, 'type' | 'unit' | 'totalText'>;
  comparison?: ComparisonSummary;
  base?: Pick<BaseRef, 'mode'>;
  hottest?: { line: Parameters<typeof hotLineSummary>[0]; yours: boolean };
}): ProfileStatus {
  const hot = s.hottest ? `\n${s.hottest.yours ? 'Your hottest line' : 'Hottest line'}: ${hotLineSummary(s.hottest.line)}` : '';
  const t = s.sampleType;
  const c = s.comparison?.types.find((x) => x.type === t.type);
  if (s.comparison && c) {
    // A comparison: both names and the change of the total, e.g. "heap.3.pprof vs heap.0.pprof · inuse_space · +47.2MB".
    return {
      text: `$(diff) ${s.name} vs ${s.comparison.baseName} · ${t.type} · ${c.deltaText}`,
      tooltip: `pprof Lens: ${s.name} compared with ${s.comparison.baseName} (${s.base?.mode === 'base' ? '-base' : '-diff_base'})\n${t.type}: ${c.beforeText} → ${c.afterText} (${c.deltaText})${hot}\nClick to select the sample type; "Clear Comparison" ends it`,
      label: `pprof Lens: ${s.name} compared with ${s.comparison.baseName}, ${t.type} changed by ${c.deltaText}. Select sample type.`,
    };
  }
  return {
    text: `$(flame) ${s.name} · ${t.type} · ${t.totalText}`,
    tooltip: `pprof Lens: ${s.name}\nSample type ${t.type} (${t.unit}), total ${t.totalText}${hot}\nClick to select the sample type`,
    label: `pprof Lens profile ${s.name}, ${t.type}, total ${t.totalText}. Select sample type.`,
  };
}

/** The fields of a session profileStatus reads (a session's getters are not spread by `...`). */
function profileStatusInput(s: { name: string; sampleType: Pick<SampleTypeInfo, 'type' | 'unit' | 'totalText'>; comparison?: ComparisonSummary; base?: Pick<BaseRef, 'mode'> }) {
  return { name: s.name, sampleType: s.sampleType, comparison: s.comparison, base: s.base };
}

/** Shows the active profile in the status bar; hidden when there is none. */
export class ProfileStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('pprofLens.activeProfile', vscode.StatusBarAlignment.Left, 50));
  /** Counts updates, so that a late hottest-line answer for an older state is dropped. */
  private seq = 0;

  constructor(private readonly manager: ProfileManager) {
    super();
    this.item.name = 'pprof Lens: active profile';
    this.item.command = Commands.selectSampleType;
    this._register(manager.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const s = this.manager.active;
    const seq = ++this.seq;
    if (!s) {
      this.item.hide();
      return;
    }
    this.show(profileStatus(s));
    // The hottest line comes from the worker (the same answer as Go to Hottest Line), asked only
    // after the profile view's first answer and the source files' resolution that follows it: the
    // worker runs one request at a time, and the Top table must not wait behind the tooltip. A
    // newer update supersedes it, and a failure leaves the tooltip without it.
    const current = () => seq === this.seq && this.manager.active === s;
    void s.filesResolved.then(() => {
      if (!current()) return;
      const yours = s.yourCode !== undefined;
      s.hotLines(1).then(
        (lines) => {
          const line = lines.find((h) => h.flat !== 0);
          if (line && current()) this.show(profileStatus({ ...profileStatusInput(s), hottest: { line, yours } }));
        },
        () => undefined,
      );
    });
  }

  private show(c: ProfileStatus): void {
    this.item.text = c.text;
    this.item.tooltip = c.tooltip;
    this.item.accessibilityInformation = { label: c.label };
    this.item.show();
  }
}
