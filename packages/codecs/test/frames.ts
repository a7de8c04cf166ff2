// Test-only: pull Pixel Data (7FE0,0010) out of a Part 10 file without the core parser.
// Handles explicit or implicit VR little endian; encapsulated data is split per PS3.5 A.4.
import { readFileSync } from 'node:fs';
import { concatBytes } from '@dcmkit/core';

const ITEM = 0xe000fffe; // (FFFE,E000) read as a little-endian uint32
const SEQUENCE_DELIMITER = 0xe0ddfffe; // (FFFE,E0DD)
const UNDEFINED = 0xffffffff;

export interface PixelData {
  /** One entry per frame: the concatenated fragments of that frame (encapsulated) or its bytes (native). */
  frames: Uint8Array[];
  encapsulated: boolean;
}

/** Finds the last top-level (7FE0,0010) header: tag, then 'OB'/'OW' 00 00 length, or a 4-byte length. */
function findPixelData(bytes: Uint8Array, view: DataView): { value: number; length: number } {
  for (let i = bytes.length - 8; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x00107fe0) continue;
    const vr = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!);
    if ((vr === 'OB' || vr === 'OW') && view.getUint16(i + 6, true) === 0) {
      return { value: i + 12, length: view.getUint32(i + 8, true) };
    }
    return { value: i + 8, length: view.getUint32(i + 4, true) };
  }
  throw new Error('no Pixel Data element');
}

function items(bytes: Uint8Array, view: DataView, start: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = start; p + 8 <= bytes.length; ) {
    const tag = view.getUint32(p, true);
    const length = view.getUint32(p + 4, true);
    if (tag === SEQUENCE_DELIMITER) return out;
    if (tag !== ITEM) throw new Error(`unexpected tag ${tag.toString(16)} at ${p}`);
    out.push(bytes.subarray(p + 8, p + 8 + length));
    p += 8 + length;
  }
  throw new Error('no sequence delimiter');
}

export function readPixelData(path: string, numberOfFrames = 1): PixelData {
  const bytes = new Uint8Array(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { value, length } = findPixelData(bytes, view);
  if (length !== UNDEFINED) {
    const size = length / numberOfFrames;
    const frames = Array.from({ length: numberOfFrames }, (_, f) => bytes.subarray(value + f * size, value + (f + 1) * size));
    return { frames, encapsulated: false };
  }
  const [table, ...fragments] = items(bytes, view, value);
  if (numberOfFrames === 1) return { frames: [concatBytes(fragments)], encapsulated: true };
  if (fragments.length === numberOfFrames) return { frames: fragments, encapsulated: true };
  // Basic Offset Table: frame starts relative to the first fragment's item tag (PS3.5 A.4).
  const tableView = new DataView(table!.buffer, table!.byteOffset, table!.byteLength);
  const starts = Array.from({ length: numberOfFrames }, (_, f) => tableView.getUint32(f * 4, true));
  const frames: Uint8Array[][] = starts.map(() => []);
  let offset = 0;
  for (const fragment of fragments) {
    const frame = starts.findLastIndex((s) => s <= offset);
    frames[frame]!.push(fragment);
    offset += 8 + fragment.length;
  }
  return { frames: frames.map(concatBytes), encapsulated: true };
}
