// Instances as files under <data>/instances/<study>/<series>/<sop>.dcm, written atomically:
// temporary file, fsync, rename, fsync of the folder (so the rename itself is durable); the fsyncs and
// renames are the file writer's (see FileWriter).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ByteSource } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
import { ChunksSource } from './chunks-source.js';
import { fileWriter } from './file-writer.js';
import type { InstanceStore, PendingWrite, StorageKey } from './instance-store.js';

/** Temporary files live in <data>/tmp (same file system as instances/, so rename is atomic). */
export const TMP = 'tmp';
const INSTANCES = 'instances';
/** A part up to this size is held in memory and written out whole when it ends (one write, one fsync). */
const HELD_PART_BYTES = 4 * 1024 ** 2;
/** Bytes of all parts held in memory at once; beyond it parts are streamed to their temporary files. */
const HELD_TOTAL_BYTES = 32 * 1024 ** 2;

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Writes `chunks` in order with as few system calls as the OS allows (writev writes may be partial). */
async function writeAll(fh: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (let rest = chunks.filter((c) => c.length > 0); rest.length > 0; ) {
    let written = (await fh.writev(rest)).bytesWritten;
    while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length;
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

class FilePendingWrite implements PendingWrite {
  #hash = createHash('sha256');
  #sha256 = '';
  #size = 0;
  /** The bytes while they are held in memory; undefined once streamed to the temporary file. */
  #held: Uint8Array[] | undefined = [];
  /** Bytes counted against the store's memory budget. */
  #reserved = 0;
  /** The temporary file, once the part is streamed to it (too large, or over the budget, to be held). */
  #file?: Promise<FileHandle>;
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
    await writeAll(await this.#file!, [chunk]);
  }

  /** Moves the held bytes to a new temporary file, which then receives the rest as it comes. */
  async #spill(): Promise<void> {
    const held = this.#held!;
    this.#held = undefined;
    this.#file = this.store.createTemporary(this.path);
    await writeAll(await this.#file, held);
    this.#release();
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    // Synchronous part first: the digest is there as soon as close() is called.
    this.#sha256 = this.#hash.digest('hex');
    if (this.#held) return this.store.writeTemporary(this.path, this.#held);
    const fh = await this.#file!;
    try {
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  async source(): Promise<ByteSource> {
    if (!this.#closing) throw new Error('source() before close()');
    return this.#held ? new ChunksSource(this.#held, this.path) : new FileSource(this.path, this.#size);
  }

  async commit(key: StorageKey): Promise<{ durable: Promise<void> }> {
    await this.close();
    const placed = await this.store.place(this.path, key);
    this.#release();
    return placed;
  }

  async discard(): Promise<void> {
    await this.#closing?.catch(() => undefined);
    if (!this.#closing) await (await this.#file?.catch(() => undefined))?.close().catch(() => undefined);
    this.#release();
    // No file can be where the temporary folder is not one.
    await rm(this.path, { force: true }).catch((e: unknown) => {
      if (errorCode(e) !== 'ENOTDIR') throw e;
    });
  }

  #release(): void {
    this.store.reserve(-this.#reserved);
    this.#reserved = 0;
    this.#held = undefined;
  }
}

/** The default InstanceStore: one Part 10 file per instance under the data folder. */
export class FileStore implements InstanceStore {
  readonly #writer = fileWriter();
  #heldBytes = 0;

  constructor(readonly root: string) {
    this.#writer.warm();
  }

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

  /** Writes a held part to a new temporary file, made durable by the file writer while the main thread goes on. */
  writeTemporary(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    return this.#writer.write(path, chunks);
  }

  /** Renames a durable temporary file to `key`, creating its folders; `durable` resolves once the rename is. */
  place(temporary: string, key: StorageKey): Promise<{ durable: Promise<void> }> {
    return this.#writer.place(temporary, this.#path(key), this.root);
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
    const { durable } = await this.#writer.remove(this.#path(key));
    await durable.catch(() => undefined);
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
