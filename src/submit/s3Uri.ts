// s3:// is what users and the AWS tools write; Spark's Hadoop connector reads s3a://.
export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3a?:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// or s3a:// URI with a key: ${uri}`);
  return { bucket: match[1], key: match[2] };
}

export function toS3a(uri: string): string {
  const { bucket, key } = parseS3Uri(uri);
  return `s3a://${bucket}/${key}`;
}

export function toS3(uri: string): string {
  const { bucket, key } = parseS3Uri(uri);
  return `s3://${bucket}/${key}`;
}

/** Joins a prefix and a file name into a key without doubled or leading slashes. */
export function joinKey(prefix: string | undefined, name: string): string {
  const clean = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return clean ? `${clean}/${name}` : name;
}
