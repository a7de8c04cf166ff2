// What the index keeps of a stored Part 10 file: keys, metadata with BulkDataURIs, frame and bulk locations.
import { readDicom, toDicomJson, type ByteSource, type DicomFile, type Element, type Keyword } from '@dcmkit/core';
import { bulkDataPath, formatBulkTagPath, isValidUid } from '@dcmkit/dicomweb';
import { frameTable, imagePixelDescription, nativeLayout, pixelDataElement } from '@dcmkit/pixel';
import type { BulkDataLocation, FrameLocation, InstanceRecord } from '../index/types.js';
import { storageKeyOf } from '../store/instance-store.js';

/** Why a file cannot be stored: it cannot be read as a Part 10 file, or it lacks the UIDs that place it. */
export class InvalidInstanceError extends Error {
  override readonly name = 'InvalidInstanceError';
  constructor(
    message: string,
    readonly kind: 'unreadable' | 'incomplete',
  ) {
    super(message);
  }
}

/** Binary VRs whose values become bulk data (PS3.18 F.2.6) from this size on. */
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const BULK_MIN_BYTES = 1024;
/** Values at least this long stay on disk while the file is described. */
const BULK_THRESHOLD = 16 * 1024;
const PIXEL_DATA_TAGS = new Set([0x7fe00008, 0x7fe00009, 0x7fe00010]);

/** A required UID of the data set (or of the File Meta Information), checked against PS3.5 9.1. */
function requiredUid(file: DicomFile, keyword: Keyword, metaKeyword?: Keyword): string {
  const value = file.dataset.getString(keyword) ?? (metaKeyword ? file.meta.getString(metaKeyword) : undefined);
  if (value === undefined || value === '') throw new InvalidInstanceError(`no ${keyword}`, 'incomplete');
  // NUL padding, seen in the wild (decodeText removes that of the last value only).
  const uid = (value.charCodeAt(value.length - 1) === 0 ? value.replace(/\0+$/, '') : value).trim();
  if (!isValidUid(uid)) throw new InvalidInstanceError(`${keyword} is not a valid UID: ${JSON.stringify(uid.slice(0, 80))}`, 'incomplete');
  return uid;
}

/** The image's size and where each frame's bytes are (frames empty when they are cut out by parsing instead). */
interface PixelSummary {
  numberOfFrames: number;
  rows: number;
  columns: number;
  bitsAllocated: number;
  frames: FrameLocation[];
}

/**
 * Each frame's byte ranges: encapsulated fragments (PS3.5 A.4, read from the file) or slices of the
 * native value (PS3.5 8.1.1, known from the description alone: no promise, no file access).
 */
function pixelSummary(file: DicomFile): PixelSummary | Promise<PixelSummary> | undefined {
  let desc;
  try {
    desc = imagePixelDescription(file.dataset, file.source.name);
  } catch {
    return undefined;
  }
  const summary: PixelSummary = { numberOfFrames: desc.numberOfFrames, rows: desc.rows, columns: desc.columns, bitsAllocated: desc.bitsAllocated, frames: [] };
  // Offsets of a deflated data set are in the inflated stream: frames are then read by parsing the file.
  if (file.deflated) return summary;
  try {
    const el = pixelDataElement(file, desc);
    if (el.encapsulated) return encapsulatedFrames(file, el, summary);
    const { frameBits, subsampled } = nativeLayout(file, el, desc);
    // Bit-packed frames that do not start on a byte boundary are cut out by the pixel module instead.
    if (frameBits % 8 !== 0 || subsampled) return summary;
    const frameBytes = frameBits / 8;
    if (el.offset < 0 || frameBytes * desc.numberOfFrames > el.length) return summary;
    for (let i = 0; i < desc.numberOfFrames; i++) summary.frames.push({ parts: [[el.offset + i * frameBytes, frameBytes]] });
  } catch {
    // Frames that cannot be located now are read by parsing the file.
  }
  return summary;
}

async function encapsulatedFrames(file: DicomFile, el: Element, summary: PixelSummary): Promise<PixelSummary> {
  try {
    const table = await frameTable(file, el, summary.numberOfFrames);
    summary.frames = table.map((parts) => ({ parts: parts.map((p) => [p.offset, p.length] as [number, number]) }));
  } catch {
    // As for native data: read by parsing the file.
  }
  return summary;
}

/**
 * Reads the file in `source` (a Part 10 file) and describes it for the index. Throws an
 * InvalidInstanceError when it is not a DICOM file with valid Study, Series and SOP Instance UIDs.
 */
export async function describeInstance(source: ByteSource, stored: { size: number; sha256: string }, base = '/dicomweb'): Promise<InstanceRecord> {
  let file: DicomFile;
  try {
    // Small windows: a header is read without touching the bulk data behind it (nor joining the chunks held in memory).
    file = await readDicom(source, { bulkThreshold: BULK_THRESHOLD, windowSize: BULK_THRESHOLD });
  } catch (e) {
    throw new InvalidInstanceError(`not a readable DICOM file: ${e instanceof Error ? e.message : String(e)}`, 'unreadable');
  }
  if (file.meta.size === 0) throw new InvalidInstanceError('not a DICOM Part 10 file (no File Meta Information)', 'unreadable');
  const study = requiredUid(file, 'StudyInstanceUID');
  const series = requiredUid(file, 'SeriesInstanceUID');
  const sop = requiredUid(file, 'SOPInstanceUID', 'MediaStorageSOPInstanceUID');
  const sopClass = requiredUid(file, 'SOPClassUID', 'MediaStorageSOPClassUID');
  const bulkData: Record<string, BulkDataLocation> = {};
  const isBulk = (el: Element) => el.deferred || PIXEL_DATA_TAGS.has(el.tag) || (BINARY_VRS.has(el.vr) && el.length !== 0xffffffff && el.length >= BULK_MIN_BYTES);
  const metadata = toDicomJson(file.dataset, {
    charsetAsUtf8: true,
    bulkData: (el, path) => {
      if (!isBulk(el)) return undefined;
      const tagPath = formatBulkTagPath(path);
      if (!el.encapsulated && el.offset >= 0 && !file.deflated) bulkData[tagPath] = [el.offset, el.length];
      return bulkDataPath(base, study, series, sop, tagPath);
    },
  });
  const located = file.dataset.has(0x7fe00010) || file.dataset.has(0x7fe00008) || file.dataset.has(0x7fe00009) ? pixelSummary(file) : undefined;
  const pixels = located instanceof Promise ? await located : located;
  return {
    studyInstanceUID: study,
    seriesInstanceUID: series,
    sopInstanceUID: sop,
    sopClassUID: sopClass,
    instanceNumber: numberOrUndefined(file.dataset.getNumber('InstanceNumber')),
    transferSyntaxUID: file.transferSyntax,
    storageKey: storageKeyOf(study, series, sop),
    size: stored.size,
    sha256: stored.sha256,
    numberOfFrames: pixels?.numberOfFrames ?? 0,
    rows: pixels?.rows,
    columns: pixels?.columns,
    bitsAllocated: pixels?.bitsAllocated,
    frames: pixels?.frames ?? [],
    bulkData,
    metadata,
  };
}

const numberOrUndefined = (n: number | undefined) => (n !== undefined && Number.isInteger(n) ? n : undefined);
