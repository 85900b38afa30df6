// A Jupyter notebook in a real workbench (code-server's built-in ipynb notebook editor, no kernel): Lint
// Workspace lists its problems before it is opened, each naming its cell; opened, its Python cells are
// linted as one program, and the Problems panel lists each finding on its cell's own line; an edit in one
// cell clears a problem the Problems panel shows on another; a quick fix that adds an import edits the
// first cell too. Screenshots in test-results/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { assertEventually, openFromExplorer, runFromPalette, screenshot, showProblems, workbenchStep } from '../harness/workbench';

const chromium = ensureChromium();
const slow = { timeout: 240_000 };

if (!chromium.ok) it('the notebook UI tests need Chromium', { skip: chromium.reason }, () => undefined);

const code = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = JSON.stringify(
  {
    cells: [
      code('%pip install pyarrow\nfrom pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\nfrom pyspark.sql.types import DoubleType\nspark = SparkSession.builder.getOrCreate()'),
      { cell_type: 'markdown', metadata: {}, source: '## Events\nRead every event, then look at them.' },
      code('events = spark.read.parquet("s3a://lake/events")\nif events.count() == 0:\n    raise SystemExit(1)'),
      code('rows = events.collect()\nprint(len(rows))'),
      code('scored = spark.read.parquet("s3a://lake/scored")\npositive = F.udf(lambda v: float(v[1]), DoubleType())\nscored = scored.withColumn("p1", positive("probability"))'),
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
);

/** The Problems panel's rows under the notebook (Lint Workspace also lists the workspace's .py files). */
function ofTheNotebook(listed: string): string {
  const rows = listed.slice(listed.indexOf('explore.ipynb'));
  const next = /^\S+\.py$/m.exec(rows);
  return next ? rows.slice(0, next.index) : rows;
}

/**
 * Opens the notebook from the Explorer in the notebook editor. Opened before the workbench has read the
 * built-in ipynb extension's notebook type, it shows as JSON text: then it is closed and opened again.
 */
async function openNotebook(page: Page, fileName: string): Promise<void> {
  const notebook = page.locator('.notebook-editor .cell-list-container').first();
  for (let attempt = 1; ; attempt++) {
    await openFromExplorer(page, fileName);
    const shown = await notebook.waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (shown) return;
    if (attempt === 4) throw new Error(`${fileName} never opened in the notebook editor`);
    await page.keyboard.press('Control+W');
  }
}

describe('Jupyter notebooks in the workbench (code-server + Chromium)', { skip: !chromium.ok }, () => {
  let session: UiSession | undefined;
  let page: Page;
  const step = workbenchStep('notebook', () => page);

  before(async () => {
    session = await startUiSession({ files: { 'explore.ipynb': NOTEBOOK } });
    page = session.page;
  }, slow);

  after(async () => {
    await session?.close();
  });

  step('Lint Workspace lists the problems of the notebook nobody opened on the file, each naming its cell', slow, async () => {
    await runFromPalette(page, 'Spark ML: Lint Workspace');
    const rows = await showProblems(page);
    const collect = rows.filter({ hasText: 'cell 4: ' }).filter({ hasText: 'SPK101' }).first();
    await collect.waitFor({ timeout: 120_000 });
    const text = `${await collect.innerText()}\n${(await collect.getAttribute('aria-label')) ?? ''}`;
    assert.ok(text.includes('cell 4: ') && text.includes('Ln 1, Col 15'), `SPK101 should name cell 4 and be at Ln 1, Col 15 of it: ${text}`);
    await screenshot(page, 'notebook-lint-workspace');
  });

  step('lists the problems of the notebook\'s cells on their cells\' lines', slow, async () => {
    await openNotebook(page, 'explore.ipynb');
    const rows = await showProblems(page);
    // opened, the notebook's cells get its problems: what Lint Workspace put on the file is gone
    await assertEventually(async () => {
      const listed = ofTheNotebook((await rows.allInnerTexts()).join('\n'));
      return /cell \d+: /.test(listed) ? `Lint Workspace's entries are still listed: ${listed}` : true;
    }, 60_000);
    // `events` is read in the cell before: both findings need the cells read together
    for (const [code, where] of [['SPK104', 'Ln 2, Col 11'], ['SPK101', 'Ln 1, Col 15']]) {
      const row = rows.filter({ hasText: code! }).first();
      await row.waitFor({ timeout: 120_000 });
      const text = `${await row.innerText()}\n${(await row.getAttribute('aria-label')) ?? ''}`;
      assert.ok(text.includes(where!), `${code} should be at ${where} of its cell: ${text}`);
    }
    const listed = ofTheNotebook((await rows.allInnerTexts()).join('\n'));
    assert.ok(!/syntax/i.test(listed), `the %pip magic is not a syntax error: ${listed}`);
    await screenshot(page, 'notebook-problems');
  });

  step('an edit in one cell clears the problem it caused in a later cell', slow, async () => {
    // Type `.sample(0.01)` at the end of the read in the second code cell: the collect() in the next cell is bounded
    // then, while the count() emptiness test in the same cell is still reported (a sample can be of any size).
    const readLine = page.locator('.notebook-editor .view-line', { hasText: 'spark.read.parquet' }).first();
    await readLine.click();
    await page.keyboard.press('End');
    await page.keyboard.type('.sample(0.01)');
    const rows = await showProblems(page);
    await assertEventually(async () => {
      const listed = ofTheNotebook((await rows.allInnerTexts()).join('\n'));
      if (/SPK101/.test(listed)) return `SPK101 is still listed: ${listed}`;
      return /SPK104/.test(listed) ? true : `SPK104 is gone too: ${listed}`;
    }, 120_000);
    await screenshot(page, 'notebook-edit-clears-later-cell');
  });

  step('applies a quick fix that rewrites a cell and adds its import to the first cell (Ctrl+.)', slow, async () => {
    // the Problems panel hides the last cell (the notebook renders only the cells in view): close it
    await runFromPalette(page, 'View: Hide Panel');
    const udfLine = page.locator('.notebook-editor .view-line', { hasText: 'positive = F.udf' }).first();
    const lineText = (await udfLine.innerText()).replace(/\u00a0/g, ' ');
    const box = await udfLine.locator('span').first().boundingBox();
    assert.ok(box, 'the line has no text box');
    // a click in the middle of the `d` of `udf` (a monospace line) puts the cursor in the cell's editor, on the problem
    const onUdf = () => page.mouse.click(box.x + (box.width / lineText.length) * (lineText.indexOf('udf') + 1.5), box.y + box.height / 2);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'vector_to_array' }).first();
    await assertEventually(async () => {
      if (await fix.isVisible()) return true;
      // the code actions come from the language server once it has analysed the cell: ask again (Escape
      // closes a menu without the fix; outside a menu it would leave the cell's editor, so it is clicked again)
      if (await page.locator('.action-widget').isVisible()) await page.keyboard.press('Escape');
      await onUdf();
      await page.keyboard.press('Control+.');
      await fix.waitFor({ timeout: 5_000 }).catch(() => undefined);
      return (await fix.isVisible()) ? true : `the quick fix menu shows: ${JSON.stringify(await page.locator('.action-widget .monaco-list-row').allInnerTexts())}`;
    }, 120_000);
    await screenshot(page, 'notebook-quick-fix-menu');
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 10 && !((await focused.innerText().catch(() => '')).includes('vector_to_array')); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const text = () => page.locator('.notebook-editor .view-lines').allInnerTexts().then((all) => all.join('\n').replace(/\u00a0/g, ' '));
    await assertEventually(async () => {
      const shown = await text();
      if (!shown.includes('vector_to_array(v)[1]')) return `the UDF cell was not rewritten: ${shown}`;
      return shown.includes('from pyspark.ml.functions import vector_to_array') ? true : `the first cell has no import: ${shown}`;
    }, 60_000);
    const rows = await showProblems(page);
    await assertEventually(async () => {
      const listed = ofTheNotebook((await rows.allInnerTexts()).join('\n'));
      return /SPK203/.test(listed) ? `SPK203 is still listed: ${listed}` : true;
    }, 120_000);
    await screenshot(page, 'notebook-quick-fix-applied');
  });
});
