// What flows from one top-level statement of a module to the next while the semantic model is built (the
// module's bindings, temp views, the shared `spark`/`sc` values, star imports, the inline budget), and what
// each top-level statement read of it and left in it.
//
// That record is what makes a re-lint after an edit cheap: a statement whose text did not change and whose
// reads still see the same objects is not evaluated again; its results are taken over and its writes
// replayed, so only the edited statement and the statements that read what it binds are evaluated.
// Identity, not equality: a binding, view map or global that was made again counts as changed.
//
// The same record is kept per inline evaluation of a helper's body (a frame: what the body read of the
// module, the budget it spent, whether it changed anything outside itself), so that a later build can take
// the call over (inlineCalls.ts).
import type { PyNode } from './syntax';
import { type Boundedness, type Value, tickValueClock, valueClock } from './values';

export interface Binding {
  name: string;
  /** 1 for the first assignment of the name in its scope, then 2, 3, ... */
  version: number;
  value: Value;
  /** The identifier that was assigned. */
  node: PyNode;
  /** `valueClock()` when it was made: a binding older than a statement existed before the statement ran. */
  made: number;
}

export type EnvKind = 'module' | 'function' | 'class' | 'comprehension';

export class Env {
  readonly vars = new Map<string, Binding>();
  /** Shared by the copies made for branches, so versions count per scope, not per copy. */
  readonly scope: object;
  /** `valueClock()` when it was made (a module-scope copy made by the running statement reflects the module). */
  readonly made = valueClock();
  constructor(readonly parent: Env | undefined, readonly kind: EnvKind, scope?: object) {
    this.scope = scope ?? {};
  }

  copy(): Env {
    const clone = new Env(this.parent, this.kind, this.scope);
    for (const [name, binding] of this.vars) clone.vars.set(name, binding);
    return clone;
  }
}

export type ViewMap = ReadonlyMap<string, Boundedness | undefined>;

const NO_VIEWS: ViewMap = new Map();
const NO_STARS: readonly string[] = Object.freeze([]);

/** Lengths of the model's lists at a point of the build (a statement's entries are a range of each). */
export interface ListMarks {
  bindings: number;
  actions: number;
  udfs: number;
  mlObjects: number;
  udfCalls: number;
}

/** One evaluated top-level statement: its node ids, what it read from before it, what it left behind. */
export interface StatementRecord {
  /** The statement (a moved-over statement is the same object in the next copy of the tree). */
  readonly node: PyNode;
  /** Its node ids in the build that recorded it: [firstId, endId). */
  readonly firstId: number;
  readonly endId: number;
  /** Its ranges of the model's lists: [start, end). */
  readonly start: ListMarks;
  readonly end: ListMarks;
  readonly reads: StatementReads;
  readonly writes: StatementWrites;
  /** Taken over from the previous build rather than evaluated. */
  readonly reused: boolean;
}

/** What a statement saw of the state before it, on first look (each compared by identity). */
export interface StatementReads {
  /** Module bindings by name (undefined: the name was not bound). */
  bindings: Map<string, Binding | undefined>;
  /** Binding counts of module-scope names. */
  versions: Map<string, number>;
  /** The shared `spark` / `sc` values (undefined: not made yet). */
  globals: Map<string, Value | undefined>;
  views?: ViewMap;
  starModules?: readonly string[];
  budget?: number;
}

export interface StatementWrites {
  bindings: ReadonlyMap<string, Binding>;
  versions: ReadonlyMap<string, number>;
  views?: ViewMap;
  globals: ReadonlyMap<string, Value>;
  starModules?: readonly string[];
  budget: number;
  imports: ReadonlyArray<[string, string]>;
  isJobFile: boolean;
}

/** What an inline evaluation of a helper read of the module (first look), to check before it is taken over. */
export interface InlineReads {
  bindings: Map<string, Binding | undefined>;
  globals: Map<string, Value | undefined>;
  views?: ViewMap;
  starModules?: readonly string[];
  /** `valueClock()` when the body started: values and bindings made by the body read at or above it. */
  start: number;
  /** The inline budget left when the body started, and how much of it the body spent. */
  budget: number;
  spent: number;
  /** The budget ran out in the body (a call it would have evaluated was not): it depends on the budget left. */
  exhausted: boolean;
  /** It changed the module (a binding, view, global, star import, import) or a value in place: not kept. */
  impure: boolean;
}

interface Tracking {
  /** Everything made before the statement has a clock reading at or below this. */
  clock: number;
  reads: StatementReads;
  bindings: Set<string>;
  versions: Set<string>;
  globals: Set<string>;
  views: boolean;
  stars: boolean;
  imports: Array<[string, string]>;
  isJobFile: boolean;
}

/**
 * What may differ, at a point of a build, from the same point of the previous build: the module names
 * (bindings, version counts) and shared globals written by a statement evaluated again, or by a previous
 * statement that is gone or was passed over. A statement taken over in order (its previous build's
 * reads held there) needs checking only against these; a statement taken over sets its writes back to
 * what they were.
 */
export class Divergence {
  readonly bindings = new Set<string>();
  readonly versions = new Set<string>();
  readonly globals = new Set<string>();

  add(writes: StatementWrites): void {
    for (const name of writes.bindings.keys()) this.bindings.add(name);
    for (const name of writes.versions.keys()) this.versions.add(name);
    for (const name of writes.globals.keys()) this.globals.add(name);
  }

  /** A statement taken over wrote these as in the previous build. */
  settle(writes: StatementWrites): void {
    for (const name of writes.bindings.keys()) this.bindings.delete(name);
    for (const name of writes.versions.keys()) this.versions.delete(name);
    for (const name of writes.globals.keys()) this.globals.delete(name);
  }
}

export class ModuleState {
  /** The module's environment. Kept from build to build: the closures of reused functions point to it. */
  readonly env: Env;
  private readonly versions = new Map<string, number>();
  // copied on write, and the same empty objects in every build: a read compares them by identity
  private views: ViewMap = NO_VIEWS;
  private readonly globals = new Map<string, Value>();
  private stars: readonly string[] = NO_STARS;
  private budget: number;
  private tracking: Tracking | undefined;
  /** The inline evaluations running, innermost last. */
  private readonly frames: InlineReads[] = [];
  /** A statement changed a value or binding made before it (`df.cache()` on its own line): nothing is reused. */
  foreignMutation = false;

  constructor(inlineBudget: number, env?: Env) {
    this.budget = inlineBudget;
    this.env = env ?? new Env(undefined, 'module');
    this.env.vars.clear();
  }

  /** Starts recording what the next top-level statement reads and writes. */
  begin(): void {
    this.tracking = {
      clock: tickValueClock(), reads: { bindings: new Map(), versions: new Map(), globals: new Map() }, bindings: new Set(), versions: new Set(), globals: new Set(),
      views: false, stars: false, imports: [], isJobFile: false,
    };
  }

  /** Ends the statement: what it read and what it left behind. */
  end(): Pick<StatementRecord, 'reads' | 'writes'> {
    const tracking = this.tracking!;
    this.tracking = undefined;
    const pick = <T>(names: Set<string>, from: ReadonlyMap<string, T>) => new Map([...names].map((name) => [name, from.get(name)!]));
    return {
      reads: tracking.reads,
      writes: {
        bindings: pick(tracking.bindings, this.env.vars),
        versions: pick(tracking.versions, this.versions),
        views: tracking.views ? this.views : undefined,
        globals: pick(tracking.globals, this.globals),
        starModules: tracking.stars ? this.stars : undefined,
        budget: this.budget,
        imports: tracking.imports,
        isJobFile: tracking.isJobFile,
      },
    };
  }

  /** True when everything the statement read before is still what it is now. */
  unchangedFor(record: StatementRecord): boolean {
    const { reads } = record;
    if (!this.sharedStateUnchanged(reads)) return false;
    for (const [name, seen] of reads.bindings) if (this.env.vars.get(name) !== seen) return false;
    for (const [name, seen] of reads.versions) if ((this.versions.get(name) ?? 0) !== seen) return false;
    for (const [name, seen] of reads.globals) if (this.globals.get(name) !== seen) return false;
    return true;
  }

  /**
   * `unchangedFor` of a statement taken over in order: its reads held at this point of the previous build,
   * so only what diverged since can differ (views, star imports and the budget are compared directly).
   */
  unchangedSince(record: StatementRecord, divergence: Divergence): boolean {
    const { reads } = record;
    if (!this.sharedStateUnchanged(reads)) return false;
    for (const name of divergence.bindings) if (reads.bindings.has(name) && this.env.vars.get(name) !== reads.bindings.get(name)) return false;
    for (const name of divergence.versions) if (reads.versions.has(name) && (this.versions.get(name) ?? 0) !== reads.versions.get(name)) return false;
    for (const name of divergence.globals) if (reads.globals.has(name) && this.globals.get(name) !== reads.globals.get(name)) return false;
    return true;
  }

  /** The temp views, star imports and inline budget a statement read are still what they are now. */
  private sharedStateUnchanged(reads: StatementReads): boolean {
    if ('views' in reads && reads.views !== this.views) return false;
    if ('starModules' in reads && reads.starModules !== this.stars) return false;
    return !('budget' in reads) || reads.budget === this.budget;
  }

  /** Applies a reused statement's writes, as if it had been evaluated again. */
  replay(record: StatementRecord): void {
    const { writes } = record;
    for (const [name, binding] of writes.bindings) this.env.vars.set(name, binding);
    for (const [name, count] of writes.versions) this.versions.set(name, count);
    if (writes.views) this.views = writes.views;
    for (const [name, value] of writes.globals) this.globals.set(name, value);
    if (writes.starModules) this.stars = writes.starModules;
    // a statement that never read the budget inlined nothing
    if ('budget' in record.reads) this.budget = writes.budget;
  }

  /** Starts recording what an inline evaluation of a helper's body reads of the module. */
  beginInline(): void {
    this.frames.push({ bindings: new Map(), globals: new Map(), start: valueClock(), budget: this.budget, spent: 0, exhausted: false, impure: false });
  }

  /** Ends the innermost inline evaluation; what it read counts as read by the one around it too. */
  endInline(): InlineReads {
    const frame = this.frames.pop()!;
    frame.spent = frame.budget - this.budget;
    const outer = this.frames[this.frames.length - 1];
    if (outer) mergeReads(outer, frame);
    return frame;
  }

  /** True when an inline evaluation recorded before would read the same module now, with the same budget. */
  unchangedForInline(reads: InlineReads): boolean {
    // with enough budget left, every call inside is evaluated again as it was
    if (reads.exhausted ? reads.budget !== this.budget : this.budget < reads.spent) return false;
    if ('views' in reads && reads.views !== this.views) return false;
    if ('starModules' in reads && reads.starModules !== this.stars) return false;
    for (const [name, seen] of reads.bindings) if (this.env.vars.get(name) !== seen) return false;
    for (const [name, seen] of reads.globals) if (this.globals.get(name) !== seen) return false;
    return true;
  }

  /** Takes over an inline evaluation (unchangedForInline): its reads are recorded and its budget spent, as if it ran. */
  replayInline(reads: InlineReads): void {
    const { tracking } = this;
    if (tracking) {
      for (const [name, binding] of reads.bindings) this.trackBindingRead(tracking, name, binding);
      for (const [name, value] of reads.globals) this.trackGlobalRead(tracking, name, value);
      if ('views' in reads) this.readViews();
      if ('starModules' in reads) this.starModules();
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame) mergeReads(frame, reads);
    this.budget -= reads.spent;
  }

  /** The module env, or a copy of it the running statement made for a branch. */
  private isLive(env: Env): boolean {
    return env === this.env || (env.scope === this.env.scope && !!this.tracking && env.made > this.tracking.clock);
  }

  /** Name resolution from `env` outwards (class bodies do not enclose methods), recording module reads. */
  lookup(env: Env, name: string): Binding | undefined {
    let scope: Env = env;
    let binding = env.vars.get(name);
    for (let outer = env.parent; !binding && outer; outer = outer.parent) {
      scope = outer;
      if (outer.kind !== 'class') binding = outer.vars.get(name);
    }
    const { tracking } = this;
    if (tracking && this.isLive(scope)) this.trackBindingRead(tracking, name, binding);
    const frame = this.frames[this.frames.length - 1];
    if (frame && scope.scope === this.env.scope) {
      // a helper that is taken over is checked against the module env: a read of a branch's copy cannot be
      if (scope !== this.env) frame.impure = true;
      else if (!frame.bindings.has(name)) frame.bindings.set(name, binding);
    }
    return binding;
  }

  private trackBindingRead(tracking: Tracking, name: string, binding: Binding | undefined): void {
    if (!tracking.reads.bindings.has(name) && (!binding || binding.made <= tracking.clock)) tracking.reads.bindings.set(name, binding);
  }

  set(env: Env, name: string, binding: Binding): void {
    env.vars.set(name, binding);
    if (env === this.env) this.tracking?.bindings.add(name);
    if (env.scope === this.env.scope) this.changedByInline();
  }

  /** The running inline evaluations changed the module: they cannot be taken over. */
  private changedByInline(): void {
    for (const frame of this.frames) frame.impure = true;
  }

  /** The next version number of a module-scope name. */
  nextVersion(name: string): number {
    const version = (this.versions.get(name) ?? 0) + 1;
    const { tracking } = this;
    if (tracking && !tracking.versions.has(name)) {
      tracking.reads.versions.set(name, version - 1);
      tracking.versions.add(name);
    }
    this.versions.set(name, version);
    this.changedByInline();
    return version;
  }

  global(name: string): Value | undefined {
    const value = this.globals.get(name);
    const { tracking } = this;
    if (tracking) this.trackGlobalRead(tracking, name, value);
    const frame = this.frames[this.frames.length - 1];
    if (frame && !frame.globals.has(name)) frame.globals.set(name, value);
    return value;
  }

  private trackGlobalRead(tracking: Tracking, name: string, value: Value | undefined): void {
    if (!tracking.globals.has(name) && !tracking.reads.globals.has(name)) tracking.reads.globals.set(name, value);
  }

  setGlobal(name: string, value: Value): void {
    this.globals.set(name, value);
    this.tracking?.globals.add(name);
    this.changedByInline();
  }

  view(name: string): Boundedness | undefined {
    return this.readViews().get(name);
  }

  hasView(name: string): boolean {
    return this.readViews().has(name);
  }

  private readViews(): ViewMap {
    const { tracking } = this;
    if (tracking && !tracking.views && !('views' in tracking.reads)) tracking.reads.views = this.views;
    const frame = this.frames[this.frames.length - 1];
    if (frame && !('views' in frame)) frame.views = this.views;
    return this.views;
  }

  setView(name: string, bound: Boundedness | undefined): void {
    this.views = new Map(this.views).set(name, bound);
    if (this.tracking) this.tracking.views = true;
    this.changedByInline();
  }

  starModules(): readonly string[] {
    const { tracking } = this;
    if (tracking && !tracking.stars && !('starModules' in tracking.reads)) tracking.reads.starModules = this.stars;
    const frame = this.frames[this.frames.length - 1];
    if (frame && !('starModules' in frame)) frame.starModules = this.stars;
    return this.stars;
  }

  /** Star imports in effect before the first statement (the same array on every build, so statements reading them are taken over). */
  startWithStars(modules: readonly string[]): void {
    this.stars = modules;
  }

  addStarModule(module: string): void {
    // the list it extends is read: a star import taken over replays the list it made from it
    this.starModules();
    this.stars = [...this.stars, module];
    if (this.tracking) this.tracking.stars = true;
    this.changedByInline();
  }

  /** Takes one inline evaluation from the budget; false when it is spent. */
  takeInline(): boolean {
    const reads = this.tracking?.reads;
    if (reads && !('budget' in reads)) reads.budget = this.budget;
    if (this.budget <= 0) {
      for (const frame of this.frames) frame.exhausted = true;
      return false;
    }
    this.budget--;
    return true;
  }

  imported(alias: string, qualified: string): void {
    this.tracking?.imports.push([alias, qualified]);
    this.changedByInline();
  }

  /**
   * Not a change an inline evaluation must be re-run for: the body that marks is also evaluated where its
   * function is defined, non-silently, and that statement records the mark.
   */
  markJobFile(): void {
    if (this.tracking) this.tracking.isJobFile = true;
  }

  /**
   * Before changing a value or binding in place: one made before the running statement is foreign.
   * `madeHere`: the value came from an inline evaluation taken over in the running statement (it has an
   * old id, but a fresh build would have made it here).
   */
  mutating(thing: Value | Binding, madeHere = false): void {
    const made = 'made' in thing ? thing.made : thing.id;
    if (this.tracking && made <= this.tracking.clock && !madeHere) this.foreignMutation = true;
    // a body may change what it made itself; changing anything older changes the world around it
    for (const frame of this.frames) if (made < frame.start) frame.impure = true;
  }
}

function mergeReads(into: InlineReads, from: InlineReads): void {
  for (const [name, binding] of from.bindings) if (!into.bindings.has(name)) into.bindings.set(name, binding);
  for (const [name, value] of from.globals) if (!into.globals.has(name)) into.globals.set(name, value);
  if ('views' in from && !('views' in into)) into.views = from.views;
  if ('starModules' in from && !('starModules' in into)) into.starModules = from.starModules;
  if (from.impure) into.impure = true;
  if (from.exhausted) into.exhausted = true;
}
