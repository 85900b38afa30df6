// Event logs on S3 (`s3://bucket/key` or `s3://bucket/prefix/`), streamed with GetObject. Works with
// AWS and self-hosted S3 (Ceph RGW, MinIO): pass an endpoint and path-style addressing for those.
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { ByteEntry, ByteSource, ResolvedLocation } from './ByteSource';

export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match || !match[1]) throw new Error(`Not an S3 URL: '${url}' (expected s3://bucket/key).`);
  return { bucket: match[1], key: match[2] };
}

/** Endpoint and addressing from the standard environment (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL). */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const config: S3ClientConfig = { region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1' };
  if (endpoint) {
    config.endpoint = endpoint;
    config.forcePathStyle = true;
  }
  return config;
}

export class S3ByteSource implements ByteSource {
  constructor(private readonly client: S3Client = new S3Client(s3ConfigFromEnv())) {}

  async resolve(location: string, signal?: AbortSignal): Promise<ResolvedLocation | undefined> {
    const { bucket, key } = parseS3Url(location);
    if (key !== '' && !key.endsWith('/')) {
      try {
        const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        return { kind: 'file', entry: { location, name: lastSegment(key), size: head.ContentLength } };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    const prefix = key === '' || key.endsWith('/') ? key : key + '/';
    const entries: ByteEntry[] = [];
    let token: string | undefined;
    // Bounded: a rolling event log has a handful of files; 100 pages is far beyond any real one.
    for (let page = 0; page < 100; page++) {
      const answer = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }),
        { abortSignal: signal },
      );
      for (const object of answer.Contents ?? []) {
        if (!object.Key || object.Key === prefix) continue;
        entries.push({ location: `s3://${bucket}/${object.Key}`, name: lastSegment(object.Key), size: object.Size });
      }
      token = answer.IsTruncated ? answer.NextContinuationToken : undefined;
      if (!token) break;
    }
    if (entries.length === 0) return undefined;
    return { kind: 'directory', location: `s3://${bucket}/${prefix}`, entries };
  }

  async *read(entry: ByteEntry, signal?: AbortSignal, start = 0): AsyncIterable<Uint8Array> {
    const { bucket, key } = parseS3Url(entry.location);
    if (start > 0 && entry.size !== undefined && start >= entry.size) return;
    const range = start > 0 ? `bytes=${start}-` : undefined;
    const answer = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }), { abortSignal: signal });
    const body = answer.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body) return;
    yield* body;
  }
}

function lastSegment(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
