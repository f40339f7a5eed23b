// Messages between the profile editor's webview and the host. Nothing from the profile is ever
// inlined into the HTML: the webview says `ready`, the host pushes the editor's state, and the
// webview pulls its views from the worker with typed requests the host forwards.
import type { BaseMode, ProfileApi, ProfileSummary, QueryCheck, Refinements } from './protocol';

/** A profile file name and where it resolved in the workspace (undefined: not found). */
export interface ResolvedFile {
  profileFile: string;
  localPath: string | undefined;
}

/** A build root the host learned from the profile's own files (pprofLens.inferPathMappings). */
export interface InferredRoot {
  /** The prefix as the profile spells it ("/app", "C:\\Users\\dev\\shop"). */
  from: string;
  /** The local folder, as the workspace shows it (its name, or a workspace-relative path). */
  to: string;
  /** Profile files found unambiguously that imply it. */
  evidence: number;
  /** Profile files it placed, a few of them. */
  placed: string[];
  /** How many it placed in all. */
  placedCount: number;
}

/**
 * The ProfileApi methods a webview may call. The host adds the session's query (sample type and
 * refinements) to the arguments, so every view shows the numbers the editor annotations show.
 */
export const WEBVIEW_METHODS = ['top', 'functionSource', 'peek', 'labels', 'graph', 'flame', 'flameSearch'] as const satisfies readonly (keyof ProfileApi)[];

/** A method of WEBVIEW_METHODS. */
export type WebviewMethod = (typeof WEBVIEW_METHODS)[number];

/** Arguments of a webview call: the method's arguments without the query (the host adds it). */
export type WebviewArgs<M extends WebviewMethod> = Omit<Parameters<ProfileApi[M]>[0], 'query'>;

/** What a webview call resolves to. */
export type WebviewResult<M extends WebviewMethod> = ReturnType<ProfileApi[M]>;

/** A call of one allowlisted method, typed by it. */
export type WebviewRequest = { [M in WebviewMethod]: { type: 'request'; id: number; method: M; args: WebviewArgs<M> } }[WebviewMethod];

/**
 * A view's first request, announced before the profile is open (`ready`): the host may start it
 * while it resolves files and sends the state, and answers the view's real request with it.
 */
export interface FirstRequest {
  method: 'top';
  args: WebviewArgs<'top'>;
}

/** Whether a method name from the webview is one it may call. */
export function isWebviewMethod(m: unknown): m is WebviewMethod {
  return typeof m === 'string' && (WEBVIEW_METHODS as readonly string[]).includes(m);
}

/** The profile editor's state: what every view depends on, pushed whenever it changes. */
export interface ViewerState {
  fileName: string;
  summary: ProfileSummary;
  sampleIndex: number;
  refinements: Refinements;
  /** Source files and where they resolved (empty while resolvingFiles). */
  files: ResolvedFile[];
  /** True while the source files are looked up the first time (after the first view's answer): `files` is empty until then. */
  resolvingFiles: boolean;
  /** Build roots learned from the profile that placed files no other rule could. */
  inferred: InferredRoot[];
  /** Whether this profile is the one annotating the editors. */
  active: boolean;
  /**
   * protocol.queryKey of the session's full query (sample type, refinements, base): responses
   * carry the key they were computed for, and views refetch when it changes.
   */
  queryKey: string;
  /** The base this profile is compared with (every view then shows pprof's differences). */
  comparison: { baseName: string; mode: BaseMode } | undefined;
}

/** Host → webview. */
export type HostToWebview =
  /** The profile is being decoded (fraction 0..1). */
  | { type: 'loading'; fileName: string; fraction: number; message: string }
  /** The profile could not be opened: the engine's one-line reason. */
  | { type: 'error'; fileName: string; message: string }
  /** The editor's state; views refetch when its query (sample type, refinements) changed. */
  | { type: 'state'; state: ViewerState }
  /** The answer to request `id`; `queryKey` is the query it was computed for (see protocol.queryKey). */
  | { type: 'response'; id: number; queryKey: string; result?: unknown; error?: string };

/** Webview → host. */
export type WebviewToHost =
  /** The webview is ready to receive data; `first` is the request its view will send first once the state arrives. */
  | { type: 'ready'; first?: FirstRequest }
  /** Calls a worker method with the session's query; answered by a `response`. */
  | WebviewRequest
  /** The user picked a sample type (for every view, the annotations and the status bar). */
  | { type: 'selectSampleType'; index: number }
  /**
   * The user changed the refinements. Answered by a `response` whose result is the QueryCheck:
   * when it has an error, nothing changed.
   */
  | { type: 'setRefinements'; id: number; refinements: Refinements }
  /** Open a profile source line in the editor (Map Path… when it is not in the workspace). */
  | { type: 'openSource'; file: string; line: number; beside: boolean }
  /** The user wants to map an unresolved profile path onto a workspace file. */
  | { type: 'mapPath'; profileFile: string }
  /** Save the inferred build roots as pprofLens.pathMappings entries. */
  | { type: 'saveInferredMappings' }
  /** Turn pprofLens.inferPathMappings off. */
  | { type: 'turnOffInference' }
  /** Open a resolved source file. */
  | { type: 'openFile'; profileFile: string }
  /** Run Go to Hottest Line for this profile. */
  | { type: 'goToHottestLine' };

/** The result of a `setRefinements` request. */
export type SetRefinementsResult = QueryCheck;
