// Messages between the extension host and webviews (the GitLens habit): each declared once with a
// method name and an `is()` guard, imported by both sides.
//   command:      webview -> host, no reply
//   notification: host -> webview
import type { RuleDocsResult } from '../src/shared/protocol';
import type { AppSnapshot, ExecutorLoadSeries, StageDetail, StageDistributions, StageKey } from '../src/spark/model/types';

export interface IpcMessage<P = unknown> {
  method: string;
  params: P;
}

export interface MessageType<P> {
  method: string;
  is(message: unknown): message is IpcMessage<P>;
  create(params: P): IpcMessage<P>;
}

function messageType<P>(method: string): MessageType<P> {
  return {
    method,
    is: (message: unknown): message is IpcMessage<P> =>
      typeof message === 'object' && message !== null && (message as IpcMessage).method === method,
    create: (params: P) => ({ method, params }),
  };
}

// Every panel: the page has rendered its initial state and listens for notifications.
export const ReadyCommand = messageType<Record<string, never>>('webview/ready');
// Every panel: open an http(s) link outside the webview.
export const OpenLinkCommand = messageType<{ url: string }>('webview/openLink');

// Rule documentation panel.
export type RuleDocsState = RuleDocsResult;
export const ShowRuleCommand = messageType<{ code: string }>('ruleDocs/showRule');
export const RuleDocsStateNotification = messageType<RuleDocsState>('ruleDocs/state');

/** Id of the <script type="application/json"> element that carries a panel's initial state. */
export const initialStateElementId = 'sparkml-initial-state';

// Spark application panel.
export type AppLoadState = 'loading' | 'ready' | 'refreshing' | 'error';

export interface AppPanelState {
  /** What the panel shows: an event-log path, an s3:// URL or a Spark UI / History Server URL. */
  source: string;
  load: {
    state: AppLoadState;
    /** A sentence for the user (the error, or what is being read). */
    message?: string;
    bytesRead?: number;
    /** When the shown snapshot was taken (epoch ms). */
    updatedAt?: number;
  };
  /** True for a running application that is refreshed while the panel is visible. */
  live: boolean;
  /** Without per-stage distributions and per-executor load series (asked for when shown). */
  snapshot?: AppSnapshot;
  /** The stage to show in detail (from a CodeLens on a source line). */
  selectedStage?: StageKey;
}

/**
 * The panel state as the host posts it: the snapshot packed column by column (`packState`, like the initial
 * state), and left out with `keepSnapshot` when only the load state or the live flag changed, so a
 * refresh's progress ticks do not ship (and redraw) a 2,000-stage application each time.
 */
export interface AppStateUpdate extends Omit<AppPanelState, 'snapshot'> {
  /** `packState(snapshot)`, when the snapshot changed since the last update this page received. */
  snapshot?: unknown;
  keepSnapshot?: true;
}
export const AppStateNotification = messageType<AppStateUpdate>('sparkApp/state');
export const SelectStageNotification = messageType<StageKey>('sparkApp/selectStage');
/** Open the workspace file a stage's call site points at. */
export const OpenCallSiteCommand = messageType<{ file: string; line?: number }>('sparkApp/openCallSite');
export const RefreshCommand = messageType<Record<string, never>>('sparkApp/refresh');
/** The webview shows a stage: the host answers with how its tasks spread over executors. */
export const StageDetailCommand = messageType<StageKey>('sparkApp/stageDetail');
export const StageDetailNotification = messageType<{ stage: StageKey; detail?: StageDetail; error?: string; distributions?: StageDistributions }>('sparkApp/stageDetailResult');
/** The panel's snapshot comes without per-executor load series: the page asks for the one it shows. */
export const ExecutorLoadCommand = messageType<{ executorId: string }>('sparkApp/executorLoad');
export const ExecutorLoadNotification = messageType<{ executorId: string; series?: ExecutorLoadSeries }>('sparkApp/executorLoadResult');
