// Encapsulated Pixel Data (PS3.5 A.4): which fragments make up each frame, and the frame's bytes.
import { EXTENDED_OFFSET_TABLE, EXTENDED_OFFSET_TABLE_LENGTHS, concatBytes, type DicomFile, type Element, type Fragment } from '@dcmkit/core';
import { PixelDataError } from './errors.js';
import { readAt, readValue, valueLength } from './source-bytes.js';

/** Each frame's byte ranges in the source, in order. */
export type FrameTable = Fragment[][];

const tables = new WeakMap<Element, FrameTable>();

/** 64-bit little-endian values of an OV element (encapsulated syntaxes are little endian). */
async function readOV(file: DicomFile, tag: number): Promise<number[] | undefined> {
  const el = file.dataset.element(tag);
  if (!el) return undefined;
  const bytes = await readValue(file, el, 0, valueLength(file, el));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 3 }, (_, i) => Number(view.getBigUint64(i * 8, true)));
}

/**
 * Frames from offsets relative to the first fragment's Item tag (Basic Offset Table, Extended Offset
 * Table); undefined when they do not point at fragment starts in increasing order. Extended Offset
 * Table Lengths cut each frame to its length.
 */
function fromOffsets(fragments: Fragment[], frames: number, offsets: number[], lengths?: number[]): FrameTable | undefined {
  if (offsets.length !== frames || (lengths && lengths.length !== frames)) return undefined;
  const first = fragments[0]!.offset;
  const byItemOffset = new Map(fragments.map((f, i) => [f.offset - first, i]));
  const starts = offsets.map((o) => byItemOffset.get(o));
  const table: FrameTable = [];
  for (let i = 0; i < frames; i++) {
    const start = starts[i];
    const end = i + 1 < frames ? starts[i + 1] : fragments.length;
    if (start === undefined || end === undefined || end <= start) return undefined;
    const parts = fragments.slice(start, end);
    table.push(lengths ? truncate(parts, lengths[i]!) ?? [] : parts);
    if (table[i]!.length === 0) return undefined;
  }
  return table;
}

/** The first `length` bytes of a run of fragments; undefined when they hold fewer. */
function truncate(parts: Fragment[], length: number): Fragment[] | undefined {
  const out: Fragment[] = [];
  let left = length;
  for (const p of parts) {
    if (left <= 0) break;
    out.push({ offset: p.offset, length: Math.min(p.length, left) });
    left -= p.length;
  }
  return left > 0 ? undefined : out;
}

/** A JPEG or JPEG-LS SOI marker (ISO 10918-1 B.1.1.3, ISO 14495-1), or a JPEG 2000 SOC then SIZ (T.800 A.4.1). */
const startsFrame = (b: Uint8Array) =>
  b[0] === 0xff && (b[1] === 0xd8 || (b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51));

async function fromMarkers(file: DicomFile, el: Element, fragments: Fragment[], frames: number): Promise<FrameTable | undefined> {
  const starts: number[] = [];
  for (let i = 0; i < fragments.length; i++) {
    const f = fragments[i]!;
    if (startsFrame(await readAt(file, el, f.offset, Math.min(4, f.length)))) starts.push(i);
  }
  if (starts.length !== frames || starts[0] !== 0) return undefined;
  return starts.map((s, i) => fragments.slice(s, starts[i + 1] ?? fragments.length));
}

/**
 * PS3.5 A.4: the Extended Offset Table (7FE0,0001)/(7FE0,0002) when present, else the Basic Offset
 * Table, else one frame of all fragments, else one fragment per frame, else a new frame at each
 * fragment that starts with a codestream's start marker. Offset tables that do not match the
 * fragments are passed over for the next rule (a lenient read, as dcmtk and GDCM do).
 */
export async function frameTable(file: DicomFile, el: Element, frames: number): Promise<FrameTable> {
  const cached = tables.get(el);
  if (cached && cached.length === frames) return cached;
  const { fragments, basicOffsetTable } = el.encapsulated!;
  if (fragments.length === 0) throw new PixelDataError('truncated', 'encapsulated Pixel Data without fragments', { file: file.source.name });
  const extended = await readOV(file, EXTENDED_OFFSET_TABLE);
  const table =
    (extended && fromOffsets(fragments, frames, extended, await readOV(file, EXTENDED_OFFSET_TABLE_LENGTHS))) ||
    (basicOffsetTable.length > 0 && fromOffsets(fragments, frames, basicOffsetTable)) ||
    (frames === 1 && [fragments]) ||
    (fragments.length === frames && fragments.map((f) => [f])) ||
    (await fromMarkers(file, el, fragments, frames));
  if (!table) {
    throw new PixelDataError('invalid', `cannot tell which of ${fragments.length} fragments belong to which of ${frames} frames (no usable offset table or frame start markers)`, {
      file: file.source.name,
    });
  }
  tables.set(el, table);
  return table;
}

/** The encoded bytes of one frame: a view of its fragment when it has one, else the fragments joined. */
export async function encapsulatedFrame(file: DicomFile, el: Element, parts: Fragment[], frame: number): Promise<Uint8Array> {
  if (parts.length === 1) return readAt(file, el, parts[0]!.offset, parts[0]!.length, frame);
  return concatBytes(await Promise.all(parts.map((p) => readAt(file, el, p.offset, p.length, frame))));
}
