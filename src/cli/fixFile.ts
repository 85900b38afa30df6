// `sparkml lint --fix`: applies the fixes of a file's findings, lints the result and repeats, since one
// fix can make room for another (like ruff), then writes the file once. A pass whose fixes would add a
// syntax error is not taken, and a file that is not valid UTF-8 is never written (decoding replaced
// bytes, so writing it back would lose them).
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { Parser } from 'web-tree-sitter';
import { SYNTAX_NOTICE, type LintResult, lintText } from '../rules/engine';
import { applyFixes, isApplicable } from '../rules/fixes';
import type { LintOptions } from '../rules/options';

/** Passes before giving up on a file whose fixes keep producing new fixable findings. */
export const MAX_FIX_PASSES = 10;

export interface FixedLint extends LintResult {
  /** Findings whose fixes were applied. */
  fixed: number;
  /** The text after the fixes (the input when nothing was fixed). */
  text: string;
}

/** `linted`: the lint of `text` as it is, which the first pass fixes. */
export async function lintAndFix(parser: Parser, text: string, linted: LintResult, options: LintOptions, unsafeFixes: boolean): Promise<FixedLint> {
  let current = text;
  let result = linted;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const applied = applyFixes(current, result.findings, (fix) => isApplicable(fix, unsafeFixes));
    if (!applied.applied || applied.text === current) break;
    const next = await lintText(parser, applied.text, options);
    if (hasSyntaxError(next) && !hasSyntaxError(result)) break;
    current = applied.text;
    fixed += applied.applied;
    result = next;
  }
  return { ...result, fixed, text: current };
}

function hasSyntaxError(result: LintResult): boolean {
  return result.notices.some((notice) => notice.code === SYNTAX_NOTICE.code);
}

/**
 * Replaces the file's content through a temporary file and a rename, so an interrupted write never leaves
 * half a job file; the file keeps its mode and, when it had one, its byte order mark. A symbolic link
 * stays a link: the file it points to is the one replaced.
 */
export async function writeFixedFile(path: string, text: string, bom: boolean): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temporary = `${target}.sparkml-fix-${process.pid}.tmp`;
  try {
    await writeFile(temporary, (bom ? '\ufeff' : '') + text, { encoding: 'utf8', mode });
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
