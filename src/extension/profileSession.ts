// A ProfileSession is one opened profile: its worker, its summary, the mapping of its source
// file names onto the workspace, and the sample type currently shown. The host never holds the
// decoded profile (DESIGN: the worker does).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { queryKey, type BaseRef, type ComparisonSummary, type FunctionStat, type HotLine, type LineDetail, type LineStat, type ProfileApi, type ProfileMethod, type ProfileSummary, type Query, type Refinements, type YourCodeSpec } from '../shared/protocol';
import type { FirstRequest, WebviewMethod } from '../shared/webviewProtocol';
import { CancelledError, WorkerClient, type CancelToken } from '../worker/workerClient';
import { HOT_LINES_SHARED } from './constants';
import { Disposable } from './dispose';
import { Gate } from './gate';
import { readSettings } from './config';
import type { InferredMapping, ResolutionVia, SourceResolver } from './sourceResolver';
import { isYourFile, workspaceModules, yourCodeSpec } from './yourCode';
import { logError } from './log';
import { trace } from '../worker/trace';

/** Normalizes a local path for map keys (case-insensitive file systems are not assumed). */
function key(p: string): string {
  return path.normalize(p);
}

/** A JSON text of a value with every object's keys sorted (undefined members dropped): equal arguments, equal text. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** A view request started before the view sent it (ProfileSession.prefetch). */
interface Prefetched {
  method: WebviewMethod;
  /** canonical() of its arguments without the query. */
  args: string;
  /** queryKey() of the query it was started for. */
  key: string;
  result: Promise<unknown>;
  cts: vscode.CancellationTokenSource;
}

/** One profile file name and where it resolved (or why not). */
export interface FileResolution {
  profileFile: string;
  localPath: string | undefined;
  reason?: string;
  /** The resolver rule that found it (tells GOROOT and the module cache from the user's files). */
  via?: ResolutionVia;
  /** Local files the name could be, when it stays open because they tie (Map Path… offers them first). */
  candidates?: string[];
}

/** One opened profile. Invariant: `summary` is set once open() resolved; the worker lives until dispose(). */
export class ProfileSession extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when the sample type or the file resolution changes: numbers must be redrawn. */
  readonly onDidChange = this._onDidChange.event;

  private _sampleIndex: number;
  private _refinements: Refinements = {};
  private _base: BaseRef | undefined;
  private _comparison: ComparisonSummary | undefined;
  private resolution = new Map<string, FileResolution>();
  private _inferred: InferredMapping[] = [];
  private localToProfile = new Map<string, string[]>();
  private readonly statsCache = new Map<string, Promise<LineStat[]>>();
  /**
   * The current query's hot lines, asked once (at least HOT_LINES_SHARED of them) and shared: the
   * status bar takes the first of the list the Hot Lines view shows, instead of a second request
   * that redoes the same ranking in the worker.
   */
  private hotLinesCache: { limit: number; lines: Promise<HotLine[]> } | undefined;
  /** A view request started ahead of the view (see prefetch), until taken or dropped. */
  private prefetched: Prefetched | undefined;
  /** The request the showing profile view sends again when the query changes (its Top page), and which view that is. */
  private viewRequest: { owner: object; request: FirstRequest } | undefined;
  /** Cancelled when the query changes: calls made for the old one are dropped in the worker. */
  private queryCts = new vscode.CancellationTokenSource();
  private _yourCode: YourCodeSpec | undefined;
  /**
   * Opened when a profile view of this session has had its first answer, or when the session has
   * no view (its view closed or went hidden first). The worker runs requests one at a time:
   * background requests (the status bar's hottest line) wait for it, so that the view's first
   * request (the Top table) is not queued behind them.
   */
  readonly viewAnswered = new Gate();
  /** The profile's source file names (asked from the worker when they are first resolved). */
  private filesAsked: Promise<string[]> | undefined;
  private _files: readonly string[] = [];
  /** Whether the source files have been resolved once (until then nothing maps to a local file). */
  private resolvedOnce = false;
  /**
   * Settles (never rejects) once the source files have been resolved the first time. Resolving
   * starts after the profile view's first answer (viewAnswered): the file lookups of a big
   * profile (thousands of names) would otherwise share the CPU with the Top table's report.
   * What needs local paths or the user's code (hot lines, line stats, Map Path…) waits for it.
   */
  readonly filesResolved: Promise<void>;

  private constructor(
    readonly uri: vscode.Uri,
    private readonly client: WorkerClient,
    readonly summary: ProfileSummary,
    private readonly resolver: SourceResolver,
  ) {
    super();
    this._sampleIndex = summary.defaultSampleIndex;
    this._register({ dispose: () => client.dispose() });
    this._register({ dispose: () => this.queryCts.dispose() });
    // A disposed session has no view left to wait for.
    this._register({ dispose: () => this.viewAnswered.open() });
    this._register({ dispose: () => this.dropPrefetch() });
    this.filesResolved = this.viewAnswered.opened
      .then(() => (this.isDisposed ? undefined : this.resolveFiles()))
      .catch((e: unknown) => logError(`resolving the source files of ${this.name} failed`, e));
  }

  /** Whether the source files are still being resolved the first time (the view says so instead of listing them unresolved). */
  get resolvingFiles(): boolean {
    return !this.resolvedOnce;
  }

  /**
   * The query changed: cached answers are stale, and calls still waiting for the old query are
   * cancelled (CancelledError), so the worker skips them and answers the new query first.
   */
  private supersedeQuery(): void {
    this.statsCache.clear();
    this.hotLinesCache = undefined;
    this.queryCts.cancel();
    this.queryCts.dispose();
    this.queryCts = new vscode.CancellationTokenSource();
    this.dropPrefetch();
    // The view will ask for its Top page again, for the new query: the worker starts it now, ahead
    // of what the change sets off (the status bar's and Hot Lines' ranking, annotations' line stats).
    if (this.viewRequest) this.prefetch(this.viewRequest.request);
  }

  /**
   * Starts a profile view's request for the current query before the view sends it: its first Top
   * page, announced by the webview while the file decodes, or its Top page again after a query
   * change. The worker computes it while the host resolves files and the state makes its round
   * trip through the webview, ahead of background requests. The view's identical request takes
   * the answer (takePrefetched); a query change, another view request or dropPrefetch cancels it
   * (the worker drops it unless it has started).
   */
  prefetch(r: FirstRequest): void {
    this.dropPrefetch();
    const cts = new vscode.CancellationTokenSource();
    // Taken or not, it is superseded by the next query change, like the view's own calls.
    this.queryCts.token.onCancellationRequested(() => cts.cancel());
    const query = this.query;
    const result: Promise<unknown> = this.client.call(r.method, { ...r.args, query }, { token: cts.token });
    // Nobody may take it: its failure is the taker's to see, not an unhandled rejection.
    result.catch(() => undefined);
    this.prefetched = { method: r.method, args: canonical(r.args), key: queryKey(query), result, cts };
  }

  /** The prefetched answer when a view asks exactly what was prefetched, for the same query (taken once); else undefined. */
  takePrefetched(method: WebviewMethod, args: object, query: Query): Promise<unknown> | undefined {
    const p = this.prefetched;
    if (!p || p.method !== method || p.key !== queryKey(query) || p.args !== canonical(args)) return undefined;
    this.prefetched = undefined;
    return p.result;
  }

  /** Cancels a prefetched request nobody took (the view asked for something else, or went away). */
  dropPrefetch(): void {
    const p = this.prefetched;
    if (!p) return;
    this.prefetched = undefined;
    p.cts.cancel();
    p.cts.dispose();
  }

  /**
   * Records the request a profile view (`owner`) sends when the query changes (its Top page), or
   * undefined when it shows another tab: a query change prefetches it (supersedeQuery).
   */
  setViewRequest(owner: object, request: FirstRequest | undefined): void {
    this.viewRequest = request ? { owner, request } : this.viewRequest?.owner === owner ? undefined : this.viewRequest;
  }

  /**
   * Decodes the file in a worker taken from `newWorker` (the session owns it from then on); `firstRequest` (read once decoded) is the request
   * the profile view announced it will send first (prefetched). The source files are resolved
   * after the view's first answer (filesResolved).
   */
  static async open(
    uri: vscode.Uri,
    newWorker: () => WorkerClient,
    resolver: SourceResolver,
    maxInflatedBytes: number,
    token: CancelToken,
    onProgress: (fraction: number, message: string) => void,
    firstRequest: () => FirstRequest | undefined = () => undefined,
  ): Promise<ProfileSession> {
    trace('take worker');
    const client = newWorker();
    trace('worker taken, open sent');
    try {
      const summary = await client.call('open', { path: uri.fsPath, maxInflatedBytes }, { token, onProgress });
      trace('open answered');
      const session = new ProfileSession(uri, client, summary, resolver);
      // The view's first page is computed while the files resolve and the state reaches the view.
      const first = firstRequest();
      if (first) session.prefetch(first);
      return session;
    } catch (e) {
      client.dispose();
      throw e;
    }
  }

  /** The file's base name, for titles and the status bar. */
  get name(): string {
    return path.basename(this.uri.fsPath);
  }

  get sampleIndex(): number {
    return this._sampleIndex;
  }

  /** The query every worker call carries: sample type and refinements, the same for every view. */
  get query(): Query {
    return { sampleIndex: this._sampleIndex, refinements: this._refinements, base: this._base };
  }

  /** The base profile this one is compared with ("Compare with Base Profile…"), or undefined. */
  get base(): BaseRef | undefined {
    return this._base;
  }

  /** Totals of both profiles while compared with a base. */
  get comparison(): ComparisonSummary | undefined {
    return this._comparison;
  }

  /** Compares with a base from now on (the worker decodes it once); every view shows deltas. */
  async compareWith(base: BaseRef, maxInflatedBytes?: number): Promise<ComparisonSummary> {
    const summary = await this.client.call('compare', { base, maxInflatedBytes });
    this._base = base;
    this._comparison = summary;
    this.supersedeQuery();
    this._onDidChange.fire();
    return summary;
  }

  /** Ends the comparison: the profile's own numbers again. */
  clearComparison(): void {
    if (!this._base) return;
    this._base = undefined;
    this._comparison = undefined;
    this.supersedeQuery();
    this._onDidChange.fire();
  }

  get refinements(): Readonly<Refinements> {
    return this._refinements;
  }

  /** Replaces the refinements (focus, ignore, hide, show, tag filters) for every view and the annotations. */
  setRefinements(r: Refinements): void {
    const clean: Refinements = {};
    for (const [k, v] of Object.entries(r) as [keyof Refinements, string | undefined][]) if (v) clean[k] = v;
    if (JSON.stringify(clean) === JSON.stringify(this._refinements)) return;
    this._refinements = clean;
    this.supersedeQuery();
    this._onDidChange.fire();
  }

  /** The current sample type with its total. */
  get sampleType() {
    return this.summary.sampleTypes[this._sampleIndex];
  }

  /** Switches the sample type shown everywhere. */
  setSampleIndex(i: number): void {
    if (i === this._sampleIndex || i < 0 || i >= this.summary.sampleTypes.length) return;
    this._sampleIndex = i;
    this.supersedeQuery();
    this._onDidChange.fire();
  }

  /** Re-resolves every source file name (after settings changed or a mapping was added). */
  async resolveFiles(): Promise<void> {
    const files = await (this.filesAsked ??= this.client.call('files', {}));
    const { files: results, inferred } = await this.resolver.resolveProfile(files, this.name);
    const resolution = new Map<string, FileResolution>();
    const localToProfile = new Map<string, string[]>();
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const yours: string[] = [];
    for (const f of files) {
      const r = results.get(f);
      const localPath = r?.path;
      const via = r && r.path !== undefined ? r.via : undefined;
      resolution.set(f, r === undefined || r.path !== undefined ? { profileFile: f, localPath, via } : { profileFile: f, localPath, reason: r.reason, candidates: r.candidates });
      if (localPath) {
        const k = key(localPath);
        localToProfile.set(k, [...(localToProfile.get(k) ?? []), f]);
        if (isYourFile(localPath, via, folders)) yours.push(f);
      }
    }
    this.resolution = resolution;
    this._files = files;
    this.localToProfile = localToProfile;
    this._yourCode = yourCodeSpec(readSettings(), yours, await workspaceModules());
    // What hot lines are charged to may have changed: rank again.
    this.hotLinesCache = undefined;
    this._inferred = inferred;
    this.resolvedOnce = true;
    trace('files resolved');
    this._onDidChange.fire();
  }

  /** The profile's source file names, as written in it (empty until first resolved). */
  get files(): readonly string[] {
    return this._files;
  }

  /** Where a profile file name resolved, or undefined (until the first resolution: undefined). */
  localPathOf(profileFile: string): string | undefined {
    return this.resolution.get(profileFile)?.localPath;
  }

  /** Where a profile file name resolves, once the source files are resolved (filesResolved); undefined when it is not found. */
  async resolvedPathOf(profileFile: string): Promise<string | undefined> {
    await this.filesResolved;
    return this.localPathOf(profileFile);
  }

  /** The profile file names that map onto a local file, once the source files are resolved; undefined when none. */
  private async profileNamesOf(localPath: string): Promise<string[] | undefined> {
    await this.filesResolved;
    return this.localToProfile.get(key(localPath));
  }

  /** The build roots learned from this profile's own files (pprofLens.inferPathMappings), most used first. */
  get inferredMappings(): readonly InferredMapping[] {
    return this._inferred;
  }

  /** How a profile file name resolved (or why not), or undefined for a name the profile lacks. */
  resolutionOf(profileFile: string): FileResolution | undefined {
    return this.resolution.get(profileFile);
  }

  /** Profile file names that could not be mapped onto the workspace. */
  unresolvedFiles(): FileResolution[] {
    return [...this.resolution.values()].filter((r) => !r.localPath);
  }

  /** Whether a local file has samples in this profile. */
  hasLocalFile(localPath: string): boolean {
    return this.localToProfile.has(key(localPath));
  }

  /** Per-line stats of a local file for the current sample type (merged over the profile names mapping to it). */
  async lineStatsFor(localPath: string): Promise<LineStat[]> {
    const names = await this.profileNamesOf(localPath);
    if (!names) return [];
    const cacheKey = names.join('\0');
    let p = this.statsCache.get(cacheKey);
    if (!p) {
      p = this.client.call('lineStats', { query: this.query, files: names }, { token: this.queryCts.token });
      this.statsCache.set(cacheKey, p);
    }
    return p;
  }

  /** Calls a worker method with this session's query, or another one (the profile view's requests). */
  callWithQuery<M extends ProfileMethod>(method: M, args: Omit<Parameters<ProfileApi[M]>[0], 'query'>, query: Query = this.query): Promise<ReturnType<ProfileApi[M]>> {
    // A call for the current query is superseded by the next change; one for another query
    // (checking a filter before applying it) is not.
    const token = queryKey(query) === queryKey(this.query) ? this.queryCts.token : undefined;
    return this.client.call(method, { ...args, query } as Parameters<ProfileApi[M]>[0], { token });
  }

  /**
   * What hot lines are charged to (the user's code, from the resolution, the workspace's go.mod
   * modules and settings), or undefined for pprof's leaf ranking (pprofLens.ranking = "leaf").
   */
  get yourCode(): YourCodeSpec | undefined {
    return this._yourCode;
  }

  /**
   * The hottest lines over all files, best first: charged to the user's lines unless ranking by
   * leaf. One worker request per query serves every caller asking for up to HOT_LINES_SHARED
   * lines (more asks again, and is shared from then on); superseded by a query change
   * (CancelledError).
   */
  hotLines(limit: number): Promise<HotLine[]> {
    // What they are charged to comes from the resolution: rank after it, for the query asked for.
    if (!this.resolvedOnce) {
      const token = this.queryCts.token;
      return this.filesResolved.then(() => {
        if (token.isCancellationRequested || !this.resolvedOnce) throw new CancelledError();
        return this.hotLines(limit);
      });
    }
    let c = this.hotLinesCache;
    if (!c || c.limit < limit) {
      const asked = Math.max(limit, HOT_LINES_SHARED);
      const lines = this.client.call('hotLines', { query: this.query, limit: asked, yourCode: this._yourCode }, { token: this.queryCts.token });
      c = this.hotLinesCache = { limit: asked, lines };
      // A failed answer is not kept: the next caller asks again.
      lines.catch(() => {
        if (this.hotLinesCache?.lines === lines) this.hotLinesCache = undefined;
      });
    }
    return c.lines.then((l) => (l.length > limit ? l.slice(0, limit) : l));
  }

  /** Hover detail for a line of a local file. */
  async lineDetail(localPath: string, line: number): Promise<LineDetail | undefined> {
    const names = await this.profileNamesOf(localPath);
    if (!names) return undefined;
    return this.client.call('lineDetail', { query: this.query, file: names[0], line, yourCode: this._yourCode });
  }

  /** Per-function stats of a local file (CodeLens). */
  async functionStatsFor(localPath: string): Promise<FunctionStat[]> {
    const names = await this.profileNamesOf(localPath);
    if (!names) return [];
    return this.client.call('functionStats', { query: this.query, files: names });
  }
}
