// Spark configuration intelligence through real LSP requests: completion of keys and values inside
// config calls, hover on a key, and SPK403/SPK404 for spark-defaults.conf with a near-miss fix.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, DocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { serverModule, startServer, type TestServer } from './lspClient';

const skip = existsSync(serverModule) ? false : `${serverModule} is missing: run \`npm run build\` first`;

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return !result ? [] : Array.isArray(result) ? result : result.items;
}

describe('Spark configuration over LSP', { skip }, () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
    assert.equal((await server.status).state, 'ready');
  });
  after(() => server?.stop());

  const python = [
    'from pyspark.sql import SparkSession',
    'spark = (SparkSession.builder',
    '    .config("spark.executor.mem", "4g")',
    '    .config("spark.sql.adaptive.enabled", "")',
    '    .getOrCreate())',
    'spark.conf.set("spark.sql.shuffle.partitions", "200")',
    '',
  ].join('\n');

  it('completes configuration keys inside .config("spark.…")', async () => {
    const uri = 'file:///work/conf1.py';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: python } });
    const line = 2;
    const character = python.split('\n')[line].indexOf('mem') + 3;
    const result = items(await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } }));
    const memory = result.find((item) => item.label === 'spark.executor.memory');
    assert.ok(memory, `got ${result.slice(0, 10).map((i) => i.label).join(', ')}`);
    assert.ok(memory.detail && /1g/.test(memory.detail), `detail names the default: ${memory.detail}`);
    assert.ok(result.every((item) => item.label.startsWith('spark.executor.mem')), 'filtered by what was typed');
  });

  it('completes the values of a boolean key', async () => {
    const uri = 'file:///work/conf2.py';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: python } });
    const line = 3;
    const character = python.split('\n')[line].indexOf('"")') + 1;
    const labels = items(await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })).map((i) => i.label);
    assert.deepEqual([...labels].sort(), ['false', 'true']);
  });

  it('hovers a key with its meaning and default', async () => {
    const uri = 'file:///work/conf3.py';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: python } });
    const line = 5;
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: python.split('\n')[line].indexOf('shuffle') } });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /spark\.sql\.shuffle\.partitions/);
    assert.match(value, /200/);
  });

  it('checks spark-defaults.conf and fixes a near-miss key', async () => {
    const uri = 'file:///work/conf/spark-defaults.conf';
    const text = '# defaults\nspark.executor.memroy 4g\nspark.dynamicAllocation.enabled maybe\nspark.eventLog.enabled true\n';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'spark-defaults', version: 3, text } });
    const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const diagnostics = report.kind === 'full' ? report.items : [];
    const unknown = diagnostics.find((d) => d.code === 'SPK403');
    const invalid = diagnostics.find((d) => d.code === 'SPK404');
    assert.ok(unknown && unknown.range.start.line === 1 && /spark\.executor\.memory/.test(String(unknown.message)), JSON.stringify(diagnostics));
    assert.ok(invalid && invalid.range.start.line === 2, JSON.stringify(diagnostics));
    assert.equal(diagnostics.length, 2, 'spark.eventLog.enabled true is fine');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    const fix = actions.find((a) => /Replace with spark\.executor\.memory/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const change = fix.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change && change.textDocument.version === 3);
  });
});

describe('Spark configuration in sparkml.jobs.json over LSP', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  const spec = JSON.stringify(
    { targets: { local: { type: 'local' } }, jobs: [{ name: 'train', target: 'local', mainFile: 'job.py', sparkConf: { 'spark.executor.memroy': '4g', 'spark.sql.adaptive.enabled': 'yes', 'spark.executor.cores': '2' } }] },
    null,
    2,
  );
  const uri = 'file:///work/project/sparkml.jobs.json';

  it('flags a near-miss key and an invalid value in sparkConf', async () => {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: spec } });
    const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const items = report.kind === 'full' ? report.items : [];
    const lines = spec.split('\n');
    const unknown = items.find((d) => d.code === 'SPK403');
    assert.ok(unknown, JSON.stringify(items));
    assert.equal(lines[unknown.range.start.line].slice(unknown.range.start.character, unknown.range.end.character), 'spark.executor.memroy');
    const invalid = items.find((d) => d.code === 'SPK404');
    assert.ok(invalid && lines[invalid.range.start.line].includes('adaptive'), JSON.stringify(items));
    assert.equal(items.length, 2);
  });

  it('completes keys inside sparkConf and hovers them', async () => {
    const lines = spec.split('\n');
    const line = lines.findIndex((l) => l.includes('spark.executor.cores'));
    const character = lines[line].indexOf('spark.executor.c') + 'spark.executor.c'.length;
    const labels = items(await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })).map((i) => i.label);
    assert.ok(labels.includes('spark.executor.cores'), labels.join(', '));
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /spark\.executor\.cores/);
  });
});
