// The editor's hot lines charged to the user's code (attribution): Go to Hottest Line, Next/Previous
// Hot Line, the Hot Lines view and the status bar rank the line of the user's code that caused
// the samples, and the hover says what it calls into. Per-line annotations keep pprof's numbers
// (ProfileService's line index); this only answers the questions that rank lines.
import { buildAttribution, chargedLines, formatVia, type Attribution, type ChargedLine } from '../core/attribution';
import type { Config } from '../core/driver';
import { goroutineSuspectText, isGoroutineProfile, waitReasonOf } from '../core/goroutines';
import { percentage } from '../core/measurement';
import type { Profile } from '../core/profile';
import { formatReportValue } from '../core/report/report';
import { yourCodePredicate, type YourCodeSpec } from '../core/yourCode';
import { queryKey, type HotLine, type LineCharge, type Query } from '../shared/protocol';

/** How many attributions are kept (each is one -list graph plus its charges). */
const CACHED = 8;

/** One query's attribution, with its lines ranked and indexed by place. */
interface Ranked {
  attribution: Attribution;
  lines: ChargedLine[];
  byPlace: Map<string, ChargedLine>;
  goroutines: boolean;
}

/** Answers hotLines and the hover's charge under attribution, for one profile. Invariant: cached by query and spec. */
export class AttributedLines {
  private readonly cache = new Map<string, Ranked>();

  constructor(
    private readonly profileFor: (q: Query) => Profile,
    private readonly config: (q: Query) => Config,
  ) {}

  private ranked(q: Query, spec: YourCodeSpec): Ranked {
    const key = `${queryKey(q)}\u0000${JSON.stringify(spec)}`;
    let r = this.cache.get(key);
    if (r) return r;
    const p = this.profileFor(q);
    const goroutines = isGoroutineProfile(p.sampleTypes);
    const attribution = buildAttribution(p, this.config(q), yourCodePredicate(spec), goroutines ? { tagFrame: waitReasonOf } : {});
    const lines = chargedLines(attribution.charges);
    const byPlace = new Map(lines.map((l) => [`${l.file}\u0000${l.line}`, l]));
    r = { attribution, lines, byPlace, goroutines };
    if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, r);
    return r;
  }

  /** The lines charged most, best first, as HotLines (flat: the charged value; cum: pprof's cum of the line). */
  hotLines(q: Query, spec: YourCodeSpec, limit: number): HotLine[] {
    const r = this.ranked(q, spec);
    const { index } = r.attribution;
    const o = index.options;
    const format = (v: number) => formatReportValue(v, o.sampleUnit, 'minimum', o.ratio);
    return r.lines.slice(0, Math.max(0, limit)).map((l) => {
      const main = l.charges.reduce((a, b) => (Math.abs(b.value) > Math.abs(a.value) ? b : a));
      const cum = index.files.get(l.file)?.get(l.line)?.cum ?? 0;
      const h: HotLine = {
        file: l.file,
        line: l.line,
        functionName: main.node.info.name,
        flat: l.value,
        cum,
        flatText: format(l.value),
        cumText: format(cum),
        flatPercent: percentage(l.value, index.total),
      };
      if (main.via[0]) h.via = formatVia(main.via[0], main.value);
      if (r.goroutines && main.user) h.goroutines = goroutineSuspectText(l.value, main);
      return h;
    });
  }

  /** What one line is charged with, or undefined when nothing is charged to it. */
  charge(q: Query, spec: YourCodeSpec, file: string, line: number): LineCharge | undefined {
    const r = this.ranked(q, spec);
    const l = r.byPlace.get(`${file}\u0000${line}`);
    if (!l || l.value === 0) return undefined;
    const o = r.attribution.index.options;
    const via = l.charges.flatMap((c) => c.via.map((v) => ({ v, of: l.value }))).sort((a, b) => Math.abs(b.v.value) - Math.abs(a.v.value));
    const main = l.charges.reduce((a, b) => (Math.abs(b.value) > Math.abs(a.value) ? b : a));
    return {
      valueText: formatReportValue(l.value, o.sampleUnit, 'minimum', o.ratio),
      percent: percentage(l.value, r.attribution.index.total).trim(),
      via: via.slice(0, 3).map(({ v, of }) => formatVia(v, of)),
      goroutines: r.goroutines && main.user ? goroutineSuspectText(l.value, main) : undefined,
    };
  }
}
