// The service itself as a timeline source: its /metrics page (Prometheus text format) scraped
// every N seconds, or, without a Prometheus client in the service, the runtime.MemStats block
// of /debug/pprof/heap?debug=1 and the total of /debug/pprof/goroutine?debug=1. The history
// lives in memory, capped. Node I/O through src/capture's fetchText (http(s), timeouts, caps).

import { CaptureError, fetchText, type FetchOptions } from '../capture/capture';
import { appendRow, emptyFrame, type MetricId, type TimelineFrame } from './frame';
import { MemStatsError, parseGoroutineTotal, parseMemStats } from './memStats';
import { PromTextError, parsePromText, sumOf } from './promText';
import { rankRequestCounters } from './requestCounters';
import { TimelineError } from './timelineError';

/** Rows kept at most: 24 hours at a 5-second interval. */
export const DEFAULT_HISTORY_CAP = 17_280;
/** Size cap of one metrics page or debug=1 answer. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** How the service is read: its /metrics page, or net/http/pprof's debug=1 text. */
export type ScrapeMode = 'metrics' | 'memstats';

/** One scrape: the row it added, and the counters the page offered. */
export interface ScrapeResult {
  row: Partial<Record<MetricId, number>>;
  counters: string[];
}

/** The base of a service URL: "http://h:p/metrics" and "http://h:p/debug/pprof/heap" give "http://h:p". */
export function serviceBase(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/\/(metrics|debug\/pprof(\/.*)?)\/?$/, '').replace(/\/+$/, '');
  return u.href.replace(/\/+$/, '');
}

/**
 * ServiceScraper reads one service and keeps its history as a TimelineFrame. The first scrape
 * decides the mode: /metrics when it answers in the Prometheus text format, else debug=1.
 * Invariant: `frame` never holds more than `cap` rows; a failed scrape adds no row.
 */
export class ServiceScraper {
  readonly base: string;
  readonly frame: TimelineFrame = emptyFrame();
  mode: ScrapeMode | undefined;
  /** The request counter summed into `requests` ('' for the first of the page's ranked counters). */
  counter: string;
  private lastRequests: { t: number; v: number } | undefined;

  constructor(
    url: string,
    private readonly opts: { cap?: number; counter?: string; fetch?: FetchOptions } = {},
  ) {
    try {
      this.base = serviceBase(url);
    } catch {
      throw new TimelineError(`${url} is not a URL: give one like http://localhost:8080`);
    }
    if (!/^https?:\/\//.test(this.base)) throw new TimelineError(`${url}: only http:// and https:// services can be scraped`);
    this.counter = opts.counter ?? '';
  }

  private async get(path: string): Promise<string> {
    try {
      return (await fetchText(`${this.base}${path}`, { maxBytes: MAX_PAGE_BYTES, readTimeoutMs: 10_000, ...this.opts.fetch })).text;
    } catch (e) {
      if (e instanceof CaptureError) throw new TimelineError(e.message);
      throw e;
    }
  }

  /** Scrapes once at `now` (Unix seconds) and appends the row. Throws TimelineError (one line). */
  async scrape(now = Date.now() / 1000): Promise<ScrapeResult> {
    let result: ScrapeResult;
    if (this.mode === 'memstats') result = await this.scrapeMemStats();
    else {
      try {
        result = await this.scrapeMetrics();
        this.mode = 'metrics';
      } catch (e) {
        if (this.mode === 'metrics' || !(e instanceof TimelineError)) throw e;
        // No Prometheus client in the service: fall back to net/http/pprof's MemStats.
        try {
          result = await this.scrapeMemStats();
        } catch (e2) {
          const a = e.message.replace(/^\S+: /, '');
          const b = (e2 as Error).message.replace(/^\S+: /, '');
          // The same network failure twice (refused, timeout, DNS) is one line.
          throw new TimelineError(a === b ? `${this.base}: ${a}` : `${this.base} serves neither /metrics (${a}) nor /debug/pprof/heap?debug=1 (${b})`);
        }
        this.mode = 'memstats';
      }
    }
    // The request rate between two scrapes; none across a counter reset.
    const r = result.row.requests;
    if (r !== undefined) {
      const prev = this.lastRequests;
      if (prev && r >= prev.v && now > prev.t) result.row.requestRate = (r - prev.v) / (now - prev.t);
      this.lastRequests = { t: now, v: r };
    }
    appendRow(this.frame, now, result.row, this.opts.cap ?? DEFAULT_HISTORY_CAP);
    return result;
  }

  private async scrapeMetrics(): Promise<ScrapeResult> {
    const text = await this.get('/metrics');
    let expo;
    try {
      expo = parsePromText(text);
    } catch (e) {
      if (e instanceof PromTextError) throw new TimelineError(`${this.base}/metrics: ${e.message}`);
      throw e;
    }
    const counters = rankRequestCounters(expo.samples.map((s) => s.name));
    if (this.counter === '' && counters.length > 0) this.counter = counters[0];
    const row: Partial<Record<MetricId, number>> = {
      rss: sumOf(expo, 'process_resident_memory_bytes'),
      heapInuse: sumOf(expo, 'go_memstats_heap_inuse_bytes'),
      heapAlloc: sumOf(expo, 'go_memstats_heap_alloc_bytes'),
      goroutines: sumOf(expo, 'go_goroutines'),
      startTime: sumOf(expo, 'process_start_time_seconds'),
      allocTotal: sumOf(expo, 'go_memstats_alloc_bytes_total'),
      gcCount: sumOf(expo, 'go_gc_duration_seconds_count'),
      requests: this.counter === '' ? undefined : sumOf(expo, this.counter),
    };
    if (row.rss === undefined && row.heapInuse === undefined && row.heapAlloc === undefined) {
      throw new TimelineError(`${this.base}/metrics has no process_resident_memory_bytes or go_memstats_* series (not Go's Prometheus client?)`);
    }
    return { row, counters };
  }

  private async scrapeMemStats(): Promise<ScrapeResult> {
    try {
      const [heap, goroutine] = await Promise.all([this.get('/debug/pprof/heap?debug=1'), this.get('/debug/pprof/goroutine?debug=1')]);
      const m = parseMemStats(heap);
      return { row: { heapInuse: m.heapInuse, heapAlloc: m.heapAlloc, allocTotal: m.totalAlloc, gcCount: m.numGC, goroutines: parseGoroutineTotal(goroutine) }, counters: [] };
    } catch (e) {
      if (e instanceof MemStatsError) throw new TimelineError(`${this.base}/debug/pprof: ${e.message}`);
      throw e;
    }
  }
}
