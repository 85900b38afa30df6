// Spark configuration intelligence in the server: completion of keys and values in Python config calls
// spark-defaults.conf and the job spec's sparkConf, hover on keys, and the SPK403/SPK404 checks of
// spark-defaults.conf and sparkml.jobs.json (Python files get those checks from the rule engine).
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Tree } from 'web-tree-sitter';
import {
  sparkConfigCompletions,
  sparkConfigHover,
  sparkDefaultsCompletions,
  validateSparkDefaults,
  type SparkConfigCompletion,
} from '../analysis/sparkConfig';
import type { Finding } from '../rules/types';
import { isJobSpec, jobSpecCompletions, jobSpecProblems } from './jobSpecConfig';

export const sparkDefaultsLanguage = 'spark-defaults';

function toCompletionItem(item: SparkConfigCompletion): CompletionItem {
  const completion: CompletionItem = {
    label: item.label,
    kind: item.kind === 'value' ? CompletionItemKind.Value : item.kind === 'family' ? CompletionItemKind.Module : CompletionItemKind.Property,
    textEdit: { range: item.range, newText: item.newText },
    filterText: item.newText,
  };
  if (item.detail) completion.detail = item.detail;
  if (item.documentation) completion.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  return completion;
}

export function configCompletions(document: TextDocument, tree: Tree | undefined, position: Position): CompletionItem[] {
  const text = document.getText();
  let items: SparkConfigCompletion[] = [];
  if (document.languageId === sparkDefaultsLanguage) items = sparkDefaultsCompletions(text, position);
  else if (isJobSpec(document.uri)) items = jobSpecCompletions(document, position);
  else if (tree) items = sparkConfigCompletions(tree, position, { text });
  return items.map(toCompletionItem);
}

export function configHover(tree: Tree, position: Position): Hover | null {
  const hover = sparkConfigHover(tree, position);
  return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
}

/** The SPK403/SPK404 problems of a configuration file, as findings (near misses carry their fix). */
export function configFileFindings(document: TextDocument): Finding[] {
  const problems = document.languageId === sparkDefaultsLanguage ? validateSparkDefaults(document.getText()) : isJobSpec(document.uri) ? jobSpecProblems(document) : [];
  return problems.map((problem) => {
    const finding: Finding = { code: problem.code, name: problem.name, severity: 'warning', message: problem.message, range: problem.range };
    if (problem.replacement) finding.fix = { title: `Replace with ${problem.replacement}`, safety: 'unsafe', edits: [{ range: problem.range, newText: problem.replacement }] };
    return finding;
  });
}
