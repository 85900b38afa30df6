// Debian's Chromium driven by playwright-core (which ships no browser of its own). Installed with
// apt when we are root on Debian; anywhere else the caller gets a reason to skip with.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { ensureDebianPackages } from './debian';

export const chromiumPath = '/usr/bin/chromium';

/** Flags from ../shared/notes/vscode-e2e.md: headless, no sandbox as root, nothing phoning home. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumCheck {
  ok: boolean;
  /** Why Chromium cannot be had here; empty when ok. */
  reason: string;
}

/** Makes sure /usr/bin/chromium exists, installing Debian's package when possible. */
export function ensureChromium(log: (line: string) => void = console.log): ChromiumCheck {
  if (process.env.SPARKML_SKIP_BROWSER) return { ok: false, reason: `SPARKML_SKIP_BROWSER is set (${process.env.SPARKML_SKIP_BROWSER})` };
  const packages = ensureDebianPackages(['chromium'], log);
  if (!packages.ok) return { ok: false, reason: `Chromium is not available: ${packages.reason}` };
  if (!existsSync(chromiumPath)) return { ok: false, reason: `Debian's chromium package is installed but ${chromiumPath} is missing` };
  return { ok: true, reason: '' };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data folder that close() removes. */
export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sparkml-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    close: async () => {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
