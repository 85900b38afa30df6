// The built language server (dist/server.js) over real LSP: diagnostics, code actions, hover,
// incremental edits, settings, and a clear error when a wasm file is missing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { serverModule, startServer, type TestServer } from './lspClient';

const job = [
  'from pyspark.sql import SparkSession',
  '',
  'spark = SparkSession.builder.appName("train").getOrCreate()',
  'events = spark.read.parquet("s3a://lake/events")',
  'rows = events.collect()',
  'print(len(rows))',
  '',
].join('\n');
const collectLine = 4;

const skip = existsSync(serverModule) ? false : `${serverModule} is missing: run \`npm run build\` first`;

async function diagnostics(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

function open(server: TestServer, uri: string, text: string, version = 1): Promise<void> {
  return server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
}

describe('language server over LSP', { skip }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    assert.equal((await server.status).state, 'ready');
  });
  after(() => server?.stop());

  it('reports SPK101 on the collect of a DataFrame read with spark.read', async () => {
    const uri = 'file:///work/job1.py';
    await open(server, uri, job);
    const items = await diagnostics(server, uri);
    const spk101 = items.find((d) => d.code === 'SPK101');
    assert.ok(spk101, `expected SPK101 in ${JSON.stringify(items)}`);
    assert.equal(spk101.source, 'sparkml');
    assert.equal(spk101.range.start.line, collectLine);
    const lineText = job.split('\n')[collectLine];
    assert.match(lineText.slice(spk101.range.start.character, spk101.range.end.character), /collect/);
    assert.match(spk101.codeDescription?.href ?? '', /docs\/rules\/SPK101\.md$/);
  });

  it('offers a noqa action and the documentation for the diagnostic, with the document version', async () => {
    const uri = 'file:///work/job2.py';
    await open(server, uri, job, 7);
    const [diagnostic] = (await diagnostics(server, uri)).filter((d) => d.code === 'SPK101');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const noqa = actions.find((a) => a.title === 'Disable SPK101 for this line');
    assert.ok(noqa, `actions were ${actions.map((a) => a.title).join(', ')}`);
    const change = noqa.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.equal(change.textDocument.version, 7);
    assert.equal((change.edits[0] as { newText: string }).newText, '  # noqa: SPK101');
    assert.ok(actions.some((a) => a.command?.command === 'sparkml.showRuleDocs' && a.command.arguments?.[0] === 'SPK101'));
  });

  it('offers the SPK001 leakage fix as an unsafe quick fix, with related locations, and leaves it out of fix-all', async () => {
    const uri = 'file:///work/leak.py';
    const leak = [
      'from pyspark.ml.classification import LogisticRegression',
      'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
      'from pyspark.ml.feature import MinMaxScaler',
      'from pyspark.sql import SparkSession',
      'spark = SparkSession.builder.getOrCreate()',
      'data = spark.read.parquet("s3a://lake/features")',
      'scaler = MinMaxScaler(inputCol="features", outputCol="scaled").fit(data)',
      'train, test = data.randomSplit([0.8, 0.2], seed=1)',
      'model = LogisticRegression(featuresCol="scaled").fit(scaler.transform(train))',
      'auc = BinaryClassificationEvaluator().evaluate(model.transform(scaler.transform(test)))',
      '',
    ].join('\n');
    await open(server, uri, leak, 3);
    const diagnostic = (await diagnostics(server, uri)).find((d) => d.code === 'SPK001');
    assert.ok(diagnostic, 'SPK001 is reported');
    assert.equal(diagnostic.range.start.line, 6);
    assert.deepEqual(diagnostic.relatedInformation?.map((info) => info.location.range.start.line), [7, 9]);
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((action) => action.title.startsWith('Move the split above the fit'));
    assert.ok(fix, `actions were ${actions.map((a) => a.title).join(', ')}`);
    assert.match(fix.title, /\(unsafe fix: check the result\)$/);
    assert.notEqual(fix.isPreferred, true, 'an unsafe fix is not the preferred action');
    const change = fix.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.equal(change.textDocument.version, 3);
    assert.deepEqual(change.edits.map((edit) => ('newText' in edit ? edit.newText : '')), ['train, test = data.randomSplit([0.8, 0.2], seed=1)\n', 'train', '']);
    const fixAll = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [], only: ['source.fixAll.sparkml'] },
    });
    const fixAllEdits = fixAll.flatMap((action) => { const first = action.edit?.documentChanges?.[0]; return first && 'edits' in first ? first.edits : []; });
    assert.ok(!fixAllEdits.some((edit) => 'newText' in edit && edit.newText.includes('randomSplit')), 'fix-all applies safe fixes only');
  });

  it('offers the SPK401 schema read from the local data file the job names (found from the job folder upward)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'sparkml-server-data-'));
    mkdirSync(join(project, 'data'));
    mkdirSync(join(project, 'jobs'));
    writeFileSync(join(project, 'data/trips.csv'), 'id,fare,paid\n1,12.5,true\n2,7,false\n');
    const uri = pathToFileURL(join(project, 'jobs/trips.py')).href;
    const source = ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', 'trips = spark.read.csv("data/trips.csv", header=True, inferSchema=True)', ''].join('\n');
    await open(server, uri, source);
    const diagnostic = (await diagnostics(server, uri)).find((d) => d.code === 'SPK401');
    assert.ok(diagnostic, 'SPK401 is reported');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((action) => action.title.startsWith('Pass the schema inferred from data/trips.csv'));
    assert.ok(fix, `actions were ${actions.map((a) => a.title).join(', ')}`);
    const change = fix.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    assert.deepEqual(change.edits.map((edit) => ('newText' in edit ? edit.newText : '')), ['schema="id INT, fare DOUBLE, paid BOOLEAN"']);
    rmSync(project, { recursive: true, force: true });
  });

  it('honours # noqa: SPK101 on the line', async () => {
    const uri = 'file:///work/job3.py';
    await open(server, uri, job.replace('rows = events.collect()', 'rows = events.collect()  # noqa: SPK101'));
    assert.equal((await diagnostics(server, uri)).filter((d) => d.code === 'SPK101').length, 0);
  });

  it('re-lints after an incremental edit', async () => {
    const uri = 'file:///work/job4.py';
    await open(server, uri, job);
    assert.equal((await diagnostics(server, uri)).filter((d) => d.code === 'SPK101').length, 1);
    const line = job.split('\n')[collectLine];
    const start = line.indexOf('.collect()');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: collectLine, character: start }, end: { line: collectLine, character: start } }, text: '.limit(100)' }],
    });
    assert.equal((await diagnostics(server, uri)).filter((d) => d.code === 'SPK101').length, 0, 'a limited collect is bounded');
  });

  it('hovers a flagged call with the rule documentation', async () => {
    const uri = 'file:///work/job5.py';
    await open(server, uri, job);
    const [diagnostic] = (await diagnostics(server, uri)).filter((d) => d.code === 'SPK101');
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
    assert.ok(hover);
    const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /SPK101 collect-unbounded/);
    assert.match(value, /What it does/);
  });

  it('answers the rule catalogue and one rule documentation', async () => {
    const rules = await server.connection.sendRequest<Array<{ code: string; name: string }>>('sparkml/rules');
    assert.ok(rules.some((rule) => rule.code === 'SPK101' && rule.name === 'collect-unbounded'));
    const docs = await server.connection.sendRequest<{ sections: Array<{ title: string }> } | null>('sparkml/ruleDocs', { code: 'SPK101' });
    assert.deepEqual(docs?.sections.slice(0, 5).map((s) => s.title), ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety']);
    assert.equal(await server.connection.sendRequest('sparkml/ruleDocs', { code: 'SPK999' }), null);
  });

  it('lints files nobody opened for Lint Workspace: Python files and notebooks, each notebook problem naming its cell', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sparkml-workspace-'));
    try {
      writeFileSync(join(folder, 'job.py'), job);
      const cell = (cell_type: string, source: string[]) => ({ cell_type, metadata: {}, source, ...(cell_type === 'code' ? { outputs: [], execution_count: null } : {}) });
      const notebook = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
        cells: [
          cell('markdown', ['# Explore the events']),
          cell('code', ['from pyspark.sql import SparkSession\n', 'spark = SparkSession.builder.getOrCreate()']),
          cell('code', ['events = spark.read.parquet("s3a://lake/events")\n', 'rows = events.collect()']),
          cell('code', ['broken = ("never closed"']),
        ],
      };
      writeFileSync(join(folder, 'explore.ipynb'), JSON.stringify(notebook, null, 1));
      writeFileSync(join(folder, 'broken.ipynb'), '{"cells": [');
      const found = await server.connection.sendRequest<{ uris: string[]; errors: string[] }>('sparkml/pythonFiles', { folders: [folder] });
      assert.deepEqual(found.uris.map((uri) => uri.slice(uri.lastIndexOf('/') + 1)), ['broken.ipynb', 'explore.ipynb', 'job.py']);
      type Linted = { diagnostics: Diagnostic[]; skipped?: string };
      const lintFile = (name: string) => server.connection.sendRequest<Linted>('sparkml/lintFile', { uri: pathToFileURL(join(folder, name)).href });

      const python = await lintFile('job.py');
      assert.deepEqual(python.diagnostics.map((d) => [d.code, d.range.start.line]), [['SPK101', collectLine]]);

      const explored = await lintFile('explore.ipynb');
      assert.equal(explored.skipped, undefined);
      const collect = explored.diagnostics.find((d) => d.code === 'SPK101');
      assert.ok(collect, JSON.stringify(explored.diagnostics));
      const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
      assert.match(message(collect), /^cell 3: /);
      // the range is within the cell: its second line, on `.collect`
      assert.equal(collect.range.start.line, 1);
      assert.match('rows = events.collect()'.slice(collect.range.start.character, collect.range.end.character), /^collect/);
      const syntax = explored.diagnostics.find((d) => /ends inside a string or bracket/.test(message(d)));
      assert.ok(syntax, 'the unclosed cell is reported');
      assert.match(message(syntax), /^cell 4: /);

      const broken = await lintFile('broken.ipynb');
      assert.deepEqual(broken.diagnostics, []);
      assert.match(broken.skipped ?? '', /not valid JSON/);
      const missing = await lintFile('gone.py');
      assert.match(missing.skipped ?? '', /^not read: .*ENOENT/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('survives a file that does not parse', async () => {
    const uri = 'file:///work/broken.py';
    await open(server, uri, 'def broken(:\n    events = spark.read.parquet("x"\nrows = events.collect(\n');
    const items = await diagnostics(server, uri);
    assert.ok(Array.isArray(items));
    // still alive and answering
    assert.ok((await server.connection.sendRequest<unknown[]>('sparkml/rules')).length > 0);
  });
});

describe('language server settings', { skip }, () => {
  it('reports a wrong setting value and lints with the default', async () => {
    const server = await startServer({ settings: { lint: { select: 'SPK1', severity: { SPK101: 'loud' } } } });
    try {
      const uri = 'file:///work/settings.py';
      await open(server, uri, job);
      const items = await diagnostics(server, uri);
      assert.ok(items.some((d) => d.code === 'SPK101'), 'linting goes on with defaults');
      const problems = server.notifications.filter((n) => n.method === 'sparkml/settingsProblem');
      const text = JSON.stringify(problems);
      assert.match(text, /sparkml\.lint\.select must be a list/);
      assert.match(text, /sparkml\.lint\.severity\.SPK101 must be one of/);
    } finally {
      await server.stop();
    }
  });

  it('turns a rule off with severity "off"', async () => {
    const server = await startServer({ settings: { lint: { severity: { SPK101: 'off' } } } });
    try {
      const uri = 'file:///work/off.py';
      await open(server, uri, job);
      assert.equal((await diagnostics(server, uri)).filter((d) => d.code === 'SPK101').length, 0);
    } finally {
      await server.stop();
    }
  });
});

describe('language server without its wasm files', { skip }, () => {
  it('says which file is missing and keeps answering', async (t) => {
    const empty = mkdtempSync(join(tmpdir(), 'sparkml-nowasm-'));
    t.after(() => rmSync(empty, { recursive: true, force: true }));
    const server = await startServer({ wasmDir: empty });
    try {
      const status = await server.status;
      assert.equal(status.state, 'error');
      assert.match(status.message ?? '', /tree-sitter\.wasm is missing/);
      const uri = 'file:///work/nowasm.py';
      await open(server, uri, job);
      assert.deepEqual(await diagnostics(server, uri), []);
      assert.equal(server.process.exitCode, null, 'the server is still running');
    } finally {
      await server.stop();
    }
  });
});
