// Applies the fixes carried by findings to a text: edits are applied back to front, and a fix whose edits
// overlap an already accepted fix is left out (like ruff, a second run picks it up).
import { LineIndex } from './positions';
import type { Finding, Fix } from './types';

export interface AppliedFixes {
  text: string;
  applied: number;
  skipped: number;
}

export function applyFixes(text: string, findings: readonly Finding[], include: (fix: Fix) => boolean = () => true): AppliedFixes {
  const index = new LineIndex(text);
  const accepted: Array<{ start: number; end: number; newText: string }> = [];
  let applied = 0;
  let skipped = 0;
  const taken: Array<[number, number]> = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && s < end || (start === end && start === s && e === s));
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !include(fix)) continue;
    const edits = fix.edits.map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), newText: edit.newText }));
    if (edits.some((edit) => overlaps(edit.start, edit.end))) {
      skipped++;
      continue;
    }
    for (const edit of edits) {
      taken.push([edit.start, edit.end]);
      accepted.push(edit);
    }
    applied++;
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of accepted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return { text: result, applied, skipped };
}

/** Whether a fix is applied by fix-all and `sparkml lint --fix`: safe fixes, and unsafe ones only when asked. */
export function isApplicable(fix: Fix, unsafeFixes = false): boolean {
  return fix.safety === 'safe' || unsafeFixes;
}
