// A Prometheus server as a timeline source, through its HTTP API: the scrape targets (job and
// instance to pick from), the service's counters (to pick a request counter), and range
// queries of the memory series. Node I/O through src/capture's fetchText: http(s) only,
// timeouts, size caps. Prometheus is the distributed engine; this only asks it questions.

import { CaptureError, fetchText, type FetchOptions } from '../capture/capture';
import { durationText } from './analysis';
import { mergeSamples, type MetricId, type MetricSamples, type TimelineFrame } from './frame';
import { rankRequestCounters } from './requestCounters';
import { TimelineError } from './timelineError';

/** A scrape target of the server: what the user picks. */
export interface PromTarget {
  job: string;
  instance: string;
  /** "up", "down" or "unknown", as the server last saw it. */
  health: string;
  /** The last scrape error, when down. */
  lastError: string;
  /** The target's scrape interval in seconds. */
  scrapeInterval: number;
}

/** The window of a range query, in Unix seconds. */
export interface PromWindow {
  start: number;
  end: number;
  /** Resolution in seconds; 0 picks one (at least the scrape interval, at most MAX_POINTS points). */
  step: number;
}

/** The longest window a timeline asks for. */
export const MAX_RANGE_SECONDS = 31 * 86400;
/** Points per series at most: Prometheus refuses more than 11,000 per query. */
export const MAX_POINTS = 10_000;
/** Size cap of one API answer. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The gauges a timeline queries for each metric (the Go client's default names). */
const GAUGES: Partial<Record<MetricId, string>> = {
  rss: 'process_resident_memory_bytes',
  heapInuse: 'go_memstats_heap_inuse_bytes',
  heapAlloc: 'go_memstats_heap_alloc_bytes',
  goroutines: 'go_goroutines',
  startTime: 'process_start_time_seconds',
  allocTotal: 'go_memstats_alloc_bytes_total',
  gcCount: 'go_gc_duration_seconds_count',
};

/** A PromQL label matcher value: backslashes and quotes escaped. */
function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `{job="…",instance="…"}` for a target. */
export function selector(t: Pick<PromTarget, 'job' | 'instance'>): string {
  return `{job=${quote(t.job)},instance=${quote(t.instance)}}`;
}

/** PrometheusClient asks one Prometheus server; every failure is a one-line TimelineError. */
export class PrometheusClient {
  readonly base: string;
  constructor(
    base: string,
    private readonly opts: FetchOptions = {},
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  /** GET /api/v1/<path>; returns `data` of a success answer. */
  async api(path: string, params: Record<string, string | string[]> = {}): Promise<unknown> {
    const u = new URL(`${this.base}/api/v1/${path}`);
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, one);
    let text: string;
    let status: number;
    try {
      const r = await fetchText(u.href, { maxBytes: MAX_ANSWER_BYTES, readTimeoutMs: 60_000, ...this.opts, errorBodies: true });
      text = r.text;
      status = r.status;
    } catch (e) {
      if (e instanceof CaptureError) throw new TimelineError(e.message);
      throw e;
    }
    let body: { status?: string; data?: unknown; error?: string; errorType?: string };
    try {
      body = JSON.parse(text);
    } catch {
      const what = /^\s*</.test(text) ? 'an HTML page' : status >= 400 ? `HTTP ${status}` : 'something that is not JSON';
      throw new TimelineError(`${this.base} is not a Prometheus server: /api/v1/${path} answered ${what}; give the Prometheus URL (e.g. http://localhost:9090) or a service URL`);
    }
    if (body.status === 'error') throw new TimelineError(`Prometheus query failed (${body.errorType ?? `HTTP ${status}`}): ${body.error ?? 'no reason given'}`);
    if (body.status !== 'success') throw new TimelineError(`${this.base} is not a Prometheus server: /api/v1/${path} answered JSON without "status"`);
    return body.data;
  }

  /** Whether the URL is a Prometheus server (its build info answers). Never throws. */
  async isPrometheus(): Promise<boolean> {
    try {
      const d = (await this.api('status/buildinfo')) as { version?: unknown };
      return typeof d?.version === 'string';
    } catch {
      return false;
    }
  }

  /** The active scrape targets, sorted by job then instance. */
  async targets(): Promise<PromTarget[]> {
    const d = (await this.api('targets', { state: 'active' })) as { activeTargets?: Array<{ labels?: Record<string, string>; health?: string; lastError?: string; scrapeInterval?: string }> };
    const out: PromTarget[] = [];
    for (const t of d?.activeTargets ?? []) {
      const job = t.labels?.job;
      const instance = t.labels?.instance;
      if (job === undefined || instance === undefined) continue;
      out.push({ job, instance, health: t.health ?? 'unknown', lastError: t.lastError ?? '', scrapeInterval: goDurationSeconds(t.scrapeInterval ?? '') ?? 15 });
    }
    return out.sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0));
  }

  /** The target matching job (and instance when given); a TimelineError names the choices otherwise. */
  async target(job: string, instance?: string): Promise<PromTarget> {
    const all = await this.targets();
    if (all.length === 0) throw new TimelineError(`${this.base} has no active scrape targets: add the service to its scrape_configs`);
    const ofJob = all.filter((t) => t.job === job);
    if (ofJob.length === 0) throw new TimelineError(`no target with job="${job}" on ${this.base}; jobs: ${[...new Set(all.map((t) => t.job))].join(', ')}`);
    if (instance === undefined || instance === '') {
      if (ofJob.length > 1) throw new TimelineError(`job="${job}" has ${ofJob.length} instances: pick one (${ofJob.map((t) => t.instance).join(', ')})`);
      return ofJob[0];
    }
    const t = ofJob.find((x) => x.instance === instance);
    if (!t) throw new TimelineError(`job="${job}" has no instance "${instance}"; instances: ${ofJob.map((x) => x.instance).join(', ')}`);
    return t;
  }

  /** The target's counters that may count requests, common HTTP ones first. */
  async requestCounters(t: Pick<PromTarget, 'job' | 'instance'>): Promise<string[]> {
    const names = (await this.api('label/__name__/values', { 'match[]': selector(t) })) as unknown;
    return rankRequestCounters(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
  }

  /** One range query; the first series of the matrix (callers aggregate to one), or empty. */
  async queryRange(expr: string, w: PromWindow): Promise<MetricSamples> {
    const d = (await this.api('query_range', { query: expr, start: String(w.start), end: String(w.end), step: String(w.step) })) as { resultType?: string; result?: Array<{ values?: Array<[number, string]> }> };
    const values = d?.result?.[0]?.values ?? [];
    return { t: values.map((p) => Number(p[0])), v: values.map((p) => Number(p[1])) };
  }
}

/** Seconds of a Go/Prometheus duration ("15s", "1m", "1m30s", "500ms"), or undefined. */
export function goDurationSeconds(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  let seen = '';
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    seen += m[0];
  }
  return seen !== '' && seen === s ? total : undefined;
}

/**
 * windowFor picks the query window ending at `end` and lasting `seconds`: a step of at least the
 * scrape interval and at most MAX_POINTS points, in whole seconds. A range over
 * MAX_RANGE_SECONDS is a TimelineError.
 */
export function windowFor(end: number, seconds: number, scrapeInterval: number, step = 0): PromWindow {
  if (!(seconds > 0)) throw new TimelineError('the time range must be longer than 0s');
  if (seconds > MAX_RANGE_SECONDS) throw new TimelineError(`the time range ${durationText(seconds)} is too large: at most ${durationText(MAX_RANGE_SECONDS)}; pick a shorter one`);
  const auto = Math.max(scrapeInterval, Math.ceil(seconds / MAX_POINTS));
  const s = step > 0 ? Math.max(step, Math.ceil(seconds / MAX_POINTS)) : Math.ceil(auto);
  const e = Math.floor(end / s) * s;
  return { start: e - Math.floor(seconds / s) * s, end: e, step: s };
}

/** What loadPrometheusFrame read, and what the user should know about it. */
export interface PrometheusTimeline {
  frame: TimelineFrame;
  target: PromTarget;
  /** The counter the request series come from ('' when none). */
  counter: string;
  /** One line each: a target down, a series missing. */
  notes: string[];
}

/**
 * loadPrometheusFrame queries the memory series of one target over a window: RSS, heap in-use,
 * heap alloc, goroutines, process start time, bytes allocated, GC cycles, and with a counter, its sum and
 * its rate. Missing series become notes; no memory series at all is a TimelineError.
 */
export async function loadPrometheusFrame(client: PrometheusClient, target: PromTarget, w: PromWindow, counter: string): Promise<PrometheusTimeline> {
  const sel = selector(target);
  const byMetric: Partial<Record<MetricId, MetricSamples>> = {};
  const notes: string[] = [];
  if (target.health === 'down') notes.push(`target ${target.instance} (job ${target.job}) is down${target.lastError ? `: ${target.lastError}` : ''}`);
  const queries: Array<[MetricId, string]> = Object.entries(GAUGES).map(([id, name]) => [id as MetricId, `sum(${name}${sel})`]);
  if (counter !== '') {
    // Grafana's $__rate_interval: at least four scrapes, and a step plus one scrape.
    const range = Math.max(4 * target.scrapeInterval, w.step + target.scrapeInterval);
    queries.push(['requests', `sum(${counter}${sel})`], ['requestRate', `sum(rate(${counter}${sel}[${Math.ceil(range)}s]))`]);
  }
  const answers = await Promise.all(queries.map(([, q]) => client.queryRange(q, w)));
  queries.forEach(([id], i) => (byMetric[id] = answers[i]));
  const memory: MetricId[] = ['rss', 'heapInuse', 'heapAlloc'];
  if (memory.every((id) => byMetric[id]!.t.length === 0)) {
    throw new TimelineError(`no memory samples for ${sel} in the last ${durationText(w.end - w.start)}: the target exports no process_resident_memory_bytes or go_memstats_* (not a Go service with the Prometheus client?) or was not scraped then`);
  }
  for (const id of memory) if (byMetric[id]!.t.length === 0) notes.push(`no ${GAUGES[id]} for ${sel}`);
  if (counter !== '' && byMetric.requests!.t.length === 0) notes.push(`no samples of ${counter} for ${sel}`);
  return { frame: mergeSamples(byMetric), target, counter, notes };
}
