// A Jupyter notebook (.ipynb, nbformat 4) as one Python text the rules can read: its code cells in order,
// each after a `# %%` marker line (so the file counts as a notebook, not a job: SPK106 stays quiet), with
// IPython magics (`%pip install x`, `!ls`) blanked and non-Python cells (`%%sql`, `%%bash`) left out.
// Positions in that text map back to a cell and a line in it, as ruff reports notebooks (`cell 3:2:5`).
import { IMPORTS_PYSPARK, USES_SHELL_SESSION } from '../analysis/notebookSource';
import { SYNTAX_NOTICE } from './engine';
import { LineScanner } from './lineScanner';
import type { Finding, Position, Range } from './types';

export interface NotebookCell {
  /** 1-based, counting every cell of the notebook (markdown too), as it shows top to bottom. */
  number: number;
  /** 0-based line of the cell's first source line in the joined text. */
  firstLine: number;
}

export interface NotebookSource {
  text: string;
  cells: NotebookCell[];
  /** Cells that end inside a string or bracket: Jupyter refuses them; they are left out (blanked). */
  brokenCells: NotebookCell[];
}

/** Cell magics whose body is still Python (timing, capturing output, Synapse's `%%pyspark`); any other `%%` cell is not Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'skip', 'pyspark']);

/** A cell in another language: Databricks' `%sql`, `%scala`, `%r`, `%sh`, `%fs`, `%md` as its first line. */
const OTHER_LANGUAGE_CELL = /^\s*%(sql|scala|r|sh|fs|md(-sandbox)?)\b/i;

/** Databricks' `%python` first line: a Python cell in a notebook of another default language. */
const PYTHON_CELL = /^\s*%python\b/;

const DATABRICKS_HEADER = '# Databricks notebook source';
/** Spark kernels (sparkmagic's, Synapse's, Glue's) define `spark` and `sc` like a Databricks notebook. */
const SPARK_KERNEL_HEADER = 'import pyspark  # the kernel defines spark and sc';

/** The notebook's code as Python text, or why it is not analysed. */
export function notebookSource(json: string): NotebookSource | { skipped: string } {
  let notebook: unknown;
  try {
    notebook = JSON.parse(json);
  } catch (error) {
    return { skipped: `not analysed: the notebook is not valid JSON (${(error as Error).message})` };
  }
  const cells = cellsOf(notebook);
  if (!cells) return { skipped: 'not analysed: no `cells` list (nbformat 3 and 4 notebooks are read)' };
  const metadata = (notebook as { metadata?: Record<string, unknown> }).metadata ?? {};
  return joinNotebookCells(cells.map((cell) => (cell?.cell_type === 'code' ? sourceOf(cell) : undefined)), metadata);
}

/**
 * A notebook's cells (the code of each code cell, undefined for markdown and raw cells) as one Python
 * text, or why it is not analysed: the notebook's metadata names another language. The editor's
 * notebooks come here with their cells as VS Code holds them, files with the cells of their JSON.
 */
export function joinNotebookCells(cells: ReadonlyArray<string | undefined>, metadata: Record<string, unknown>): NotebookSource | { skipped: string } {
  const kernel = notebookKernel(metadata);
  // a Databricks notebook of another default language (SQL, Scala, R): its `%python` cells are Python
  const databricks = (metadata['application/vnd.databricks.v1+notebook'] as { language?: unknown } | undefined)?.language;
  const otherDefault = typeof databricks === 'string' && databricks !== '' && !/^python$/i.test(databricks);
  if (otherDefault && !cells.some((code) => code !== undefined && PYTHON_CELL.test(code))) return { skipped: `not analysed: a ${databricks} notebook` };
  if (!otherDefault && kernel.language && !/^(i?python\d?|pyspark\d?)$/i.test(kernel.language)) return { skipped: `not analysed: a ${kernel.language} notebook` };
  // a Databricks notebook or a Spark kernel (Synapse's `%%pyspark` cells too) runs with `spark` and `sc`
  // defined, often without importing pyspark
  const sparkKernel = kernel.spark || cells.some((code) => code !== undefined && /^\s*%%pyspark\b/.test(code));
  const lines: string[] = 'application/vnd.databricks.v1+notebook' in metadata ? [DATABRICKS_HEADER] : sparkKernel ? [SPARK_KERNEL_HEADER] : [];
  const header = lines.length;
  const mapped: NotebookCell[] = [];
  const brokenCells: NotebookCell[] = [];
  cells.forEach((code, index) => {
    if (code === undefined || (otherDefault && !PYTHON_CELL.test(code))) return;
    const python = pythonLines(code.split(/\r\n|\r|\n/));
    if (!python) return;
    lines.push(`# %% cell ${index + 1}`);
    const mappedCell = { number: index + 1, firstLine: lines.length };
    mapped.push(mappedCell);
    // joined, an unclosed string or bracket would swallow the cells after it
    if (python.unclosed) brokenCells.push(mappedCell);
    lines.push(...(python.unclosed ? python.lines.map((line) => ' '.repeat(line.length)) : python.lines));
  });
  // the pyspark shell's `spark` and `sc` used without an import: the notebook ran with them defined
  const code = lines.join('\n');
  if (!header && !IMPORTS_PYSPARK.test(code) && USES_SHELL_SESSION.test(code)) {
    lines.unshift(SPARK_KERNEL_HEADER);
    for (const cell of mapped) cell.firstLine++;
  }
  return { text: lines.join('\n') + '\n', cells: mapped, brokenCells };
}

interface Cell {
  cell_type?: unknown;
  source?: unknown;
  input?: unknown;
}

/** A cell's text: nbformat 4 keeps it in `source`, nbformat 3 in `input`; a string or a list of lines. */
function sourceOf(cell: Cell): string {
  const code = cell?.source ?? cell?.input;
  return Array.isArray(code) ? code.join('') : typeof code === 'string' ? code : '';
}

/** nbformat 4's `cells`, or nbformat 3's cells of its worksheets. */
function cellsOf(notebook: unknown): Cell[] | undefined {
  const { cells, worksheets } = (notebook ?? {}) as { cells?: unknown; worksheets?: unknown };
  if (Array.isArray(cells)) return cells;
  if (!Array.isArray(worksheets)) return undefined;
  return worksheets.flatMap((sheet: { cells?: unknown }) => (Array.isArray(sheet?.cells) ? sheet.cells : []));
}

/** sparkmagic's kernels for Scala and R (their language may be left empty). */
const OTHER_SPARK_KERNELS: Record<string, string> = { sparkkernel: 'Scala', sparkrkernel: 'R' };

function notebookKernel(metadata: Record<string, unknown>): { language?: string; spark: boolean } {
  const kernel = metadata.kernelspec as { language?: unknown; name?: unknown } | undefined;
  const info = metadata.language_info as { name?: unknown } | undefined;
  const databricks = metadata['application/vnd.databricks.v1+notebook'] as { language?: unknown } | undefined;
  const name = typeof kernel?.name === 'string' ? kernel.name : '';
  const stated = [kernel?.language, info?.name, databricks?.language].find((value): value is string => typeof value === 'string' && value !== '');
  const language = stated ?? OTHER_SPARK_KERNELS[name.toLowerCase()];
  return { language, spark: /pyspark/i.test(name) || /^pyspark\d?$/i.test(language ?? '') };
}

/**
 * A cell's lines with IPython syntax blanked to spaces (same length, so columns stay right): line magics
 * and shell escapes that start a statement (`%pip install x`, `!ls`; not a `%` continuing an expression
 * inside brackets), and the magic of `files = !ls` / `t = %timeit -o f()` (read as `None`). Undefined for
 * a cell that is not Python (`%%sql`, `%%bash`); `unclosed` when the cell ends inside a string or bracket.
 */
function pythonLines(lines: string[]): { lines: string[]; unclosed: boolean } | undefined {
  const cellMagic = /^\s*%%(\w+)/.exec(lines[0] ?? '');
  if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1]!)) return undefined;
  // Databricks' language magics make the whole cell SQL, Scala, R, shell, file system commands or markdown
  if (OTHER_LANGUAGE_CELL.test(lines[0] ?? '')) return undefined;
  const scanner = new LineScanner();
  const out = lines.map((line, index) => {
    const blank = ' '.repeat(line.length);
    let text = line;
    if (scanner.atStatementStart()) {
      // `%pip install x`, `!ls`, and IPython's help `df.randomSplit?`
      // `%run ./setup` stays a comment (`#run ./setup`, the same length): the names it defines are the notebook's
      if (/^\s*%run\s/.test(line)) text = line.replace('%', '#');
      // IPython's automagic runs `pip install x` (and conda's) without the `%`
      else if ((index === 0 && cellMagic) || /^\s*[%!]/.test(line) || /^\s*(?:pip|conda|mamba)\s+(?:install|uninstall)\b/.test(line) || /^\s*[\w.]+\?{1,2}\s*$/.test(line)) text = blank;
      else {
        const assigned = /^(\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*)[!%]/.exec(line);
        if (assigned) text = `${assigned[1]}None`.padEnd(line.length);
      }
    }
    scanner.scan(text);
    return text;
  });
  return { lines: out, unclosed: !scanner.atStatementStart() };
}

/**
 * The cell a position of the joined text is in, and the position within that cell (a position on a
 * cell's marker line, as a syntax notice can be, is the start of that cell).
 */
export function cellPosition(cells: readonly NotebookCell[], position: Position): { cell: number; line: number; character: number } {
  let found = cells[0];
  for (const cell of cells) if (cell.firstLine - 1 <= position.line) found = cell;
  if (!found) return { cell: 1, line: position.line, character: position.character };
  const line = position.line - found.firstLine;
  return line < 0 ? { cell: found.number, line: 0, character: 0 } : { cell: found.number, line, character: position.character };
}

/** The cell a range of the joined text starts in, and the range within that cell (empty when it ends in another cell). */
export function cellRange(cells: readonly NotebookCell[], range: Range): { cell: number; range: Range } {
  const start = cellPosition(cells, range.start);
  const end = cellPosition(cells, range.end);
  const startPosition = { line: start.line, character: start.character };
  return { cell: start.cell, range: { start: startPosition, end: end.cell === start.cell ? { line: end.line, character: end.character } : startPosition } };
}

/** A syntax notice for each cell left out because it ends inside a string or bracket. */
export function brokenCellNotices(brokenCells: readonly NotebookCell[]): Finding[] {
  return brokenCells.map((cell) => ({
    ...SYNTAX_NOTICE,
    severity: 'error',
    message: 'Syntax error: the cell ends inside a string or bracket (Jupyter refuses it as it is); the cell was not analysed.',
    range: { start: { line: cell.firstLine, character: 0 }, end: { line: cell.firstLine, character: 0 } },
  }));
}
