// Settings resolved per document URI and cached as a promise (the vscode-eslint habit), cleared when
// the user changes configuration. Wrong values are reported once and replaced by their defaults.
import type { Connection } from 'vscode-languageserver';
import { settingsProblemNotification, type SettingsProblemParams } from '../shared/protocol';
import { sanitizeSettings, type SparkMlSettings } from '../shared/settings';

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<SparkMlSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  get(uri: string): Promise<SparkMlSettings> {
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.fetch(uri);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  clear(): void {
    this.byUri.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private async fetch(uri: string): Promise<SparkMlSettings> {
    let raw: unknown = undefined;
    if (this.supportsConfiguration()) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'sparkml' });
      } catch (error) {
        this.connection.console.warn(`Could not read settings for ${uri}: ${(error as Error).message}`);
      }
    }
    const { settings, problems } = sanitizeSettings(raw);
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    if (fresh.length) {
      fresh.forEach((problem) => this.reported.add(problem));
      fresh.forEach((problem) => this.connection.console.warn(problem));
      void this.connection.sendNotification(settingsProblemNotification, { problems: fresh } satisfies SettingsProblemParams);
    }
    return settings;
  }
}
