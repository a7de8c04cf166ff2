// Where the S3 store keeps instances: the `store` setting, s3://bucket or s3://bucket/prefix.

export interface S3Location {
  bucket: string;
  /** Put before every storage key: empty, or ending in "/". */
  prefix: string;
}

/** An S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The location of an s3:// URL; undefined when it is not one (a bad bucket name, an empty or ".." prefix segment). */
export function s3LocationOf(url: string): S3Location | undefined {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(url);
  const prefix = (m?.[2] ?? '').replace(/\/+$/, '');
  if (!m || !BUCKET.test(m[1]!) || (prefix && prefix.split('/').some((s) => s === '' || s === '..'))) return undefined;
  return { bucket: m[1]!, prefix: prefix && `${prefix}/` };
}
