// Reads a Python file for linting: too large or binary files are skipped with a reason, other bytes are
// decoded as UTF-8 with U+FFFD for invalid sequences (one UTF-16 unit each, so later columns stay right).
import { readFile, stat } from 'node:fs/promises';
import { MAX_FILE_BYTES } from './engine';

export type SourceFile =
  | {
      text: string;
      skipped?: undefined;
      /** The bytes began with a UTF-8 byte order mark (the text does not: write it back when saving). */
      bom?: boolean;
      /** Some bytes were not UTF-8 and became U+FFFD: the text cannot be written back without loss. */
      lossy?: boolean;
    }
  | { text?: undefined; skipped: string };

const BINARY_SNIFF_BYTES = 8000;

const NOTEBOOK_SKIPPED = 'not analysed as Python: a Jupyter notebook (.ipynb) is read as its code cells';

/** Why a file of `size` bytes is not analysed when it is over `limit`. */
export function tooLargeReason(size: number, limit: number, what = ''): string {
  return `not analysed: ${(size / 1024 / 1024).toFixed(1)} MB is larger than ${limit / 1024 / 1024} MB${what}`;
}

export async function readSourceFile(path: string): Promise<SourceFile> {
  // a notebook's JSON parses as a Python dict literal: linted as source it would pass, saying nothing
  if (path.toLowerCase().endsWith('.ipynb')) return { skipped: NOTEBOOK_SKIPPED };
  const info = await stat(path);
  if (info.size > MAX_FILE_BYTES) return { skipped: tooLargeReason(info.size, MAX_FILE_BYTES) };
  const bytes = await readFile(path);
  return decodeSource(bytes);
}

export function decodeSource(bytes: Uint8Array): SourceFile {
  if (bytes.length > MAX_FILE_BYTES) return { skipped: `not analysed: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skipped: 'not analysed: looks binary (contains NUL bytes)' };
  // TextDecoder drops a leading BOM, as editors do, so positions match what the editor shows
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, bom, lossy: text.includes('\ufffd') && !isUtf8(bytes) };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
