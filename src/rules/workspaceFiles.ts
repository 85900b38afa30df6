// Finds the Python files to lint under some paths: recurses into folders, skips .git, node_modules,
// virtualenvs (any folder holding pyvenv.cfg, and the usual names), caches, and paths that .gitignore
// files (at any level) exclude. Files named explicitly are always linted.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.ruff_cache', '.pytest_cache', 'site-packages', '.eggs', '.ipynb_checkpoints',
]);
const PYTHON_FILE = /\.pyw?$/;
/** With `notebooks`: Jupyter notebooks too (the CLI lints their code cells, as ruff does). */
const PYTHON_OR_NOTEBOOK = /\.(pyw?|ipynb)$/;

export interface DiscoveryResult {
  files: string[];
  /** Paths that do not exist or cannot be read. */
  errors: string[];
}

interface GitignoreScope {
  dir: string;
  rules: Ignore;
}

export async function findPythonFiles(paths: string[], cwd: string, signal?: AbortSignal, options: { notebooks?: boolean } = {}): Promise<DiscoveryResult> {
  const wanted = options.notebooks ? PYTHON_OR_NOTEBOOK : PYTHON_FILE;
  const files: string[] = [];
  const errors: string[] = [];
  for (const raw of paths) {
    const path = resolve(cwd, raw);
    let info;
    try {
      info = await stat(path);
    } catch {
      errors.push(`${raw}: no such file or directory`);
      continue;
    }
    if (info.isFile()) files.push(path);
    else if (info.isDirectory()) await walk(path, parentGitignores(path), wanted, files, errors, signal);
  }
  return { files: [...new Set(files)].sort(), errors };
}

/** .gitignore files above the starting folder, up to the repository root, also apply. */
function parentGitignores(dir: string): GitignoreScope[] {
  const scopes: GitignoreScope[] = [];
  let current = resolve(dir, '..');
  let previous = '';
  while (current !== previous && !existsSync(join(resolve(dir), '.git'))) {
    const scope = loadGitignore(current);
    if (scope) scopes.unshift(scope);
    if (existsSync(join(current, '.git'))) break;
    previous = current;
    current = resolve(current, '..');
  }
  return scopes;
}

function loadGitignore(dir: string): GitignoreScope | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function isIgnored(path: string, isDir: boolean, scopes: GitignoreScope[]): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

async function walk(dir: string, scopes: GitignoreScope[], wanted: RegExp, files: string[], errors: string[], signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  const own = loadGitignore(dir);
  const active = own ? [...scopes, own] : scopes;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(`${dir}: ${(error as Error).message}`);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || existsSync(join(path, 'pyvenv.cfg')) || isIgnored(path, true, active)) continue;
      await walk(path, active, wanted, files, errors, signal);
    } else if (entry.isFile() && wanted.test(entry.name) && !isIgnored(path, false, active)) {
      files.push(path);
    }
  }
}
