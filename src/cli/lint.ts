// `sparkml lint [PATHS...] [--format text|json|sarif|github] [--select CODES] [--ignore CODES] [--spark-version V] [--fix] [--unsafe-fixes] [--jobs N]`
// Many files are linted on worker threads (src/cli/lintPool.ts); the report is the same as on one thread.
// Exit codes: 0 no findings, 1 findings (or syntax errors), 2 usage or I/O errors.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createPythonParser } from '../analysis/parser';
import { type ProjectConfig, loadProjectConfig, optionsForFile } from '../rules/config';
import { SYNTAX_NOTICE, internalErrorNotice, lintText, skippedNotice } from '../rules/engine';
import { brokenCellNotices } from '../rules/notebook';
import type { LintOptions } from '../rules/options';
import { type FileResult, formatJson, formatNotices, formatText } from '../rules/output/findingRows';
import { formatGithub } from '../rules/output/github';
import { formatSarif } from '../rules/output/sarif';
import { findPythonFiles } from '../rules/workspaceFiles';
import { lintAndFix, writeFixedFile } from './fixFile';
import type { CliIo, Subcommand } from './io';
import { type LintJob, type LintOutcome, MIN_FILES_FOR_WORKERS, lintInWorkers, threadCount } from './lintPool';
import { readForLint } from '../rules/readForLint';

const USAGE = `usage: sparkml lint [PATHS...] [options]

Lints PySpark files and the code cells of Jupyter notebooks (folders are searched recursively,
skipping .git, node_modules, virtualenvs and .gitignored paths). Settings come from [tool.sparkml]
in pyproject.toml. A notebook's findings name the cell (\`nb.ipynb:cell 3:2:5\`); --fix leaves
notebooks as they are.

options:
  --format FORMAT            text (default), json, sarif, or github (annotations for GitHub Actions)
  --select CODES             comma-separated codes or prefixes to enable (e.g. SPK1,SPK301)
  --ignore CODES             comma-separated codes or prefixes to disable
  --spark-version VERSION    Spark version of the job (fixes needing a newer Spark are left out)
  --fix                      apply the safe fixes and write the files (on one thread)
  --unsafe-fixes             also apply (with --fix) and mark as fixable the unsafe fixes
  -j, --jobs N               lint on N worker threads (default: one per 8 files, at most one
                             per core; one thread below ${MIN_FILES_FOR_WORKERS} files or on 2 cores)
  -h, --help                 show this help

exit codes: 0 no findings, 1 findings, 2 usage or I/O error
`;

type Format = 'text' | 'json' | 'sarif' | 'github';

interface Arguments {
  paths: string[];
  format: Format;
  overrides: LintOptions;
  /** --jobs; undefined: chosen from the number of files */
  jobs?: number;
  fix: boolean;
  unsafeFixes: boolean;
}

function parseArguments(args: string[]): Arguments | string {
  const parsed: Arguments = { paths: [], format: 'text', overrides: {}, fix: false, unsafeFixes: false };
  const codes = (value: string) => value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') return `--format must be text, json, sarif or github (got ${format ?? 'nothing'})`;
        parsed.format = format;
        break;
      }
      case '--select':
      case '--ignore': {
        const list = value();
        if (!list) return `${flag} needs a comma-separated list of codes`;
        parsed.overrides[flag === '--select' ? 'select' : 'ignore'] = codes(list);
        break;
      }
      case '--spark-version': {
        const version = value();
        if (!version || !/^\d+(\.\d+)*$/.test(version)) return '--spark-version needs a version like 3.5';
        parsed.overrides.sparkVersion = version;
        break;
      }
      case '--fix':
        parsed.fix = true;
        break;
      case '--unsafe-fixes':
        parsed.unsafeFixes = true;
        break;
      case '-j':
      case '--jobs': {
        const jobs = value();
        if (!jobs || !/^\d+$/.test(jobs) || Number(jobs) < 1) return `--jobs needs a number of threads, 1 or more (got ${jobs ?? 'nothing'})`;
        parsed.jobs = Number(jobs);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
        parsed.paths.push(arg);
    }
  }
  if (!parsed.paths.length) parsed.paths.push('.');
  return parsed;
}

function toolVersion(): string {
  for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', 'package.json')]) {
    try {
      return JSON.parse(readFileSync(candidate, 'utf8')).version;
    } catch {
      // try the next layout (bundle vs source)
    }
  }
  return '0.0.0';
}

export const lint: Subcommand = async (args: string[], io: CliIo): Promise<number> => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    io.stderr(`sparkml lint: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const discovery = await findPythonFiles(parsed.paths, io.cwd, io.signal, { notebooks: true });
  for (const error of discovery.errors) io.stderr(`sparkml lint: ${error}\n`);
  const configs = new Map<string, Promise<ProjectConfig>>();
  const configFor = (file: string): Promise<ProjectConfig> => {
    const folder = dirname(file);
    let configPromise = configs.get(folder);
    if (!configPromise) configs.set(folder, (configPromise = loadProjectConfig(file)));
    return configPromise;
  };
  const reportedConfigErrors = new Set<string>();
  const reportConfigError = (error: string) => {
    if (!reportedConfigErrors.has(error)) io.stderr(`sparkml lint: ${error}\n`);
    reportedConfigErrors.add(error);
  };
  // --fix writes files and re-lints them: it runs on one thread
  const threads = parsed.fix ? 1 : threadCount(parsed.jobs, discovery.files.length, availableParallelism());
  if (threads > 1) return lintOnWorkers(discovery.files, discovery.errors.length, threads, parsed, io, configFor, reportConfigError);

  const parser = await createPythonParser(io.wasmDir);
  let ioErrors = discovery.errors.length;
  let fixed = 0;
  const results: FileResult[] = [];
  for (const file of discovery.files) {
    if (io.signal?.aborted) {
      io.stderr('sparkml lint: cancelled\n');
      return 2;
    }
    const shown = relative(io.cwd, file) || file;
    const config = await configFor(file);
    if (config.error) {
      reportConfigError(config.error);
      ioErrors++;
      continue;
    }
    const read = await readForLint(file);
    if (read.kind !== 'read') {
      ioErrors += collect(results, shown, read, io);
      continue;
    }
    const { source, notebook } = read;
    const cells = notebook?.cells;
    const options = optionsForFile(config, file, parsed.overrides);
    let result = await lintText(parser, source.text, options);
    if (parsed.fix && cells) {
      if (result.findings.some((finding) => finding.fix)) io.stderr(`sparkml lint: ${shown}: not fixed: fixes are not written into notebooks\n`);
    } else if (parsed.fix && source.lossy) {
      io.stderr(`sparkml lint: ${shown}: not fixed: the file is not valid UTF-8, and writing it back would change bytes\n`);
    } else if (parsed.fix) {
      const fixedLint = await lintAndFix(parser, source.text, result, options, parsed.unsafeFixes);
      if (fixedLint.fixed) {
        try {
          await writeFixedFile(file, fixedLint.text, !!source.bom);
          fixed += fixedLint.fixed;
          result = fixedLint;
        } catch (error) {
          io.stderr(`sparkml lint: ${shown}: could not write the fixes: ${(error as Error).message}\n`);
          ioErrors++;
        }
      }
    }
    const notices = notebook ? [...brokenCellNotices(notebook.brokenCells), ...result.notices] : result.notices;
    ioErrors += collect(results, shown, { kind: 'linted', findings: result.findings, notices, cells }, io);
  }
  return report(results, ioErrors, parsed, io, parsed.fix ? fixed : undefined);
};

/**
 * The same run on worker threads: options per file are computed here, the workers read and lint, and
 * the outcomes are reported in discovery order with the same messages as the loop above.
 */
async function lintOnWorkers(
  files: string[],
  discoveryErrors: number,
  threads: number,
  parsed: Arguments,
  io: CliIo,
  configFor: (file: string) => Promise<ProjectConfig>,
  reportConfigError: (error: string) => void,
): Promise<number> {
  const planned: Array<{ file: string; configError: string } | { file: string; job: number }> = [];
  const jobs: LintJob[] = [];
  for (const file of files) {
    if (io.signal?.aborted) {
      io.stderr('sparkml lint: cancelled\n');
      return 2;
    }
    const config = await configFor(file);
    if (config.error) planned.push({ file, configError: config.error });
    else planned.push({ file, job: jobs.push({ file, options: optionsForFile(config, file, parsed.overrides) }) - 1 });
  }
  const outcomes = await lintInWorkers(jobs, { threads, wasmDir: io.wasmDir, signal: io.signal });
  if (outcomes === 'cancelled') {
    io.stderr('sparkml lint: cancelled\n');
    return 2;
  }
  let ioErrors = discoveryErrors;
  const results: FileResult[] = [];
  for (const entry of planned) {
    const shown = relative(io.cwd, entry.file) || entry.file;
    if ('configError' in entry) {
      reportConfigError(entry.configError);
      ioErrors++;
      continue;
    }
    ioErrors += collect(results, shown, outcomes[entry.job]!, io);
  }
  return report(results, ioErrors, parsed, io);
}

/** Adds one file's outcome to the results (both paths report alike); 1 when it is an I/O error, else 0. */
function collect(results: FileResult[], shown: string, outcome: LintOutcome, io: CliIo): number {
  switch (outcome.kind) {
    case 'unreadable':
      io.stderr(`sparkml lint: ${shown}: ${outcome.message}\n`);
      return 1;
    case 'skipped':
      results.push({ file: shown, findings: [], notices: [skippedNotice(outcome.reason)] });
      return 0;
    case 'failed':
      results.push({ file: shown, findings: [], notices: [internalErrorNotice('The lint worker', new Error(outcome.message), 'This file was not checked; the others were.')] });
      return 0;
    case 'linted':
      if (!outcome.cells) results.push({ file: shown, findings: outcome.findings, notices: outcome.notices });
      // a notebook's fixes are not applied (--fix does not write notebooks): they are not offered
      else results.push({ file: shown, findings: outcome.findings.map(({ fix: _fix, ...finding }) => finding), notices: outcome.notices, cells: outcome.cells });
      return 0;
  }
}

/** Prints the results and returns the exit code: 2 on I/O errors, 1 on findings or syntax errors. */
function report(results: FileResult[], ioErrors: number, parsed: Arguments, io: CliIo, fixed?: number): number {
  const { format } = parsed;
  const output = format === 'json' ? formatJson(results)
    : format === 'sarif' ? formatSarif(results, toolVersion(), io.cwd)
    : format === 'github' ? formatGithub(results)
    : formatText(results, { unsafeFixes: parsed.unsafeFixes, fixed });
  io.stdout(output);
  const notices = formatNotices(results);
  if (notices) io.stderr(notices);
  if (ioErrors) return 2;
  const syntaxErrors = results.some((result) => result.notices.some((notice) => notice.code === SYNTAX_NOTICE.code));
  return results.some((result) => result.findings.length) || syntaxErrors ? 1 : 0;
}

export default lint;
