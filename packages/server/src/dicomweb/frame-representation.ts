// How the frames of an instance are sent for one acceptable media type (PS3.18 8.7.3.3): uncompressed
// (application/octet-stream, Explicit VR Little Endian; compressed frames decoded), or as stored in a
// compressed media type (PS3.18 Table 8.7.3-5), or as stored whatever it is (transfer-syntax=*).
import { TransferSyntax } from '@dcmkit/core';
import { codecs } from '@dcmkit/pixel';
import type { InstanceRecord } from '../index/types.js';
import { inRange, type Acceptable } from './accept.js';
import { OCTET_STREAM, bulkMediaType, compressedMediaTypeOf, isUncompressedSyntax } from './bulk-media-types.js';

export interface FrameRepresentation {
  multipart: boolean;
  /** Media type of each frame. */
  type: string;
  /** Transfer Syntax of the frames' bytes. */
  transferSyntax: string;
  /** Compressed frames are decoded to native samples. */
  decode: boolean;
}

const ELE = TransferSyntax.ExplicitVRLittleEndian;

function octetStream(stored: string, requested: string | undefined): Omit<FrameRepresentation, 'multipart'> | undefined {
  const native = isUncompressedSyntax(stored);
  // "*": any Transfer Syntax, so the frames as stored (labelled with it).
  if (requested === '*' || requested === stored) return { type: OCTET_STREAM, transferSyntax: native ? ELE : stored, decode: false };
  if (requested !== undefined && requested !== ELE) return undefined;
  if (native) return { type: OCTET_STREAM, transferSyntax: ELE, decode: false };
  return codecs.has(stored) ? { type: OCTET_STREAM, transferSyntax: ELE, decode: true } : undefined;
}

function compressed(stored: string, range: string, requested: string | undefined): Omit<FrameRepresentation, 'multipart'> | undefined {
  const type = compressedMediaTypeOf(stored);
  if (type === undefined || !inRange(bulkMediaType(range), type)) return undefined;
  // Frames are not re-encoded: a compressed media type is served when it is the stored one.
  if (requested !== undefined && requested !== '*' && requested !== stored) return undefined;
  return { type, transferSyntax: stored, decode: false };
}

/** The representation of `frames` frames of `record` for `a`; undefined when it cannot be served. */
export function frameRepresentation(a: Acceptable, record: InstanceRecord, frames: number): FrameRepresentation | undefined {
  // PS3.18 8.6.1: frames default to multipart; a single part payload holds one frame.
  const multipart = a.multipart ?? true;
  if (!multipart && frames > 1) return undefined;
  const stored = record.transferSyntaxUID;
  const chosen = inRange(a.type, OCTET_STREAM) ? octetStream(stored, a.transferSyntax) : compressed(stored, a.type, a.transferSyntax);
  return chosen && { multipart, ...chosen };
}

/** PS3.18 8.7.3.3: frames with no Accept are multipart application/octet-stream. */
export const DEFAULT_FRAMES: Acceptable = { type: OCTET_STREAM, multipart: true, q: 1 };
