// The `runtime.MemStats` block of /debug/pprof/heap?debug=1 and the total of
// /debug/pprof/goroutine?debug=1: the timeline's source for a service without a Prometheus
// client. Pure: no I/O.

/** The MemStats fields a timeline uses, in bytes (MemStats has no RSS: that series stays empty in this mode). */
export interface MemStatsSample {
  heapInuse: number;
  heapAlloc: number;
  sys: number;
  /** Cumulative bytes allocated: a counter, so it going back means the process restarted. */
  totalAlloc: number;
  numGC: number;
}

/** MemStatsError is a body without a MemStats block; `message` is one line saying why. */
export class MemStatsError extends Error {
  override readonly name = 'MemStatsError';
}

/**
 * parseMemStats reads the `# runtime.MemStats` block that net/http/pprof appends to the heap
 * profile in debug=1 text. Invariant: throws MemStatsError unless HeapInuse, HeapAlloc, Sys and
 * TotalAlloc are all present.
 */
export function parseMemStats(text: string): MemStatsSample {
  const field = (name: string): number | undefined => {
    const m = new RegExp(`^#\\s*${name}\\s*=\\s*(\\d+)\\s*$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const heapInuse = field('HeapInuse');
  const heapAlloc = field('HeapAlloc');
  const sys = field('Sys');
  const totalAlloc = field('TotalAlloc');
  if (heapInuse === undefined || heapAlloc === undefined || sys === undefined || totalAlloc === undefined) {
    throw new MemStatsError(/^heap profile:/m.test(text) ? 'the heap profile has no runtime.MemStats block' : 'not a heap profile in debug=1 text (no "# runtime.MemStats" block)');
  }
  return { heapInuse, heapAlloc, sys, totalAlloc, numGC: field('NumGC') ?? 0 };
}

/** The goroutine count from `goroutine profile: total N` (debug=1), or MemStatsError. */
export function parseGoroutineTotal(text: string): number {
  const m = /^goroutine profile: total (\d+)/m.exec(text);
  if (!m) throw new MemStatsError('not a goroutine profile in debug=1 text (no "goroutine profile: total N" line)');
  return Number(m[1]);
}
