// The Peek tab: pprof's -peek as a table. For every node matching a Go regexp, its callers
// (above) and callees (below) with the edge weights and their share of the node's cum. A name
// peeks at that node; "Source" opens it in the editor.
import type { PeekEdge, PeekEntry, PeekReport } from '../src/shared/protocol';
import { exactRegexp } from '../src/shared/refinements';
import { button, debounce, el } from './dom';
import { StaleResponse, type MountedView, type ViewContext, type ViewInputs } from './viewContext';

/** What the empty field says: no example name, since each profile has names of its own (the empty view says where to pick one). */
const PEEK_PLACEHOLDER = 'Go regexp of function names, as pprof -peek';

/** Most nodes rendered (a regexp like "." matches them all). */
const MAX_ENTRIES = 200;

/** The Peek tab's persisted state. */
interface PeekState {
  regexp: string;
}

/** The Peek view with the method the shell uses to peek at a node from another view. */
export interface PeekView extends MountedView {
  /** Peeks at a Go regexp. */
  show(regexp: string): void;
}

/** Mounts the Peek view. */
export function mountPeekView(container: HTMLElement, ctx: ViewContext): PeekView {
  return new Peek(container, ctx);
}

class Peek implements PeekView {
  private regexp: string;
  private inputs: ViewInputs | undefined;
  private shownKey = '';
  private generation = 0;
  private readonly field: HTMLElementTagNameMap['vscode-textfield'];
  private readonly head: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly ctx: ViewContext,
  ) {
    this.regexp = ctx.loadState<PeekState>()?.regexp ?? '';
    this.field = el('vscode-textfield', { attrs: { placeholder: PEEK_PLACEHOLDER, 'aria-label': 'Peek at the nodes matching this regexp' } });
    this.field.label = 'Peek at the nodes matching this regexp';
    this.field.value = this.regexp;
    const apply = debounce(() => this.show(this.field.value.trim()), 300);
    this.field.addEventListener('input', apply);
    this.field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.show(this.field.value.trim());
    });
    this.head = el('div', { cls: 'peek-head', attrs: { 'aria-live': 'polite' } });
    this.body = el('div', { cls: 'peek-body', attrs: { tabindex: '-1' } });
    container.append(el('div', { cls: 'peek' }, el('div', { cls: 'peek-bar' }, el('label', { cls: 'muted', text: 'Peek' }), this.field), this.head, this.body));
  }

  show(regexp: string): void {
    this.regexp = regexp;
    if (this.field.value !== regexp) this.field.value = regexp;
    this.ctx.saveState<PeekState>({ regexp });
    this.load();
  }

  update(inputs: ViewInputs): void {
    this.inputs = inputs;
    this.load();
  }

  focus(): void {
    this.field.focus();
  }

  dispose(): void {
    this.container.replaceChildren();
  }

  private load(): void {
    const i = this.inputs;
    if (!i || !i.visible) return;
    const key = JSON.stringify([i.queryKey, i.granularity, this.regexp]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const gen = ++this.generation;
    this.field.invalid = false;
    if (this.regexp === '') {
      this.head.replaceChildren(el('p', { cls: 'muted', text: 'Pick "Peek" on a row of Top (or type a regexp) to see the callers and callees of a function, as go tool pprof -peek shows them.' }));
      this.body.replaceChildren();
      return;
    }
    this.head.replaceChildren(el('p', { cls: 'muted', text: 'Loading…' }));
    this.ctx
      .request('peek', { granularity: i.granularity, regexp: this.regexp })
      .then((r) => {
        if (gen === this.generation) this.render(r);
      })
      .catch((e: Error) => {
        if (e instanceof StaleResponse || gen !== this.generation) return;
        this.shownKey = '';
        this.field.invalid = true;
        this.head.replaceChildren(el('p', { cls: 'error-text', text: e.message, attrs: { role: 'status' } }));
        this.body.replaceChildren();
      });
  }

  private render(r: PeekReport): void {
    const lines = r.labels.filter((l) => /^(Showing|Active filters|\s{3})/.test(l)).map((l) => el('div', { text: l.trim() }));
    const notes = r.warnings.map((w) => el('div', { cls: 'warn-text', text: w }));
    const matched = r.entries.length === 0 ? [el('div', { cls: 'muted', text: `No node matches ${this.regexp}.` })] : [];
    this.head.replaceChildren(...lines, ...notes, ...matched);
    const table = el('table', { cls: 'peek-table', attrs: { 'aria-label': `Callers and callees of ${this.regexp}` } });
    const head = el('tr');
    for (const t of ['flat', 'flat%', 'sum%', 'cum', 'cum%', 'calls', 'calls%', 'context']) head.append(el('th', { text: t, attrs: { scope: 'col' } }));
    table.append(el('thead', {}, head));
    for (const e of r.entries.slice(0, MAX_ENTRIES)) table.append(this.entry(e));
    this.body.replaceChildren(table);
    if (r.entries.length > MAX_ENTRIES) this.body.append(el('p', { cls: 'muted', text: `${r.entries.length - MAX_ENTRIES} more nodes match: narrow the regexp.` }));
  }

  private entry(e: PeekEntry): HTMLElement {
    const tbody = el('tbody', { cls: 'peek-entry' });
    for (const c of e.callers) tbody.append(this.edgeRow(c, 'caller'));
    const name = el('td', { cls: 'peek-name' });
    name.append(el('strong', { text: e.name }));
    const actions = el('span', { cls: 'peek-actions' });
    if (e.source) {
      const src = e.source;
      actions.append(button('Source', (ev) => this.ctx.openSource(src, !ev.altKey), { secondary: true, ariaLabel: `Open the source of ${e.name}` }));
    }
    actions.append(button('Focus', () => this.ctx.refine('focus', e.refine, e.name), { secondary: true, ariaLabel: `Focus on ${e.name}` }));
    name.append(actions);
    const row = el(
      'tr',
      { cls: 'peek-node' },
      el('td', { cls: 'num', text: e.flatText }),
      el('td', { cls: 'num', text: e.flatPercent }),
      el('td', { cls: 'num', text: e.sumPercent }),
      el('td', { cls: 'num', text: e.cumText }),
      el('td', { cls: 'num', text: e.cumPercent }),
      el('td'),
      el('td'),
      name,
    );
    tbody.append(row);
    for (const c of e.callees) tbody.append(this.edgeRow(c, 'callee'));
    return tbody;
  }

  private edgeRow(c: PeekEdge, role: 'caller' | 'callee'): HTMLElement {
    const link = el('button', { cls: 'link-button', text: c.name, attrs: { type: 'button', title: `Peek at ${c.name}`, 'aria-label': `${role} ${c.name}: peek at it` } });
    link.addEventListener('click', () => this.show(exactRegexp(c.name)));
    const ctxCell = el('td', { cls: `peek-edge ${role}` }, el('span', { cls: 'arrow', text: role === 'caller' ? '↑ ' : '↓ ', attrs: { 'aria-hidden': 'true' } }), link);
    if (c.inline) ctxCell.append(el('span', { cls: 'inl', text: ' (inline)' }));
    if (c.source) {
      const src = c.source;
      const open = el('button', { cls: 'row-action', text: 'Source', attrs: { type: 'button', title: 'Open the source (Alt: in this editor group)' } });
      open.addEventListener('click', (ev) => this.ctx.openSource(src, !ev.altKey));
      ctxCell.append(open);
    }
    return el('tr', { cls: 'peek-edge-row' }, el('td'), el('td'), el('td'), el('td'), el('td'), el('td', { cls: 'num', text: c.valueText }), el('td', { cls: 'num', text: c.percent }), ctxCell);
  }
}
