// Instances as files under <data>/instances/<study>/<series>/<sop>.dcm, written atomically:
// temporary file, fsync, rename, fsync of the folder (so the rename itself is durable).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { concatBytes, MemorySource, type ByteSource } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
import { FolderSyncs } from './folder-sync.js';
import type { InstanceStore, PendingWrite, StorageKey } from './instance-store.js';

/** Temporary files live in <data>/tmp (same file system as instances/, so rename is atomic). */
const TMP = 'tmp';
const INSTANCES = 'instances';
/** A part up to this size is held in memory and written out whole when it ends (one write, one fsync). */
const HELD_PART_BYTES = 4 * 1024 ** 2;
/** Bytes of all parts held in memory at once; beyond it parts are streamed to their temporary files. */
const HELD_TOTAL_BYTES = 32 * 1024 ** 2;

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
}

class FilePendingWrite implements PendingWrite {
  #hash = createHash('sha256');
  #sha256 = '';
  #size = 0;
  /** The bytes while they are held in memory; undefined once streamed to the temporary file. */
  #held: Uint8Array[] | undefined = [];
  /** Bytes counted against the store's memory budget. */
  #reserved = 0;
  /** The held bytes joined, from close() on. */
  #bytes?: Uint8Array;
  #file?: FileHandle;
  #closing?: Promise<void>;

  constructor(
    private readonly store: FileStore,
    readonly path: string,
  ) {}

  get size(): number {
    return this.#size;
  }
  get sha256(): string {
    return this.#sha256;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#closing) throw new Error('write after close');
    this.#hash.update(chunk);
    this.#size += chunk.length;
    if (this.#held && this.#size <= HELD_PART_BYTES && this.store.reserve(chunk.length)) {
      this.#reserved += chunk.length;
      this.#held.push(chunk);
      return;
    }
    if (this.#held) await this.#spill();
    await writeAll(this.#file!, chunk);
  }

  /** Moves the held bytes to the temporary file, which then receives the rest as it comes. */
  async #spill(): Promise<void> {
    const held = this.#held!;
    this.#held = undefined;
    this.#file = await this.store.createTemporary(this.path);
    for (const chunk of held) await writeAll(this.#file, chunk);
    this.#release();
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    // Synchronous part first: the digest and the bytes are there as soon as close() is called.
    this.#sha256 = this.#hash.digest('hex');
    if (this.#held) {
      this.#bytes = concatBytes(this.#held);
      this.#held = undefined;
      this.#file = await this.store.createTemporary(this.path);
    }
    try {
      if (this.#bytes) await writeAll(this.#file!, this.#bytes);
      await this.#file!.datasync();
    } finally {
      await this.#file!.close();
    }
  }

  async source(): Promise<ByteSource> {
    if (!this.#closing) throw new Error('source() before close()');
    return this.#bytes ? new MemorySource(this.#bytes, this.path) : new FileSource(this.path, this.#size);
  }

  async commit(key: StorageKey): Promise<void> {
    await this.close();
    await this.store.place(this.path, key);
    this.#release();
  }

  async discard(): Promise<void> {
    if (this.#closing) await this.#closing.catch(() => undefined);
    else await this.#file?.close().catch(() => undefined);
    this.#release();
    await rm(this.path, { force: true });
  }

  #release(): void {
    this.store.reserve(-this.#reserved);
    this.#reserved = 0;
    this.#bytes = undefined;
  }
}

/** The default InstanceStore: one Part 10 file per instance under the data folder. */
export class FileStore implements InstanceStore {
  readonly #syncs = new FolderSyncs();
  /** Folder creations under way: a rename into an existing folder waits for them (its folder may be one). */
  readonly #creations = new Set<Promise<void>>();
  #heldBytes = 0;

  constructor(readonly root: string) {}

  #path(key: StorageKey): string {
    if (!key.startsWith(INSTANCES + '/') || key.split('/').some((s) => s === '..' || s === '')) throw new Error(`not a storage key: ${key}`);
    return join(this.root, key);
  }

  async begin(): Promise<PendingWrite> {
    return new FilePendingWrite(this, join(this.root, TMP, `${randomUUID()}.part`));
  }

  /** Takes `n` bytes of the memory budget for held parts (a negative `n` gives them back); false when they do not fit. */
  reserve(n: number): boolean {
    if (n > 0 && this.#heldBytes + n > HELD_TOTAL_BYTES) return false;
    this.#heldBytes += n;
    return true;
  }

  /** Creates a temporary file (and the temporary folder the first time). */
  async createTemporary(path: string): Promise<FileHandle> {
    try {
      return await open(path, 'wx');
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') throw e;
      await mkdir(dirname(path), { recursive: true });
      return open(path, 'wx');
    }
  }

  /** Renames a durable temporary file to `key`, creating its folders; resolves once the rename is durable. */
  async place(temporary: string, key: StorageKey): Promise<void> {
    const target = this.#path(key);
    const folder = dirname(target);
    try {
      await rename(temporary, target);
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') throw e;
      await this.#createFolder(folder);
      await rename(temporary, target);
    }
    // The folder may be one that a concurrent write is creating: durable only once that creation is.
    if (this.#creations.size) await Promise.allSettled(this.#creations);
    await this.#syncs.sync(folder);
  }

  /** Creates `folder` and its missing parents, each durable in its parent before this resolves. */
  async #createFolder(folder: string): Promise<void> {
    const creation = (async () => {
      const first = await mkdir(folder, { recursive: true });
      if (first === undefined) return;
      for (let f = folder; ; f = dirname(f)) {
        await this.#syncs.sync(dirname(f));
        if (f === first || f === this.root) break;
      }
    })();
    this.#creations.add(creation);
    try {
      await creation;
    } finally {
      this.#creations.delete(creation);
    }
  }

  async open(key: StorageKey): Promise<ByteSource> {
    const path = this.#path(key);
    return new FileSource(path, (await stat(path)).size);
  }

  async *stream(key: StorageKey, range?: { start: number; end: number }): AsyncIterable<Uint8Array> {
    const options = range ? { start: range.start, end: range.end - 1 } : {};
    if (range && range.end <= range.start) return;
    for await (const chunk of createReadStream(this.#path(key), options)) yield chunk as Uint8Array;
  }

  async delete(key: StorageKey): Promise<void> {
    const path = this.#path(key);
    await rm(path, { force: true });
    await this.#syncs.sync(dirname(path)).catch(() => undefined);
  }

  async exists(key: StorageKey): Promise<boolean> {
    return stat(this.#path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async *list(): AsyncIterable<StorageKey> {
    const base = join(this.root, INSTANCES);
    const walk = async function* (folder: string): AsyncIterable<string> {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const p = join(folder, e.name);
        if (e.isDirectory()) yield* walk(p);
        else if (e.isFile() && e.name.endsWith('.dcm')) yield p;
      }
    };
    for await (const path of walk(base)) yield relative(this.root, path).split(sep).join('/');
  }

  async removeTemporaryFiles(): Promise<number> {
    const folder = join(this.root, TMP);
    const names = await readdir(folder).catch(() => [] as string[]);
    await Promise.all(names.map((n) => rm(join(folder, n), { force: true })));
    return names.length;
  }
}
