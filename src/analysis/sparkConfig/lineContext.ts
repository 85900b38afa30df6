// Completion context while the code is still being typed and does not parse yet, for example
// `SparkSession.builder.config("spark.exe` with no closing quote or parenthesis. The tree then has an
// ERROR node instead of a call, so the line up to the cursor is read with regular expressions instead.
import type { Position, Range } from './contexts';

export interface LineConfigContext {
  readonly role: 'key' | 'value';
  /** What was typed between the opening quote and the cursor. */
  readonly prefix: string;
  /** For a value: the key it belongs to. */
  readonly key?: string;
  /** From the opening quote to the closing quote on the line, or to the cursor when there is none. */
  readonly range: Range;
}

const CONF_RECEIVER = String.raw`(?:\bconf|\bSparkConf\([^()]*\)|\bgetConf\(\))(?:\.\w+\([^()]*\))*`;
const KEY_OPEN = String.raw`\(\s*(?:key\s*=\s*)?(["'])`;
/** `.config("` or `conf.set("` (and the other key methods) up to an unterminated key string. */
const KEY_AT_END = new RegExp(String.raw`(?:\.config|${CONF_RECEIVER}\.(?:set|setIfMissing|get|unset|isModifiable|contains))\s*${KEY_OPEN}([^"']*)$`);
/** `.config("key", "` or `conf.set("key", "` up to an unterminated value string. */
const VALUE_AT_END = new RegExp(
  String.raw`(?:\.config|${CONF_RECEIVER}\.(?:set|setIfMissing))\s*${KEY_OPEN}([^"']+)\1\s*,\s*(?:value\s*=\s*)?(["'])([^"']*)$`,
);

export function lineConfigContext(text: string, position: Position): LineConfigContext | undefined {
  const line = text.split(/\r\n|\r|\n/)[position.line];
  if (line === undefined) return undefined;
  const before = line.slice(0, position.character);
  const after = line.slice(position.character);
  const closing = /^[^"'\s]*/.exec(after)?.[0].length ?? 0;
  const rangeFrom = (prefix: string): Range => ({
    start: { line: position.line, character: position.character - prefix.length },
    end: { line: position.line, character: position.character + closing },
  });
  const value = VALUE_AT_END.exec(before);
  if (value) return { role: 'value', key: value[2]!, prefix: value[4]!, range: rangeFrom(value[4]!) };
  const key = KEY_AT_END.exec(before);
  if (key) return { role: 'key', prefix: key[2]!, range: rangeFrom(key[2]!) };
  return undefined;
}
