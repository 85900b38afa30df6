// Lints open documents and keeps, per document version, the findings with their fixes: code actions
// and hovers read these, so they never re-lint (the vscode-eslint habit).
import { fileURLToPath } from 'node:url';
import { lintParsed, lintTree, type LintOptions, type LintResult } from '../rules/engine';
import { loadProjectConfig, optionsForFile, type ProjectConfig } from '../rules/config';
import type { Finding } from '../rules/types';
import type { SparkMlSettings } from '../shared/settings';
import type { Parser } from 'web-tree-sitter';
import { parsePython } from '../analysis/parser';
import type { ParsedDocuments } from './parsedDocuments';
import { readForLint } from '../rules/readForLint';
import { brokenCellNotices } from '../rules/notebook';
import { findingsNamingCells } from '../rules/notebookFindings';
import { isJobSpec } from './jobSpecConfig';
import { configFileFindings, sparkDefaultsLanguage } from './sparkConfigFeatures';

export interface LintedDocument {
  uri: string;
  version: number;
  /** A notebook cell's: the other cells' versions at the lint (a fix may edit another cell, see TextEdit.uri). */
  otherVersions?: ReadonlyMap<string, number>;
  findings: Finding[];
  notices: Finding[];
}

function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The editor's settings as lint options: a severity of "off" means ignore. */
export function settingsToOptions(settings: SparkMlSettings): LintOptions {
  const off = Object.entries(settings.lint.severity).filter(([, value]) => value === 'off').map(([code]) => code);
  const severity: NonNullable<LintOptions['severity']> = {};
  for (const [code, value] of Object.entries(settings.lint.severity)) if (value !== 'off') severity[code] = value;
  const options: LintOptions = { severity };
  if (settings.lint.select.length) options.select = settings.lint.select;
  if (settings.lint.ignore.length || off.length) options.ignore = [...settings.lint.ignore, ...off];
  return options;
}

export class DocumentLinter {
  private readonly results = new Map<string, LintedDocument>();
  private readonly projectConfigs = new Map<string, Promise<ProjectConfig>>();

  constructor(
    private readonly documents: ParsedDocuments,
    private readonly settings: (uri: string) => Promise<SparkMlSettings>,
    private readonly log: (message: string) => void,
  ) {}

  /** Lints the document unless its current version was linted already. */
  async lint(uri: string): Promise<LintedDocument | undefined> {
    const parsed = this.documents.get(uri);
    if (!parsed) return this.lintUnparsed(uri);
    const cached = this.results.get(uri);
    if (cached && cached.version === parsed.document.version) return cached;
    const options = await this.optionsFor(uri);
    // The document may have changed while settings were read: lint what is current now.
    const current = this.documents.get(uri);
    if (!current) return undefined;
    const version = current.document.version;
    let result: LintResult = { findings: [], notices: [] };
    if (options) {
      // Reuse what the last lint copied from the tree for statements the edits did not touch.
      const previous = current.linted !== current.tree ? current.linted : undefined;
      result = lintTree(current.tree, current.document.getText(), options, previous);
      this.documents.markLinted(uri);
    }
    const linted: LintedDocument = { uri, version, findings: result.findings, notices: result.notices };
    this.results.set(uri, linted);
    return linted;
  }

  /**
   * The lint options of a document (its settings, and the project's pyproject.toml for a file on disk),
   * or undefined when linting is turned off for it.
   */
  async optionsFor(uri: string): Promise<LintOptions | undefined> {
    const settings = await this.settings(uri);
    if (!settings.lint.enable) return undefined;
    const filePath = filePathOf(uri);
    const options = settingsToOptions(settings);
    return filePath ? optionsForFile(await this.projectConfig(filePath), filePath, options) : options;
  }

  /** Documents that are not Python: spark-defaults.conf and job specs get their configuration checks. */
  private async lintUnparsed(uri: string): Promise<LintedDocument | undefined> {
    const document = this.documents.text(uri);
    if (!document || (document.languageId !== sparkDefaultsLanguage && !isJobSpec(uri))) return undefined;
    const cached = this.results.get(uri);
    if (cached && cached.version === document.version) return cached;
    const settings = await this.settings(uri);
    const ignored = settingsToOptions(settings).ignore ?? [];
    const findings = settings.lint.enable ? configFileFindings(document).filter((f) => !ignored.some((prefix) => f.code.startsWith(prefix))) : [];
    const linted: LintedDocument = { uri, version: document.version, findings, notices: [] };
    this.results.set(uri, linted);
    return linted;
  }

  /** Lints a file from disk that is not open in the editor (workspace linting): a Python file or a Jupyter notebook. */
  async lintFile(uri: string, parser: Parser): Promise<{ findings: Finding[]; skipped?: string }> {
    const filePath = filePathOf(uri);
    if (!filePath) return { findings: [], skipped: 'not a file on disk' };
    const read = await readForLint(filePath);
    if (read.kind === 'skipped') return { findings: [], skipped: read.reason };
    if (read.kind === 'unreadable') return { findings: [], skipped: `not read: ${read.message}` };
    const options = await this.optionsFor(uri);
    if (!options) return { findings: [] };
    const { source, notebook } = read;
    const tree = parsePython(parser, source.text);
    if (!tree) return { findings: [], skipped: 'the parser gave up on this file' };
    try {
      const result = lintParsed(tree, source.text, options);
      if (!notebook) return { findings: [...result.findings, ...result.notices] };
      // a notebook nobody opened has no cell documents: its problems stay on the file, naming their cells
      return { findings: findingsNamingCells({ findings: result.findings, notices: [...brokenCellNotices(notebook.brokenCells), ...result.notices] }, notebook) };
    } finally {
      tree.delete();
    }
  }

  /** The findings of a document at exactly this version, or undefined when they are stale. */
  findingsAt(uri: string, version?: number): LintedDocument | undefined {
    const linted = this.results.get(uri);
    if (!linted) return undefined;
    const current = this.documents.text(uri)?.version;
    if (current !== linted.version || (version !== undefined && version !== linted.version)) return undefined;
    return linted;
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /** Settings or pyproject.toml changed: every result is stale. */
  invalidate(options: { projectConfig?: boolean } = {}): void {
    this.results.clear();
    if (options.projectConfig) this.projectConfigs.clear();
  }

  private projectConfig(filePath: string): Promise<ProjectConfig> {
    let config = this.projectConfigs.get(filePath);
    if (!config) {
      config = loadProjectConfig(filePath).then((loaded) => {
        if (loaded.error) this.log(`pyproject.toml: ${loaded.error}`);
        return loaded;
      });
      this.projectConfigs.set(filePath, config);
    }
    return config;
  }
}
