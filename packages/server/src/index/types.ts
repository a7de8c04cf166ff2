// The archive index: Patient / Study / Series / Instance rows with the QIDO-RS keys (PS3.18 10.6.1.2)
// plus, per instance, what WADO-RS needs without re-parsing files.

export type QueryLevel = 'study' | 'series' | 'instance';

/** A frame's bytes in the stored file: native (offset into Pixel Data) or encapsulated (its fragments). */
export interface FrameLocation {
  /** [absolute offset, length] of each fragment (one entry for native frames). */
  parts: [number, number][];
}

/** What the index keeps per instance. */
export interface InstanceRecord {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  sopClassUID: string;
  instanceNumber?: number;
  transferSyntaxUID: string;
  storageKey: string;
  size: number;
  /** SHA-256 of the stored bytes (re-sent identical instances are a no-op). */
  sha256: string;
  numberOfFrames: number;
  rows?: number;
  columns?: number;
  bitsAllocated?: number;
  frames: FrameLocation[];
  /** DICOM JSON of the data set with bulk data replaced by BulkDataURIs (served as WADO-RS metadata). */
  metadata: Record<string, unknown>;
}

/** One QIDO-RS query: matching keys as attribute tag/keyword → value, with PS3.18 8.3.4 options. */
export interface QidoQuery {
  level: QueryLevel;
  /** Scope from the path: /studies/{study}/series ... */
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
  /** Tag (8 hex digits) → value as given in the URL (wildcards, ranges, UID lists kept as text). */
  match: Map<string, string>;
  /** Tags to return beyond the defaults; 'all' for every stored attribute. */
  includeFields: string[] | 'all';
  fuzzyMatching: boolean;
  limit?: number;
  offset: number;
}
