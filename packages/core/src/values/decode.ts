import { isSingleValuedVR, usesCharacterSet, numericSize } from '@dcmkit/dictionary';
import type { SpecificCharacterSet } from '../charset/index.js';
import { PersonName } from './person-name.js';
import { DicomDate, DicomDateTime, DicomTime } from './date-time.js';

/** Text of the default repertoire (ISO-IR 6); short values without TextDecoder. */
export function asciiText(b: Uint8Array): string {
  if (b.length < 64) {
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return latin1.decode(b);
}
const latin1 = new TextDecoder('latin1');

/** The text of a string-VR value before splitting: character set applied, padding removed (PS3.5 6.2). */
export function decodeText(bytes: Uint8Array, vr: string, charset: SpecificCharacterSet): string {
  let end = bytes.length;
  // Trailing padding: space for text, NUL for UI (and NUL seen in the wild for any string VR).
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  const b = end === bytes.length ? bytes : bytes.subarray(0, end);
  return usesCharacterSet(vr) && !charset.isDefault ? charset.decode(b, vr) : asciiText(b);
}

/** Leading spaces are significant only for LT, ST, UT, UC and PN (PS3.5 Table 6.2-1). */
const KEEP_LEADING = new Set(['LT', 'ST', 'UT', 'UC', 'PN']);

/** The values of a string-VR text, split on backslash unless the VR is single-valued. */
export function splitValues(text: string, vr: string): string[] {
  if (text === '') return [];
  const parts = isSingleValuedVR(vr) ? [text] : text.split('\\');
  return KEEP_LEADING.has(vr) ? parts.map((p) => p.trimEnd()) : parts.map((p) => p.trim());
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

/** Values of a binary numeric VR (PS3.5 Table 6.2-1), AT as tag numbers. */
export function decodeNumbers(bytes: Uint8Array, vr: string, littleEndian: boolean): number[] | bigint[] {
  const size = numericSize(vr);
  const n = Math.floor(bytes.length / size);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = littleEndian;
  switch (vr) {
    case 'US': return Array.from({ length: n }, (_, i) => dv.getUint16(i * 2, le));
    case 'SS': return Array.from({ length: n }, (_, i) => dv.getInt16(i * 2, le));
    case 'UL': return Array.from({ length: n }, (_, i) => dv.getUint32(i * 4, le));
    case 'SL': return Array.from({ length: n }, (_, i) => dv.getInt32(i * 4, le));
    case 'FL': return Array.from({ length: n }, (_, i) => dv.getFloat32(i * 4, le));
    case 'FD': return Array.from({ length: n }, (_, i) => dv.getFloat64(i * 8, le));
    case 'SV': return Array.from({ length: n }, (_, i) => dv.getBigInt64(i * 8, le));
    case 'UV': return Array.from({ length: n }, (_, i) => dv.getBigUint64(i * 8, le));
    // AT: group then element, each 16 bits (PS3.5 6.2).
    case 'AT': return Array.from({ length: n }, (_, i) => ((dv.getUint16(i * 4, le) << 16) | dv.getUint16(i * 4 + 2, le)) >>> 0);
    default: return [];
  }
}

const NUMERIC_BINARY = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV', 'AT']);
export const isNumericBinaryVR = (vr: string): boolean => NUMERIC_BINARY.has(vr);
