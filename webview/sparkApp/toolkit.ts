// The webview UI toolkit's elements the panel uses, registered after first paint (main.ts imports
// this chunk then): until they upgrade, the vscode-* elements are plain elements that sparkApp.css
// styles alike (`:not(:defined)`), so the first frame already shows the Application tab.
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing } from '@vscode/webview-ui-toolkit';
// The same module instance the toolkit's elements use (the package has no `exports` map).
import { tokenMappings } from '@vscode/webview-ui-toolkit/dist/utilities/design-tokens/create.js';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(vsCodeBadge(), vsCodeButton(), vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeProgressRing());
  // The toolkit copies the VS Code theme into its design tokens on the window's `load` event, and
  // watches the theme from then on. Loaded after that event, it would keep its default (dark)
  // colours in every theme: do what its load handler does.
  if (document.readyState === 'complete') {
    applyTheme();
    new MutationObserver(applyTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }
}

/** The toolkit's applyCurrentTheme (utilities/theme/applyTheme.js, MIT), which it does not export. */
function applyTheme(): void {
  const styles = getComputedStyle(document.body);
  const themeKind = document.body.getAttribute('data-vscode-theme-kind');
  for (const [themeVariable, token] of tokenMappings) {
    let value = styles.getPropertyValue(themeVariable).toString();
    if (themeKind === 'vscode-high-contrast') {
      // Background tokens without a value in high contrast would fall back to dark-theme colours.
      if (value.length === 0 && token.name.includes('background')) value = 'transparent';
      if (token.name === 'button-icon-hover-background') value = 'transparent';
    } else if (themeKind === 'vscode-high-contrast-light') {
      if (value.length === 0 && token.name.includes('background')) {
        const fixed: Record<string, string> = { 'button-primary-hover-background': '#0F4A85', 'button-secondary-hover-background': 'transparent', 'button-icon-hover-background': 'transparent' };
        value = fixed[token.name] ?? value;
      }
    } else if (token.name === 'contrast-active-border') {
      value = 'transparent';
    }
    token.setValueFor(document.body, value);
  }
}
