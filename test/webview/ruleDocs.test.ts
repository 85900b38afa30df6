// The rule documentation panel in Chromium: sections rendered, code blocks escaped, links posted to
// the host instead of followed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RuleDocsResult } from '../../src/shared/protocol';
import { openWebview, webviewSkipReason, type WebviewPage } from './webviewPage';

const docs: RuleDocsResult = {
  code: 'SPK101',
  name: 'collect-unbounded',
  severity: 'warning',
  fix: 'unsafe',
  url: 'https://github.com/sparkml-toolkit/spark-ml-toolkit/blob/main/docs/rules/SPK101.md',
  sections: [
    { title: 'What it does', markdown: 'Flags `.collect()` on a DataFrame read with `spark.read`.' },
    { title: 'Why is this bad?', markdown: 'It pulls every row into the driver <b>memory</b>.' },
    { title: 'Example', markdown: '```python\nrows = spark.read.parquet("x").collect()  # if a < b\n```' },
    { title: 'Use instead', markdown: '```python\nrows = spark.read.parquet("x").limit(100).collect()\n```' },
    { title: 'Fix safety', markdown: 'Unsafe: the job sees fewer rows.' },
  ],
};

const skip = webviewSkipReason('ruleDocs') ?? false;

describe('rule documentation webview', { skip }, () => {
  let view: WebviewPage;
  before(async () => (view = await openWebview('ruleDocs', docs)));
  after(() => view?.close());

  it('renders the title, tags and the five sections', async () => {
    await view.page.locator('h1').waitFor();
    assert.equal((await view.page.locator('h1').textContent())?.replace(/\s+/g, ' ').trim(), 'SPK101 collect-unbounded');
    assert.deepEqual(await view.page.locator('h2').allTextContents(), ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety']);
    assert.match((await view.page.locator('.toolbar').textContent()) ?? '', /warning.*unsafe fix/s);
  });

  it('shows raw HTML in the docs as text and code as code', async () => {
    assert.equal(await view.page.locator('section b').count(), 0, 'raw HTML in Markdown must not become markup');
    assert.match((await view.page.locator('section').nth(1).textContent()) ?? '', /<b>memory<\/b>/);
    assert.match((await view.page.locator('pre code').first().textContent()) ?? '', /if a < b/);
  });

  it('asks the host to open the web page, and says it is ready', async () => {
    await view.page.locator('vscode-button').click();
    const posted = await view.posted();
    assert.ok(posted.some((m) => m.method === 'webview/ready'));
    assert.deepEqual(posted.find((m) => m.method === 'webview/openLink')?.params, { url: docs.url });
    assert.deepEqual(await view.errors(), []);
  });

  it('switches rule when the host sends another', async () => {
    await view.send({ method: 'ruleDocs/state', params: { ...docs, code: 'SPK106', name: 'debug-action-in-job' } });
    await view.page.locator('h1', { hasText: 'SPK106' }).waitFor();
  });
});
