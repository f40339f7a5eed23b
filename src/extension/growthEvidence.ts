// The words and numbers a growth row is shown with: trend text for annotations, evidence lines for
// the Leak Suspects view and hovers, decoration specs for one file. Pure (no vscode): every value
// is the engine's, formatted by the engine's formatter (formatGrowthValue).
import { goroutineSentence } from '../core/goroutines';
import { formatGrowthValue, growthRowWhy, type GrowthReport, type GrowthRow } from '../core/growth';

/** The trend shown after a suspect line: delta and intervals that grew, e.g. "+48.5MB ↑3/3". */
export function trendText(report: Pick<GrowthReport, 'sampleUnit'>, row: GrowthRow): string {
  return `${formatGrowthValue(report, row.delta, true)} ↑${row.grewIntervals}/${row.intervals}`;
}

/** Slope with its unit: "+12.1MB/min" (or "/snapshot" when snapshots have no time). */
export function slopeText(report: Pick<GrowthReport, 'sampleUnit' | 'slopeUnit'>, row: GrowthRow): string {
  return `${formatGrowthValue(report, Math.trunc(row.slope), true)}/${report.slopeUnit === 'minute' ? 'min' : 'snapshot'}`;
}

/** Retained/allocated as a percentage ("98%"), or undefined when the report has no alloc numbers. */
export function retainedText(row: GrowthRow): string | undefined {
  if (row.retainedRatio === undefined) return undefined;
  const pct = row.retainedRatio * 100;
  return `${pct.toFixed(pct < 10 ? 1 : 0)}%`;
}

/** What the verdict means, in a few words. */
export function verdictText(row: GrowthRow): string {
  switch (row.verdict) {
    case 'leak': return 'leak suspect: grew steadily and kept what it allocated';
    case 'growing': return row.suspect ? 'grew (two snapshots: cannot tell steady from one-off)' : 'grew irregularly';
    case 'jump': return 'grew in one jump (a cache warming up?)';
    case 'churn': return 'churn: allocates more and more but keeps almost none';
    case 'flat': return 'flat';
    case 'shrinking': return 'shrinking';
    case 'single': return 'one snapshot: no trend';
    default: return row.verdict;
  }
}

/** The evidence of one row, one short line each: first→last (delta), slope, k/n, retained/alloc, verdict. */
export function evidenceLines(report: GrowthReport, row: GrowthRow): string[] {
  const out = [
    `${formatGrowthValue(report, row.first)} → ${formatGrowthValue(report, row.last)} (${formatGrowthValue(report, row.delta, true)})`,
    `slope ${slopeText(report, row)}`,
    `grew in ${row.grewIntervals} of ${row.intervals} intervals`,
  ];
  const r = retainedText(row);
  if (r !== undefined) out.push(`retained/alloc ${r}`);
  out.push(verdictText(row));
  const why = whyText(report, row);
  if (why) out.unshift(why);
  return out;
}

/**
 * What an attributed row's line calls into ("via bytes.Repeat (bytes/bytes.go:610, inlined) 100%"),
 * or for goroutine profiles the suspect sentence ("1,200 goroutines blocked at notify.go:13 in
 * notify.listen (chan receive), started as notify.listen"); "" without attribution. Plain text.
 */
export function whyText(report: Pick<GrowthReport, 'sampleType'>, row: GrowthRow): string {
  if (report.sampleType === 'goroutine' && row.user && (row.waitReason || row.entry)) {
    return goroutineSentence({ count: row.last, name: row.functionName, file: row.file, line: row.line, reason: row.waitReason, entry: row.entry });
  }
  return growthRowWhy(row);
}

/** A file:line label for a row ("audit.go:14"), base name only. */
export function rowPlace(row: GrowthRow): string {
  const base = row.file.slice(Math.max(row.file.lastIndexOf('/'), row.file.lastIndexOf('\\')) + 1);
  return row.line > 0 ? `${base}:${row.line}` : base;
}

/**
 * The label of a suspect: place and function, and for a goroutine leak the wait reason in
 * brackets after the place, as Go's goroutine dumps print it ("notify.go:45 [chan receive]
 * main.listen"), so that the reason stays in sight in a narrow side bar. `separator` goes between place and
 * function (two spaces in a tree row, one in a sentence).
 */
export function suspectLabel(report: Pick<GrowthReport, 'sampleType'>, row: GrowthRow, separator = '  '): string {
  const reason = report.sampleType === 'goroutine' && row.user && row.waitReason ? ` [${row.waitReason}]` : '';
  return `${rowPlace(row)}${reason}${separator}${row.functionName}`;
}

/** The leak suspects of a report, best first (the engine's order). */
export function suspects(report: GrowthReport | undefined): GrowthRow[] {
  return report ? report.rows.filter((r) => r.suspect) : [];
}

/** One growth decoration: 0-based line and its trend text. */
export interface GrowthDecoration {
  line: number;
  text: string;
  row: GrowthRow;
}

/**
 * growthDecorations: the suspect rows of one file as decorations (1-based lines in rows, 0-based
 * out; lines past the document's end dropped; several functions on one line: the best-ranked).
 */
export function growthDecorations(report: GrowthReport, rows: readonly GrowthRow[], lineCount: number): GrowthDecoration[] {
  const byLine = new Map<number, GrowthDecoration>();
  for (const row of rows) {
    if (!row.suspect) continue;
    const line = row.line - 1;
    if (line < 0 || line >= lineCount || byLine.has(line)) continue;
    byLine.set(line, { line, text: trendText(report, row), row });
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/**
 * growthWarningLines: the warnings of a report as notification lines. Per-snapshot "time from
 * the file" notes become one line (the ordering fact is what matters).
 */
export function growthWarningLines(report: GrowthReport): string[] {
  const fromFile = report.warnings.filter((w) => w.code === 'time-from-file').length;
  const lines = report.warnings.filter((w) => w.code !== 'time-from-file').map((w) => w.message);
  if (fromFile > 0) {
    lines.push(
      fromFile === report.snapshots.length
        ? 'the profiles carry no time: snapshots are ordered by file modification time'
        : `${fromFile} of ${report.snapshots.length} profiles carry no time: those are ordered by file modification time`,
    );
  }
  return lines;
}
