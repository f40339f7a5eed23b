// The Prometheus text exposition format (what a Go service's /metrics serves), parsed into
// samples. Pure: no I/O. Only what a timeline needs: metric name, labels, value; timestamps and
// exemplars are accepted and ignored; HELP/TYPE lines give each family's type.

/** One sample line of an exposition: `name{labels} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed exposition: every sample, and the declared TYPE of each family (counter, gauge, ...). */
export interface PromExposition {
  samples: PromSample[];
  types: Map<string, string>;
}

/** PromTextError is a body that is not the Prometheus text format; `message` is one line saying why. */
export class PromTextError extends Error {
  override readonly name = 'PromTextError';
}

/**
 * parsePromText parses a text exposition (version 0.0.4, also accepted: OpenMetrics' `# EOF`).
 * Invariant: a body without a single valid sample line throws PromTextError (an HTML page or a
 * JSON answer is not mistaken for an empty exposition); bad lines in an otherwise valid body
 * are skipped.
 */
export function parsePromText(text: string): PromExposition {
  const samples: PromSample[] = [];
  const types = new Map<string, string>();
  let bad = 0;
  let firstBad = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s+TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\w+)/.exec(line);
      if (m) types.set(m[1], m[2]);
      continue;
    }
    const s = parseSampleLine(line);
    if (s) samples.push(s);
    else if (bad++ === 0) firstBad = line;
  }
  if (samples.length === 0) {
    const head = text.trim().slice(0, 60).replace(/\s+/g, ' ').trim();
    throw new PromTextError(bad > 0 ? `not the Prometheus text format (first line: "${firstBad.slice(0, 60)}")` : head === '' ? 'an empty metrics page' : `no metric samples (starts with "${head}")`);
  }
  return { samples, types };
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** One sample line, or undefined when it is not one. */
function parseSampleLine(line: string): PromSample | undefined {
  const nm = NAME.exec(line);
  if (!nm) return undefined;
  const name = nm[0];
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    for (;;) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const lm = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
      if (!lm) return undefined;
      i += lm[0].length;
      while (line[i] === ' ') i++;
      if (line[i] !== '=' || line[i + 1] !== '"') return undefined;
      i += 2;
      let v = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) return undefined;
        if (c === '"') break;
        if (c === '\\') {
          const n = line[i + 1];
          v += n === 'n' ? '\n' : n;
          i += 2;
        } else {
          v += c;
          i++;
        }
      }
      i++;
      labels[lm[0]] = v;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length === 0 || rest[0] === '') return undefined;
  const value = parsePromNumber(rest[0]);
  if (value === undefined) return undefined;
  return { name, labels, value };
}

/** A Prometheus float: decimal, exponent, `+Inf`, `-Inf`, `NaN`. */
export function parsePromNumber(s: string): number | undefined {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** The sum of every sample of `name` (all label sets), or undefined when the family is absent. */
export function sumOf(expo: PromExposition, name: string): number | undefined {
  let sum: number | undefined;
  for (const s of expo.samples) if (s.name === name) sum = (sum ?? 0) + s.value;
  return sum;
}
