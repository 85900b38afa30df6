// The `sparkml` subcommands, one line each. Loaded lazily so `sparkml lint` never pays for the
// S3 or Kubernetes clients.
import type { Subcommand } from './io';

export interface SubcommandEntry {
  summary: string;
  load: () => Promise<Subcommand>;
}

export const subcommands: Record<string, SubcommandEntry> = {
  lint: { summary: 'lint PySpark files (text, json or sarif output)', load: async () => (await import('./lint')).lint },
};
