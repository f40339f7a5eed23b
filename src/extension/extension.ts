// Activation only wires: build services, register, one subscriptions.push (DESIGN style rule 1).
import * as vscode from 'vscode';
import { makeApi, type PprofLensApi } from './api';
import { Annotations } from './annotations';
import { ExampleCommand } from './example';
import { CommandController } from './commands';
import { ProfileCodeLensProvider } from './codeLensProvider';
import { onDidChangeSettings, readSettings } from './config';
import { ContextKeys, Views } from './constants';
import { GrowthAnnotations } from './growthAnnotations';
import { GrowthController } from './growthController';
import { GrowthHoverProvider } from './growthHover';
import { HotLinesView } from './hotLinesView';
import { ProfileHoverProvider } from './hoverProvider';
import { LeakHuntCommands } from './leakHuntCommands';
import { TimelineCommands } from './timelinePanel';
import { LeakSuspectsView } from './leakSuspectsView';
import { createLog, logInfo } from './log';
import { nodeResolverFs } from './nodeResolverFs';
import { ProfileEditorProvider } from './profileEditorProvider';
import { ProfileManager } from './profileManager';
import { SeriesStatusBar } from './seriesStatusBar';
import { ProfileStatusBar } from './statusBar';
import { SourceResolver } from './sourceResolver';
import { SpareWorker } from './spareWorker';
import { ProfileRunsView } from './tests/profileRunsView';
import { TestCodeLensProvider } from './tests/testCodeLens';
import { TestProfiling } from './tests/testProfiling';
import { trace } from '../worker/trace';

/** Builds the resolver's configuration from the workspace and settings. */
function resolverConfig() {
  const s = readSettings();
  const folders = vscode.workspace.workspaceFolders ?? [];
  return {
    workspaceFolders: folders.map((f) => f.uri.fsPath),
    workspaceFolderNames: folders.map((f) => f.name),
    inferPathMappings: s.inferPathMappings,
    pathMappings: s.pathMappings,
    sourceRoots: s.sourceRoots,
    goModCache: s.goModCache || undefined,
    goRoot: s.goRoot || undefined,
  };
}

export function activate(context: vscode.ExtensionContext): PprofLensApi {
  trace('activate');
  const manager = new ProfileManager();
  const log = createLog();
  const resolver = new SourceResolver(nodeResolverFs, resolverConfig(), { log: logInfo });
  const annotations = new Annotations(manager, context.extensionUri);
  const codeLens = new ProfileCodeLensProvider(manager);
  codeLens.setEnabled(readSettings().codeLens);
  const hotLines = new HotLinesView(manager);
  const fileSelector: vscode.DocumentSelector = { scheme: 'file' };
  // The leak hunt: a growth worker of its own (the same script), decoding snapshots and capturing.
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  // Profile workers: one is started a second after activation, so that opening a profile finds it loaded.
  const workers = new SpareWorker(workerScript);
  const growth = new GrowthController(workerScript, resolver);
  void vscode.commands.executeCommand('setContext', ContextKeys.annotationsVisible, true);
  // Profiling go test runs: the "profile ▾" lens, the commands, the kept runs and their view.
  const tests = new TestProfiling(manager, context.workspaceState);
  const testLens = new TestCodeLensProvider();
  testLens.setEnabled(readSettings().tests.codeLens);
  const runsView = new ProfileRunsView(tests);

  const applySettings = async () => {
    const s = readSettings();
    resolver.updateConfig(resolverConfig());
    annotations.updateSettings(s);
    codeLens.setEnabled(s.codeLens);
    testLens.setEnabled(s.tests.codeLens);
    await manager.reresolveAll();
    await growth.reresolve();
  };

  context.subscriptions.push(
    manager,
    annotations,
    codeLens,
    hotLines,
    new ProfileStatusBar(manager),
    new CommandController(manager, annotations, resolver, applySettings),
    new ExampleCommand(context.extensionUri),
    ProfileEditorProvider.register(context, manager, resolver, workers),
    workers,
    vscode.languages.registerHoverProvider(fileSelector, new ProfileHoverProvider(manager)),
    vscode.languages.registerCodeLensProvider(fileSelector, codeLens),
    vscode.window.registerTreeDataProvider(Views.hotLines, hotLines),
    growth,
    new LeakSuspectsView(growth),
    new GrowthAnnotations(growth),
    new SeriesStatusBar(growth),
    new LeakHuntCommands(manager, growth, context.workspaceState, context.globalStorageUri),
    new TimelineCommands(context.extensionUri, context.workspaceState, context.globalStorageUri, growth),
    vscode.languages.registerHoverProvider(fileSelector, new GrowthHoverProvider(growth)),
    tests,
    testLens,
    vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file', pattern: '**/*_test.go' }, testLens),
    runsView,
    vscode.window.registerTreeDataProvider(Views.profileRuns, runsView),
    annotations.onDidChangeVisibility((v) => vscode.commands.executeCommand('setContext', ContextKeys.annotationsVisible, v)),
    onDidChangeSettings(() => void applySettings()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void applySettings()),
    // Last, so that what the others log while they are disposed still reaches it.
    log,
  );
  trace('activated');
  return makeApi(manager, resolver, growth, tests);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
