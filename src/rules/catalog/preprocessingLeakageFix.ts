// Part of SPK001 (preprocessing-leakage): the quick fix, offered only where the shape is simple and the
// edit is exact. Three shapes, tried in this order:
// 1. The fitted model is used only as a stage of a Pipeline that is fitted on the training split:
//    drop `.fit(data)` so the Pipeline fits the estimator on the training rows.
// 2. The split of the same data comes after the fit (`m = E.fit(df)` ... `train, test = df.randomSplit(...)`,
//    optionally through `scaled = m.transform(df)` or `scaled = E.fit(df).transform(df)`): move the split
//    above the fit, fit on the training split and transform each split.
// 3. The split of the same data already comes before the fit: fit on the training split instead.
import type { CallRecord } from '../../analysis/model';
import { type PyNode, field, forEachNode, identifiersNamedWithin, namedChildren, unparenthesize } from '../../analysis/syntax';
import { ancestors, splitPartsAmong } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { replaceNode, startOf } from '../positions';
import type { RuleContext } from '../rule';
import { bindingsInScope, variableReferencesInScope, variableReferencesWithin } from '../ruleHelpers';
import type { Fix, Position, TextEdit } from '../types';
import { mlObjectsOfKind } from '../modelIndex';

const NESTED_SCOPES = new Set(['lambda', 'list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);
const TRAIN_NAME = /train/i;

export interface LeakingFit {
  /** The `.fit(data)` call and its record. */
  call: PyNode;
  record: CallRecord;
  /** The fitted model, the data it was fitted on, and the split part that reaches the evaluation. */
  fitted: Value;
  data: Value;
  evaluatedPart: Value;
  /** Display name of the estimator (`StandardScaler`, `Pipeline`). */
  estimatorName: string;
}

export function leakageFix(context: RuleContext, leak: LeakingFit): Fix | undefined {
  if (leak.data.kind !== 'DataFrame' || leak.evaluatedPart.kind !== 'DataFrame') return undefined;
  const { parts } = leak.record;
  if (parts.hasStarArgs || parts.keywords.size || parts.positional.length !== 1 || !parts.receiver) return undefined;
  return fitInsidePipeline(context, leak) ?? fitOnTrainingSplit(context, leak);
}

/** Shape 1: `m = E(...).fit(df)` whose only uses are Pipeline stages, and that Pipeline is fitted on a split. */
function fitInsidePipeline(context: RuleContext, leak: LeakingFit): Fix | undefined {
  const assignment = assignmentOf(leak.call);
  const target = assignment && field(assignment, 'left');
  if (!target || target.type !== 'identifier') return undefined;
  const name = context.text(target);
  const uses = variableReferencesInScope(context, name, target).filter((use) => use !== target);
  if (!uses.length || bindingsInScope(context, name, target).length !== 1) return undefined;
  if (!uses.every((use) => isPipelineStage(context, use))) return undefined;
  const fittedOnSplit = mlObjectsOfKind(context.model, 'Model').some((model) =>
    model.op === 'fit' && model.parents[0]?.name === 'Pipeline' &&
    (model.parents[0].elements ?? []).includes(leak.fitted) && !!model.parents[1] && splitPartsAmong(ancestors(model.parents[1])).length > 0);
  if (!fittedOnSplit) return undefined;
  return {
    title: `Let the Pipeline fit ${leak.estimatorName} on the training split (drop .fit(${context.text(leak.record.parts.positional[0]!)}))`,
    safety: 'unsafe',
    edits: [replaceNode(leak.call, context.text(leak.record.parts.receiver!))],
  };
}

/** Shapes 2 and 3: the split statement `a, b = X.randomSplit(...)` in the same block as the fit. */
function fitOnTrainingSplit(context: RuleContext, leak: LeakingFit): Fix | undefined {
  const dataArg = unparenthesize(leak.record.parts.positional[0]!);
  const splitCall = leak.evaluatedPart.node;
  const fitStatement = statementOf(leak.call);
  const splitStatement = splitCall && statementOf(splitCall);
  if (dataArg.type !== 'identifier' || !fitStatement || !splitStatement || fitStatement.parent !== splitStatement.parent) return undefined;
  const splitAssignment = assignmentOf(splitCall);
  const splitRecord = context.model.callAt(splitCall);
  const splitReceiver = splitRecord?.parts.receiver && unparenthesize(splitRecord.parts.receiver);
  const targets = splitAssignment && splitTargets(splitAssignment);
  if (!targets || !splitReceiver || splitReceiver.type !== 'identifier') return undefined;
  const trainIndex = Math.max(0, targets.findIndex((target) => TRAIN_NAME.test(context.text(target))));
  if (trainIndex === leak.evaluatedPart.splitIndex) return undefined;
  const train = context.text(targets[trainIndex]!);
  const dataName = context.text(dataArg);

  if (splitStatement.endIndex <= fitStatement.startIndex) {
    // shape 3: the split already happened; the training part must still be the one bound there
    if (context.model.valueOf(splitReceiver) !== leak.data || reboundBetween(context, [train], splitStatement, fitStatement)) return undefined;
    return { title: `Fit ${leak.estimatorName} on the training split \`${train}\``, safety: 'unsafe', edits: [replaceNode(dataArg, train)] };
  }

  if (!ownsLines(context, fitStatement) || !ownsLines(context, splitStatement)) return undefined;
  const names = targets.map((target) => context.text(target));
  if (referencedBetween(context, names, fitStatement, splitStatement)) return undefined;
  const argumentNames = identifiersIn(splitRecord.parts.argumentList).map((node) => context.text(node));
  if (reboundBetween(context, argumentNames, fitStatement, splitStatement)) return undefined;

  const eol = context.tree.text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  let title: string;
  if (context.model.valueOf(splitReceiver) === leak.data && context.text(splitReceiver) === dataName) {
    // shape 2: the same data is split after the fit
    title = `Move the split above the fit and fit ${leak.estimatorName} on \`${train}\``;
    edits.push(replaceNode(dataArg, train));
  } else {
    // shape 2 through a transform: the split data is the fitted model's output on the same data
    const transformed = transformedBySplit(context, leak, splitReceiver, fitStatement, splitStatement, dataName);
    if (!transformed) return undefined;
    // the transform statement is rewritten; its trailing comment stays on the first line
    const statement = transformed.statement;
    const indent = indentOf(context, statement);
    const comment = context.tree.text.slice(statement.endIndex, lineEnd(context, statement));
    const transforms = (model: string) => names.map((name) => `${name} = ${model}.transform(${name})`);
    let lines: string[];
    if (transformed.model) {
      edits.push(replaceNode(dataArg, train));
      lines = transforms(transformed.model);
    } else {
      const model = freshName(context, modelNameFor(leak.estimatorName), statement);
      lines = [`${model} = ${context.text(leak.record.parts.receiver!)}.fit(${train})`, ...transforms(model)];
    }
    lines[0] += comment;
    edits.push({ range: { start: startOf(statement), end: { line: statement.endRow, character: statement.endCol + comment.length } }, newText: lines.join(`${eol}${indent}`) });
    title = `Split before fitting ${leak.estimatorName}: fit on \`${train}\` and transform each split`;
  }
  const splitLine = context.tree.text.slice(lineStart(splitStatement), splitReceiver.startIndex) + dataName +
    context.tree.text.slice(splitReceiver.endIndex, lineEnd(context, splitStatement));
  edits.unshift({ range: { start: { line: fitStatement.startRow, character: 0 }, end: { line: fitStatement.startRow, character: 0 } }, newText: `${splitLine}${eol}` });
  edits.push(deleteLines(context, splitStatement));
  return { title, safety: 'unsafe', edits };
}

/**
 * The statement that makes the split data from the fitted model: `Y = m.transform(X)` after
 * `m = E.fit(X)` (model: `m`), or the fit statement itself when it is `Y = E.fit(X).transform(X)`
 * (model: undefined, a name is made up). `Y` must not be used anywhere but in the split.
 */
function transformedBySplit(context: RuleContext, leak: LeakingFit, splitReceiver: PyNode, fitStatement: PyNode, splitStatement: PyNode, dataName: string): { statement: PyNode; model?: string } | undefined {
  const splitName = context.text(splitReceiver);
  const isTransformOfData = (call: PyNode | undefined, receiverOk: (receiver: PyNode) => boolean) => {
    const record = call?.type === 'call' ? context.model.callAt(call) : undefined;
    const argument = record?.parts.positional[0] && unparenthesize(record.parts.positional[0]);
    return !!record && record.parts.method === 'transform' && record.parts.positional.length === 1 && !record.parts.keywords.size &&
      argument?.type === 'identifier' && context.text(argument) === dataName && context.model.valueOf(argument) === leak.data &&
      !!record.parts.receiver && receiverOk(unparenthesize(record.parts.receiver));
  };
  const assigns = (statement: PyNode) => {
    const assignment = statement.type === 'expression_statement' && namedChildren(statement).length === 1 ? namedChildren(statement)[0] : undefined;
    const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
    return left?.type === 'identifier' && context.text(left) === splitName ? { left, right: field(assignment!, 'right') } : undefined;
  };
  let found: { statement: PyNode; model?: string } | undefined;
  const fitAssignment = assigns(fitStatement);
  if (fitAssignment?.right && isTransformOfData(unparenthesize(fitAssignment.right), (receiver) => receiver === leak.call)) {
    found = { statement: fitStatement };
  } else {
    const fitAssignmentOfModel = assignmentOf(leak.call);
    const modelTarget = fitAssignmentOfModel && field(fitAssignmentOfModel, 'left');
    if (modelTarget?.type !== 'identifier') return undefined;
    const model = context.text(modelTarget);
    const block = fitStatement.parent!.children;
    for (let i = block.indexOf(fitStatement) + 1; i < block.indexOf(splitStatement); i++) {
      const statement = block[i]!;
      const assignment = assigns(statement);
      const right = assignment?.right && unparenthesize(assignment.right);
      if (assignment && isTransformOfData(right, (receiver) => receiver.type === 'identifier' && context.text(receiver) === model && context.model.valueOf(receiver) === leak.fitted)) {
        if (!ownsLines(context, statement)) return undefined;
        found = { statement, model };
        break;
      }
    }
  }
  if (!found) return undefined;
  // after the transform, the split is the only reader of its result
  const later = variableReferencesInScope(context, splitName, found.statement).filter((use) => use.startIndex >= found.statement.endIndex);
  if (later.length !== 1 || later[0] !== splitReceiver) return undefined;
  return { statement: found.statement, model: found.model };
}

/** The assignment whose right-hand side is `node` (through parentheses), if any. */
function assignmentOf(node: PyNode): PyNode | undefined {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  const parent = current.parent;
  return parent?.type === 'assignment' && current.field === 'right' && parent.parent?.type === 'expression_statement' ? parent : undefined;
}

/** `a, b = ...` / `(a, b) = ...`: the identifiers, or undefined for any other target. */
function splitTargets(assignment: PyNode): readonly PyNode[] | undefined {
  const left = field(assignment, 'left');
  if (!left || (left.type !== 'pattern_list' && left.type !== 'tuple_pattern')) return undefined;
  const targets = namedChildren(left);
  return targets.length >= 2 && targets.every((target) => target.type === 'identifier') ? targets : undefined;
}

/** The statement (a direct child of the module or a block) holding `node`, not through a lambda or comprehension. */
function statementOf(node: PyNode): PyNode | undefined {
  let current = node;
  while (current.parent && current.parent.type !== 'module' && current.parent.type !== 'block') {
    if (NESTED_SCOPES.has(current.parent.type)) return undefined;
    current = current.parent;
  }
  return current.parent ? current : undefined;
}

/** `Pipeline(stages=[..., use, ...])` or `Pipeline([..., use, ...])`. */
function isPipelineStage(context: RuleContext, use: PyNode): boolean {
  const list = use.parent;
  if (list?.type !== 'list') return false;
  const holder = list.parent?.type === 'keyword_argument' && context.text(field(list.parent, 'name')!) === 'stages' ? list.parent.parent : list.parent;
  const call = holder?.type === 'argument_list' ? holder.parent : undefined;
  return call?.type === 'call' && context.model.valueOf(call)?.name === 'Pipeline';
}

function identifiersIn(node: PyNode | undefined): PyNode[] {
  const found: PyNode[] = [];
  if (node) forEachNode(node, (child) => { if (child.type === 'identifier' && !(child.parent?.type === 'keyword_argument' && child.field === 'name')) found.push(child); });
  return found;
}

/** True when one of `names` is assigned after `from` starts and before `to` starts. */
function reboundBetween(context: RuleContext, names: string[], from: PyNode, to: PyNode): boolean {
  return names.some((name) => identifiersNamedWithin(context.tree, name, from.startIndex + 1, to.startIndex).some((node) => context.model.bindingAt(node)));
}

/** True when one of `names` is read or written after `from` starts and before `to` starts. */
function referencedBetween(context: RuleContext, names: string[], from: PyNode, to: PyNode): boolean {
  return names.some((name) => variableReferencesWithin(context, name, from.startIndex + 1, to.startIndex).length > 0);
}

function lineStart(node: PyNode): number {
  return node.startIndex - node.startCol;
}

function indentOf(context: RuleContext, node: PyNode): string {
  return context.tree.text.slice(lineStart(node), node.startIndex);
}

/** The end of the statement's last line (before the line break). */
function lineEnd(context: RuleContext, node: PyNode): number {
  const text = context.tree.text;
  let end = node.endIndex;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The statement starts its line (only indentation before it) and ends it (only a comment after it). */
function ownsLines(context: RuleContext, node: PyNode): boolean {
  const after = context.tree.text.slice(node.endIndex, lineEnd(context, node)).trim();
  return /^\s*$/.test(indentOf(context, node)) && (after === '' || after.startsWith('#'));
}

/** Deletes the statement's lines, line break included. */
function deleteLines(context: RuleContext, node: PyNode): TextEdit {
  const end = lineEnd(context, node);
  const hasBreak = end < context.tree.text.length;
  const stop: Position = hasBreak ? { line: node.endRow + 1, character: 0 } : { line: node.endRow, character: node.endCol + (end - node.endIndex) };
  return { range: { start: { line: node.startRow, character: 0 }, end: stop }, newText: '' };
}

/** `StandardScaler` -> `standard_scaler_model`. */
function modelNameFor(estimatorName: string): string {
  const className = estimatorName.split(' ').at(-1)!;
  return `${className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase()}_model`;
}

/** A name not used where a variable bound at `at` would live. */
function freshName(context: RuleContext, base: string, at: PyNode): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}${n}`;
    if (!variableReferencesInScope(context, name, at).length) return name;
  }
}
