import type { Chunk } from './source.js';
import type { DataSet } from './dataset.js';
import { UNDEFINED_LENGTH, type Tag } from './tag.js';

/** One item (fragment) of encapsulated Pixel Data (PS3.5 A.4): where its bytes are. */
export interface Fragment {
  /** Absolute offset of the fragment's bytes (after the item header) in the source. */
  offset: number;
  length: number;
}

/** Encapsulated Pixel Data: the Basic Offset Table and the fragments, kept as offsets (PS3.5 A.4). */
export interface Encapsulated {
  /** Byte offsets of each frame's first fragment, relative to the first fragment's item tag; empty when absent. */
  basicOffsetTable: number[];
  fragments: Fragment[];
}

/**
 * A data element (PS3.5 7.1). A parsed element keeps where its value bytes are; its value
 * is decoded on first access by the owning DataSet and cached. A created element holds its value.
 */
export class Element {
  /** Decoded value cache, or the value given by `DataSet.set`. */
  value: unknown = undefined;
  /** The items, or how to parse them on first access. */
  #items?: DataSet[] | (() => DataSet[]);
  /** Encapsulated Pixel Data. */
  encapsulated?: Encapsulated;
  /**
   * Where the value is, for an element read from DICOM JSON/XML with a BulkDataURI (PS3.18 F.2.6):
   * its value is empty until the caller retrieves the bytes and sets them.
   */
  bulkDataURI?: string;
  /** Where the value bytes live; undefined for created elements. */
  #chunk?: Chunk;

  constructor(
    readonly tag: Tag,
    public vr: string,
    /** Value length as encoded; UNDEFINED_LENGTH for undefined-length sequences/pixel data; -1 when created. */
    readonly length: number,
    /** Absolute offset of the value in the source (or in the inflated stream for deflated data sets); -1 when created. */
    readonly offset: number,
    chunk?: Chunk,
  ) {
    this.#chunk = chunk;
  }

  /** Where the value bytes live; undefined for created elements. */
  get chunk(): Chunk | undefined {
    return this.#chunk;
  }

  /** Sequence items (VR SQ, or UN holding an implicit VR sequence); those of a sequence read lazily are parsed on first access. */
  get items(): DataSet[] | undefined {
    const items = this.#items;
    return typeof items === 'function' ? (this.#items = items()) : items;
  }

  set items(items: DataSet[] | undefined) {
    this.#items = items;
  }

  /** Leaves the items unparsed until first asked for: `parse` reads them from the value bytes. */
  deferItems(parse: () => DataSet[]): void {
    this.#items = parse;
  }

  get undefinedLength(): boolean {
    return this.length === UNDEFINED_LENGTH;
  }

  /** True when the value bytes are not in memory and must be read with `readBytes()`. */
  get deferred(): boolean {
    return this.chunk !== undefined && this.chunk.bytes === undefined;
  }

  /** The value bytes as stored (a view, no copy); undefined for created or deferred elements and sequences. */
  get bytes(): Uint8Array | undefined {
    const c = this.chunk;
    if (!c?.bytes || this.length === UNDEFINED_LENGTH) return undefined;
    const start = this.offset - c.base;
    return c.bytes.subarray(start, start + this.length);
  }

  /** The value bytes, read from the source when deferred. */
  async readBytes(): Promise<Uint8Array | undefined> {
    const c = this.chunk;
    if (c && !c.bytes && c.source && this.length !== UNDEFINED_LENGTH) return c.source.read(this.offset, this.length);
    return this.bytes;
  }

  /**
   * Reads a deferred value from the source and keeps it in memory: afterwards `bytes` and the
   * decoded value are there as for a value parsed in memory. No-op when not deferred.
   */
  async loadBytes(): Promise<void> {
    const c = this.#chunk;
    if (!c?.source || c.bytes || this.length === UNDEFINED_LENGTH) return;
    const bytes = await c.source.read(this.offset, this.length);
    this.#chunk = { base: this.offset, bytes, source: c.source };
    this.value = undefined;
  }
}
