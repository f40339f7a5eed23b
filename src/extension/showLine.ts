// One way to land on a source line, for every command and view that jumps to one.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { showWarning } from './log';

/**
 * Opens a local file at a 1-based line (clamped to the file) with the cursor on its first
 * non-blank character, and centers the line if it was out of view. No selection: selecting the
 * whole line revealed its end and scrolled long lines sideways, hiding the annotation column.
 */
export async function showLine(localPath: string, line: number, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(localPath));
  const at = doc.lineAt(Math.min(Math.max(line - 1, 0), Math.max(doc.lineCount - 1, 0)));
  const pos = at.range.start.translate(0, at.firstNonWhitespaceCharacterIndex);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn, preview: false, selection: new vscode.Selection(pos, pos) });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/**
 * Says that a profile file is not in the workspace and offers Map Path…. Settles at once: the user
 * answers whenever they like (a command awaiting the notification would hold up whoever ran it).
 */
export function offerMapPath(profileFile: string): void {
  void showWarning(`pprof Lens: ${profileFile} is not in the workspace. Map its path onto a workspace file to see it.`, { items: ['Map Path…'] }).then((a) => {
    if (a) return vscode.commands.executeCommand(Commands.mapPath, profileFile);
  });
}
