// Hover and tooltip of a growth row: a sparkline of its per-snapshot values (an SVG data: URI
// image, which VS Code's Markdown renderer allows, plus unicode blocks for screen readers and
// plain-text views), the numbers per snapshot and the evidence.
import * as vscode from 'vscode';
import { formatGrowthValue, type GrowthReport, type GrowthRow } from '../core/growth';
import { Commands } from './constants';
import type { GrowthController } from './growthController';
import { evidenceLines, rowPlace } from './growthEvidence';
import { escapeMarkdown, markdownCode } from './markdownText';
import { sparklineBlocks, sparklineSvg, svgDataUri } from './sparkline';

/** Snapshots listed at most in the hover's table (the last ones). */
const SNAPSHOT_ROWS = 20;

/** Time of a snapshot for the table: local clock time, or "-" when it has none. */
function timeText(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '-' : d.toLocaleTimeString();
}

/** The Markdown of one growth row. Profile strings are escaped: they are data, never markup. */
export function growthHoverMarkdown(report: GrowthReport, row: GrowthRow, o: { title?: string } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [Commands.goToFastestGrowingLine] };
  md.supportThemeIcons = true;
  // Never HTML: profile strings are escaped text, and no <img> may load from a profile.
  md.supportHtml = false;
  md.appendMarkdown(`**pprof Lens growth**${o.title ? ` · ${escapeMarkdown(o.title)}` : ''} · ${markdownCode(row.functionName)} · ${escapeMarkdown(rowPlace(row))}\n\n`);
  const color = row.suspect ? '#e5534b' : '#6e9ecf';
  md.appendMarkdown(`![${escapeMarkdown(report.sampleType)} per snapshot](${svgDataUri(sparklineSvg(row.values, { color }))})\n\n`);
  md.appendMarkdown(`${escapeMarkdown(report.sampleType)}: \`${sparklineBlocks(row.values)}\` · ${evidenceLines(report, row).map(escapeMarkdown).join(' · ')}\n\n`);
  // The way on, above the table: a hover scrolls after a few rows, and the table has up to 20.
  md.appendMarkdown(`[$(graph-line) Fastest-growing line](command:${Commands.goToFastestGrowingLine})\n\n`);
  // 1. The numbers per snapshot: the ranked type and the heap companions.
  const types = [report.sampleType, ...report.types.map((t) => t.type).filter((t) => t !== report.sampleType && row.byType[t])];
  const unitOf = (t: string) => ({ sampleUnit: report.types.find((x) => x.type === t)?.unit ?? report.sampleUnit });
  md.appendMarkdown(`| snapshot | time | ${types.map(escapeMarkdown).join(' | ')} |\n|---|---|${types.map(() => '---:').join('|')}|\n`);
  const first = Math.max(0, report.snapshots.length - SNAPSHOT_ROWS);
  for (let i = first; i < report.snapshots.length; i++) {
    const s = report.snapshots[i];
    const cells = types.map((t) => escapeMarkdown(formatGrowthValue(unitOf(t), (t === report.sampleType ? row.values : row.byType[t])[i] ?? 0)));
    md.appendMarkdown(`| ${escapeMarkdown(s.name)} | ${escapeMarkdown(timeText(s.timeMs))}${s.timeSource === 'file' ? ' (file)' : ''} | ${cells.join(' | ')} |\n`);
  }
  if (first > 0) md.appendMarkdown(`\n_${first} earlier snapshots not shown_\n`);
  return md;
}

/** Hovers over lines that have growth rows (suspects and the others, which say why they are not). */
export class GrowthHoverProvider implements vscode.HoverProvider {
  constructor(private readonly growth: GrowthController) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const report = this.growth.report;
    if (!report || doc.uri.scheme !== 'file') return undefined;
    const rows = this.growth.rowsForLocal(doc.uri.fsPath).filter((r) => r.line === pos.line + 1 && r.values.some((v) => v !== 0));
    if (!rows.length) return undefined;
    // The best-ranked row of the line (rows are in the engine's order).
    return new vscode.Hover(growthHoverMarkdown(report, rows[0]), doc.lineAt(pos.line).range);
  }
}
