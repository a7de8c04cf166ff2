// Instances as files under <data>/instances/<study>/<series>/<sop>.dcm, written atomically:
// temporary file, fsync, rename, fsync of the folder (so the rename itself is durable); the fsyncs and
// renames are the file writer's (see FileWriter).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ByteSource } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
import { fileWriter } from './file-writer.js';
import { checkedStorageKey, INSTANCES, type InstanceStore, type PendingWrite, type StorageKey } from './instance-store.js';
import { HeldBudget, removeTemporaryFiles, SpooledWrite, TMP } from './spooled-write.js';

/** A write made durable in a temporary file, then renamed into place. */
class FilePendingWrite extends SpooledWrite {
  constructor(
    private readonly store: FileStore,
    path: string,
  ) {
    super(store.budget, path);
  }

  /** A held part is written to the temporary file by the file writer while the main thread goes on. */
  protected keepHeld(chunks: readonly Uint8Array[]): Promise<void> {
    return this.store.writeTemporary(this.path, chunks);
  }

  protected keepSpilled(fh: FileHandle): Promise<void> {
    return fh.datasync();
  }

  async commit(key: StorageKey): Promise<{ durable: Promise<void> }> {
    await this.close();
    const placed = await this.store.place(this.path, key);
    this.release();
    return placed;
  }
}

/** The default InstanceStore: one Part 10 file per instance under the data folder. */
export class FileStore implements InstanceStore {
  readonly shared = false;
  readonly #writer = fileWriter();
  /** Memory for the parts held until they are written. */
  readonly budget = new HeldBudget();

  constructor(readonly root: string) {
    this.#writer.warm();
  }

  #path(key: StorageKey): string {
    return join(this.root, checkedStorageKey(key));
  }

  async begin(): Promise<PendingWrite> {
    return new FilePendingWrite(this, join(this.root, TMP, `${randomUUID()}.part`));
  }

  /** Writes a held part to a new temporary file, made durable by the file writer while the main thread goes on. */
  writeTemporary(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    return this.#writer.write(path, chunks);
  }

  /** Renames a durable temporary file to `key`, creating its folders; `durable` resolves once the rename is. */
  place(temporary: string, key: StorageKey): Promise<{ durable: Promise<void> }> {
    return this.#writer.place(temporary, this.#path(key), this.root);
  }

  async open(key: StorageKey, size?: number): Promise<ByteSource> {
    const path = this.#path(key);
    return new FileSource(path, size ?? (await stat(path)).size);
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

  removeTemporaryFiles(): Promise<number> {
    return removeTemporaryFiles(join(this.root, TMP));
  }
}
