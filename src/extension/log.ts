// The extension's one log, the "pprof Lens" LogOutputChannel, and the one way to tell the user
// about an error or a warning: the message, logged, with a "Show Log" button that reveals the
// log. The channel is created once by activate() (it owns it); before that, and in Node tests
// without VS Code, lines go to the console.
import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from './constants';

/** The button every error and warning shown to the user offers. */
export const SHOW_LOG = 'Show Log';

let channel: vscode.LogOutputChannel | undefined;

/** Creates the "pprof Lens" log channel; disposing the result (activate's job) closes it. */
export function createLog(): vscode.Disposable {
  const c = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  channel = c;
  return new vscode.Disposable(() => {
    if (channel === c) channel = undefined;
    c.dispose();
  });
}

/** The detail of an error for the log: its stack when it has one, else its text or JSON. */
function detail(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  if (typeof e !== 'object' || e === null) return String(e);
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** Writes a line to the log at `level`, with `cause` (an error's stack) when given. */
function write(level: 'info' | 'warn' | 'error', message: string, cause?: unknown): void {
  const line = cause === undefined ? message : `${message}: ${detail(cause)}`;
  if (channel) channel[level](line);
  else console[level](`pprof Lens: ${line}`);
}

/** Logs what the extension did or found (what the resolver inferred, a file handed back…). */
export function logInfo(message: string): void {
  write('info', message);
}

/** Logs an error nobody is shown (a failed dispose, an unknown message), with its stack. */
export function logError(message: string, cause?: unknown): void {
  write('error', message, cause);
}

/** What a message to the user may carry besides its text. */
export interface ShowOptions {
  /** Buttons of its own, shown before "Show Log"; the one chosen is returned. */
  items?: readonly string[];
  /** The error behind the message: its stack goes to the log only. */
  cause?: unknown;
}

/**
 * Shows an error to the user with a "Show Log" button, and logs it. Resolves to the item the user
 * chose among `options.items` (undefined for "Show Log", which reveals the log, or for none).
 */
export function showError(message: string, options: ShowOptions = {}): Promise<string | undefined> {
  return show('error', message, options);
}

/** Shows a warning with a "Show Log" button, and logs it; resolves like showError. */
export function showWarning(message: string, options: ShowOptions = {}): Promise<string | undefined> {
  return show('warn', message, options);
}

async function show(level: 'warn' | 'error', message: string, { items = [], cause }: ShowOptions): Promise<string | undefined> {
  write(level, message.replace(/^pprof Lens: /, ''), cause);
  const showMessage = level === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const chosen = await showMessage(message, ...items, SHOW_LOG);
  if (chosen !== SHOW_LOG) return chosen;
  channel?.show(true);
  return undefined;
}
