// The semantic model of one Python file: imports and aliases, versioned bindings, function summaries and
// an abstract value for every expression (what Spark object it is and how big it can be).
//
// It is built in one pass over the statements in program order, like an abstract interpreter:
// - assignments create a new version of a name (tuple unpacking of randomSplit binds each split);
// - if/else branches are both evaluated and their bindings joined;
// - loop bodies are evaluated twice so values carried around the loop (`df = df.withColumn(...)`) are seen;
// - a call to a function defined in the file is evaluated with the arguments of that call (a summary
//   per call site), so a helper that returns a DataFrame is understood where it is used; `main()` takes
//   the run of main's body made where it was defined, when that run saw the same module; in a method,
//   `self.load()` of a plain method of the class is evaluated the same way;
// After an edit, the build continues from the previous one: a top-level statement whose text and reads are
// unchanged is taken over, not evaluated (moduleState.ts records what each statement reads and writes).
import {
  AGGREGATE_FUNCTIONS, SINGLE_VALUE_FUNCTIONS, COLUMN_PASS_THROUGH, COLUMN_TAKING_METHODS, DATAFRAME_ONLY_METHODS, RDD_AGGREGATES, DATAFRAME_ACTIONS, DATAFRAME_AGGREGATES, DATAFRAME_BINARY, DATAFRAME_GROUPING, DATAFRAME_LIMITING,
  DATAFRAME_TRANSFORMS, ESTIMATORS, EVALUATORS, GROUPED_AGGREGATES, LITERAL_RANGE_LIMIT, ML_STAT_FUNCTIONS,
  MODEL_DATAFRAME_ATTRIBUTES, MODEL_DATAFRAME_METHODS, RDD_ACTIONS, SUMMARY_CURVE_DATAFRAMES, SUMMARY_ROW_DATAFRAMES,
  RDD_TRANSFORMS, READER_CONFIG, READER_LOADS, TEMP_VIEW_METHODS, TRANSFORMERS, TUNING, UDF_FACTORIES,
  WRITER_CONFIG, WRITER_SAVES, isFunctionsModule, pysparkTail, sourceFormat, starExports, thirdPartyEstimator,
} from './sparkApi';
import { type CallParts, type PyNode, SCALAR_LITERALS, type SyntaxTree, callParts, contentValue, endId, field, forwardedCallee, parameterNames, topLevelOf, intValue, isBinaryOperator, namedChildren, optionText, stringValue, textOf, unparenthesize } from './syntax';
import { summarizesGroups, summarizesPartition, summarizesValues } from './groupedAggregate';
import { initOnlyAttributes } from './initAttributes';
import { treeWritesOutput } from './jobOutput';
import { PANDAS_ON_SPARK, TO_PANDAS_ON_SPARK, combinesFrames, isPandasOnSparkConstructor, isPandasOnSparkRead, limitsRows, pandasOnSparkAttribute, pandasOnSparkFunction, pandasOnSparkMethod, takesSqlText } from './pandasOnSpark';
import { DYNAMIC_FRAME, DYNAMIC_FRAME_COLLECTION, GLUE_CONTEXT, glueContextAttribute, glueMethodResult, glueSinglePartitionFlow, glueTransformName, glueTransformResult, isGlueJobCall, isGlueStreamingConnection, isGlueStreamingOption, readsItsArgument } from './awsGlue';
import { IMPORTS_PYSPARK, isDatabricksNotebookSource, isNotebookStyleSource, isSparkShellNotebookSource, runsOtherNotebook, usesSessionFromHelper } from './notebookSource';
import { endsWithLimit, isAggregateSql, isOwnKey, isPrimaryKeyLookupSql, sqlBound, viewName } from './sqlBound';
import { columnNameOf, isHighCardinalityColumn } from './columnNames';
import { type EditedStatement, editedStatement } from './editedStatement';
import { type InlineCall, type InlineEntry, InlineCalls, withNested } from './inlineCalls';
import { type Binding, Divergence, Env, type InlineReads, type ListMarks, ModuleState, type StatementRecord } from './moduleState';
import { type Boundedness, type ReaderOptions, type Value, type ValueKind, isData, joinValues, largestBound, literalNodes, makeValue, maxBound, minBound, setFact, valueClock, writtenString, writtenTrue } from './values';

export type { Binding } from './moduleState';

export interface ActionRecord {
  call: PyNode;
  method: string;
  receiver: Value;
  /** An evaluator's `evaluate(data)`: the evaluator (`receiver` is the data). */
  evaluator?: Value;
  /** Recorded while evaluating a helper function's body for one of its call sites. */
  inline: boolean;
}

export interface CallRecord {
  parts: CallParts;
  receiver?: Value;
  callee: Value;
  result: Value;
  /**
   * A call of a function of the file (or of a method on `self`): the id ranges of the values its run made,
   * [first, end) each. More than one when it took over earlier runs (inlineCalls.ts), whose values keep
   * the ids they were made with: a value of this call is told by these, not by comparing ids.
   */
  runs?: ReadonlyArray<readonly [number, number]>;
  /** A call of a function of the file whose body was not run for it (past the inline budget or depth). */
  bodyNotRun?: true;
}

interface CallSite {
  node: PyNode;
  receiver: Value;
  args: Value[];
  method: string;
}

/** scikit-learn's reports of predictions against labels, read as evaluations as its `*_score` metrics are. */
const SKLEARN_REPORTS: ReadonlySet<string> = new Set(['confusion_matrix', 'classification_report', 'multilabel_confusion_matrix', 'roc_curve', 'precision_recall_curve', 'det_curve']);

/** The `op` of a Delta Lake `DeltaTable` (kind Unknown: a handle on a table, not data; its `toDF()` reads it). */
export const DELTA_TABLE = 'DeltaTable';
/** `col("rn") <= 5`, `F.col('rn') < 4`, `df["rn"] <= 3`, `df.rn == 1`, `rn <= 5`: the column (group 1, 2 or 3) and n (5). */
const TOP_RANKED = /^(?:(?:\w+\.)?col(?:umn)?\(\s*["'](\w+)["']\s*\)|\w+\[\s*["'](\w+)["']\s*\]|(?:\w+\.)?(\w+))\s*(<=|<|==|=)\s*(\d+)$/;
/** `F.row_number().over(w)`, `rank().over(...)`, `dense_rank()`. */
const RANKING_WINDOW = /\b(?:row_number|rank|dense_rank)\s*\(\s*\)\s*\.over\s*\(/;
/** The `op` of a Delta Lake merge being built (`table.merge(source, on).whenMatchedUpdateAll()`), run by `execute()`. */
const DELTA_MERGE = 'DeltaMergeBuilder';
/** Databricks Feature Store's client and a training set it made (`fe.create_training_set(df=labels, ...)`). */
const FEATURE_STORE_CLIENT = 'FeatureStoreClient';
const FEATURE_TRAINING_SET = 'FeatureTrainingSet';

/** Frames of other APIs (Glue, the pandas API on Spark): their methods prove nothing about a Spark DataFrame. */
const FOREIGN_FRAMES: ReadonlySet<string> = new Set([DYNAMIC_FRAME, DYNAMIC_FRAME_COLLECTION, PANDAS_ON_SPARK]);

/** An import of pyspark, or of Koalas (the pandas API on Spark before Spark 3.2). */
const SPARK_IMPORT = /\bpyspark\b|\bdatabricks\.koalas\b|\bsedona\.spark\b/;

/** Marks a function env where `self` was rebound (never a Python name). */
const SELF_REBOUND = 'self.';

/** A def or lambda inside `node` (the body of a function). */
function hasNestedFunction(node: PyNode): boolean {
  return node.children.some((child) => child.type === 'function_definition' || child.type === 'lambda' || hasNestedFunction(child));
}

/** The env of the function `env` is in (through comprehensions), if it is in one. */
function methodEnv(env: Env): Env | undefined {
  let scope: Env | undefined = env;
  while (scope?.kind === 'comprehension') scope = scope.parent;
  return scope?.kind === 'function' ? scope : undefined;
}

const STATEMENT_TYPES = new Set([
  'expression_statement', 'if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement',
  'function_definition', 'decorated_definition', 'class_definition', 'return_statement', 'import_statement',
  'import_from_statement', 'future_import_statement', 'pass_statement', 'break_statement', 'continue_statement',
  'raise_statement', 'assert_statement', 'delete_statement', 'global_statement', 'nonlocal_statement',
  'match_statement', 'print_statement', 'exec_statement', 'type_alias_statement', 'block',
]);

const MAX_INLINE_DEPTH = 3;
/** The fact of an evaluator listing its `setRawPredictionCol(...)` calls (nodes), in order. */
export const RAW_PREDICTION_SETTERS = 'rawPredictionSetters';

/**
 * The run of a module-level function without parameters where it was defined (its body evaluated with
 * the module as it was then, non-silently: its actions and ML objects are recorded), when it returns
 * nothing and changed nothing outside itself. A call with no arguments that would read the same module
 * (`main()` under `if __name__ == "__main__":`) would evaluate the same body to the same values again:
 * it takes this run instead, in a build from scratch and after an edit alike. Keyed by the function
 * value, which a later build keeps when it takes the definition over.
 */
const definitionRuns = new WeakMap<Value, InlineReads>();
/**
 * The body of each class of the file, by the class's value: `Helpers.load` names the function its body
 * defines (kept across builds with the class statement, like definitionRuns).
 */
const classEnvs = new WeakMap<Value, Env>();
/** The fact of a dict joined over branches whose items were then changed in place (entryOf no longer reads through it). */
const ITEMS_CHANGED = 'itemsChanged';
const INLINE_BUDGET = 400;
/** Inline runs of `self.m()` per top-level statement (a class). */
const METHOD_BUDGET = 200;

export class SemanticModel {
  /** True when the file imports pyspark or is a Databricks notebook export (rules return early otherwise, like ruff). */
  usesPyspark = false;
  /** True when the file is a job script: builds its own SparkSession or has a `__main__` guard. */
  isJobFile = false;
  /** Local name -> qualified name for every import (`F` -> `pyspark.sql.functions`). */
  readonly imports = new Map<string, string>();

  /** Some import's qualified name matches `module` (`/^awsglue/`, `/^pyspark\.mllib\.evaluation/`). */
  importsMatching(module: RegExp): boolean {
    for (const qualified of this.imports.values()) if (module.test(qualified)) return true;
    return false;
  }

  readonly bindings: Binding[] = [];
  readonly actions: ActionRecord[] = [];
  /** Every UDF value created in the file. */
  readonly udfs: Value[] = [];
  /** Every ML object (estimator, model, evaluator, tuning) created in the file. */
  readonly mlObjects: Value[] = [];
  /** Every call of a UDF value (`my_udf(col("x"))`). */
  readonly udfCalls: Array<{ call: PyNode; udf: Value }> = [];
  // indexed by node id (ids are dense, 0..nodeCount): faster than maps on large files
  private values: Array<Value | undefined>;
  private calls: Array<CallRecord | undefined>;
  private definitions: Array<Binding | undefined>;
  /** The top-level statements in order, with what each read and wrote: what the next build may reuse. */
  readonly statements: StatementRecord[] = [];
  private writes: boolean | undefined;

  /** The file writes something besides its stdout (src/analysis/jobOutput.ts); read on first use. */
  get writesOutput(): boolean {
    return (this.writes ??= treeWritesOutput(this.tree));
  }
  /** @internal the module state the next build continues from (its environment is the closures' module) */
  state: ModuleState | undefined;
  /** False when the next build may not reuse statements of this one: a statement changed a value made before it, or only a nested import turned pyspark on. */
  reusable = true;
  /** @internal the helper calls this build evaluated inline, for the next build to take over (inlineCalls.ts) */
  inlineCalls: InlineCalls | undefined;
  /** How many helper calls this build took over from the previous one instead of evaluating their bodies. */
  inlineCallsTakenOver = 0;

  constructor(readonly tree: SyntaxTree) {
    // made by the builder: new (allocateRecords) or taken over from the previous build (adoptRecords)
    this.values = this.calls = this.definitions = [];
  }

  /** The abstract value of an expression node, if the model evaluated it. */
  valueOf(node: PyNode | undefined): Value | undefined {
    return node ? this.values[node.id] : undefined;
  }

  /** The evaluated call at a `call` node: its parts, receiver and callee values and result. */
  callAt(node: PyNode): CallRecord | undefined {
    return this.calls[node.id];
  }

  /** The binding an identifier was assigned (for targets). */
  bindingAt(node: PyNode): Binding | undefined {
    return this.definitions[node.id];
  }

  text(node: PyNode): string {
    return textOf(this.tree, node);
  }

  private bindingIndex: Map<string, Binding[]> | undefined;
  /** The bindings of `name` in every scope, in the order they were made (an index built on first use). */
  bindingsNamed(name: string): readonly Binding[] {
    if (!this.bindingIndex) {
      this.bindingIndex = new Map();
      for (const binding of this.bindings) {
        const list = this.bindingIndex.get(binding.name);
        if (list) list.push(binding);
        else this.bindingIndex.set(binding.name, [binding]);
      }
    }
    return this.bindingIndex.get(name) ?? [];
  }

  /** @internal used by the builder */
  record(node: PyNode, value: Value): void {
    this.values[node.id] = value;
  }
  /** @internal */
  recordCall(node: PyNode, call: CallRecord): void {
    this.calls[node.id] = call;
  }
  /** @internal */
  recordBinding(binding: Binding): void {
    this.bindings.push(binding);
    this.bindingIndex = undefined;
    this.definitions[binding.node.id] = binding;
  }

  /** @internal the lengths of the lists a statement's entries are appended to */
  marks(): ListMarks {
    return { bindings: this.bindings.length, actions: this.actions.length, udfs: this.udfs.length, mlObjects: this.mlObjects.length, udfCalls: this.udfCalls.length };
  }

  /** @internal */
  allocateRecords(): void {
    this.values = new Array(this.tree.nodeCount);
    this.calls = new Array(this.tree.nodeCount);
    this.definitions = new Array(this.tree.nodeCount);
  }

  /**
   * @internal Continues from the previous build's per-node records (no copy of a large file's arrays): the
   * records of statements moved into this tree move with their ids, everything else is cleared.
   */
  adoptRecords(previous: SemanticModel, moved: ReadonlyMap<PyNode, StatementRecord>): void {
    const arrays = [previous.values, previous.calls, previous.definitions];
    const count = this.tree.nodeCount;
    for (const array of arrays) if (array.length < count) array.length = count;
    // ranges keep their order and never overlap: moving the left-bound ones first from the start and the
    // right-bound ones from the end never overwrites a range that has yet to move
    const moves = [...moved].map(([node, record]) => ({ to: node.id, from: record.firstId, end: record.endId }));
    const ordered = [...moves.filter((move) => move.to < move.from), ...moves.filter((move) => move.to > move.from).reverse()];
    for (const { to, from, end } of ordered) for (const array of arrays) array.copyWithin(to, from, end);
    for (const array of arrays) array.length = count;
    [this.values, this.calls, this.definitions] = arrays as [Array<Value | undefined>, Array<CallRecord | undefined>, Array<Binding | undefined>];
    this.clearRecords(0, 1);
    for (const statement of this.tree.root.children) if (!moved.has(statement)) this.clearRecords(statement.id, endId(statement));
  }

  /** @internal Drops the per-node records of ids [from, to) (a statement about to be evaluated again). */
  clearRecords(from: number, to: number): void {
    this.values.fill(undefined, from, to);
    this.calls.fill(undefined, from, to);
    this.definitions.fill(undefined, from, to);
  }

  /** @internal Takes a statement's list entries over from the build that recorded it (adoptRecords moved its per-node records). */
  takeOver(previous: SemanticModel, record: StatementRecord): void {
    const { start, end } = record;
    for (let i = start.bindings; i < end.bindings; i++) this.bindings.push(previous.bindings[i]!);
    for (let i = start.actions; i < end.actions; i++) this.actions.push(previous.actions[i]!);
    for (let i = start.udfs; i < end.udfs; i++) this.udfs.push(previous.udfs[i]!);
    for (let i = start.mlObjects; i < end.mlObjects; i++) this.mlObjects.push(previous.mlObjects[i]!);
    for (let i = start.udfCalls; i < end.udfCalls; i++) this.udfCalls.push(previous.udfCalls[i]!);
    this.bindingIndex = undefined;
  }
}

/** The star imports a notebook that `%run`s another is read with: pyspark's functions, its SQL classes, its ML stages. */
const RUN_NOTEBOOK_STARS: readonly string[] = Object.freeze(['pyspark.sql.functions', 'pyspark.sql', 'pyspark.ml']);

/** Names a session from a call the model cannot follow is taken to be bound to. */
const SESSION_NAMES = new Set(['spark', 'spark_session']);

/**
 * Builds the semantic model of a file. Never throws on malformed trees: unknown shapes become Unknown.
 *
 * `previous`: the model of the same document before an edit, whose tree's unchanged top-level statements
 * were moved into `tree` (copyTree with `previous`). Statements whose reads are unchanged are taken over
 * instead of evaluated; the result is the model a build from scratch would make. `previous` is consumed.
 */
export function buildModel(tree: SyntaxTree, previous?: SemanticModel, options: BuildOptions = {}): SemanticModel {
  const model = new SemanticModel(tree);
  new Builder(model, previous, options.forNextBuild ?? true).run();
  // a notebook's cells are read as they run, even when it builds its own session
  if (model.isJobFile && isNotebookStyleSource(tree)) model.isJobFile = false;
  // a statement evaluated again changed a value made before it (`df.cache()` added on its own line): the
  // statements taken over were evaluated without that change, so build it all again
  if (!model.reusable && model.statements.some((record) => record.reused)) return buildModel(tree, undefined, options);
  return model;
}

export interface BuildOptions {
  /** Record what a next build of the same document can take over (inline calls); off for one-shot lints. Default true. */
  forNextBuild?: boolean;
}

/**
 * ALS's factors and recommendations for all users or items: a row per user or item of the training data,
 * which a read of ratings has as many of as it has rows (identifiers, as `select("user_id").distinct()`);
 * a model not fitted in sight, one per what it learned.
 */
function perTrainingKey(model: Value): Boundedness | undefined {
  const trainedOn = model.op === 'fit' ? model.parents[1] : undefined;
  return trainedOn?.kind === 'DataFrame' ? trainedOn.bound : 'aggregated';
}

class Builder {
  private silent = 0;
  private inlineDepth = 0;
  /** The notebook `%run`s another: unbound pyspark names are that one's imports (scanImports). */
  private runsOtherNotebook = false;
  /** Binding counts of function, class and comprehension scopes (the module's are in `state`). */
  private readonly versions = new Map<object, Map<string, number>>();
  /** Per class body's env: the `self` attributes only `__init__` assigns, and their values once it ran. */
  private readonly initAttributes = new WeakMap<Env, { keys: Set<string>; values: Map<string, Value> }>();
  /** Per class body's env: the body, and the methods `self.name()` resolved to (ownMethod). */
  private readonly classBodies = new WeakMap<Env, { body: PyNode; methods: Map<string, Value | undefined> }>();
  private returns: Value[][] = [];
  /**
   * The statement just evaluated always leaves the function (a `return`, a `raise`, an `if` whose branches
   * that may run all do): the rest of its block is not run, and an `if` branch that ended so is not merged
   * into the code after the `if`. Saved and cleared around each function body.
   */
  private terminated = false;
  /** Per function: whether a branch that ended early in it can still be observed (endedBranchesSeen). */
  private readonly endedBranchesSeenIn = new WeakMap<PyNode, boolean>();
  /** The module's bindings, temp views, shared globals, star imports and inline budget. */
  private readonly state: ModuleState;
  private readonly module: Env;
  /** Inline calls of the previous build that this one may take over, and the ones this build made or took. */
  private previousInline: InlineCalls | undefined;
  private readonly inline = new InlineCalls();
  /** The last call of a function of the file whose body callFunction did not run (CallRecord.bodyNotRun). */
  private notRunCall: PyNode | undefined;
  /** Per running inline evaluation (innermost last), the entries of the calls made inside it. */
  private readonly nestedEntries: Array<Array<[PyNode, InlineEntry]>> = [];
  /** The top-level statement being evaluated, and the id ranges of the inline calls it took over. */
  private statementNode: PyNode | undefined;
  private takenOverRanges: Array<[number, number]> = [];
  /**
   * What `self.m()` calls may still run inline in the top-level statement being evaluated: kept apart from
   * the module's budget, which a class whose methods call each other would use up for the helpers below.
   */
  private methodBudget = METHOD_BUDGET;
  /** Top-level statements an edit made new copies of, with their nodes' previous versions (made on first use; null: not edited). */
  private readonly edited = new Map<PyNode, EditedStatement | null>();

  constructor(private readonly model: SemanticModel, private readonly previous: SemanticModel | undefined, private readonly forNextBuild: boolean) {
    // the module environment lives on from build to build: reused functions' closures point to it
    this.state = new ModuleState(INLINE_BUDGET, previous?.state?.env);
    this.module = this.state.env;
    model.state = this.state;
  }

  run(): void {
    const { model, previous } = this;
    this.scanImports(model.tree.root);
    const usesPysparkAfterScan = model.usesPyspark;
    const reusable = previous && previous.reusable && previous.usesPyspark === model.usesPyspark ? previous : undefined;
    const earlier = new Map<PyNode, StatementRecord>();
    if (reusable) {
      const moved = new Set(model.tree.root.children);
      for (const record of reusable.statements) if (moved.has(record.node)) earlier.set(record.node, record);
      model.adoptRecords(reusable, earlier);
    } else {
      model.allocateRecords();
    }
    this.previousInline = reusable?.inlineCalls;
    model.inlineCalls = this.inline;
    if (previous) {
      // consumed: its environment and inline calls are this build's now
      previous.state = undefined;
      previous.inlineCalls = undefined;
    }
    // statements taken over in the previous build's order are checked against what diverged since (cheap);
    // once a statement moved, every one is checked against all it read
    const positions = new Map(reusable?.statements.map((record, index) => [record, index]));
    const divergence = new Divergence();
    let passed = 0;
    let inOrder = true;
    for (const node of model.tree.root.children) {
      if (!node.named || node.type === 'comment') continue;
      const record = earlier.get(node);
      let unchanged = false;
      if (reusable && record) {
        const position = positions.get(record)!;
        if (inOrder && position >= passed) {
          // previous statements gone or evaluated again: what they wrote may differ now
          for (let index = passed; index < position; index++) divergence.add(reusable.statements[index]!.writes);
          passed = position + 1;
          unchanged = this.state.unchangedSince(record, divergence);
        } else {
          inOrder = false;
          unchanged = this.state.unchangedFor(record);
        }
      }
      if (reusable && record && unchanged) {
        this.reuse(reusable, record, node);
        divergence.settle(record.writes);
      } else {
        if (record) {
          model.clearRecords(node.id, endId(node));
          divergence.add(record.writes);
        }
        this.topLevelStatement(node);
        divergence.add(model.statements[model.statements.length - 1]!.writes);
      }
    }
    this.inline.settle();
    // an import inside a function can turn pyspark on after statements were evaluated without it
    model.reusable = !this.state.foreignMutation && model.usesPyspark === usesPysparkAfterScan;
  }

  /** Evaluates one top-level statement, recording what it reads and writes. */
  private topLevelStatement(node: PyNode): void {
    const { model } = this;
    const start = model.marks();
    this.state.begin();
    this.statementNode = node;
    this.takenOverRanges = [];
    this.methodBudget = METHOD_BUDGET;
    this.statement(node, this.module);
    model.statements.push({ node, firstId: node.id, endId: endId(node), start, end: model.marks(), ...this.state.end(), reused: false });
  }

  /** Takes an unchanged statement over from the previous build and replays what it wrote. */
  private reuse(previous: SemanticModel, record: StatementRecord, node: PyNode): void {
    const { model } = this;
    const start = model.marks();
    model.takeOver(previous, record);
    this.state.replay(record);
    if (this.previousInline) this.inline.keepStatement(this.previousInline, node);
    for (const [alias, qualified] of record.writes.imports) model.imports.set(alias, qualified);
    if (record.writes.isJobFile) model.isJobFile = true;
    // (an object literal: spreading the record is measurably slower over a thousand statements)
    model.statements.push({ node, firstId: node.id, endId: endId(node), start, end: model.marks(), reads: record.reads, writes: record.writes, reused: true });
  }

  // ---- helpers

  private text(node: PyNode): string {
    return textOf(this.model.tree, node);
  }

  /**
   * Value flow (actions, ML objects) is recorded in the main pass and inside helper functions evaluated for
   * a call site (their values there are the real ones), but not in the silent first pass over a loop.
   */
  private recordsFlow(): boolean {
    return !this.silent || (this.inlineDepth > 0 && this.silent === this.inlineDepth);
  }

  private record(node: PyNode, value: Value): Value {
    if (!this.silent) this.model.record(node, value);
    return value;
  }

  private bind(env: Env, target: PyNode, value: Value): void {
    this.bindKey(env, this.text(target), target, value);
  }

  private bindKey(env: Env, name: string, target: PyNode, value: Value): void {
    if (name === 'self' && env.vars.has('self')) {
      // another object from here on: neither what this method set nor what `__init__` set applies
      this.forgetSelfAttributes(env, target);
      env.vars.set(SELF_REBOUND, { name: SELF_REBOUND, version: 0, value, node: target, made: valueClock() });
    }
    const binding: Binding = { name, version: this.nextVersion(env, name), value, node: target, made: valueClock() };
    this.state.set(env, name, binding);
    this.record(target, value);
    if (!this.silent) this.model.recordBinding(binding);
  }

  private nextVersion(env: Env, name: string): number {
    if (env.scope === this.module.scope) return this.state.nextVersion(name);
    let perEnv = this.versions.get(env.scope);
    if (!perEnv) this.versions.set(env.scope, (perEnv = new Map()));
    const version = (perEnv.get(name) ?? 0) + 1;
    perEnv.set(name, version);
    return version;
  }

  /** Pre-scan of imports so `usesPyspark` is known before any expression is evaluated. */
  private scanImports(root: PyNode): void {
    for (const node of root.children) {
      const statement = node.type === 'ERROR' ? node.children : [node];
      for (const child of statement) {
        if (child.type === 'import_statement' || child.type === 'import_from_statement') {
          if (SPARK_IMPORT.test(this.text(child))) this.model.usesPyspark = true;
        }
      }
    }
    if (!this.model.usesPyspark && IMPORTS_PYSPARK.test(this.model.tree.text)) this.model.usesPyspark = true;
    const { text } = this.model.tree;
    if (isDatabricksNotebookSource(text) || (!this.model.usesPyspark && (isSparkShellNotebookSource(text) || usesSessionFromHelper(text)))) this.model.usesPyspark = true;
    // `%run ./AllImports`: the notebook it runs usually imports pyspark's functions, classes and ML stages;
    // names this one never binds are taken from those (`StandardScaler`, `udf`, `F.col`)
    if (this.model.usesPyspark && runsOtherNotebook(this.model.tree)) {
      this.state.startWithStars(RUN_NOTEBOOK_STARS);
      this.runsOtherNotebook = true;
    }
  }

  // ---- statements

  private block(node: PyNode, env: Env): void {
    for (const child of node.children) {
      if (this.terminated) return;
      if (!child.named || child.type === 'comment') continue;
      this.statement(child, env);
    }
  }

  /** A block that may or may not leave the function (a loop body, a `try` clause): the code after it runs in any case. */
  private blockThatMayEnd(node: PyNode, env: Env): void {
    this.block(node, env);
    this.terminated = false;
  }

  private statement(node: PyNode, env: Env): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of namedChildren(node)) this.expressionStatement(child, env);
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node, env);
        return;
      case 'if_statement':
        this.ifStatement(node, env);
        return;
      case 'for_statement':
        this.forStatement(node, env);
        return;
      case 'while_statement':
        this.whileStatement(node, env);
        return;
      case 'function_definition':
        this.functionDefinition(node, env, []);
        return;
      case 'decorated_definition':
        this.decoratedDefinition(node, env);
        return;
      case 'class_definition': {
        const body = field(node, 'body');
        for (const arg of namedChildren(field(node, 'superclasses') ?? node).filter((c) => c.field === null && c.type !== 'block')) this.expr(arg, env);
        const classEnv = new Env(env, 'class');
        if (body) this.initAttributes.set(classEnv, { keys: initOnlyAttributes(body, (part) => this.text(part)), values: new Map() });
        if (body) this.classBodies.set(classEnv, { body, methods: new Map() });
        // bound before the body: its methods, evaluated where they are defined, run once the class exists
        // (`Transformer.clean` in a method of Transformer names a function defined above it)
        const name = field(node, 'name');
        const classValue = makeValue('Unknown', { node });
        classEnvs.set(classValue, classEnv);
        if (name) this.bind(env, name, classValue);
        if (body) this.blockThatMayEnd(body, classEnv);
        return;
      }
      case 'return_statement': {
        const value = namedChildren(node)[0];
        const result = value ? this.expr(value, env) : makeValue('None', { node });
        this.returns[this.returns.length - 1]?.push(result);
        if (this.returns.length) this.terminated = true;
        return;
      }
      case 'raise_statement':
        for (const child of namedChildren(node)) this.expr(child, env);
        // at module level the rest of the file is still analysed: a job's `raise` there is a guard in practice
        if (this.returns.length) this.terminated = true;
        return;
      case 'with_statement':
        for (const clause of node.children) {
          if (clause.type === 'with_clause') {
            for (const item of namedChildren(clause)) this.withItem(item, env);
          }
        }
        // a context manager may swallow what its body raises (`contextlib.suppress`)
        if (field(node, 'body')) this.blockThatMayEnd(field(node, 'body')!, env);
        return;
      case 'block':
        this.block(node, env);
        return;
      case 'try_statement':
        // each clause may run after the one before left early (an exception): all are evaluated, in order
        for (const child of node.children) {
          if (child.type === 'block') this.blockThatMayEnd(child, env);
          else if (child.named) this.statement(child, env);
          this.terminated = false;
        }
        return;
      case 'except_clause':
      case 'except_group_clause':
      case 'else_clause':
      case 'finally_clause':
        for (const child of namedChildren(node)) {
          if (child.type === 'block') this.blockThatMayEnd(child, env);
          else if (child.type === 'as_pattern') this.expr(namedChildren(child)[0] ?? child, env);
          else if (!STATEMENT_TYPES.has(child.type)) this.expr(child, env);
          else this.statement(child, env);
          this.terminated = false;
        }
        return;
      case 'delete_statement':
        for (const child of namedChildren(node)) {
          this.expr(child, env);
          // `del d["k"]` (and `del d["a"], d["b"]`)
          for (const target of child.type === 'expression_list' ? namedChildren(child) : [child]) {
            if (target.type === 'subscript') this.itemsChangedThrough(field(target, 'value'), env);
            // `del self.df`: what reading it gives next (a class attribute, an error) is not known
            const key = this.selfAttributeKey(target, env);
            if (key && this.selfAttribute(target, env)) this.bindKey(env, key, target, makeValue('Unknown', { node: target }));
          }
        }
        return;
      case 'ERROR':
        // tree-sitter's recovery: analyse the statements it could still make out
        for (const child of namedChildren(node)) {
          if (STATEMENT_TYPES.has(child.type)) this.statement(child, env);
          else if (child.type === 'assignment' || child.type === 'augmented_assignment') this.expressionStatement(child, env);
          else this.expr(child, env);
          this.terminated = false;
        }
        return;
      default:
        // `match` cases and the like: any of them may run, one after another here
        for (const child of namedChildren(node)) {
          if (child.type === 'block') this.block(child, env);
          else if (STATEMENT_TYPES.has(child.type)) this.statement(child, env);
          else this.expr(child, env);
          this.terminated = false;
        }
    }
  }

  private expressionStatement(node: PyNode, env: Env): void {
    if (node.type === 'assignment') {
      this.assignment(node, env);
    } else if (node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const rightValue = right ? this.expr(right, env) : makeValue('Unknown');
      const leftValue = left ? this.expr(left, env) : makeValue('Unknown');
      if (left?.type === 'subscript') this.itemsChangedThrough(field(left, 'value'), env);
      // `stages += [lr]`, and `self.stages += [lr]` in a method
      const key = left?.type === 'identifier' ? this.text(left) : left && this.selfAttributeKey(left, env);
      if (left && key) {
        // a string made longer (`query += " DRY RUN"`) is no longer the literal it was
        const extendsLiteral = leftValue.node?.type === 'string' || leftValue.node?.type === 'concatenated_string';
        const combined = leftValue.kind === 'PyScalar' && rightValue.kind === 'PyScalar'
          ? (extendsLiteral ? makeValue('PyScalar', { node, parents: [leftValue, rightValue] }) : leftValue)
          : leftValue.kind === 'PyList' && (rightValue.kind === 'PyList' || rightValue.kind === 'PyTuple')
            ? grownList(leftValue, rightValue.elements, node) // `stages += [indexer, encoder]`
            : makeValue('Unknown', { node, parents: [leftValue, rightValue] });
        this.bindKey(env, key, left, combined);
      }
    } else {
      this.expr(node, env);
    }
  }

  private assignment(node: PyNode, env: Env): Value {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const annotation = field(node, 'type');
    let value: Value;
    if (right?.type === 'assignment') value = this.assignment(right, env);
    else if (right) value = this.expr(right, env);
    else value = annotation ? this.annotationValue(annotation, node, env) : makeValue('Unknown', { node });
    // `event_df: DataFrame = apply_header(accounts)` of another module: a DataFrame, as the annotation says
    if (right && annotation && value.kind === 'Unknown') {
      const declared = this.annotationValue(annotation, right, env);
      if (declared.kind !== 'Unknown') value = makeValue(declared.kind, { node: right, parents: [value] });
    }
    if (left) this.assignTarget(left, value, env);
    return value;
  }

  private assignTarget(target: PyNode, value: Value, env: Env): void {
    switch (target.type) {
      case 'identifier':
        // `spark = get_spark_session("job")`: a session a helper of another module makes is, by its name, the application's
        if (value.kind === 'Unknown' && value.node?.type === 'call' && SESSION_NAMES.has(this.text(target)) && this.model.usesPyspark) value = this.sharedGlobal('spark', 'SparkSession', value.node);
        this.bind(env, target, value);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'expression_list':
      case 'tuple':
      case 'list': {
        const parts = namedChildren(target);
        parts.forEach((part, index) => {
          // `spark, sql_context = get_contexts()`: the session a helper of another module makes, as `spark = get_spark()`
          const session = !value.elements && value.kind === 'Unknown' && value.node?.type === 'call' && part.type === 'identifier' && SESSION_NAMES.has(this.text(part)) && this.model.usesPyspark;
          const element = value.elements?.[index] ?? (session ? this.sharedGlobal('spark', 'SparkSession', value.node!) : makeValue('Unknown', { node: part, parents: [value] }));
          if (part.type === 'list_splat_pattern' || part.type === 'list_splat') this.assignTarget(namedChildren(part)[0] ?? part, makeValue('PyList', { node: part }), env);
          else this.assignTarget(part, element, env);
        });
        return;
      }
      case 'parenthesized_expression':
        this.assignTarget(namedChildren(target)[0] ?? target, value, env);
        return;
      default: {
        // attribute or subscript targets (`self.df = ...`, `d[k] = ...`): evaluate their parts
        for (const child of namedChildren(target)) this.expr(child, env);
        if (target.type === 'subscript') this.itemSet(target, value, env);
        const key = this.selfAttributeKey(target, env);
        if (key) this.bindKey(env, key, target, value);
      }
    }
  }

  /** The value of the name whose items a statement changes (`d` in `d[k] = v`). */
  private itemsOwner(object: PyNode | undefined, env: Env): Value | undefined {
    return object?.type === 'identifier' ? this.state.lookup(env, this.text(object))?.value : undefined;
  }

  /** `d[k] += v`, `del d[k]`: what the dict or list named `object` holds is no longer known. */
  private itemsChangedThrough(object: PyNode | undefined, env: Env): void {
    const owner = this.itemsOwner(object, env);
    if (object && owner) this.itemsChanged(owner, object, env);
  }

  /**
   * `d["k"] = v`: a dict whose entries are known holds `v` under "k" from here on; `xs[0] = v`: a list whose
   * elements are known holds `v` at 0. Any other key: what it holds is no longer known.
   */
  private itemSet(target: PyNode, value: Value, env: Env): void {
    const object = field(target, 'value');
    const owner = this.itemsOwner(object, env);
    if (!object || !owner) return;
    const subscripts = target.children.filter((child) => child.field === 'subscript');
    const index = subscripts.length === 1 ? unparenthesize(subscripts[0]!) : undefined;
    const key = index && owner.entries ? stringValue(this.model.tree, index) : undefined;
    if (key !== undefined && owner.entries) {
      const keyValue = makeValue('PyScalar', { node: index, bound: 'literal' });
      return this.itemsChanged(owner, object, env, { entries: [...owner.entries.filter(([candidate]) => !candidate.node || stringValue(this.model.tree, candidate.node) !== key), [keyValue, value] as const] });
    }
    const position = index && owner.elements ? intValue(this.model.tree, index) : undefined;
    if (position !== undefined && owner.elements && position >= -owner.elements.length && position < owner.elements.length) {
      const elements = [...owner.elements];
      elements[position < 0 ? elements.length + position : position] = value;
      return this.itemsChanged(owner, object, env, { elements });
    }
    // `medians[c] = df.approxQuantile(c, ...)[0]`: what it holds is not known, but it holds that value now
    this.itemsChanged(owner, object, env, {}, value);
  }

  /**
   * What a dict or list literal holds changed (`d[k] = v`, `d[k] += v`, `del d[k]`, `d.update(...)`,
   * `xs.remove(x)`, `xs[0] = x`): rebinds its name to a copy holding `now` (nothing given: what it holds is
   * no longer known), as a list's append does. When another name holds the same value (an alias, or the
   * caller's name of a parameter), the value itself is changed in place instead, which every name sees
   * (and which the next build cannot reuse).
   */
  private itemsChanged(container: Value, object: PyNode, env: Env, now: { entries?: Array<readonly [Value, Value]>; elements?: Value[] } = {}, added?: Value): void {
    // a dict joined over branches is read through them (entryOf): changed, what it holds is not known
    const joinedDict = container.kind === 'PyDict' && container.op === 'join-branches';
    if (!container.entries && !container.elements && !joinedDict) return;
    if (object.type === 'identifier') {
      const text = this.text(object);
      const binding = this.state.lookup(env, text);
      if (binding?.value === container && env.vars.get(text) === binding && !this.model.bindings.some((other) => other !== binding && other.value === container)) {
        const { node, bound, parents, name, facts, splitIndex } = container;
        const op = joinedDict ? undefined : container.op;
        // a value computed from data (a statistic, a DataFrame) stays in its flow: `fillna(medians)` reads it
        const computed = (value: Value) => value.kind === 'DataFrame' || value.kind === 'RDD' || (value.parents.length > 0 && value.kind !== 'Unknown');
        // (`quantiles[0]` of a statistic is Unknown, made from it)
        const flows = !!added && (computed(added) || (added.kind === 'Unknown' && added.parents.some(computed))) && !parents.includes(added);
        const changed = makeValue(container.kind, { node, bound, parents: flows ? [...parents, added!] : parents, op, name, facts, splitIndex, entries: container.entries && now.entries, elements: container.elements && now.elements });
        this.state.set(env, text, { ...binding, value: changed, made: valueClock() });
        return;
      }
    }
    this.mutating(container);
    container.entries = undefined;
    container.elements = undefined;
    if (joinedDict) this.setFact(container, ITEMS_CHANGED, true);
  }

  private importStatement(node: PyNode, env: Env): void {
    const isFrom = node.type === 'import_from_statement';
    const moduleNode = field(node, 'module_name');
    const moduleName = moduleNode ? this.text(moduleNode) : '';
    if (moduleName.startsWith('pyspark') || moduleName.startsWith('databricks.koalas') || SPARK_IMPORT.test(moduleName) || (!isFrom && SPARK_IMPORT.test(this.text(node)))) this.model.usesPyspark = true;
    if (isFrom && node.children.some((child) => child.type === 'wildcard_import')) {
      this.state.addStarModule(moduleName);
      return;
    }
    for (const child of node.children) {
      if (child.field !== 'name') continue;
      if (child.type === 'aliased_import') {
        const name = field(child, 'name');
        const alias = field(child, 'alias');
        if (!name || !alias) continue;
        const qualified = isFrom ? `${moduleName}.${this.text(name)}` : this.text(name);
        this.imported(this.text(alias), qualified);
        this.bind(env, alias, makeValue('Symbol', { node: child, name: qualified }));
      } else if (child.type === 'dotted_name') {
        const dotted = this.text(child);
        if (isFrom) {
          const qualified = `${moduleName}.${dotted}`;
          this.imported(dotted, qualified);
          this.bind(env, child, makeValue('Symbol', { node: child, name: qualified }));
        } else {
          // `import pyspark.sql.functions` binds `pyspark`
          const head = dotted.split('.')[0]!;
          this.imported(head, head);
          const headNode = namedChildren(child)[0] ?? child;
          this.bind(env, headNode, makeValue('Symbol', { node: child, name: head }));
        }
      }
    }
  }

  private imported(alias: string, qualified: string): void {
    this.model.imports.set(alias, qualified);
    this.state.imported(alias, qualified);
  }

  /** Sets a fact on a value that may have been made by an earlier statement (`lr.setMaxIter(10)`). */
  private setFact(value: Value, key: string, fact: unknown): void {
    this.mutating(value);
    setFact(value, key, fact);
  }

  /** `df.cache()` / `rdd.persist()`: the first call caches the value (which may be an earlier statement's). */
  private cache(value: Value, call: PyNode): void {
    if (value.cachedBy) return;
    this.mutating(value);
    value.cachedBy = call;
  }

  /** Before a value is changed in place. */
  private mutating(value: Value): void {
    this.inline.changed(value);
    const takenOverHere = this.takenOverRanges.some(([first, end]) => value.id >= first && value.id < end);
    this.state.mutating(value, takenOverHere);
  }

  private markJobFile(): void {
    this.model.isJobFile = true;
    this.state.markJobFile();
  }

  private ifStatement(node: PyNode, env: Env): void {
    const condition = field(node, 'condition');
    if (condition && /__name__\s*==\s*["']__main__["']/.test(this.text(condition))) this.markJobFile();
    // the branches that may run; in a helper run for a call, a condition on a literal argument is known
    // (`if limit: df = df.limit(limit)` with `limit=None`), and a branch it rules out is not evaluated
    const branches: Env[] = [];
    // branches that returned or raised: they do not reach the code after the `if`
    const ended: Env[] = [];
    let decided = false;
    const branch = (conditionNode: PyNode | undefined, body: PyNode | undefined) => {
      if (decided) return;
      const truth = conditionNode ? this.knownTruth(this.expr(conditionNode, env)) : true;
      if (truth === false) return;
      const branchEnv = env.copy();
      if (body) this.block(body, branchEnv);
      (this.terminated ? ended : branches).push(branchEnv);
      this.terminated = false;
      if (truth === true) decided = true;
    };
    branch(condition, field(node, 'consequence'));
    for (const child of node.children) {
      if (child.type === 'elif_clause') branch(field(child, 'condition'), field(child, 'consequence'));
      else if (child.type === 'else_clause') branch(undefined, field(child, 'body') ?? namedChildren(child).find((c) => c.type === 'block'));
    }
    if (!decided) branches.push(env.copy()); // no else: the statement may run no branch
    this.terminated = !branches.length;
    // what an ended branch bound is still seen where the function goes on after it: an `except`, a
    // `finally` or a `with` around it, `__init__`'s attributes, a closure
    if (ended.length && this.endedBranchesSeen(node)) branches.push(...ended);
    if (branches.length) this.mergeInto(env, branches, node);
  }

  /**
   * Whether the names an `if` branch binds before it returns or raises can be read after all: inside a
   * `try` or `with` of its function, in an `__init__` (its attributes are read at its end), or in a function
   * with a nested def or lambda (a closure reads the name when called).
   */
  private endedBranchesSeen(node: PyNode): boolean {
    let at = node.parent;
    while (at && at.type !== 'function_definition') {
      if (at.type === 'try_statement' || at.type === 'with_statement') return true;
      at = at.parent;
    }
    if (!at) return true;
    let seen = this.endedBranchesSeenIn.get(at);
    if (seen === undefined) {
      const name = field(at, 'name');
      const body = field(at, 'body');
      seen = (!!name && this.text(name) === '__init__') || (!!body && hasNestedFunction(body));
      this.endedBranchesSeenIn.set(at, seen);
    }
    return seen;
  }

  /**
   * Whether a condition holds, when a helper runs for a call and the value is a literal written in the
   * arguments of a call (`load(spark, table, None)`, `n=10`): `None`, a number, a bool or a string. Not a
   * literal from elsewhere (a parameter's default, a module constant, an attribute set in `__init__`): a
   * default is one call of many, and a name may be rebound where the model does not follow it.
   */
  private knownTruth(condition: Value): boolean | undefined {
    const literal = condition.node;
    if (!this.inlineDepth || !literal || !isCallArgument(literal)) return undefined;
    if (condition.kind === 'None') return literal.type === 'none' ? false : undefined;
    if (condition.kind !== 'PyScalar') return undefined;
    const text = this.text(literal);
    switch (literal.type) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'integer':
      case 'float': {
        const number = Number(text.replace(/_/g, ''));
        return Number.isNaN(number) ? undefined : number !== 0;
      }
      case 'string':
        // empty when nothing is between the quotes (after a prefix such as r or b); an f-string or an
        // escape may be empty or not
        if (/[{\\]/.test(text)) return undefined;
        return !/^[a-zA-Z]*("{3}|'{3}|"|')\1$/.test(text);
      default:
        return undefined;
    }
  }

  /** After branches: a name keeps its value if every branch agrees, else the join of the values. */
  private mergeInto(env: Env, branches: Env[], node: PyNode): void {
    const names = new Set<string>();
    for (const branch of branches) for (const name of branch.vars.keys()) names.add(name);
    for (const name of names) {
      const bindings = branches.map((branch) => branch.vars.get(name));
      const first = bindings[0];
      const before = env.vars.get(name);
      if (bindings.every((binding) => binding === first)) {
        // a name no branch changed is not written: writing it would pin, for a re-lint that takes this
        // statement over, the binding it had then (an edited `def main()` above would be undone)
        if (first && first !== before) this.state.set(env, name, first);
        continue;
      }
      // the join reads the binding a branch left as it was: a re-lint must see when that one changes
      if (bindings.includes(before)) this.state.lookup(env, name);
      const present = bindings.filter((binding): binding is Binding => !!binding);
      let value = present[0]!.value;
      for (const other of present.slice(1)) value = joinValues(value, other.value, node);
      // a name bound on only some paths may be unbound on others; keep the joined value anyway
      this.state.set(env, name, { ...present[present.length - 1]!, value, made: valueClock() });
    }
  }

  private forStatement(node: PyNode, env: Env): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const iterable = right ? this.expr(right, env) : makeValue('Unknown');
    const element = this.elementOf(iterable, node);
    const body = field(node, 'body');
    const before = env.copy();
    // first pass silently, so values carried around the loop are known in the recorded pass
    this.silent++;
    if (left) this.assignTarget(left, element, env);
    if (body) this.blockThatMayEnd(body, env);
    this.silent--;
    if (left) this.assignTarget(left, element, env);
    if (body) this.blockThatMayEnd(body, env);
    const alternative = node.children.find((child) => child.type === 'else_clause');
    if (alternative) this.statement(alternative, env);
    this.mergeInto(env, [env.copy(), before], node);
  }

  private whileStatement(node: PyNode, env: Env): void {
    const condition = field(node, 'condition');
    const body = field(node, 'body');
    const before = env.copy();
    this.silent++;
    if (condition) this.expr(condition, env);
    if (body) this.blockThatMayEnd(body, env);
    this.silent--;
    if (condition) this.expr(condition, env);
    if (body) this.blockThatMayEnd(body, env);
    this.mergeInto(env, [env.copy(), before], node);
  }

  private withItem(item: PyNode, env: Env): void {
    const inner = namedChildren(item)[0];
    if (!inner) return;
    if (inner.type === 'as_pattern') {
      const [value, alias] = namedChildren(inner);
      const result = value ? this.expr(value, env) : makeValue('Unknown');
      const target = alias ? (namedChildren(alias)[0] ?? alias) : undefined;
      if (target) this.assignTarget(target, result, env);
    } else {
      this.expr(inner, env);
    }
  }

  private elementOf(iterable: Value, node: PyNode): Value {
    if (iterable.elements?.length) {
      let value = iterable.elements[0]!;
      for (const element of iterable.elements.slice(1)) value = joinValues(value, element, node);
      return value;
    }
    if (iterable.kind === 'PyList' && iterable.op === 'collect') return makeValue('Row', { node, parents: [iterable] });
    // `[LogisticRegression(regParam=r) for r in grid]`: every element is made by the one expression
    if (iterable.kind === 'PyList' && (iterable.op === 'comprehension' || iterable.op === STORED_VIEW) && iterable.parents[0]) return iterable.parents[0];
    return makeValue('Unknown', { node, parents: [iterable] });
  }

  // ---- functions

  private decoratedDefinition(node: PyNode, env: Env): void {
    const definition = field(node, 'definition');
    const decorators = node.children.filter((child) => child.type === 'decorator');
    const decoratorValues = decorators.map((decorator) => {
      const expression = namedChildren(decorator)[0];
      return { decorator, value: expression ? this.expr(expression, env) : makeValue('Unknown') };
    });
    if (!definition) return;
    if (definition.type !== 'function_definition') {
      this.statement(definition, env);
      return;
    }
    this.functionDefinition(definition, env, decoratorValues);
  }

  private functionDefinition(node: PyNode, env: Env, decorators: Array<{ decorator: PyNode; value: Value }>): void {
    const nameNode = field(node, 'name');
    const params = parameterNames(this.model.tree, node);
    let value = makeValue('Function', { node, fn: { node, params, closure: env } });
    // evaluate the body once with parameters from their annotations/defaults, so rules see values inside
    const recordsRun = params.length === 0 && env === this.module && !this.silent;
    if (recordsRun) this.state.beginInline();
    let result: Value | undefined;
    try {
      result = this.evaluateBody(node, env, new Map(), false);
    } finally {
      if (recordsRun) {
        const reads = this.state.endInline();
        if (result?.kind === 'None' && !reads.impure && !reads.exhausted) definitionRuns.set(value, { ...reads, spent: 0 });
      }
    }
    for (const { decorator, value: decoratorValue } of decorators.reverse()) {
      const udf = this.udfFromDecorator(decoratorValue, decorator, node);
      if (udf) value = udf;
    }
    if (nameNode) this.bind(env, nameNode, value);
    this.record(node, value);
  }

  private udfFromDecorator(decoratorValue: Value, decorator: PyNode, implementation: PyNode): Value | undefined {
    let flavor: 'python' | 'pandas' | undefined;
    if (decoratorValue.kind === 'UDFDecorator') flavor = decoratorValue.udf?.flavor;
    else if (decoratorValue.kind === 'Symbol' && decoratorValue.name) {
      const tail = decoratorValue.name.slice(decoratorValue.name.lastIndexOf('.') + 1);
      if (decoratorValue.name.startsWith('pyspark') && UDF_FACTORIES.has(tail)) flavor = tail === 'udf' ? 'python' : 'pandas';
    }
    if (!flavor) return undefined;
    const value = makeValue('UDF', { node: implementation, udf: { flavor, implementation, anchor: decorator } });
    if (!this.silent) this.model.udfs.push(value);
    return value;
  }

  /** Evaluates a function body with the given argument values; returns the join of its return values. */
  private evaluateBody(node: PyNode, closure: Env, args: Map<string, Value>, inline: boolean): Value {
    const fnEnv = new Env(closure, 'function');
    const parameters = field(node, 'parameters');
    if (parameters) {
      const params = namedChildren(parameters);
      // `def upsert(batch_df, batch_id)`: a foreachBatch handler, called with each micro-batch's DataFrame (also
      // with more parameters a lambda or `partial` passes, `(df, epoch_id, job_type)`, or as a method)
      const names = parameterNames(this.model.tree, node);
      const first = names[0] === 'self' ? 1 : 0;
      const handlesMicroBatches = params.length >= first + 2 && MICRO_BATCH_ID.test(names[first + 1]!);
      for (const param of params) {
        const nameNode = param.type === 'identifier' ? param : (field(param, 'name') ?? namedChildren(param).find((c) => c.type === 'identifier'));
        if (!nameNode) continue;
        const name = this.text(nameNode);
        let value = args.get(name);
        if (!value) {
          const annotation = field(param, 'type');
          const defaultValue = field(param, 'value');
          if (annotation) value = this.annotationValue(annotation, param, closure);
          else if (defaultValue && !inline) value = this.expr(defaultValue, closure);
          else if (handlesMicroBatches && param === params[first] && this.model.usesPyspark) value = makeValue('DataFrame', { node: param, op: 'foreachBatch' });
          else value = this.conventionalParameter(name, param);
        }
        this.bind(fnEnv, nameNode, value);
      }
    }
    const body = field(node, 'body');
    this.returns.push([]);
    // a call run inline in the middle of a statement: its `return` ends its body, not the caller's
    const terminated = this.terminated;
    this.terminated = false;
    try {
      if (body) {
        if (node.type === 'lambda') this.returns[this.returns.length - 1]!.push(this.expr(body, fnEnv));
        else this.block(body, fnEnv);
      }
    } finally {
      this.terminated = terminated;
    }
    const returned = this.returns.pop()!;
    this.keepInitAttributes(node, closure, fnEnv);
    if (!returned.length) return makeValue('None', { node });
    // `return None` on an error path, the DataFrame on the others: what callers use once they checked
    // `is not None` (an Optional the way a type checker narrows it)
    const results = returned.some((value) => value.kind !== 'None') ? returned.filter((value) => value.kind !== 'None') : returned;
    let result = results[0]!;
    for (const other of results.slice(1)) result = joinValues(result, other, node);
    return result;
  }

  /** `def load(spark, path)`: in a pyspark file, a bare `spark` / `sc` parameter is the session / context by convention. */
  private conventionalParameter(name: string, param: PyNode): Value {
    if (this.model.usesPyspark && name === 'spark') return makeValue('SparkSession', { node: param });
    if (this.model.usesPyspark && name === 'sc') return makeValue('SparkContext', { node: param });
    return makeValue('Unknown', { node: param });
  }

  private annotationValue(annotation: PyNode, node: PyNode, env: Env): Value {
    const written = this.text(annotation).replace(/["']/g, '');
    // the name as imported (`from pyspark.sql import DataFrame as PySparkDataFrame`, `import pandas as pd`),
    // read through the environment: a changed import evaluates the annotated statement again
    const head = written.split('.', 1)[0]!;
    const imported = IDENTIFIER.test(head) ? this.state.lookup(env, head)?.value : undefined;
    const qualified = imported?.kind === 'Symbol' && imported.name ? imported.name + written.slice(head.length) : undefined;
    if (qualified && !qualified.startsWith('pyspark.')) return makeValue('Unknown', { node }); // pandas' DataFrame
    const text = qualified ?? written;
    const tail = text.slice(text.lastIndexOf('.') + 1);
    // an annotated DataFrame parameter is a DataFrame whose size the model does not know
    if (tail === 'DataFrame') return makeValue('DataFrame', { node });
    if (tail === 'SparkSession') return makeValue('SparkSession', { node });
    if (tail === 'RDD' || /^RDD\[/.test(tail)) return makeValue('RDD', { node });
    return makeValue('Unknown', { node });
  }

  /** `ofSelf`: a `self.m()` call (ownMethod), run on the budget of the statement running, not the module's. */
  private callFunction(fn: Value, parts: CallParts, _env: Env, argValues: Value[], keywordValues: Map<string, Value>, node: PyNode, ofSelf = false): Value {
    if (!fn.fn || this.inlineDepth >= MAX_INLINE_DEPTH || !(ofSelf ? this.methodBudget-- > 0 : this.state.takeInline())) {
      this.notRunCall = node;
      return this.declaredResult(fn, makeValue('Unknown', { node, parents: argValues }), node);
    }
    // `main()`: its run where it was defined saw what this call would see, and recorded its actions then
    const run = !argValues.length && !keywordValues.size && !parts.hasStarArgs ? definitionRuns.get(fn) : undefined;
    if (run && this.state.unchangedForInline(run)) {
      this.state.replayInline(run);
      return makeValue('None', { node: fn.fn.node });
    }
    const args = new Map<string, Value>();
    fn.fn.params.forEach((name, index) => {
      const value = keywordValues.get(name) ?? argValues[index];
      if (value && !parts.hasStarArgs) args.set(name, value);
    });
    // a module-level function reads only the module: what it read can be checked, so its call can be kept
    const call: InlineCall | undefined = this.forNextBuild && fn.fn.closure === this.module ? { fn, args, depth: this.inlineDepth, recordsFlow: this.silent === this.inlineDepth } : undefined;
    const statement = this.statementNode;
    const taken = call && statement ? this.previousInlineCall(node, call, statement) : undefined;
    if (taken) return this.takeOverInline(node, taken, statement!);
    // what the body appends to the model's lists and the values it makes, for an entry of this call
    const marks = call ? { actions: this.model.actions.length, mlObjects: this.model.mlObjects.length, firstId: valueClock() } : undefined;
    if (call) {
      this.state.beginInline();
      this.nestedEntries.push([]);
    }
    this.inlineDepth++;
    this.silent++;
    let result: Value | undefined;
    try {
      result = this.declaredResult(fn, this.evaluateBody(fn.fn.node, fn.fn.closure as Env, args, true), node);
      return result;
    } finally {
      this.silent--;
      this.inlineDepth--;
      if (call && marks) {
        const reads = this.state.endInline();
        const nested = this.nestedEntries.pop()!;
        if (result && statement && !reads.impure) {
          this.keepInline(node, {
            ...call, statement, reads, result, nested, changedAfter: false, taken: false,
            actions: this.model.actions.slice(marks.actions), mlObjects: this.model.mlObjects.slice(marks.mlObjects), firstId: marks.firstId, endId: valueClock(),
          });
        }
      }
    }
  }

  /**
   * What a call of `fn` gives when its body says nothing the model follows (`...`, a stub, an abstract
   * method, a body beyond the inline budget): the declared return type (`-> DataFrame`), as for a parameter.
   */
  private declaredResult(fn: Value, result: Value, node: PyNode): Value {
    const returnType = fn.fn?.node.type === 'function_definition' ? field(fn.fn.node, 'return_type') : undefined;
    if (!returnType || (result.kind !== 'Unknown' && result.kind !== 'None')) return result;
    const declared = this.annotationValue(returnType, node, fn.fn!.closure as Env);
    return declared.kind === 'Unknown' ? result : declared;
  }

  /** The previous build's evaluation of this call, when it can be taken over (inlineCalls.ts). */
  private previousInlineCall(node: PyNode, call: InlineCall, statement: PyNode): InlineEntry | undefined {
    if (!this.previousInline) return undefined;
    const stillValid = (entry: InlineEntry) => this.state.unchangedForInline(entry.reads);
    const taken = this.previousInline.take(statement, node, call, stillValid);
    if (taken) return taken;
    // an edit elsewhere in the statement holding the call made all of it a new copy (an edit in
    // `def main()`, run here or by `main()` below): the call is still the one it was
    const container = this.editedStatement(topLevelOf(node));
    const before = container?.previous(node);
    if (!container || !before) return undefined;
    const made = this.editedStatement(statement)?.previousStatement ?? statement;
    return this.previousInline.take(made, before, call, stillValid, container.previous);
  }

  private editedStatement(statement: PyNode): EditedStatement | undefined {
    let edited = this.edited.get(statement);
    if (edited === undefined) this.edited.set(statement, (edited = editedStatement(statement, this.model.tree.text) ?? null));
    return edited ?? undefined;
  }

  /** Records an inline call for the next build (and as part of the call around it, if any). */
  private keepInline(node: PyNode, entry: InlineEntry): void {
    this.inline.add(node, entry);
    this.nestedEntries[this.nestedEntries.length - 1]?.push([node, entry]);
  }

  /** Takes an inline call of the previous build over: what it read, spent and recorded, and its result. */
  private takeOverInline(node: PyNode, entry: InlineEntry, statement: PyNode): Value {
    // kept for the next build under this call and statement, with the arguments its result derives from
    // (sameCall moved those made in an edited statement onto its current nodes)
    for (const [nestedCall, kept] of withNested(node, entry)) {
      kept.statement = statement;
      this.inline.add(nestedCall, kept);
      this.takenOverRanges.push([kept.firstId, kept.endId]);
    }
    this.model.inlineCallsTakenOver++;
    this.state.replayInline(entry.reads);
    this.model.actions.push(...entry.actions);
    this.model.mlObjects.push(...entry.mlObjects);
    this.nestedEntries[this.nestedEntries.length - 1]?.push([node, entry]);
    return entry.result;
  }

  // ---- expressions

  expr(node: PyNode, env: Env): Value {
    const value = this.evaluate(node, env);
    return this.record(node, value);
  }

  private evaluate(node: PyNode, env: Env): Value {
    switch (node.type) {
      case 'identifier':
        return this.identifier(node, env);
      case 'attribute': {
        const object = field(node, 'object');
        const attribute = field(node, 'attribute');
        let objectValue = object ? this.expr(object, env) : makeValue('Unknown');
        if (!attribute) return makeValue('Unknown', { node });
        const selfAttribute = this.selfAttribute(node, env);
        if (selfAttribute) return selfAttribute.value;
        const name = this.text(attribute);
        // `data.rdd`: only a Spark DataFrame has one (pandas and polars frames do not)
        if (name === 'rdd' && objectValue.kind === 'Unknown' && object && this.model.usesPyspark) objectValue = this.inferredDataFrame(objectValue, object, env);
        // `get_spark().read.parquet(...)`: a `read` whose reader methods follow is a SparkSession's (a file's
        // `read()` is called); a session from a helper of another module is the application's session
        if ((name === 'read' || name === 'readStream') && objectValue.kind === 'Unknown' && node.parent?.type === 'attribute' && this.model.usesPyspark) {
          objectValue = this.sharedGlobal('spark', 'SparkSession', node);
        }
        return this.attribute(objectValue, name, node);
      }
      case 'call':
        return this.call(node, env);
      case 'string':
      case 'concatenated_string':
        for (const child of node.children) {
          if (child.type === 'interpolation') for (const inner of namedChildren(child)) this.expr(inner, env);
        }
        return makeValue('PyScalar', { node, bound: 'literal' });
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
        return makeValue('PyScalar', { node, bound: 'literal' });
      case 'none':
        return makeValue('None', { node });
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list': {
        const elements = namedChildren(node).map((child) => this.expr(child, env));
        const literal = elements.every((element) => element.bound === 'literal' || element.kind === 'PyScalar' || element.kind === 'None' || element.kind === 'Row');
        // as a dict's: values computed from data flow on (`sc.parallelize([(float(r[0]), r[1]) for r in rows])`)
        const parents = elements.filter((element) => element.parents.length > 0);
        return makeValue(node.type === 'tuple' || node.type === 'expression_list' ? 'PyTuple' : 'PyList', { node, elements, parents, bound: literal ? 'literal' : undefined, op: 'literal' });
      }
      case 'dictionary': {
        const entries: Array<readonly [Value, Value]> = [];
        const values = namedChildren(node).flatMap((pair) => {
          const parts = namedChildren(pair).map((child) => this.expr(child, env));
          if (pair.type === 'pair' && parts.length === 2) entries.push([parts[0]!, parts[1]!]);
          return parts;
        });
        const literal = values.every((element) => element.bound === 'literal' || element.kind === 'PyScalar' || element.kind === 'None');
        // values computed from data (statistics) keep flowing through the dict; a `**other` in it makes what it holds unknown
        const complete = namedChildren(node).every((child) => child.type === 'pair');
        return makeValue('PyDict', { node, bound: literal ? 'literal' : undefined, parents: values.filter((value) => value.parents.length > 0), entries: complete ? entries : undefined });
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        return inner ? this.expr(inner, env) : makeValue('Unknown', { node });
      }
      case 'binary_operator':
      case 'boolean_operator':
      case 'comparison_operator':
      case 'not_operator':
      case 'unary_operator': {
        const operands = namedChildren(node).map((child) => this.expr(child, env));
        if (operands.some((operand) => operand.kind === 'Column')) {
          // `F.sum("a") / F.count("a")` is still one value per group
          const aggregate = operands.every((operand) => operand.kind === 'PyScalar' || isAggregate(operand));
          return makeValue('Column', { node, parents: operands, ...(aggregate ? AGGREGATE : {}) });
        }
        if (operands.every((operand) => operand.kind === 'PyScalar')) return makeValue('PyScalar', { node, bound: 'literal' });
        if (node.type === 'binary_operator' && operands.every((operand) => operand.kind === 'PyList' || operand.kind === 'PyTuple')) {
          return makeValue('PyList', { node, elements: operands.flatMap((operand) => operand.elements ?? []) });
        }
        return makeValue(node.type === 'binary_operator' || node.type === 'unary_operator' ? 'Unknown' : 'PyScalar', { node, parents: operands });
      }
      case 'conditional_expression': {
        const [bodyNode, conditionNode, alternativeNode] = namedChildren(node);
        const condition = conditionNode && this.expr(conditionNode, env);
        const truth = condition && this.knownTruth(condition);
        // in a helper run for a call, only the branch its literal argument takes (`df.limit(n) if n else df`)
        const body = bodyNode && truth !== false ? this.expr(bodyNode, env) : undefined;
        const alternative = alternativeNode && truth !== true ? this.expr(alternativeNode, env) : undefined;
        if (truth === true && body) return body;
        if (truth === false && alternative) return alternative;
        if (condition && body && alternative) return joinValues(body, alternative, node);
        return makeValue('Unknown', { node });
      }
      case 'subscript':
        return this.subscript(node, env);
      case 'lambda': {
        const closure = env;
        this.evaluateBody(node, closure, new Map(), false);
        return makeValue('Function', { node, fn: { node, params: parameterNames(this.model.tree, node), closure } });
      }
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension':
      case 'dictionary_comprehension':
        return this.comprehension(node, env);
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        const result = value ? this.expr(value, env) : makeValue('Unknown');
        if (name) this.bind(env, name, result);
        return result;
      }
      case 'assignment':
        return this.assignment(node, env);
      case 'keyword_argument': {
        const value = field(node, 'value');
        return value ? this.expr(value, env) : makeValue('Unknown', { node });
      }
      default:
        for (const child of namedChildren(node)) {
          if (child.type === 'block') this.block(child, env);
          else if (STATEMENT_TYPES.has(child.type)) this.statement(child, env);
          else this.expr(child, env);
        }
        return makeValue('Unknown', { node });
    }
  }

  private identifier(node: PyNode, env: Env): Value {
    const name = this.text(node);
    const binding = this.state.lookup(env, name);
    if (binding) return binding.value;
    // the last star import that exports the name wins, as in Python; one of another library after
    // pyspark's (`from numpy import *`) may rebind the builtins pyspark's functions shadow (`max`, `round`)
    const stars = this.state.starModules();
    for (let i = stars.length - 1; i >= 0; i--) {
      if (starExports(stars[i]!, name)) return makeValue('Symbol', { node, name: `${stars[i]}.${name}` });
      if (PYTHON_BUILTINS.has(name) && !stars[i]!.startsWith('pyspark')) break;
    }
    // `F.col(...)` after `%run ./AllImports`, which imported the functions module under its usual alias
    if (this.runsOtherNotebook && name === 'F') return makeValue('Symbol', { node, name: 'pyspark.sql.functions' });
    if (this.model.usesPyspark) {
      // the globals notebooks and the pyspark shell define
      if (name === 'spark') return this.sharedGlobal('spark', 'SparkSession', node);
      if (name === 'sc') return this.sharedGlobal('sc', 'SparkContext', node);
      // Databricks and the pyspark shell of Spark 1/2 also define `sqlContext`, with the session's sql/table/read
      if (name === 'sqlContext') return this.sharedGlobal('spark', 'SparkSession', node);
    }
    if (name === 'reduce') return makeValue('Symbol', { node, name: 'functools.reduce' });
    return makeValue('Unknown', { node });
  }

  private sharedGlobal(name: string, kind: ValueKind, node: PyNode): Value {
    let value = this.state.global(name);
    if (!value) this.state.setGlobal(name, (value = makeValue(kind, { node, op: 'global' })));
    return value;
  }

  private attribute(object: Value, name: string, node: PyNode): Value {
    const site: CallSite = { node, receiver: object, args: [], method: name };
    if (object.op === PANDAS_ON_SPARK) {
      // `psdf.loc`, `psdf.age` (a column), `psdf.spark` (the accessor): as large as the frame; `psdf.shape`, `psdf.values` (a numpy array): not one
      const op = pandasOnSparkAttribute(name);
      return makeValue('Unknown', op ? { node, bound: object.bound, parents: [object], op } : { node, parents: [object] });
    }
    if (object.op === GLUE_CONTEXT) {
      if (name === 'spark_session') return this.sharedGlobal('spark', 'SparkSession', node);
      const reader = glueContextAttribute(name);
      if (reader) return makeValue('Unknown', { node, parents: [object], op: reader });
    }
    switch (object.kind) {
      case 'Symbol': {
        const qualified = `${object.name}.${name}`;
        if (name === 'builder' && object.name && pysparkTail(object.name) === 'SparkSession') return this.derived(site, 'SessionBuilder', undefined);
        return makeValue('Symbol', { node, name: qualified });
      }
      case 'DataFrame':
        if (name === 'rdd') return this.derived(site, 'RDD', object.bound);
        if (name === 'write' || name === 'writeStream') return this.derived(site, 'Writer', object.bound);
        if (name === 'na') return this.derived(site, 'NaFunctions', object.bound);
        if (name === 'stat') return this.derived(site, 'StatFunctions', object.bound);
        if (name === 'columns' || name === 'dtypes') return makeValue('PyList', { node, bound: 'literal', parents: [object] });
        if (name === 'schema') return makeValue('Unknown', { node, parents: [object] });
        if (DATAFRAME_TRANSFORMS.has(name) || DATAFRAME_ACTIONS.has(name) || DATAFRAME_BINARY.has(name) || DATAFRAME_LIMITING.has(name) || DATAFRAME_GROUPING.has(name) || DATAFRAME_AGGREGATES.has(name)) {
          return makeValue('Unknown', { node, parents: [object], op: 'method' });
        }
        return this.derived(site, 'Column', undefined); // df.age
      case 'SparkSession':
        if (name === 'read') return this.derived(site, 'Reader', 'unbounded');
        // a stream: what it loads runs only as a query started by writeStream (rules ask isStreaming)
        if (name === 'readStream') return this.derived(site, 'Reader', 'unbounded', { facts: { streaming: true } });
        if (name === 'sparkContext') return this.state.global('sc') ?? this.derived(site, 'SparkContext', undefined);
        if (name === 'udf') return this.derived(site, 'UDFRegistration', undefined);
        return makeValue('Unknown', { node, parents: [object] });
      case 'Tuning':
      case 'Model':
        if (name === 'bestModel') return this.derived(site, 'Model', undefined, { name: 'BestModel' });
        if (name === 'stages') return makeValue('PyList', { node, parents: [object], elements: object.elements, op: 'stages' });
        if (object.kind === 'Model' && MODEL_DATAFRAME_ATTRIBUTES.has(name)) {
          // ALS's fit persists its factors (finalStorageLevel MEMORY_AND_DISK): actions on them do not fit again
          const factors = name === 'userFactors' || name === 'itemFactors';
          return this.derived(site, 'DataFrame', factors ? perTrainingKey(object) : 'aggregated', factors ? { cachedBy: object.node ?? node, facts: { perKey: true } } : {});
        }
        if (object.kind === 'Model' && name === 'summary') {
          // the training summary scores the rows the model was fitted on
          const trainedOn = object.op === 'fit' ? object.parents[1] : undefined;
          return this.derived(site, 'Summary', undefined, { parents: trainedOn ? [object, trainedOn] : [object] });
        }
        return makeValue('Unknown', { node, parents: [object] });
      case 'Summary': {
        const scored = object.parents.find((parent) => parent.kind === 'DataFrame');
        // the training summary's predictions are the model's output on its training rows: model.transform(train)
        const model = object.parents[0];
        if (name === 'predictions' && scored && model?.kind === 'Model') return makeValue('DataFrame', { node, bound: scored.bound, parents: [scored, model, object], op: 'transform' });
        if (SUMMARY_ROW_DATAFRAMES.has(name)) return this.derived(site, 'DataFrame', scored?.bound);
        if (SUMMARY_CURVE_DATAFRAMES.has(name)) return this.derived(site, 'DataFrame', 'aggregated');
        return makeValue('Unknown', { node, parents: [object] });
      }
      default: {
        const member = this.classMember(object, name);
        if (member) return member;
        // `self.spark` / `cls.sc` in a class of a pyspark file: the session and context by convention, like a `spark` parameter
        const owner = field(node, 'object');
        if (object.kind === 'Unknown' && owner?.type === 'identifier' && (name === 'spark' || name === 'sc') && ['self', 'cls'].includes(this.text(owner))) {
          return this.conventionalParameter(name, node);
        }
        return makeValue('Unknown', { node, parents: [object] });
      }
    }
  }

  /**
   * `Helpers.load` on a class of the file: the function its body defines under that name, when it takes its
   * arguments as written (a `@staticmethod`, or a plain function called on the class with the instance as
   * first argument), not a classmethod or a property. A UDF its body made (`@udf def f`) too.
   */
  private classMember(owner: Value, name: string): Value | undefined {
    const member = owner.kind === 'Unknown' ? classEnvs.get(owner)?.vars.get(name)?.value : undefined;
    if (member?.kind === 'UDF') return member;
    const definition = member?.kind === 'Function' ? member.fn?.node : undefined;
    if (!definition) return undefined;
    const decorated = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
    const decorators = decorated ? decorated.children.filter((child) => child.type === 'decorator') : [];
    return decorators.every((decorator) => /^@\s*staticmethod\s*$/.test(this.text(decorator))) ? member : undefined;
  }

  private subscript(node: PyNode, env: Env): Value {
    const object = field(node, 'value');
    const objectValue = object ? this.expr(object, env) : makeValue('Unknown');
    const subscripts = node.children.filter((child) => child.field === 'subscript');
    const keys = subscripts.map((sub) => this.expr(sub, env));
    const index = intValue(this.model.tree, subscripts[0]);
    if (index !== undefined && objectValue.elements) {
      const element = objectValue.elements[index < 0 ? objectValue.elements.length + index : index];
      if (element) return element;
    }
    // a dict literal read by a constant key (`QUERIES["daily"]`, `models["lr"]`, `models[best_name]` with `best_name = "lr"`)
    const key = subscripts.length === 1 ? writtenString(this.model.tree, unparenthesize(subscripts[0]!), keys[0]) : undefined;
    const entry = key === undefined ? undefined : this.entryOf(objectValue, key);
    if (entry) return entry;
    const perKey = subscripts.length === 1 && keys[0] ? this.entryPerKey(objectValue, keys[0], node) : undefined;
    if (perKey) return perKey;
    if (objectValue.kind === 'DataFrame') {
      // `df[df.x > 1]` is `df.filter(...)`, `df[["a", "b"]]` is `df.select(...)`; `df["a"]`, `df[0]` are columns
      const key = keys.length === 1 ? keys[0]! : undefined;
      const rows = key?.kind === 'Column' ? 'filter' : key?.kind === 'PyList' || key?.kind === 'PyTuple' ? 'select' : undefined;
      if (rows) return makeValue('DataFrame', { node, bound: objectValue.bound, parents: key!.parents.length ? [objectValue, key!] : [objectValue], op: rows });
      return makeValue('Column', { node, parents: [objectValue] });
    }
    if (objectValue.kind === 'PyList' && objectValue.op === 'collect') return makeValue('Row', { node, parents: [objectValue] });
    // a stage of a PipelineModel the file did not fit (`PipelineModel.load(path).stages[4]`): a fitted model of unknown class
    if (objectValue.kind === 'PyList' && objectValue.op === 'stages' && objectValue.parents[0]?.kind === 'Model') return makeValue('Model', { node, parents: [objectValue], op: 'stage' });
    if (objectValue.op === PANDAS_ON_SPARK) {
      // `psdf["age"]`, `psdf[psdf.age > 30]`, `psdf.loc[:, cols]`: as large; `psdf.iloc[:100]`, `psdf[:100]`: limited
      // a slice of `loc` is of labels (`loc[:"2024-01-01"]`), not a number of rows
      const first = subscripts[0];
      const byLabel = object?.type === 'attribute' && this.text(field(object, 'attribute') ?? object) === 'loc';
      const sliced = first?.type === 'slice' && !byLabel && limitsRows(this.text(first)) && objectValue.bound !== 'literal';
      return makeValue('Unknown', { node, bound: sliced ? 'limited' : objectValue.bound, parents: [objectValue], op: PANDAS_ON_SPARK });
    }
    return makeValue('Unknown', { node, parents: [objectValue] });
  }

  /**
   * `trained.items()` of a dict filled under keys the analysis cannot read (`trained[name] = pipeline.fit(train)`
   * in a loop): as many items as were stored, each the join of the values stored (its key unknown).
   */
  private viewOfStoredValues(dict: Value, method: 'items' | 'values', node: PyNode): Value {
    const stored = storedValues(dict);
    if (!stored.length) return makeValue('Unknown', { node, parents: [dict] });
    const value = stored.slice(1).reduce((joined, other) => joinValues(joined, other, node), stored[0]!);
    const element = method === 'values' ? value : makeValue('PyTuple', { node, elements: [makeValue('Unknown', { node }), value] });
    return makeValue('PyList', { node, parents: [element], op: STORED_VIEW });
  }

  /**
   * The value a dict literal holds under `key`: the last pair with the key (`{"d": a, "d": b}["d"]` is b);
   * of dicts joined from branches or loop passes (`for name, spec in results.items()` over dicts of one
   * shape), the join of what each holds.
   */
  private entryOf(dict: Value, key: string, depth = 0): Value | undefined {
    if (dict.entries) {
      for (let index = dict.entries.length - 1; index >= 0; index--) {
        const [candidate, entry] = dict.entries[index]!;
        if (candidate.node && stringValue(this.model.tree, candidate.node) === key) return entry;
      }
      return undefined;
    }
    if (dict.kind !== 'PyDict' || dict.op !== 'join-branches' || dict.facts?.[ITEMS_CHANGED] || depth > 8) return undefined;
    const held = dict.parents.map((branch) => this.entryOf(branch, key, depth + 1));
    if (!held.length || held.some((entry) => !entry)) return undefined;
    return held.reduce((joined, entry) => joinValues(joined!, entry!, dict.node))!;
  }

  /**
   * A dict read by a name holding one of several constant keys (`models[name]` in `for name in ["lr", "rf"]`):
   * the join of the entries under those keys.
   */
  private entryPerKey(dict: Value, key: Value, node: PyNode): Value | undefined {
    if (dict.kind !== 'PyDict' || key.kind !== 'PyScalar' || key.op !== 'join-branches') return undefined;
    const written: string[] = [];
    const visit = (value: Value, depth: number): boolean => {
      if (value.op !== 'join-branches') {
        const text = value.kind === 'PyScalar' ? stringValue(this.model.tree, value.node) : undefined;
        if (text !== undefined) written.push(text);
        return text !== undefined;
      }
      return depth < 8 && value.parents.every((branch) => visit(branch, depth + 1));
    };
    if (!visit(key, 0)) return undefined;
    const entries = written.map((text) => this.entryOf(dict, text));
    if (entries.some((entry) => !entry)) return undefined;
    return entries.slice(1).reduce((joined, entry) => joinValues(joined!, entry!, node), entries[0])!;
  }

  private comprehension(node: PyNode, env: Env): Value {
    const inner = new Env(env, 'comprehension');
    const body = field(node, 'body');
    for (const clause of node.children) {
      if (clause.type === 'for_in_clause') {
        const left = field(clause, 'left');
        const right = field(clause, 'right');
        const iterable = right ? this.expr(right, inner) : makeValue('Unknown');
        if (left) this.assignTarget(left, this.elementOf(iterable, clause), inner);
      } else if (clause.type === 'if_clause') {
        for (const child of namedChildren(clause)) this.expr(child, inner);
      }
    }
    const element = body ? this.expr(body, inner) : makeValue('Unknown');
    // `[StringIndexer(inputCol=c, ...) for c in cats]`: Pipeline stages of that kind (one stands for all)
    const stages = node.type === 'list_comprehension' && ML_STAGE_KINDS.has(element.kind) ? [element] : undefined;
    return makeValue(node.type === 'dictionary_comprehension' ? 'PyDict' : 'PyList', { node, parents: [element], elements: stages, op: 'comprehension' });
  }

  // ---- calls

  private call(node: PyNode, env: Env): Value {
    const parts = callParts(this.model.tree, node);
    if (!parts) return makeValue('Unknown', { node });
    let receiver: Value | undefined;
    let callee: Value;
    if (parts.receiver && parts.method) {
      receiver = this.expr(parts.receiver, env);
      callee = this.record(parts.callee, this.attribute(receiver, parts.method, parts.callee));
    } else {
      callee = this.expr(parts.callee, env);
    }
    const argValues = parts.positional.map((arg) => this.expr(arg, env));
    const keywordValues = new Map<string, Value>();
    for (const [name, arg] of parts.keywords) keywordValues.set(name, this.expr(arg, env));
    if (parts.argumentList && parts.hasStarArgs) {
      for (const arg of namedChildren(parts.argumentList)) {
        if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') for (const inner of namedChildren(arg)) this.expr(inner, env);
      }
    }
    if (receiver?.kind === 'PyList' && parts.receiver?.type === 'identifier' && (parts.method === 'append' || parts.method === 'extend')) {
      this.growBoundList(receiver, parts.receiver, parts.method === 'append' ? argValues : argValues[0]?.elements, node, env);
    }
    const mutators = receiver?.kind === 'PyDict' ? DICT_MUTATORS : receiver?.kind === 'PyList' ? LIST_MUTATORS : undefined;
    if (receiver && parts.receiver && parts.method && mutators?.has(parts.method)) this.itemsChanged(receiver, parts.receiver, env);
    if (receiver?.kind === 'Unknown' && !FOREIGN_FRAMES.has(receiver.op ?? '') && parts.method && parts.receiver && provesDataFrame(parts.method, argValues, keywordValues) && this.model.usesPyspark) {
      receiver = this.inferredDataFrame(receiver, parts.receiver, env);
      callee = this.record(parts.callee, this.attribute(receiver, parts.method, parts.callee));
    } else if (parts.method === 'createDataFrame' && (receiver?.kind === 'Unknown' || (receiver?.kind === 'Symbol' && !receiver.name?.startsWith('pyspark'))) && this.model.usesPyspark) {
      // `ExecEnv.SESSION.createDataFrame(rows)`: a session held where the model cannot follow it, such as
      // an attribute of an imported class (only a SparkSession or an SQLContext makes DataFrames so), its
      // DataFrame as large as the data given
      receiver = makeValue('SparkSession', { node: parts.receiver, parents: [receiver], op: 'inferred' });
      callee = this.record(parts.callee, this.attribute(receiver, parts.method, parts.callee));
    }
    const firstId = valueClock();
    const takenBefore = this.takenOverRanges.length;
    this.notRunCall = undefined;
    const ownMethod = receiver && parts.method ? this.ownMethod(receiver, parts, env) : undefined;
    let result = ownMethod && this.callFunction(ownMethod, parts, env, [receiver!, ...argValues], keywordValues, node, true);
    // an abstract hook (`raise NotImplementedError`) returns nothing: what it returns is left unknown
    if (result?.kind === 'None') result = undefined;
    if (result) callee = ownMethod!;
    else if (receiver && parts.method && receiver.kind !== 'Symbol') result = this.methodCall(receiver, parts.method, parts, argValues, keywordValues, node, env);
    else result = this.plainCall(callee, parts, argValues, keywordValues, node, env);
    this.forgetSelfAttributesAt(parts, callee, env);
    if (!this.silent) {
      const runs = callee.kind === 'Function' ? [[firstId, valueClock()] as const, ...this.takenOverRanges.slice(takenBefore)] : undefined;
      this.model.recordCall(node, { parts, receiver, callee, result, ...(runs ? { runs } : {}), ...(this.notRunCall === node ? { bodyNotRun: true as const } : {}) });
    }
    return result;
  }

  /**
   * `self.load()` in a method: a plain method of the same class, evaluated like a helper of the module with
   * `self` as its first argument, so the DataFrame it returns is followed. The method is the class body's
   * last binding of the name, as Python's is once the class is made: a `def` above or below the caller,
   * not a decorated one (a staticmethod has no `self`, a property is not called) nor an assignment
   * (`load = staticmethod(...)`). Not once `self` is rebound.
   */
  private ownMethod(receiver: Value, parts: CallParts, env: Env): Value | undefined {
    const method = methodEnv(env);
    const classEnv = method?.parent;
    if (!method || classEnv?.kind !== 'class' || parts.receiver?.type !== 'identifier' || this.text(parts.receiver) !== 'self' || method.vars.has(SELF_REBOUND)) return undefined;
    const known = this.classBodies.get(classEnv);
    if (!known || method.vars.get('self')?.value !== receiver) return undefined;
    const name = parts.method!;
    if (!known.methods.has(name)) known.methods.set(name, this.methodNamed(known.body, name, classEnv));
    return known.methods.get(name);
  }

  private methodNamed(body: PyNode, name: string, classEnv: Env): Value | undefined {
    const last = [...namedChildren(body)].reverse().find((statement) => this.bindsInClass(statement, name));
    if (last?.type !== 'function_definition') return undefined;
    const params = parameterNames(this.model.tree, last);
    if (params[0] !== 'self') return undefined;
    // the value its `def` bound, when that ran already (the method body is evaluated above the caller)
    const bound = classEnv.vars.get(name)?.value;
    if (bound?.fn?.node === last) return bound;
    return makeValue('Function', { node: last, fn: { node: last, params, closure: classEnv } });
  }

  /** A statement of a class body that binds `name`: its `def` (decorated or not) or an assignment to it. */
  private bindsInClass(statement: PyNode, name: string): boolean {
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (definition?.type === 'function_definition' || definition?.type === 'class_definition') return this.text(field(definition, 'name') ?? definition) === name;
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const target = assignment?.type === 'assignment' || assignment?.type === 'augmented_assignment' ? field(assignment, 'left') : undefined;
    const names = target?.type === 'identifier' ? [target] : (target ? namedChildren(target) : []);
    return names.some((identifier) => identifier.type === 'identifier' && this.text(identifier) === name);
  }

  /**
   * The dataset a pyspark.ml `fit`/`transform`/`evaluate` gets: only a DataFrame is accepted there, so a
   * name the model could not follow (a parameter without annotation) is narrowed to one, as for
   * `df.withColumn(...)` (inferredDataFrame). Not for pyspark.mllib's objects, which take RDDs.
   */
  private mlDataset(receiver: Value, args: Value[], keywords: Map<string, Value>, parts: CallParts, env: Env): Value | undefined {
    const [data, dataNode] = args[0] ? [args[0], parts.positional[0]] : [keywords.get('dataset'), parts.keywords.get('dataset')];
    // an mllib object, or a model fitted by one
    const mllib = !!receiver.facts?.mllib || (receiver.kind === 'Model' && !!receiver.parents[0]?.facts?.mllib);
    if (data?.kind === 'Unknown' && dataNode?.type === 'identifier' && !mllib && this.model.usesPyspark) return this.inferredDataFrame(data, dataNode, env);
    return data;
  }

  /**
   * `df.withColumn(...)` on a value the model could not follow (a parameter without annotation, a list
   * element, an attribute): only a Spark DataFrame has that method, so it is one, of unknown size. A name
   * bound to the value is narrowed to it from here on, as a type checker would.
   */
  private inferredDataFrame(unknown: Value, receiverNode: PyNode, env: Env): Value {
    const selfKey = this.selfAttributeKey(receiverNode, env);
    const binding = receiverNode.type === 'identifier' ? this.state.lookup(env, this.text(receiverNode)) : selfKey ? this.selfAttribute(receiverNode, env) : undefined;
    const narrowed = binding?.value === unknown ? binding : undefined;
    // the DataFrame comes from where the name was bound (a parameter, `df = frames[0]`), not from this use
    const value = makeValue('DataFrame', { node: narrowed?.node ?? receiverNode, parents: [unknown], op: 'inferred' });
    // `images = load_images().cache()`: the unknown value was cached where it was made
    const made = unknown.node?.type === 'call' ? callParts(this.model.tree, unknown.node) : undefined;
    if (made?.method === 'cache' || made?.method === 'persist') value.cachedBy = unknown.node;
    this.record(receiverNode, value);
    if (narrowed) {
      this.state.mutating(narrowed);
      narrowed.value = value;
    } else if (selfKey && !binding) {
      // `self.df.withColumn(...)` with `self.df` set in another method: this method's `self.df` from here on
      this.bindKey(env, selfKey, receiverNode, value);
    }
    return value;
  }

  /**
   * `self.df` in a method: the attribute is followed like a local name from an assignment in the same
   * method (`self.df = spark.read...`, then `self.df.collect()`), keyed `self.df` in the function's env
   * (never a Python name). What other methods assign is not followed, as they may run in any order,
   * except what only `__init__` assigns (selfAttribute).
   */
  private selfAttributeKey(node: PyNode, env: Env): string | undefined {
    if (node.type !== 'attribute') return undefined;
    const object = field(node, 'object');
    const attribute = field(node, 'attribute');
    if (object?.type !== 'identifier' || !attribute || this.text(object) !== 'self' || !methodEnv(env)) return undefined;
    return `self.${this.text(attribute)}`;
  }

  /**
   * The binding of `self.<name>` this function made, if it made one: not an enclosing function's (a nested
   * def, lambda or class may have its own `self`), and none after `self` is rebound (see bindKey).
   */
  private selfAttribute(node: PyNode, env: Env): Binding | undefined {
    const key = this.selfAttributeKey(node, env);
    const scope = key ? methodEnv(env) : undefined;
    if (!key || !scope) return undefined;
    const own = scope.vars.get(key);
    if (own || scope.vars.has(SELF_REBOUND)) return own;
    // an attribute only `__init__` assigns holds, in any other method, what `__init__` left there
    const value = scope.parent?.kind === 'class' ? this.initAttributes.get(scope.parent)?.values.get(key) : undefined;
    if (!value) return undefined;
    const binding: Binding = { name: key, version: 0, value, node, made: valueClock() };
    this.state.set(scope, key, binding);
    return binding;
  }

  /** After `__init__` ran: the values of the attributes only it assigns, for the class's other methods. */
  private keepInitAttributes(node: PyNode, closure: Env, fnEnv: Env): void {
    const name = node.type === 'function_definition' ? field(node, 'name') : undefined;
    const init = closure.kind === 'class' && name && this.text(name) === '__init__' ? this.initAttributes.get(closure) : undefined;
    if (!init || fnEnv.vars.has(SELF_REBOUND)) return;
    for (const [key, binding] of fnEnv.vars) if (init.keys.has(key)) init.values.set(key, binding.value);
  }

  /**
   * `self.load()`, `super().load()`, `helper(self)`, or a function defined in this method (a closure over
   * `self`): the call may set any attribute of `self`, so none is known after it.
   */
  private forgetSelfAttributesAt(parts: CallParts, callee: Value, env: Env): void {
    if (!methodEnv(env)?.vars.has('self')) return; // most calls are not in a method
    const isSelf = (node: PyNode | undefined) => node?.type === 'identifier' && this.text(node) === 'self';
    const isSuper = (node: PyNode | undefined) => node?.type === 'call' && this.text(field(node, 'function') ?? node) === 'super';
    if (isSelf(parts.receiver) || isSuper(parts.receiver) || parts.positional.some(isSelf) || [...parts.keywords.values()].some(isSelf) || this.isClosureOfMethod(callee, env)) {
      this.forgetSelfAttributes(env, parts.callee);
    }
  }

  private isClosureOfMethod(callee: Value, env: Env): boolean {
    const method = callee.kind === 'Function' ? methodEnv(env) : undefined;
    for (let scope = callee.fn?.closure as Env | undefined; method && scope; scope = scope.parent) if (scope.scope === method.scope) return true;
    return false;
  }

  private forgetSelfAttributes(env: Env, at: PyNode): void {
    const scope = methodEnv(env);
    if (!scope) return;
    for (const [key, binding] of scope.vars) {
      // unknown from here on; what it held before is kept as a fact, not as a parent (its rows are not
      // known to be in it), so a plan that keeps growing still shows (SPK301)
      if (key.startsWith('self.')) this.state.set(scope, key, { ...binding, value: makeValue('Unknown', { node: at, facts: { formerly: binding.value } }), made: valueClock() });
    }
  }

  /**
   * `stages.append(stage)` / `stages.extend([...])`: the list bound to the name in this scope holds the new
   * elements from here on (a Pipeline's stages built step by step). The statement writes the name, as a
   * branch join does (no new assignment is recorded): a module-level append is not a foreign mutation,
   * which would make every re-lint start over.
   */
  private growBoundList(list: Value, name: PyNode, added: readonly Value[] | undefined, node: PyNode, env: Env): void {
    const text = this.text(name);
    const binding = this.state.lookup(env, text);
    if (binding?.value !== list || env.vars.get(text) !== binding) return;
    this.state.set(env, text, { ...binding, value: grownList(list, added, node), made: valueClock() });
  }

  /** `isinstance(name, DataFrame)` (the builtin, pyspark's DataFrame) about a name the model could not follow. */
  private isDataFrameCheck(callee: Value, parts: CallParts, args: Value[]): boolean {
    if (callee.kind !== 'Unknown' || parts.callee.type !== 'identifier' || this.text(parts.callee) !== 'isinstance') return false;
    if (args.length !== 2 || args[0]!.kind !== 'Unknown' || parts.positional[0]?.type !== 'identifier') return false;
    const type = args[1]!;
    // pyspark.sql.DataFrame, pyspark.sql.dataframe.DataFrame, pyspark.sql.connect.dataframe.DataFrame
    return type.kind === 'Symbol' && !!type.name?.startsWith('pyspark.sql.') && type.name.endsWith('.DataFrame');
  }

  /** An estimator, transformer, evaluator or tuning object made by `Name(...)`, with a Pipeline's or tuner's stages. */
  private mlObject(kind: ValueKind, name: string, node: PyNode, stages?: Value): Value {
    const value = makeValue(kind, { node, name, op: name, elements: stages?.elements, parents: stages ? [stages] : [] });
    if (this.recordsFlow()) this.model.mlObjects.push(value);
    return value;
  }

  /**
   * The size of `small.join(other, keys, how)` when `small` was limited: a semi or anti join keeps at most
   * its rows; an inner or left join on keys as many times as keys match, not known (a lookup of names
   * for the top 3 rows, or every event of 3 users). Otherwise the larger of the two sides (`both`).
   */
  private joinBound(parts: CallParts, receiver: Value, both: Boundedness | undefined): Boundedness | undefined {
    // only rows cut by a `limit` (or `sample`) are few for sure: an aggregate may have a row per user, and a
    // DataFrame made on the driver may hold every user collected there
    if (receiver.bound !== 'limited') return both;
    const on = parts.positional[1] ?? parts.keywords.get('on');
    const howNode = parts.positional[2] ?? parts.keywords.get('how');
    const how = howNode ? stringValue(this.model.tree, howNode)?.toLowerCase().replace(/_/g, '') : 'inner';
    if (how === 'semi' || how === 'leftsemi' || how === 'anti' || how === 'leftanti') return receiver.bound;
    // both sides small: the result is too (at most n × m rows)
    if (both !== undefined && both !== 'unbounded') return both;
    const keyed = on && on.type !== 'none' && !(on.type === 'list' && !namedChildren(on).length);
    if (keyed && (how === 'inner' || how === 'left' || how === 'leftouter')) return undefined;
    return both;
  }

  /**
   * `sample(fraction=1.0)`, `sample(False, 1.0)`: a fraction of 1 or more keeps every row (or more, with
   * replacement), however it is spelt; a smaller one is a sample.
   */
  private samplesAll(parts: CallParts): boolean {
    const first = parts.positional[0];
    const fraction = parts.keywords.get('fraction') ?? (first && (first.type === 'true' || first.type === 'false') ? parts.positional[1] : first);
    const number = fraction && (fraction.type === 'float' || fraction.type === 'integer') ? Number(this.text(fraction)) : NaN;
    return number >= 1;
  }

  /**
   * A filter by one value of the frame's key (a conjunct of it, `(key == v) & (...)`): ALS's per-key output
   * by any column but the vectors it holds, a read of a table or folder by its entity's own key (isOwnKey).
   */
  private looksUpOneKey(frame: Value, condition: PyNode): boolean {
    const keys = this.columnsEqualToValues(condition);
    if (!keys.length) return false;
    // through steps that keep the rows and only pick columns (`select("id", "features")`), not ones that make a
    // column a filter could then test (`withColumn("top_item", ...)`, `select(F.explode(...))`)
    let keyed: Value | undefined = frame;
    while (keyed && !keyed.facts?.perKey && keyed.kind === 'DataFrame' && this.picksColumns(keyed)) keyed = keyed.parents[0];
    if (keyed?.facts?.perKey) return keys.some((key) => key !== 'recommendations' && key !== 'features');
    const source = this.readSource(frame);
    return source !== undefined && keys.some((key) => isOwnKey(source, key));
  }

  /**
   * `col("rn") <= 5` (or `< n`, `== 1`, `df.rn`, SQL text `"rn <= 5"`) of a column an earlier step made with a
   * ranking window function (`withColumn("rn", F.row_number().over(w))`), n at most 1000.
   */
  private keepsTopRanked(frame: Value, condition: PyNode): boolean {
    const tree = this.model.tree;
    const text = stringValue(tree, unparenthesize(condition)) ?? tree.text.slice(condition.startIndex, condition.endIndex);
    const kept = TOP_RANKED.exec(text.trim());
    if (!kept || Number(kept[5]) > 1000) return false;
    const column = kept[1] ?? kept[2] ?? kept[3];
    for (let value: Value | undefined = frame, depth = 0; value?.kind === 'DataFrame' && depth < 20; value = value.parents[0], depth++) {
      if (value.op !== 'withColumn' || !value.node) continue;
      const written = this.model.callAt(value.node)?.parts;
      if (stringValue(tree, written?.positional[0]) !== column) continue;
      const expression = written?.positional[1];
      return !!expression && RANKING_WINDOW.test(tree.text.slice(expression.startIndex, expression.endIndex));
    }
    return false;
  }

  /** A step that keeps every row and only picks existing columns: `select("id", "features")`, `drop`, `alias`. */
  private picksColumns(frame: Value): boolean {
    if (frame.op === 'drop' || frame.op === 'alias' || frame.op === 'hint') return true;
    if (frame.op !== 'select' || frame.node?.type !== 'call') return false;
    const parts = this.model.callAt(frame.node)?.parts;
    return !!parts && !parts.hasStarArgs && parts.positional.length > 0 && parts.positional.every((column) => column.type === 'string' && stringValue(this.model.tree, column) !== undefined);
  }

  /** The columns a condition sets equal to one value each (`col("user_id") == 42`, `df.id == user`), through `&`. */
  private columnsEqualToValues(condition: PyNode): string[] {
    const node = unparenthesize(condition);
    // SQL text: `filter("user_id = 42")`
    const sql = stringValue(this.model.tree, node);
    if (sql !== undefined) {
      const key = /^\s*`?(\w+)`?\s*==?\s*(?:-?\d+(?:\.\d+)?|'[^']*')\s*$/.exec(sql)?.[1];
      return key === undefined ? [] : [key];
    }
    if (node.type === 'binary_operator' && node.children.some((child) => child.type === '&')) {
      return namedChildren(node).flatMap((side) => this.columnsEqualToValues(side));
    }
    if (node.type !== 'comparison_operator' || !node.children.some((child) => child.type === '==')) return [];
    const sides = namedChildren(node);
    if (sides.length !== 2) return [];
    const column = (side: PyNode) => (side.type === 'string' ? undefined : columnNameOf(this.model, side));
    // a literal, or a name or item holding a value (`ORDER_ID = sys.argv[1]`), not another column
    const isValue = (side: PyNode) => SCALAR_LITERALS.has(side.type) || side.type === 'string' ||
      ((side.type === 'identifier' || side.type === 'subscript') && !['Column', 'DataFrame'].includes(this.model.valueOf(side)?.kind ?? ''));
    const key = isValue(sides[1]!) ? column(sides[0]!) : isValue(sides[0]!) ? column(sides[1]!) : undefined;
    return key === undefined ? [] : [key];
  }

  /** The entity a read names: the table of `spark.table("silver.orders")`, the folder or file of `read.parquet(".../orders/")`. */
  private readSource(frame: Value): string | undefined {
    const record = frame.node?.type === 'call' ? this.model.callAt(frame.node) : undefined;
    const reads = record && (record.receiver?.kind === 'Reader' || (record.parts.method === 'table' && record.receiver?.kind === 'SparkSession'));
    const name = reads ? writtenString(this.model.tree, record.parts.positional[0], this.model.valueOf(record.parts.positional[0])) : undefined;
    if (!name) return undefined;
    if (!name.includes('/')) return name.split('.').pop();
    return name.replace(/\/+$/, '').split('/').pop()!.replace(/\.\w+$/, '');
  }

  /**
   * A `select` of named columns (`select("day")`, `select(F.col("a"), "b")`; not `"*"` or expressions), none
   * of them with about a value per row (isHighCardinalityColumn: `user_id`, `event_time`): the keys of a
   * distinct that has a row per key, as a `groupBy` of them does.
   */
  private selectsColumns(frame: Value): boolean {
    if (frame.op !== 'select' || !frame.node) return false;
    const parts = callParts(this.model.tree, frame.node);
    if (!parts || !parts.positional.length || parts.hasStarArgs || parts.keywords.size) return false;
    return parts.positional.every((arg) => {
      // a name bound to literal column names: `for column in ["sex", "smoker"]`, `for column, allowed in EXPECTED.items()`
      const literals = arg.type === 'identifier' ? literalNodes(this.model.valueOf(arg)) : undefined;
      const names = literals ? literals.map((literal) => stringValue(this.model.tree, literal)) : [columnNameOf(this.model, arg)];
      return names.every((name) => name !== undefined && name !== '*' && !name.endsWith('.*') && !isHighCardinalityColumn(name));
    });
  }

  /**
   * `rdd.map(lambda r: r.label)` or `r["label"]`: the rows' field of one name, without about a value per
   * row (isHighCardinalityColumn), the keys of a distinct as in selectsColumns.
   */
  private mapsToField(rdd: Value): boolean {
    if (rdd.op !== 'map' || !rdd.node) return false;
    const mapper = callParts(this.model.tree, rdd.node)?.positional[0];
    const parameters = mapper?.type === 'lambda' ? parameterNames(this.model.tree, mapper) : [];
    const body = mapper && field(mapper, 'body');
    if (parameters.length !== 1 || !body || (body.type !== 'attribute' && body.type !== 'subscript')) return false;
    const row = field(body, body.type === 'attribute' ? 'object' : 'value');
    if (row?.type !== 'identifier' || this.text(row) !== parameters[0]) return false;
    const index = body.type === 'subscript' ? body.children.filter((child) => child.field === 'subscript') : [];
    const name = body.type === 'attribute' ? this.text(field(body, 'attribute') ?? body) : index.length === 1 ? stringValue(this.model.tree, index[0]) : undefined;
    return name !== undefined && !isHighCardinalityColumn(name);
  }

  /** A value made by `receiver.method(args)`, derived from the receiver and any data arguments. */
  private derived(site: CallSite, kind: ValueKind, bound: Boundedness | undefined, extra: Partial<Value> = {}): Value {
    const parents = [site.receiver];
    // data arguments, and values computed from data (statistics, columns built from them) flow into the result
    for (const arg of site.args) if (arg.kind === 'DataFrame' || arg.kind === 'RDD' || (arg.parents.length > 0 && arg.kind !== 'Unknown')) parents.push(arg);
    return makeValue(kind, { node: site.node, bound, parents, op: site.method, ...extra });
  }

  /** An action: recorded for the rules that count jobs, then a derived value. */
  private action(site: CallSite, kind: ValueKind, bound?: Boundedness): Value {
    if (this.recordsFlow()) this.model.actions.push({ call: site.node, method: site.method, receiver: site.receiver, inline: this.inlineDepth > 0 });
    return this.derived(site, kind, bound);
  }

  private methodCall(receiver: Value, method: string, parts: CallParts, args: Value[], keywords: Map<string, Value>, node: PyNode, env: Env): Value {
    const tree = this.model.tree;
    const site: CallSite = { node, receiver, args, method };
    const pandasOnSpark = receiver.kind === 'Unknown' ? pandasOnSparkMethod(receiver.op, receiver.bound, method) : undefined;
    if (pandasOnSpark) {
      const op = pandasOnSpark.kind === 'DataFrame' ? 'to_spark' : pandasOnSpark.op;
      return makeValue(pandasOnSpark.kind === 'DataFrame' ? 'DataFrame' : 'Unknown', { node, bound: pandasOnSpark.bound, parents: [receiver], op });
    }
    // Databricks Feature Store: a client's `read_table(name=...)` reads the feature table; a training set's
    // `load_df()` is the labels joined with the looked-up features, as many rows as the labels
    if (receiver.op === FEATURE_STORE_CLIENT) {
      if (method === 'read_table') return this.derived(site, 'DataFrame', 'unbounded');
      if (method === 'create_training_set') {
        const labels = keywords.get('df') ?? args[0];
        return makeValue('Unknown', { node, bound: labels?.kind === 'DataFrame' ? labels.bound : undefined, parents: labels ? [labels] : [], op: FEATURE_TRAINING_SET });
      }
    }
    if (receiver.op === FEATURE_TRAINING_SET && method === 'load_df') {
      return makeValue('DataFrame', { node, bound: receiver.bound, parents: receiver.parents.length ? receiver.parents : [receiver], op: 'load_df' });
    }
    if (receiver.op === DELTA_TABLE) {
      if (method === 'toDF') return this.derived(site, 'DataFrame', receiver.bound);
      // a row per commit, a row of the table's details
      if (method === 'history' || method === 'detail') return this.derived(site, 'DataFrame', 'aggregated');
      if (method === 'alias') return receiver;
      // `merge(source, condition)`: a builder; `execute()` computes the source in full
      if (method === 'merge') {
        let source = args[0] ?? keywords.get('source');
        while (source?.kind === 'DataFrame' && source.op === 'alias' && source.parents[0]) source = source.parents[0];
        return makeValue('Unknown', { node, parents: source ? [source] : [], op: DELTA_MERGE });
      }
    }
    if (receiver.op === DELTA_MERGE) {
      const source = receiver.parents[0];
      if (method !== 'execute') return receiver; // whenMatched(...).update(...), whenNotMatchedInsertAll(), ...
      if (source?.kind === 'DataFrame' && this.recordsFlow()) this.model.actions.push({ call: node, method: 'merge', receiver: source, inline: this.inlineDepth > 0 });
      return this.derived(site, 'None', undefined);
    }
    const glue = receiver.kind === 'Unknown' ? glueMethodResult(receiver.op, method) : undefined;
    if (glue) {
      const isFrame = receiver.op === DYNAMIC_FRAME || receiver.op === DYNAMIC_FRAME_COLLECTION;
      const read = isFrame ? undefined : readsItsArgument(method) ? (args[0] ?? keywords.get('data'))?.bound : 'unbounded';
      const partitions = isFrame ? glueSinglePartitionFlow(method, intValue(tree, parts.positional[0] ?? parts.keywords.get('num_partitions'))) : undefined;
      const frame = this.glueFrame(glue, [receiver, ...args, ...keywords.values()], node, read, partitions);
      if (!isFrame && this.isGlueStreamingRead(parts, keywords)) setFact(frame, 'streaming', true);
      return frame;
    }
    switch (receiver.kind) {
      case 'DataFrame': {
        if (TO_PANDAS_ON_SPARK.has(method)) return makeValue('Unknown', { node, bound: receiver.bound, parents: [receiver], op: PANDAS_ON_SPARK });
        if (method === 'cache' || method === 'persist') {
          this.cache(receiver, node);
          return receiver;
        }
        if (method === 'randomSplit') return this.randomSplit(receiver, args[0] ?? keywords.get('weights'), node);
        if (method === 'coalesce' || method === 'repartition') {
          const partitions = intValue(tree, parts.positional[0] ?? parts.keywords.get('numPartitions'));
          const result = this.derived(site, 'DataFrame', receiver.bound);
          if (partitions === 1 && parts.positional.length <= 1) setFact(result, 'singlePartition', node);
          return result;
        }
        if (method === 'selectExpr' && parts.positional.length && !parts.hasStarArgs && parts.positional.every((arg) => isAggregateSql(stringValue(tree, arg)))) {
          return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated')); // `selectExpr("sum(id)")`: one row
        }
        if (method === 'select' && args.length && !parts.hasStarArgs && args.every(isAggregateColumns)) {
          return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated')); // `select(F.max("ts"))`: one row
        }
        // `select(F.explode("values"))` of an aggregate (`collect_list` per key) makes rows again, as many as it gathered
        if (method === 'select' && receiver.bound === 'aggregated' && args.some((arg) => arg.kind === 'Column' && GENERATORS.has(arg.op ?? ''))) {
          return this.derived(site, 'DataFrame', 'unbounded');
        }
        // `select("day").distinct()`: a row per distinct key, as many as `groupBy("day").count()` has
        if ((method === 'distinct' || ((method === 'dropDuplicates' || method === 'drop_duplicates') && !args.length)) && this.selectsColumns(receiver)) {
          return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated'));
        }
        // a lookup of one key: of ALS's recommendations or factors (a row per user or item), or of a table or
        // folder by its entity's own key (`orders.filter(orders.order_id == ORDER_ID)`), as `spark.sql` finds it
        // in `WHERE order_id = 1`; the job still reads it all, only the rows it returns are few
        // the top n rows of each group by a ranking window (`row_number().over(w)` then `col("rn") <= 5`): a few per group
        if ((method === 'filter' || method === 'where') && parts.positional.length === 1 && this.keepsTopRanked(receiver, parts.positional[0]!)) {
          return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated'));
        }
        if ((method === 'filter' || method === 'where') && parts.positional.length === 1 && this.looksUpOneKey(receiver, parts.positional[0]!)) {
          return this.derived(site, 'DataFrame', receiver.bound, { facts: { keyLookup: true } });
        }
        if (DATAFRAME_TRANSFORMS.has(method)) {
          const result = this.derived(site, 'DataFrame', receiver.bound);
          // `coalesce(1).withColumn(...)`: a step within each partition keeps the one partition
          if (receiver.facts?.singlePartition && PARTITION_KEEPING.has(method)) setFact(result, 'singlePartition', receiver.facts.singlePartition);
          return result;
        }
        if (DATAFRAME_BINARY.has(method)) {
          const other = args[0] ?? keywords.get('other');
          const bound = other && other.kind === 'DataFrame' ? maxBound(receiver.bound, other.bound) : undefined;
          return this.derived(site, 'DataFrame', method === 'join' ? this.joinBound(parts, receiver, bound) : bound);
        }
        if (DATAFRAME_LIMITING.has(method)) return this.derived(site, 'DataFrame', method === 'sample' && this.samplesAll(parts) ? receiver.bound : minBound(receiver.bound, 'limited'));
        if (DATAFRAME_GROUPING.has(method)) return this.derived(site, 'GroupedData', receiver.bound);
        if (DATAFRAME_AGGREGATES.has(method)) return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated'));
        if (method === 'collect' || method === 'take' || method === 'tail' || method === 'toLocalIterator') return this.action(site, 'PyList', receiver.bound);
        if (method === 'head') return this.action(site, parts.positional.length || parts.keywords.size ? 'PyList' : 'Row');
        if (method === 'first') return this.action(site, 'Row');
        if (method === 'toPandas') return this.action(site, 'PandasDataFrame', receiver.bound);
        if (method === 'count' || method === 'isEmpty') return this.action(site, 'PyScalar', 'literal');
        if (method === 'approxQuantile' || method === 'corr' || method === 'cov') return this.action(site, 'PyList', 'aggregated');
        if (TEMP_VIEW_METHODS.has(method)) {
          this.registerView(stringValue(tree, parts.positional[0] ?? parts.keywords.get('name') ?? parts.keywords.get('tableName')), receiver.bound);
          return makeValue('None', { node });
        }
        if (DATAFRAME_ACTIONS.has(method)) return this.action(site, 'None');
        return makeValue('Unknown', { node, parents: [receiver] });
      }
      case 'GroupedData':
        if (method === 'pivot') return this.derived(site, 'GroupedData', receiver.bound);
        if (GROUPED_AGGREGATES.has(method)) return this.derived(site, 'DataFrame', minBound(receiver.bound, 'aggregated'));
        if (method === 'applyInPandas' || method === 'apply' || method === 'applyInArrow') return this.derived(site, 'DataFrame', receiver.bound);
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'NaFunctions':
        return this.derived(site, 'DataFrame', receiver.bound);
      case 'StatFunctions':
        return this.derived(site, 'PyList', 'aggregated');
      case 'RDD': {
        if (method === 'cache' || method === 'persist') {
          this.cache(receiver, node);
          return receiver;
        }
        if (method === 'toDF') return this.derived(site, 'DataFrame', receiver.bound);
        if (method === 'randomSplit') return this.randomSplit(receiver, args[0] ?? keywords.get('weights'), node);
        // `data.map(lambda lp: lp.label).distinct()`: a row per value of one named field, as the DataFrame's `select("label").distinct()`
        if (method === 'distinct' && this.mapsToField(receiver)) return this.derived(site, 'RDD', minBound(receiver.bound, 'aggregated'));
        if (method === 'collect' || method === 'toLocalIterator') return this.action(site, 'PyList', receiver.bound);
        if (RDD_ACTIONS.has(method)) return this.action(site, method === 'take' || method === 'takeOrdered' || method === 'top' ? 'PyList' : 'PyScalar');
        if (method === 'sample') return this.derived(site, 'RDD', this.samplesAll(parts) ? receiver.bound : minBound(receiver.bound, 'limited'));
        if (RDD_AGGREGATES.has(method)) return this.derived(site, 'RDD', minBound(receiver.bound, 'aggregated'));
        // `groupByKey().mapValues(sum)`, or a mean and a median: one small value per key, like reduceByKey
        // (`mapValues(list)` keeps every value)
        if (method === 'mapValues' && receiver.facts?.grouped && summarizesValues(tree, parts.positional[0], args[0]?.fn?.node)) {
          return this.derived(site, 'RDD', minBound(receiver.bound, 'aggregated'));
        }
        // `rdd.groupBy(k).map(lambda kv: (kv[0], len(kv[1])))`: the same, on the (key, values) pairs
        if (method === 'map' && receiver.facts?.grouped && summarizesGroups(tree, parts.positional[0])) return this.derived(site, 'RDD', minBound(receiver.bound, 'aggregated'));
        // `mapPartitions(f)` with `f` returning a few rows for its partition: one small row set per partition
        if (method === 'mapPartitions' && summarizesPartition(args[0]?.fn?.node)) return this.derived(site, 'RDD', minBound(receiver.bound, 'aggregated'));
        if (RDD_TRANSFORMS.has(method)) return this.derived(site, 'RDD', receiver.bound, method === 'groupByKey' || method === 'groupBy' ? { facts: { grouped: node } } : {});
        return makeValue('Unknown', { node, parents: [receiver] });
      }
      case 'SparkSession':
        if (method === 'table') {
          const name = stringValue(tree, parts.positional[0] ?? parts.keywords.get('tableName'));
          return this.derived(site, 'DataFrame', (name !== undefined && this.state.view(viewName(name))) || 'unbounded');
        }
        if (method === 'sql') {
          // the query written in the call, or held in a name (`per_user = "SELECT ... GROUP BY userId"`; a
          // template filled in, `"... {}".format(day)`, is a value the model does not follow, read from its text)
          const query = args[0] ?? keywords.get('sqlQuery');
          const held = query?.kind === 'PyScalar' || (query?.kind === 'Unknown' && (query.node?.type === 'call' || query.node?.type === 'binary_operator')) ? query.node : undefined;
          const sql = sqlText(tree, parts.positional[0] ?? parts.keywords.get('sqlQuery')) ?? sqlText(tree, held);
          // or one of a loop's literal queries (`for name, query in QUERIES.items(): spark.sql(query.format(day=day))`)
          const queries = sql === undefined && query ? queryChoices(tree, query) : [sql];
          const viewBound = (name: string) => this.state.view(name);
          // a lookup by the table's own key returns a row or a few, though the query reads the whole table
          const facts = {
            ...(queries.every(isPrimaryKeyLookupSql) ? { keyLookup: true } : {}),
            ...(queries.every(endsWithLimit) ? { limitClause: true } : {}),
            // `def run_sql(sql): return spark.sql(sql).collect()`: the query is the callers' (read at each call run inline)
            ...(query && queryParameter(tree, query) ? { queryFromCaller: queryParameter(tree, query) } : {}),
          };
          return this.derived(site, 'DataFrame', largestBound(queries.map((each) => sqlBound(each, viewBound))), Object.keys(facts).length ? { facts } : {});
        }
        if (method === 'range') return this.derived(site, 'DataFrame', this.rangeBound(parts, args));
        if (method === 'createDataFrame') {
          const data = args[0] ?? keywords.get('data');
          const bound: Boundedness = data && isData(data) ? (data.bound ?? 'unbounded') : 'literal';
          return this.derived(site, 'DataFrame', bound);
        }
        if (method === 'newSession' || method === 'getActiveSession') return receiver;
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'SparkContext':
        if (method === 'parallelize') {
          const data = args[0];
          return this.derived(site, 'RDD', data && data.bound === 'literal' ? 'literal' : 'limited');
        }
        if (method === 'range') return this.derived(site, 'RDD', this.rangeBound(parts, args));
        if (['textFile', 'wholeTextFiles', 'binaryFiles', 'sequenceFile', 'hadoopFile', 'newAPIHadoopFile', 'pickleFile', 'objectFile'].includes(method)) {
          return this.derived(site, 'RDD', 'unbounded');
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'SessionBuilder':
        if (method === 'getOrCreate' || method === 'create') {
          if (!this.silent) this.markJobFile();
          return this.state.global('spark') ?? this.derived(site, 'SparkSession', undefined);
        }
        return receiver;
      case 'Reader': {
        if (READER_CONFIG.has(method)) {
          const result = this.derived(site, 'Reader', 'unbounded');
          result.facts = { ...receiver.facts };
          if (method === 'option' && stringValue(tree, parts.positional[0])?.toLowerCase() === 'inferschema' && writtenTrue(tree, parts.positional[1], args[1])) {
            setFact(result, 'inferSchemaOption', node);
          }
          if (method === 'options' && writtenTrue(tree, parts.keywords.get('inferSchema'), keywords.get('inferSchema'))) setFact(result, 'inferSchemaOption', parts.keywordNodes.get('inferSchema'));
          // `.option(k, v)` / `.options(k=v, ...)`: the read's options, for rules that reproduce what the read does
          const key = method === 'option' && parts.positional.length === 2 ? stringValue(tree, parts.positional[0]) : undefined;
          const set: Array<[string, PyNode | undefined]> = key ? [[key, parts.positional[1]]] : method === 'options' ? [...parts.keywords] : [];
          if (set.length) {
            const options: Record<string, string | null> = { ...(result.facts?.options as ReaderOptions | undefined) };
            for (const [name, value] of set) options[name.toLowerCase()] = optionText(tree, value);
            setFact(result, 'options', options);
          }
          // a JDBC read's `dbtable`/`query` option, kept as written (or as held in a name) for its size
          const pushdown = key && JDBC_QUERY_OPTIONS.has(key.toLowerCase()) ? args[1] : method === 'options' ? [...keywords].find(([name]) => JDBC_QUERY_OPTIONS.has(name.toLowerCase()))?.[1] : undefined;
          if (pushdown) setFact(result, 'pushdown', pushdown);
          // the format as written or held in a constant (`FORMAT = "com.databricks.spark.csv"`)
          if (method === 'format') setFact(result, 'format', sourceFormat(writtenString(tree, parts.positional[0], args[0])));
          if (method === 'schema') setFact(result, 'schema', true);
          return result;
        }
        if (READER_LOADS.has(method)) {
          const format = method === 'load' ? receiver.facts?.format : method;
          // `read.jdbc(url, table="(SELECT min(id), max(id) FROM orders) bounds")`: the database runs the query
          const pushdown = method === 'jdbc' ? (keywords.get('table') ?? args[1]) : format === 'jdbc' ? (receiver.facts?.pushdown as Value | undefined) : undefined;
          const bound = pushdown ? pushdownBound(tree, pushdown) : 'unbounded';
          return this.derived(site, 'DataFrame', bound, { facts: { ...receiver.facts, format } });
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      }
      case 'Writer':
        if (WRITER_CONFIG.has(method)) {
          const result = this.derived(site, 'Writer', receiver.bound, { facts: receiver.facts });
          if (method === 'format' || method === 'queryName') setFact(result, method, stringValue(tree, parts.positional[0]));
          return result;
        }
        // a memory sink keeps the stream's output in the driver as a table named by queryName: small by design
        if (method === 'start' && receiver.facts?.format === 'memory' && typeof receiver.facts.queryName === 'string') this.registerView(receiver.facts.queryName, 'limited');
        if (WRITER_SAVES.has(method)) {
          // a batch write is an action on the DataFrame (`df.write.mode(...).parquet(...)`); a stream's start is not
          let written: Value | undefined = receiver;
          while (written?.kind === 'Writer' && written.op !== 'writeStream') written = written.parents[0];
          if (written?.kind === 'DataFrame' && this.recordsFlow()) this.model.actions.push({ call: node, method: `write.${method}`, receiver: written, inline: this.inlineDepth > 0 });
        }
        return this.derived(site, 'None', undefined);
      case 'UDFRegistration':
        if (method === 'register') {
          const fn = args[1] ?? keywords.get('f');
          if (fn && (fn.kind === 'Function' || fn.kind === 'UDF')) {
            const udf = makeValue('UDF', {
              node, op: 'register',
              udf: { flavor: fn.udf?.flavor ?? 'python', implementation: (this.wrappedFunction(fn) ?? fn).fn?.node ?? fn.udf?.implementation, anchor: node },
            });
            if (!this.silent && fn.kind === 'Function') this.model.udfs.push(udf);
            return udf;
          }
          // `register("clean", clean)` of a name not known here (defined further down, imported): a Python
          // UDF, as `udf(clean)` is (the rules look the function up in the file: udfAnalysis.definedLater)
          const fnNode = parts.positional[1] ?? parts.keywords.get('f');
          if (fn?.kind === 'Unknown' && fnNode?.type === 'identifier') {
            const udf = makeValue('UDF', { node, op: 'register', udf: { flavor: 'python', anchor: node } });
            if (!this.silent) this.model.udfs.push(udf);
            return udf;
          }
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'WindowSpec':
        return this.windowSpec(method, parts, node, receiver);
      case 'Estimator':
      case 'Tuning':
        if (receiver.facts?.sklearn) return this.sklearnMethod(receiver, method, args, node);
        if (method === 'fit') {
          const data = this.mlDataset(receiver, args, keywords, parts, env);
          const modelName = receiver.name ? `${receiver.name}Model` : undefined;
          const model = makeValue('Model', { node, name: modelName, parents: data ? [receiver, data] : [receiver], op: 'fit', elements: receiver.elements });
          if (this.recordsFlow()) this.model.mlObjects.push(model);
          return model;
        }
        if (method === 'setStages' || method === 'setEstimator') {
          // `Pipeline().setStages([indexer, assembler, lr])` is `Pipeline(stages=[...])`; likewise a tuning's estimator
          this.mutating(receiver);
          receiver.elements = (args[0] ?? keywords.get('value'))?.elements;
          return receiver;
        }
        if (method.startsWith('set')) {
          this.setFact(receiver, method, parts.positional[0] ?? node);
          return receiver;
        }
        if (method === 'copy') return receiver;
        if (method === 'transform' && receiver.kind === 'Estimator') {
          // Spark 2's OneHotEncoder was a Transformer (`OneHotEncoder(...).transform(df)`, still in tutorials):
          // its output is the data it was given, with a column more
          const data = this.mlDataset(receiver, args, keywords, parts, env);
          return makeValue('DataFrame', { node, bound: data?.kind === 'DataFrame' ? data.bound : undefined, parents: data ? [data, receiver] : [receiver], op: 'transform' });
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'Model':
      case 'Transformer':
        if (method === 'transform' || (method === 'evaluate' && receiver.kind === 'Model')) {
          const data = this.mlDataset(receiver, args, keywords, parts, env);
          const scored = makeValue('DataFrame', { node, bound: data?.kind === 'DataFrame' ? data.bound : undefined, parents: data ? [data, receiver] : [receiver], op: 'transform' });
          if (method === 'transform') return scored;
          // LinearRegressionModel.evaluate(test) and friends: the model scores `test` and summarises the metrics
          if (this.recordsFlow()) this.model.actions.push({ call: node, method, receiver: scored, inline: this.inlineDepth > 0 });
          return makeValue('Summary', { node, parents: [scored], op: 'evaluate' });
        }
        if (receiver.kind === 'Model' && MODEL_DATAFRAME_METHODS.has(method)) {
          // a row per user or item: of the training data (recommendForAllUsers), or of the subset given
          if (method === 'recommendForAllUsers' || method === 'recommendForAllItems') return this.derived(site, 'DataFrame', perTrainingKey(receiver), { facts: { perKey: true } });
          const subset = method === 'recommendForUserSubset' || method === 'recommendForItemSubset' ? args[0] ?? keywords.get('dataset') : undefined;
          return this.derived(site, 'DataFrame', subset?.kind === 'DataFrame' ? subset.bound : 'aggregated');
        }
        if (method.startsWith('set')) {
          this.setFact(receiver, method, parts.positional[0] ?? node);
          return receiver;
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'Evaluator':
        if (method === 'evaluate') {
          if (this.recordsFlow()) this.model.actions.push({ call: node, method, receiver: args[0] ?? receiver, evaluator: receiver, inline: this.inlineDepth > 0 });
          return makeValue('PyScalar', { node, parents: [receiver, ...args], op: 'evaluate' });
        }
        if (method.startsWith('set')) {
          this.setFact(receiver, method, parts.positional[0] ?? node);
          // every `setRawPredictionCol(...)` call, not only the last (SPK006 reads each: one may precede an evaluate)
          if (method === 'setRawPredictionCol') this.setFact(receiver, RAW_PREDICTION_SETTERS, [...((receiver.facts?.[RAW_PREDICTION_SETTERS] as PyNode[] | undefined) ?? []), node]);
          return receiver;
        }
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'PyList':
        if (method === 'copy') return receiver;
        return makeValue('Unknown', { node, parents: [receiver] });
      case 'PyDict': {
        // `for name, estimator in models.items():` binds both (values(), keys() likewise)
        const entries = receiver.entries;
        if (!entries && !args.length && (method === 'items' || method === 'values')) return this.viewOfStoredValues(receiver, method, node);
        if (!entries || args.length) return makeValue('Unknown', { node, parents: [receiver] });
        if (method === 'items') return makeValue('PyList', { node, elements: entries.map((entry) => makeValue('PyTuple', { node, elements: [...entry] })) });
        if (method === 'values' || method === 'keys') return makeValue('PyList', { node, elements: entries.map((entry) => entry[method === 'keys' ? 0 : 1]) });
        return makeValue('Unknown', { node, parents: [receiver] });
      }
      case 'Column':
        if (COLUMN_PASS_THROUGH.has(method)) return makeValue('Column', { node, parents: [receiver], op: method, ...(isAggregate(receiver) ? AGGREGATE : {}) });
        // isNull(), isin(...), desc(), over(w), otherwise(...): a Column method gives a Column
        return makeValue('Column', { node, parents: [receiver, ...args], op: method });
      case 'UDF':
        if (method === 'asNondeterministic') return receiver;
        return makeValue('Unknown', { node, parents: [receiver] });
      default:
        return makeValue('Unknown', { node, parents: [receiver, ...args] });
    }
  }

  /**
   * A Glue streaming read: from Kinesis or Kafka (`connection_type="kinesis"`), or from a catalog table
   * with a starting position (`additional_options={"startingPosition": "TRIM_HORIZON"}`).
   */
  private isGlueStreamingRead(parts: CallParts, keywords: Map<string, Value>): boolean {
    const tree = this.model.tree;
    const connection = stringValue(tree, parts.keywords.get('connection_type'));
    if (connection && isGlueStreamingConnection(connection)) return true;
    const options = keywords.get('additional_options') ?? keywords.get('connection_options');
    return !!options?.entries?.some(([key]) => key.node !== undefined && isGlueStreamingOption(stringValue(tree, key.node)));
  }

  /**
   * A Glue read (`read` given: its size) or a frame made of `frames` (the DynamicFrames and DataFrames among
   * them: as large as the largest): a DataFrame, or a DynamicFrame (kind Unknown: no rule looks at it).
   */
  private glueFrame(kind: 'DynamicFrame' | 'DynamicFrameCollection' | 'DataFrame', values: Value[], node: PyNode, read: Boundedness | undefined, partitions?: 'keeps' | 'single'): Value {
    const frames = values.filter((value) => value.kind === 'DataFrame' || value.op === DYNAMIC_FRAME || value.op === DYNAMIC_FRAME_COLLECTION);
    const bound = read ?? largestBound(frames.map((frame) => frame.bound));
    const frame = kind === 'DataFrame'
      ? makeValue('DataFrame', { node, bound, parents: values, op: 'glue' })
      : makeValue('Unknown', { node, bound, parents: frames, op: kind === 'DynamicFrame' ? DYNAMIC_FRAME : DYNAMIC_FRAME_COLLECTION });
    // SPK306 follows a `repartition(1)` through Glue's frames to their writer
    const single = partitions === 'single' ? node : partitions === 'keeps' && frames.length === 1 ? frames[0]!.facts?.singlePartition : undefined;
    if (single) setFact(frame, 'singlePartition', single);
    return frame;
  }

  /**
   * `df.createOrReplaceTempView("people")`: later `spark.sql` / `spark.table` reads of the view are as large
   * as the largest DataFrame registered under the name (unknown, once one of them is unknown).
   */
  private registerView(name: string | undefined, bound: Boundedness | undefined): void {
    if (name === undefined) return;
    const key = viewName(name);
    this.state.setView(key, this.state.hasView(key) ? maxBound(this.state.view(key), bound) : bound);
  }

  /** `df.randomSplit([0.8, 0.2])` (or an RDD's): a list of parts of the receiver's kind and size. */
  private randomSplit(receiver: Value, weights: Value | undefined, node: PyNode): Value {
    const count = weights?.elements?.length ?? 2;
    const elements = Array.from({ length: count }, (_, index) =>
      makeValue(receiver.kind, { node, bound: receiver.bound, parents: [receiver], op: 'randomSplit', splitIndex: index }));
    return makeValue('PyList', { node, parents: [receiver], op: 'randomSplit', elements });
  }

  /** `range(n)` / `range(start, end)` with literal bounds, or names bound to them (`n_rows = 10_000`). */
  private rangeBound(parts: CallParts, args: readonly Value[]): Boundedness {
    const tree = this.model.tree;
    const [first, second] = parts.positional.map((arg, i) => intValue(tree, arg) ?? (args[i]?.kind === 'PyScalar' ? intValue(tree, args[i]!.node) : undefined));
    const end = parts.positional.length >= 2 ? second : first;
    const start = parts.positional.length >= 2 ? first : 0;
    if (end === undefined || start === undefined) return 'unbounded';
    return end - start <= LITERAL_RANGE_LIMIT ? 'literal' : 'unbounded';
  }

  private windowSpec(method: string, parts: CallParts, node: PyNode, receiver?: Value): Value {
    const partitioned = method === 'partitionBy' ? parts.positional.length > 0 || parts.hasStarArgs : Boolean(receiver?.facts?.partitioned);
    const origin = receiver?.facts?.origin ?? node;
    return makeValue('WindowSpec', { node, op: method, parents: receiver ? [receiver] : [], facts: { partitioned, origin } });
  }

  private plainCall(callee: Value, parts: CallParts, args: Value[], keywords: Map<string, Value>, node: PyNode, env: Env): Value {
    if (callee.kind === 'Function') return this.callFunction(callee, parts, env, args, keywords, node);
    if (callee.kind === 'UDF') {
      if (!this.silent) this.model.udfCalls.push({ call: node, udf: callee });
      return makeValue('Column', { node, parents: [callee, ...args], op: 'udf-call' });
    }
    if (callee.kind === 'UDFDecorator') return makeValue('Unknown', { node });
    if (this.isDataFrameCheck(callee, parts, args)) {
      // `isinstance(frame, DataFrame)`: the code goes on with a DataFrame where it goes on (a type checker narrows
      // by branch; a guard's other branch raises or returns, so narrowing from here on is what code relies on)
      this.inferredDataFrame(args[0]!, parts.positional[0]!, env);
      return makeValue('PyScalar', { node });
    }
    if (callee.kind !== 'Symbol' || !callee.name) return makeValue('Unknown', { node, parents: args });
    const qualified = callee.name;
    if (qualified === 'functools.reduce') return this.reduceCall(args, node);
    if (qualified.startsWith('sklearn.')) return this.sklearnCall(qualified, parts, args, keywords, node);
    const external = thirdPartyEstimator(qualified);
    if (external) return this.mlObject('Estimator', external, node);
    // Delta Lake's quick start: `configure_spark_with_delta_pip(builder)` adds its package and returns the builder
    if (DELTA_BUILDER_WRAPPERS.has(qualified)) return args[0] ?? makeValue('Unknown', { node });
    // AWS Glue's `GlueContext(sc)`: its `spark_session` is the session, its readers read tables
    if (qualified === 'awsglue.context.GlueContext') return makeValue('Unknown', { node, parents: args, op: GLUE_CONTEXT });
    const pandasOnSpark = pandasOnSparkFunction(qualified);
    if (pandasOnSpark && isPandasOnSparkRead(pandasOnSpark)) {
      const sql = takesSqlText(pandasOnSpark) ? sqlText(this.model.tree, parts.positional[0] ?? parts.keywords.get('query') ?? parts.keywords.get('sql')) : undefined;
      // `ps.read_csv(path, nrows=100)`: the first rows only
      const bound = intValue(this.model.tree, parts.keywords.get('nrows')) !== undefined ? 'limited' : sql === undefined ? 'unbounded' : sqlBound(sql, (name) => this.state.view(name));
      return makeValue('Unknown', { node, bound, parents: args, op: PANDAS_ON_SPARK });
    }
    // `ps.range(10**9)`: as many rows as spark.range would make
    if (pandasOnSpark === 'range') return makeValue('Unknown', { node, bound: this.rangeBound(parts, args), parents: args, op: PANDAS_ON_SPARK });
    if (pandasOnSpark && combinesFrames(pandasOnSpark)) {
      // the frames among the arguments (`on="user"`, `how="left"` are not): all pandas-on-Spark, or the size is unknown
      const frames = [...args, ...keywords.values()]
        .flatMap((arg) => (arg.kind === 'PyList' || arg.kind === 'PyTuple' ? (arg.elements ?? [arg]) : [arg]))
        .filter((arg) => arg.kind !== 'PyScalar' && arg.kind !== 'None');
      const bound = frames.every((frame) => frame.op === PANDAS_ON_SPARK) ? largestBound(frames.map((frame) => frame.bound)) : undefined;
      return makeValue('Unknown', { node, bound, parents: frames, op: PANDAS_ON_SPARK });
    }
    if (pandasOnSpark && isPandasOnSparkConstructor(pandasOnSpark)) {
      // from a Spark or pandas-on-Spark frame: as large; from local data (a dict, a pandas DataFrame): already in memory
      const source = args[0] ?? keywords.get('data') ?? keywords.get('pobj');
      const distributed = source && (source.kind === 'DataFrame' || source.op === PANDAS_ON_SPARK);
      return makeValue('Unknown', { node, bound: distributed ? source.bound : 'literal', parents: args, op: PANDAS_ON_SPARK });
    }
    if (/^databricks\.(?:feature_store|feature_engineering)(?:\.client)?\.(?:FeatureStoreClient|FeatureEngineeringClient)$/.test(qualified)) return makeValue('Unknown', { node, op: FEATURE_STORE_CLIENT });
    // Delta Lake: `DeltaTable.forName(spark, "t")` / `forPath(spark, path)` names a table, which `toDF()` reads
    if (/^delta(?:\.tables)?\.DeltaTable\.(?:forName|forPath)$/.test(qualified)) return makeValue('Unknown', { node, bound: 'unbounded', parents: args, op: DELTA_TABLE });
    const glueTransform = glueTransformResult(qualified);
    if (glueTransform) {
      const partitions = intValue(this.model.tree, parts.keywords.get('num_partitions') ?? parts.positional[1]);
      return this.glueFrame(glueTransform, [...args, ...keywords.values()], node, undefined, glueSinglePartitionFlow(glueTransformName(qualified), partitions));
    }
    if (isGlueJobCall(qualified) && !this.silent) this.markJobFile();
    // Apache Sedona: `SedonaContext.create(config)` is the session, with its spatial functions registered
    if (/^sedona\.spark(?:\.\w+)*\.SedonaContext\.create$/.test(qualified)) return this.sharedGlobal('spark', 'SparkSession', node);
    if (/^sedona\.spark(?:\.\w+)*\.SedonaContext\.builder$/.test(qualified)) return makeValue('SessionBuilder', { node });
    const tail = pysparkTail(qualified);
    if (!tail) return makeValue('Unknown', { node, parents: args });
    const module = qualified.slice(0, qualified.lastIndexOf('.'));
    const owner = module.slice(module.lastIndexOf('.') + 1);
    if (owner === 'Window') return this.windowSpec(tail, parts, node);
    // `Window()`: an instance of the class its static methods are called on (`Window().orderBy(...)`)
    if (tail === 'Window' && !args.length && !keywords.size) return makeValue('Symbol', { node, name: callee.name });
    // pyspark.mllib.util.MLUtils.loadLibSVMFile(sc, path) and the other loaders read files into an RDD
    if (owner === 'MLUtils' && tail.startsWith('load')) return makeValue('RDD', { node, bound: 'unbounded', parents: args, op: tail });
    if (owner === 'SparkSession' && (tail === 'getActiveSession' || tail === 'active')) return this.sharedGlobal('spark', 'SparkSession', node);
    if (tail === 'SparkContext' || (owner === 'SparkContext' && tail === 'getOrCreate')) return this.sharedGlobal('sc', 'SparkContext', node);
    // Spark 1's entry points, still in tutorials: `SQLContext(sc).read`, `.sql`, `.table` are the session's
    if (SQL_CONTEXTS.has(tail) || (SQL_CONTEXTS.has(owner) && tail === 'getOrCreate')) return this.sharedGlobal('spark', 'SparkSession', node);
    // UserDefinedFunction(f, returnType): Spark 2's constructor behind udf() (an evalType makes another kind)
    if (tail === 'UserDefinedFunction' && (isFunctionsModule(module) || module === 'pyspark.sql.udf') && !parts.keywords.has('evalType') && parts.positional.length < 4) {
      return this.udfFactory('python', parts, args, keywords, node);
    }
    if (isFunctionsModule(module)) {
      if (UDF_FACTORIES.has(tail)) return this.udfFactory(tail === 'udf' ? 'python' : 'pandas', parts, args, keywords, node);
      if (tail === 'broadcast') return args[0] ?? makeValue('Unknown', { node });
      // `F.to_date(F.max("ts"))`: a function of aggregates that gives one value is still one value per group
      // (not one that makes an array, `F.sequence(F.min(...), F.max(...))`, which a generator turns into rows)
      const ofAggregates = SINGLE_VALUE_FUNCTIONS.has(tail) && args.some(isAggregate) && args.every((arg) => isAggregate(arg) || arg.kind === 'PyScalar');
      return makeValue('Column', { node, parents: args, op: tail, ...(AGGREGATE_FUNCTIONS.has(tail) || ofAggregates ? AGGREGATE : {}) });
    }
    if (module === 'pyspark.mllib.evaluation' && tail.endsWith('Metrics')) {
      // BinaryClassificationMetrics(score_and_labels) and its siblings evaluate the scored pairs they are given
      const scored = args[0] ?? keywords.values().next().value;
      if (scored && this.recordsFlow()) this.model.actions.push({ call: node, method: 'evaluate', receiver: scored, inline: this.inlineDepth > 0 });
      return makeValue('Unknown', { node, parents: scored ? [scored] : [], op: 'evaluate' });
    }
    if (module.startsWith('pyspark.ml')) {
      if (ML_STAT_FUNCTIONS.has(`${owner}.${tail}`)) return makeValue('DataFrame', { node, bound: 'aggregated', parents: args, op: tail });
      // `PipelineModel.load(path)`: a model fitted elsewhere (batch scoring); `StandardScaler.load(path)` an unfitted stage
      if (tail === 'load' && owner.endsWith('Model') && owner !== 'Model') return makeValue('Model', { node, name: owner, op: 'load' });
      if (tail === 'load' && (ESTIMATORS.has(owner) || TRANSFORMERS.has(owner))) return this.mlObject(ESTIMATORS.has(owner) ? 'Estimator' : 'Transformer', owner, node);
      const kind: ValueKind | undefined = tail === 'Pipeline' || ESTIMATORS.has(tail) ? 'Estimator' : TRANSFORMERS.has(tail) ? 'Transformer' : EVALUATORS.has(tail) ? 'Evaluator' : TUNING.has(tail) ? 'Tuning' : undefined;
      if (kind) {
        // a Pipeline's stages; a CrossValidator's or TrainValidationSplit's estimator (and through it, its stages)
        const stages = kind === 'Tuning' ? (keywords.get('estimator') ?? args[0]) : (keywords.get('stages') ?? (tail === 'Pipeline' ? args[0] : undefined));
        const value = this.mlObject(kind, tail, node, stages);
        // pyspark.mllib's StandardScaler, IDF, HashingTF... take RDDs and vectors, not DataFrames
        if (module.startsWith('pyspark.mllib')) setFact(value, 'mllib', true);
        return value;
      }
      if (tail === 'vector_to_array') return makeValue('Column', { node, parents: args, op: tail });
    }
    return makeValue('Unknown', { node, parents: args });
  }

  /**
   * scikit-learn in the same job (after toPandas()): estimators are Estimator values whose `fit` mutates
   * them (the fitted state is remembered as a Model value), train_test_split is a split, metrics are
   * evaluations. This lets the leakage rules follow sklearn code like Spark ML code.
   */
  private sklearnCall(qualified: string, _parts: CallParts, args: Value[], keywords: Map<string, Value>, node: PyNode): Value {
    const tail = qualified.slice(qualified.lastIndexOf('.') + 1);
    if (tail === 'train_test_split') {
      const elements = args.flatMap((array) => [0, 1].map((index) =>
        makeValue('PandasDataFrame', { node, parents: [array], op: 'randomSplit', splitIndex: index })));
      return makeValue('PyList', { node, op: 'randomSplit', elements, parents: args });
    }
    if (/^[A-Z]/.test(tail)) {
      const name = tail;
      const stages = keywords.get('steps') ?? args[0];
      const value = makeValue('Estimator', { node, name, op: name, facts: { sklearn: true }, elements: stages?.elements?.map((step) => step.elements?.[1] ?? step), parents: [] });
      if (this.recordsFlow()) this.model.mlObjects.push(value);
      return value;
    }
    if (tail === 'make_pipeline') {
      const value = makeValue('Estimator', { node, name: 'Pipeline', op: 'Pipeline', facts: { sklearn: true }, elements: args, parents: [] });
      if (this.recordsFlow()) this.model.mlObjects.push(value);
      return value;
    }
    // the metrics, and the reports that compare predictions with labels (`confusion_matrix`, `classification_report`)
    if (qualified.startsWith('sklearn.metrics.') && (/(_score|_error|_loss)$/.test(tail) || SKLEARN_REPORTS.has(tail))) {
      // metric(y_true, y_pred): the predictions carry the model and the scored data (written the other way
      // round, `mean_squared_error(pred, y_train)`, the predictions are still the model's)
      const swapped = args.length === 2 && isModelOutput(args[0]!) && !isModelOutput(args[1]!);
      const argument = swapped ? args[0] : (args[1] ?? keywords.get('y_pred') ?? keywords.get('y_score') ?? args[0]);
      // `proba[:, 1]` and the like are still predictions: keep them data-like for the rules
      const predicted = argument?.kind === 'Unknown' ? makeValue('PandasDataFrame', { node, parents: [argument], op: 'scores' }) : argument;
      if (predicted && this.recordsFlow()) this.model.actions.push({ call: node, method: 'evaluate', receiver: predicted, inline: this.inlineDepth > 0 });
      return makeValue('PyScalar', { node, parents: args, op: 'evaluate' });
    }
    return makeValue('Unknown', { node, parents: args });
  }

  private sklearnMethod(estimator: Value, method: string, args: Value[], node: PyNode): Value {
    const fitted = () => estimator.facts?.fitted as Value | undefined;
    const fit = (data: Value | undefined) => {
      const model = makeValue('Model', { node, name: `${estimator.name}Model`, parents: data ? [estimator, data] : [estimator], op: 'fit', elements: estimator.elements });
      this.setFact(estimator, 'fitted', model);
      if (this.recordsFlow()) this.model.mlObjects.push(model);
      return model;
    };
    const transform = (model: Value | undefined, data: Value | undefined) =>
      makeValue('PandasDataFrame', { node, parents: data ? [data, model ?? estimator] : [model ?? estimator], op: 'transform' });
    if (method === 'fit') {
      fit(args[0]);
      return estimator; // sklearn's fit returns the estimator itself
    }
    if (method === 'fit_transform' || method === 'fit_predict') return transform(fit(args[0]), args[0]);
    if (['transform', 'predict', 'predict_proba', 'decision_function', 'predict_log_proba'].includes(method)) return transform(fitted(), args[0]);
    if (method === 'score') {
      const scored = transform(fitted(), args[0]);
      if (this.recordsFlow()) this.model.actions.push({ call: node, method: 'evaluate', receiver: scored, inline: this.inlineDepth > 0 });
      return makeValue('PyScalar', { node, parents: [scored], op: 'evaluate' });
    }
    if (method === 'set_params') return estimator;
    return makeValue('Unknown', { node, parents: [estimator, ...args] });
  }

  private udfFactory(flavor: 'python' | 'pandas', parts: CallParts, args: Value[], keywords: Map<string, Value>, node: PyNode): Value {
    const fnValue = args[0] ?? keywords.get('f');
    const implementation = fnValue && (fnValue.kind === 'Function' ? (this.wrappedFunction(fnValue) ?? fnValue).fn?.node : undefined);
    const fnNode = parts.positional[0] ?? parts.keywords.get('f');
    // udf(f) / udf(lambda ...) makes a UDF; udf(StringType()) / udf("string") is a decorator factory
    const looksLikeFunction = fnValue?.kind === 'Function' ||
      ((fnValue?.kind === 'Unknown' || (fnValue?.kind === 'Symbol' && !fnValue.name?.startsWith('pyspark'))) && !!fnNode && (fnNode.type === 'identifier' || fnNode.type === 'attribute') && !/Type$/.test(this.text(fnNode)));
    if (looksLikeFunction && fnNode) {
      const value = makeValue('UDF', { node, op: flavor, udf: { flavor, implementation, anchor: node, creationCall: node } });
      if (!this.silent) this.model.udfs.push(value);
      return value;
    }
    // `@udf(returnType=...)` / `@udf("string")`: a decorator factory
    return makeValue('UDFDecorator', { node, udf: { flavor, anchor: node } });
  }

  /**
   * `lambda m: month_to_quarter(m)`: the function of the file a lambda only hands its parameters to, in
   * order. Its body is what the UDF runs (the rules read it as they read `udf(month_to_quarter)`).
   */
  private wrappedFunction(fn: Value): Value | undefined {
    const callee = fn.kind === 'Function' && fn.fn ? forwardedCallee(this.model.tree, fn.fn.node) : undefined;
    if (!callee) return undefined;
    const target = this.state.lookup(fn.fn!.closure as Env, this.text(callee))?.value;
    return target?.kind === 'Function' && (target.fn?.node.type === 'function_definition' || target.fn?.node.type === 'lambda') ? target : undefined;
  }

  /** functools.reduce(lambda acc, x: acc.withColumn(...), items, df): the accumulator's value. */
  private reduceCall(args: Value[], node: PyNode): Value {
    const [fn, , initial] = args;
    if (fn?.kind === 'Function' && fn.fn && initial) {
      if (!this.silent && initial.kind === 'DataFrame') this.setFact(fn, 'reducer', node);
      const parts: CallParts = { callee: node, positional: [], keywords: new Map(), keywordNodes: new Map(), hasStarArgs: false };
      const result = this.callFunction(fn, parts, fn.fn.closure as Env, [initial, makeValue('Unknown', { node })], new Map(), node);
      if (result.kind === initial.kind) return result;
      return initial.kind === 'DataFrame' ? makeValue('DataFrame', { node, bound: initial.bound, parents: [initial], op: 'reduce' }) : result;
    }
    return makeValue('Unknown', { node, parents: args });
  }
}

const AGGREGATE = { facts: { aggregate: true } } as const;
/** Functions that make several rows of one (`explode`). */
const GENERATORS: ReadonlySet<string> = new Set(['explode', 'explode_outer', 'posexplode', 'posexplode_outer', 'inline', 'inline_outer', 'stack', 'json_tuple']);
/** The second parameter of a foreachBatch handler: the micro-batch's id (`batch_id`, `batchId`, `epoch_id`, `epochId`). */
const MICRO_BATCH_ID = /^(batch|epoch)_?id$/i;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
/** Dict methods that change what it holds. */
const DICT_MUTATORS: ReadonlySet<string> = new Set(['update', 'pop', 'popitem', 'setdefault', 'clear']);
/** A model's output (`model.predict(X)`, `model.transform(df)`), or a step of it (`proba[:, 1]`). */
function isModelOutput(value: Value): boolean {
  for (let at: Value | undefined = value, depth = 0; at && depth < 10; at = at.parents[0], depth++) {
    if (at.op === 'transform') return at.parents[1]?.kind === 'Model';
  }
  return false;
}

/** DataFrame steps that work within each partition (no shuffle): they keep a `coalesce(1)`'s one partition. */
const PARTITION_KEEPING: ReadonlySet<string> = new Set([
  'withColumn', 'withColumns', 'withColumnRenamed', 'withColumnsRenamed', 'select', 'selectExpr', 'filter', 'where', 'drop',
  'fillna', 'dropna', 'replace', 'alias', 'toDF', 'sortWithinPartitions', 'withMetadata', 'hint',
]);

/** List methods that change what it holds or where (append and extend grow a known list: growBoundList). */
const LIST_MUTATORS: ReadonlySet<string> = new Set(['remove', 'pop', 'clear', 'insert', 'sort', 'reverse']);

/** A dict's items() or values() of unknown count: parents[0] is every element (viewOfStoredValues). */
const STORED_VIEW = 'stored-view';

/**
 * What a dict without known entries was given: the computed values stored into it under unknown keys
 * (itemsChanged keeps them as its parents), through the branches or loop passes it was joined from.
 */
function storedValues(dict: Value, depth = 0): Value[] {
  if (depth > 8) return [];
  if (dict.op === 'join-branches') return dict.parents.flatMap((branch) => (branch.kind === 'PyDict' ? storedValues(branch, depth + 1) : []));
  return dict.parents.filter((value) => value.kind !== 'PyDict' && value.kind !== 'PyScalar');
}

/** A Column computed by aggregate functions only (`F.max("x")`, `F.sum("a").alias("total")`), not over a window. */
function isAggregate(value: Value): boolean {
  return value.kind === 'Column' && value.facts?.aggregate === true;
}

/** An aggregate column, or a list of them (`select([F.count(F.when(F.col(c).isNull(), c)) for c in df.columns])`). */
function isAggregateColumns(value: Value): boolean {
  if (value.kind !== 'PyList') return isAggregate(value);
  if (value.op === 'comprehension') return isAggregate(value.parents[0]!);
  return !!value.elements?.length && value.elements.every(isAggregate);
}

const ML_STAGE_KINDS: ReadonlySet<ValueKind> = new Set(['Estimator', 'Transformer', 'Model']);

/** Python's builtins that pyspark.sql.functions also defines: its star import shadows them, another library's may again. */
const PYTHON_BUILTINS: ReadonlySet<string> = new Set(['max', 'min', 'sum', 'round', 'abs', 'pow']);
const SQL_CONTEXTS: ReadonlySet<string> = new Set(['SQLContext', 'HiveContext']);
const DELTA_BUILDER_WRAPPERS: ReadonlySet<string> = new Set(['delta.configure_spark_with_delta_pip', 'delta.pip_utils.configure_spark_with_delta_pip']);

/** A list with `added` after its elements; elements not known when either part's are not. */
function grownList(list: Value, added: readonly Value[] | undefined, node: PyNode): Value {
  const elements = list.elements && added ? [...list.elements, ...added] : undefined;
  return makeValue('PyList', { node, elements, op: 'grown' });
}

/**
 * A call only a Spark DataFrame answers: a method no other Python library has (`withColumn`, `groupBy`,
 * `toPandas`, `randomSplit`, ...), or a DataFrame method given a Spark Column (`filter(F.col("x") > 1)`),
 * which pandas and RDDs never take.
 */
function provesDataFrame(method: string, args: Value[], keywords: Map<string, Value>): boolean {
  // an RDD has randomSplit too; the split rules treat both alike, and nothing else has it
  if (DATAFRAME_ONLY_METHODS.has(method) || method === 'randomSplit') return true;
  if (!COLUMN_TAKING_METHODS.has(method)) return false;
  return args.some((arg) => arg.kind === 'Column') || [...keywords.values()].some((arg) => arg.kind === 'Column');
}

/**
 * The SQL text of a literal query, with `x` for what is filled in at run time: f-string fields,
 * `"... %s" % args` and `"... {}".format(args)` placeholders, the pieces of `"a " "b"`, and what is not
 * text of `"select ... where s != '" + state + "' group by s"`.
 */
function sqlText(tree: SyntaxTree, node: PyNode | undefined): string | undefined {
  const text = node && sqlTemplate(tree, node);
  return text === undefined ? undefined : filledIn(text);
}

/** A query template's text with what is filled in at run time read as `x`, or undefined when the source table is filled in. */
function filledIn(text: string): string | undefined {
  // what is filled in may be the source itself (`"SELECT a, b " + from_clause`): a SELECT without a FROM
  // written, filled in outside its quoted values (`'{token}'` is a value), is not known; `SHOW TABLES IN %s` is
  const unknownSource = /^[\s(]*select\b/i.test(text) && !/\bfrom\b/i.test(text) && text.replace(/'[^']*'|"[^"]*"/g, '').includes(FILLED);
  return unknownSource ? undefined : text.replaceAll(FILLED, 'x');
}

/**
 * The queries a value may hold when it is one of several literal templates, filled in or not: a loop
 * variable over a literal dict or list of queries, or `.format(...)` of one (`[undefined]` when unknown).
 */
function queryChoices(tree: SyntaxTree, query: Value): Array<string | undefined> {
  const callee = query.node?.type === 'call' ? field(query.node, 'function') : undefined;
  const formatted = query.kind === 'Unknown' && callee?.type === 'attribute' && textOf(tree, field(callee, 'attribute') ?? callee) === 'format';
  const templates = literalNodes(formatted ? query.parents[0] : query);
  if (!templates) return [undefined];
  return templates.map((template) => {
    const text = sqlTemplate(tree, template);
    return text === undefined ? undefined : filledIn(formatted ? text.replace(FORMAT_FIELD, FILLED) : text);
  });
}

/** Where a query's text is filled in at run time (read as `x` once the query is known). */
const FILLED = '\u0001';
/** A replacement field of `"...".format(...)`: `{}`, `{day}`, `{0:>5}`. */
const FORMAT_FIELD = /\{[^{}]*\}/g;

function sqlTemplate(tree: SyntaxTree, node: PyNode): string | undefined {
  const inner = unparenthesize(node);
  const part = (of: PyNode | undefined) => (of ? sqlTemplate(tree, of) : undefined);
  if (inner.type === 'concatenated_string') return namedChildren(inner).map((piece) => part(piece) ?? FILLED).join('');
  if (isBinaryOperator(inner, '+')) {
    const [left, right] = [part(field(inner, 'left')), part(field(inner, 'right'))];
    return left === undefined && right === undefined ? undefined : (left ?? FILLED) + (right ?? FILLED);
  }
  if (isBinaryOperator(inner, '%')) return part(field(inner, 'left'))?.replace(/%[sdrf]/g, FILLED);
  if (inner.type === 'call') {
    const callee = field(inner, 'function');
    if (callee?.type === 'attribute' && textOf(tree, field(callee, 'attribute') ?? callee) === 'format') return part(field(callee, 'object'))?.replace(FORMAT_FIELD, FILLED);
    return undefined;
  }
  if (inner.type !== 'string') return undefined;
  return inner.children.map((child) => (child.type === 'string_content' ? contentValue(tree, inner, child) : child.type === 'interpolation' ? FILLED : '')).join('');
}

/** The options that hand a JDBC read a query for the database to run (`dbtable` may be a subquery). */
const JDBC_QUERY_OPTIONS: ReadonlySet<string> = new Set(['dbtable', 'query']);

/**
 * The size of what a JDBC read's query returns, by the same reading as `spark.sql` text: a table name or a
 * query over tables is unbounded, an aggregate (`(SELECT min(id), max(id) FROM t) bounds`) or `LIMIT n` is not.
 */
function pushdownBound(tree: SyntaxTree, pushdown: Value): Boundedness {
  const node = pushdown.kind === 'PyScalar' ? pushdown.node : undefined;
  const text = node && sqlText(tree, node);
  if (text === undefined) return 'unbounded';
  const subquery = /^\s*\(([\s\S]*)\)\s*(?:as\s+)?\w*\s*$/i.exec(text);
  const query = subquery ? subquery[1]! : text;
  return /^\s*(?:select|with)\b/i.test(query) ? sqlBound(query) : 'unbounded';
}

/** A parameter of a function or lambda, as its value is made when no argument is passed (evaluateBody). */
/** The parameter a query is, or the template it holds filled in (`query.format(table=table)`). */
function queryParameter(tree: SyntaxTree, query: Value): PyNode | undefined {
  if (query.kind !== 'Unknown' || !query.node) return undefined;
  if (isParameter(query.node)) return query.node;
  const template = query.node.type === 'call' && callParts(tree, query.node)?.method === 'format' ? query.parents[0] : undefined;
  return template?.kind === 'Unknown' && template.node && isParameter(template.node) ? template.node : undefined;
}

function isParameter(node: PyNode): boolean {
  return PARAMETER_TYPES.has(node.type) || node.parent?.type === 'parameters' || node.parent?.type === 'lambda_parameters';
}

const PARAMETER_TYPES: ReadonlySet<string> = new Set(['typed_parameter', 'default_parameter', 'typed_default_parameter']);

/** A node written as an argument of a call: `f(x)` or `f(n=x)`. */
function isCallArgument(node: PyNode): boolean {
  const parent = node.parent;
  return parent?.type === 'argument_list' || (parent?.type === 'keyword_argument' && parent.parent?.type === 'argument_list' && field(parent, 'value') === node);
}
