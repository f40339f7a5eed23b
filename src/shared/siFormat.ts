// SI byte formatting for the memory timeline (verdict lines, the chart's axis and legend).
// Shared: the analysis, the CLI and the webview all print bytes the same way.

/** A byte count with SI prefixes and one decimal below 100: "10.2 kB", "4.1 MB", "312 MB". */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = Math.abs(n);
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const s = u === 0 ? String(Math.round(v)) : v < 100 ? v.toFixed(1) : String(Math.round(v));
  return `${n < 0 ? '-' : ''}${s} ${units[u]}`;
}
