// The archive index: Study / Series / Instance rows with the QIDO-RS keys (PS3.18 10.6.1.2)
// plus, per instance, what WADO-RS needs without re-parsing files.
import type { DicomJson } from '@dcmkit/core';
import type { QidoQuery } from '@dcmkit/dicomweb';

export type { QidoQuery, QueryLevel } from '@dcmkit/dicomweb';

/** A byte range of a stored file: [absolute offset, length]. */
export type ByteRange = [offset: number, length: number];

/**
 * A frame's bytes in the stored file (PS3.5 A.4, 8.1.1): one range inside the native Pixel Data value,
 * or the fragments of an encapsulated frame in order (concatenated they are the frame's codestream).
 * Native frames of big-endian files are stored big endian: see `InstanceRecord.transferSyntaxUID`.
 */
export interface FrameLocation {
  parts: ByteRange[];
}

/**
 * A bulk data value's bytes in the stored file, keyed in `InstanceRecord.bulkData` by its tag path
 * (see `formatBulkTagPath` in @dcmkit/dicomweb: "7FE00010", "54000100.0.54001010").
 * Encapsulated Pixel Data has no entry: its frames are in `InstanceRecord.frames`.
 */
export type BulkDataLocation = ByteRange;

/** What the index keeps per instance. */
export interface InstanceRecord {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
  instanceNumber?: number;
  /** The stored file's Transfer Syntax UID (0002,0010). */
  transferSyntaxUID: string;
  /** Where the bytes are in the InstanceStore (see `storageKeyOf`). */
  storageKey: string;
  /** Size of the stored file in bytes. */
  size: number;
  /** SHA-256 of the stored bytes, lower-case hex (a re-sent identical instance is a no-op). */
  sha256: string;
  /** Number of Frames (0028,0008); 1 for single-frame images, 0 without Pixel Data. */
  numberOfFrames: number;
  rows?: number;
  columns?: number;
  bitsAllocated?: number;
  /** Each frame's location, frame 1 first; empty without Pixel Data. */
  frames: FrameLocation[];
  /** Bulk data values (other than encapsulated Pixel Data) by tag path. */
  bulkData: Record<string, BulkDataLocation>;
  /**
   * DICOM JSON of the data set (PS3.18 F.2) with bulk values as BulkDataURIs
   * (/dicomweb/studies/{s}/series/{se}/instances/{i}/bulk/{tagPath}): the WADO-RS metadata as is.
   */
  metadata: DicomJson;
  /** When the index received it (ISO 8601). */
  receivedAt?: string;
}

/** Which instances: a study, a series of it, or one instance of that series. */
export interface InstanceScope {
  study: string;
  series?: string;
  instance?: string;
}

/** What `insertInstance` did. */
export type InsertOutcome =
  /** A new instance. */
  | 'inserted'
  /** The same SOP Instance UID with the same bytes (sha256) was already there: nothing changed. */
  | 'unchanged'
  /** The same SOP Instance UID with other bytes replaced the previous record (overwrite policy). */
  | 'replaced';

/** One page of QIDO-RS results. */
export interface QueryResult {
  /** One DICOM JSON data set per matching entity, with the requested attributes. */
  matches: DicomJson[];
  /** More matched than were returned (PS3.18 8.3.4.4: the Warning header). */
  truncated: boolean;
  /** Matching keys that are not supported and were ignored (reported in a Warning header). */
  ignoredKeys: string[];
}

/** The archive index API shared by every route (SQLite or PostgreSQL behind it). */
export interface ArchiveIndex {
  /** The instance with this SOP Instance UID, or undefined. */
  getInstance(sopInstanceUID: string): Promise<InstanceRecord | undefined>;
  /** Instances of a study (or one series of it, or one instance), ordered by series then Instance Number. */
  listInstances(scope: InstanceScope): Promise<InstanceRecord[]>;
  /** The stored DICOM JSON metadata (`InstanceRecord.metadata`) of the instances in scope, as text, in `listInstances` order. */
  instanceMetadata(scope: InstanceScope): Promise<string[]>;
  /** QIDO-RS search (PS3.18 10.6). */
  query(query: QidoQuery): Promise<QueryResult>;
  /**
   * Adds an instance, maintaining the study and series aggregates. Same SOP Instance UID already
   * present: same sha256 → 'unchanged'; otherwise 'replaced' when `overwrite`, else a DuplicateInstanceError.
   * Resolves once the index transaction is committed (inserts may be grouped in one transaction).
   */
  insertInstance(record: InstanceRecord, opts?: { overwrite?: boolean }): Promise<InsertOutcome>;
  /** Removes the instances in scope (and emptied series and studies); resolves to the removed records. */
  deleteInstances(scope: InstanceScope): Promise<InstanceRecord[]>;
  /** Storage keys of every indexed instance (start-up repair). */
  storageKeys(): AsyncIterable<string>;
  /** Stores a bearer token's SHA-256 (hex) under a name (`dcmkit token create`). */
  addToken(name: string, sha256: string): Promise<void>;
  /** Whether a token with this SHA-256 (hex) was created. */
  hasToken(sha256: string): Promise<boolean>;
  /** Resolves when the database answers (/healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The SOP Instance UID is indexed with other bytes and overwriting is not allowed. */
export class DuplicateInstanceError extends Error {
  override readonly name = 'DuplicateInstanceError';
  constructor(readonly sopInstanceUID: string) {
    super(`SOP Instance ${sopInstanceUID} is already stored with different content`);
  }
}
