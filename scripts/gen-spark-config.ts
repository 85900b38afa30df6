// Regenerates resources/spark-config/sparkConfig.json from the documentation of a Spark checkout.
//
//   git clone --depth 1 --branch v4.0.0 https://github.com/apache/spark.git /tmp/spark
//   node --import tsx scripts/gen-spark-config.ts /tmp/spark/docs --version 4.0.0
//
// Every docs/*.md page is scanned for the HTML property tables (`<tr><td><code>spark.x</code></td>
// <td>default</td><td>meaning</td><td>since</td></tr>`). The SQL settings are not in the Markdown: Spark
// generates their tables at doc build time into docs/_generated/*.html (sql/gen-sql-config-docs.py, run by
// the docs build); the script reads those files too when they exist.
//
// From the docs the script takes FACTS only: the key, its default and the version that added it. The
// meaning, type and accepted values of a key already in the table are kept, because the meanings are our
// own words. A key new to the table gets an inferred type and an empty meaning, and is listed on stderr
// so someone can describe it. Keys in the table that the docs do not list (SQL settings from Spark's
// source, for example) are kept.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SparkConfigEntry, SparkConfigTableFile, SparkConfigType } from '../src/analysis/sparkConfig/table';

export interface DocumentedKey {
  readonly name: string;
  readonly default: string | null;
  readonly since?: string;
  /** The page the key was found on, for the report. */
  readonly page: string;
}

const NO_DEFAULT = new Set(['', '(none)', 'none', '(not set)', 'not set', 'null']);

/** Text of an HTML cell: tags dropped, entities decoded, whitespace collapsed. */
export function cellText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function normalizeDefault(text: string): string | null {
  return NO_DEFAULT.has(text.toLowerCase()) ? null : text;
}

/** The earliest version in a cell such as `4.0.0, 3.5.2, 3.4.4` (a key backported to older lines). */
export function earliestVersion(text: string): string | undefined {
  const versions = text.match(/\d+\.\d+\.\d+/g) ?? [];
  const numeric = (version: string) => version.split('.').map(Number);
  return versions.sort((a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  })[0];
}

/** The property rows of every table in one page, using the header to find the columns. */
export function parsePropertyTables(html: string, page: string): DocumentedKey[] {
  const keys: DocumentedKey[] = [];
  for (const table of html.match(/<table[\s\S]*?<\/table>/gi) ?? []) {
    const headers = [...table.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/gi)].map((match) => cellText(match[1]!).toLowerCase());
    const nameColumn = headers.findIndex((header) => header.startsWith('property'));
    if (nameColumn < 0) continue;
    const defaultColumn = headers.findIndex((header) => header === 'default');
    const sinceColumn = headers.findIndex((header) => header.startsWith('since'));
    for (const row of table.match(/<tr[\s\S]*?<\/tr>/gi) ?? []) {
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/gi)].map((match) => match[1]!);
      const name = cellText(cells[nameColumn] ?? '');
      if (!/^spark\.[\w.\-[\]{}<>|$*]+$/.test(name)) continue;
      keys.push({
        name,
        default: defaultColumn >= 0 ? normalizeDefault(cellText(cells[defaultColumn] ?? '')) : null,
        since: sinceColumn >= 0 ? earliestVersion(cellText(cells[sinceColumn] ?? '')) : undefined,
        page,
      });
    }
  }
  return keys;
}

const SIZE = /^-?\d+\s*(b|k|kb|m|mb|g|gb|t|tb|p|pb)$/i;
const DURATION = /^-?\d+\s*(us|ms|s|min|h|d)$/i;
const TIME_NAME = /(timeout|interval|wait|period|time|age|ttl)$/i;

/** A first guess at a new key's type from its default and its name; a person refines it. */
export function inferType(name: string, defaultValue: string | null): SparkConfigType {
  const value = defaultValue?.trim() ?? '';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  if (SIZE.test(value)) return /m$/i.test(value) && TIME_NAME.test(name) ? 'duration' : 'memory';
  if (DURATION.test(value)) return 'duration';
  if (/^-?\d+$/.test(value)) return 'int';
  if (/^-?\d*\.\d+$/.test(value)) return 'double';
  if (/^(org|com|io)\.[\w.$]+$/.test(value)) return 'class';
  return 'string';
}

/** Every documented key of a docs folder (Markdown pages and generated SQL tables). */
export function readDocs(docsDir: string): DocumentedKey[] {
  const pages: string[] = readdirSync(docsDir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(docsDir, file));
  const generated = join(docsDir, '_generated');
  if (existsSync(generated)) {
    pages.push(...readdirSync(generated).filter((file) => file.endsWith('.html')).map((file) => join(generated, file)));
  }
  return pages.sort().flatMap((page) => parsePropertyTables(readFileSync(page, 'utf8'), page));
}

export interface MergeResult {
  readonly entries: SparkConfigEntry[];
  /** Documented keys new to the table: they need a meaning written. */
  readonly added: string[];
  /** Keys of the table the docs do not list (kept). */
  readonly undocumented: string[];
}

/** Facts from the docs over the existing table; meanings, types and values stay ours. */
export function mergeTable(existing: readonly SparkConfigEntry[], documented: readonly DocumentedKey[]): MergeResult {
  const byName = new Map(existing.map((entry) => [entry.name, entry]));
  const seen = new Set<string>();
  const entries: SparkConfigEntry[] = [];
  const added: string[] = [];
  for (const key of documented) {
    if (seen.has(key.name)) continue;
    seen.add(key.name);
    const old = byName.get(key.name);
    if (!old) added.push(key.name);
    entries.push({
      name: key.name,
      default: key.default,
      type: old?.type ?? inferType(key.name, key.default),
      ...(old?.values ? { values: old.values } : {}),
      meaning: old?.meaning ?? '',
      ...((key.since ?? old?.since) ? { since: key.since ?? old?.since } : {}),
    });
  }
  const undocumented = existing.filter((entry) => !seen.has(entry.name));
  entries.push(...undocumented);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries, added, undocumented: undocumented.map((entry) => entry.name) };
}

function main(argv: string[]): void {
  const [docsDir, ...rest] = argv;
  if (!docsDir || !existsSync(docsDir)) {
    console.error('usage: node --import tsx scripts/gen-spark-config.ts <spark checkout>/docs [--version 4.0.0] [--out file.json]');
    process.exit(2);
  }
  const option = (name: string): string | undefined => {
    const index = rest.indexOf(name);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  const out = resolve(option('--out') ?? join(__dirname, '..', 'resources', 'spark-config', 'sparkConfig.json'));
  const current: SparkConfigTableFile = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as SparkConfigTableFile)
    : { source: '', sparkVersion: '', entries: [] };
  const documented = readDocs(docsDir);
  const { entries, added, undocumented } = mergeTable(current.entries, documented);
  const table: SparkConfigTableFile = {
    source: 'Facts (name, default, since) from the Apache Spark documentation; meanings written for this project.',
    sparkVersion: option('--version') ?? current.sparkVersion,
    entries,
  };
  writeFileSync(out, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`${entries.length} keys written to ${out} (${documented.length} documented rows, ${undocumented.length} kept from the table).`);
  if (added.length) console.error(`${added.length} new keys need a meaning:\n  ${added.join('\n  ')}`);
}

if (require.main === module) main(process.argv.slice(2));
