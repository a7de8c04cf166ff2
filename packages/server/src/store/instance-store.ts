import type { ByteSource } from '@dcmkit/core';

/** Where a stored instance's bytes live (a relative path under the data folder, or an object key). */
export type StorageKey = string;

/** Durable storage of Part 10 files (files on disk by default; S3-compatible for scale-out). */
export interface InstanceStore {
  /**
   * Stores bytes durably (temporary file, fsync, rename) under a key derived from validated UIDs;
   * resolves only once the bytes are durable.
   */
  put(key: StorageKey, bytes: Uint8Array | AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** Random access to a stored instance (frames and bulk data are read by offset). */
  open(key: StorageKey): Promise<ByteSource>;
  /** The whole file as a stream of chunks (WADO-RS instance retrieval). */
  stream(key: StorageKey, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
  delete(key: StorageKey): Promise<void>;
  exists(key: StorageKey): Promise<boolean>;
  /** Keys of every stored instance (start-up repair compares them with the index). */
  list(): AsyncIterable<StorageKey>;
}
