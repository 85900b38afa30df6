// A Jupyter notebook (.ipynb, nbformat 4) as one Python text the rules can read: its code cells in order,
// each after a `# %%` marker line (so the file counts as a notebook, not a job: SPK106 stays quiet), with
// IPython magics (`%pip install x`, `!ls`) blanked and non-Python cells (`%%sql`, `%%bash`) left out.
// Positions in that text map back to a cell and a line in it, as ruff reports notebooks (`cell 3:2:5`).
import type { Position } from './types';

export interface NotebookCell {
  /** 1-based, counting every cell of the notebook (markdown too), as it shows top to bottom. */
  number: number;
  /** 0-based line of the cell's first source line in the joined text. */
  firstLine: number;
  lineCount: number;
}

export interface NotebookSource {
  text: string;
  cells: NotebookCell[];
}

/** Cell magics whose body is still Python (timing, capturing output); any other `%%` cell is not Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'skip']);

const DATABRICKS_HEADER = '# Databricks notebook source';

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
  const language = notebookLanguage(metadata);
  if (language && language.toLowerCase() !== 'python') return { skipped: `not analysed: a ${language} notebook` };
  // a Databricks notebook runs with `spark` and `sc` defined, often without importing pyspark
  const lines: string[] = 'application/vnd.databricks.v1+notebook' in metadata ? [DATABRICKS_HEADER] : [];
  const mapped: NotebookCell[] = [];
  cells.forEach((cell, index) => {
    if (cell?.cell_type !== 'code') return;
    // nbformat 4 keeps a cell's code in `source`, nbformat 3 in `input`
    const code = cell.source ?? cell.input;
    const source = Array.isArray(code) ? code.join('') : typeof code === 'string' ? code : '';
    const cellLines = pythonLines(source.split(/\r\n|\r|\n/));
    if (!cellLines) return;
    lines.push(`# %% cell ${index + 1}`);
    mapped.push({ number: index + 1, firstLine: lines.length, lineCount: cellLines.length });
    lines.push(...cellLines);
  });
  return { text: lines.join('\n') + '\n', cells: mapped };
}

interface Cell {
  cell_type?: unknown;
  source?: unknown;
  input?: unknown;
}

/** nbformat 4's `cells`, or nbformat 3's cells of its worksheets. */
function cellsOf(notebook: unknown): Cell[] | undefined {
  const { cells, worksheets } = (notebook ?? {}) as { cells?: unknown; worksheets?: unknown };
  if (Array.isArray(cells)) return cells;
  if (!Array.isArray(worksheets)) return undefined;
  return worksheets.flatMap((sheet: { cells?: unknown }) => (Array.isArray(sheet?.cells) ? sheet.cells : []));
}

function notebookLanguage(metadata: Record<string, unknown>): string | undefined {
  const kernel = metadata.kernelspec as { language?: unknown } | undefined;
  const info = metadata.language_info as { name?: unknown } | undefined;
  const language = typeof kernel?.language === 'string' ? kernel.language : typeof info?.name === 'string' ? info.name : undefined;
  return language;
}

/**
 * A cell's lines with IPython syntax blanked to spaces (same length, so columns stay right): line
 * magics and shell escapes; undefined for a cell that is not Python (`%%sql`, `%%bash`, `%%writefile`).
 */
function pythonLines(lines: string[]): string[] | undefined {
  const cellMagic = /^\s*%%(\w+)/.exec(lines[0] ?? '');
  if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1]!)) return undefined;
  return lines.map((line, index) => (/^\s*[%!]/.test(line) || (index === 0 && cellMagic) ? ' '.repeat(line.length) : line));
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
