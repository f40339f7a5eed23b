// Proves the real-VS-Code harness end to end with a throwaway extension written at test time
// (not the product): install paths (.vsix and development folder), command palette, quick open,
// notifications, decorations, cursor, webview, and mocha-style extension-host tests.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { withCodeServer } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { packageVsix } from './lib/vsix';
import {
  cursorLine, decorationTexts, gutterDecorations, openFile, runCommand, runExtensionTests, screenshot,
  waitForNotification, waitUntil, webviewFrame, withWorkbench, type Workbench,
} from './lib/workbench';

const HELLO_TEXT = 'Hello from the smoke extension';
const AFTER_TEXT = 'smoke: "line one" ✓';
const WEBVIEW_TEXT = 'smoke webview';

// The extension: "Smoke: Hello" decorates line 1 of the active editor (gutter icon plus `after`
// text), moves the cursor to line 2 and shows a notification; "Smoke: Webview" opens a panel.
const EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = (context) => {
  const deco = vscode.window.createTextEditorDecorationType({
    gutterIconPath: vscode.Uri.joinPath(context.extensionUri, 'icon.svg'),
    after: { margin: '0 0 0 1em' },
  });
  context.subscriptions.push(
    deco,
    vscode.commands.registerCommand('smoke.hello', () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) {
        const line = editor.document.lineAt(0);
        editor.setDecorations(deco, [{ range: line.range, renderOptions: { after: { contentText: ${JSON.stringify(AFTER_TEXT)} } } }]);
        const pos = new vscode.Position(1, 0);
        editor.selection = new vscode.Selection(pos, pos);
      }
      void vscode.window.showInformationMessage(${JSON.stringify(HELLO_TEXT)});
    }),
    vscode.commands.registerCommand('smoke.webview', () => {
      const panel = vscode.window.createWebviewPanel('smoke', 'Smoke Webview', vscode.ViewColumn.Beside, {});
      panel.webview.html = '<!DOCTYPE html><html><body><h1>${WEBVIEW_TEXT}</h1></body></html>';
    }),
  );
};
exports.deactivate = () => {};
`;

// Runs inside the extension host via extensionTestsPath; a rejection means exit code 1.
const EXTENSION_TESTS_JS = `
const assert = require('assert');
const vscode = require('vscode');
exports.run = async () => {
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'hello.txt'));
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('smoke.hello');
  assert.strictEqual(vscode.window.activeTextEditor.selection.active.line, 1);
};
`;
const FAILING_TESTS_JS = `exports.run = async () => { throw new Error('this extension test fails on purpose'); };`;

const MANIFEST = {
  name: 'smoke',
  displayName: 'Smoke',
  description: 'Throwaway extension for the e2e harness smoke test',
  publisher: 'e2e',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.100.0' },
  main: './extension.js',
  activationEvents: [],
  contributes: {
    commands: [
      { command: 'smoke.hello', title: 'Hello', category: 'Smoke' },
      { command: 'smoke.webview', title: 'Webview', category: 'Smoke' },
    ],
  },
};

/** Fixture is a temp folder holding the extension and a workspace, removed by dispose(). */
interface Fixture {
  extensionDir: string;
  workspaceDir: string;
  dispose(): void;
}

function makeFixture(): Fixture {
  const root = mkdtempSync(path.join(tmpdir(), 'pprof-lens-smoke-'));
  const extensionDir = path.join(root, 'extension');
  const workspaceDir = path.join(root, 'workspace');
  mkdirSync(extensionDir);
  mkdirSync(path.join(workspaceDir, 'src'), { recursive: true });
  writeFileSync(path.join(extensionDir, 'package.json'), JSON.stringify(MANIFEST, null, 2));
  writeFileSync(path.join(extensionDir, 'README.md'), '# Smoke\n\nThrowaway extension for the e2e harness.\n');
  writeFileSync(path.join(extensionDir, 'extension.js'), EXTENSION_JS);
  writeFileSync(path.join(extensionDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#e51400"/></svg>');
  writeFileSync(path.join(extensionDir, 'tests.js'), EXTENSION_TESTS_JS);
  writeFileSync(path.join(extensionDir, 'failingTests.js'), FAILING_TESTS_JS);
  writeFileSync(path.join(workspaceDir, 'hello.txt'), 'first line\nsecond line\nthird line\n');
  // A second file so quick open has to pick the right one.
  writeFileSync(path.join(workspaceDir, 'src', 'hello-world.txt'), 'other\n');
  return { extensionDir, workspaceDir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

// What a person sees after "Smoke: Hello": toast, gutter icon, after-text, cursor on line 2.
async function assertHello(wb: Workbench, shot: string): Promise<void> {
  const { page } = wb;
  await openFile(page, 'hello.txt');
  await runCommand(page, 'Smoke: Hello');
  // Toasts fade and decorations die with the editor: assert these first.
  assert.equal(await waitForNotification(page, HELLO_TEXT), HELLO_TEXT);
  const texts = await waitUntil(async () => {
    const t = await decorationTexts(page, 1);
    return t.after.length > 0 && t;
  }, 30_000);
  assert.deepEqual(texts, { before: [], after: [AFTER_TEXT] });
  assert.deepEqual(await decorationTexts(page, 2), { before: [], after: [] });
  const gutter = await gutterDecorations(page);
  assert.deepEqual(gutter.map((g) => g.line), [1]);
  assert.match(gutter[0]?.backgroundImage ?? '', /icon\.svg/);
  assert.equal(await waitUntil(async () => (await cursorLine(page)) === 2 && 2, 30_000), 2);
  await screenshot(page, shot);
}

/** cases are the smoke checks of the e2e harness itself. */
export const cases: E2eCase[] = [
  {
    name: 'vsix install: command, notification, decorations, cursor',
    run: async () => {
      const fx = makeFixture();
      try {
        const vsix = await packageVsix(fx.extensionDir, path.join(path.dirname(fx.extensionDir), 'smoke.vsix'));
        await withWorkbench({ folder: fx.workspaceDir, installExtensions: [vsix] }, (wb) => assertHello(wb, 'smoke-vsix'));
      } finally {
        fx.dispose();
      }
    },
  },
  {
    name: 'extensionDevelopmentPath: command and webview',
    run: async () => {
      const fx = makeFixture();
      try {
        await withWorkbench({ folder: fx.workspaceDir, extensionDevelopmentPath: fx.extensionDir }, async (wb) => {
          // A path picks the right row even though "hello" matches two files.
          await openFile(wb.page, 'src/hello-world.txt');
          await assertHello(wb, 'smoke-dev');
          await runCommand(wb.page, 'Smoke: Webview');
          const heading = webviewFrame(wb.page).locator('h1');
          await heading.waitFor({ state: 'visible', timeout: 60_000 });
          assert.equal((await heading.textContent())?.trim(), WEBVIEW_TEXT);
          await screenshot(wb.page, 'smoke-webview');
        });
      } finally {
        fx.dispose();
      }
    },
  },
  {
    name: 'extensionTestsPath: exit code reaches codeAutomationExit',
    run: async () => {
      const fx = makeFixture();
      try {
        await withCodeServer({}, async (server) => {
          const base = { folder: fx.workspaceDir, extensionDevelopmentPath: fx.extensionDir };
          const ok = await runExtensionTests(server, { ...base, extensionTestsPath: path.join(fx.extensionDir, 'tests') });
          assert.equal(ok.code, 0, `passing extension tests must exit 0; output:\n${ok.output.join('\n')}`);
          // A harness that always reports success would be worse than none.
          const bad = await runExtensionTests(server, { ...base, extensionTestsPath: path.join(fx.extensionDir, 'failingTests') });
          assert.notEqual(bad.code, 0, 'failing extension tests must exit non-zero');
        });
      } finally {
        fx.dispose();
      }
    },
  },
];
