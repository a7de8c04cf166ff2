import { isSingleValuedVR, numericSize } from '@dcmkit/dictionary';
import type { SpecificCharacterSet } from '../charset/index.js';
import { PersonName } from './person-name.js';
import { DicomDate, DicomDateTime, DicomTime } from './date-time.js';

/** The text of a string-VR value before splitting: character set applied, padding removed (PS3.5 6.2). */
export function decodeText(bytes: Uint8Array, vr: string, charset: SpecificCharacterSet): string {
  let end = bytes.length;
  // Trailing padding: space for text, NUL for UI (and NUL seen in the wild for any string VR).
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  const b = end === bytes.length ? bytes : bytes.subarray(0, end);
  return charset.decode(b, vr);
}

/** Leading spaces are significant only for LT, ST, UT, UC and PN (PS3.5 Table 6.2-1). */
const KEEP_LEADING = new Set(['LT', 'ST', 'UT', 'UC', 'PN']);

/** The values of a string-VR text, split on backslash unless the VR is single-valued. */
export function splitValues(text: string, vr: string): string[] {
  if (text === '') return [];
  const keepLeading = KEEP_LEADING.has(vr);
  // Most values are single: no split, no second array.
  if (isSingleValuedVR(vr) || !text.includes('\\')) return [keepLeading ? text.trimEnd() : text.trim()];
  const parts = text.split('\\');
  for (let i = 0; i < parts.length; i++) parts[i] = keepLeading ? parts[i]!.trimEnd() : parts[i]!.trim();
  return parts;
}

/** A decimal or integer string as a number; NaN when it is not one (the text stays readable). */
const toNumber = (s: string): number => (s === '' ? NaN : Number(s));

/** Typed values of one string value by VR. */
export function typedString(s: string, vr: string): unknown {
  switch (vr) {
    case 'IS':
    case 'DS':
      return toNumber(s);
    case 'PN':
      return PersonName.parse(s);
    case 'DA':
      return DicomDate.parse(s) ?? s;
    case 'TM':
      return DicomTime.parse(s) ?? s;
    case 'DT':
      return DicomDateTime.parse(s) ?? s;
    default:
      return s;
  }
}

/** VRs whose string values become numbers, PersonName or date/time objects (see typedString). */
const TYPED = new Set(['IS', 'DS', 'PN', 'DA', 'TM', 'DT']);

/** typedString of each value, in place; other VRs' values are returned as they are. */
export function typedStrings(values: string[], vr: string): unknown[] {
  if (!TYPED.has(vr)) return values;
  const out: unknown[] = values;
  for (let i = 0; i < values.length; i++) out[i] = typedString(values[i]!, vr);
  return out;
}

type NumberReader = (dv: DataView, at: number, le: boolean) => number | bigint;
const READERS = new Map<string, NumberReader>([
  ['US', (dv, at, le) => dv.getUint16(at, le)],
  ['SS', (dv, at, le) => dv.getInt16(at, le)],
  ['UL', (dv, at, le) => dv.getUint32(at, le)],
  ['SL', (dv, at, le) => dv.getInt32(at, le)],
  ['FL', (dv, at, le) => dv.getFloat32(at, le)],
  ['FD', (dv, at, le) => dv.getFloat64(at, le)],
  ['SV', (dv, at, le) => dv.getBigInt64(at, le)],
  ['UV', (dv, at, le) => dv.getBigUint64(at, le)],
  // AT: group then element, each 16 bits (PS3.5 6.2).
  ['AT', (dv, at, le) => ((dv.getUint16(at, le) << 16) | dv.getUint16(at + 2, le)) >>> 0],
]);

/** Values of a binary numeric VR (PS3.5 Table 6.2-1), AT as tag numbers. */
export function decodeNumbers(bytes: Uint8Array, vr: string, littleEndian: boolean): number[] | bigint[] {
  const read = READERS.get(vr);
  if (!read) return [];
  const size = numericSize(vr);
  const n = Math.floor(bytes.length / size);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: (number | bigint)[] = [];
  for (let i = 0; i < n; i++) out.push(read(dv, i * size, littleEndian));
  return out as number[] | bigint[];
}

export const isNumericBinaryVR = (vr: string): boolean => READERS.has(vr);
