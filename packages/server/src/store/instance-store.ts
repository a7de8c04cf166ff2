import type { ByteSource } from '@dcmkit/core';
import { isValidUid } from '@dcmkit/dicomweb';

/** Where a stored instance's bytes live: a relative path under the data folder (or an object key). */
export type StorageKey = string;

/**
 * The key of an instance: instances/<study>/<series>/<sop>.dcm, from UIDs checked against PS3.5 9.1;
 * with a `version` (hex digits), instances/<study>/<series>/<sop>.<version>.dcm, where a replacement
 * is written while the file it replaces is still served.
 */
export function storageKeyOf(study: string, series: string, sop: string, version?: string): StorageKey {
  for (const uid of [study, series, sop]) if (!isValidUid(uid)) throw new Error(`not a valid UID: ${JSON.stringify(uid)}`);
  if (version !== undefined && !/^[0-9a-f]{1,64}$/.test(version)) throw new Error(`not a version: ${JSON.stringify(version)}`);
  return `instances/${study}/${series}/${sop}${version === undefined ? '' : `.${version}`}.dcm`;
}

/** The folder (key prefix) of every storage key. */
export const INSTANCES = 'instances';

/** `key` if it is a storage key: under instances/, without empty or ".." segments; else throws. */
export function checkedStorageKey(key: StorageKey): StorageKey {
  if (!key.startsWith(INSTANCES + '/') || key.split('/').some((s) => s === '..' || s === '')) throw new Error(`not a storage key: ${key}`);
  return key;
}

/** Whether `key` is a key of the instance with these UIDs (see storageKeyOf), versioned or not. */
export function isStorageKeyOf(key: StorageKey, study: string, series: string, sop: string): boolean {
  const base = storageKeyOf(study, series, sop).slice(0, -'.dcm'.length);
  return key === `${base}.dcm` || (key.startsWith(`${base}.`) && /^\.[0-9a-f]{1,64}\.dcm$/.test(key.slice(base.length)));
}

/**
 * A file being written: its bytes go to a temporary file (small ones are held in memory until `close`)
 * until `commit` puts them durably under the key.
 */
export interface PendingWrite {
  /** Appends bytes (awaits back-pressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly size: number;
  /** SHA-256 of what was written, lower-case hex (once `close` was called). */
  readonly sha256: string;
  /** Stops writing; resolves once the bytes are in an fsynced temporary file. Calling it again returns the same promise. */
  close(): Promise<void>;
  /** Random access to the written bytes once `close` was called (it need not have resolved), e.g. to parse them before committing. */
  source(): Promise<ByteSource>;
  /**
   * Renames the temporary file to `key`: resolves once the file is there, to `durable`, which resolves
   * once the rename itself is durable (its folder fsynced). The instance is durable when both have.
   */
  commit(key: StorageKey): Promise<{ durable: Promise<void> }>;
  /** Removes the temporary file (not needed after `commit`). */
  discard(): Promise<void>;
}

/** Durable storage of Part 10 files (files on disk by default). */
export interface InstanceStore {
  /**
   * Other archives (replicas) write to it too: listing it would race their writes (and cost as much as
   * the archive is large), so start-up repair does not compare it with the index.
   */
  readonly shared: boolean;
  /** Starts writing an instance whose key is known only after parsing it (STOW-RS). */
  begin(): Promise<PendingWrite>;
  /**
   * Random access to a stored instance (frames and bulk data are read by offset); close it when done.
   * `size`, when the index gives it, spares asking the store for it.
   */
  open(key: StorageKey, size?: number): Promise<ByteSource>;
  /** The whole file, or bytes [start, end), as a stream of chunks (WADO-RS instance retrieval). */
  stream(key: StorageKey, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
  /** Removes a stored instance (no error when it is not there). */
  delete(key: StorageKey): Promise<void>;
  exists(key: StorageKey): Promise<boolean>;
  /** Keys of every stored instance (start-up repair compares them with the index). */
  list(): AsyncIterable<StorageKey>;
  /** Removes temporary files left by an interrupted write; resolves to how many there were. */
  removeTemporaryFiles(): Promise<number>;
}
