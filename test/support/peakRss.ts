// Peak memory of a synchronous call, for tests that bound memory (never time).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak resident memory growth (bytes) while running f. On Linux the kernel's high-water mark
 * (VmHWM) is reset first (/proc/self/clear_refs), so a transient peak is caught even though the
 * call is synchronous; elsewhere the RSS after the call is the estimate.
 */
export function peakRssGrowth(f: () => void): number {
  global.gc?.();
  const base = process.memoryUsage().rss;
  const canReset = existsSync('/proc/self/clear_refs');
  if (canReset) writeFileSync('/proc/self/clear_refs', '5');
  f();
  if (canReset) {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024 - base;
  }
  return process.memoryUsage().rss - base;
}
