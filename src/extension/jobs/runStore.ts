// The runs the user submitted from this workspace, kept in workspaceState so the Jobs view (and the
// following of a run still going) survive a reload.
import * as vscode from 'vscode';
import type { RunRef, RunState } from '../../submit/api';

export interface RunRecord {
  ref: RunRef;
  jobName: string;
  targetName: string;
  specFile: string;
  /** The manifest or payload that was sent (for "Copy Manifest"). */
  manifest?: unknown;
  submittedAt: number;
  state?: RunState;
  endedAt?: number;
}

const storageKey = 'sparkml.runs';
/** Older finished runs are dropped past this many. */
const maxRuns = 200;

export class RunStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunRecord | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  all(): RunRecord[] {
    return this.memento.get<RunRecord[]>(storageKey, []);
  }

  get(submissionId: string): RunRecord | undefined {
    return this.all().find((run) => run.ref.submissionId === submissionId);
  }

  async add(run: RunRecord): Promise<void> {
    const runs = [run, ...this.all().filter((r) => r.ref.submissionId !== run.ref.submissionId)];
    const active = runs.filter((r) => !r.state?.terminal);
    const finished = runs.filter((r) => r.state?.terminal).slice(0, Math.max(0, maxRuns - active.length));
    await this.memento.update(storageKey, [...active, ...finished].sort((a, b) => b.submittedAt - a.submittedAt));
    this.changed.fire(run);
  }

  async update(submissionId: string, change: Partial<RunRecord>): Promise<RunRecord | undefined> {
    const runs = this.all();
    const index = runs.findIndex((r) => r.ref.submissionId === submissionId);
    if (index < 0) return undefined;
    runs[index] = { ...runs[index], ...change };
    await this.memento.update(storageKey, runs);
    this.changed.fire(runs[index]);
    return runs[index];
  }

  async remove(submissionId: string): Promise<void> {
    await this.memento.update(storageKey, this.all().filter((r) => r.ref.submissionId !== submissionId));
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
