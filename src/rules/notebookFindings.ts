// A notebook's findings, moved from the text of its joined cells (notebook.ts) into the cells they are
// in, each range in its cell's own lines: what an editor shows on the cells of an open notebook.
import { cellPosition, cellRange, type NotebookCell, type NotebookSource } from './notebook';
import type { Finding, Fix, Position, Range } from './types';

export interface CellFindings {
  findings: Finding[];
  notices: Finding[];
}

/**
 * The findings and notices of a notebook's joined text by cell number (NotebookCell.number), with
 * ranges within the cell. `cellTexts` are the cells' own texts, by number. A range that runs on into a
 * later cell ends at the end of its cell. A fix is kept only when each edit lies within one cell, on lines
 * the join kept as they are (not a blanked magic); an edit of another cell than the finding's (an import
 * added to the first) names its cell, as related locations do (`cellUri`).
 */
export function findingsByCell(
  result: CellFindings,
  source: NotebookSource,
  cellTexts: ReadonlyMap<number, string>,
  cellUri: (cellNumber: number) => string,
): Map<number, CellFindings> {
  const joinedLines = source.text.split('\n');
  const cells = new Map(source.cells.map((cell) => [cell.number, cell]));
  const cellLines = new Map([...cellTexts].map(([number, text]) => [number, text.split(/\r\n|\r|\n/)]));
  const byCell = new Map<number, CellFindings>(source.cells.map((cell) => [cell.number, { findings: [], notices: [] }]));
  if (!source.cells.length) return byCell;

  const inCell = (range: Range): { cell: number; range: Range } => {
    const start = cellPosition(source.cells, range.start);
    const end = cellPosition(source.cells, range.end);
    const lines = cellLines.get(start.cell) ?? [''];
    const startPosition = { line: start.line, character: start.character };
    if (end.cell === start.cell) return { cell: start.cell, range: { start: startPosition, end: { line: end.line, character: end.character } } };
    const last = lines.length - 1;
    return { cell: start.cell, range: { start: startPosition, end: { line: last, character: lines[last]!.length } } };
  };

  /** True when the cell's lines first..last are in the joined text as the user wrote them. */
  const unchangedLines = (cell: NotebookCell, first: number, last: number): boolean => {
    const lines = cellLines.get(cell.number);
    if (!lines || first < 0 || last >= lines.length) return false;
    for (let line = first; line <= last; line++) if (joinedLines[cell.firstLine + line] !== lines[line]) return false;
    return true;
  };

  const fixIn = (fix: Fix, cellNumber: number): Fix | undefined => {
    const edits = [];
    for (const edit of fix.edits) {
      const start = cellPosition(source.cells, edit.range.start);
      const end = cellPosition(source.cells, edit.range.end);
      const cell = cells.get(start.cell);
      const onMarker = (position: Position) => !!cell && position.line < cell.firstLine;
      if (!cell || end.cell !== start.cell || onMarker(edit.range.start) || !unchangedLines(cell, start.line, end.line)) return undefined;
      const range = { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
      edits.push(start.cell === cellNumber ? { ...edit, range } : { ...edit, range, uri: cellUri(start.cell) });
    }
    return { ...fix, edits };
  };

  const move = (finding: Finding): { cell: number; finding: Finding } => {
    const { cell, range } = inCell(finding.range);
    const moved: Finding = { ...finding, range };
    if (finding.fix) {
      const fix = fixIn(finding.fix, cell);
      if (fix) moved.fix = fix;
      else delete moved.fix;
    }
    if (finding.related) {
      moved.related = finding.related.map((related) => {
        const where = inCell(related.range);
        return { ...related, range: where.range, uri: cellUri(where.cell) };
      });
    }
    return { cell, finding: moved };
  };

  for (const finding of result.findings) {
    const { cell, finding: moved } = move(finding);
    byCell.get(cell)?.findings.push(moved);
  }
  for (const notice of result.notices) {
    const { cell, finding: moved } = move(notice);
    byCell.get(cell)?.notices.push(moved);
  }
  return byCell;
}

/**
 * A notebook file's findings and notices for an editor that does not have it open (the workspace lint):
 * without cell documents to put them on, they stay on the file, each range within its cell and each
 * message naming the cell (`cell 3: ...`), as `sparkml lint` prints `nb.ipynb:cell 3:2:5`. Fixes are left
 * out: the open notebook offers them on its cells.
 */
export function findingsNamingCells(result: CellFindings, source: NotebookSource): Finding[] {
  const inCell = <T extends { message: string; range: Range }>(item: T): T => {
    const { cell, range } = cellRange(source.cells, item.range);
    return { ...item, range, message: `cell ${cell}: ${item.message}` };
  };
  return [...result.findings, ...result.notices].map(({ fix: _fix, ...finding }) => ({
    ...inCell(finding),
    ...(finding.related ? { related: finding.related.map(inCell) } : {}),
  }));
}
