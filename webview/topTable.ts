// The Top tab: pprof's -top report as a virtualized, sortable, keyboard-driven grid. Rows come in
// pages from the worker (only what is on screen is fetched and rendered), with -top's own
// numbers and texts; sorting by flat is -top, by cum is -top -cum, by any other column a
// re-ordering of -top's rows.
import type { SourceRef, TopArgs, TopPage, TopRowView, TopSortKey, ViewGranularity } from '../src/shared/protocol';
import { exactRegexp } from '../src/shared/refinements';
import { baseName, el } from './dom';
import { StaleResponse, type MountedView, type ViewContext, type ViewInputs } from './viewContext';

/** Row height in px; must match `.grid-row` in media/profileView.css. */
const ROW_HEIGHT = 22;
/** Height of the sticky header row in px; must match `.grid-head`. */
const HEAD_HEIGHT = 26;
/** Rows per request. */
const PAGE = 200;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 8;

/** The Top tab's persisted state. */
export interface TopState {
  sort: { key: TopSortKey; descending: boolean };
  showAll: boolean;
  selected: number;
  scrollTop: number;
  /** The view (inputs) the selection and scroll belong to. */
  viewKey: string;
}

interface Column {
  key: TopSortKey;
  title: string;
  /** Accessible name of the column. */
  label: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'flat', title: 'flat', label: 'flat', numeric: true },
  { key: 'flatPercent', title: 'flat%', label: 'flat percent', numeric: true },
  { key: 'sum', title: 'sum%', label: 'sum percent', numeric: true },
  { key: 'cum', title: 'cum', label: 'cum', numeric: true },
  { key: 'cumPercent', title: 'cum%', label: 'cum percent', numeric: true },
  { key: 'name', title: 'name', label: 'name', numeric: false },
];

/** A row action: the toolbar's button for the selected row, and the hover button of each row. */
interface RowAction {
  label: string;
  /** Shorter label of the hover button. */
  short: string;
  title: string;
  run(row: TopRowView, e: MouseEvent | KeyboardEvent): void;
}

/** One rendered row element and the row index it shows (-1: free). */
interface RowSlot {
  el: HTMLElement;
  index: number;
  cells: HTMLElement[];
  name: HTMLElement;
  loc: HTMLElement;
  inl: HTMLElement;
}

/** Mounts the Top table. */
/** The Top tab's state before the user changed anything. */
function defaultTopState(): TopState {
  return { sort: { key: 'flat', descending: true }, showAll: false, selected: 0, scrollTop: 0, viewKey: '' };
}

/** The worker's arguments of a Top request (minus paging) for a sort, cutoff, granularity and search. */
function topArgs(st: Pick<TopState, 'sort' | 'showAll'>, granularity: ViewGranularity, search: string): Omit<TopArgs, 'query' | 'offset' | 'limit'> {
  const { key, descending } = st.sort;
  // flat and cum, largest first, are -top's and -top -cum's own orders (sum% follows them).
  const cumSort = key === 'cum' || key === 'cumPercent';
  const engineOrder = descending && (key === 'flat' || key === 'cum');
  return { granularity, cumSort, showAll: st.showAll, order: engineOrder ? undefined : { key, descending }, search };
}

/**
 * The first request a Top tab with this saved state sends once the profile's state arrives: its
 * first page. Announced with `ready`, so that the host can start it while the profile decodes.
 */
export function firstTopRequest(saved: Partial<TopState> | undefined, granularity: ViewGranularity, search: string): Omit<TopArgs, 'query'> {
  return { ...topArgs({ ...defaultTopState(), ...saved }, granularity, search), offset: 0, limit: PAGE };
}

export function mountTopTable(container: HTMLElement, ctx: ViewContext): MountedView {
  return new TopTable(container, ctx);
}

class TopTable implements MountedView {
  private readonly st: TopState;
  private inputs: ViewInputs | undefined;
  /** Key of the inputs the cached pages belong to. */
  private viewKey = '';
  private generation = 0;
  private readonly pages = new Map<number, TopRowView[]>();
  private readonly loading = new Set<number>();
  private matched = 0;
  /** Longest text seen per numeric column (in characters), to size the columns to fit. */
  private widths = [0, 0, 0, 0, 0];
  private readonly slots: RowSlot[] = [];

  private readonly info: HTMLElement;
  private readonly warn: HTMLElement;
  private readonly count: HTMLElement;
  private readonly showAll: HTMLElementTagNameMap['vscode-checkbox'];
  private readonly grid: HTMLElement;
  private readonly headCells: HTMLElement[] = [];
  private readonly scroller: HTMLElement;
  /** The rows' box: as tall as all rows; rows are absolutely placed in it. */
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly resize: ResizeObserver;
  private readonly actions: RowAction[];
  private readonly toolbar: HTMLElement;
  private readonly selectedName: HTMLElement;
  private readonly toolbarButtons: HTMLElementTagNameMap['vscode-button'][] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly ctx: ViewContext,
  ) {
    this.st = { ...defaultTopState(), ...ctx.loadState<TopState>() };

    // 1. The bar above the grid: -top's header lines, the cutoff switch, the row count.
    this.info = el('div', { cls: 'top-info', attrs: { 'aria-live': 'polite' } });
    this.warn = el('div', { cls: 'top-warn', attrs: { role: 'status' } });
    this.count = el('span', { cls: 'muted top-count' });
    this.showAll = el('vscode-checkbox', { attrs: { label: 'Show all nodes', title: "Show every node (nodefraction 0) instead of -top's default cutoff (nodes with cum <= 0.5% of the total are dropped)" } });
    this.showAll.checked = this.st.showAll;
    this.showAll.addEventListener('change', () => {
      this.st.showAll = this.showAll.checked;
      this.save();
      this.reload();
    });
    const bar = el('div', { cls: 'top-bar' }, this.info, el('div', { cls: 'top-bar-right' }, this.count, this.showAll));

    // 2. What can be done with the selected row (also on each row's hover, and by key).
    this.actions = [
      { label: 'Open Source', short: 'Source', title: 'Open its source line (Enter; Alt: in this editor group)', run: (r, e) => this.openSource(r, !e.altKey) },
      { label: 'Focus', short: 'Focus', title: 'Keep only samples through it (-focus, key F)', run: (r) => this.ctx.refine('focus', r.refine, this.chipLabel(r)) },
      { label: 'Ignore', short: 'Ignore', title: 'Drop samples through it (-ignore, key I)', run: (r) => this.ctx.refine('ignore', r.refine, this.chipLabel(r)) },
      { label: 'Hide', short: 'Hide', title: 'Hide its frames from stacks (-hide, key H)', run: (r) => this.ctx.refine('hide', r.refine, this.chipLabel(r)) },
      { label: 'Show Only', short: 'Show', title: 'Keep only its frames in stacks (-show, key S)', run: (r) => this.ctx.refine('show', r.refine, this.chipLabel(r)) },
      { label: 'Callers/Callees', short: 'Peek', title: 'Show its callers and callees in Peek (-peek, key P)', run: (r) => this.peek(r) },
    ];
    this.selectedName = el('span', { cls: 'top-selected' });
    this.toolbar = el('div', { cls: 'top-actions', attrs: { role: 'toolbar', 'aria-label': 'Actions on the selected row' } });
    for (const a of this.actions) {
      const b = el('vscode-button', { text: a.label, attrs: { secondary: '', title: a.title } });
      b.addEventListener('click', (e) => {
        const row = this.rowAt(this.st.selected);
        if (row) a.run(row, e);
      });
      this.toolbarButtons.push(b);
      this.toolbar.append(b);
    }
    this.toolbar.append(this.selectedName);

    // 3. The grid: one scroller holding a sticky header row of sort buttons (it scrolls
    // sideways with the rows on narrow panes) and the rows' box, with pooled rows in it.
    const head = el('div', { cls: 'grid-row grid-head', attrs: { role: 'row', 'aria-rowindex': '1' } });
    for (const c of COLUMNS) {
      const b = el('button', { cls: 'sort', text: c.title, attrs: { type: 'button', title: `Sort by ${c.label}` } });
      b.addEventListener('click', () => this.sortBy(c.key));
      const cell = el('div', { cls: c.numeric ? 'cell num' : 'cell name', attrs: { role: 'columnheader' } }, b);
      this.headCells.push(cell);
      head.append(cell);
    }
    this.body = el('div', { cls: 'grid-body', attrs: { role: 'rowgroup' } });
    this.scroller = el('div', { cls: 'grid-scroll' }, el('div', { cls: 'grid-head-group', attrs: { role: 'rowgroup' } }, head), this.body);
    this.status = el('div', { cls: 'grid-status muted' });
    this.grid = el(
      'div',
      {
        cls: 'grid',
        attrs: {
          role: 'grid',
          tabindex: '0',
          'aria-label': 'Top: flat and cum per node, as go tool pprof -top',
          'aria-colcount': String(COLUMNS.length),
          'aria-description': 'Arrows move, Enter opens the source, F focus, I ignore, H hide, S show only, P callers and callees',
        },
      },
      this.scroller,
      this.status,
    );
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('scroll', () => {
      this.st.scrollTop = this.scroller.scrollTop;
      this.saveSoon();
      this.render();
    });
    this.resize = new ResizeObserver(() => this.render());
    this.resize.observe(this.scroller);
    container.append(el('div', { cls: 'top' }, bar, this.warn, this.toolbar, this.grid));
  }

  update(inputs: ViewInputs): void {
    this.inputs = inputs;
    const key = this.inputsKey();
    if (key === this.viewKey) return;
    // A changed query, granularity, search, order or cutoff: start over (same view: keep the place).
    const restoring = this.viewKey === '' && this.st.viewKey === key;
    this.viewKey = key;
    if (!restoring) {
      this.st.selected = 0;
      this.st.scrollTop = 0;
    }
    this.st.viewKey = key;
    this.reset();
    this.scroller.scrollTop = this.st.scrollTop;
    this.fetch(0);
  }

  focus(): void {
    this.grid.focus();
  }

  dispose(): void {
    this.resize.disconnect();
    this.container.replaceChildren();
  }

  private inputsKey(): string {
    const i = this.inputs!;
    return JSON.stringify([i.queryKey, i.granularity, i.search, this.st.sort, this.st.showAll]);
  }

  private reload(): void {
    if (!this.inputs) return;
    this.viewKey = '';
    this.st.viewKey = '';
    this.update(this.inputs);
  }

  private reset(): void {
    this.generation++;
    // Every slot shows a row of the old view: make each one refill.
    for (const slot of this.slots) slot.index = -1;
    this.widths = [0, 0, 0, 0, 0];
    this.pages.clear();
    this.loading.clear();
    for (const h of this.headCells) h.removeAttribute('aria-sort');
    const i = COLUMNS.findIndex((c) => c.key === this.st.sort.key);
    this.headCells[i]?.setAttribute('aria-sort', this.st.sort.descending ? 'descending' : 'ascending');
    this.headCells.forEach((h, j) => h.classList.toggle('sorted', j === i));
  }

  /** The worker's arguments for the current inputs (minus paging). */
  private args(): Omit<TopArgs, 'query' | 'offset' | 'limit'> {
    return topArgs(this.st, this.inputs!.granularity, this.inputs!.search);
  }

  private fetch(page: number): void {
    if (page * PAGE >= this.matched && page > 0) return;
    if (this.pages.has(page) || this.loading.has(page) || !this.inputs) return;
    this.loading.add(page);
    const gen = this.generation;
    if (page === 0) {
      this.status.textContent = 'Loading…';
      performance.mark('pprof-lens:top request');
    }
    this.ctx
      .request('top', { ...this.args(), offset: page * PAGE, limit: PAGE })
      .then((p) => {
        if (gen !== this.generation) return;
        this.loading.delete(page);
        if (page === 0) performance.mark('pprof-lens:top answer');
        this.pages.set(page, p.rows);
        this.showPage(p);
        if (page === 0) performance.mark('pprof-lens:top shown');
      })
      .catch((e: Error) => {
        if (e instanceof StaleResponse || gen !== this.generation) return;
        this.loading.delete(page);
        this.matched = 0;
        this.body.style.height = '0px';
        this.status.textContent = '';
        this.warn.textContent = e.message;
        this.warn.classList.add('error');
        this.render();
      });
  }

  private showPage(p: TopPage): void {
    this.fitColumns(p.rows);
    this.matched = p.matched;
    this.grid.setAttribute('aria-rowcount', String(p.matched + 1));
    this.body.style.height = `${p.matched * ROW_HEIGHT}px`;
    // -top's header minus the profile lines the shell already shows.
    const lines = p.labels.filter((l) => /^(Showing|Dropped|Active filters|\s{3})/.test(l));
    this.info.replaceChildren(...lines.map((l) => el('div', { text: l.trim() })));
    this.count.textContent = p.matched === p.count ? `${p.count.toLocaleString('en-US')} rows` : `${p.matched.toLocaleString('en-US')} of ${p.count.toLocaleString('en-US')} rows match`;
    this.warn.classList.remove('error');
    // pprof's notes on the filters show next to the chips; here only errors.
    this.warn.textContent = '';
    this.status.textContent = p.matched === 0 ? (p.count === 0 ? 'No samples.' : 'No row matches the search.') : '';
    if (this.st.selected >= p.matched) this.st.selected = Math.max(0, p.matched - 1);
    if (this.scroller.scrollTop !== this.st.scrollTop && this.st.scrollTop <= p.matched * ROW_HEIGHT) this.scroller.scrollTop = this.st.scrollTop;
    this.render();
  }

  /**
   * Sizes the numeric columns to their longest text so far (values like "499500100000ns" must
   * not be cut), through CSS variables: the rows are separate grids that must share columns.
   */
  private fitColumns(rows: TopRowView[]): void {
    const w = this.widths;
    let grew = false;
    for (const r of rows) {
      const texts = [r.flatText, r.flatPercent, r.sumPercent, r.cumText, r.cumPercent];
      texts.forEach((t, i) => {
        if (t.length > w[i]) {
          w[i] = t.length;
          grew = true;
        }
      });
    }
    if (!grew) return;
    // At least the width of the titles with their sort arrow.
    const cols = w.map((n, i) => `calc(${Math.max(n, i === 0 || i === 3 ? 6 : 5)}ch + 18px)`);
    this.grid.style.setProperty('--top-columns', `${cols.join(' ')} minmax(14em, 1fr)`);
    this.grid.style.setProperty('--top-min-width', `calc(${cols.join(' + ')} + 14em)`);
  }

  /** Renders the visible rows from the page cache, asking for missing pages. */
  private render(): void {
    const height = Math.max(0, this.scroller.clientHeight - HEAD_HEIGHT);
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.matched, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    // The visible pages, then the neighbours within half a page, so wheel scrolling never waits.
    const pageOf = (i: number) => Math.floor(Math.max(0, Math.min(i, this.matched - 1)) / PAGE);
    for (let p = pageOf(first); p <= pageOf(last - 1); p++) this.fetch(p);
    this.fetch(pageOf(last + PAGE / 2));
    this.fetch(pageOf(first - PAGE / 2));
    // Grow the pool to what the window needs. Row i always lives in slot i mod pool size, so a
    // row that stays on screen keeps its element and scrolling refills only the rows coming in.
    const need = Math.max(0, last - first);
    while (this.slots.length < need) this.slots.push(this.makeSlot());
    const n = this.slots.length;
    const used = new Set<number>();
    for (let index = first; index < last; index++) {
      const k = index % n;
      used.add(k);
      const slot = this.slots[k];
      slot.el.hidden = false;
      this.fill(slot, index);
    }
    for (let k = 0; k < n; k++) {
      if (used.has(k)) continue;
      this.slots[k].el.hidden = true;
      this.slots[k].index = -1;
    }
    this.syncActive();
  }

  private makeSlot(): RowSlot {
    const cells = COLUMNS.map((c) => el('div', { cls: c.numeric ? 'cell num' : 'cell name', attrs: { role: 'gridcell' } }));
    const name = el('span', { cls: 'fn' });
    const loc = el('span', { cls: 'loc' });
    const inl = el('span', { cls: 'inl' });
    const actions = el('span', { cls: 'row-actions', attrs: { 'aria-hidden': 'true' } });
    for (const a of this.actions) {
      // Mouse shortcuts only: the toolbar and the keys are the accessible way.
      const b = el('button', { cls: 'row-action', text: a.short, attrs: { type: 'button', title: a.title, tabindex: '-1' } });
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        this.select(slot.index, false);
        const row = this.rowAt(slot.index);
        if (row) a.run(row, e);
      });
      actions.append(b);
    }
    cells[5].append(name, loc, inl, actions);
    const rowEl = el('div', { cls: 'grid-row', attrs: { role: 'row' } }, ...cells);
    const slot: RowSlot = { el: rowEl, index: -1, cells, name, loc, inl };
    rowEl.addEventListener('click', () => this.select(slot.index, false));
    rowEl.addEventListener('dblclick', (e) => {
      const row = this.rowAt(slot.index);
      if (row) this.openSource(row, !e.altKey);
    });
    name.addEventListener('click', (e) => {
      e.stopPropagation();
      this.select(slot.index, false);
      const row = this.rowAt(slot.index);
      if (row) this.openSource(row, !e.altKey);
    });
    this.body.append(rowEl);
    return slot;
  }

  private fill(slot: RowSlot, index: number): void {
    const row = this.rowAt(index);
    const moved = slot.index !== index;
    const changed = moved || slot.el.dataset.rank !== String(row?.rank ?? '');
    slot.index = index;
    if (moved) {
      slot.el.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      slot.el.id = `top-row-${index}`;
      slot.el.setAttribute('aria-rowindex', String(index + 2));
    }
    slot.el.classList.toggle('selected', index === this.st.selected);
    slot.el.setAttribute('aria-selected', String(index === this.st.selected));
    if (!changed) return;
    slot.el.dataset.rank = String(row?.rank ?? '');
    if (!row) {
      for (const c of slot.cells.slice(0, 5)) c.textContent = '';
      slot.name.textContent = '…';
      slot.loc.textContent = '';
      slot.inl.textContent = '';
      slot.el.classList.add('pending');
      return;
    }
    slot.el.classList.remove('pending');
    slot.cells[0].textContent = row.flatText;
    slot.cells[1].textContent = row.flatPercent;
    slot.cells[2].textContent = row.sumPercent;
    slot.cells[3].textContent = row.cumText;
    slot.cells[4].textContent = row.cumPercent;
    const lines = this.inputs?.granularity === 'lines' && row.source && row.functionName !== '';
    slot.name.textContent = lines ? row.functionName : row.name;
    slot.loc.textContent = lines ? `${baseName(row.source!.file)}:${row.source!.line}` : '';
    slot.inl.textContent = row.inlineLabel;
    slot.cells[5].title = row.source ? `${row.name}\n${row.source.file}${row.hotLineOnOpen ? '' : `:${row.source.line}`}` : row.name;
    slot.name.classList.toggle('link', row.source !== undefined);
  }

  private rowAt(index: number): TopRowView | undefined {
    if (index < 0) return undefined;
    return this.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  }

  private chipLabel(r: TopRowView): string {
    return this.inputs?.granularity === 'files' ? baseName(r.name) : r.functionName || r.name;
  }

  /** Opens the row's source: a function's hottest line, asked of the worker now (the table did not wait for it). */
  private openSource(r: TopRowView, beside: boolean): void {
    const fallback: SourceRef | undefined = r.source;
    if (!fallback) return;
    if (!r.hotLineOnOpen) return this.ctx.openSource(fallback, beside);
    this.ctx.request('functionSource', { functionName: r.functionName }).then(
      (ref) => this.ctx.openSource(ref ?? fallback, beside),
      // The query changed meanwhile (or the worker failed): the table is being refreshed; open where the function starts.
      () => this.ctx.openSource(fallback, beside),
    );
  }

  private peek(r: TopRowView): void {
    // -peek matches printable names: the row's own name is exactly its node (a line at line
    // granularity, where the function's regexp would match nothing).
    this.ctx.peek(exactRegexp(r.name), this.chipLabel(r));
  }

  private sortBy(key: TopSortKey): void {
    const cur = this.st.sort;
    this.st.sort = cur.key === key ? { key, descending: !cur.descending } : { key, descending: key !== 'name' };
    this.save();
    this.reload();
  }

  private select(index: number, scroll: boolean): void {
    if (index < 0 || index >= this.matched) return;
    this.st.selected = index;
    this.saveSoon();
    if (scroll) {
      const top = index * ROW_HEIGHT;
      const view = this.scroller.clientHeight - HEAD_HEIGHT;
      if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
      else if (top + ROW_HEIGHT > this.scroller.scrollTop + view) this.scroller.scrollTop = top + ROW_HEIGHT - view;
    }
    for (const s of this.slots) {
      s.el.classList.toggle('selected', s.index === index);
      s.el.setAttribute('aria-selected', String(s.index === index));
    }
    this.syncActive();
  }

  private syncActive(): void {
    const row = this.rowAt(this.st.selected);
    this.selectedName.textContent = row ? (row.inlineLabel ? `${row.name} ${row.inlineLabel}` : row.name) : '';
    this.selectedName.title = row?.name ?? '';
    this.toolbarButtons.forEach((b, i) => (b.disabled = !row || (i === 0 && !row.source)));
    const shown = this.slots.some((s) => s.index === this.st.selected && !s.el.hidden);
    if (shown && this.matched > 0) this.grid.setAttribute('aria-activedescendant', `top-row-${this.st.selected}`);
    else this.grid.removeAttribute('aria-activedescendant');
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.scroller.clientHeight - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
    const sel = this.st.selected;
    const row = this.rowAt(sel);
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    switch (e.key) {
      case 'ArrowDown':
        this.select(Math.min(this.matched - 1, sel + 1), true);
        break;
      case 'ArrowUp':
        this.select(Math.max(0, sel - 1), true);
        break;
      case 'PageDown':
        this.select(Math.min(this.matched - 1, sel + page), true);
        break;
      case 'PageUp':
        this.select(Math.max(0, sel - page), true);
        break;
      case 'Home':
        this.select(0, true);
        break;
      case 'End':
        this.select(this.matched - 1, true);
        break;
      case 'Enter':
        if (row) this.openSource(row, !e.altKey);
        break;
      default: {
        if (!plain || !row) return;
        const k = e.key.toLowerCase();
        if (k === 'f') this.ctx.refine('focus', row.refine, this.chipLabel(row));
        else if (k === 'i') this.ctx.refine('ignore', row.refine, this.chipLabel(row));
        else if (k === 'h') this.ctx.refine('hide', row.refine, this.chipLabel(row));
        else if (k === 's') this.ctx.refine('show', row.refine, this.chipLabel(row));
        else if (k === 'p') this.peek(row);
        else return;
      }
    }
    e.preventDefault();
  }

  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 150);
  }

  private save(): void {
    this.ctx.saveState<TopState>({ ...this.st });
  }
}
