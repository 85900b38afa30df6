// Editor features in a real workbench (issue 7): SQL inside spark.sql("...") is coloured by the SQL
// grammar while the same text in an ordinary string is not; the walkthrough's first step opens the
// sample job, whose problems show in the Problems panel, and the SPK104 and SPK001 quick fixes are
// applied with Ctrl+., as is SPK401's schema read from a CSV in the workspace. Screenshots in
// test-results/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { activeTab, assertEventually, goToLine, openFromExplorer, pickQuickItem, runFromPalette, screenshot, showProblems, visibleEditorText, workbenchStep } from '../harness/workbench';

const chromium = ensureChromium();
const slow = { timeout: 240_000 };

if (!chromium.ok) it('the editor feature UI tests need Chromium', { skip: chromium.reason }, () => undefined);

/** One rendered token of an editor line: its text, Monaco's colour class (mtkN) and computed colour. */
interface Token {
  text: string;
  mtk: string;
  color: string;
}

/** The tokens of the rendered editor line whose text contains `marker`. */
async function lineTokens(page: Page, marker: string): Promise<Token[]> {
  const line = page.locator('.editor-instance .view-lines .view-line', { hasText: marker }).first();
  await line.waitFor({ timeout: 60_000 });
  return line.locator('span > span').evaluateAll((spans) =>
    spans.map((span) => ({
      text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
      mtk: [...span.classList].find((name) => /^mtk\d+$/.test(name)) ?? '',
      color: getComputedStyle(span).color,
    })),
  );
}

function tokenWith(tokens: Token[], text: string, what: string): Token {
  const token = tokens.find((t) => t.text.includes(text));
  assert.ok(token, `no token with "${text}" in ${what}: ${JSON.stringify(tokens)}`);
  return token;
}

const TRIPS_JOB = [
  'from pyspark.sql import SparkSession',
  '',
  'spark = SparkSession.builder.appName("trips").getOrCreate()',
  'trips = spark.read.csv("data/trips.csv", header=True, inferSchema=True)',
  'trips.groupBy("zone").count().write.parquet("out/zones")',
  '',
].join('\n');
const TRIPS_CSV = 'trip_id,pickup_at,fare,zone\n1,2024-03-01 08:15:00,12.5,Midtown\n2,2024-03-01 09:02:41,31,JFK Airport\n';

describe('Editor features in the workbench (code-server + Chromium)', { skip: !chromium.ok }, () => {
  let session: UiSession | undefined;
  let page: Page;
  const step = workbenchStep('editor', () => page);

  before(async () => {
    // a job that reads a local CSV with inferSchema=True, for the SPK401 fix that reads the file's types
    session = await startUiSession({ files: { 'trips_job.py': TRIPS_JOB, 'data/trips.csv': TRIPS_CSV } });
    page = session.page;
  }, slow);

  after(async () => {
    await session?.close();
  });

  step('colours SQL keywords inside spark.sql("...") and not in an ordinary string', slow, async () => {
    await openFromExplorer(page, 'sql_job.py');
    const sqlLine = 'counts = spark.sql(';
    const plainLine = 'query_text = ';
    // Tokenization (and the injection grammar) arrives after the text: wait until SELECT is a token of its own.
    await assertEventually(async () => {
      const tokens = await lineTokens(page, sqlLine);
      return tokens.some((t) => t.text.trim() === 'SELECT') ? true : `the spark.sql line is tokenized as ${JSON.stringify(tokens.map((t) => t.text))}`;
    }, 120_000);
    const inSql = await lineTokens(page, sqlLine);
    const inPlain = await lineTokens(page, plainLine);
    const sqlSelect = inSql.find((t) => t.text.trim() === 'SELECT') as Token;
    const sqlFrom = inSql.find((t) => t.text.trim() === 'FROM');
    const sqlTable = tokenWith(inSql, 'events', 'the spark.sql line');
    const plainSelect = tokenWith(inPlain, 'SELECT', 'the plain string line');
    const plainRest = tokenWith(inPlain, 'GROUP BY', 'the plain string line');
    console.log(`spark.sql line tokens: ${inSql.map((t) => `${JSON.stringify(t.text)}=${t.mtk}`).join(' ')}`);
    console.log(`plain string tokens:   ${inPlain.map((t) => `${JSON.stringify(t.text)}=${t.mtk}`).join(' ')}`);

    // Inside spark.sql: SELECT is a keyword, coloured unlike the identifiers around it and unlike a plain string.
    assert.ok(sqlSelect.mtk, 'SELECT has no mtk colour class');
    assert.notEqual(sqlSelect.mtk, sqlTable.mtk, 'SELECT is coloured like the table name inside spark.sql');
    assert.notEqual(sqlSelect.mtk, plainSelect.mtk, 'SELECT inside spark.sql is coloured like the plain string');
    assert.notEqual(sqlSelect.color, plainSelect.color, `SELECT inside spark.sql has the plain string's colour ${plainSelect.color}`);
    if (sqlFrom) assert.equal(sqlFrom.mtk, sqlSelect.mtk, 'FROM and SELECT, both keywords, are coloured differently');
    // The ordinary string is one string colour from SELECT to GROUP BY: not highlighted as SQL.
    assert.equal(plainSelect.mtk, plainRest.mtk, 'the ordinary string is coloured as SQL');
    assert.ok(
      !inPlain.some((t) => t.text.trim() === 'SELECT'),
      `SELECT is a token of its own in an ordinary string: ${JSON.stringify(inPlain.map((t) => t.text))}`,
    );
    await screenshot(page, 'sql-highlighting');
  });

  step('walks the walkthrough\'s first step: "Open Sample Job" opens the sample job with its problems', slow, async () => {
    await runFromPalette(page, 'View: Close All Editors');
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await pickQuickItem(page, 'Get started with Spark ML Toolkit');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('h2, .getting-started-category', { hasText: 'Get started with Spark ML Toolkit' }).first().waitFor({ timeout: 60_000 });
    const firstStep = walkthrough.locator('.getting-started-step', { hasText: 'Lint the sample job and apply a fix' }).first();
    await firstStep.waitFor({ timeout: 60_000 });
    if (!((await firstStep.getAttribute('class')) ?? '').includes('expanded')) await firstStep.click();
    const button = firstStep.locator('.monaco-button, button, a', { hasText: 'Open Sample Job' }).first();
    await button.waitFor({ timeout: 60_000 });
    // The step's media (resources/walkthrough/lintSample.md) renders beside the steps in a webview.
    const media = walkthrough.locator('.getting-started-media');
    const mediaShown = await media
      .locator('iframe')
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => 'shown')
      .catch(() => 'not shown after 30 s');
    console.log(`walkthrough step media: ${mediaShown}`);
    await screenshot(page, 'walkthrough-first-step');
    await button.click();

    await activeTab(page, 'Untitled').waitFor({ timeout: 60_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'events.count()' }).waitFor({ timeout: 60_000 });
    const rows = await showProblems(page);
    const expected: Array<[string, number]> = [
      ['SPK401', 12],
      ['SPK104', 13],
      ['SPK001', 18],
      ['SPK101', 27],
    ];
    for (const [code, line] of expected) {
      const row = rows.filter({ hasText: code }).first();
      await row.waitFor({ timeout: 120_000 });
      const text = `${await row.innerText()}\n${(await row.getAttribute('aria-label')) ?? ''}`;
      assert.match(text, new RegExp(`\\[Ln ${line}, Col \\d+\\]`), `${code} should be on line ${line}: ${text}`);
    }
    await screenshot(page, 'walkthrough-sample-job-problems');
  });

  /** Puts the cursor at line:column of the sample job, opens the quick fix menu and applies the fix whose title has `fixText`. */
  async function applyQuickFix(line: number, column: number, fixText: string, shot: string, tab = 'Untitled'): Promise<string> {
    await page.locator('.tabs-container .tab', { hasText: tab }).first().click();
    await goToLine(page, line, column);

    const fix = page.locator('.action-widget .monaco-list-row', { hasText: fixText }).first();
    await assertEventually(async () => {
      if (await fix.isVisible()) return true;
      // The code actions come from the language server once it has analysed the document: ask again.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await fix.waitFor({ timeout: 5_000 }).catch(() => undefined);
      return (await fix.isVisible()) ? true : `the quick fix menu shows: ${JSON.stringify(await page.locator('.action-widget .monaco-list-row').allInnerTexts())}`;
    }, 120_000);
    const title = (await fix.innerText()).trim();
    await screenshot(page, shot);
    // Choose it with the keyboard, as the menu invites ("Enter to Apply"): move the focus onto it.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 10 && !((await focused.innerText().catch(() => '')).includes(fixText)); i++) await page.keyboard.press('ArrowDown');
    assert.ok((await focused.innerText()).includes(fixText), `the "${fixText}" fix never got the focus in the quick fix menu`);
    await page.keyboard.press('Enter');
    return title;
  }

  /** The Problems panel no longer lists `code`, and still lists the SPK101 the fixes leave alone. */
  async function assertFixedProblemGone(code: string): Promise<void> {
    const rows = await showProblems(page);
    await assertEventually(async () => {
      const codes = (await rows.allInnerTexts()).join('\n');
      if (codes.includes(code)) return `${code} is still listed: ${codes}`;
      return /SPK101/.test(codes) ? true : `the other problems are gone too: ${codes}`;
    }, 120_000);
  }

  step('applies the SPK104 quick fix with Ctrl+. (events.isEmpty())', slow, async () => {
    // Cursor on `count` of line 13 (`if events.count() == 0:`).
    const title = await applyQuickFix(13, 12, 'isEmpty', 'quick-fix-menu-spk104');
    await assertEventually(async () => {
      const text = await visibleEditorText(page);
      return text.includes('if events.isEmpty():') || text.includes('events.isEmpty()') ? true : `line 13 reads: ${text.split('\n').find((l) => l.startsWith('if ')) ?? '(not visible)'}`;
    });
    assert.ok(!(await visibleEditorText(page)).includes('events.count() == 0'), 'the count() comparison is still in the editor');
    await assertFixedProblemGone('SPK104');
    console.log(`applied quick fix: "${title}"`);
    await screenshot(page, 'quick-fix-applied-spk104');
  });

  step('applies the SPK001 leakage fix: the split moves above the scaler, which is fitted on train', slow, async () => {
    // Cursor on `fit` of line 18 (`scaler = StandardScaler(...).fit(assembled)`), where SPK001 is anchored.
    const title = await applyQuickFix(18, 73, 'Split before fitting', 'quick-fix-menu-spk001');
    assert.match(title, /unsafe/, 'the leakage fix is labelled unsafe in the menu');
    await assertEventually(async () => {
      const text = await visibleEditorText(page);
      return text.includes('.fit(train)') && text.includes('test = scaler.transform(test)') ? true : `the editor reads: ${text}`;
    });
    const lines = (await visibleEditorText(page)).split('\n').map((line) => line.trim());
    const splitAt = lines.findIndex((line) => line.startsWith('train, test = assembled.randomSplit('));
    const fitAt = lines.findIndex((line) => line.includes('StandardScaler(') && line.endsWith('.fit(train)'));
    assert.ok(splitAt >= 0 && fitAt === splitAt + 1, `the split is not right above the fit on train: ${lines.join(' | ')}`);
    await assertFixedProblemGone('SPK001');
    console.log(`applied quick fix: "${title}"`);
    await screenshot(page, 'quick-fix-applied-spk001');
  });

  step('applies the SPK401 fix: inferSchema=True becomes the schema read from data/trips.csv', slow, async () => {
    await openFromExplorer(page, 'trips_job.py');
    // Cursor on `inferSchema` of line 4, where SPK401 is anchored.
    const title = await applyQuickFix(4, 56, 'Pass the schema inferred from data/trips.csv', 'quick-fix-menu-spk401', 'trips_job.py');
    assert.match(title, /2 rows read/);
    await assertEventually(async () => {
      const text = await visibleEditorText(page);
      return text.includes('schema="trip_id INT, pickup_at TIMESTAMP, fare DOUBLE, zone STRING"') ? true : `the editor reads: ${text}`;
    });
    assert.ok(!(await visibleEditorText(page)).includes('inferSchema'), 'inferSchema is still in the editor');
    console.log(`applied quick fix: "${title}"`);
    await screenshot(page, 'quick-fix-applied-spk401');
  });
});
