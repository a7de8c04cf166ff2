/** Random-access bytes: a Uint8Array, a browser Blob/File, or a Node file (see @dcmkit/core/node). */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** A name for messages (a file path, a File's name). */
  readonly name?: string;
  /** Reads up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Releases the underlying handle, if any. */
  close?(): Promise<void>;
}

/** Bytes held in memory. */
export class MemorySource implements ByteSource {
  constructor(readonly bytes: Uint8Array, readonly name?: string) {}
  get size(): number {
    return this.bytes.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, offset + length);
  }
}

/** The minimal Blob surface (browsers' Blob and File, Node's Blob). */
export interface BlobLike {
  readonly size: number;
  readonly name?: string;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A Blob or File read by slices: the whole file never has to be in memory. */
export class BlobSource implements ByteSource {
  constructor(readonly blob: BlobLike) {}
  get size(): number {
    return this.blob.size;
  }
  get name(): string | undefined {
    return this.blob.name;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }
}

/**
 * Bytes of a part of a source, either loaded (`bytes` covers [base, base + bytes.length))
 * or not loaded (read on demand from `source`).
 */
export interface Chunk {
  readonly base: number;
  readonly bytes?: Uint8Array;
  readonly source?: ByteSource;
}
