// Small DOM helpers for the profile view. Text from the profile is only ever set as textContent
// or attribute values, never parsed as HTML.

/** Options of el(): class, text, attributes (set with setAttribute) and children. */
export interface ElOptions {
  cls?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Creates an element (HTML or one of the registered vscode-* elements). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: ElOptions = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.cls) e.className = opts.cls;
  if (opts.text !== undefined) e.textContent = opts.text;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A vscode-button with a label and a click handler. */
export function button(label: string, onClick: (e: MouseEvent) => void, opts: { secondary?: boolean; ariaLabel?: string; title?: string } = {}): HTMLElement {
  const b = el('vscode-button', { text: label });
  if (opts.secondary) b.setAttribute('secondary', '');
  if (opts.ariaLabel) b.setAttribute('aria-label', opts.ariaLabel);
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', onClick);
  return b;
}

/** Calls fn at most once per `ms` after the last call (typing in the search box). */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...a), ms);
  };
}

/** The last path component of a profile file name ("main.go" of "/x/y/main.go"). */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}
