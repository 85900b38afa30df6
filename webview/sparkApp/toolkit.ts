// The webview UI toolkit's elements the panel uses, registered after first paint (main.ts imports
// this chunk then): until they upgrade, the vscode-* elements are plain elements that sparkApp.css
// styles alike (`:not(:defined)`), so the first frame already shows the Application tab.
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing } from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(vsCodeBadge(), vsCodeButton(), vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeProgressRing());
}
