// The rule API, after ESLint's: a rule has `meta` (code, name, default severity, fix availability, docs)
// and visitors keyed by syntax node type, called once per node in document order; `finish` runs after
// the walk for rules that need the whole file (counts, pairs). Rules report through the context, which
// fills in the code, name and severity.
import type { SemanticModel } from '../analysis/model';
import type { PyNode, SyntaxTree } from '../analysis/syntax';
import type { LintOptions } from './options';
import type { Fix, Range, RelatedLocation, RuleMeta, Severity } from './types';

export interface Report {
  /** The node the finding is about; or give `range`. */
  node?: PyNode;
  range?: Range;
  message: string;
  fix?: Fix;
  related?: RelatedLocation[];
  tags?: Array<'unnecessary' | 'deprecated'>;
  /** A severity for this finding other than the rule's default (user overrides still win). */
  severity?: Severity;
}

export interface RuleContext {
  readonly model: SemanticModel;
  readonly tree: SyntaxTree;
  readonly options: LintOptions;
  report(report: Report): void;
  /** True when the rule `code` runs on this file (selected, not ignored, not turned off in test files). */
  ruleEnabled(code: string): boolean;
  /** True when the configured Spark version is at least `version`, or when none is configured. */
  sparkAtLeast(version: string): boolean;
  text(node: PyNode): string;
  /**
   * A visitor's answer depends on other top-level statements than the one it visits (the calls of the
   * helper it is in): the statement's findings are then not kept for the next lint, which visits it again.
   */
  readsOtherStatements(): void;
}

export type Visitor = (node: PyNode, context: RuleContext) => void;

export interface Rule {
  meta: RuleMeta;
  /** Called for every node of the given type, in document order. */
  visit?: Partial<Record<string, Visitor>>;
  /** Called once after the walk. */
  finish?: (context: RuleContext) => void;
}
