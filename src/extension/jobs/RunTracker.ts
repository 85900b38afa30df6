// Follows submitted runs: their state into the run store (and so the Jobs view), their driver log into
// a LogOutputChannel per run while they run (each line at its log4j level), and a notification when they end.
import * as vscode from 'vscode';
import type { RunState, Target } from '../../submit/api';
import type { RunRecord, RunStore } from './runStore';

export type TargetFor = (run: RunRecord) => Promise<Target>;

interface Following {
  controller: AbortController;
  channel: vscode.LogOutputChannel;
}

/**
 * Spark's log4j lines, in its default pattern (`24/01/15 09:00:01 WARN TaskSetManager: ...`) or with an
 * ISO date: their level, and the text after the time (the channel stamps its own time).
 */
const log4jLine = /^(?:\d{2}\/\d{2}\/\d{2}|\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\s+(.*)$/;

/** Writes a driver log line at its own level, so the channel's level filter works on Spark's log. */
export function writeDriverLine(channel: vscode.LogOutputChannel, line: string): void {
  const match = log4jLine.exec(line);
  if (!match) return channel.info(line);
  const [, level, text] = match;
  if (level === 'ERROR' || level === 'FATAL') channel.error(text);
  else if (level === 'WARN') channel.warn(text);
  else if (level === 'DEBUG') channel.debug(text);
  else if (level === 'TRACE') channel.trace(text);
  else channel.info(text);
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${seconds % 60}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export class RunTracker implements vscode.Disposable {
  private readonly following = new Map<string, Following>();
  private readonly channels = new Map<string, vscode.LogOutputChannel>();

  constructor(
    private readonly store: RunStore,
    private readonly targetFor: TargetFor,
    private readonly log: vscode.LogOutputChannel,
    private readonly onOpenUi: (run: RunRecord) => void,
  ) {}

  /** The run's log channel (created on first use; kept after the run ends so the log stays readable). */
  channel(run: RunRecord): vscode.LogOutputChannel {
    let channel = this.channels.get(run.ref.submissionId);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`Spark job: ${run.ref.name}`, { log: true });
      this.channels.set(run.ref.submissionId, channel);
    }
    return channel;
  }

  isFollowing(submissionId: string): boolean {
    return this.following.has(submissionId);
  }

  /** Follows a run until it ends (no-op when already followed or finished). */
  follow(run: RunRecord): void {
    if (run.state?.terminal || this.following.has(run.ref.submissionId)) return;
    const controller = new AbortController();
    const channel = this.channel(run);
    this.following.set(run.ref.submissionId, { controller, channel });
    void this.run(run, controller.signal, channel).finally(() => this.following.delete(run.ref.submissionId));
  }

  private async run(run: RunRecord, signal: AbortSignal, channel: vscode.LogOutputChannel): Promise<void> {
    let target: Target;
    try {
      target = await this.targetFor(run);
    } catch (error) {
      await this.lost(run, (error as Error).message);
      return;
    }
    const logs = this.streamLogs(target, run, signal, channel);
    try {
      let last: RunState | undefined;
      for await (const state of target.states(run.ref, signal)) {
        last = state;
        await this.store.update(run.ref.submissionId, { state, ...(state.terminal ? { endedAt: Date.now() } : {}) });
        if (state.terminal) break;
      }
      if (last?.terminal) this.announce((this.store.get(run.ref.submissionId) ?? run) as RunRecord, last);
    } catch (error) {
      if (!signal.aborted) await this.lost(run, (error as Error).message);
    }
    await logs;
  }

  private async streamLogs(target: Target, run: RunRecord, signal: AbortSignal, channel: vscode.LogOutputChannel): Promise<void> {
    try {
      for await (const line of target.logs(run.ref, signal)) writeDriverLine(channel, line);
    } catch (error) {
      if (!signal.aborted) channel.error(`Spark ML: the driver log stopped: ${(error as Error).message}`);
    }
  }

  private async lost(run: RunRecord, message: string): Promise<void> {
    this.log.error(`Following ${run.ref.name}: ${message}`);
    const choice = await vscode.window.showWarningMessage(`Spark ML: lost track of ${run.ref.name}: ${message}`, 'Retry', 'Show Output');
    if (choice === 'Retry') this.follow(this.store.get(run.ref.submissionId) ?? run);
    else if (choice === 'Show Output') this.log.show();
  }

  private announce(run: RunRecord, state: RunState): void {
    const took = formatDuration((run.endedAt ?? Date.now()) - run.submittedAt);
    const text = `Spark job ${run.ref.name} ${state.phase.toLowerCase()} after ${took}${state.message ? `: ${state.message}` : ''}.`;
    // A cancelled run is what the user asked for (and its driver is gone); only a failure is an error.
    const shown =
      state.phase === 'CANCELLED'
        ? vscode.window.showInformationMessage(text, 'Show Logs')
        : state.phase === 'COMPLETED'
          ? vscode.window.showInformationMessage(text, 'Show Logs', 'Open Spark UI')
          : vscode.window.showErrorMessage(text, 'Show Logs', 'Open Spark UI');
    void shown.then((choice) => {
      if (choice === 'Show Logs') this.channel(run).show(true);
      else if (choice === 'Open Spark UI') this.onOpenUi(run);
    });
  }

  stop(submissionId: string): void {
    this.following.get(submissionId)?.controller.abort();
    this.following.delete(submissionId);
  }

  dispose(): void {
    for (const { controller } of this.following.values()) controller.abort();
    this.following.clear();
    for (const channel of this.channels.values()) channel.dispose();
    this.channels.clear();
  }
}
