// Re-linting after an edit reuses what the previous lint did (the incremental parse, the statements of the
// previous tree copy, the model's unchanged statements and their findings): its findings must be exactly
// those of a full lint of the same text. Random
// one-line edits, applied the way an editor sends them (ParsedDocuments + DocumentLinter, the server's
// path), on every labelled fixture, the corpus, the leakage jobs, a generated 800-line job, a job whose
// main() passes what it makes to helpers (helperCalls.py) and a job class calling its methods (methodCalls.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { generateJob } from '../../../bench/lint/corpus';
import { lintParsed, lintText } from '../../../src/rules/engine';
import { DocumentLinter, settingsToOptions } from '../../../src/server/documentLinter';
import { ParsedDocuments } from '../../../src/server/parsedDocuments';
import { defaultSettings } from '../../../src/shared/settings';
import { seededRandom } from '../../../src/shared/seededRandom';
import { CORPUS_DIR, FIXTURES_DIR, LEAKAGE_DIR, labelledFiles } from '../../rules/labels';
import { mutate } from '../../rules/mutate';
import { testParser } from '../testParser';

type Line = string;
/** One-line edits: each returns the new text of line `line` (may contain line breaks, or be removed). */
const EDITS: Array<{ name: string; apply: (line: Line, next: () => number) => string }> = [
  { name: 'append a comment', apply: (line, next) => `${line}  # edit ${Math.floor(next() * 100)}` },
  { name: 'noqa', apply: (line) => (line.includes('#') ? `${line} noqa` : `${line}  # noqa`) },
  { name: 'edit inside a comment', apply: (line, next) => (line.includes('#') ? line.replace('#', `# ${'xyz'.slice(0, 1 + Math.floor(next() * 3))}`) : line) },
  { name: 'mutate tokens', apply: (line, next) => mutate(line, next) },
  { name: 'delete the line', apply: () => '' },
  { name: 'duplicate the line', apply: (line) => `${line}\n${line}` },
  { name: 'rename an identifier', apply: (line) => line.replace(/\b(df|train|test|model|spark|data|F|x)\b/, '$1_2') },
  { name: 'change a literal', apply: (line) => line.replace(/\d+|"[^"\n]*"/, (literal) => (literal.startsWith('"') ? '"changed"' : String(Number(literal) + 1))) },
  { name: 'indent', apply: (line) => `    ${line}` },
  { name: 'dedent', apply: (line) => line.replace(/^ {4}/, '') },
  { name: 'insert a statement', apply: (line) => `${line}\n${/^\s*/.exec(line)![0]}rows = df.collect()` },
  // statements that change what later statements read (the model re-evaluates those, or everything)
  { name: 'insert a cache', apply: (line) => `${line}\n${/^\s*/.exec(line)![0]}df.cache()` },
  { name: 'insert a temp view', apply: (line) => `${line}\n${/^\s*/.exec(line)![0]}spark.read.parquet("p").createOrReplaceTempView("t")` },
  { name: 'insert a star import', apply: (line) => `${line}\n${/^\s*/.exec(line)![0]}from pyspark.sql.functions import *` },
  { name: 'rebind a name', apply: (line) => `${line}\n${/^\s*/.exec(line)![0]}df = spark.range(5)` },
];

const options = settingsToOptions(defaultSettings);

describe('incremental re-lint', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  const sources = [
    ...[FIXTURES_DIR, CORPUS_DIR, LEAKAGE_DIR].flatMap((dir) => labelledFiles(dir)).map((file) => ({ name: file.name, text: file.text, edits: 8 })),
    { name: 'generated job', text: generateJob(seededRandom(11), 'job.py', 800), edits: 80 },
    { name: 'helperCalls.py', text: readFileSync(join(__dirname, 'helperCalls.py'), 'utf8'), edits: 150 },
    { name: 'methodCalls.py', text: readFileSync(join(__dirname, 'methodCalls.py'), 'utf8'), edits: 150 },
  ];

  it('gives the findings of a full lint after random one-line edits', async () => {
    const next = seededRandom(2026);
    let checked = 0;
    for (const source of sources) {
      const documents = new ParsedDocuments(() => parser);
      const linter = new DocumentLinter(documents, async () => defaultSettings, () => undefined);
      const uri = `untitled:${source.name}`;
      documents.openDocument(uri, 'python', 1, source.text);
      await linter.lint(uri);
      for (let n = 0; n < source.edits; n++) {
        const document = documents.get(uri)!.document;
        const lines = document.getText().split('\n');
        const line = Math.floor(next() * lines.length);
        const edit = EDITS[Math.floor(next() * EDITS.length)]!;
        const old = lines[line]!.replace(/\r$/, '');
        const replacement = edit.apply(old, next);
        if (replacement === old) continue;
        // delete the whole line (with its break) or replace its text
        const range = replacement === '' && line + 1 < lines.length
          ? { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }
          : { start: { line, character: 0 }, end: { line, character: old.length } };
        documents.change(uri, n + 2, [{ range, text: replacement }]);
        const incremental = (await linter.lint(uri))!;
        const { document: edited, tree } = documents.get(uri)!;
        const text = edited.getText();
        // With syntax errors, tree-sitter's recovery depends on the parse history: an incremental reparse can
        // place an ERROR differently than a parse from scratch. Compare with a lint from scratch of the very
        // tree the server parsed (what the reuse is responsible for); without errors, with a fresh parse too.
        const full = tree.rootNode.hasError ? lintParsed(tree, text, options) : await lintText(parser, text, options);
        const where = `${source.name}, edit ${n} (${edit.name}) on line ${line}`;
        assert.deepEqual(incremental.findings, full.findings, `${where}: findings`);
        assert.deepEqual(incremental.notices, full.notices, `${where}: notices`);
        checked++;
      }
      documents.close(uri);
    }
    assert.ok(checked > 300, `only ${checked} edits checked`);
  });

  /**
   * Lints `lines` as an open document, then again after `change` (one edit of the text): the findings before,
   * and the incremental findings after, which must be a full lint's.
   */
  async function lintBeforeAndAfter(lines: string[], change: { line: number; endLine: number; text: string }) {
    const documents = new ParsedDocuments(() => parser);
    const linter = new DocumentLinter(documents, async () => defaultSettings, () => undefined);
    const uri = 'untitled:edited.py';
    documents.openDocument(uri, 'python', 1, [...lines, ''].join('\n'));
    const before = (await linter.lint(uri))!.findings;
    documents.change(uri, 2, [{ range: { start: { line: change.line, character: 0 }, end: { line: change.endLine, character: 0 } }, text: change.text }]);
    const after = (await linter.lint(uri))!.findings;
    assert.deepEqual(after, (await lintText(parser, documents.get(uri)!.document.getText(), options)).findings);
    return { before, after };
  }

  it('visits an unchanged statement again when the other uses of the name it binds change (SPK107: review 21)', async () => {
    // `other` only unpacks rows for spark.read.json once `print(other.count())` is gone
    const { before, after } = await lintBeforeAndAfter([
      'from pyspark.sql import SparkSession',
      'spark = SparkSession.builder.getOrCreate()',
      'df = spark.read.parquet("s3://bucket/raw")',
      'other = (df.rdd.map(lambda r: r["body"]))',
      'print(other.count())',
      'spark.read.json(other).write.parquet("s3://out")',
    ], { line: 4, endLine: 5, text: '' });
    assert.deepEqual(before.map((finding) => finding.code), ['SPK107']);
    assert.deepEqual(after, []);
  });

  it('visits a toPandas() again when a later export of its rows is added, which withdraws the limit fix (SPK102)', async () => {
    const { before, after } = await lintBeforeAndAfter([
      'from pyspark.sql import SparkSession',
      'spark = SparkSession.builder.getOrCreate()',
      'recs = spark.table("recommendations").toPandas()',
      'print(len(recs))',
    ], { line: 3, endLine: 3, text: 'recs.to_csv("recs.csv")\n' });
    assert.ok(before.find((finding) => finding.code === 'SPK102')?.fix);
    assert.equal(after.find((finding) => finding.code === 'SPK102')?.fix, undefined);
  });
});
