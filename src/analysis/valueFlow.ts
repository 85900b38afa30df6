// Value-flow questions for the ML-correctness rules (SPK0xx): what a value was derived from, through
// transformations, randomSplit, fit and transform (each derived value lists its inputs as `parents`).
import type { Value } from './values';

const MAX_VISITED = 5000;

/**
 * The ancestors of each value asked about. A value's parents and elements are fixed once the statement
 * that made it has run (a later statement changing them is a foreign mutation, after which the model is
 * built again with new values), and the rules ask only after the build: an answer holds for the value's
 * life, across the re-lints that take its statement over.
 */
const ancestorSets = new WeakMap<Value, ReadonlySet<Value>>();

/** Every value `value` was derived from, itself included (breadth first, bounded). Shared: do not change it. */
export function ancestors(value: Value): ReadonlySet<Value> {
  let known = ancestorSets.get(value);
  if (!known) ancestorSets.set(value, (known = collectAncestors(value)));
  return known;
}

function collectAncestors(value: Value): Set<Value> {
  const seen = new Set<Value>([value]);
  const queue: Value[] = [value];
  while (queue.length && seen.size < MAX_VISITED) {
    const current = queue.shift()!;
    for (const parent of current.parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
    // a Pipeline's stages flow into the models it fits
    for (const element of current.kind === 'Model' || current.kind === 'Estimator' ? current.elements ?? [] : []) {
      if (!seen.has(element)) {
        seen.add(element);
        queue.push(element);
      }
    }
  }
  return seen;
}

/**
 * The value and the data it was computed from (DataFrame, RDD and GroupedData parents, not columns,
 * models or arguments): its lineage, as Spark would recompute it (breadth first, bounded).
 */
export function dataLineage(value: Value): Set<Value> {
  const seen = new Set<Value>([value]);
  const queue: Value[] = [value];
  while (queue.length && seen.size < MAX_VISITED) {
    for (const parent of queue.shift()!.parents) {
      if (seen.has(parent) || !isLineage(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
  }
  return seen;
}

const streaming = new WeakMap<Value, boolean>();

/**
 * A streaming DataFrame: its lineage starts at a `spark.readStream` source (a join with a static one is a
 * stream too). Kept per value, as ancestors are: six rules ask on every lint.
 */
export function isStreaming(value: Value): boolean {
  if (value.kind !== 'DataFrame') return false;
  let answer = streaming.get(value);
  if (answer === undefined) streaming.set(value, (answer = [...dataLineage(value)].some((ancestor) => ancestor.facts?.streaming === true)));
  return answer;
}

/**
 * The values reached from `start` by `next` (depth first, at most `limit`): for questions that follow
 * parents their own way (SPK002 not through a subtracted argument, SPK301 not through columns).
 */
export function reachable(start: Value, next: (value: Value) => readonly Value[], limit = MAX_VISITED): Set<Value> {
  const seen = new Set<Value>();
  const queue = [start];
  for (let value = queue.pop(); value && seen.size < limit; value = queue.pop()) {
    if (seen.has(value)) continue;
    seen.add(value);
    queue.push(...next(value));
  }
  return seen;
}

/** Data a lineage runs through: DataFrames, RDDs, the GroupedData of a `groupBy` and the `df.na` of `df.na.drop()`. */
export function isLineage(value: Value): boolean {
  return value.kind === 'DataFrame' || value.kind === 'RDD' || value.kind === 'GroupedData' || value.kind === 'NaFunctions';
}

/** True when the value or its lineage was cached before `offset` (`cached.groupBy("k").count()` reads the cache). */
export function isCachedBefore(value: Value, offset: number): boolean {
  for (const ancestor of dataLineage(value)) if (ancestor.cachedBy && ancestor.cachedBy.startIndex < offset) return true;
  return false;
}

/** The randomSplit parts among the ancestors of `value` (the split(s) it was drawn from). */
export function splitPartsAmong(values: ReadonlySet<Value>): Value[] {
  return [...values].filter((value) => value.op === 'randomSplit' && (value.kind === 'DataFrame' || value.kind === 'PandasDataFrame'));
}

const splitPartsByValue = new WeakMap<Value, readonly Value[]>();

/** `splitPartsAmong(ancestors(value))`, nearest first, kept as long as the value (see ancestors). Shared: do not change it. */
export function splitPartsOf(value: Value): readonly Value[] {
  let parts = splitPartsByValue.get(value);
  if (!parts) splitPartsByValue.set(value, (parts = splitPartsAmong(ancestors(value))));
  return parts;
}

/** Data an evaluation scores: a DataFrame, pandas predictions, or the RDD of (score, label) pairs pyspark.mllib's *Metrics take. */
export function isEvaluatedData(value: Value): boolean {
  return value.kind === 'DataFrame' || value.kind === 'PandasDataFrame' || value.kind === 'RDD';
}

/**
 * The model scoring evaluated data and the data it scored: the last `model.transform(data)` on the way up
 * from `evaluated` (earlier transforms are preprocessing), when the model was fitted.
 */
export function scoringOf(evaluated: Value): { scored: Value; model: Value } | undefined {
  const [scored, model] = lastTransform(evaluated);
  return scored && model?.kind === 'Model' && model.op === 'fit' ? { scored, model } : undefined;
}

/**
 * As scoringOf, one per fitted model the scoring may use: a model picked from several (`for name, model in
 * models.items()`, `models[name]`, a branch) is each of the fits it was joined from; `picked` is that join.
 */
export function scoringsOf(evaluated: Value): Array<{ scored: Value; model: Value; picked?: Value }> {
  const [scored, model] = lastTransform(evaluated);
  const fits = model?.kind === 'Model' ? fitsJoined(model, 0) : undefined;
  return scored && fits ? fits.map((fit) => ({ scored, model: fit, picked: fit === model ? undefined : model })) : [];
}

/** The fits a model joined from branches or loop passes is made of; undefined when one is not a fit. */
function fitsJoined(model: Value, depth: number): Value[] | undefined {
  if (model.op === 'fit') return [model];
  if (model.op !== 'join-branches' || depth > 8) return undefined;
  const fits = model.parents.map((branch) => (branch.kind === 'Model' ? fitsJoined(branch, depth + 1) : undefined));
  return fits.every((each) => each) ? [...new Set(fits.flat() as Value[])] : undefined;
}

/** The data and model of the last `model.transform(data)` on the way up from `evaluated`. */
function lastTransform(evaluated: Value): readonly Value[] {
  let value: Value | undefined = evaluated;
  for (let depth = 0; value && value.op !== 'transform' && depth < 100; depth++) value = value.parents[0];
  return value?.op === 'transform' ? value.parents : [];
}

