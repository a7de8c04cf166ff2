// Bytes held as the chunks they arrived in, read without joining them.
import type { ByteSource } from '@dcmkit/core';

/** A ByteSource over consecutive chunks: a read within one chunk is a view of it, one across chunks a copy. */
export class ChunksSource implements ByteSource {
  readonly size: number;
  /** Offset of each chunk's first byte. */
  readonly #starts: number[] = [];

  constructor(
    readonly chunks: readonly Uint8Array[],
    readonly name?: string,
  ) {
    let at = 0;
    for (const c of chunks) {
      this.#starts.push(at);
      at += c.length;
    }
    this.size = at;
  }

  /** Index of the chunk holding byte `offset` (offset < size). */
  #chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.size);
    if (end <= offset) return new Uint8Array(0);
    let i = this.#chunkAt(offset);
    const first = this.chunks[i]!;
    const start = offset - this.#starts[i]!;
    if (end - offset <= first.length - start) return first.subarray(start, start + end - offset);
    const out = new Uint8Array(end - offset);
    for (let at = offset; at < end; i++) {
      const part = this.chunks[i]!.subarray(at - this.#starts[i]!, end - this.#starts[i]!);
      out.set(part, at - offset);
      at += part.length;
    }
    return out;
  }
}
