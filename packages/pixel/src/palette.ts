// PALETTE COLOR: stored values index red, green and blue tables (PS3.3 C.7.6.3.1.5-6), given whole
// or as segments (C.7.9.2).
import { DicomParseError, toTag, type DataSet, type Keyword } from '@dcmkit/core';
import { lutDescriptor, lutWords, readLookupTable, type LookupTable } from './lut.js';

export interface PaletteColorLut {
  red: LookupTable;
  green: LookupTable;
  blue: LookupTable;
}

const CHANNELS = [
  ['RedPaletteColorLookupTableDescriptor', 'RedPaletteColorLookupTableData', 'SegmentedRedPaletteColorLookupTableData'],
  ['GreenPaletteColorLookupTableDescriptor', 'GreenPaletteColorLookupTableData', 'SegmentedGreenPaletteColorLookupTableData'],
  ['BluePaletteColorLookupTableDescriptor', 'BluePaletteColorLookupTableData', 'SegmentedBluePaletteColorLookupTableData'],
] as const satisfies ReadonlyArray<readonly [Keyword, Keyword, Keyword]>;

/** The Palette Color Lookup Tables of a data set (the first mapped value is SS when Pixel Representation is 1). */
export function paletteColorLut(ds: DataSet): PaletteColorLut {
  const signed = ds.getNumber('PixelRepresentation') === 1;
  const [red, green, blue] = CHANNELS.map(([descriptor, data, segmented]) => {
    if (ds.has(segmented)) return segmentedTable(ds, descriptor, segmented, signed);
    const table = readLookupTable(ds, descriptor, data, signed);
    if (!table) throw new DicomParseError(`${descriptor} and ${data} for PALETTE COLOR`, { tag: toTag(descriptor) });
    return table;
  }) as [LookupTable, LookupTable, LookupTable];
  return { red, green, blue };
}

function segmentedTable(ds: DataSet, descriptorKeyword: Keyword, dataKeyword: Keyword, signed: boolean): LookupTable {
  const descriptor = lutDescriptor(ds, descriptorKeyword, signed);
  if (!descriptor) throw new DicomParseError(`${descriptorKeyword} for segmented palette data`, { tag: toTag(descriptorKeyword) });
  const words = lutWords(ds, dataKeyword)!;
  // 8-bit tables are stored as 8 bits allocated (PS3.3 C.7.6.3.1.6): one segment value per byte.
  const units = descriptor.bits <= 8 ? new Uint8Array(words.buffer, words.byteOffset, words.byteLength) : words;
  return { ...descriptor, data: expandSegments(units, descriptor.entries, toTag(dataKeyword)) };
}

const DISCRETE = 0;
const LINEAR = 1;
const INDIRECT = 2;

/**
 * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2) into `entries` values.
 * Discrete: [0, n, v1..vn]. Linear: [1, n, y1], n values stepping from the previous value to y1.
 * Indirect: [2, count, offset low 16 bits, offset high 16 bits], re-running `count` segments found
 * at that byte offset from the start of the data (for 8-bit data the offset takes four bytes, low first).
 */
export function expandSegments(units: Uint16Array | Uint8Array, entries: number, tag = 0x00281221): Uint16Array {
  const out = new Uint16Array(entries);
  const unitBytes = units.BYTES_PER_ELEMENT;
  let n = 0;
  const fail = (what: string, at: number): never => {
    throw new DicomParseError(`Segmented Palette Color Lookup Table Data: ${what} (segment at value ${at})`, { tag });
  };
  const segment = (i: number, indirectAllowed: boolean): number => {
    if (i + 1 >= units.length) fail('a segment header, found the end of the data', i);
    const opcode = units[i]!;
    const length = units[i + 1]!;
    if (opcode === DISCRETE) {
      if (i + 2 + length > units.length) fail(`${length} discrete values`, i);
      for (let k = 0; k < length && n < entries; k++) out[n++] = units[i + 2 + k]!;
      return i + 2 + length;
    }
    if (opcode === LINEAR) {
      if (n === 0) fail('a segment before a linear one (it starts from the previous value)', i);
      const y0 = out[n - 1]!;
      const y1 = units[i + 2]!;
      for (let k = 1; k <= length && n < entries; k++) out[n++] = Math.round(y0 + ((y1 - y0) * k) / length);
      return i + 3;
    }
    if (opcode === INDIRECT) {
      if (!indirectAllowed) fail('no indirect segment inside an indirect one', i);
      const offset = unitBytes === 2 ? units[i + 2]! + units[i + 3]! * 0x10000 : units[i + 2]! + units[i + 3]! * 0x100 + units[i + 4]! * 0x10000 + units[i + 5]! * 0x1000000;
      let j = offset / unitBytes;
      if (!Number.isInteger(j) || j >= units.length) fail(`an offset inside the data, got ${offset}`, i);
      for (let k = 0; k < length; k++) j = segment(j, false);
      return i + (unitBytes === 2 ? 4 : 6);
    }
    return fail(`opcode 0, 1 or 2, got ${opcode}`, i);
  };
  // The data may end with a padding value; every segment is longer than one value.
  for (let i = 0; n < entries && i + 1 < units.length; ) i = segment(i, true);
  if (n < entries) fail(`${entries} entries as the descriptor says, segments give ${n}`, units.length);
  return out;
}
