// Reads what `go test` printed: benchmark results (ns/op, B/op, allocs/op, custom metrics), a
// benchstat-style summary of -count runs and the change between two runs, and the one line that
// says why a run failed (build error with its file:line, failing test, nothing matched). Pure.

/** One benchmark result line: `BenchmarkX-8  1000  1234 ns/op  64 B/op  2 allocs/op`. */
export interface BenchResult {
  /** Name without the -GOMAXPROCS suffix, e.g. `BenchmarkJoin/size=10`. */
  name: string;
  /** The -GOMAXPROCS suffix (0 when absent). */
  procs: number;
  iterations: number;
  /** Value per unit, in the order printed: `ns/op`, `B/op`, `allocs/op`, `MB/s`, custom ones. */
  metrics: Record<string, number>;
}

const NAME_RE = /^(Benchmark\S*?)(?:-(\d+))?$/;

/** Parses the values after the name: `1000  1234 ns/op  64 B/op …`; undefined when they are not results. */
function parseValues(fields: string[]): { iterations: number; metrics: Record<string, number> } | undefined {
  if (fields.length < 3 || fields.length % 2 === 0 || !/^\d+$/.test(fields[0])) return undefined;
  const metrics: Record<string, number> = {};
  for (let i = 1; i < fields.length; i += 2) {
    const v = Number(fields[i]);
    if (!Number.isFinite(v) || !/^[-+0-9.eE]+$/.test(fields[i])) return undefined;
    metrics[fields[i + 1]] = v;
  }
  return { iterations: Number(fields[0]), metrics };
}

/**
 * Benchmark results in the order printed. A benchmark that logs prints its name on a line of its
 * own and its numbers later on a line that starts with spaces; both shapes are read.
 */
export function parseBenchOutput(output: string): BenchResult[] {
  const results: BenchResult[] = [];
  let pending: { name: string; procs: number } | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/).filter((f) => f !== '');
    if (fields.length === 0) continue;
    const nm = NAME_RE.exec(fields[0]);
    if (nm && raw.startsWith('Benchmark')) {
      const values = parseValues(fields.slice(1));
      if (values) {
        results.push({ name: nm[1], procs: Number(nm[2] ?? 0), ...values });
        pending = undefined;
      } else if (fields.length === 1) {
        pending = { name: nm[1], procs: Number(nm[2] ?? 0) };
      }
      continue;
    }
    if (pending && /^\s/.test(raw)) {
      const values = parseValues(fields);
      if (values) {
        results.push({ ...pending, ...values });
        pending = undefined;
      }
    }
  }
  return results;
}

/** Several runs of one metric (-count N) summarized like benchstat v1: mean without outliers, ± max deviation. */
export interface MetricSummary {
  /** Mean of the values left after removing outliers (outside 1.5 IQR). */
  mean: number;
  /** Largest distance of a kept value from the mean, as a fraction of the mean (0 for one run). */
  spread: number;
  /** Runs measured, and runs kept. */
  n: number;
  kept: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Summarizes the values of one metric across runs; undefined for none. */
export function summarize(values: readonly number[]): MetricSummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const kept = sorted.filter((v) => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr);
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  const dev = Math.max(mean - kept[0], kept[kept.length - 1] - mean);
  return { mean, spread: mean === 0 ? 0 : dev / Math.abs(mean), n: values.length, kept: kept.length };
}

/** A run's benchmarks: per benchmark name, per unit, the summary of its -count results. */
export type BenchSummary = Record<string, Record<string, MetricSummary>>;

/** Groups results by benchmark and unit and summarizes each. */
export function summarizeBench(results: readonly BenchResult[]): BenchSummary {
  const values: Record<string, Record<string, number[]>> = {};
  for (const r of results) {
    const byUnit = (values[r.name] ??= {});
    for (const [unit, v] of Object.entries(r.metrics)) (byUnit[unit] ??= []).push(v);
  }
  const out: BenchSummary = {};
  for (const [name, byUnit] of Object.entries(values)) {
    out[name] = {};
    for (const [unit, vs] of Object.entries(byUnit)) out[name][unit] = summarize(vs)!;
  }
  return out;
}

/** The change of one metric between two runs. */
export interface MetricChange {
  /** (new - old) / old; undefined when old is 0 and new is not. */
  delta: number | undefined;
  /** True when the change is within the larger of the two spreads (benchstat would print `~`). */
  withinNoise: boolean;
}

/** The change from `old` to `cur`. */
export function compareMetric(old: MetricSummary, cur: MetricSummary): MetricChange {
  const delta = old.mean === 0 ? (cur.mean === 0 ? 0 : undefined) : (cur.mean - old.mean) / Math.abs(old.mean);
  const noise = Math.max(old.spread, cur.spread);
  return { delta, withinNoise: delta !== undefined && (delta === 0 || (noise > 0 && Math.abs(delta) <= noise)) };
}

/** Formats a number with 3 significant digits and an SI-like suffix per unit (`20.7µs`, `16.2KiB`, `1.00k`). */
export function formatMetric(value: number, unit: string): string {
  const sig = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (unit === 'ns/op') {
    const steps: [number, string][] = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];
    for (const [d, s] of steps) if (Math.abs(value) >= d || d === 1) return `${sig(value / d)}${s}`;
  }
  if (unit === 'B/op') {
    const steps: [number, string][] = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB'], [1, 'B']];
    for (const [d, s] of steps) if (Math.abs(value) >= d || d === 1) return d === 1 ? `${Math.round(value)}B` : `${sig(value / d)}${s}`;
  }
  if (unit === 'allocs/op') return String(Math.round(value));
  return Math.abs(value) >= 1e6 ? value.toExponential(2) : String(Number(value.toPrecision(3)));
}

/** Short names of the common units in summaries. */
const SHORT_UNIT: Record<string, string> = { 'ns/op': '/op', 'B/op': '/op', 'allocs/op': ' allocs/op' };

/** `20.7µs/op ± 3%` (no ± for one run). */
export function formatSummary(s: MetricSummary, unit: string): string {
  const spread = s.n > 1 ? ` ± ${Math.round(s.spread * 100)}%` : '';
  return `${formatMetric(s.mean, unit)}${SHORT_UNIT[unit] ?? ` ${unit}`}${spread}`;
}

/** `-41.2%`, `+3.0%`, `~` within the noise, `0%` equal, `new` from nothing. */
export function formatChange(c: MetricChange): string {
  if (c.delta === undefined) return 'new';
  if (c.delta === 0) return '0%';
  const text = `${c.delta > 0 ? '+' : '−'}${Math.abs(c.delta * 100).toFixed(1)}%`;
  return c.withinNoise ? `~ (${text}, within noise)` : text;
}

// -------------------------------------------------------------------------------------------------
// Outcome

/** Why a run did not produce a profile to list, in one line, with a source location when there is one. */
export interface GoTestFailure {
  kind: 'build' | 'test-failed' | 'no-match' | 'other';
  /** One line for a notification. */
  message: string;
  /** For build errors and failing tests: the first file (as printed, relative to the package dir) and 1-based line. */
  location?: { file: string; line: number; column?: number };
}

/** `./join.go:13:21: undefined: fieldx` (vet and compile errors) or `join_test.go:7: message` (t.Errorf). */
const LOCATION_RE = /^\s*((?:\.{0,2}\/)?[^\s:]+\.go):(\d+)(?::(\d+))?: (.*)$/;

/**
 * Decides what went wrong with a `go test` run from its exit code and output; undefined when it
 * succeeded and ran something. `what` names the target for messages (`BenchmarkJoin`).
 */
export function classifyGoTestOutput(exitCode: number, output: string, what: string, benchmark: boolean): GoTestFailure | undefined {
  const lines = output.split(/\r?\n/);
  if (exitCode !== 0) {
    const failIdx = lines.findIndex((l) => /^\s*--- FAIL: /.test(l));
    const buildFailed = lines.some((l) => /^FAIL\s+\S+.*\[(build|setup) failed\]/.test(l)) || (failIdx < 0 && lines.some((l) => /^# /.test(l)));
    if (buildFailed) {
      for (const l of lines) {
        const m = LOCATION_RE.exec(l);
        if (m) return { kind: 'build', message: `build failed: ${m[1].replace(/^\.\//, '')}:${m[2]}${m[3] ? `:${m[3]}` : ''}: ${m[4]}`, location: { file: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined } };
      }
      const first = lines.find((l) => l.trim() !== '' && !l.startsWith('# ') && !/^FAIL\s/.test(l)) ?? 'see the output';
      return { kind: 'build', message: `build failed: ${first.trim()}` };
    }
    if (failIdx >= 0) {
      const name = /--- FAIL: (\S+)/.exec(lines[failIdx])![1];
      for (const l of lines.slice(failIdx + 1)) {
        const m = LOCATION_RE.exec(l);
        if (m) return { kind: 'test-failed', message: `${name} failed: ${m[1]}:${m[2]}: ${m[4]}`, location: { file: m[1], line: Number(m[2]) } };
        if (/^\s*--- FAIL: /.test(l)) break;
      }
      return { kind: 'test-failed', message: `${name} failed (see the output)` };
    }
    const panic = lines.find((l) => l.startsWith('panic: '));
    if (panic) return { kind: 'test-failed', message: `${what} panicked: ${panic.slice('panic: '.length).trim()}` };
    const last = [...lines].reverse().find((l) => l.trim() !== '' && !/^(FAIL|exit status)/.test(l.trim()));
    return { kind: 'other', message: `go test exited with code ${exitCode}${last ? `: ${last.trim()}` : ''}` };
  }
  if (lines.some((l) => l.startsWith('testing: warning: no tests to run')) || /\[no test files\]/.test(output)) {
    return { kind: 'no-match', message: `no test matches ${what} in this package (is it saved, and in a _test.go file?)` };
  }
  if (benchmark && parseBenchOutput(output).length === 0) {
    return { kind: 'no-match', message: `no benchmark matches ${what} in this package (is it saved, and in a _test.go file?)` };
  }
  return undefined;
}
