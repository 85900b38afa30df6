// The `sparkml` subcommands, one line each. Loaded lazily so `sparkml lint` never pays for the
// S3 or Kubernetes clients.
import type { Subcommand } from './io';

export interface SubcommandEntry {
  summary: string;
  load: () => Promise<Subcommand>;
}

export const subcommands: Record<string, SubcommandEntry> = {
  submit: { summary: 'submit a PySpark job to IOMETE, Kubernetes or a local Spark (--dry-run prints the manifest)', load: async () => (await import('./submit')).submit },
  lint: { summary: 'lint PySpark files (text, json, sarif or github output)', load: async () => (await import('./lint')).lint },
  app: { summary: 'summarize a Spark application from an event log, s3:// or a Spark UI URL', load: async () => (await import('./app')).app },
};
