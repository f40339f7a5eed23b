// Entry of the profile editor's webview: registers the vscode-elements controls the view uses
// (each imported alone, so the bundle holds only those) and starts the app. Data arrives as
// messages after `ready`; nothing from the profile is in the HTML.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { App } from './app';
import type { VsCodeApi } from './hostClient';

declare function acquireVsCodeApi(): VsCodeApi;

performance.mark('pprof-lens:script');
new App(document.getElementById('app')!, acquireVsCodeApi());
