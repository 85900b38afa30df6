// The shapes every rule and every consumer of findings (language server, CLI) share.
// Positions are 0-based lines and UTF-16 columns, the way LSP counts them.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
  /** Another document than the finding's: in a notebook, an edit of another cell (an import in the first). */
  uri?: string;
}

/** `safe`: the meaning of the program is kept. `unsafe`: it may change what the job computes. */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: Range;
  message: string;
  /** Another document than the finding's: a notebook's findings point into other cells. */
  uri?: string;
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  related?: RelatedLocation[];
  /** LSP diagnostic tags that apply (e.g. code that does nothing). */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  example: string;
  useInstead: string;
  fixSafety: string;
  /** What the rule deliberately does not flag, so users know its precision. */
  notFlagged?: string;
}

export interface RuleMeta {
  code: string;
  name: string;
  severity: Severity;
  fix: 'none' | FixSafety;
  /** The fix uses an API that needs at least this Spark version (e.g. "3.3"). */
  minSparkVersionForFix?: string;
  docs: RuleDocs;
}
