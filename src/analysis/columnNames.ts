// What a column's name says about its values, for the size rules: a distinct of a column with about a value
// per row is as large as the data (`select("user_id").distinct()`), a distinct of a category is small
// (`select("country").distinct()`). Read from the name's last word, snake_case or camelCase.
import type { SemanticModel } from './model';
import { isFunctionsModule } from './sparkApi';
import { type PyNode, field, stringValue, textOf } from './syntax';

/** Last words of identifiers: one value per entity. */
const IDENTIFIER_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'key', 'uuid', 'guid', 'email', 'hash']);

/** Last words of other columns with about a value per row: times, text and addresses, measures, a recommender's entities. */
const HIGH_CARDINALITY_WORDS: ReadonlySet<string> = new Set([
  ...IDENTIFIER_WORDS,
  'ts', 'at', 'time', 'timestamp', 'datetime', 'url', 'uri', 'link', 'path', 'ip', 'phone', 'word', 'words', 'token',
  'tokens', 'text', 'sentence', 'description', 'comment', 'message', 'body', 'price', 'amount', 'value', 'lat', 'lon',
  'lng', 'latitude', 'longitude',
  // the entities of a recommender's ratings (ALS's userCol and itemCol)
  'user', 'item',
]);

/** `userid`, `uid`, `customerid`: an identifier written as one word. */
const ENTITY_ID = /^(?:u|user|customer|client|product|item|order|session|account|member|device|transaction|txn|event|msg|message|request|doc|document|record|visitor|person|employee|student|movie|song|track|article|post)ids?$/;

/** Last words that number what the word before names (StringIndexer's `user_idx`, `label_index`): read that word. */
const INDEX_WORDS: ReadonlySet<string> = new Set(['idx', 'index', 'indexed']);

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  while (words.length > 1 && INDEX_WORDS.has(words[words.length - 1]!)) words.pop();
  return words[words.length - 1] ?? '';
}

/**
 * A column with about as many distinct values as rows: identifiers, points in time (`event_time`,
 * `created_at`, `ts`; not dates), text and addresses (`url`, `word`), and measures (`price`, `lat`).
 */
export function isHighCardinalityColumn(name: string): boolean {
  const last = lastWord(name);
  return HIGH_CARDINALITY_WORDS.has(last) || ENTITY_ID.test(last) || /timestamp/i.test(name);
}

/** Last words of categories: a few values whatever the data's size (a product's category, a customer's segment). */
const CATEGORY_WORDS: ReadonlySet<string> = new Set([
  'category', 'categories', 'type', 'kind', 'segment', 'tier', 'status', 'state', 'country', 'region',
  'channel', 'department', 'genre', 'brand', 'gender', 'level', 'grade', 'cluster', 'label', 'platform', 'currency',
]);

/** A column of a few category values (`product_category`, `customerSegment`, `status`), by its name's last word. */
export function isCategoryColumn(name: string): boolean {
  return CATEGORY_WORDS.has(lastWord(name));
}

/** `col("x")` and `column("x")` of pyspark.sql.functions or Spark Connect's functions module. */
function isColumnFunction(qualified: string): boolean {
  const dot = qualified.lastIndexOf('.');
  const name = qualified.slice(dot + 1);
  return (name === 'col' || name === 'column') && isFunctionsModule(qualified.slice(0, dot));
}

/**
 * The column an argument names: `"probability"`, `col("probability")`, `df["probability"]`,
 * `df.probability` (of a DataFrame: not `config["column"]`, `args.column`). Reads the calls and values the
 * model recorded, so while it is built it answers for expressions it has evaluated outside a silent pass.
 */
export function columnNameOf(model: SemanticModel, argument: PyNode): string | undefined {
  const literal = stringValue(model.tree, argument);
  if (literal !== undefined) return literal;
  if (argument.type === 'call') {
    const record = model.callAt(argument);
    return record && isColumnFunction(record.callee.name ?? '') ? stringValue(model.tree, record.parts.positional[0]) : undefined;
  }
  const frame = model.valueOf(field(argument, argument.type === 'subscript' ? 'value' : 'object'))?.kind;
  if (frame !== 'DataFrame') return undefined;
  if (argument.type === 'subscript') return stringValue(model.tree, argument.children.find((child) => child.field === 'subscript'));
  if (argument.type === 'attribute') return textOf(model.tree, field(argument, 'attribute') ?? argument);
  return undefined;
}
