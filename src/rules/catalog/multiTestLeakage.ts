import type { ActionRecord } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { field, forEachNode, identifiersNamed, namedChildren } from '../../analysis/syntax';
import { ancestors, dataLineage, isEvaluatedData, scoringsOf, splitPartsOf } from '../../analysis/valueFlow';
import { isData, type Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { KEEPS_ROWS, identifiersIn, isInside, methodRange, repeatingLoop } from '../ruleHelpers';
import { evaluations } from '../modelIndex';

interface TestScore {
  action: ActionRecord;
  model: Value;
  testPart: Value;
  /** The rows the model scored (`test`, `test.filter(col("segment") == seg)`). */
  scored: Value;
}

const SELECTORS = new Set(['max', 'min', 'sorted', 'sort']);

export const multiTestLeakage: Rule = {
  meta: {
    code: 'SPK003',
    name: 'multi-test-leakage',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for one test split used to choose between models: scored inside a loop that refits a model per iteration (a hand-written hyperparameter search), scored by the objective of a search that fits a model per trial (hyperopt\'s `fmin(fn=objective)`, Optuna\'s `study.optimize(objective)`), or scored by two or more independently fitted models whose scores are compared (`max`, `min`, `sorted`, comparisons; also models fitted in one loop into a dict and scored one by one in another, `for name, model in trained.items()`, or read by the loop\'s key, `models[name]`), when the split has no separate validation part. A split of the training split (`fit, validation = train.randomSplit(...)`) is a validation split when the other part of the first split is scored in the file; so is a part named as one (`val_df`, `valid`, `validation`, `dev`) when the file also scores data drawn from none of that split\'s parts (a test file read on its own). Several metrics of one model\'s scores on the split, and the scores of the models compared on it, are one finding, on the first, with the others as related places.',
      whyIsThisBad: 'Picking the model that does best on the test set tunes the choice to that set; its score is then an optimistic estimate. Select on a validation split (or with CrossValidator/TrainValidationSplit on the training data) and use the test split once, at the end.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, test = spark.table("features").randomSplit([0.8, 0.2], seed=1)\nevaluator = BinaryClassificationEvaluator()\nscores = {}\nfor reg in [0.01, 0.1, 1.0]:\n    model = LogisticRegression(regParam=reg).fit(train)\n    scores[reg] = evaluator.evaluate(model.transform(test))\nbest = max(scores, key=scores.get)',
      useInstead: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, valid, test = spark.table("features").randomSplit([0.6, 0.2, 0.2], seed=1)\nevaluator = BinaryClassificationEvaluator()\nscores = {}\nfor reg in [0.01, 0.1, 1.0]:\n    model = LogisticRegression(regParam=reg).fit(train)\n    scores[reg] = evaluator.evaluate(model.transform(valid))\nbest = max(scores, key=scores.get)',
      fixSafety: 'No automatic fix: a validation split has to be carved out of the training data.',
      notFlagged: 'The split a model was fitted on alone, scored beside the test split (its training fit), several metrics of one model, the last model of a loop or one branch\'s model scored once after it, a loop over one written-out model (`for name, est in {"rf": rf}.items()`: it runs once), one evaluation of a CrossValidator/TrainValidationSplit model, splits with three or more parts (a separate holdout exists), scores of several models that are only printed, not compared, a loop that scores on each pass its own rows, kept by equality with what changes per pass (a model per segment: `test.filter(col("segment") == seg)`, `isin(group)`, SQL `segment = \'{seg}\'`, in the loop that fits or in a later one; a bound per pass, `amount >= cutoff`, is a search and is reported), a loop that fits and scores another label on each pass (one model per target: `for target in TARGETS: LogisticRegression(labelCol=target)`, scikit-learn\'s `y_train = train_df[target]`; a search inside it is still reported), and a loop whose passes each draw their own test split (the split is made in the loop, unseeded, from the loop\'s variable or data read per pass, or seeded by a counter the loop updates: `for weights in ...: train, test = df.randomSplit(weights, seed=1)`, `seed += 1` then `randomSplit(..., seed=seed)`).',
    },
  },
  finish(context) {
    const scores = testScores(context);
    const reported = new Map<ActionRecord, Pending>();
    const searches = importsSearchLibrary(context);
    for (const score of scores) {
      const loop = repeatingLoop(score.action.call, context);
      const fitNode = score.model.node;
      // any loop around the fit that refits it on the same test split: a search (a loop over targets inside one is still one)
      for (let around = loop; around && fitNode && isInside(fitNode, around); around = repeatingLoop(around, context)) {
        if (drawnEachPass(score.testPart.node!, around, context) || labelPerPass(score, around, context) || rowsPerPass(score, around, context)) continue;
        report(score, 'This test split is scored inside a loop that refits the model each iteration: choosing by it tunes the model to the test set. Select on a validation split.', reported);
        break;
      }
      const search = searches && fitNode ? searchObjective(score.action.call, fitNode, context) : undefined;
      if (search) {
        report(score, `This test split scores the objective of a hyperparameter search (\`${search}\`): every trial is kept or dropped by it, so the search tunes the model to the test set. Score the objective on a validation split.`, reported);
      }
    }
    const byPart = new Map<Value, TestScore[]>();
    for (const score of scores) byPart.set(score.testPart, [...(byPart.get(score.testPart) ?? []), score]);
    for (const group of byPart.values()) {
      if (new Set(group.map((score) => score.model.node)).size < 2 && !group.some((score) => fittedPerPassElsewhere(score, context))) continue;
      for (const score of group) {
        const loop = repeatingLoop(score.action.call, context);
        if (loop && rowsPerPass(score, loop, context)) continue;
        if (isCompared(score.action.call, context)) {
          report(score, COMPARED, reported);
        }
      }
    }
    reportGrouped(context, [...reported.values()]);
  },
};

const COMPARED = 'Several models are compared on the same test split: the winner is tuned to it and its score is optimistic. Compare on a validation split and keep the test split for the end.';

interface Pending {
  score: TestScore;
  message: string;
}

function report(score: TestScore, message: string, reported: Map<ActionRecord, Pending>): void {
  if (!reported.has(score.action)) reported.set(score.action, { score, message });
}

/**
 * One finding per test split and reason, and per model for a loop or a search: the other metrics of the same
 * scoring (`areaUnderROC`, `accuracy` and sklearn's `f1_score` of one loop's predictions) and, for a comparison,
 * the other models' scores are related places.
 */
function reportGrouped(context: RuleContext, pending: Pending[]): void {
  const groups: Pending[][] = [];
  for (const entry of pending.sort((a, b) => a.score.action.call.startIndex - b.score.action.call.startIndex)) {
    const sameModel = (head: Pending) => entry.message === COMPARED || head.score.model.node === entry.score.model.node;
    const group = groups.find(([head]) => head!.message === entry.message && sameModel(head!) && head!.score.testPart === entry.score.testPart);
    if (group) group.push(entry);
    else groups.push([entry]);
  }
  const rangeOfScore = (score: TestScore) => {
    const record = context.model.callAt(score.action.call);
    return record ? methodRange(score.action.call, record) : rangeOf(score.action.call);
  };
  for (const [head, ...others] of groups) {
    context.report({
      range: rangeOfScore(head!.score),
      message: others.length ? head!.message.replace(/^(.*?): /, `$1 (${others.length + 1} scores): `) : head!.message,
      related: others.length ? others.map((other) => ({ range: rangeOfScore(other.score), message: 'and scored on the same split here' })) : undefined,
    });
  }
}

/**
 * Each pass of `loop` scores its own test split: the split is drawn in the loop, unseeded or from a name
 * the loop binds (`for weights in ...: train, test = df.randomSplit(weights, seed=1)`, a DataFrame read
 * per pass), or seeded by a counter the loop updates (`seed += 1`). A seeded split of the same data with
 * the same weights is the same test set on every pass.
 */
function drawnEachPass(split: PyNode, loop: PyNode, context: RuleContext): boolean {
  if (!isInside(split, loop)) return false;
  // a split under an `if` in the loop may be drawn once (`if test is None: ...`)
  for (let at = split.parent; at && at !== loop; at = at.parent) if (at.type === 'if_statement' || at.type === 'conditional_expression') return false;
  const record = context.model.callAt(split);
  if (record && !record.parts.keywords.has('seed') && record.parts.positional.length < 2) return true;
  // `seed += 1`, `seed = seed + 1`: a counter updated from itself on each pass (a `while` loop's too), which
  // counts as the seed (a DataFrame updated from itself, `df = df.withColumn(...)`, is the same data again)
  const counters = new Set<string>();
  for (const node of assignmentsIn(loop)) {
    const targets = namesIn(field(node, 'left'), context);
    if (node.type === 'augmented_assignment' || readsAny(field(node, 'right'), new Set(targets), context)) targets.forEach((name) => counters.add(name));
  }
  if (readsAny(record?.parts.keywords.get('seed') ?? record?.parts.positional[1], counters, context)) return true;
  return readsAny(split, namesPerPass(loop, context), context);
}

/**
 * Each pass of `loop` fits and scores another label, one model per target and not a search over models
 * for one: the label column (`labelCol=target`, `setLabelCol(target)`) or scikit-learn's `y` given to
 * `fit` (`y_train = train_df[target]`) differs from pass to pass.
 */
function labelPerPass(score: TestScore, loop: PyNode, context: RuleContext): boolean {
  const perPass = namesPerPass(loop, context);
  // the calls that made the scored model (its estimator, setters, fit, training data), not others in the
  // loop (`mlflow.start_run(run_name=f"{target}_run")`)
  const makesModel = new Set([...ancestors(score.model)].map((value) => value.node));
  let perTarget = false;
  let perPassSetting = false;
  forEachNode(loop, (node) => {
    if (node.type === 'keyword_argument') {
      const name = context.text(field(node, 'name') ?? node);
      const varies = readsAny(field(node, 'value'), perPass, context);
      if (name === 'labelCol') perTarget ||= varies;
      // a hyperparameter from the loop (`regParam=reg`, `alpha=a`): a search, whatever the label; column names are not
      else if (!/Cols?$/.test(name) && makesModel.has(node.parent?.parent ?? undefined)) perPassSetting ||= varies;
    }
    const callee = node.type === 'call' ? field(node, 'function') : undefined;
    if (callee?.type === 'attribute' && context.text(field(callee, 'attribute') ?? callee) === 'setLabelCol') perTarget ||= readsAny(field(node, 'arguments'), perPass, context);
  });
  if (perPassSetting) return false;
  const fit = score.model.node ? context.model.callAt(score.model.node) : undefined;
  // scikit-learn's `fit(X, y)` (Spark's second argument is a param map: `fit(train, {lr.regParam: reg})`)
  const y = fit?.parts.positional[1] ?? fit?.parts.keywords.get('y');
  if (!y || isData(context.model.valueOf(fit!.parts.positional[0])) || y.type === 'dictionary') return perTarget;
  return perTarget || labelColumnPerPass(y, loop, perPass, context);
}

/** `y` is a column picked by a name that changes per pass (`y_train = train_df[target]`), not rows drawn anew. */
function labelColumnPerPass(y: PyNode, loop: PyNode, perPass: ReadonlySet<string>, context: RuleContext): boolean {
  const picked = (node: PyNode | undefined) => node?.type === 'subscript' && readsAny(node.children.find((child) => child.field === 'subscript'), perPass, context) && !readsAny(field(node, 'value'), perPass, context);
  if (y.type !== 'identifier') return picked(y);
  const name = context.text(y);
  return assignmentsIn(loop).some((assignment) => pairedTargets(assignment).some(([left, right]) => left?.type === 'identifier' && context.text(left) === name && picked(right)));
}

/** The names that differ from pass to pass: the loop's own variables (not those of a loop inside it), and what is assigned from them in it. */
function namesPerPass(loop: PyNode, context: RuleContext): Set<string> {
  const perPass = new Set<string>(loop.type === 'for_statement' ? namesIn(field(loop, 'left'), context) : []);
  const assignments = assignmentsIn(loop);
  for (let round = 0; round < 2; round++) {
    for (const assignment of assignments) {
      for (const [left, right] of pairedTargets(assignment)) if (readsAny(right, perPass, context)) namesIn(left, context).forEach((name) => perPass.add(name));
    }
  }
  return perPass;
}

/** What each target of an assignment is given: element by element for `a, b = x, y`. */
function pairedTargets(assignment: PyNode): Array<[PyNode | undefined, PyNode | undefined]> {
  const left = field(assignment, 'left');
  const right = field(assignment, 'right');
  const targets = left && TUPLES.has(left.type) ? namedChildren(left) : [];
  const values = right && TUPLES.has(right.type) ? namedChildren(right) : [];
  return targets.length > 1 && targets.length === values.length ? targets.map((target, index) => [target, values[index]]) : [[left, right]];
}

const TUPLES = new Set(['pattern_list', 'tuple_pattern', 'expression_list', 'tuple']);

function assignmentsIn(loop: PyNode): PyNode[] {
  const assignments: PyNode[] = [];
  forEachNode(loop, (node) => {
    if (node.type === 'assignment' || node.type === 'augmented_assignment') assignments.push(node);
  });
  return assignments;
}

/** The names a target binds (`a, (b, c)`; `self` of `self.x`). */
function namesIn(target: PyNode | undefined, context: RuleContext): string[] {
  return target ? identifiersIn(target).filter((node) => node.field !== 'attribute').map((node) => context.text(node)) : [];
}

/** A name of `names` is read in `node` (not an attribute or a keyword argument's name). */
function readsAny(node: PyNode | undefined, names: ReadonlySet<string>, context: RuleContext): boolean {
  let reads = false;
  if (node) {
    forEachNode(node, (part) => {
      if (part.type === 'identifier' && part.field !== 'attribute' && !(part.field === 'name' && part.parent?.type === 'keyword_argument') && names.has(context.text(part))) reads = true;
    });
  }
  return reads;
}

/** Evaluations of a fitted model's predictions on a part of a two-way split (no separate holdout). */
function testScores(context: RuleContext): TestScore[] {
  const scores: TestScore[] = [];
  const evaluated = evaluations(context.model).filter((action) => isEvaluatedData(action.receiver));
  let scoredParts: Map<PyNode, Set<Value>> | undefined;
  for (const action of evaluated) {
    for (const { scored: data, model, picked } of scoringsOf(action.receiver)) {
      // a model picked from several counts as each only when the pick is made per pass of a loop scoring them
      // (not the last of a loop's fits, or one branch's, scored once after it)
      if (picked && !pickedPerPass(picked, action.call, context)) continue;
      // the split the scored rows were drawn from last (parts of splits before it are what it was carved from)
      const testPart = splitPartsOf(data).find((part) => part.node);
      if (!testPart || (context.model.callAt(testPart.node!)?.result.elements?.length ?? 2) > 2) continue;
      if (isValidationPart(testPart, (scoredParts ??= splitPartsScored(evaluated)))) continue;
      if (namedValidation(testPart, context) && scoresOtherHoldout(evaluated, testPart)) continue;
      // the split the model was fitted on, alone, scores its training fit (SPK002's concern when it is reported
      // as a result); fitted on it with the other part too (`train.union(test)`), the test split is still scored
      const fitData = model.op === 'fit' ? model.parents[1] : undefined;
      const fitParts = fitData ? splitPartsOf(fitData).filter((part) => part.node === testPart.node) : [];
      if (fitParts.length === 1 && fitParts[0] === testPart) continue;
      scores.push({ action, model, testPart, scored: data });
    }
  }
  return scores;
}

/** The join `picked` is made in a loop around the scoring call: each pass scores one of the models. */
function pickedPerPass(picked: Value, call: PyNode, context: RuleContext): boolean {
  const loop = repeatingLoop(call, context);
  return !!picked.node && isInside(picked.node, loop);
}

/**
 * A part of a split of a training split (`fit, validation = train.randomSplit(...)`) when the other part of
 * that first split is scored in the file: that one is the test split, and this one the validation split.
 */
function isValidationPart(part: Value, scoredParts: ReadonlyMap<PyNode, ReadonlySet<Value>>): boolean {
  const source = part.parents[0];
  const carvedFrom = source ? splitPartsOf(source) : [];
  return carvedFrom.some((outer) => [...(scoredParts.get(outer.node!) ?? [])].some((scored) => scored !== outer));
}

/** A validation part by its name (`val_df`, `valid`, `validation`, `dev_set`): the name the split binds it to. */
function namedValidation(part: Value, context: RuleContext): boolean {
  return context.model.bindings.some((binding) => binding.value === part && VALIDATION_NAME.test(binding.name));
}

const VALIDATION_NAME = /(?<![A-Za-z0-9])(?:val|valid|validation|dev)(?![a-z])|(?<![A-Za-z0-9])(?:Val|Valid|Validation|Dev)(?![a-z])|VAL(?![A-Za-z])/;

/**
 * The file also scores data that shares nothing with what this split was drawn from, nor with what the
 * model was fitted on (a test file read on its own, `df_test = spark.read.load(test_path)`): the hold-out
 * the validation part keeps the test set apart for. Scoring the unsplit data is no hold-out.
 */
function scoresOtherHoldout(evaluated: readonly ActionRecord[], part: Value): boolean {
  const source = part.parents[0];
  const sourceLineage = source ? dataLineage(source) : new Set<Value>();
  return evaluated.some((action) => scoringsOf(action.receiver).some(({ scored, model }) => {
    // the rows scored, before steps that keep them (`select`, `withColumn`): the split's source or what it
    // came from is the unsplit data; a sibling filter of a common read (an out-of-time set) is a hold-out
    let rows: Value | undefined = scored;
    for (let depth = 0; rows && KEEPS_ROWS.has(rows.op ?? '') && depth < 20; depth++) rows = rows.parents[0];
    const fitData = model.op === 'fit' ? model.parents[1] : undefined;
    const ofThisSplit = splitPartsOf(scored).some((other) => other.node === part.node);
    return !!rows && !ofThisSplit && !sourceLineage.has(rows) && !(fitData && dataLineage(scored).has(fitData));
  }));
}

/** The split parts the evaluated data was drawn from, by the randomSplit call that made them (read once per file). */
function splitPartsScored(evaluations: readonly ActionRecord[]): Map<PyNode, Set<Value>> {
  const byCall = new Map<PyNode, Set<Value>>();
  for (const evaluation of evaluations) {
    for (const part of splitPartsOf(evaluation.receiver)) {
      if (!part.node) continue;
      let parts = byCall.get(part.node);
      if (!parts) byCall.set(part.node, (parts = new Set()));
      parts.add(part);
    }
  }
  return byCall;
}

/**
 * One fit stands for several models: it is made in a loop of several passes (`trained[name] = pipeline.fit(train)`
 * for each pipeline), and the models are scored one by one in another loop (`for name, model in trained.items()`).
 */
function fittedPerPassElsewhere(score: TestScore, context: RuleContext): boolean {
  const fitLoop = score.model.node ? repeatingLoop(score.model.node, context) : undefined;
  const scoreLoop = repeatingLoop(score.action.call, context);
  if (!fitLoop || !scoreLoop || isInside(score.action.call, fitLoop) || labelPerPass(score, fitLoop, context)) return false;
  return !rowsPerPass(score, scoreLoop, context);
}

/**
 * Each pass of `loop` scores its own rows, kept by equality with what changes per pass (`test.filter(col("segment")
 * == seg)`, `isin(group)`, SQL `segment = '{seg}'`): a model per segment, none chosen. Columns picked per pass
 * (`X_test[columns]`) are a search, and so are rows kept by a bound per pass (`amount > threshold`).
 */
function rowsPerPass(score: TestScore, loop: PyNode, context: RuleContext): boolean {
  const perPass = namesPerPass(loop, context);
  for (let value: Value | undefined = score.scored, depth = 0; value && value !== score.testPart && depth < 20; value = value.parents[0], depth++) {
    const filtered = (value.op === 'filter' || value.op === 'where') && value.node && isInside(value.node, loop);
    if (filtered && keepsEqualTo(field(value.node!, 'arguments'), perPass, context)) return true;
  }
  return false;
}

/** SQL text ending in an equality before the value (`segment = '`, `segment == `), not `<=`, `>=`, `!=`. */
const SQL_EQUALS_END = /(?:^|[^<>!=])==?\s*['"]?$/;
/** SQL text with an equality before a placeholder (`segment = '{}'`, `segment == '%s'`). */
const SQL_EQUALS_PLACEHOLDER = /(?:^|[^<>!=])==?\s*['"]?(?:\{|%)/;

/** The condition keeps rows equal to a per-pass name: `==`, `isin(...)`, `eqNullSafe(...)`, or `=` in SQL text. */
function keepsEqualTo(condition: PyNode | undefined, perPass: ReadonlySet<string>, context: RuleContext): boolean {
  if (!condition) return false;
  let keeps = false;
  forEachNode(condition, (part) => {
    if (keeps || part.type !== 'identifier' || !readsAny(part, perPass, context)) return;
    for (let around = part.parent; around && around !== condition; around = around.parent) {
      if (around.type === 'comparison_operator') {
        keeps = around.children.some((child) => child.type === '==');
        return;
      }
      const callee = around.type === 'call' ? field(around, 'function') : undefined;
      if (callee && /\.(isin|eqNullSafe)$/.test(context.text(callee))) {
        keeps = true;
        return;
      }
      // `"segment = '{}'".format(seg)`, `"segment == '%s'" % seg`
      const template = callee?.type === 'attribute' && context.text(field(callee, 'attribute')!) === 'format' ? field(callee, 'object') : undefined;
      if (template?.type === 'string') {
        keeps = SQL_EQUALS_PLACEHOLDER.test(context.text(template));
        return;
      }
      const [left] = namedChildren(around);
      if (around.type === 'binary_operator' && left?.type === 'string' && around.children.some((child) => child.type === '%')) {
        keeps = SQL_EQUALS_PLACEHOLDER.test(context.text(left));
        return;
      }
      // `"segment = '" + seg + "'"`: the text just before the name ends in `=`
      if (around.type === 'binary_operator' && around.children.some((child) => child.type === '+')) {
        const before = namedChildren(around).filter((operand) => operand.endIndex <= part.startIndex).pop();
        const text = before?.type === 'string' ? context.text(before).slice(1, -1) : undefined;
        if (text !== undefined) {
          keeps = SQL_EQUALS_END.test(text);
          return;
        }
      }
      if (around.type === 'interpolation') {
        const string = around.parent!;
        keeps = SQL_EQUALS_END.test(context.text(string).slice(0, around.startIndex - string.startIndex));
        return;
      }
    }
  });
  return keeps;
}

/** The score is compared or selected: directly, or through the name it is stored under or appended to (`results.append((name, score))`). */
function isCompared(call: PyNode, context: RuleContext): boolean {
  if (inSelection(call, context)) return true;
  let statement: PyNode | null = call;
  while (statement && statement.type !== 'assignment' && statement.type !== 'expression_statement') statement = statement.parent;
  const target = statement?.type === 'assignment' ? field(statement, 'left') : statement ? appendedTo(statement, context) : undefined;
  if (!target) return false;
  const name = context.text(target.type === 'subscript' ? (field(target, 'value') ?? target) : target);
  let compared = false;
  forEachNode(context.tree.root, (node) => {
    if (!compared && node.type === 'identifier' && node.startIndex > call.endIndex && context.text(node) === name && inSelection(node, context)) compared = true;
  });
  return compared;
}

/** `results.append(...)` as a statement: the list appended to. */
function appendedTo(statement: PyNode, context: RuleContext): PyNode | undefined {
  const call = namedChildren(statement)[0];
  const callee = call?.type === 'call' ? field(call, 'function') : undefined;
  const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
  return method && context.text(method) === 'append' ? field(callee!, 'object') : undefined;
}

function inSelection(node: PyNode, context: RuleContext): boolean {
  for (let current = node.parent; current && current.type !== 'block' && current.type !== 'module'; current = current.parent) {
    if (current.type === 'comparison_operator') return true;
    if (current.type === 'call') {
      const callee = field(current, 'function');
      const name = callee ? context.text(callee).split('.').pop()! : '';
      if (SELECTORS.has(name)) return true;
    }
  }
  return false;
}

/** The file imports hyperopt or Optuna (only then are objectives looked for). */
function importsSearchLibrary(context: RuleContext): boolean {
  return context.model.importsMatching(/^(hyperopt|optuna)(\.|$)/);
}

/**
 * The search a function is the objective of, when the function fits the model and scores it: hyperopt's
 * `fmin(fn=objective, ...)` or Optuna's `study.optimize(objective, ...)` call it once per trial and keep
 * the parameters of its best return value.
 */
function searchObjective(call: PyNode, fitNode: PyNode, context: RuleContext): string | undefined {
  let fn: PyNode | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const name = fn && field(fn, 'name');
  if (!fn || !name || fitNode.startIndex < fn.startIndex || fitNode.endIndex > fn.endIndex) return undefined;
  for (const use of identifiersNamed(context.tree, context.text(name))) {
    const argument = use.parent?.type === 'keyword_argument' ? use.parent : use;
    const searchCall = argument.parent?.type === 'argument_list' ? argument.parent.parent : undefined;
    const record = searchCall?.type === 'call' ? context.model.callAt(searchCall) : undefined;
    if (!record) continue;
    const passed = record.parts.keywords.get('fn') === use || record.parts.keywords.get('func') === use || record.parts.positional[0] === use;
    if (!passed) continue;
    if (record.callee.name === 'hyperopt.fmin') return 'fmin';
    if (record.parts.method === 'optimize') return 'optimize';
  }
  return undefined;
}
