// The bytes of a write before it is committed, shared by the stores: small parts held in memory, larger
// ones (or any beyond the memory budget) streamed to a temporary file; hashed as they come.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ByteSource } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
import { ChunksSource } from './chunks-source.js';
import type { PendingWrite, StorageKey } from './instance-store.js';

/** Temporary files live in <data>/tmp (for files on disk: the same file system as instances/, so rename is atomic). */
export const TMP = 'tmp';
/** A part up to this size is held in memory and written out whole when it ends (one write, one fsync). */
const HELD_PART_BYTES = 4 * 1024 ** 2;
/** Bytes of all parts held in memory at once; beyond it parts are streamed to their temporary files. */
const HELD_TOTAL_BYTES = 32 * 1024 ** 2;

export const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** A store's memory budget for held parts. */
export class HeldBudget {
  #bytes = 0;

  /** Takes `n` bytes of the budget (a negative `n` gives them back); false when they do not fit. */
  reserve(n: number): boolean {
    if (n > 0 && this.#bytes + n > HELD_TOTAL_BYTES) return false;
    this.#bytes += n;
    return true;
  }
}

/** Writes `chunks` in order with as few system calls as the OS allows (writev writes may be partial). */
async function writeAll(fh: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (let rest = chunks.filter((c) => c.length > 0); rest.length > 0; ) {
    let written = (await fh.writev(rest)).bytesWritten;
    while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length;
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

/** Creates a temporary file (and the temporary folder the first time). */
async function createTemporary(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx');
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') throw e;
    await mkdir(dirname(path), { recursive: true });
    return open(path, 'wx');
  }
}

/** Removes the files of a temporary folder; resolves to how many there were. */
export async function removeTemporaryFiles(folder: string): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.map((n) => rm(join(folder, n), { force: true })));
  return names.length;
}

/**
 * A PendingWrite up to its commit: the bytes held in memory while the part is small and the budget
 * allows, else in the temporary file at `path`. A store says what `close` does with them and how
 * `commit` puts them under a key.
 */
export abstract class SpooledWrite implements PendingWrite {
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
    private readonly budget: HeldBudget,
    readonly path: string,
  ) {}

  get size(): number {
    return this.#size;
  }
  get sha256(): string {
    return this.#sha256;
  }
  /** The held bytes (once closed: all of them), or undefined when they are in the temporary file. */
  protected get held(): readonly Uint8Array[] | undefined {
    return this.#held;
  }

  /** At close: keeps held bytes (`keepHeld`) or the flushed temporary file (`keepSpilled`, before the file is closed). */
  protected abstract keepHeld(chunks: readonly Uint8Array[]): Promise<void>;
  protected abstract keepSpilled(fh: FileHandle): Promise<void>;
  abstract commit(key: StorageKey): Promise<{ durable: Promise<void> }>;

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#closing) throw new Error('write after close');
    this.#hash.update(chunk);
    this.#size += chunk.length;
    if (this.#held && this.#size <= HELD_PART_BYTES && this.budget.reserve(chunk.length)) {
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
    this.#file = createTemporary(this.path);
    await writeAll(await this.#file, held);
    this.release();
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #close(): Promise<void> {
    // Synchronous part first: the digest is there as soon as close() is called.
    this.#sha256 = this.#hash.digest('hex');
    if (this.#held) return this.keepHeld(this.#held);
    const fh = await this.#file!;
    try {
      await this.keepSpilled(fh);
    } finally {
      await fh.close();
    }
  }

  async source(): Promise<ByteSource> {
    if (!this.#closing) throw new Error('source() before close()');
    return this.#held ? new ChunksSource(this.#held, this.path) : new FileSource(this.path, this.#size);
  }

  async discard(): Promise<void> {
    await this.#closing?.catch(() => undefined);
    if (!this.#closing) await (await this.#file?.catch(() => undefined))?.close().catch(() => undefined);
    this.release();
    // No file can be where the temporary folder is not one.
    await rm(this.path, { force: true }).catch((e: unknown) => {
      if (errorCode(e) !== 'ENOTDIR') throw e;
    });
  }

  /** Gives the held bytes' memory back (once they are no longer needed). */
  protected release(): void {
    this.budget.reserve(-this.#reserved);
    this.#reserved = 0;
    this.#held = undefined;
  }
}
