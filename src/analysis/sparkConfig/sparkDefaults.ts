// spark-defaults.conf: one `key value` per line (a Java properties file: whitespace, `=` or `:` between
// key and value; `#` and `!` start comments). Its entries are checked like a job spec's sparkConf, and
// the same key and value completions are offered while typing.
import type { Position, Range } from './contexts';
import { keyCompletions, valueCompletions, type SparkConfigCompletion } from './completion';
import { sparkConfigIndex, type SparkConfigIndex } from './table';
import { validateSparkConfEntries, type SparkConfEntryInput, type SparkConfigProblem } from './validation';

const PROPERTY = /^(\s*)([^\s=:#!][^\s=:]*)(\s*[=:]\s*|\s+)?(.*?)\s*$/;

interface PropertyLine {
  readonly line: number;
  readonly key: string;
  readonly keyStart: number;
  /** Where the value starts, or undefined when the line has only a key. */
  readonly valueStart?: number;
  readonly value: string;
}

function parseLine(text: string, line: number): PropertyLine | undefined {
  if (/^\s*([#!]|$)/.test(text)) return undefined;
  const match = PROPERTY.exec(text);
  if (!match) return undefined;
  const [, indent, key, separator, value] = match;
  const keyStart = indent!.length;
  const valueStart = separator ? keyStart + key!.length + separator.length : undefined;
  return { line, key: key!, keyStart, valueStart, value: value ?? '' };
}

/** The key/value entries of a spark-defaults.conf file with their ranges. */
export function sparkDefaultsEntries(text: string): SparkConfEntryInput[] {
  const entries: SparkConfEntryInput[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const property = parseLine(lineText, line);
    if (!property || property.valueStart === undefined) return;
    const range = (start: number, length: number): Range => ({ start: { line, character: start }, end: { line, character: start + length } });
    entries.push({
      key: property.key,
      value: property.value,
      keyRange: range(property.keyStart, property.key.length),
      valueRange: range(property.valueStart, property.value.length),
    });
  });
  return entries;
}

export function validateSparkDefaults(text: string, index: SparkConfigIndex = sparkConfigIndex()): SparkConfigProblem[] {
  return validateSparkConfEntries(sparkDefaultsEntries(text), index);
}

/** Keys while the first word of a line is typed, values after it. */
export function sparkDefaultsCompletions(text: string, position: Position, index: SparkConfigIndex = sparkConfigIndex()): SparkConfigCompletion[] {
  const lineText = text.split(/\r\n|\r|\n/)[position.line] ?? '';
  const property = parseLine(lineText, position.line);
  const at = (start: number, end: number): Range => ({ start: { line: position.line, character: start }, end: { line: position.line, character: end } });
  if (!property) {
    return /^\s*$/.test(lineText) ? keyCompletions('', at(position.character, position.character), index) : [];
  }
  const keyEnd = property.keyStart + property.key.length;
  if (position.character >= property.keyStart && position.character <= keyEnd) {
    return keyCompletions(property.key.slice(0, position.character - property.keyStart), at(property.keyStart, keyEnd), index);
  }
  if (property.valueStart !== undefined && position.character >= property.valueStart) {
    return valueCompletions(property.key, at(property.valueStart, property.valueStart + property.value.length), index);
  }
  return [];
}
