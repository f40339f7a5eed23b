// The profile editor's webview: a summary of the profile (issue "profile view" adds the Top
// table, graph and flame graph). Data arrives as messages after `ready`; everything from the
// profile is set with textContent, never as HTML.
import type { HostToWebview, WebviewToHost } from '../src/shared/webviewProtocol';

declare function acquireVsCodeApi(): { postMessage(m: WebviewToHost): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

/** Creates an element with text and optional class. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function formatDuration(ns: number): string {
  if (!ns) return '—';
  const s = ns / 1e9;
  return s >= 1 ? `${s.toFixed(2)}s` : `${(ns / 1e6).toFixed(2)}ms`;
}

function render(m: HostToWebview): void {
  app.replaceChildren();
  const h = el('h1', m.fileName);
  app.append(h);
  switch (m.type) {
    case 'loading': {
      const p = el('p', `${m.message} ${Math.round(m.fraction * 100)}%`, 'loading');
      const bar = el('progress');
      bar.max = 1;
      bar.value = m.fraction;
      bar.setAttribute('aria-label', 'Decoding progress');
      app.append(p, bar);
      return;
    }
    case 'error': {
      const box = el('div', undefined, 'error');
      box.setAttribute('role', 'alert');
      box.append(el('strong', 'This file could not be opened as a profile: '), el('span', m.message));
      app.append(box);
      return;
    }
    case 'summary': {
      const s = m.summary;
      const actions = el('div', undefined, 'actions');
      const hottest = el('button', 'Go to Hottest Line');
      hottest.addEventListener('click', () => vscode.postMessage({ type: 'goToHottestLine' }));
      actions.append(hottest);
      if (!m.active) actions.append(el('span', 'Not the active profile: focus this editor to annotate sources with it.', 'muted'));
      app.append(actions);

      const dl = el('dl', undefined, 'facts');
      const fact = (k: string, v: string) => dl.append(el('dt', k), el('dd', v));
      for (const line of s.headerLines) {
        const i = line.indexOf(':');
        if (i > 0) fact(line.slice(0, i), line.slice(i + 1).trim());
      }
      fact('Period', s.period ? `${s.period} ${s.periodUnit} (${s.periodType})` : '—');
      fact('Duration', formatDuration(s.durationNanos));
      fact('Samples', s.sampleCount.toLocaleString('en-US'));
      app.append(dl);

      app.append(el('h2', 'Sample types'));
      const table = el('table', undefined, 'types');
      table.setAttribute('aria-label', 'Sample types');
      const head = el('tr');
      head.append(el('th', ''), el('th', 'type'), el('th', 'unit'), el('th', 'total'));
      table.append(head);
      s.sampleTypes.forEach((t, i) => {
        const tr = el('tr');
        const radio = el('input');
        radio.type = 'radio';
        radio.name = 'sampleType';
        radio.checked = i === m.sampleIndex;
        radio.setAttribute('aria-label', `Show ${t.type}`);
        radio.addEventListener('change', () => vscode.postMessage({ type: 'selectSampleType', index: i }));
        const td = el('td');
        td.append(radio);
        tr.append(td, el('td', t.type), el('td', t.unit), el('td', t.totalText, 'num'));
        table.append(tr);
      });
      app.append(table);

      const unresolved = m.files.filter((f) => !f.localPath);
      const resolved = m.files.filter((f) => f.localPath);
      app.append(el('h2', `Source files: ${resolved.length} found in the workspace, ${unresolved.length} not found`));
      if (unresolved.length) {
        const ul = el('ul', undefined, 'unresolved');
        ul.setAttribute('aria-label', 'Source files not found in the workspace');
        for (const f of unresolved) {
          const li = el('li');
          const b = el('button', 'Map Path…', 'secondary');
          b.setAttribute('aria-label', `Map ${f.profileFile} onto a workspace file`);
          b.addEventListener('click', () => vscode.postMessage({ type: 'mapPath', profileFile: f.profileFile }));
          li.append(b, el('code', f.profileFile));
          ul.append(li);
        }
        app.append(ul);
      }
      if (resolved.length) {
        const ul = el('ul', undefined, 'resolved');
        for (const f of resolved) {
          const li = el('li');
          const a = el('a', f.profileFile);
          a.href = '#';
          a.title = `Open ${f.localPath}`;
          a.addEventListener('click', (e) => {
            e.preventDefault();
            vscode.postMessage({ type: 'openFile', profileFile: f.profileFile });
          });
          li.append(a);
          if (f.localPath !== f.profileFile) li.append(el('span', ` → ${f.localPath}`, 'muted'));
          ul.append(li);
        }
        app.append(ul);
      }
      return;
    }
    default:
      console.error('unknown message', m satisfies never);
  }
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => render(e.data));
vscode.postMessage({ type: 'ready' });
