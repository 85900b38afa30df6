// `sparkConf` in a job spec (sparkml.jobs.json): the same key/value completion and SPK403/SPK404
// checks as in Python, on the JSON document. VS Code's own JSON support does the rest of the file
// from the contributed schema.
import { getLocation, findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { keyCompletions, lookupSparkConfig, sparkConfigIndex, validateSparkConfEntries, valueCompletions, type SparkConfigCompletion } from '../analysis/sparkConfig';
import { entryMarkdown } from '../analysis/sparkConfig/describe';
import type { SparkConfEntryInput } from '../analysis/sparkConfig';
import type { Range } from '../rules/types';

export function isJobSpec(uri: string): boolean {
  return uri.endsWith('/sparkml.jobs.json');
}

/** The text range of a JSON node; for a string, the text between its quotes. */
/**
 * The string under the cursor. In a key, getLocation reports a 'property' node whose offset, length
 * and value are those of the key string itself.
 */
function stringAt(previous: Node | undefined): Node | undefined {
  if (previous?.type === 'property') return { ...previous, type: 'string' };
  return previous?.type === 'string' ? previous : undefined;
}

function innerRange(document: TextDocument, node: Node): Range {
  const quoted = node.type === 'string' ? 1 : 0;
  return { start: document.positionAt(node.offset + quoted), end: document.positionAt(node.offset + node.length - quoted) };
}

/** Every `jobs[i].sparkConf` entry with the ranges of its key and value. */
export function jobSpecSparkConf(document: TextDocument): SparkConfEntryInput[] {
  const root = parseTree(document.getText());
  const jobs = root && findNodeAtLocation(root, ['jobs']);
  const entries: SparkConfEntryInput[] = [];
  for (const job of jobs?.children ?? []) {
    const conf = findNodeAtLocation(job, ['sparkConf']);
    for (const property of conf?.type === 'object' ? (conf.children ?? []) : []) {
      const [key, value] = property.children ?? [];
      if (key?.type !== 'string' || !value) continue;
      entries.push({ key: String(key.value), value: value.value, keyRange: innerRange(document, key), valueRange: innerRange(document, value) });
    }
  }
  return entries;
}

export function jobSpecProblems(document: TextDocument) {
  return validateSparkConfEntries(jobSpecSparkConf(document));
}

/** Keys inside `"sparkConf": { "spark.| }`, values inside `"spark.executor.memory": "|"`. */
export function jobSpecCompletions(document: TextDocument, position: { line: number; character: number }): SparkConfigCompletion[] {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const location = getLocation(text, offset);
  const path = location.path;
  const inSparkConf = path.length >= 3 && path[0] === 'jobs' && typeof path[1] === 'number' && path[2] === 'sparkConf';
  const node = stringAt(location.previousNode);
  if (!inSparkConf || !node) return [];
  const range = innerRange(document, node);
  const typed = text.slice(node.offset + 1, offset);
  const index = sparkConfigIndex();
  if (location.isAtPropertyKey) return keyCompletions(typed, range, index);
  const key = path[3];
  return typeof key === 'string' ? valueCompletions(key, range, index) : [];
}

/** Hover on a `sparkConf` key: what it does, its default, type and version. */
export function jobSpecHover(document: TextDocument, position: { line: number; character: number }): { markdown: string; range: Range } | undefined {
  const location = getLocation(document.getText(), document.offsetAt(position));
  const path = location.path;
  const node = stringAt(location.previousNode);
  if (!location.isAtPropertyKey || path[0] !== 'jobs' || path[2] !== 'sparkConf' || !node) return undefined;
  const entry = lookupSparkConfig(sparkConfigIndex(), String(node.value));
  return entry ? { markdown: entryMarkdown(entry), range: innerRange(document, node) } : undefined;
}
