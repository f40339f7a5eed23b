// What the Profile Runs view says about a run, as pure functions: its benchmark numbers
// (benchstat-style mean ± spread with -count > 1) and their change against the previous run of
// the same test and kind. Kept apart from the view so the exact text is tested without VS Code.
import { PROFILE_KIND_INFO } from './goTestCommand';
import { compareMetric, formatChange, formatSummary, summarizeBench, type BenchSummary, type MetricSummary } from './goTestOutput';
import type { ProfileRun } from './goTestRunner';

/** The units a run's line shows, in this order (others only in the tooltip). */
export const SHOWN_UNITS = ['ns/op', 'B/op', 'allocs/op'] as const;

/** `BenchmarkJoinFields · Memory (allocs)` or `all tests · CPU`. */
export function runGroupLabel(run: Pick<ProfileRun, 'target' | 'kind'>): string {
  const what = run.target.name ?? (run.target.kind === 'test' ? 'all tests' : 'all benchmarks');
  return `${what} · ${PROFILE_KIND_INFO[run.kind].label}`;
}

/** One benchmark's shown units, each with its change against `prev` when both have it: `20.2µs/op ± 2% (−12.0%)`. */
export function metricsText(cur: Record<string, MetricSummary>, prev?: Record<string, MetricSummary>, units: readonly string[] = SHOWN_UNITS): string {
  const parts: string[] = [];
  for (const unit of units) {
    const s = cur[unit];
    if (!s) continue;
    const p = prev?.[unit];
    parts.push(p ? `${formatSummary(s, unit)} (${formatChange(compareMetric(p, s))})` : formatSummary(s, unit));
  }
  return parts.join(' · ');
}

/** The per-benchmark summaries of a run. */
export function runSummary(run: Pick<ProfileRun, 'benchmarks'>): BenchSummary {
  return summarizeBench(run.benchmarks);
}

/**
 * The line a run shows next to its time: for one benchmark its numbers (and changes against
 * `prev`), for several how many, for a test how long it took.
 */
export function runDescription(run: ProfileRun, prev?: ProfileRun): string {
  const cur = runSummary(run);
  const names = Object.keys(cur);
  if (names.length === 0) return `${(run.durationMs / 1000).toFixed(1)}s`;
  if (names.length > 1) return `${names.length} benchmarks`;
  return metricsText(cur[names[0]], prev ? runSummary(prev)[names[0]] : undefined);
}

/** The tooltip: command, every benchmark with all its units and changes, and what it was compared with. */
export function runTooltip(run: ProfileRun, prev?: ProfileRun): string {
  const cur = runSummary(run);
  const old = prev ? runSummary(prev) : {};
  const lines = [`${runGroupLabel(run)} in ${run.packageName}`, `started ${run.started}, took ${(run.durationMs / 1000).toFixed(1)}s`, run.command];
  for (const [name, units] of Object.entries(cur)) {
    lines.push('', name);
    for (const unit of Object.keys(units)) lines.push(`  ${metricsText(units, old[name], [unit])}`);
  }
  if (prev) lines.push('', `changes against the previous run (${prev.started})`);
  return lines.join('\n');
}

/**
 * A benchmark profile sums every iteration: when two runs did different numbers of iterations,
 * their diff mixes the change with the count. Says so (one line), or undefined when they match.
 */
export function iterationsNote(run: ProfileRun, prev: ProfileRun): string | undefined {
  const total = (r: ProfileRun) => r.benchmarks.reduce((n, b) => n + b.iterations, 0);
  const [a, b] = [total(prev), total(run)];
  if (run.target.kind !== 'benchmark' || a === b || a === 0 || b === 0) return undefined;
  return `the runs did ${a} and ${b} iterations: profile numbers are totals over all of them, so the diff also reflects the count (per-op numbers are in Profile Runs). For like-for-like profiles set -benchtime to a count, e.g. 1000x (Go Test Profiling Options…).`;
}
