// Messages between the extension host and webviews (the GitLens habit): each declared once with a
// method name and an `is()` guard, imported by both sides.
//   command:      webview -> host, no reply
//   notification: host -> webview
import type { RuleDocsResult } from '../src/shared/protocol';

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
