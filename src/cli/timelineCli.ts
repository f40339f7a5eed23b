// `pprof-lens -timeline URL`: the memory timeline's verdicts as text, for CI and terminals.
// URL is a Prometheus server (with -job, and -instance when the job has several) or the
// service itself (scraped every -interval for -duration). stdout: one line per verdict, then
// the per-request line; notes go to stderr as `pprof-lens: ...` lines. Exit status 1 with one
// stderr line when the source cannot answer, 2 on a bad command line.

import { analyzeTimeline, durationText, timelineReport } from '../timeline/analysis';
import type { TimelineFrame } from '../timeline/frame';
import { PrometheusClient, goDurationSeconds, loadPrometheusFrame, windowFor } from '../timeline/prometheusSource';
import { ServiceScraper } from '../timeline/serviceSource';
import { TimelineError } from '../timeline/timelineError';

/** What one run produced (the shape of run.ts's CliResult). */
export interface TimelineCliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The -timeline command line. */
export interface TimelineArgs {
  url: string;
  job: string;
  instance: string;
  /** Request counter ('' picks the first common one). */
  counter: string;
  /** Prometheus: the window's length in seconds. */
  range: number;
  /** Prometheus: the step (0 picks one). */
  step: number;
  /** Service: seconds between scrapes, and how long to scrape. */
  interval: number;
  duration: number;
}

const FLAGS: Record<string, { arg: string; help: string }> = {
  job: { arg: 'name', help: 'Prometheus: the job of the service (its label value)' },
  instance: { arg: 'host:port', help: 'Prometheus: the instance, when the job has several' },
  counter: { arg: 'metric', help: 'The request counter (default: the first common HTTP *_total one)' },
  range: { arg: 'duration', help: 'Prometheus: how far back to look (default 1h, at most 31d)' },
  step: { arg: 'duration', help: 'Prometheus: the resolution (default: the scrape interval, at most 10,000 points)' },
  interval: { arg: 'duration', help: 'Service: time between scrapes of /metrics (default 5s)' },
  duration: { arg: 'duration', help: 'Service: how long to scrape before the verdict (default 1m)' },
};

/** Help text of -timeline. */
export function timelineUsage(): string {
  let s = 'usage: pprof-lens -timeline [flags] URL\n  URL is a Prometheus server (with -job) or a Go service (its /metrics or /debug/pprof).\n';
  for (const [name, f] of Object.entries(FLAGS)) s += `  -${name} ${f.arg}\n        ${f.help}\n`;
  return s;
}

class UsageError extends Error {}

/** Parses the -timeline command line (Go flag syntax: -name=value or -name value). */
export function parseTimelineArgs(argv: readonly string[]): TimelineArgs {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?([a-z_]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    if (m[1] === 'timeline') continue;
    if (!(m[1] in FLAGS)) throw new UsageError(`flag provided but not defined with -timeline: -${m[1]}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new UsageError(`flag needs an argument: -${m[1]}`);
    values.set(m[1], v);
  }
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? '-timeline needs a URL: a Prometheus server or a service' : `-timeline takes one URL, got ${rest.length}`);
  const dur = (name: string, def: number): number => {
    const v = values.get(name);
    if (v === undefined) return def;
    const s = goDurationSeconds(v);
    if (s === undefined || s <= 0) throw new UsageError(`invalid value "${v}" for flag -${name}: want a duration like 30s, 15m, 7d`);
    return s;
  };
  return {
    url: rest[0],
    job: values.get('job') ?? '',
    instance: values.get('instance') ?? '',
    counter: values.get('counter') ?? '',
    range: dur('range', 3600),
    step: values.has('step') ? dur('step', 0) : 0,
    interval: dur('interval', 5),
    duration: dur('duration', 60),
  };
}

/** Runs `pprof-lens -timeline ...`. Never rejects. */
export async function runTimeline(argv: readonly string[], env: { stderr?: (text: string) => void; signal?: AbortSignal } = {}): Promise<TimelineCliResult> {
  if (argv.some((a) => /^--?h(elp)?$/.test(a))) return { status: 0, stdout: timelineUsage(), stderr: '' };
  let args: TimelineArgs;
  try {
    args = parseTimelineArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return { status: 2, stdout: '', stderr: `pprof-lens: ${e.message}\n${timelineUsage()}` };
    throw e;
  }
  const notes: string[] = [];
  try {
    let frame: TimelineFrame;
    let header: string;
    const prom = new PrometheusClient(args.url);
    if (args.job !== '' || (await prom.isPrometheus())) {
      if (args.job === '') {
        const jobs = [...new Set((await prom.targets()).map((t) => t.job))];
        throw new TimelineError(`${args.url} is a Prometheus server: pick the service with -job (jobs: ${jobs.join(', ') || 'none'})`);
      }
      const target = await prom.target(args.job, args.instance);
      const counter = args.counter !== '' ? args.counter : ((await prom.requestCounters(target))[0] ?? '');
      const w = windowFor(Date.now() / 1000, args.range, target.scrapeInterval, args.step);
      const r = await loadPrometheusFrame(prom, target, w, counter);
      frame = r.frame;
      notes.push(...r.notes);
      header = `Prometheus ${prom.base} job="${target.job}" instance="${target.instance}", last ${durationText(args.range)} at ${durationText(w.step)} steps, requests from ${counter || '(no counter)'}`;
    } else {
      const scraper = new ServiceScraper(args.url, { counter: args.counter });
      const rounds = Math.max(1, Math.floor(args.duration / args.interval) + 1);
      for (let i = 0; i < rounds && !env.signal?.aborted; i++) {
        if (i > 0) await sleep(args.interval * 1000, env.signal);
        try {
          await scraper.scrape();
        } catch (e) {
          // The first scrape decides whether this is a service at all; later ones may fail (a restart).
          if (i === 0 || !(e instanceof TimelineError)) throw e;
          notes.push(e.message);
        }
        env.stderr?.(`pprof-lens: scrape ${i + 1}/${rounds}\n`);
      }
      frame = scraper.frame;
      header = `service ${scraper.base} (${scraper.mode === 'metrics' ? '/metrics' : '/debug/pprof debug=1 MemStats'}), ${frame.t.length} scrapes ${durationText(args.interval)} apart, requests from ${scraper.counter || '(no counter)'}`;
    }
    const lines = [header, ...timelineReport(frame, analyzeTimeline(frame))];
    return { status: 0, stdout: lines.join('\n') + '\n', stderr: notes.map((n) => `pprof-lens: ${n}\n`).join('') };
  } catch (e) {
    if (e instanceof TimelineError) return { status: 1, stdout: '', stderr: `pprof-lens: ${e.message}\n` };
    return { status: 1, stdout: '', stderr: `pprof-lens: ${(e as Error).message.split('\n')[0]}\n` };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
