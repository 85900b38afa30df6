// The one handle a webview has on VS Code, typed with our messages.
import { initialStateElementId, type IpcMessage } from '../protocol';
import { unpackState } from './packedState';

interface VsCodeApi<S> {
  postMessage(message: IpcMessage): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<S>(): VsCodeApi<S> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<S>;
}

/** The state the host rendered into the page (GitLens habit: no round trip before first paint), unpacked. */
export function initialState<S>(): S {
  const element = document.getElementById(initialStateElementId);
  return unpackState<S>(JSON.parse(element?.textContent ?? 'null'));
}

/** Builds DOM from text only: every string from the host (and so from Spark) is set as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
export function el(tag: string, attributes?: Record<string, string>, ...children: Array<Node | string>): HTMLElement;
export function el(tag: string, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}
