// The one page shell of every webview: a strict CSP (no inline script or style, scripts only
// with a fresh nonce, resources only from the extension), the extension's stylesheets and one
// script, and an empty #app the script fills. Nothing from a profile is ever put into it.
import * as vscode from 'vscode';

/** What a webview page loads: files of the extension, relative to its root (e.g. `dist/webview.js`). */
export interface WebviewPage {
  title: string;
  script: string;
  styles: readonly string[];
}

/** The page's HTML for `webview`; `page.title` is our own text, never profile data. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = makeNonce();
  const uri = (rel: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...rel.split('/'))).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const links = page.styles.map((s) => `<link rel="stylesheet" href="${uri(s)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>${page.title}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${uri(page.script)}"></script>
</body>
</html>`;
}

/** A CSP nonce from crypto.getRandomValues (DESIGN style rule 8). */
function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}
