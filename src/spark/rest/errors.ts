// Typed errors of the REST client, each with a message a user can act on. Spark answers errors in
// plain text ("no such app: x", "unknown app: y"), and proxies (YARN, Knox, Kubernetes) in HTML.

export type SparkRestErrorKind = 'notFound' | 'unavailable' | 'http' | 'network' | 'badResponse' | 'aborted' | 'timeout';

export class SparkRestError extends Error {
  override readonly name = 'SparkRestError';

  constructor(
    readonly kind: SparkRestErrorKind,
    message: string,
    readonly url: string,
    readonly status?: number,
    /** The first line of the server's answer, trimmed (raw text: escape before showing it as HTML). */
    readonly serverMessage?: string,
  ) {
    super(message);
  }

  /** Worth retrying later: the server or the network may recover. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'network' || this.kind === 'timeout';
  }
}

/** The useful first line of an error body: HTML tags dropped, at most 300 characters. */
export function summarizeErrorBody(body: string): string | undefined {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line.length > 0);
  if (!text) return undefined;
  return text.length > 300 ? text.slice(0, 300) + '...' : text;
}
