// A sortable, filterable, keyboard-accessible table built from text only (every cell is set with
// textContent, so strings from Spark never become markup). Header buttons sort; rows activate on
// Enter or click; arrows, Page Up/Down, Home and End move between rows (one tab stop per table).
//
// Long tables (2,000 stages, 500 executors) are virtualised: only the rows in view (and a margin)
// are in the DOM, between two spacer rows that keep the scroll height; the table carries
// aria-rowcount and each row its aria-rowindex, so a screen reader still knows where it is.
import { el } from './vscodeApi';

export interface Column<Row> {
  title: string;
  /** What the column sorts by. */
  value: (row: Row) => number | string | undefined;
  /** What the cell shows (defaults to the value). */
  text?: (row: Row) => string;
  numeric?: boolean;
  /** Extra class names for the cell (e.g. a status colour). */
  cellClass?: (row: Row) => string;
}

export interface TableOptions<Row> {
  label: string;
  columns: Array<Column<Row>>;
  rows: Row[];
  initialSort?: { column: number; descending: boolean };
  onActivate?: (row: Row) => void;
  rowKey?: (row: Row) => string;
  /** A filter box above the table: rows whose text (all cells, by default) contains what is typed. */
  filter?: { placeholder: string };
}

/** Tables longer than this render only the rows in view. */
export const virtualThreshold = 150;
/** Rows drawn above and below the visible ones. */
const overscan = 15;
/** Row height until one is measured (13px text, line-height 1.5, padding, border). */
const defaultRowHeight = 27;

export function sortableTable<Row>(options: TableOptions<Row>): HTMLElement {
  let sortColumn = options.initialSort?.column ?? 0;
  let descending = options.initialSort?.descending ?? false;
  const columns = options.columns;
  const table = el('table', { class: 'data-table', 'aria-label': options.label });
  const head = el('thead');
  const body = el('tbody');
  table.append(head, body);
  const wrap = el('div', { class: 'table-wrap' }, table);

  /** Rows as shown: filtered, then sorted. */
  let shown: Row[] = [];
  /** Index in `shown` of the row that has the table's tab stop. */
  let current = 0;
  let virtual = false;
  let rowHeight = 0;
  let first = 0;
  let last = 0;
  let query = '';
  const texts = new Map<Row, string>();

  const cellText = (row: Row, column: Column<Row>): string => {
    if (column.text) return column.text(row);
    const value = column.value(row);
    return value === undefined ? '' : String(value);
  };
  const rowText = (row: Row): string => {
    let text = texts.get(row);
    if (text === undefined) texts.set(row, (text = columns.map((c) => cellText(row, c)).join('\u0000').toLowerCase()));
    return text;
  };

  function compare(a: Row, b: Row): number {
    const column = columns[sortColumn];
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  }

  function renderHead(): void {
    const row = el('tr', { 'aria-rowindex': '1' });
    columns.forEach((column, index) => {
      const sorted = index === sortColumn;
      const button = el('button', { class: 'sort', type: 'button' }, column.title, sorted ? (descending ? ' ▾' : ' ▴') : '');
      button.addEventListener('click', () => {
        descending = sorted ? !descending : !!column.numeric;
        sortColumn = index;
        update();
        (head.querySelectorAll('button.sort')[index] as HTMLButtonElement | undefined)?.focus();
      });
      const th = el('th', { scope: 'col', class: column.numeric ? 'num' : '' }, button);
      th.setAttribute('aria-sort', sorted ? (descending ? 'descending' : 'ascending') : 'none');
      row.append(th);
    });
    head.replaceChildren(row);
  }

  function rowElement(row: Row, index: number): HTMLTableRowElement {
    const tr = el('tr', { 'aria-rowindex': String(index + 2) });
    if (options.rowKey) tr.dataset.key = options.rowKey(row);
    tr.dataset.index = String(index);
    for (const column of columns) {
      const classes = [column.numeric ? 'num' : '', column.cellClass?.(row) ?? ''].filter(Boolean).join(' ');
      tr.append(el('td', classes ? { class: classes } : {}, cellText(row, column)));
    }
    tr.tabIndex = index === current ? 0 : -1;
    if (options.onActivate) tr.classList.add('activatable');
    return tr;
  }

  function spacer(rows: number): HTMLTableRowElement {
    const td = el('td', { colspan: String(columns.length) });
    td.style.height = `${rows * (rowHeight || defaultRowHeight)}px`;
    return el('tr', { class: 'spacer', 'aria-hidden': 'true' }, td);
  }

  /** Draws rows [from, to) of `shown`, with spacers for the rest when virtual. */
  function renderRows(from: number, to: number): void {
    first = from;
    last = to;
    const fragment = document.createDocumentFragment();
    if (from > 0) fragment.append(spacer(from));
    for (let i = from; i < to; i++) fragment.append(rowElement(shown[i], i));
    if (to < shown.length) fragment.append(spacer(shown.length - to));
    body.replaceChildren(fragment);
  }

  /** Measures a drawn row once the table is in the page; the spacers use the measured height. */
  function measure(): void {
    const height = body.querySelector<HTMLElement>('tr[data-index]')?.getBoundingClientRect().height ?? 0;
    if (height > 0) {
      rowHeight = height;
      renderRows(first, last);
    }
  }

  /** The window of rows that covers what the scroll box shows. */
  function windowAt(scrollTop: number): [number, number] {
    const height = rowHeight || defaultRowHeight;
    const visible = Math.ceil((wrap.clientHeight || 480) / height);
    const top = Math.floor(Math.max(0, scrollTop - head.getBoundingClientRect().height) / height);
    const from = Math.max(0, top - overscan);
    return [from, Math.min(shown.length, top + visible + overscan)];
  }

  function renderWindow(): void {
    if (!virtual) return renderRows(0, shown.length);
    const [from, to] = windowAt(wrap.scrollTop);
    if (from !== first || to !== last) renderRows(from, to);
  }

  function update(): void {
    const filtered = query ? options.rows.filter((row) => rowText(row).includes(query)) : [...options.rows];
    shown = filtered.sort(compare);
    current = Math.min(current, Math.max(0, shown.length - 1));
    virtual = shown.length > virtualThreshold;
    table.setAttribute('aria-rowcount', String(shown.length + 1));
    renderHead();
    if (virtual) {
      const [from, to] = windowAt(wrap.scrollTop);
      renderRows(from, to);
    } else {
      renderRows(0, shown.length);
    }
    if (count) count.textContent = query ? `${shown.length} of ${options.rows.length}` : '';
  }

  /** Moves the tab stop (and focus) to row `index`, scrolling it into view. */
  function focusRow(index: number): void {
    if (!shown.length) return;
    current = Math.max(0, Math.min(shown.length - 1, index));
    if (virtual && !rowHeight) measure();
    if (virtual && (current < first || current >= last)) {
      const height = rowHeight || defaultRowHeight;
      wrap.scrollTop = Math.max(0, current * height - wrap.clientHeight / 2);
      const [from, to] = windowAt(wrap.scrollTop);
      renderRows(Math.min(from, current), Math.max(to, current + 1));
    }
    body.querySelectorAll<HTMLElement>('tr[data-index]').forEach((tr) => (tr.tabIndex = Number(tr.dataset.index) === current ? 0 : -1));
    const tr = body.querySelector<HTMLElement>(`tr[data-index="${current}"]`);
    tr?.focus({ preventScroll: false });
    tr?.scrollIntoView({ block: 'nearest' });
  }

  const rowOf = (target: EventTarget | null): number | undefined => {
    const tr = (target as HTMLElement | null)?.closest?.('tr[data-index]') as HTMLElement | null;
    return tr ? Number(tr.dataset.index) : undefined;
  };

  body.addEventListener('click', (event) => {
    const index = rowOf(event.target);
    if (index === undefined) return;
    current = index;
    body.querySelectorAll<HTMLElement>('tr[data-index]').forEach((tr) => (tr.tabIndex = Number(tr.dataset.index) === current ? 0 : -1));
    options.onActivate?.(shown[index]);
  });
  body.addEventListener('keydown', (event) => {
    const index = rowOf(event.target);
    if (index === undefined) return;
    const page = Math.max(1, Math.floor(wrap.clientHeight / (rowHeight || defaultRowHeight)) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: shown.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]);
    } else if ((event.key === 'Enter' || event.key === ' ') && options.onActivate) {
      event.preventDefault();
      current = index;
      options.onActivate(shown[index]);
    }
  });
  let scheduled = false;
  wrap.addEventListener(
    'scroll',
    () => {
      if (!virtual || scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        if (!rowHeight) measure();
        renderWindow();
      });
    },
    { passive: true },
  );

  let count: HTMLElement | undefined;
  let filterBox: HTMLElement | undefined;
  if (options.filter) {
    const input = el('input', { type: 'search', class: 'table-filter', placeholder: options.filter.placeholder, 'aria-label': `Filter ${options.label.toLowerCase()}` });
    count = el('span', { class: 'muted', role: 'status' });
    let pending = 0;
    input.addEventListener('input', () => {
      clearTimeout(pending);
      pending = window.setTimeout(() => {
        query = input.value.trim().toLowerCase();
        wrap.scrollTop = 0;
        current = 0;
        update();
      }, 120);
    });
    filterBox = el('div', { class: 'toolbar' }, input, count);
  }

  update();
  return filterBox ? el('div', {}, filterBox, wrap) : wrap;
}
