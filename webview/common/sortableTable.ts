// A sortable, keyboard-accessible table built from text only (every cell is set with textContent, so
// strings from Spark never become markup). Header buttons sort; rows are focusable and activate on
// Enter or click.
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
}

export function sortableTable<Row>(options: TableOptions<Row>): HTMLElement {
  let sortColumn = options.initialSort?.column ?? 0;
  let descending = options.initialSort?.descending ?? false;
  const table = el('table', { class: 'data-table', 'aria-label': options.label });
  const head = el('thead');
  const body = el('tbody');
  table.append(head, body);

  function compare(a: Row, b: Row): number {
    const column = options.columns[sortColumn];
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return descending ? -order : order;
  }

  function renderHead(): void {
    const row = el('tr');
    options.columns.forEach((column, index) => {
      const sorted = index === sortColumn;
      const button = el('button', { class: 'sort', type: 'button' }, column.title, sorted ? (descending ? ' ▾' : ' ▴') : '');
      button.addEventListener('click', () => {
        descending = sorted ? !descending : !!column.numeric;
        sortColumn = index;
        render();
        (head.querySelectorAll('button.sort')[index] as HTMLButtonElement | undefined)?.focus();
      });
      const th = el('th', { scope: 'col', class: column.numeric ? 'num' : '' }, button);
      th.setAttribute('aria-sort', sorted ? (descending ? 'descending' : 'ascending') : 'none');
      row.append(th);
    });
    head.replaceChildren(row);
  }

  function renderBody(): void {
    const rows = [...options.rows].sort(compare);
    const fragment = document.createDocumentFragment();
    for (const row of rows) {
      const tr = el('tr');
      if (options.rowKey) tr.dataset.key = options.rowKey(row);
      for (const column of options.columns) {
        const value = column.value(row);
        const text = column.text ? column.text(row) : value === undefined ? '' : String(value);
        const classes = [column.numeric ? 'num' : '', column.cellClass?.(row) ?? ''].filter(Boolean).join(' ');
        tr.append(el('td', classes ? { class: classes } : {}, text));
      }
      if (options.onActivate) {
        const activate = options.onActivate;
        tr.tabIndex = 0;
        tr.classList.add('activatable');
        tr.addEventListener('click', () => activate(row));
        tr.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            activate(row);
          }
        });
      }
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
  }

  function render(): void {
    renderHead();
    renderBody();
  }

  render();
  return el('div', { class: 'table-wrap' }, table);
}
