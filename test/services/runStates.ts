// Reading a run's state stream, shared by the target tests (local, kubeflow, Apache operator, IOMETE).
import type { RunRef, RunState, Target } from '../../src/submit/target';

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Follows a run's states, cancels it at the first state `running` accepts, and returns every state seen. */
export async function statesCancellingWhenRunning(target: Target, run: RunRef, running = (state: RunState) => state.phase === 'RUNNING'): Promise<RunState[]> {
  const seen: RunState[] = [];
  for await (const state of target.states(run)) {
    seen.push(state);
    if (running(state)) await target.cancel(run);
  }
  return seen;
}
