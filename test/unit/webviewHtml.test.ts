// The page shell both webviews share: its CSP allows no inline code and scripts only with the
// page's own nonce, and it loads exactly the extension files asked for.
import '../support/vscodeStub';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vscode from 'vscode';
import { webviewHtml } from '../../src/extension/webviewHtml';

const webview = {
  cspSource: 'https://ext.example',
  asWebviewUri: (u: vscode.Uri) => vscode.Uri.file(`webview:${u.fsPath}`),
} as unknown as vscode.Webview;

test('webviewHtml: strict CSP, one nonced script, the stylesheets in order', () => {
  const page = webviewHtml(webview, vscode.Uri.file('/ext'), { title: 'Memory Timeline', script: 'dist/timelineView.js', styles: ['dist/uPlot.min.css', 'media/timeline.css'] });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp ?? '')?.[1];
  assert.ok(nonce, page);
  assert.equal(csp, `default-src 'none'; style-src https://ext.example; font-src https://ext.example; img-src https://ext.example; script-src 'nonce-${nonce}'`);
  assert.deepEqual([...page.matchAll(/<link rel="stylesheet" href="([^"]*)">/g)].map((m) => m[1]), ['file://webview:/ext/dist/uPlot.min.css', 'file://webview:/ext/media/timeline.css']);
  assert.deepEqual([...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]), [` nonce="${nonce}" src="file://webview:/ext/dist/timelineView.js"`]);
  assert.match(page, /<title>Memory Timeline<\/title>/);
  assert.doesNotMatch(page, /\sstyle=|\son[a-z]+=/);
  // A fresh nonce per page.
  assert.notEqual(/nonce-([^']*)'/.exec(webviewHtml(webview, vscode.Uri.file('/ext'), { title: 't', script: 's.js', styles: [] }))?.[1], nonce);
});
