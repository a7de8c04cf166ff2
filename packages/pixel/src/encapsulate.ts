// Encapsulated Pixel Data built from encoded frames, one fragment per frame, with its offset
// table (PS3.5 A.4).
import { EXTENDED_OFFSET_TABLE, EXTENDED_OFFSET_TABLE_LENGTHS, PIXEL_DATA, type DataSet } from '@dcmkit/core';

/** Item tag and Item Length before each fragment (PS3.5 A.4). */
const ITEM_HEADER = 8;
/** The largest offset a Basic Offset Table entry holds: 32-bit unsigned (PS3.5 A.4). */
export const MAX_BASIC_OFFSET = 0xffffffff;

/** PS3.5 A.4: every Item has an even length; a codestream of odd length gets one trailing zero byte. */
function evenLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  return padded;
}

/**
 * Sets `frames` (one encoded frame each) as the data set's encapsulated Pixel Data. The Basic Offset
 * Table gives each frame's offset from the first fragment's Item tag; when an offset passes 32 bits
 * (`maxBasicOffset`), the Basic Offset Table stays empty and the Extended Offset Table (7FE0,0001)
 * with its Lengths (7FE0,0002) takes over (PS3.5 A.4).
 */
export function setEncapsulatedPixelData(ds: DataSet, frames: readonly Uint8Array[], maxBasicOffset = MAX_BASIC_OFFSET): void {
  const fragments = frames.map(evenLength);
  const offsets: number[] = [];
  let offset = 0;
  for (const f of fragments) {
    offsets.push(offset);
    offset += ITEM_HEADER + f.length;
  }
  const basic = (offsets.at(-1) ?? 0) <= maxBasicOffset;
  ds.delete(EXTENDED_OFFSET_TABLE);
  ds.delete(EXTENDED_OFFSET_TABLE_LENGTHS);
  if (!basic) {
    // OV values, 64-bit: typed arrays are taken in the platform's byte order by the writer.
    ds.set(EXTENDED_OFFSET_TABLE, BigUint64Array.from(offsets, BigInt), 'OV');
    ds.set(EXTENDED_OFFSET_TABLE_LENGTHS, BigUint64Array.from(frames, (f) => BigInt(f.length)), 'OV');
  }
  // PS3.5 A.4: encapsulated Pixel Data has VR OB.
  const el = ds.set(PIXEL_DATA, fragments, 'OB');
  el.encapsulated = { basicOffsetTable: basic ? offsets : [], fragments: [] };
}
