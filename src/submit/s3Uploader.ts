// Uploads a job's main file and dependencies to S3 before submission. Multipart through
// @aws-sdk/lib-storage with progress and cancel; a cancelled or failed upload leaves no multipart
// parts behind (we abort the multipart ourselves and check it is gone, because lib-storage reports
// the abort before its in-flight parts settle). A file whose SHA-256 already sits in the stored
// object's metadata is not uploaded again. Self-hosted S3 (MinIO, Ceph, IOMETE storage) gets
// path-style addressing and checksums only when required: streamed uploads with a trailing
// checksum are refused by those servers (411/501).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { PlannedUpload } from './resolveJob';

export const HASH_METADATA_KEY = 'sparkml-sha256';
// 16 MiB x 4 in flight: measured faster than 8 MiB parts against Ceph RGW (bench/submit), 64 MiB of buffers.
export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;

export interface S3Settings {
  region?: string;
  /** Custom endpoint for self-hosted S3; path-style is then the default. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Shared config/credentials profile; the default provider chain when absent. */
  profile?: string;
  /** Explicit credentials (tests, or an extension that stores them itself). */
  credentials?: S3ClientConfig['credentials'];
  maxAttempts?: number;
}

export function createS3Client(settings: S3Settings): S3Client {
  const selfHosted = !!settings.endpoint;
  return new S3Client({
    region: settings.region ?? (selfHosted ? 'us-east-1' : undefined),
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle ?? selfHosted,
    profile: settings.profile,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts ?? 5,
    ...(selfHosted ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}

export interface UploadProgress {
  localPath: string;
  key: string;
  /** Bytes of this file sent so far / its size. */
  loaded: number;
  total: number;
  /** Across all files of this call. */
  overallLoaded: number;
  overallTotal: number;
}

export interface UploadOutcome {
  localPath: string;
  bucket: string;
  key: string;
  sha256: string;
  size: number;
  skipped: boolean;
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  partSize?: number;
  queueSize?: number;
}

export class UploadError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function storedHash(client: S3Client, bucket: string, key: string): Promise<{ hash?: string; size?: number } | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { hash: head.Metadata?.[HASH_METADATA_KEY], size: head.ContentLength };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return undefined;
    throw error;
  }
}

/** Aborts the multipart upload and makes sure S3 no longer lists it (parts still in flight can re-create parts). */
export async function abortMultipartCompletely(client: S3Client, bucket: string, key: string, uploadId: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404) throw error; // 404 NoSuchUpload: already gone
    }
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    if (!listed.Uploads?.some((upload) => upload.UploadId === uploadId)) return;
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
  }
  throw new UploadError(`could not abort multipart upload ${uploadId} of s3://${bucket}/${key}; remove it with AbortMultipartUpload`);
}

function describeS3Error(error: unknown, bucket: string, key: string): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'NoSuchBucket') return `bucket "${bucket}" does not exist`;
  if (e.name === 'CredentialsProviderError') return `no S3 credentials (${e.message}); set a profile in the delivery, AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
  if (status === 403 || e.name === 'InvalidAccessKeyId' || e.name === 'SignatureDoesNotMatch') return `access denied to s3://${bucket}/${key} (${e.name ?? status}): check the credentials or profile`;
  if (status === undefined && e.name !== 'AbortError') return `cannot reach S3: ${e.message}`;
  return `${e.name ?? 'Error'}${status ? ` (${status})` : ''}: ${e.message}`;
}

async function uploadOne(client: S3Client, item: PlannedUpload, hash: string, size: number, options: UploadOptions, report: (loaded: number) => void): Promise<void> {
  const upload = new Upload({
    client,
    params: { Bucket: item.bucket, Key: item.key, Body: createReadStream(item.localPath, { highWaterMark: 1024 * 1024 }), ContentLength: size, Metadata: { [HASH_METADATA_KEY]: hash } },
    partSize: options.partSize ?? DEFAULT_PART_SIZE,
    queueSize: options.queueSize ?? 4,
    leavePartsOnError: false,
  });
  upload.on('httpUploadProgress', (progress) => report(progress.loaded ?? 0));
  const onAbort = () => void upload.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await upload.done();
  } catch (error) {
    // lib-storage may still be creating the multipart upload or sending parts: find its id and abort it for good.
    const internals = upload as unknown as { uploadId?: string; createMultiPartPromise?: Promise<{ UploadId?: string }> };
    const uploadId = internals.uploadId ?? (await internals.createMultiPartPromise?.catch(() => undefined))?.UploadId;
    if (uploadId) await abortMultipartCompletely(client, item.bucket, item.key, uploadId);
    if (options.signal?.aborted) throw new UploadError(`upload of ${item.localPath} cancelled`, error);
    throw new UploadError(`upload of ${item.localPath} to s3://${item.bucket}/${item.key} failed: ${describeS3Error(error, item.bucket, item.key)}`, error);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  // RGW answers CompleteMultipartUpload with an empty ETag; the stored size and hash are what we check.
  const stored = await storedHash(client, item.bucket, item.key);
  if (stored?.size !== size || stored.hash !== hash) {
    throw new UploadError(`s3://${item.bucket}/${item.key} does not match ${item.localPath} after upload (size ${stored?.size} vs ${size})`);
  }
}

/** Uploads the planned files one after another; returns what was sent and what was already there. */
export async function uploadFiles(client: S3Client, items: PlannedUpload[], options: UploadOptions = {}): Promise<UploadOutcome[]> {
  const sizes = await Promise.all(items.map(async (item) => (await stat(item.localPath)).size));
  const overallTotal = sizes.reduce((sum, size) => sum + size, 0);
  let done = 0;
  const outcomes: UploadOutcome[] = [];
  for (const [index, item] of items.entries()) {
    options.signal?.throwIfAborted();
    const size = sizes[index];
    const hash = await sha256File(item.localPath);
    const report = (loaded: number) =>
      options.onProgress?.({ localPath: item.localPath, key: item.key, loaded, total: size, overallLoaded: done + loaded, overallTotal });
    let existing: Awaited<ReturnType<typeof storedHash>>;
    try {
      existing = await storedHash(client, item.bucket, item.key);
    } catch (error) {
      throw new UploadError(`checking s3://${item.bucket}/${item.key}: ${describeS3Error(error, item.bucket, item.key)}`, error);
    }
    const skipped = existing?.hash === hash && existing.size === size;
    if (!skipped) await uploadOne(client, item, hash, size, options, report);
    report(size);
    done += size;
    outcomes.push({ localPath: item.localPath, bucket: item.bucket, key: item.key, sha256: hash, size, skipped });
  }
  return outcomes;
}
