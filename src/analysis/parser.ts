// Loads tree-sitter and the Python grammar from wasm files shipped next to the bundle (dist/).
// Loading is the only failure point that is not the user's code, so it reports exactly which file is missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { includedRanges } from './commentRuns';
import { registerTreeSitterModule } from './rawCursor';

export const TREE_SITTER_WASM = 'tree-sitter.wasm';
export const PYTHON_WASM = 'tree-sitter-python.wasm';

export class ParserLoadError extends Error {
  constructor(message: string, readonly missingFile?: string) {
    super(message);
    this.name = 'ParserLoadError';
  }
}

let pythonLanguage: Promise<Language> | undefined;
let loadedFrom: string | undefined;

/**
 * Creates a Python parser. `wasmDir` holds tree-sitter.wasm and tree-sitter-python.wasm (dist/ in the
 * bundle). The runtime and the grammar are loaded once per process and shared by every parser.
 */
export async function createPythonParser(wasmDir: string): Promise<Parser> {
  for (const file of [TREE_SITTER_WASM, PYTHON_WASM]) {
    const path = join(wasmDir, file);
    if (!existsSync(path)) {
      throw new ParserLoadError(`The Python parser cannot start: ${path} is missing. Reinstall the extension or run \`npm run build\`.`, path);
    }
  }
  if (!pythonLanguage || loadedFrom !== wasmDir) {
    loadedFrom = wasmDir;
    pythonLanguage = (async () => {
      const moduleOptions = { locateFile: (name: string) => join(wasmDir, name) };
      await Parser.init(moduleOptions);
      registerTreeSitterModule(moduleOptions); // the tree copy calls the wasm cursor functions directly
      return Language.load(join(wasmDir, PYTHON_WASM));
    })();
    pythonLanguage.catch(() => (pythonLanguage = undefined));
  }
  let language: Language;
  try {
    language = await pythonLanguage;
  } catch (error) {
    throw new ParserLoadError(`The Python parser failed to load from ${wasmDir}: ${(error as Error).message}`);
  }
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Parses Python source (incrementally from `oldTree`, after its `edit`s). Long blocks of full-line
 * comments are left out of the parse (src/analysis/commentRuns.ts): the grammar's scanner is quadratic
 * in them.
 */
export function parsePython(parser: Parser, text: string, oldTree?: Tree | null): Tree | null {
  const ranges = includedRanges(text);
  // a character cut at a read's end (half a surrogate pair) is read again from its start (parser.test.ts)
  const read = (index: number): string => text.slice(index, index + READ_CHUNK);
  return parser.parse(read, oldTree ?? null, ranges ? { includedRanges: ranges } : undefined);
}

/**
 * The characters tree-sitter gets per read. Given a string, web-tree-sitter hands over up to 5,119 per read
 * (its 10 KB buffer), copied one by one; an incremental parse reads a few places around the edit, so
 * shorter reads copy less: parse p50 1.8 -> 1.0 ms after a one-character edit of the 5,000-line bench
 * job, full parses unchanged.
 */
const READ_CHUNK = 1024;
