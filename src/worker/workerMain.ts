// Entry of the profile worker thread: decodes once, answers ProfileApi calls from the host. The
// same script runs the worker's Graphviz thread.
import { parentPort, workerData } from 'node:worker_threads';
import { isProfileError } from '../core/errors';
import type { GrowthApi, ProfileApi, SeriesUpdate, WorkerCancel, WorkerEvent, WorkerMessage, WorkerRequest } from '../shared/protocol';
import { GraphvizThread, isGraphvizRole, serveGraphviz } from './graphvizThread';
import type { GrowthService } from './growthService';
import { ProfileService } from './profileService';
import { RequestQueue } from './requestQueue';
import { trace } from './trace';

// The thread's own start (its time origin), then the bundle loaded and evaluated.
trace('thread started', performance.timeOrigin);
trace('worker script loaded');

/** How long the profile worker stays idle after a view's answers before it starts Graphviz's thread. */
const GRAPHVIZ_IDLE_MS = 400;

const port = parentPort;
if (!port) throw new Error('workerMain must run in a worker thread');
// The same script is the profile worker's Graphviz thread (graphvizThread.ts).
if (isGraphvizRole(workerData)) serveGraphviz(port);
else serveProfile(port);

/** Answers the host's requests: a profile worker's ProfileApi, or a growth worker's GrowthApi. */
function serveProfile(port: NonNullable<typeof parentPort>): void {
  let service: ProfileService | undefined;
  // A growth worker (the same script) answers GrowthApi: many snapshots, captures, a live series.
  // Its module (captures: http, https, tls, crypto) loads on its first request, so that a profile
  // worker, which never captures, starts without it.
  let growth: Promise<GrowthService> | undefined;
  const growthService = () => (growth ??= import('./growthService.js').then((m) => new m.GrowthService()));

  /** Dispatches one request; each ProfileApi method appears once (exhaustive switch). */
  function handle(req: WorkerRequest): unknown {
    const post = (m: WorkerMessage) => port!.postMessage(m);
    switch (req.method) {
      case 'open': {
        const args = req.args as Parameters<ProfileApi['open']>[0];
        if (!service) {
          service = ProfileService.open(args.path, args.maxInflatedBytes, (fraction, message) => post({ kind: 'progress', id: req.id, fraction, message }));
          service.layoutDot = graphviz.layout;
        }
        return service.summary();
      }
      case 'files':
        return requireService().files();
      case 'lineStats':
        return requireService().lineStats(req.args as Parameters<ProfileApi['lineStats']>[0]);
      case 'hotLines':
        return requireService().hotLines(req.args as Parameters<ProfileApi['hotLines']>[0]);
      case 'lineDetail':
        return requireService().lineDetail(req.args as Parameters<ProfileApi['lineDetail']>[0]);
      case 'functionStats':
        return requireService().functionStats(req.args as Parameters<ProfileApi['functionStats']>[0]);
      case 'top':
        return requireService().top(req.args as Parameters<ProfileApi['top']>[0]);
      case 'functionSource':
        return requireService().functionSource(req.args as Parameters<ProfileApi['functionSource']>[0]);
      case 'peek':
        return requireService().peek(req.args as Parameters<ProfileApi['peek']>[0]);
      case 'labels':
        return requireService().labels(req.args as Parameters<ProfileApi['labels']>[0]);
      case 'checkQuery':
        return requireService().checkQuery(req.args as Parameters<ProfileApi['checkQuery']>[0]);
      case 'graph':
        // Graphviz's thread starts (if the worker never idled) while this thread builds the report.
        graphviz.start();
        return requireService().graph(req.args as Parameters<ProfileApi['graph']>[0]);
      case 'flame':
        return requireService().flame(req.args as Parameters<ProfileApi['flame']>[0]);
      case 'flameSearch':
        return requireService().flameSearch(req.args as Parameters<ProfileApi['flameSearch']>[0]);
      case 'compare':
        return requireService().compare(req.args as Parameters<ProfileApi['compare']>[0]);
      case 'analyzeGrowth':
        return growthService().then((g) => g.analyzeGrowth(req.args as Parameters<GrowthApi['analyzeGrowth']>[0]));
      case 'capture':
        return growthService().then((g) => g.capture(req.args as Parameters<GrowthApi['capture']>[0]));
      case 'startSeries':
        return growthService().then((g) =>
          g.startSeries(req.args as Parameters<GrowthApi['startSeries']>[0], (event: SeriesUpdate) => port!.postMessage({ kind: 'event', id: req.id, event } satisfies WorkerEvent)),
        );
      case 'stopSeries':
        return growthService().then((g) => g.stopSeries());
      case 'cancelCaptures':
        return growthService().then((g) => g.cancelCaptures());
      default: {
        const never: never = req.method;
        throw new Error(`unknown method ${String(never)}`);
      }
    }
  }

  function requireService(): ProfileService {
    if (!service) throw new Error('profile not opened yet');
    return service;
  }

  /** Runs one request and posts its answer (asynchronous answers, like the graph's, when they settle). */
  async function answer(req: WorkerRequest): Promise<void> {
    try {
      // Some answers are asynchronous (the graph waits for Graphviz's wasm): post the settled value.
      trace(`${req.method} start`);
      const result = await handle(req);
      trace(`${req.method} end`);
      port!.postMessage({ kind: 'result', id: req.id, result } satisfies WorkerMessage);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      port!.postMessage({ kind: 'error', id: req.id, message, isProfileError: isProfileError(e) } satisfies WorkerMessage);
    }
  }

  // Graphviz gets a thread of its own, started once the worker has been idle for GRAPHVIZ_IDLE_MS
  // after answering a view (Top, usually, and the hot lines the host asks right after it): Top
  // and the line stats never share the CPU with the wasm's start, and the Graph's first view
  // finds it loaded and warm.
  const graphviz = new GraphvizThread(__filename);
  let answeredView = false;

  // One request at a time, each in its own macrotask: a cancel that arrives while another request
  // computes drops its request before it starts.
  const inbox = new RequestQueue<WorkerRequest>(
    (req) => {
      if (req.method !== 'open') answeredView = true;
      void answer(req);
    },
    undefined,
    {
      ms: GRAPHVIZ_IDLE_MS,
      run: () => {
        if (answeredView && service) graphviz.start();
      },
    },
  );

  port.on('message', (m: WorkerRequest | WorkerCancel) => {
    if (m.kind === 'cancel') inbox.cancel(m.id);
    else inbox.push(m);
  });
}
