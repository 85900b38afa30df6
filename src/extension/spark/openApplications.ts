// The Spark applications open in panels, with their latest snapshots: the CodeLens on source lines
// and the Applications view read from here.
import * as vscode from 'vscode';
import type { PathMappings } from '../../shared/pathMapping';
import type { AppSnapshot, StageKey } from '../../spark/model/types';

export interface OpenApplication {
  source: string;
  snapshot?: AppSnapshot;
  /** Where this application's driver paths are, before the user's sparkml.ui.pathMappings. */
  pathMappings?: PathMappings;
  reveal(stage?: StageKey): void;
}

export class OpenApplications implements vscode.Disposable {
  private readonly apps = new Map<string, OpenApplication>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  set(app: OpenApplication): void {
    this.apps.set(app.source, app);
    this.changed.fire();
  }

  delete(source: string): void {
    if (this.apps.delete(source)) this.changed.fire();
  }

  get(source: string): OpenApplication | undefined {
    return this.apps.get(source);
  }

  all(): OpenApplication[] {
    return [...this.apps.values()];
  }

  /** Tells listeners a snapshot changed (the caller updated it in place). */
  touch(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
