// LUT Descriptor + LUT Data, the table form shared by the Modality LUT (PS3.3 C.11.1.1), the VOI LUT
// (C.11.2.1.1) and the Palette Color LUTs (C.7.6.3.1.5-6).
import { DicomParseError, toTag, type DataSet, type TagLike } from '@dcmkit/core';
import { assertLoaded } from './lut-data.js';

/** The three values of a LUT Descriptor. */
export interface LutDescriptor {
  /** Number of entries; a stored 0 means 2^16 (PS3.3 C.11.1.1.1). */
  entries: number;
  /** The input value mapped to the first entry: SS when the input is signed, else US. */
  firstMapped: number;
  /** Bits of each entry: outputs range over 0 .. 2^bits - 1. */
  bits: number;
}

/** A lookup table: `data[i]` is the output for input `firstMapped + i`. */
export interface LookupTable extends LutDescriptor {
  data: Uint16Array;
}

/**
 * Reads a LUT Descriptor. The first mapped value is read as SS when `signed` even if encoded
 * as US (the usual case in implicit VR, where the dictionary's first alternative is US).
 */
export function lutDescriptor(ds: DataSet, descriptor: TagLike, signed: boolean): LutDescriptor | undefined {
  const tag = toTag(descriptor);
  const values = ds.getNumbers(tag);
  if (values.length === 0) return undefined;
  if (values.length < 3 || values.some((v) => !Number.isInteger(v))) {
    throw new DicomParseError(`LUT Descriptor of three integers, got [${values.join(', ')}]`, { offset: offsetOf(ds, tag), tag });
  }
  const [count, first, bits] = values as [number, number, number];
  const u16 = first & 0xffff;
  return {
    entries: (count & 0xffff) || 0x10000,
    firstMapped: signed && u16 >= 0x8000 ? u16 - 0x10000 : u16,
    bits,
  };
}

/** The 16-bit words of a US, SS or OW value (LUT Data, palette data), in the data set's byte order. */
export function lutWords(ds: DataSet, data: TagLike): Uint16Array | undefined {
  const tag = toTag(data);
  const el = ds.element(tag);
  if (!el) return undefined;
  assertLoaded(el, 'LUT Data');
  const bytes = el.bytes ?? (ds.values(el)[0] instanceof Uint8Array ? (ds.values(el)[0] as Uint8Array) : undefined);
  if (!bytes) return Uint16Array.from(ds.getNumbers(el.tag), (v) => v & 0xffff);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = ds.encoding.littleEndian;
  const words = new Uint16Array(bytes.byteLength >> 1);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint16(i * 2, little);
  return words;
}

/**
 * Reads a LUT (descriptor + data). 8-bit tables whose data holds two entries per 16-bit word
 * ("8 bits allocated", as PS3.3 C.7.6.3.1.6 stores 8-bit palettes) are unpacked, low byte first.
 */
export function readLookupTable(ds: DataSet, descriptorTag: TagLike, dataTag: TagLike, signed: boolean): LookupTable | undefined {
  const descriptor = lutDescriptor(ds, descriptorTag, signed);
  const words = lutWords(ds, dataTag);
  if (!descriptor || !words) return undefined;
  const data = descriptor.bits <= 8 && words.length === Math.ceil(descriptor.entries / 2) && descriptor.entries > 1 ? unpackBytes(words) : words;
  if (data.length < descriptor.entries) {
    throw new DicomParseError(`${descriptor.entries} LUT entries as the LUT Descriptor says, found ${data.length}`, { offset: offsetOf(ds, dataTag), tag: toTag(dataTag) });
  }
  return { ...descriptor, data: data.subarray(0, descriptor.entries) };
}

function unpackBytes(words: Uint16Array): Uint16Array {
  const out = new Uint16Array(words.length * 2);
  for (let i = 0; i < words.length; i++) {
    out[2 * i] = words[i]! & 0xff;
    out[2 * i + 1] = words[i]! >> 8;
  }
  return out;
}

/** The table's output for input `x`: inputs below the first mapped value give the first entry, above the last the last entry (PS3.3 C.11.1.1). */
export function lutOutput(lut: LookupTable, x: number): number {
  const i = Math.round(x) - lut.firstMapped;
  return lut.data[i <= 0 ? 0 : i >= lut.data.length ? lut.data.length - 1 : i]!;
}

/** The largest output a table's entries can take: 2^bits - 1. */
export const lutMaxOutput = (lut: LutDescriptor): number => 2 ** lut.bits - 1;

/** Where an element's value is in its source, for errors; undefined for an element created in memory. */
export const offsetOf = (ds: DataSet, tag: TagLike): number | undefined => {
  const offset = ds.element(tag)?.offset;
  return offset !== undefined && offset >= 0 ? offset : undefined;
};
