// A small stand-in for the `vscode` module, so that `npm test` (without a real VS Code) can run
// the extension's text-producing code (hover Markdown, growth hover) and assert the exact text a
// user reads. Only what those modules touch is here; the real wiring is tested in real VS Code
// (e2e/). Import this module FIRST in a test file: it makes `require('vscode')` resolve to itself.
import Module from 'node:module';

const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
};

/** vscode.MarkdownString: the Markdown a hover shows, accumulated in `value`. */
export class MarkdownString {
  isTrusted: boolean | { enabledCommands: readonly string[] } | undefined;
  supportThemeIcons: boolean | undefined;
  supportHtml: boolean | undefined;
  constructor(public value = '', supportThemeIcons = false) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  /** Like VS Code: text is escaped so that it shows as written. */
  appendText(s: string): this {
    this.value += s.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

/** vscode.Position (0-based line and character). */
export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

/** vscode.Range. */
export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}

/** vscode.Hover: contents and range. */
export class Hover {
  readonly contents: MarkdownString[];
  constructor(contents: MarkdownString | MarkdownString[], readonly range?: Range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

/** vscode.ThemeColor: a color id. */
export class ThemeColor {
  constructor(readonly id: string) {}
}

/** vscode.EventEmitter, synchronous like VS Code's. */
export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** vscode.StatusBarAlignment. */
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

/** vscode.Uri: only what webview panels use (joinPath, fsPath, toString). */
export class Uri {
  private constructor(readonly fsPath: string) {}
  static file(p: string): Uri {
    return new Uri(p);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.fsPath, ...parts].join('/'));
  }
  toString(): string {
    return `file://${this.fsPath}`;
  }
}

/**
 * A vscode.WebviewPanel with its webview: what the extension posts is in `sent`, `receive` plays a
 * message from the page, and as in VS Code, posting after dispose throws "Webview is disposed".
 */
export class FakeWebviewPanel<FromPage = unknown> {
  disposed = false;
  readonly sent: { type: string; id?: number; error?: string }[] = [];
  private readonly onDispose = new EventEmitter<void>();
  private readonly onMessage = new EventEmitter<FromPage>();
  private readonly onViewState = new EventEmitter<void>();
  readonly onDidDispose = this.onDispose.event;
  readonly onDidChangeViewState = this.onViewState.event;
  active = true;
  visible = true;
  readonly webview = {
    options: {},
    html: '',
    cspSource: 'vscode-resource:',
    asWebviewUri: (u: Uri) => u,
    onDidReceiveMessage: this.onMessage.event,
    postMessage: (m: { type: string }): Promise<boolean> => {
      if (this.disposed) throw new Error('Webview is disposed');
      this.sent.push(m);
      return Promise.resolve(true);
    },
  };
  receive(m: FromPage): void {
    this.onMessage.fire(m);
  }
  dispose(): void {
    this.disposed = true;
    this.onDispose.fire();
  }
}

/** vscode.CancellationTokenSource: a token that turns cancelled once, telling its listeners. */
export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  private cancelled = false;
  readonly token: { readonly isCancellationRequested: boolean; onCancellationRequested: EventEmitter<void>['event'] };
  constructor() {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: this.emitter.event,
    };
  }
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

/** A status bar item as VS Code's: what it shows is in text, tooltip and `visible`. */
export interface StubStatusBarItem {
  id: string;
  name?: string;
  text: string;
  tooltip?: string;
  command?: string;
  accessibilityInformation?: { label: string };
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

/** vscode.ProgressLocation. */
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

/** vscode.workspace: no folders, every setting at its default, no files found. */
export const workspace = {
  workspaceFolders: undefined as { uri: Uri; name: string }[] | undefined,
  getConfiguration: () => ({ get: <T>(_key: string, def?: T): T | undefined => def, inspect: (): undefined => undefined }),
  findFiles: (): Promise<Uri[]> => Promise.resolve([]),
};

/** vscode.window: status bar items, and progress that runs its task with a token nobody cancels. */
export const window = {
  withProgress<R>(_options: unknown, task: (progress: { report(v: unknown): void }, token: CancellationTokenSource['token']) => Promise<R>): Promise<R> {
    return task({ report: () => undefined }, new CancellationTokenSource().token);
  },
  createStatusBarItem(id: string): StubStatusBarItem {
    return {
      id,
      text: '',
      visible: false,
      show() {
        this.visible = true;
      },
      hide() {
        this.visible = false;
      },
      dispose() {
        this.visible = false;
      },
    };
  },
};
