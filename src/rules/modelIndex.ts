// The model's ML objects and evaluations grouped once per lint, for the rules' file-wide passes (their
// `finish`): each rule reads only the objects it is about, and a rule about ALS returns at once in a file
// without one. A finish runs once per lint, too few times for V8 to optimize its loops in the first
// hundred edits after a document opens: each rule looping over every ML object of a large job ran as
// unoptimized code on every keystroke (the finish step was about 40% of a re-lint then, bench/server).
import type { ActionRecord, SemanticModel } from '../analysis/model';
import type { Value, ValueKind } from '../analysis/values';

interface ModelIndex {
  byKind: Map<ValueKind, Value[]>;
  byName: Map<string, Value[]>;
  evaluations: ActionRecord[];
}

const indexes = new WeakMap<SemanticModel, ModelIndex>();

function indexOf(model: SemanticModel): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { byKind: new Map(), byName: new Map(), evaluations: model.actions.filter((action) => action.method === 'evaluate') };
  for (const value of model.mlObjects) {
    add(index.byKind, value.kind, value);
    if (value.name) add(index.byName, value.name, value);
  }
  indexes.set(model, index);
  return index;
}

function add<K>(groups: Map<K, Value[]>, key: K, value: Value): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** The file's ML objects of one kind (`Estimator`, `Model`, `Tuning`, ...), in the order they were made. */
export function mlObjectsOfKind(model: SemanticModel, kind: ValueKind): readonly Value[] {
  return indexOf(model).byKind.get(kind) ?? [];
}

/** The file's ML objects of one class (`ALS`, `VectorAssembler`, `CrossValidatorModel`, ...), in the order they were made. */
export function mlObjectsNamed(model: SemanticModel, name: string): readonly Value[] {
  return indexOf(model).byName.get(name) ?? [];
}

/** The file's `evaluate` actions (an Evaluator's, a model's own, mllib's metrics), in the order they were made. */
export function evaluations(model: SemanticModel): readonly ActionRecord[] {
  return indexOf(model).evaluations;
}
