// Spark's CSV schema inference (CSVInferSchema, Spark 3.4+ defaults) run on a sample of a local file, so
// SPK401 can offer the schema `inferSchema=True` would have found as an explicit DDL string.
import { parse } from 'csv-parse/sync';

/** The read's options (lower-cased names, values as Spark receives them; null: not a literal). */
export type CsvOptions = Readonly<Record<string, string | null>>;

/** The options inference reads; one of them set to a value that is not a literal means no schema. */
const READ = ['header', 'sep', 'delimiter', 'quote', 'escape', 'comment', 'nullvalue', 'nanvalue', 'positiveinf', 'negativeinf', 'preferdate', 'encoding'];

export interface CsvSchema {
  /** `id INT, fare DOUBLE, ...` (DataFrameReader.csv(schema=...) takes it as is) */
  ddl: string;
  columns: number;
  /** data rows the types were inferred from */
  rows: number;
}

type SparkType =
  | { name: 'NULL' | 'INT' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'STRING' }
  | { name: 'DECIMAL'; precision: number; scale: number };

const NULL: SparkType = { name: 'NULL' };
const INT: SparkType = { name: 'INT' };
const BIGINT: SparkType = { name: 'BIGINT' };
const DOUBLE: SparkType = { name: 'DOUBLE' };
const BOOLEAN: SparkType = { name: 'BOOLEAN' };
const DATE: SparkType = { name: 'DATE' };
const TIMESTAMP: SparkType = { name: 'TIMESTAMP' };
const STRING: SparkType = { name: 'STRING' };

/** Options whose effect this inference does not reproduce: with one of them set, no schema is offered. */
const UNSUPPORTED = ['dateformat', 'timestampformat', 'timestampntzformat', 'locale', 'multiline', 'samplingratio', 'prefersdecimal', 'charset', 'linesep'];

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const MAX_DECIMAL_PRECISION = 38;

/**
 * Infers the schema Spark would for `sample` (the start of a CSV file, cut at a line end). Undefined when
 * the options ask for something this does not reproduce, the sample has no row to name the columns, or it
 * is a Git LFS pointer in place of the data.
 */
export function inferCsvSchema(sample: string, read: CsvOptions): CsvSchema | undefined {
  // a Git LFS pointer (the data not checked out): no rows of the file to read
  if (sample.startsWith('version https://git-lfs.github.com/spec/')) return undefined;
  if (UNSUPPORTED.some((name) => read[name] !== undefined) || READ.some((name) => read[name] === null)) return undefined;
  const options = Object.fromEntries(Object.entries(read).filter((entry): entry is [string, string] => entry[1] !== null));
  const encoding = (options.encoding ?? 'utf-8').toLowerCase().replace('_', '-');
  if (encoding !== 'utf-8' && encoding !== 'utf8') return undefined;
  const records = parseRecords(sample.replace(/^\uFEFF/, ''), options);
  if (!records?.length) return undefined;
  const header = isTrue(options.header) ? records[0]! : undefined;
  const width = records[0]!.length;
  const rows = header ? records.slice(1) : records;
  const nullValue = options.nullvalue ?? '';
  const preferDate = options.preferdate === undefined || isTrue(options.preferdate);
  const special = new Set([options.nanvalue ?? 'NaN', options.positiveinf ?? 'Inf', options.negativeinf ?? '-Inf']);
  const types: SparkType[] = new Array(width).fill(NULL);
  for (const row of rows) {
    for (let i = 0; i < Math.min(width, row.length); i++) {
      const value = row[i]!;
      if (value === '' || value === nullValue) continue;
      types[i] = inferField(types[i]!, value, preferDate, special);
    }
  }
  const names = safeHeader(header, width, nullValue);
  const ddl = names.map((name, i) => `${quoteName(name)} ${typeName(types[i]!)}`).join(', ');
  return { ddl, columns: width, rows: rows.length };
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

function parseRecords(text: string, options: Readonly<Record<string, string>>): string[][] | undefined {
  const delimiter = unescapeDelimiter(options.sep ?? options.delimiter ?? ',');
  if (delimiter === undefined) return undefined;
  const quote = options.quote ?? '"';
  const escape = options.escape ?? '\\';
  try {
    return parse(text, {
      delimiter,
      quote: quote === '' ? false : quote,
      escape: escape === '' ? null : escape,
      comment: options.comment || undefined,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch {
    return undefined; // malformed sample: offer no schema rather than a wrong one
  }
}

/** Spark takes `\t` and `\u0001` written out as a separator (CSVExprUtils.toDelimiterChar). */
function unescapeDelimiter(sep: string): string | undefined {
  if (sep === '\\t') return '\t';
  if (/^\\u[0-9a-fA-F]{4}$/.test(sep)) return String.fromCharCode(parseInt(sep.slice(2), 16));
  if (sep.startsWith('\\') && sep.length === 2 && sep !== '\\\\') return undefined; // another escape: not reproduced
  return sep === '' ? undefined : sep;
}

/** CSVInferSchema.inferField: try the types from `soFar` upward, then widen. */
function inferField(soFar: SparkType, value: string, preferDate: boolean, special: ReadonlySet<string>): SparkType {
  let parsed: SparkType;
  switch (soFar.name) {
    case 'NULL':
    case 'INT':
      parsed = parseInteger(value, preferDate, special);
      break;
    case 'BIGINT':
      parsed = parseLong(value, preferDate, special);
      break;
    case 'DECIMAL':
      parsed = parseDecimal(value, preferDate, special);
      break;
    case 'DOUBLE':
      parsed = parseDouble(value, preferDate, special);
      break;
    case 'DATE':
      parsed = parseDate(value);
      break;
    case 'TIMESTAMP':
      parsed = parseTimestamp(value);
      break;
    case 'BOOLEAN':
      parsed = parseBoolean(value);
      break;
    default:
      return STRING;
  }
  return compatibleType(soFar, parsed) ?? STRING;
}

const INTEGER = /^[+-]?\d+$/;

function parseInteger(value: string, preferDate: boolean, special: ReadonlySet<string>): SparkType {
  if (INTEGER.test(value)) {
    const n = BigInt(value);
    if (n >= INT_MIN && n <= INT_MAX) return INT;
  }
  return parseLong(value, preferDate, special);
}

function parseLong(value: string, preferDate: boolean, special: ReadonlySet<string>): SparkType {
  if (INTEGER.test(value)) {
    const n = BigInt(value);
    if (n >= LONG_MIN && n <= LONG_MAX) return BIGINT;
  }
  return parseDecimal(value, preferDate, special);
}

/** java.math.BigDecimal of a whole number wider than a long: DECIMAL(digits, 0) up to 38 digits. */
function parseDecimal(value: string, preferDate: boolean, special: ReadonlySet<string>): SparkType {
  if (INTEGER.test(value)) {
    const digits = value.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '').length;
    if (digits <= MAX_DECIMAL_PRECISION) return { name: 'DECIMAL', precision: digits, scale: 0 };
  }
  return parseDouble(value, preferDate, special);
}

// java.lang.Double.parseDouble: trims, takes NaN/Infinity, exponents, hex and a d/f suffix
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+)[fFdD]?)$/;

function parseDouble(value: string, preferDate: boolean, special: ReadonlySet<string>): SparkType {
  if (JAVA_DOUBLE.test(value.trim()) || special.has(value)) return DOUBLE;
  return preferDate ? parseDate(value) : parseTimestamp(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The default dateFormat `yyyy-MM-dd`, a real calendar day. */
function parseDate(value: string): SparkType {
  return isCalendarDay(ISO_DATE.exec(value)) ? DATE : parseTimestamp(value);
}

// Spark's default timestamp parsing (stringToTimestamp): a date, then a time after ' ' or 'T', then a zone
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?)?(?:\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?))?$/;

function parseTimestamp(value: string): SparkType {
  return isCalendarDay(ISO_TIMESTAMP.exec(value)) ? TIMESTAMP : parseBoolean(value);
}

function isCalendarDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseBoolean(value: string): SparkType {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false' ? BOOLEAN : STRING;
}

/** TypeCoercion.findTightestCommonType, then the CSV-specific promotions of CSVInferSchema. */
function compatibleType(a: SparkType, b: SparkType): SparkType | undefined {
  if (a.name === 'NULL') return b;
  if (b.name === 'NULL') return a;
  if (a.name === 'STRING' || b.name === 'STRING') return STRING;
  if (a.name === 'DECIMAL' && b.name === 'DECIMAL') return widerDecimal(a, b);
  if (a.name === b.name) return a;
  const integral = (t: SparkType) => t.name === 'INT' || t.name === 'BIGINT';
  if (integral(a) && integral(b)) return BIGINT;
  if ((integral(a) || a.name === 'DOUBLE') && (integral(b) || b.name === 'DOUBLE')) return DOUBLE;
  if (a.name === 'DECIMAL' && b.name === 'DOUBLE') return DOUBLE;
  if (a.name === 'DOUBLE' && b.name === 'DECIMAL') return DOUBLE;
  if (a.name === 'DECIMAL' && integral(b)) return widerDecimal(a, decimalFor(b));
  if (integral(a) && b.name === 'DECIMAL') return widerDecimal(decimalFor(a), b);
  return undefined; // dates with timestamps, booleans with numbers, ...: a string
}

/** DecimalType.forType: the decimal an integral type fits in. */
function decimalFor(type: SparkType): SparkType {
  return { name: 'DECIMAL', precision: type.name === 'INT' ? 10 : 20, scale: 0 };
}

function widerDecimal(a: SparkType, b: SparkType): SparkType {
  if (a.name !== 'DECIMAL' || b.name !== 'DECIMAL') return DOUBLE;
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return range + scale > MAX_DECIMAL_PRECISION ? DOUBLE : { name: 'DECIMAL', precision: range + scale, scale };
}

function typeName(type: SparkType): string {
  if (type.name === 'DECIMAL') return `DECIMAL(${type.precision},${type.scale})`;
  return type.name === 'NULL' ? 'STRING' : type.name; // a column with no value at all is read as strings
}

/** CSVUtils' header clean-up: empty names become `_c<i>`, case-insensitive duplicates get their index. */
function safeHeader(header: string[] | undefined, width: number, nullValue: string): string[] {
  if (!header) return Array.from({ length: width }, (_, i) => `_c${i}`);
  const lower = header.map((name) => name.toLowerCase());
  const duplicates = new Set(lower.filter((name, i) => lower.indexOf(name) !== i));
  return header.map((name, i) => {
    if (name === '' || name === nullValue) return `_c${i}`;
    return duplicates.has(name.toLowerCase()) ? `${name}${i}` : name;
  });
}

// Spark's reserved keywords under ANSI mode: a column named like one needs backticks in DDL
const RESERVED = new Set(('all and any as authorization both case cast check collate column constraint create cross current_date ' +
  'current_time current_timestamp current_user distinct else end escape except false fetch filter for foreign from full grant group ' +
  'having in inner intersect into is join lateral leading left natural not null offset on only or order outer overlaps primary ' +
  'references right select session_user some table then time to trailing true union unique unknown user using when where with').split(' '));

/** A DDL column name: plain identifiers as they are, anything else (and keywords) in backticks. */
function quoteName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toLowerCase());
  return plain ? name : `\`${name.replace(/`/g, '``')}\``;
}
