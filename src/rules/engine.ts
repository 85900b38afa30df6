// Runs the rules over one file: copy the tree, build the semantic model, walk the nodes once dispatching to
// the rules' visitors, then drop what `# noqa` silences and apply the configured severities.
import type { Parser, Tree } from 'web-tree-sitter';
import { isDatabricksNotebookSource, isSparkShellNotebookSource, usesSessionFromHelper } from '../analysis/notebookSource';
import { parsePython } from '../analysis/parser';
import { type SemanticModel, buildModel } from '../analysis/model';
import { type PyNode, type SyntaxTree, copyTree, endId, ownString, textOf } from '../analysis/syntax';
import { continuingLines } from './lineScanner';
import { collectNoqa, isSilenced, noqaLine } from './noqa';
import { type LintOptions, compareVersions, isCodeEnabled, severityFor } from './options';
import { rangeOf } from './positions';
import { rules as allRules } from './registry';
import type { Report, Rule, RuleContext, Visitor } from './rule';
import { StatementFindings } from './statementFindings';
import { DEFAULT_TEST_IGNORE, isTestFile } from './testFiles';
import type { Finding, Fix, Range } from './types';

export type { LintOptions } from './options';

export interface LintResult {
  findings: Finding[];
  /** syntax-error notices and skipped-file messages, shown separately */
  notices: Finding[];
}

/**
 * Rules only run in files that use pyspark (SemanticModel.usesPyspark needs the word, Koalas' or Sedona's module, or a
 * Databricks notebook header): a clean file without any has nothing to report, and skips the copy and the
 * model (most files of a workspace).
 */
function nothingToLint(tree: Tree, text: string): boolean {
  return !text.includes('pyspark') && !text.includes('databricks.koalas') && !text.includes('sedona.spark') && !isDatabricksNotebookSource(text) && !isSparkShellNotebookSource(text) && !usesSessionFromHelper(text) && !tree.rootNode.hasError && !indentedStatement(tree);
}

/** A top-level statement that starts its own line indented (see unexpectedIndent), on the parser's tree. */
function indentedStatement(tree: Tree): boolean {
  const statements = tree.rootNode.children.filter((node) => node !== null);
  return !!firstIndented(statements, (node) => ({ type: node.type, row: node.startPosition.row, column: node.startPosition.column, endRow: node.endPosition.row }));
}

/** The first statement that starts its own line at a column other than 0 (not one after `;` on the line before). */
function firstIndented<T>(statements: readonly T[], where: (statement: T) => { type: string; row: number; column: number; endRow: number }): T | undefined {
  let previousEnd = -1;
  for (const statement of statements) {
    const { type, row, column, endRow } = where(statement);
    if (type !== 'comment' && column > 0 && row > previousEnd) return statement;
    previousEnd = endRow;
  }
  return undefined;
}

/** Files larger than this are not analysed (generated code, data dumps). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const SYNTAX_NOTICE = { code: 'syntax-error', name: 'syntax-error' } as const;
export const SKIPPED_NOTICE = { code: 'file-skipped', name: 'file-skipped' } as const;
export const INTERNAL_ERROR_NOTICE = { code: 'internal-error', name: 'internal-error' } as const;

/** `consequence` says what the failure left undone (the other rules ran, nothing ran, ...). */
export function internalErrorNotice(what: string, error: unknown, consequence = 'The other rules still ran.'): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return { ...INTERNAL_ERROR_NOTICE, severity: 'error', message: `${what} failed on this file (${message}); please report it. ${consequence}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** Why a text is not analysed (too large, binary), or undefined when it can be. */
export function skipReason(text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `not analysed: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
  if (text.includes('\u0000')) return 'not analysed: looks binary (contains NUL bytes)';
  return undefined;
}

export function skippedNotice(reason: string): Finding {
  return { ...SKIPPED_NOTICE, severity: 'info', message: reason, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** The copy made of each linted tree, so the next lint after an edit can move unchanged statements over. */
const copies = new WeakMap<Tree, SyntaxTree>();
/** The model built for each copy, so the next build after an edit can take unchanged statements over. */
const models = new WeakMap<SyntaxTree, SemanticModel>();
/** What the visitors reported per statement of each model, for the next lint after an edit. */
const visitorFindings = new WeakMap<SemanticModel, StatementFindings>();

/**
 * Lints a parsed document. `previousTree`: the tree this one was incrementally parsed from (after
 * `previousTree.edit(...)`); when it was linted before, statements the edit did not touch are reused
 * instead of being copied out of wasm again.
 */
export function lintTree(tree: Tree, text: string, options: LintOptions = {}, previousTree?: Tree): LintResult {
  if (nothingToLint(tree, text)) {
    if (previousTree) copies.delete(previousTree);
    return { findings: [], notices: [] };
  }
  const previous = previousTree ? copies.get(previousTree) : undefined;
  if (previousTree) copies.delete(previousTree);
  const previousModel = previous ? models.get(previous) : undefined;
  const syntax = copyTree(tree, text, previous);
  copies.set(tree, syntax);
  return lintSyntax(syntax, options, previousModel, (model) => models.set(syntax, model));
}

export async function lintText(parser: Parser, text: string, options: LintOptions = {}): Promise<LintResult> {
  const reason = skipReason(text);
  if (reason) return { findings: [], notices: [skippedNotice(reason)] };
  const tree = parsePython(parser, text);
  if (!tree) return { findings: [], notices: [skippedNotice('not analysed: the parser gave no tree')] };
  try {
    return lintParsed(tree, text, options);
  } finally {
    tree.delete();
  }
}

/**
 * Lints a parsed file once (the CLI, workspace linting): unlike lintTree, nothing is kept for a next lint
 * of the same document, and the model records nothing for one (no inline calls to take over).
 */
export function lintParsed(tree: Tree, text: string, options: LintOptions = {}): LintResult {
  if (nothingToLint(tree, text)) return { findings: [], notices: [] };
  return lintSyntax(copyTree(tree, text), options);
}

/**
 * Lints an already copied tree (the fuzz test and the benchmark use this to separate parse and lint).
 * `previousModel`: the model of the copy `syntax` was made from (see buildModel); `built` gets the new one,
 * for the next lint of the document (without `built`, the model is not prepared for one).
 */
export function lintSyntax(syntax: SyntaxTree, options: LintOptions = {}, previousModel?: SemanticModel, built?: (model: SemanticModel) => void): LintResult {
  const notices = syntaxNotices(syntax);
  let active = allRules.filter((rule) => isCodeEnabled(rule.meta.code, options));
  const previousFindings = previousModel ? visitorFindings.get(previousModel) : undefined;
  let model;
  try {
    model = buildModel(syntax, previousModel, { forNextBuild: !!built });
    built?.(model);
  } catch (error) {
    // a bug in the analysis must not take the editor's diagnostics down with it
    return { findings: [], notices: [...notices, internalErrorNotice('The semantic model', error, 'No rule could check this file.')] };
  }
  // tests make their own small data and are not jobs: the rules about those are off in them
  if (isTestFile(options.filePath, model.imports, syntax)) {
    const testIgnore = options.testIgnore ?? DEFAULT_TEST_IGNORE;
    active = active.filter((rule) => isCodeEnabled(rule.meta.code, { ignore: [...testIgnore] }));
  }
  if (!model.usesPyspark || !active.length) return { findings: [], notices };

  const findings: Finding[] = [];
  const runtime = runtimeOf(model, options);
  // the version set in the configuration, else the one the file's imports show (Spark 2's own API)
  const sparkVersion = options.sparkVersion ?? sparkVersionOfImports(syntax);
  let current: Rule = active[0]!;
  /** Set by a visitor whose answer depends on other statements (RuleContext.readsOtherStatements). */
  let readOtherStatements = false;
  const activeCodes = new Set(active.map((rule) => rule.meta.code));
  const context: RuleContext = {
    model,
    tree: syntax,
    options,
    ruleEnabled: (code) => activeCodes.has(code),
    text: (node) => textOf(syntax, node),
    // a Glue job of unknown version may run on Glue 3.0 (Spark 3.1): a newer API is not assumed
    sparkAtLeast: (version) => (sparkVersion ? compareVersions(sparkVersion, version) >= 0 : !runtime || compareVersions(OLDEST_GLUE_SPARK, version) >= 0),
    report: (report: Report) => findings.push(toFinding(current, report, options, runtime, sparkVersion)),
    readsOtherStatements: () => {
      readOtherStatements = true;
    },
  };

  const visitors = new Map<string, Array<[Rule, Visitor]>>();
  for (const rule of active) {
    for (const [type, visitor] of Object.entries(rule.visit ?? {})) {
      if (!visitor) continue;
      let list = visitors.get(type);
      if (!list) visitors.set(type, (list = []));
      list.push([rule, visitor]);
    }
  }
  const failed = new Map<Rule, unknown>();
  const visit = (from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const node = syntax.nodes[id]!;
      const list = visitors.get(node.type);
      if (!list) continue;
      for (const [rule, visitor] of list) {
        if (failed.has(rule)) continue;
        current = rule;
        try {
          visitor(node, context);
        } catch (error) {
          failed.set(rule, error);
        }
      }
    }
  };
  // nodes in document order, as a walk from the root would visit them; a statement the model took over
  // unchanged gets the findings its visit gave last time
  const kept = new StatementFindings(StatementFindings.keyOf(model, options, activeCodes));
  const reusable = previousFindings?.key === kept.key ? previousFindings : undefined;
  const records = new Map(model.statements.map((record) => [record.node, record]));
  visit(0, 1); // the module itself
  for (const statement of syntax.root.children) {
    const record = records.get(statement);
    const reused = reusable && record?.reused ? kept.takeOver(reusable, statement) : undefined;
    if (reused) {
      findings.push(...reused);
      continue;
    }
    const before = findings.length;
    readOtherStatements = false;
    visit(statement.id, endId(statement));
    if (record && !readOtherStatements) kept.keep(statement, findings.slice(before));
  }
  if (failed.size && reusable) return lintSyntax(syntax, options, undefined, built); // a failing rule stops where it fails: redo it all
  if (!failed.size) visitorFindings.set(model, kept);
  for (const rule of active) {
    if (!rule.finish || failed.has(rule)) continue;
    current = rule;
    try {
      rule.finish(context);
    } catch (error) {
      failed.set(rule, error);
    }
  }
  for (const [rule, error] of failed) notices.push(internalErrorNotice(`${rule.meta.code} ${rule.meta.name}`, error));

  const noqa = collectNoqa(syntax);
  // a finding on a line that goes on (a backslash, a triple-quoted string) is silenced where it ends too
  const continuing = noqa.size ? continuingLines(syntax.text) : undefined;
  const silenced = (line: number, code: string) => isSilenced(noqa, line, code) || (!!continuing && isSilenced(noqa, noqaLine(continuing, line), code));
  const unsilenced = findings.filter((finding) => !silenced(finding.range.start.line, finding.code));
  return { findings: dedupe(unsilenced).sort(byPosition), notices };
}

/**
 * `2.4` when the file imports, at its top level, an API Spark 3.0 removed (`from pyspark.ml.feature import
 * OneHotEncoderEstimator`): it is written for Spark 2. Not an import in a `try` (a shim for both versions).
 */
function sparkVersionOfImports(syntax: SyntaxTree): string | undefined {
  for (const statement of syntax.root.children) {
    if (statement.type !== 'import_from_statement') continue;
    const text = textOf(syntax, statement);
    if (/^from\s+pyspark\.ml\.feature\s+import\b[\s\S]*\bOneHotEncoderEstimator\b/.test(text)) return '2.4';
  }
  return undefined;
}

/**
 * The runtime a job is written for, when it names one and no `spark-version` is set: an AWS Glue job
 * (imports `awsglue`) may run on Glue 3.0, which is Spark 3.1.
 */
function runtimeOf(model: SemanticModel, options: LintOptions): 'AWS Glue' | undefined {
  if (options.sparkVersion) return undefined;
  return model.importsMatching(/^awsglue/) ? 'AWS Glue' : undefined;
}

/** The oldest AWS Glue version still in use (3.0) runs Spark 3.1; Glue 4.0 runs 3.3, Glue 5.0 runs 3.5. */
const OLDEST_GLUE_SPARK = '3.1';

/** A fix that needs a newer Spark than the job's runtime may have is applied only with the unsafe fixes. */
function fixFor(fix: Fix, minSparkVersion: string | undefined, runtime: 'AWS Glue' | undefined): Fix {
  if (!minSparkVersion || !runtime || fix.safety !== 'safe' || compareVersions(OLDEST_GLUE_SPARK, minSparkVersion) >= 0) return fix;
  const glue = compareVersions(minSparkVersion, '3.3') <= 0 ? '4.0' : '5.0';
  return { ...fix, safety: 'unsafe', title: `${fix.title} (needs Spark ${minSparkVersion}: AWS Glue ${glue} or later; set spark-version in [tool.sparkml] to make it safe)` };
}

function toFinding(rule: Rule, report: Report, options: LintOptions, runtime?: 'AWS Glue', sparkVersion = options.sparkVersion): Finding {
  const { meta } = rule;
  const range = report.range ?? (report.node ? rangeOf(report.node) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  // findings outlive the lint (kept per statement for the next one): their strings must not be slices of
  // this version of the document (see textOf)
  const finding: Finding = {
    code: meta.code,
    name: meta.name,
    severity: severityFor(meta.code, report.severity ?? meta.severity, options.severity),
    message: ownString(report.message),
    range,
  };
  const fixAllowed = !meta.minSparkVersionForFix || !sparkVersion || compareVersions(sparkVersion, meta.minSparkVersionForFix) >= 0;
  if (report.fix && fixAllowed) {
    const fix = fixFor(report.fix, meta.minSparkVersionForFix, runtime);
    finding.fix = { ...fix, title: ownString(fix.title), edits: fix.edits.map((edit) => ({ ...edit, newText: ownString(edit.newText) })) };
  }
  if (report.related?.length) finding.related = report.related.map((related) => ({ ...related, message: ownString(related.message) }));
  if (report.tags?.length) finding.tags = report.tags;
  return finding;
}

function syntaxNotices(syntax: SyntaxTree): Finding[] {
  const indented = unexpectedIndent(syntax);
  const error = syntax.errors[0];
  if (!indented && !error) return [];
  const count = syntax.errors.length + (indented ? 1 : 0);
  // the first problem in the file: an indented statement, or tree-sitter's first error
  const { what, range } = indented && (!error || indented.startIndex < error.startIndex)
    ? { what: 'unexpected indent', range: { start: { line: indented.startRow, character: indented.startCol }, end: { line: indented.startRow, character: indented.startCol + 1 } } }
    : errorPlace(syntax, error!);
  return [{
    ...SYNTAX_NOTICE,
    severity: 'error',
    message: `Syntax error (${what}${count > 1 ? `, ${count} places in the file` : ''}): the rules still check the code that parses.`,
    range,
  }];
}

/** What a tree-sitter error is and where its notice goes: on its first line, after any comments before it. */
function errorPlace(syntax: SyntaxTree, error: PyNode): { what: string; range: Range } {
  const range = afterComments(syntax, error) ?? rangeOf(error);
  if (range.end.line !== range.start.line) {
    // keep the notice on its first line: one character, or none at the end of the line
    const lineEnd = syntax.text.slice(error.startIndex).search(/\r|\n|$/);
    range.end = { line: range.start.line, character: range.start.character + Math.min(1, lineEnd) };
  }
  return { what: error.missing ? `missing \`${error.type}\`` : 'unexpected code', range };
}

/**
 * A top-level statement that starts its own line indented (` csv_file = "a.csv"` at module level): Python
 * refuses it (IndentationError), tree-sitter reads it as the statement it is. Not one after `;` on the
 * line of the statement before.
 */
function unexpectedIndent(syntax: SyntaxTree): PyNode | undefined {
  return firstIndented(syntax.root.children, (node) => ({ type: node.type, row: node.startRow, column: node.startCol, endRow: node.endRow }));
}

/**
 * Where a syntax error is shown when comments and blank lines come first: tree-sitter puts a MISSING
 * node right after the last token before the gap, and an ERROR node can start with the comments before
 * the code it could not parse, lines above the problem (`%pip` after a Databricks notebook's header
 * comments sat at the end of line 1; a `# %%` cell of SQL at 1:1). The notice goes on the next code, where
 * the reader sees the problem; undefined when no line break comes first.
 */
function afterComments(syntax: SyntaxTree, error: PyNode): Range | undefined {
  const gap = /^(?:\s|#[^\r\n]*)*/.exec(syntax.text.slice(error.startIndex, error.startIndex + MAX_GAP))![0];
  const next = error.startIndex + gap.length;
  if (!/[\r\n]/.test(gap) || next >= syntax.text.length || (!error.missing && next >= error.endIndex)) return undefined;
  const lines = gap.split(/\r\n|\r|\n/);
  const at = { line: error.startRow + lines.length - 1, character: lines[lines.length - 1]!.length };
  return { start: at, end: { line: at.line, character: at.character + 1 } };
}

/** How far after the start of an error the next code is looked for. */
const MAX_GAP = 64 * 1024;

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}:${finding.range.start.line}:${finding.range.start.character}:${finding.range.end.line}:${finding.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
