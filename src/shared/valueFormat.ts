// Value formatting for code that receives raw numbers (the flame graph's tooltips and search
// share in the webview): the product's one formatter, src/core/measurement.ts (pprof's unit
// scaling), re-exported rather than copied so that every number still reads as pprof prints it.
// measurement.ts is pure, platform-neutral code, so it bundles into the webview as it is.
import { percentage, scaledLabel } from '../core/measurement';

/** A value in its unit, scaled to its best unit as -list and the hovers print it ("49.48MB", "7.22s"). */
export function formatValue(value: number, unit: string): string {
  return scaledLabel(value, unit, 'minimum');
}

/** |value/total| as pprof prints percentages ("80.58%", "0.017%"), without padding. */
export function formatPercent(value: number, total: number): string {
  return percentage(value, total).trim();
}
