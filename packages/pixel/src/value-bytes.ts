// The bytes of a binary value anywhere in a data set (Overlay Data, Waveform Data): in memory,
// left in the source by a windowed read, or set by DataSet.set.
import type { DataSet, Tag } from '@dcmkit/core';

/** The value bytes of element `tag` of `ds`, read from the source when deferred; undefined when absent. */
export async function valueBytes(ds: DataSet, tag: Tag): Promise<Uint8Array | undefined> {
  const el = ds.element(tag);
  if (!el) return undefined;
  const read = await el.readBytes();
  if (read) return read;
  const value = ds.values(el)[0];
  return value instanceof Uint8Array ? value : new Uint8Array(0);
}

/**
 * The bytes in little-endian word order: OW is byte-swapped in 16-bit words under Explicit VR Big
 * Endian (PS3.5 7.3), so its bytes are swapped back pairwise; OB, and anything little endian, is as stored.
 */
export function littleEndianWords(bytes: Uint8Array, vr: string, littleEndian: boolean): Uint8Array {
  if (littleEndian || vr !== 'OW') return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  if (bytes.length % 2) out[bytes.length - 1] = bytes[bytes.length - 1]!;
  return out;
}
