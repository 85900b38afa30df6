// The start of a local data file a Spark read points at, for fixes computed from the data (SPK401's
// schema). Only local paths: remote storage (s3a://, hdfs://, dbfs:/) is never fetched while linting.
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DataSample {
  /** the file read (for a folder, its first data file) */
  path: string;
  /** that file as the job names it: relative to the folder the read's path was found in */
  shown: string;
  /** the text up to the last whole line within the sample size */
  text: string;
}

/** How much of a data file is read: enough rows to infer types, little enough for every keystroke. */
export const SAMPLE_BYTES = 256 * 1024;
const CACHE_SIZE = 32;
const cache = new Map<string, { stamp: string; sample: DataSample }>();

/**
 * Reads the start of the local file `dataPath` names, relative to the linted file's folder or one of its
 * parents (a job run from the project root names its data from there). Undefined for remote or glob
 * paths, missing files, compressed files and folders without a data file.
 */
export function localDataSample(dataPath: string, lintedFile: string | undefined): DataSample | undefined {
  const found = findLocalFile(dataPath, lintedFile);
  if (!found) return undefined;
  const { file, base } = found;
  try {
    const stat = statSync(file);
    const stamp = `${stat.size}:${stat.mtimeMs}:${base}`;
    const cached = cache.get(file);
    if (cached?.stamp === stamp) return cached.sample;
    const sample = { path: file, shown: base ? relative(base, file) : file, text: readStart(file, stat.size) };
    cache.delete(file);
    cache.set(file, { stamp, sample });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return sample;
  } catch {
    return undefined;
  }
}

function findLocalFile(dataPath: string, lintedFile: string | undefined): { file: string; base?: string } | undefined {
  // an empty path (a parameter's default `""`) is no file: it would resolve to the job's own folder
  if (!dataPath.trim() || /[*?[{]/.test(dataPath)) return undefined;
  let path = dataPath;
  if (/^file:/i.test(path)) {
    try {
      path = fileURLToPath(path.replace(/^file:\/*/i, 'file:///'));
    } catch {
      return undefined;
    }
  } else if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(path)) {
    return undefined; // s3a://, hdfs://, dbfs:/, abfss://, ...
  }
  if (isAbsolute(path)) {
    const file = dataFileAt(path);
    return file ? { file } : undefined;
  }
  if (!lintedFile) return undefined;
  for (let dir = dirname(resolve(lintedFile)); ; dir = dirname(dir)) {
    const file = dataFileAt(join(dir, path));
    if (file) return { file, base: dir };
    if (dirname(dir) === dir) return undefined;
  }
}

/** What a folder of CSV data holds: `part-00000...` files, `.csv`-like names, or names without an extension (not the job's code). */
const DATA_FILE_NAME = /^part-|\.(csv|tsv|psv|txt|dat)$|^[^.]+$/i;

/** The file itself, or a folder's first data file (Spark skips names starting with `_` or `.`). */
function dataFileAt(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return isCompressed(path) ? undefined : path;
    if (!stat.isDirectory()) return undefined;
    const first = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !/^[_.]/.test(entry.name) && DATA_FILE_NAME.test(entry.name))
      .map((entry) => entry.name)
      .sort()[0];
    return first && !isCompressed(first) ? join(path, first) : undefined;
  } catch {
    return undefined;
  }
}

function isCompressed(path: string): boolean {
  return /\.(gz|bz2|zst|lz4|snappy|deflate|xz|zip)$/i.test(path);
}

function readStart(file: string, size: number): string {
  const length = Math.min(size, SAMPLE_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, 0);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8');
  if (size <= SAMPLE_BYTES) return text;
  const lastLine = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return lastLine > 0 ? text.slice(0, lastLine + 1) : '';
}
