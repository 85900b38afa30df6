// The rule documentation panel: one panel, reused, showing the rule asked for. Survives a window
// reload through its serializer (the state it keeps is the rule code).
import * as vscode from 'vscode';
import { OpenLinkCommand, ReadyCommand, RuleDocsStateNotification, ShowRuleCommand, type RuleDocsState } from '../../../webview/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const ruleDocsViewType = 'sparkml.ruleDocs';

export type RuleDocsSource = (code: string) => Promise<RuleDocsState | undefined>;

export class RuleDocsPanel implements vscode.Disposable {
  private static current: RuleDocsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: RuleDocsState;

  /** Shows the rule in the existing panel, or opens one. */
  static async show(extensionUri: vscode.Uri, source: RuleDocsSource, code: string, log: vscode.LogOutputChannel): Promise<boolean> {
    const docs = await source(code);
    if (!docs) {
      void vscode.window.showWarningMessage(`Spark ML: there is no rule ${code}.`);
      return false;
    }
    if (RuleDocsPanel.current) {
      RuleDocsPanel.current.update(docs);
      RuleDocsPanel.current.panel.reveal();
      return true;
    }
    const panel = vscode.window.createWebviewPanel(ruleDocsViewType, title(docs), vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    RuleDocsPanel.current = new RuleDocsPanel(panel, extensionUri, source, docs, log);
    return true;
  }

  /** Re-opens a panel VS Code restored after a reload. */
  static async restore(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: RuleDocsSource, code: string, log: vscode.LogOutputChannel): Promise<void> {
    const docs = await source(code);
    if (!docs) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(extensionUri);
    RuleDocsPanel.current?.dispose();
    RuleDocsPanel.current = new RuleDocsPanel(panel, extensionUri, source, docs, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: RuleDocsSource,
    docs: RuleDocsState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.state = docs;
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'ruleDocs', title(docs), docs);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message), undefined, this.disposables);
  }

  private update(docs: RuleDocsState): void {
    this.state = docs;
    this.panel.title = title(docs);
    void this.panel.webview.postMessage(RuleDocsStateNotification.create(docs));
  }

  private async onMessage(message: unknown): Promise<void> {
    if (ReadyCommand.is(message)) {
      this.log.debug(`rule documentation panel ready (${this.state.code})`);
    } else if (ShowRuleCommand.is(message)) {
      const docs = await this.source(message.params.code);
      if (docs) this.update(docs);
    } else if (OpenLinkCommand.is(message) && /^https?:\/\//.test(message.params.url)) {
      await vscode.env.openExternal(vscode.Uri.parse(message.params.url));
    }
  }

  dispose(): void {
    if (RuleDocsPanel.current === this) RuleDocsPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  /** For the panel serializer: what to restore. */
  static serializedCode(state: unknown): string | undefined {
    const code = (state as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  }
}

function title(docs: RuleDocsState): string {
  return `${docs.code}: ${docs.name}`;
}
