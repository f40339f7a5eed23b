// Hover on an annotated line: every sample type with % of total, the functions on the line
// (inlined frames too), the function's top callers and callees; command links under the title.
import * as vscode from 'vscode';
import type { LineDetail } from '../shared/protocol';
import { Commands } from './constants';
import { escapeMarkdown, markdownCode } from './markdownText';
import type { ProfileManager } from './profileManager';

/** Renders a LineDetail as trusted-only-for-our-commands Markdown. */
export function hoverMarkdown(d: LineDetail, profileName: string, currentType: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [Commands.selectSampleType, Commands.goToHottestLine, Commands.nextHotLine] };
  md.supportThemeIcons = true;
  // Never HTML: profile strings are escaped text, and no <img> may load from a profile.
  md.supportHtml = false;
  md.appendMarkdown(`**pprof Lens** · ${escapeMarkdown(profileName)} · line ${d.line}\n\n`);
  // The command links come first: a long hover is cut at the bottom (it scrolls), never at the top.
  md.appendMarkdown(
    `[$(symbol-enum) Sample type…](command:${Commands.selectSampleType}) · ` +
      `[$(flame) Hottest line](command:${Commands.goToHottestLine}) · ` +
      `[$(arrow-down) Next hot line](command:${Commands.nextHotLine})\n\n`,
  );
  if (d.comparison) {
    // A comparison: each profile's own number and the -diff_base (or -base) delta, for every type.
    md.appendMarkdown('| sample type | before | after | delta |\n|---|---:|---:|---:|\n');
    for (const c of d.comparison) {
      const name = c.type === currentType ? `**${escapeMarkdown(c.type)}**` : escapeMarkdown(c.type);
      md.appendMarkdown(`| ${name} | ${escapeMarkdown(c.beforeText)} | ${escapeMarkdown(c.afterText)} | ${escapeMarkdown(c.deltaText)} |\n`);
    }
    md.appendMarkdown('\n');
  }
  // Compared with a base, these are pprof's diff numbers (-diff_base: % of the base's total).
  const delta = d.comparison ? 'Δ' : '';
  md.appendMarkdown(`| sample type | ${delta}flat | ${delta}flat% | ${delta}cum | ${delta}cum% |\n|---|---:|---:|---:|---:|\n`);
  for (const v of d.values) {
    const name = v.type === currentType ? `**${escapeMarkdown(v.type)}**` : escapeMarkdown(v.type);
    md.appendMarkdown(`| ${name} | ${escapeMarkdown(v.flatText)} | ${escapeMarkdown(v.flatPercent)} | ${escapeMarkdown(v.cumText)} | ${escapeMarkdown(v.cumPercent)} |\n`);
  }
  if (d.charge) {
    // Attribution: what the user's line is charged with, and what it calls into (plain text).
    const c = d.charge;
    md.appendMarkdown(`\n**Your line** (${escapeMarkdown(currentType)}): ${escapeMarkdown(c.valueText)} (${escapeMarkdown(c.percent)})`);
    if (c.goroutines) md.appendMarkdown(` · ${escapeMarkdown(c.goroutines)}`);
    md.appendMarkdown('\n');
    for (const v of c.via) md.appendMarkdown(`- ${escapeMarkdown(v)}\n`);
  }
  if (d.functions.length) {
    md.appendMarkdown('\n**On this line:** ');
    md.appendMarkdown(d.functions.map((f) => `${markdownCode(f.name)}${f.inline ? ' (inline)' : ''}`).join(', '));
    md.appendMarkdown('\n');
  }
  const list = (title: string, items: LineDetail['callers']) => {
    if (!items.length) return;
    md.appendMarkdown(`\n**${title}** (${escapeMarkdown(currentType)}):\n`);
    for (const c of items) md.appendMarkdown(`- ${escapeMarkdown(c.valueText)} ${markdownCode(c.name)}\n`);
  };
  list('Top callers', d.callers);
  list('Top callees', d.callees);
  return md;
}

/** Provides hovers for files that have samples in the active profile. */
export class ProfileHoverProvider implements vscode.HoverProvider {
  constructor(private readonly manager: ProfileManager) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const s = this.manager.active;
    if (!s || !s.hasLocalFile(doc.uri.fsPath)) return undefined;
    const stats = await s.lineStatsFor(doc.uri.fsPath);
    if (!stats.some((x) => x.line === pos.line + 1)) return undefined;
    const d = await s.lineDetail(doc.uri.fsPath, pos.line + 1);
    if (!d) return undefined;
    return new vscode.Hover(hoverMarkdown(d, s.name, s.sampleType.type), doc.lineAt(pos.line).range);
  }
}
