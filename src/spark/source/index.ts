// Picks the byte source for a location: `s3://` (or `s3a://`) goes to S3, anything else is a local path.
// The S3 client is loaded only when an S3 location is read (it is large to load).
import type { ByteSource } from './ByteSource';
import { LocalByteSource } from './LocalByteSource';

export type { ByteEntry, ByteSource, ResolvedLocation } from './ByteSource';

export function isS3Location(location: string): boolean {
  return /^s3a?:\/\//.test(location);
}

export async function byteSourceFor(location: string): Promise<ByteSource> {
  if (!isS3Location(location)) return new LocalByteSource();
  const { S3ByteSource } = await import('./S3ByteSource');
  return new S3ByteSource();
}
