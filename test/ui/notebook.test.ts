// A Jupyter notebook opened in a real workbench (code-server's built-in ipynb notebook editor, no kernel):
// its Python cells are linted as one program, and the Problems panel lists each finding on its cell's
// own line; an edit in one cell clears a problem the Problems panel shows on another. Screenshots in
// test-results/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { assertEventually, openFromExplorer, screenshot, showProblems, workbenchStep } from '../harness/workbench';

const chromium = ensureChromium();
const slow = { timeout: 240_000 };

if (!chromium.ok) it('the notebook UI tests need Chromium', { skip: chromium.reason }, () => undefined);

const code = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
const NOTEBOOK = JSON.stringify(
  {
    cells: [
      code('%pip install pyarrow\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()'),
      { cell_type: 'markdown', metadata: {}, source: '## Events\nRead every event, then look at them.' },
      code('events = spark.read.parquet("s3a://lake/events")\nif events.count() == 0:\n    raise SystemExit(1)'),
      code('rows = events.collect()\nprint(len(rows))'),
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
);

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

  step('lists the problems of the notebook\'s cells on their cells\' lines', slow, async () => {
    await openNotebook(page, 'explore.ipynb');
    const rows = await showProblems(page);
    // `events` is read in the cell before: both findings need the cells read together
    for (const [code, where] of [['SPK104', 'Ln 2, Col 11'], ['SPK101', 'Ln 1, Col 15']]) {
      const row = rows.filter({ hasText: code! }).first();
      await row.waitFor({ timeout: 120_000 });
      const text = `${await row.innerText()}\n${(await row.getAttribute('aria-label')) ?? ''}`;
      assert.ok(text.includes(where!), `${code} should be at ${where} of its cell: ${text}`);
    }
    const listed = (await rows.allInnerTexts()).join('\n');
    assert.ok(!/syntax/i.test(listed), `the %pip magic is not a syntax error: ${listed}`);
    await screenshot(page, 'notebook-problems');
  });

  step('an edit in one cell clears the problem it caused in a later cell', slow, async () => {
    // Type `.limit(10)` at the end of the read in the second code cell: the collect() in the next cell is bounded then.
    const readLine = page.locator('.notebook-editor .view-line', { hasText: 'spark.read.parquet' }).first();
    await readLine.click();
    await page.keyboard.press('End');
    await page.keyboard.type('.limit(10)');
    const rows = await showProblems(page);
    await assertEventually(async () => {
      const listed = (await rows.allInnerTexts()).join('\n');
      if (/SPK101/.test(listed)) return `SPK101 is still listed: ${listed}`;
      return /SPK104/.test(listed) ? true : `SPK104 is gone too: ${listed}`;
    }, 120_000);
    await screenshot(page, 'notebook-edit-clears-later-cell');
  });
});
