// Instances as objects of an S3-compatible bucket, at their storage keys under an optional prefix, so
// that several archives (replicas sharing one PostgreSQL index) serve the same instances. A write is
// held or spilled locally as for files on disk (see SpooledWrite), then uploaded at commit: one PUT of
// the bytes held in memory, else an upload streamed from the temporary file (multipart when large).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { concatBytes, type ByteSource } from '@dcmkit/core';
import { checkedStorageKey, INSTANCES, type InstanceStore, type PendingWrite, type StorageKey } from './instance-store.js';
import type { S3Location } from './s3-location.js';
import { HeldBudget, removeTemporaryFiles, SpooledWrite, TMP } from './spooled-write.js';

/** Parts of a multipart upload (S3 takes 5 MiB at least); an upload buffers at most UPLOAD_QUEUE of them. */
const PART_BYTES = 8 * 1024 ** 2;
const UPLOAD_QUEUE = 2;
const CONTENT_TYPE = 'application/dicom';

/** A write uploaded at commit; its temporary file, if any, removed then (whether the upload succeeded or not). */
class S3PendingWrite extends SpooledWrite {
  constructor(
    private readonly store: S3Store,
    path: string,
  ) {
    super(store.budget, path);
  }

  // Nothing is made durable locally: the upload is.
  protected async keepHeld(): Promise<void> {}
  protected async keepSpilled(): Promise<void> {}

  async commit(key: StorageKey): Promise<{ durable: Promise<void> }> {
    await this.close();
    try {
      const held = this.held;
      await (held ? this.store.put(key, concatBytes(held)) : this.store.upload(key, this.path));
    } finally {
      await this.discard();
    }
    // An object is durable once its PUT (or the completion of its multipart upload) returned.
    return { durable: Promise.resolve() };
  }
}

/** A stored object read by ranged GETs. */
class ObjectSource implements ByteSource {
  constructor(
    private readonly store: S3Store,
    readonly name: StorageKey,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.size);
    if (end <= offset) return new Uint8Array(0);
    const body = await this.store.get(this.name, { start: offset, end });
    return body.transformToByteArray();
  }
}

const isNotFound = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/** Instances in a bucket of an S3-compatible service; temporary files in a local folder. */
export class S3Store implements InstanceStore {
  readonly shared = true;
  /** Memory for the parts held until they are uploaded. */
  readonly budget = new HeldBudget();

  constructor(
    readonly client: S3Client,
    readonly location: S3Location,
    /** The local folder of temporary files. */
    readonly temporaries: string,
  ) {}

  #key(key: StorageKey): string {
    return this.location.prefix + checkedStorageKey(key);
  }

  async begin(): Promise<PendingWrite> {
    return new S3PendingWrite(this, join(this.temporaries, `${randomUUID()}.part`));
  }

  /** Uploads `bytes` to `key` in one PUT. */
  async put(key: StorageKey, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.location.bucket, Key: this.#key(key), Body: bytes, ContentLength: bytes.length, ContentType: CONTENT_TYPE }));
  }

  /** Uploads the file at `path` to `key`, read as it is sent; a failed multipart upload is aborted (its parts removed). */
  async upload(key: StorageKey, path: string): Promise<void> {
    const params = { Bucket: this.location.bucket, Key: this.#key(key), Body: createReadStream(path), ContentType: CONTENT_TYPE };
    await new Upload({ client: this.client, params, partSize: PART_BYTES, queueSize: UPLOAD_QUEUE }).done();
  }

  /** The body of `key`, or of bytes [start, end) of it. */
  async get(key: StorageKey, range?: { start: number; end: number }) {
    const Range = range && `bytes=${range.start}-${range.end - 1}`;
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.#key(key), Range }));
    if (!Body) throw new Error(`no body for ${key}`);
    return Body;
  }

  async open(key: StorageKey, size?: number): Promise<ByteSource> {
    size ??= (await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.#key(key) }))).ContentLength ?? 0;
    return new ObjectSource(this, key, size);
  }

  async *stream(key: StorageKey, range?: { start: number; end: number }): AsyncIterable<Uint8Array> {
    if (range && range.end <= range.start) return;
    yield* (await this.get(key, range)) as AsyncIterable<Uint8Array>;
  }

  async delete(key: StorageKey): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.#key(key) }));
  }

  async exists(key: StorageKey): Promise<boolean> {
    return this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.#key(key) })).then(
      () => true,
      (e: unknown) => {
        if (isNotFound(e)) return false;
        throw e;
      },
    );
  }

  async *list(): AsyncIterable<StorageKey> {
    const { bucket, prefix } = this.location;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${INSTANCES}/`, ContinuationToken }));
      for (const { Key } of page.Contents ?? []) if (Key?.endsWith('.dcm')) yield Key.slice(prefix.length);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  removeTemporaryFiles(): Promise<number> {
    return removeTemporaryFiles(this.temporaries);
  }
}

/**
 * The store of `location` with temporary files in the data folder. Endpoint, region and credentials are
 * the SDK's (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY ...); with an
 * endpoint, buckets are addressed by path (http://host/bucket/key), as MinIO and other S3-compatible services need.
 */
export function s3StoreOf(location: S3Location, data: string): S3Store {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  return new S3Store(new S3Client({ forcePathStyle: Boolean(endpoint) }), location, join(data, TMP));
}
