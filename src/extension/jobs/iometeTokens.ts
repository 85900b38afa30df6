// IOMETE API tokens live in SecretStorage only (never settings, never logs), one per host and domain.
// Asked for on first use; asked again when the server rejects the stored one.
import * as vscode from 'vscode';
import type { TokenProvider } from '../../submit/api';

const secretKey = (host: string, domain: string) => `sparkml.iomete.token/${host}/${domain}`;

export function iometeTokenProvider(secrets: vscode.SecretStorage, host: string, domain: string): TokenProvider {
  return async (renew: boolean) => {
    const key = secretKey(host, domain);
    if (!renew) {
      const stored = await secrets.get(key);
      if (stored) return stored;
    }
    const token = await vscode.window.showInputBox({
      title: `IOMETE API token for ${host} (${domain})`,
      prompt: renew ? 'IOMETE rejected the saved token (401). Enter a new one.' : 'Create one in the IOMETE console under Settings > Access tokens. It is kept in VS Code secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'The token is empty'),
    });
    if (!token) return undefined;
    await secrets.store(key, token.trim());
    return token.trim();
  };
}

/** "Spark ML: Set IOMETE Token": replaces the stored token for a host and domain. */
export function setIometeToken(secrets: vscode.SecretStorage): () => Promise<void> {
  return async () => {
    const host = await vscode.window.showInputBox({ title: 'IOMETE host', placeHolder: 'dev.iomete.cloud', ignoreFocusOut: true });
    if (!host) return;
    const domain = await vscode.window.showInputBox({ title: 'IOMETE domain', placeHolder: 'default', ignoreFocusOut: true });
    if (!domain) return;
    const token = await iometeTokenProvider(secrets, host.trim(), domain.trim())(true);
    if (token) void vscode.window.showInformationMessage(`Spark ML: saved the IOMETE token for ${host.trim()} (${domain.trim()}).`);
  };
}
