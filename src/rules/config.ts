// Project configuration from the nearest pyproject.toml with a [tool.sparkml] table:
//
//   [tool.sparkml]
//   select = ["SPK1", "SPK301"]
//   ignore = ["SPK106"]
//   spark-version = "3.5"
//   test-ignore = []        # codes off in test files (default: testFiles.ts); [] lints tests like jobs
//   [tool.sparkml.severity]
//   SPK101 = "error"
//   [tool.sparkml.per-file-ignores]
//   "scripts/**" = ["SPK106"]
//
// Both the language server and the CLI read it. A broken file gives `error`, never an exception.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { LintOptions } from './options';
import type { Severity } from './types';

export interface ProjectConfig {
  /** The pyproject.toml the settings came from. */
  path?: string;
  options: LintOptions;
  perFileIgnores: Record<string, string[]>;
  error?: string;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint']);

/** Finds the nearest pyproject.toml with [tool.sparkml] from the file's folder upward. */
export async function loadProjectConfig(filePath: string): Promise<ProjectConfig> {
  let dir = dirname(resolve(filePath));
  for (;;) {
    const candidate = join(dir, 'pyproject.toml');
    let text: string | undefined;
    try {
      text = await readFile(candidate, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const config = await parseProjectConfig(text, candidate);
      if (config) return config;
    }
    const parent = dirname(dir);
    if (parent === dir) return { options: {}, perFileIgnores: {} };
    dir = parent;
  }
}

/** Reads [tool.sparkml] from pyproject.toml text; undefined when the file has no such table. */
export async function parseProjectConfig(text: string, path: string): Promise<ProjectConfig | undefined> {
  // smol-toml is an ES module; the CommonJS bundles load it through import()
  const { parse } = await import('smol-toml');
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    return { path, options: {}, perFileIgnores: {}, error: `${path}: invalid TOML: ${(error as Error).message.split('\n')[0]}` };
  }
  const tool = document.tool as Record<string, unknown> | undefined;
  const table = tool?.sparkml;
  if (table === undefined) return undefined;
  const problems: string[] = [];
  const config: ProjectConfig = { path, options: {}, perFileIgnores: {} };
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    return { ...config, error: `${path}: [tool.sparkml] must be a table` };
  }
  const settings = table as Record<string, unknown>;
  const codes = (key: string): string[] | undefined => {
    const value = settings[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item) => item.trim().toUpperCase());
    problems.push(`\`${key}\` must be a list of rule codes or prefixes`);
    return undefined;
  };
  const select = codes('select');
  const ignore = codes('ignore');
  const testIgnore = codes('test-ignore') ?? codes('test_ignore');
  if (select) config.options.select = select;
  if (ignore) config.options.ignore = ignore;
  if (testIgnore) config.options.testIgnore = testIgnore;
  const version = settings['spark-version'] ?? settings.spark_version;
  if (version !== undefined) {
    if (typeof version === 'string' && /^\d+(\.\d+)*$/.test(version)) config.options.sparkVersion = version;
    else problems.push('`spark-version` must be a string like "3.5"');
  }
  const severity = settings.severity;
  if (severity !== undefined) {
    if (typeof severity === 'object' && severity !== null && !Array.isArray(severity)) {
      const map: Record<string, Severity> = {};
      for (const [code, level] of Object.entries(severity)) {
        if (typeof level === 'string' && SEVERITIES.has(level)) map[code.toUpperCase()] = level as Severity;
        else problems.push(`severity of ${code} must be one of error, warning, info, hint`);
      }
      config.options.severity = map;
    } else {
      problems.push('`severity` must be a table of code = "error" | "warning" | "info" | "hint"');
    }
  }
  const perFile = settings['per-file-ignores'] ?? settings.per_file_ignores;
  if (perFile !== undefined) {
    if (typeof perFile === 'object' && perFile !== null && !Array.isArray(perFile)) {
      for (const [pattern, list] of Object.entries(perFile)) {
        if (Array.isArray(list) && list.every((item) => typeof item === 'string')) config.perFileIgnores[pattern] = list.map((item) => item.toUpperCase());
        else problems.push(`per-file-ignores "${pattern}" must be a list of codes`);
      }
    } else {
      problems.push('`per-file-ignores` must be a table of glob = [codes]');
    }
  }
  const known = new Set(['select', 'ignore', 'test-ignore', 'test_ignore', 'severity', 'per-file-ignores', 'per_file_ignores', 'spark-version', 'spark_version']);
  for (const key of Object.keys(settings)) if (!known.has(key)) problems.push(`unknown key \`${key}\``);
  if (problems.length) config.error = `${path}: [tool.sparkml]: ${problems.join('; ')}`;
  return config;
}

/**
 * The options for one file: editor settings (`overrides`) win over the project's for select and
 * sparkVersion; ignores add up; severities merge with the editor's on top; per-file-ignores that match
 * the file (relative to the pyproject.toml folder, or by file name) are added to ignore.
 */
export function optionsForFile(config: ProjectConfig, filePath: string, overrides: LintOptions = {}): LintOptions {
  const ignore = [...(config.options.ignore ?? []), ...(overrides.ignore ?? []), ...perFileIgnoresFor(config, filePath)];
  const options: LintOptions = { filePath };
  const select = overrides.select ?? config.options.select;
  if (select) options.select = select;
  if (ignore.length) options.ignore = ignore;
  const severity = { ...config.options.severity, ...overrides.severity };
  if (Object.keys(severity).length) options.severity = severity;
  const sparkVersion = overrides.sparkVersion ?? config.options.sparkVersion;
  if (sparkVersion) options.sparkVersion = sparkVersion;
  const testIgnore = overrides.testIgnore ?? config.options.testIgnore;
  if (testIgnore) options.testIgnore = testIgnore;
  return options;
}

function perFileIgnoresFor(config: ProjectConfig, filePath: string): string[] {
  const root = config.path ? dirname(config.path) : undefined;
  const relativePath = (root ? relative(root, resolve(filePath)) : filePath).split(sep).join('/');
  const name = basename(filePath);
  const codes: string[] = [];
  for (const [pattern, list] of Object.entries(config.perFileIgnores)) {
    const matches = picomatch(pattern, { dot: true });
    if (matches(relativePath) || (!pattern.includes('/') && matches(name))) codes.push(...list);
  }
  return codes;
}
