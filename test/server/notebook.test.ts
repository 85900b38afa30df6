// Jupyter notebooks open in an editor (LSP notebook document sync, as VS Code's client sends it): the
// Python cells are linted together, top to bottom, and each cell's diagnostics are in its own lines;
// related locations point into the cells they are in; code actions edit the cell they were made for; a
// change in one cell that changes another cell's problems asks the client to pull again.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentDiagnosticReport, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openNotebook, serverModule, startServer, type TestServer } from './lspClient';

const skip = existsSync(serverModule) ? false : `${serverModule} is missing: run \`npm run build\` first`;

const notebookUri = 'file:///work/explore.ipynb';
const cellUri = (n: number) => `vscode-notebook-cell:/work/explore.ipynb#cell${n}`;
const CODE = 2;
const MARKUP = 1;

const cells: Array<{ kind: number; languageId: string; text: string }> = [
  { kind: CODE, languageId: 'python', text: '%matplotlib inline\nfrom pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StandardScaler, VectorAssembler\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()' },
  { kind: MARKUP, languageId: 'markdown', text: '# Events\nRead the events, then `collect()` them.' },
  { kind: CODE, languageId: 'python', text: 'events = spark.read.parquet("s3a://lake/events")\nif events.count() == 0:\n    raise SystemExit(1)' },
  { kind: CODE, languageId: 'python', text: 'rows = events.collect()' },
  { kind: CODE, languageId: 'python', text: 'assembled = VectorAssembler(inputCols=["a", "b"], outputCol="raw").transform(events)\nscaler = StandardScaler(inputCol="raw", outputCol="features").fit(assembled)\nscaled = scaler.transform(assembled)' },
  { kind: CODE, languageId: 'python', text: 'train, test = scaled.randomSplit([0.8, 0.2], seed=1)\nmodel = LogisticRegression().fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))' },
];

async function pull(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

const codes = (items: Diagnostic[]) => items.map((item) => `${item.code}@${item.range.start.line}:${item.range.start.character}`);

function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('cell', 'python', 1, text), edits);
}

/** Sends a structure change: `deleteCount` cells removed at `start` (closed when `closed`), `inserted` put there (opened when `opened`). */
async function restructure(server: TestServer, version: number, start: number, deleteCount: number, inserted: number[], options: { opened?: Array<{ uri: string; text: string }>; closed?: string[] } = {}): Promise<void> {
  await server.connection.sendNotification('notebookDocument/didChange', {
    notebookDocument: { uri: notebookUri, version },
    change: {
      cells: {
        structure: {
          array: { start, deleteCount, cells: inserted.map((n) => ({ kind: CODE, document: cellUri(n) })) },
          ...(options.opened ? { didOpen: options.opened.map((cell) => ({ uri: cell.uri, languageId: 'python', version: 1, text: cell.text })) } : {}),
          ...(options.closed ? { didClose: options.closed.map((uri) => ({ uri })) } : {}),
        },
      },
    },
  });
}

/** Waits until the server has asked for `count` refreshes in all (the request is handled after the pull's answer), for 5 s at most. */
async function refreshes(server: TestServer, count: number): Promise<void> {
  for (let waited = 0; server.refreshes < count; waited += 10) {
    assert.ok(waited < 5_000, `the server asked for ${server.refreshes} refreshes, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Jupyter notebooks in the editor (notebook document sync)', { skip }, () => {
  let server: TestServer;
  /** The cells as VS Code's client syncs them: the Python cells only (the markdown cell 2 is not sent). */
  const synced = cells.map((cell, index) => ({ ...cell, uri: cellUri(index + 1) })).filter((cell) => cell.kind === CODE);
  before(async () => {
    server = await startServer();
    await server.status;
    await openNotebook(server, notebookUri, synced, { metadata: { kernelspec: { name: 'python3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 });
  });
  after(() => server?.stop());

  it('reports each finding on its cell, in the cell\'s lines, with the cells before it read as one program', async () => {
    assert.deepEqual(codes(await pull(server, cellUri(1))), [], 'the %matplotlib magic is not a syntax error');
    assert.deepEqual(codes(await pull(server, cellUri(3))), ['SPK104@1:10']);
    // `events` comes from cell 3: an unbounded read, collected here
    assert.deepEqual(codes(await pull(server, cellUri(4))), ['SPK101@0:14']);
    const leakage = (await pull(server, cellUri(5))).find((item) => item.code === 'SPK001');
    assert.ok(leakage, 'the scaler fitted before the split in the next cell, and scored on its test part');
    assert.equal(leakage.range.start.line, 1);
    const related = leakage.relatedInformation ?? [];
    assert.ok(related.some((info) => info.location.uri === cellUri(6) && info.location.range.start.line === 0), `the split is related in cell 6: ${JSON.stringify(related)}`);
    await pull(server, cellUri(6));
    assert.equal(server.refreshes, 0, 'pulling the cells of a notebook just opened asks for no refresh');
  });

  it('offers the fix and the noqa comment as edits of the cell at its version', async () => {
    const [count] = (await pull(server, cellUri(3))).filter((item) => item.code === 'SPK104');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cellUri(3) },
      range: count!.range,
      context: { diagnostics: [count] },
    });
    const fix = actions.find((action) => /isEmpty/.test(action.title));
    assert.ok(fix, `a fix among ${actions.map((action) => action.title).join(', ')}`);
    const change = fix.edit?.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri: cellUri(3), version: 1 });
    assert.equal(applied(cells[2]!.text, change.edits).split('\n')[1], 'if events.isEmpty():');

    const noqa = actions.find((action) => action.title === 'Disable SPK104 for this line');
    const noqaChange = noqa?.edit?.documentChanges?.[0] as { edits: TextEdit[] };
    assert.equal(applied(cells[2]!.text, noqaChange.edits).split('\n')[1], 'if events.count() == 0:  # noqa: SPK104');
  });

  it('asks the client to pull again, once, when an edit in one cell changes another cell\'s problems; offers no stale actions', { timeout: 10_000 }, async () => {
    const [count] = (await pull(server, cellUri(3))).filter((item) => item.code === 'SPK104');
    // cell 3 now reads a sample: cell 4's collect() is bounded, cell 3's count() emptiness test is still reported
    await server.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebookUri, version: 1 },
      change: {
        cells: {
          textContent: [{
            document: { uri: cellUri(3), version: 2 },
            changes: [{ range: { start: { line: 0, character: 48 }, end: { line: 0, character: 48 } }, text: '.sample(0.01)' }],
          }],
        },
      },
    });
    // before the edited cell is pulled again, the findings of version 1 give no actions
    const stale = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUri(3) }, range: count!.range, context: { diagnostics: [count] } });
    assert.deepEqual(stale, []);
    assert.deepEqual(codes(await pull(server, cellUri(3))), ['SPK104@1:10']);
    await refreshes(server, 1);
    // the client pulls every cell again, in order: no pull asks for another refresh
    for (const cell of synced) await pull(server, cell.uri);
    assert.deepEqual(codes(await pull(server, cellUri(4))), []);
    assert.equal(server.refreshes, 1, 'one edit, one refresh');
  });

  it('asks the client to pull again when a cell is added, moved or deleted', { timeout: 10_000 }, async () => {
    // cells 1, 3, 4, 5, 6; cell 3 reads 10 rows, so cell 4's collect() is bounded
    const rebind = { uri: cellUri(9), text: 'events = spark.table("all_events")' };
    await restructure(server, 2, 2, 0, [9], { opened: [rebind] });
    await refreshes(server, 2);
    assert.deepEqual(codes(await pull(server, cellUri(4))), ['SPK101@0:14'], 'events is every row again');
    // moved below cell 4 (the client pulls nothing: no cell was opened or edited)
    await restructure(server, 3, 2, 2, [4, 9]);
    await refreshes(server, 3);
    assert.deepEqual(codes(await pull(server, cellUri(4))), []);
    await restructure(server, 4, 2, 2, [9, 4]);
    await refreshes(server, 4);
    assert.deepEqual(codes(await pull(server, cellUri(4))), ['SPK101@0:14']);
    // deleted
    await restructure(server, 5, 2, 1, [], { closed: [cellUri(9)] });
    await refreshes(server, 5);
    assert.deepEqual(codes(await pull(server, cellUri(4))), []);
    const gone = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: cellUri(9) } });
    assert.deepEqual(gone.kind === 'full' ? gone.items : gone.kind, [], 'a deleted cell has no problems');
    assert.equal(server.refreshes, 5);
  });

  it('completes and hovers Spark configuration keys in a cell, in the cell\'s lines', async () => {
    const conf = 'spark.conf.set("spark.sql.shuffle.partitions", "64")\nspark.conf.set("spark.executor.mem", "4g")';
    await restructure(server, 6, 5, 0, [8], { opened: [{ uri: cellUri(8), text: conf }] });
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: cellUri(8) }, position: { line: 0, character: 30 } });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /spark\.sql\.shuffle\.partitions/);
    assert.deepEqual(hover?.range, { start: { line: 0, character: 16 }, end: { line: 0, character: 44 } });
    const character = 'spark.conf.set("spark.executor.mem'.length;
    const completion = await server.connection.sendRequest<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri: cellUri(8) }, position: { line: 1, character } });
    const items = Array.isArray(completion) ? completion : completion.items;
    const memory = items.find((item) => item.label === 'spark.executor.memory');
    assert.ok(memory, `got ${items.slice(0, 10).map((item) => item.label).join(', ')}`);
    assert.deepEqual((memory.textEdit as TextEdit).range, { start: { line: 1, character: 16 }, end: { line: 1, character: 34 } });
  });

  it('lints a cell added to the notebook; after the notebook is closed and opened again, answers in full', async () => {
    await restructure(server, 7, 6, 0, [7], { opened: [{ uri: cellUri(7), text: 'pdf = spark.table("events").toPandas()' }] });
    const added = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: cellUri(7) } });
    assert.deepEqual(added.kind === 'full' ? codes(added.items) : added.kind, ['SPK102@0:28']);
    const open = [1, 3, 4, 5, 6, 8, 7];
    await server.connection.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: notebookUri }, cellTextDocuments: open.map((n) => ({ uri: cellUri(n) })) });
    const closed = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: cellUri(7) } });
    assert.deepEqual(closed.kind === 'full' ? closed.items : closed.kind, []);
    await openNotebook(server, notebookUri, [{ uri: cellUri(7), text: 'pdf = spark.table("events").toPandas()' }]);
    // the client forgot what it held when the notebook closed: the same problems come in full
    const reopened = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: cellUri(7) }, previousResultId: added.resultId });
    assert.deepEqual(reopened.kind === 'full' ? codes(reopened.items) : reopened.kind, ['SPK102@0:28']);
    assert.equal(server.stderr().includes('Error'), false, server.stderr());
  });
});

describe('refreshes for the cells a lint changes, whichever cell the lint was for', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  it('when the first cell changes because a later one is deleted, or a hover lints before the edited cell is pulled', { timeout: 10_000 }, async () => {
    const uri = 'file:///work/leak.ipynb';
    const cell = (n: number) => `vscode-notebook-cell:/work/leak.ipynb#c${n}`;
    const texts = [
      'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StandardScaler\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\ndata = spark.table("features")\nscaled = StandardScaler(inputCol="raw", outputCol="features").fit(data).transform(data)',
      'train, test = scaled.randomSplit([0.8, 0.2], seed=1)\nauc = BinaryClassificationEvaluator().evaluate(LogisticRegression().fit(train).transform(test))',
      'rows = spark.table("events").collect()',
    ];
    await openNotebook(server, uri, texts.map((text, index) => ({ uri: cell(index + 1), text })));
    assert.deepEqual(codes(await pull(server, cell(1))).filter((code) => code.startsWith('SPK001')).length, 1);
    assert.deepEqual(codes(await pull(server, cell(3))), ['SPK101@0:29']);
    // the hover lints the notebook after cell 3's edit: the pull of cell 3 that follows is answered from that lint
    await server.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri, version: 1 },
      change: { cells: { textContent: [{ document: { uri: cell(3), version: 2 }, changes: [{ range: { start: { line: 0, character: 28 }, end: { line: 0, character: 28 } }, text: '.limit(5)' }] }] } },
    });
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: cell(3) }, position: { line: 0, character: 2 } });
    await refreshes(server, 1);
    assert.deepEqual(codes(await pull(server, cell(3))), []);
    // the split and the evaluation go: the scaler in cell 1 no longer leaks
    await server.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri, version: 2 },
      change: { cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: cell(2) }] } } },
    });
    await refreshes(server, 2);
    assert.deepEqual(codes(await pull(server, cell(1))), []);
  });
});

describe('a quick fix that edits another cell', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  it('adds the import to the cell holding the imports, each edit versioned with its own cell', async () => {
    const uri = 'file:///work/vectors.ipynb';
    const cell = (n: number) => `vscode-notebook-cell:/work/vectors.ipynb#c${n}`;
    const texts = [
      'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\nfrom pyspark.sql.types import DoubleType\nspark = SparkSession.builder.getOrCreate()',
      'scored = spark.read.parquet("s3://bucket/scored")\npositive = F.udf(lambda v: float(v[1]), DoubleType())\nscored = scored.withColumn("p1", positive("probability"))',
    ];
    await openNotebook(server, uri, texts.map((text, index) => ({ uri: cell(index + 1), text, version: index + 3 })));
    const [udf] = (await pull(server, cell(2))).filter((item) => item.code === 'SPK203');
    assert.ok(udf, 'the UDF that takes element 1 of a vector');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cell(2) }, range: udf.range, context: { diagnostics: [udf] } });
    const fix = actions.find((action) => /vector_to_array/.test(action.title));
    assert.ok(fix, `a fix among ${actions.map((action) => action.title).join(', ')}`);
    const changes = fix.edit?.documentChanges as Array<{ textDocument: { uri: string; version: number }; edits: TextEdit[] }>;
    assert.deepEqual(changes.map((change) => change.textDocument).sort((a, b) => a.uri.localeCompare(b.uri)), [{ uri: cell(1), version: 3 }, { uri: cell(2), version: 4 }]);
    const first = changes.find((change) => change.textDocument.uri === cell(1))!;
    assert.match(applied(texts[0]!, first.edits), /from pyspark\.ml\.functions import vector_to_array/);
    assert.ok(first.edits.every((edit) => !('uri' in edit)), 'LSP text edits carry no uri');
    const second = changes.find((change) => change.textDocument.uri === cell(2))!;
    assert.match(applied(texts[1]!, second.edits), /positive = lambda v: vector_to_array\(v\)\[1\]/);
    // fix-all of the cell leaves out a fix that edits another cell
    const fixAll = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cell(2) }, range: udf.range, context: { diagnostics: [], only: ['source.fixAll.sparkml'] } });
    assert.ok(fixAll.every((action) => !JSON.stringify(action.edit).includes('vector_to_array')), JSON.stringify(fixAll));
  });
});

describe('incremental re-lint of a notebook', { skip }, () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server?.stop());

  it('gives each cell the diagnostics of the same notebook opened fresh, after each of 30 edits', async () => {
    const uri = 'file:///work/edited.ipynb';
    const cell = (n: number) => `vscode-notebook-cell:/work/edited.ipynb#c${n}`;
    const texts = cells.map((c) => (c.kind === CODE ? c.text : undefined));
    const ids = texts.map((_, index) => index);
    const versions = texts.map(() => 1);
    let nextId = texts.length;
    const open = (notebookUri: string, cellUriOf: (id: number) => string) =>
      openNotebook(server, notebookUri, ids.map((id, index) => ({ uri: cellUriOf(id), text: texts[index] ?? '# notes', kind: texts[index] === undefined ? MARKUP : CODE })));
    await open(uri, cell);
    const inserts = ['.limit(5)', '\nevents.cache()\n', '%time ', 'x', '\n', '(', '"'];
    let next = 7;
    const random = () => (next = (next * 48271) % 2147483647) / 2147483647;
    for (let n = 1; n <= 30; n++) {
      if (n % 10 === 0) {
        // a new cell after the third
        const id = nextId++;
        ids.splice(3, 0, id);
        texts.splice(3, 0, 'sample = events.sample(0.1).toPandas()');
        versions.splice(3, 0, 1);
        await server.connection.sendNotification('notebookDocument/didChange', {
          notebookDocument: { uri, version: n },
          change: { cells: { structure: { array: { start: 3, deleteCount: 0, cells: [{ kind: CODE, document: cell(id) }] }, didOpen: [{ uri: cell(id), languageId: 'python', version: 1, text: texts[3] }] } } },
        });
      } else {
        const code = texts.map((text, index) => (text === undefined ? -1 : index)).filter((index) => index >= 0);
        const index = code[Math.floor(random() * code.length)]!;
        const before = TextDocument.create('x', 'python', 1, texts[index]!);
        const offset = Math.floor(random() * (texts[index]!.length + 1));
        const removed = Math.min(Math.floor(random() * 3), texts[index]!.length - offset);
        const insert = inserts[Math.floor(random() * inserts.length)]!;
        const range = { start: before.positionAt(offset), end: before.positionAt(offset + removed) };
        texts[index] = texts[index]!.slice(0, offset) + insert + texts[index]!.slice(offset + removed);
        await server.connection.sendNotification('notebookDocument/didChange', {
          notebookDocument: { uri, version: n },
          change: { cells: { textContent: [{ document: { uri: cell(ids[index]!), version: ++versions[index]! }, changes: [{ range, text: insert }] }] } },
        });
      }
      const freshUri = `file:///work/fresh-${n}.ipynb`;
      const freshCell = (id: number) => `vscode-notebook-cell:/work/fresh-${n}.ipynb#c${id}`;
      await open(freshUri, freshCell);
      for (const id of ids) {
        const edited = (await pull(server, cell(id))).map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: r.location.uri.replace('edited', 'fresh') } })) }));
        const fresh = (await pull(server, freshCell(id))).map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: r.location.uri.replace(`fresh-${n}`, 'fresh') } })) }));
        assert.deepEqual(edited, fresh, `cell ${id} after edit ${n}: ${JSON.stringify(texts)}`);
      }
      await server.connection.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: freshUri }, cellTextDocuments: ids.map((id) => ({ uri: freshCell(id) })) });
    }
  });
});
