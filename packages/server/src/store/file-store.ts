// Instances as files under <data>/instances/<study>/<series>/<sop>.dcm, written atomically:
// temporary file, fsync, rename, fsync of the folder (so the rename itself is durable).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ByteSource } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
import type { InstanceStore, PendingWrite, StorageKey } from './instance-store.js';

/** Temporary files live in <data>/tmp (same file system as instances/, so rename is atomic). */
const TMP = 'tmp';
const INSTANCES = 'instances';

/** fsync of a folder makes renames and new entries in it durable (POSIX; a no-op where unsupported). */
async function syncFolder(path: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  } finally {
    await fh?.close();
  }
}

class FilePendingWrite implements PendingWrite {
  #hash = createHash('sha256');
  #sha256 = '';
  #size = 0;
  #closed = false;

  constructor(
    private readonly root: string,
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  get size(): number {
    return this.#size;
  }
  get sha256(): string {
    return this.#sha256;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#hash.update(chunk);
    let done = 0;
    while (done < chunk.length) done += (await this.fh.write(chunk, done, chunk.length - done)).bytesWritten;
    this.#size += chunk.length;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#sha256 = this.#hash.digest('hex');
    try {
      await this.fh.sync();
    } finally {
      await this.fh.close();
    }
  }

  async source(): Promise<ByteSource> {
    return new FileSource(this.path, this.#size);
  }

  async commit(key: StorageKey): Promise<void> {
    await this.close();
    const target = join(this.root, key);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.path, target);
    await syncFolder(dirname(target));
  }

  async discard(): Promise<void> {
    if (!this.#closed) await this.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}

/** The default InstanceStore: one Part 10 file per instance under the data folder. */
export class FileStore implements InstanceStore {
  constructor(readonly root: string) {}

  #path(key: StorageKey): string {
    if (!key.startsWith(INSTANCES + '/') || key.split('/').some((s) => s === '..' || s === '')) throw new Error(`not a storage key: ${key}`);
    return join(this.root, key);
  }

  async begin(): Promise<PendingWrite> {
    const folder = join(this.root, TMP);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    return new FilePendingWrite(this.root, path, await open(path, 'wx'));
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
    await syncFolder(dirname(path)).catch(() => undefined);
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
