// Re-linting after edits reuses the previous lint's copy of untouched statements: whatever the edits,
// the diagnostics must equal those of the same text opened fresh. Diagnostics the client already holds
// are answered `unchanged`. And a broken pyproject.toml is reported to the user while linting goes on.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { serverModule, startServer, type TestServer } from './lspClient';

const skip = existsSync(serverModule) ? false : `${serverModule} is missing: run \`npm run build\` first`;

const job = [
  'import pyspark.sql.functions as F',
  'from pyspark.sql import SparkSession',
  'spark = SparkSession.builder.getOrCreate()',
  'events = spark.read.parquet("s3a://lake/events")',
  'if events.count() == 0:',
  '    raise SystemExit(1)',
  'for c in ["a", "b", "c"]:',
  '    events = events.withColumn(c, F.col(c) * 2)',
  'rows = events.collect()',
  'small = spark.createDataFrame([(1,), (2,)], ["x"]).collect()',
  '',
].join('\n');

async function diagnostics(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  return report.kind === 'full' ? report.items : [];
}

const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

describe('incremental re-lint', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  it('gives the diagnostics of a fresh lint after each of 40 edits', async () => {
    const uri = 'file:///work/incremental.py';
    let text = job;
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    assert.ok((await diagnostics(server, uri)).length >= 3, 'the job has findings to keep track of');
    const edits: Array<(lines: string[]) => { line: number; start: number; end: number; insert: string }> = [
      () => ({ line: 0, start: 0, end: 0, insert: '# header\n' }),
      (lines) => ({ line: lines.length - 2, start: 0, end: 0, insert: 'extra = events.limit(5).collect()\n' }),
      (lines) => ({ line: lines.findIndex((l) => l.startsWith('rows')), start: 0, end: 0, insert: 'rows2 = events.toPandas()\n' }),
      (lines) => { const i = lines.findIndex((l) => l.includes('count()')); return { line: i, start: 0, end: lines[i].length, insert: 'if events.isEmpty():' }; },
      (lines) => { const i = lines.findIndex((l) => l.includes('isEmpty')); return { line: i, start: 0, end: lines[i].length, insert: 'if events.count() == 0:' }; },
    ];
    for (let version = 2; version <= 41; version++) {
      const lines = text.split('\n');
      const edit = edits[version % edits.length](lines);
      const offsetOf = (line: number, character: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
      text = text.slice(0, offsetOf(edit.line, edit.start)) + edit.insert + text.slice(offsetOf(edit.line, edit.end));
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: edit.line, character: edit.start }, end: { line: edit.line, character: edit.end } }, text: edit.insert }],
      });
      // Lint every other version: the server must also cope with several edits between two lints.
      if (version % 2) continue;
      const incremental = (await diagnostics(server, uri)).map(key).sort();
      const freshUri = `file:///work/fresh-${version}.py`;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'python', version: 1, text } });
      const fresh = (await diagnostics(server, freshUri)).map(key).sort();
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      assert.deepEqual(incremental, fresh, `after edit ${version}`);
    }
  });
});

describe('result ids of pulled diagnostics', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  const uri = 'file:///work/result-ids.py';
  let version = 1;
  const pull = (previousResultId?: string) =>
    server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  /** Inserts `text` at the start of line `line` (0-based). */
  const insert = (line: number, text: string) =>
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }],
    });

  it('answers unchanged only for the diagnostics the client holds under the id it sends back', async () => {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text: job } });
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.ok(first.kind === 'full' && first.items.length >= 3 && first.resultId);

    // a comment at the end of the `rows = events.collect()` line: the same diagnostics
    const rowsLine = job.split('\n').findIndex((line) => line.startsWith('rows'));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: rowsLine, character: 23 }, end: { line: rowsLine, character: 23 } }, text: '  # all rows' }],
    });
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // without an id, or with one the server did not give for these diagnostics: the full list
    const again = await pull();
    assert.equal(again.kind, 'full');
    assert.equal((await pull('no-such-id')).kind, 'full');

    // a new finding: the full list, under a new id
    await insert(rowsLine, 'more = events.toPandas()\n');
    const changed = await pull(again.resultId);
    assert.equal(changed.kind, 'full');
    assert.ok(changed.kind === 'full' && changed.items.some((d) => d.code === 'SPK102') && changed.resultId !== again.resultId);

    // a line added above the findings moves them: full, though no code changed
    await insert(0, '# header\n');
    const moved = await pull(changed.resultId);
    assert.equal(moved.kind, 'full');
    assert.ok(moved.kind === 'full' && changed.kind === 'full');
    assert.deepEqual(moved.items.map((d) => d.range.start.line), changed.items.map((d) => d.range.start.line + 1));
  });

  it('answers in full after the document was closed and opened again', async () => {
    const before = await pull();
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: job } });
    const reopened = await pull(before.resultId);
    assert.equal(reopened.kind, 'full');
  });
});

describe('pyproject.toml problems', { skip }, () => {
  it('reports a broken [tool.sparkml] and lints with the defaults', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-pyproject-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.sparkml]\nselect = ["SPK1"\n');
    mkdirSync(join(dir, 'jobs'));
    const file = join(dir, 'jobs', 'job.py');
    writeFileSync(file, job);
    const server = await startServer();
    try {
      const uri = pathToFileURL(file).href;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: job } });
      const items = await diagnostics(server, uri);
      assert.ok(items.some((d) => d.code === 'SPK101'), 'linting goes on');
      const problems = JSON.stringify(server.notifications.filter((n) => n.method === 'sparkml/settingsProblem'));
      assert.match(problems, /pyproject\.toml/);
    } finally {
      await server.stop();
    }
  });
});
