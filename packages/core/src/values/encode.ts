import { isStringVR, isVR, paddingByte, usesCharacterSet } from '@dcmkit/dictionary';
import type { SpecificCharacterSet } from '../charset/index.js';
import { parseTag, type Tag } from '../tag.js';
import { DicomWriteError } from '../write/error.js';
import { byteSwapSize } from '../write/swap.js';

/** Value bytes ready to copy: `swap` is the word size to byte-swap them by while copying (0: as they are). */
export interface EncodedValue {
  bytes: Uint8Array;
  swap: number;
}

/** How to encode values: the target byte order, the character set of text, the byte order of given raw bytes. */
export interface ValueContext {
  littleEndian: boolean;
  charset: SpecificCharacterSet;
  /** Byte order of a Uint8Array given for OW/OF/... (the data set's, as `DataSet.values` returns them). */
  rawLittleEndian: boolean;
  /** Word size binary values swap by (OW Pixel Data: its sample size); the VR's when absent. */
  swapSize?: number;
}

const EMPTY = new Uint8Array(0);
const PLATFORM_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The value field of an element from values as `DataSet.set` takes them (PS3.5 6.2): text joined by
 * backslashes and padded to even length, binary numbers in the target byte order, bytes as given.
 */
export function encodeValues(values: readonly unknown[], vr: string, tag: Tag, ctx: ValueContext): EncodedValue {
  if (isStringVR(vr)) return { bytes: encodeText(values, vr, tag, ctx.charset), swap: 0 };
  const numbers = BINARY_NUMBERS[vr];
  if (numbers) return { bytes: encodeNumbers(values, vr, numbers, tag, ctx.littleEndian), swap: 0 };
  if (!isVR(vr) || vr === 'SQ') throw new DicomWriteError(`a VR of PS3.5 Table 6.2-1 for a value, got '${vr}'`, tag);
  return encodeBytes(values, vr, tag, ctx);
}

/** A DS value: the shortest text of `n` that fits the VR's 16 bytes (PS3.5 Table 6.2-1), rounding if it must. */
export function formatDS(n: number, tag?: Tag): string {
  if (!Number.isFinite(n)) throw new DicomWriteError(`a finite number for DS, got ${n}`, tag);
  const exact = compactNumber(String(n));
  if (exact.length <= 16) return exact;
  for (let digits = 16; ; digits--) {
    const fixed = compactNumber(n.toPrecision(digits));
    const scientific = compactNumber(n.toExponential(digits - 1));
    const best = fixed.length <= scientific.length ? fixed : scientific;
    // Rounding up near Number.MAX_VALUE overflows: fewer digits then. One digit always fits ("-1e-308").
    if (best.length <= 16 && Number.isFinite(Number(best))) return best;
  }
}

/** An IS value: an integer of -2^31 to 2^31 - 1 (PS3.5 Table 6.2-1). */
export function formatIS(n: number, tag?: Tag): string {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new DicomWriteError(`an integer in [-2^31, 2^31) for IS, got ${n}`, tag);
  return String(n);
}

/** Drops what does not change a number's value: trailing fraction zeros, "+" and leading zeros of the exponent. */
function compactNumber(s: string): string {
  const [mantissa = '', exponent] = s.toLowerCase().split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent.replace(/^\+/, '').replace(/^(-?)0+(?=\d)/, '$1')}`;
}

function valueText(v: unknown, vr: string, tag: Tag): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return vr === 'DS' ? formatDS(v, tag) : vr === 'IS' ? formatIS(v, tag) : String(v);
  // Strings as given (a backslash in one separates values, as in the stored form), PersonName and
  // DicomDate/DicomTime/DicomDateTime by their stored text.
  return String(v);
}

/** Text values joined by backslash (PS3.5 6.4), in the character set for LO/LT/PN/SH/ST/UC/UT, padded to even length (PS3.5 6.2). */
function encodeText(values: readonly unknown[], vr: string, tag: Tag, charset: SpecificCharacterSet): Uint8Array {
  const text = values.map((v) => valueText(v, vr, tag)).join('\\');
  const pad = paddingByte(vr);
  if (!usesCharacterSet(vr)) return defaultRepertoire(text, pad, vr, tag);
  let bytes: Uint8Array;
  try {
    bytes = charset.encode(text, vr);
  } catch (e) {
    throw new DicomWriteError(`text that Specific Character Set '${charset.terms.join('\\')}' can encode: ${(e as Error).message}`, tag);
  }
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = pad;
  return padded;
}

/** One byte per character, already padded; ISO 8859-1 above ASCII is kept as the reader keeps it. */
function defaultRepertoire(text: string, pad: number, vr: string, tag: Tag): Uint8Array {
  const out = new Uint8Array(text.length + (text.length % 2));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new DicomWriteError(`characters of the default repertoire for ${vr}, got U+${c.toString(16).toUpperCase().padStart(4, '0')}`, tag);
    out[i] = c;
  }
  if (text.length % 2) out[text.length] = pad;
  return out;
}

interface NumberCodec {
  size: number;
  what: string;
  valid(v: unknown): boolean;
  set(dv: DataView, at: number, v: unknown, le: boolean): void;
}

const integer = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const bigInteger = (min: bigint, max: bigint) => (v: unknown) =>
  (typeof v === 'bigint' && v >= min && v <= max) || (typeof v === 'number' && Number.isSafeInteger(v) && BigInt(v) >= min && BigInt(v) <= max);
const isNumber = (v: unknown) => typeof v === 'number';

/** Binary numeric VRs (PS3.5 Table 6.2-1): size, range and how to write one value. */
const BINARY_NUMBERS: Record<string, NumberCodec> = {
  US: { size: 2, what: 'integers 0 to 65535', valid: integer(0, 0xffff), set: (dv, at, v, le) => dv.setUint16(at, v as number, le) },
  SS: { size: 2, what: 'integers -32768 to 32767', valid: integer(-0x8000, 0x7fff), set: (dv, at, v, le) => dv.setInt16(at, v as number, le) },
  UL: { size: 4, what: 'integers 0 to 2^32 - 1', valid: integer(0, 0xffffffff), set: (dv, at, v, le) => dv.setUint32(at, v as number, le) },
  SL: { size: 4, what: 'integers -2^31 to 2^31 - 1', valid: integer(-0x80000000, 0x7fffffff), set: (dv, at, v, le) => dv.setInt32(at, v as number, le) },
  FL: { size: 4, what: 'numbers', valid: isNumber, set: (dv, at, v, le) => dv.setFloat32(at, v as number, le) },
  FD: { size: 8, what: 'numbers', valid: isNumber, set: (dv, at, v, le) => dv.setFloat64(at, v as number, le) },
  SV: { size: 8, what: 'integers -2^63 to 2^63 - 1', valid: bigInteger(-(2n ** 63n), 2n ** 63n - 1n), set: (dv, at, v, le) => dv.setBigInt64(at, BigInt(v as bigint), le) },
  UV: { size: 8, what: 'integers 0 to 2^64 - 1', valid: bigInteger(0n, 2n ** 64n - 1n), set: (dv, at, v, le) => dv.setBigUint64(at, BigInt(v as bigint), le) },
  // AT: group number then element number, 16 bits each (PS3.5 6.2).
  AT: {
    size: 4,
    what: 'tags (numbers, keywords or "(gggg,eeee)")',
    valid: integer(0, 0xffffffff),
    set: (dv, at, v, le) => {
      dv.setUint16(at, (v as number) >>> 16, le);
      dv.setUint16(at + 2, (v as number) & 0xffff, le);
    },
  },
};

function encodeNumbers(values: readonly unknown[], vr: string, codec: NumberCodec, tag: Tag, le: boolean): Uint8Array {
  const out = new Uint8Array(values.length * codec.size);
  const dv = new DataView(out.buffer);
  values.forEach((raw, i) => {
    const v = vr === 'AT' && typeof raw === 'string' ? tagFromText(raw, tag) : raw;
    if (!codec.valid(v)) throw new DicomWriteError(`${vr} values: ${codec.what}, got ${String(raw)}`, tag);
    codec.set(dv, i * codec.size, v, le);
  });
  return out;
}

function tagFromText(text: string, tag: Tag): number {
  try {
    return parseTag(text);
  } catch {
    throw new DicomWriteError(`AT values: tags (numbers, keywords or "(gggg,eeee)"), got '${text}'`, tag);
  }
}

/**
 * OB/OD/OF/OL/OV/OW/UN: one Uint8Array (in the data set's byte order) or typed array (in the platform's),
 * swapped by word size for the target byte order while copied; UN is never swapped (PS3.5 6.2.2).
 */
function encodeBytes(values: readonly unknown[], vr: string, tag: Tag, ctx: ValueContext): EncodedValue {
  if (values.length === 0) return { bytes: EMPTY, swap: 0 };
  const v = values[0];
  if (values.length > 1 || !ArrayBuffer.isView(v)) throw new DicomWriteError(`one Uint8Array or typed array as the ${vr} value`, tag);
  const given = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const le = v instanceof Uint8Array ? ctx.rawLittleEndian : PLATFORM_LITTLE_ENDIAN;
  const swap = le === ctx.littleEndian ? 0 : (ctx.swapSize ?? byteSwapSize(vr));
  if (given.length % 2 === 0) return { bytes: given, swap };
  // Odd length: one trailing NUL (PS3.5 6.2, OB).
  const padded = new Uint8Array(given.length + 1);
  padded.set(given);
  return { bytes: padded, swap };
}
