// The S3 store on an S3 emulator (s3rver): ranged reads, multipart upload of a large part with bounded
// memory, delete/exists/list, failed uploads, the store setting, and start-up repair with a bucket.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { repairStore, resolveConfig, storageKeyOf } from '../src/index.js';
import { S3Store } from '../src/store/s3-store.js';
import { s3LocationOf } from '../src/store/s3-location.js';
import { startArchive, stow } from './support/archive.js';
import { startBucket } from './support/s3.js';
import { syntheticInstance } from './support/synthetic.js';

const s3 = await startBucket();
const folders: string[] = [];
afterAll(async () => {
  await s3.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A store under a prefix of its own, with its temporary folder and the client it sends with. */
function newStore() {
  const temporaries = mkdtempSync(join(tmpdir(), 'dcmkit-s3-tmp-'));
  folders.push(temporaries);
  const client = s3.client();
  const prefix = `${randomUUID()}/`;
  return { store: new S3Store(client, { bucket: s3.bucket, prefix }, temporaries), client, prefix, temporaries };
}

async function put(store: S3Store, key: string, bytes: Uint8Array): Promise<void> {
  const pending = await store.begin();
  await pending.write(bytes);
  await pending.commit(key);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Keys of the bucket's objects under `prefix`, as the service has them. */
async function objectKeys(client: S3Client, prefix: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((c) => c.Key!);
}

/** Deterministic bytes: byte i is i * 31 mod 251. */
const pattern = (start: number, length: number) => Uint8Array.from({ length }, (_, i) => ((start + i) * 31) % 251);

const key = (n: number) => storageKeyOf('1.2', '1.2.3', `1.2.3.${n}`);

describe('S3Store', () => {
  it('uploads a held part in one PUT and reads byte ranges of it', async () => {
    const { store, client, prefix, temporaries } = newStore();
    const bytes = pattern(0, 100_000);
    await put(store, key(1), bytes);
    expect(readdirSync(temporaries)).toEqual([]);
    expect(await objectKeys(client, prefix)).toEqual([prefix + key(1)]);

    const source = await store.open(key(1));
    expect(source.size).toBe(bytes.length);
    expect(await source.read(1000, 10)).toEqual(bytes.subarray(1000, 1010));
    expect(await source.read(99_995, 100)).toEqual(bytes.subarray(99_995));
    expect(await source.read(100_000, 10)).toEqual(new Uint8Array(0));
    expect(new Uint8Array(await collect(store.stream(key(1), { start: 5, end: 70_000 })))).toEqual(bytes.subarray(5, 70_000));
    expect(new Uint8Array(await collect(store.stream(key(1))))).toEqual(bytes);
    expect(await collect(store.stream(key(1), { start: 10, end: 10 }))).toHaveLength(0);
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/not a storage key/);
  });

  it('streams a part larger than the memory budget to a temporary file and uploads it in parts, memory bounded', async () => {
    const { store, client, temporaries } = newStore();
    const sent: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName!);
        if (context.commandName !== 'UploadPartCommand') return next(args);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize' },
    );
    const size = 128 * 1024 ** 2;
    const chunk = 256 * 1024;
    const hash = createHash('sha256');
    const pending = await store.begin();
    for (let at = 0; at < size; at += chunk) {
      const bytes = pattern(at, chunk);
      hash.update(bytes);
      await pending.write(bytes);
    }
    await pending.close();
    expect(pending.sha256).toBe(hash.digest('hex'));
    expect(readdirSync(temporaries)).toHaveLength(1);
    // Two 8 MiB parts in flight at most; buffers not yet collected count too (about 55 MiB in all, whatever the size).
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline)), 5);
    try {
      await pending.commit(key(2));
    } finally {
      clearInterval(sample);
    }
    expect(mostInFlight).toBeLessThanOrEqual(2);
    expect(peak).toBeLessThan(72 * 1024 ** 2);
    expect(readdirSync(temporaries)).toEqual([]);
    expect(sent).toContain('CreateMultipartUploadCommand');
    expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(16);
    expect(sent).toContain('CompleteMultipartUploadCommand');

    const stored = createHash('sha256');
    let length = 0;
    for await (const c of store.stream(key(2))) {
      stored.update(c);
      length += c.length;
    }
    expect(length).toBe(size);
    expect(stored.digest('hex')).toBe(pending.sha256);
    const source = await store.open(key(2));
    expect(await source.read(size - 1000, 2000)).toEqual(pattern(size - 1000, 1000));
  });

  it('deletes, finds and lists objects under its prefix only', async () => {
    const { store } = newStore();
    const other = newStore().store;
    await put(store, key(1), pattern(0, 10));
    await put(store, key(2), pattern(0, 20));
    await put(other, key(3), pattern(0, 30));
    const listed: string[] = [];
    for await (const k of store.list()) listed.push(k);
    expect(listed.sort()).toEqual([key(1), key(2)]);
    expect(await store.exists(key(1))).toBe(true);
    expect(await store.exists(key(3))).toBe(false);
    await store.delete(key(1));
    await store.delete(key(1));
    expect(await store.exists(key(1))).toBe(false);
    await expect(store.open(key(1))).rejects.toThrow();
    listed.length = 0;
    for await (const k of store.list()) listed.push(k);
    expect(listed).toEqual([key(2)]);
  });

  it('lists every page of a long listing', async () => {
    const { store } = newStore();
    const keys = Array.from({ length: 1005 }, (_, n) => key(n + 1));
    for (let i = 0; i < keys.length; i += 20) await Promise.all(keys.slice(i, i + 20).map((k) => put(store, k, pattern(0, 4))));
    let count = 0;
    for await (const k of store.list()) if (keys.includes(k)) count++;
    expect(count).toBe(keys.length);
  });

  it('leaves no object and no temporary file when an upload fails', async () => {
    const { store, client, prefix, temporaries } = newStore();
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'UploadPartCommand' && (args.input as { PartNumber?: number }).PartNumber === 2) throw new Error('connection reset');
        if (context.commandName === 'PutObjectCommand') throw new Error('connection reset');
        return next(args);
      },
      { step: 'initialize' },
    );
    const large = await store.begin();
    for (let at = 0; at < 20 * 1024 ** 2; at += 1024 ** 2) await large.write(pattern(at, 1024 ** 2));
    // s3rver does not implement AbortMultipartUpload: the upload fails with that error here.
    await expect(large.commit(key(1))).rejects.toThrow();
    const small = await store.begin();
    await small.write(pattern(0, 100));
    await expect(small.commit(key(2))).rejects.toThrow(/connection reset/);
    await small.discard();
    expect(readdirSync(temporaries)).toEqual([]);
    expect(await store.exists(key(1))).toBe(false);
    expect(await store.exists(key(2))).toBe(false);
    expect(await objectKeys(client, prefix)).toEqual([]);
  });
});

describe('the store setting', () => {
  it('takes s3://bucket[/prefix] and says what is wrong with anything else', () => {
    expect(s3LocationOf('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(s3LocationOf('s3://my.bucket/a/b/')).toEqual({ bucket: 'my.bucket', prefix: 'a/b/' });
    for (const bad of ['s3://', 's3://B', 's3://ab', 'http://bucket', 's3://bucket//x', 's3://bucket/../x', 'bucket']) expect(s3LocationOf(bad), bad).toBeUndefined();
    expect(resolveConfig({}).store).toBe('');
    expect(resolveConfig({}, { DCMKIT_STORE: 's3://dcmkit/archive' }).store).toBe('s3://dcmkit/archive');
    expect(() => resolveConfig({ store: 's3://Not_A_Bucket' })).toThrow(/option: store must be s3:\/\/bucket or s3:\/\/bucket\/prefix/);
    expect(() => resolveConfig({}, { DCMKIT_STORE: '/var/dicom' })).toThrow(/environment: store must be/);
  });
});

describe('an archive on a bucket', () => {
  const uid = '1.2.826.0.1.3680043.10.7';
  const instance = (n: number) => syntheticInstance({ study: uid, series: `${uid}.1`, sop: `${uid}.1.${n}`, instanceNumber: n });

  it('stores instances as objects named by their content, and start-up repair does not list the bucket', async () => {
    const prefix = randomUUID();
    const store = `s3://${s3.bucket}/${prefix}`;
    const first = await startArchive({ store });
    const bytes = instance(1);
    expect((await stow(first.url, [bytes])).status).toBe(200);
    expect(existsSync(join(first.data, 'instances'))).toBe(false);
    const client = s3.client();
    // A shared store's keys carry the content's digest: replicas writing one SOP Instance at once do not overwrite each other.
    const version = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    expect(await objectKeys(client, `${prefix}/`)).toEqual([`${prefix}/${storageKeyOf(uid, `${uid}.1`, `${uid}.1.1`, version)}`]);
    await first.close();

    // An object without an index row (another replica's, not indexed yet) is left to it.
    const temporaries = mkdtempSync(join(tmpdir(), 'dcmkit-s3-tmp-'));
    folders.push(temporaries);
    await put(new S3Store(client, { bucket: s3.bucket, prefix: `${prefix}/` }, temporaries), storageKeyOf(uid, `${uid}.1`, `${uid}.1.2`), instance(2));
    const second = await startArchive({ store });
    try {
      expect(second.server.repair.reindexed).toEqual([]);
      expect(second.server.repair.missingFilesRemoved).toEqual([]);
      // repairStore (`dcmkit repair`) lists the bucket: the objects get their rows (this archive's index
      // is a new one: the first archive's object too).
      const repaired = await repairStore(resolveConfig({ data: second.data, store }));
      expect(repaired.reindexed.sort()).toEqual([storageKeyOf(uid, `${uid}.1`, `${uid}.1.1`, version), storageKeyOf(uid, `${uid}.1`, `${uid}.1.2`)].sort());
      expect((await second.server.context.index.getInstance(`${uid}.1.2`))?.storageKey).toBe(storageKeyOf(uid, `${uid}.1`, `${uid}.1.2`));
    } finally {
      await second.close();
    }
  });
});
