// Turns what @kubernetes/client-node throws (ApiException with a Status body, node-fetch errors)
// into one shape, and decides which failures are worth a retry.
export interface KubeStatus {
  /** HTTP code; undefined when the request never got an answer (refused, reset, timeout). */
  code?: number;
  reason?: string;
  message: string;
  causes?: { field?: string; message?: string }[];
}

export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status: KubeStatus,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
}

export function kubeStatusOf(error: unknown): KubeStatus {
  const e = error as { code?: unknown; statusCode?: unknown; body?: unknown; message?: string };
  const code = typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (code === undefined) return { message: e.message ?? String(error) };
  const body = parseBody(e.body);
  const details = body?.details as { causes?: { field?: string; message?: string }[] } | undefined;
  return {
    code,
    reason: typeof body?.reason === 'string' ? body.reason : undefined,
    message: typeof body?.message === 'string' ? body.message : (e.message ?? `HTTP ${code}`).split('\n')[0],
    causes: details?.causes,
  };
}

export function isRetryable(status: KubeStatus): boolean {
  return status.code === undefined || status.code === 429 || status.code >= 500;
}

export function describeKubeStatus(status: KubeStatus, server: string): string {
  if (status.code === undefined) return `cannot reach the Kubernetes API at ${server}: ${status.message}`;
  if (status.code === 401) return `the Kubernetes API at ${server} rejected the credentials (401); check the kubeconfig user or log in again`;
  if (status.code === 403) return `forbidden (403): ${status.message}`;
  const causes = status.causes?.length ? `: ${status.causes.map((c) => `${c.field ?? ''} ${c.message ?? ''}`.trim()).join('; ')}` : '';
  return `${status.reason ?? 'Error'} (${status.code}): ${status.message}${status.code === 422 ? causes : ''}`;
}

/** Waits `ms` unless the signal aborts first (then rejects with the abort reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
