// Typed settings, read only here (DESIGN style rule 7). Every setting is validated: a wrong
// value falls back to its default and is reported once, instead of breaking a feature.
import * as vscode from 'vscode';
import { resolveCaptureDir } from '../capture/captureDir';
import type { CaptureLimits } from '../shared/protocol';
import { PREFIX } from './constants';
import { showWarning } from './log';

/** Where the flat/cum column goes. */
export type AnnotationPosition = 'before' | 'after' | 'off';

/** A path mapping, as vscode-go's substitutePath. */
export interface PathMapping {
  from: string;
  to: string;
}

/** All settings of the extension, validated. */
export interface Settings {
  annotationPosition: AnnotationPosition;
  heatBy: 'flat' | 'cum';
  /** Percent of the total below which a line keeps no heat color. */
  heatThresholdPercent: number;
  codeLens: boolean;
  maxProfileSizeMB: number;
  pathMappings: PathMapping[];
  /** Learn build roots from a profile's own unambiguous files (`/app` → the workspace folder). */
  inferPathMappings: boolean;
  sourceRoots: string[];
  goModCache: string;
  goRoot: string;
  capture: CaptureSettings;
  tests: TestProfilingSettings;
  timeline: TimelineSettings;
  /** How hot lines and leak suspects are ranked: by the user's line that causes them, or by pprof's leaf. */
  ranking: 'yourCode' | 'leaf';
  /** Go regexps on package paths that widen ("re") or narrow ("!re") what is the user's code. */
  yourCode: string[];
}

/** Settings of the Memory Timeline panel. */
export interface TimelineSettings {
  /** The Prometheus server offered first when picking a source. */
  prometheusUrl: string;
  /** Seconds between two scrapes of a service's /metrics (a Prometheus source refreshes as often). */
  scrapeIntervalSeconds: number;
  /** Rows of scraped history kept in memory. */
  historyCap: number;
}

/** Settings of go test profiling (Profile Test…, Profile Benchmark…). */
export interface TestProfilingSettings {
  /** Show the `profile ▾` CodeLens above tests and benchmarks. */
  codeLens: boolean;
  /** Folder for runs, relative to the package's workspace folder (or absolute). */
  resultsDirectory: string;
  /** True when resultsDirectory comes from user settings or the default (a workspace's value must stay inside it). */
  resultsDirectoryFromUser: boolean;
  /** The Go extension's `go.goroot`: where `go` is looked for before PATH ('' when unset). */
  goToolRoot: string;
}

/** Settings of live capture (Capture Profile…, Start Snapshot Series…). */
export interface CaptureSettings {
  /** Folder for captured profiles, relative to the workspace folder (or absolute). */
  directory: string;
  /** Whether `directory` comes from the user's settings or the default (false: a workspace or folder setting). */
  directoryFromUser: boolean;
  /** Duration of a CPU profile capture. */
  cpuSeconds: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Total deadline of one capture (a CPU profile's seconds are added). */
  timeoutMs: number;
  maxBytes: number;
  /** Seconds between two snapshots of a series. */
  seriesIntervalSeconds: number;
  /** Snapshots a series takes. */
  seriesCount: number;
}

const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  void showWarning(`pprof Lens: setting ${PREFIX}.${key}: ${message}`);
}

function oneOf<T extends string>(c: vscode.WorkspaceConfiguration, key: string, values: readonly T[], def: T): T {
  const v = c.get<unknown>(key, def);
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  warnOnce(key, `expected one of ${values.join(', ')}; using "${def}"`);
  return def;
}

function num(c: vscode.WorkspaceConfiguration, key: string, def: number, min: number, max: number): number {
  const v = c.get<unknown>(key, def);
  if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
  warnOnce(key, `expected a number from ${min} to ${max}; using ${def}`);
  return def;
}

function strings(c: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = c.get<unknown>(key, []);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  warnOnce(key, 'expected a list of folder paths; ignoring it');
  return [];
}

function patternList(c: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = c.get<unknown>(key, []);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  warnOnce(key, 'expected a list of Go regexps on package paths ("!regexp" narrows); ignoring it');
  return [];
}

function mappings(c: vscode.WorkspaceConfiguration): PathMapping[] {
  const v = c.get<unknown>('pathMappings', []);
  if (!Array.isArray(v)) {
    warnOnce('pathMappings', 'expected a list of {"from": "...", "to": "..."}; ignoring it');
    return [];
  }
  const out: PathMapping[] = [];
  for (const m of v) {
    if (m && typeof m === 'object' && typeof (m as PathMapping).from === 'string' && typeof (m as PathMapping).to === 'string' && (m as PathMapping).from !== '') {
      out.push({ from: (m as PathMapping).from, to: (m as PathMapping).to });
    } else {
      warnOnce('pathMappings', `entry ${JSON.stringify(m)} is not {"from": "...", "to": "..."}; skipping it`);
    }
  }
  return out;
}

/** Reads and validates all settings. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(PREFIX);
  return {
    annotationPosition: oneOf(c, 'annotations.position', ['before', 'after', 'off'] as const, 'before'),
    heatBy: oneOf(c, 'annotations.heatBy', ['flat', 'cum'] as const, 'flat'),
    heatThresholdPercent: num(c, 'annotations.threshold', 0, 0, 100),
    codeLens: c.get<unknown>('codeLens.enabled', false) === true,
    maxProfileSizeMB: num(c, 'maxProfileSizeMB', 1024, 1, 65536),
    pathMappings: mappings(c),
    inferPathMappings: c.get<unknown>('inferPathMappings', true) !== false,
    sourceRoots: strings(c, 'sourceRoots'),
    goModCache: String(c.get<unknown>('goModCache', '') ?? ''),
    goRoot: String(c.get<unknown>('goRoot', '') ?? ''),
    capture: {
      directory: String(c.get<unknown>('capture.directory', '.pprof') ?? '') || '.pprof',
      directoryFromUser: (() => {
        const i = c.inspect<unknown>('capture.directory');
        return i?.workspaceFolderValue === undefined && i?.workspaceValue === undefined;
      })(),
      cpuSeconds: num(c, 'capture.cpuSeconds', 30, 1, 3600),
      connectTimeoutMs: num(c, 'capture.connectTimeoutSeconds', 5, 1, 300) * 1000,
      readTimeoutMs: num(c, 'capture.readTimeoutSeconds', 30, 1, 3600) * 1000,
      timeoutMs: num(c, 'capture.timeoutSeconds', 120, 1, 86400) * 1000,
      maxBytes: num(c, 'capture.maxSizeMB', 256, 1, 65536) * 1024 * 1024,
      seriesIntervalSeconds: num(c, 'capture.seriesIntervalSeconds', 30, 1, 86400),
      seriesCount: num(c, 'capture.seriesCount', 10, 2, 1000),
    },
    timeline: {
      prometheusUrl: String(c.get<unknown>('timeline.prometheusUrl', 'http://localhost:9090') ?? '') || 'http://localhost:9090',
      scrapeIntervalSeconds: num(c, 'timeline.scrapeIntervalSeconds', 5, 1, 3600),
      historyCap: num(c, 'timeline.historyCap', 17280, 100, 1_000_000),
    },
    ranking: oneOf(c, 'ranking', ['yourCode', 'leaf'] as const, 'yourCode'),
    yourCode: patternList(c, 'yourCode'),
    tests: {
      codeLens: c.get<unknown>('tests.codeLens', true) !== false,
      resultsDirectory: String(c.get<unknown>('tests.resultsDirectory', '.pprof/tests') ?? '') || '.pprof/tests',
      resultsDirectoryFromUser: (() => {
        const i = c.inspect<unknown>('tests.resultsDirectory');
        return i?.workspaceFolderValue === undefined && i?.workspaceValue === undefined;
      })(),
      // vscode-go's setting: the same go the Go extension runs tests with.
      goToolRoot: String(vscode.workspace.getConfiguration('go').get<unknown>('goroot', '') ?? ''),
    },
  };
}

/**
 * Writes a setting. Path mappings describe the workspace's builds: they go where a team shares
 * them, the workspace (its .vscode/settings.json or .code-workspace) when a folder is open, the
 * user's settings otherwise. The ranking toggle is a preference of the user, like VS Code's own
 * view toggles: it goes to the user's settings unless the workspace already sets it (so a click
 * never adds a .vscode/settings.json to the user's repository).
 */
export async function writeSetting(key: 'pathMappings' | 'inferPathMappings' | 'ranking', value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(PREFIX);
  const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const inWorkspace = hasFolder && (key !== 'ranking' || config.inspect(key)?.workspaceValue !== undefined);
  await config.update(key, value, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}

/** The pathMappings as written in settings (unvalidated entries kept, so a rewrite loses nothing). */
export function rawPathMappings(): unknown[] {
  const v = vscode.workspace.getConfiguration(PREFIX).get<unknown>('pathMappings', []);
  return Array.isArray(v) ? v : [];
}

/** Fires when any pprofLens setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(PREFIX)) {
      warned.clear();
      listener();
    }
  });
}

/**
 * captureDirectory is where captures go: pprofLens.capture.directory resolved by
 * resolveCaptureDir (under the first workspace folder, or absolute when the user set it), else
 * under `fallback` (the extension's storage) when no folder is open. A setting that was
 * overruled is said in a warning, unless `warn` is false (a panel listing the folder every
 * few seconds).
 */
export function captureDirectory(fallback: vscode.Uri, warn = true): string {
  const s = readSettings().capture;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const choice = resolveCaptureDir({ value: s.directory, fromUser: s.directoryFromUser }, folder, fallback.fsPath);
  if (choice.overruled && warn) void showWarning(`pprof Lens: ${choice.overruled}`);
  return choice.dir;
}

/** The limits of one capture (Capture Profile…, a snapshot series, the timeline's Snapshot now) from the settings. */
export function captureLimits(): CaptureLimits {
  const s = readSettings();
  return {
    connectTimeoutMs: s.capture.connectTimeoutMs,
    readTimeoutMs: s.capture.readTimeoutMs,
    totalTimeoutMs: s.capture.timeoutMs,
    maxBytes: s.capture.maxBytes,
    maxInflatedBytes: s.maxProfileSizeMB * 1024 * 1024,
  };
}
