// "Open Example…": the example the walkthrough and the README work on
// (examples/leaky-service, shipped in the .vsix: its Go sources and four heap snapshots, 80 KB),
// copied into a folder the user picks and opened there, so that a user who installed the
// extension from a .vsix or the Marketplace has the same first five minutes as one who cloned
// the repository.
import { constants as fsConstants } from 'node:fs';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { Disposable } from './dispose';
import { showError } from './log';

/** The example's folder name, in the extension and in the copy. */
export const EXAMPLE_NAME = 'leaky-service';

/** Where the copy goes: `parent/leaky-service`, or `-2`, `-3`… when that name is taken. */
export async function freeExampleFolder(parent: string): Promise<string> {
  for (let i = 1; ; i++) {
    const target = path.join(parent, i === 1 ? EXAMPLE_NAME : `${EXAMPLE_NAME}-${i}`);
    try {
      await stat(target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return target;
      throw e;
    }
  }
}

/**
 * Copies the example at `source` into a new folder under `parent` and returns it. Never
 * overwrites: the folder is new, and the copy fails on any file that exists.
 */
export async function copyExample(source: string, parent: string): Promise<string> {
  const entries = await readdir(source);
  if (!entries.includes('main.go')) throw new Error(`the example is missing from the extension (${source})`);
  const target = await freeExampleFolder(parent);
  await mkdir(target, { recursive: false });
  await cp(source, target, { recursive: true, errorOnExist: true, force: false, mode: fsConstants.COPYFILE_EXCL });
  return target;
}

/** What the command may be given (tests; the walkthrough's link passes nothing). */
export interface OpenExampleArgs {
  /** The folder to copy into, instead of asking. */
  parent?: string;
  /** false: copy only, do not open the folder (a test's window stays). */
  open?: boolean;
}

/** Registers pprofLens.openExample. */
export class ExampleCommand extends Disposable {
  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    this._register(vscode.commands.registerCommand(Commands.openExample, (args?: OpenExampleArgs) => this.run(args)));
  }

  /** Copies the example and opens it; resolves to the copy's folder (undefined if cancelled or failed). */
  private async run(args: OpenExampleArgs = {}): Promise<string | undefined> {
    let parent = args.parent;
    if (!parent) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: vscode.Uri.file(os.homedir()),
        openLabel: 'Copy the Example Here',
        title: `pprof Lens: where to put the example (a new folder "${EXAMPLE_NAME}" is made inside)`,
      });
      parent = picked?.[0]?.fsPath;
      if (!parent) return undefined;
    }
    let target: string;
    try {
      target = await copyExample(vscode.Uri.joinPath(this.extensionUri, 'examples', EXAMPLE_NAME).fsPath, parent);
    } catch (e) {
      void showError(`pprof Lens: could not copy the example into ${parent}: ${(e as Error).message}. Pick a folder you can write to.`, { cause: e });
      return undefined;
    }
    if (args.open !== false) {
      // An empty window becomes the example's; a window with a workspace keeps it and opens another.
      const forceNewWindow = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow });
    }
    return target;
  }
}
