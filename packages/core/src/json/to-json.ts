import { isStringVR, isSingleValuedVR, numericSize } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA, PIXEL_DATA, SPECIFIC_CHARACTER_SET, formatTag, tagHex, type Tag } from '../tag.js';
import { splitValues } from '../values/decode.js';
import { encodeBase64 } from './base64.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonValue } from './model.js';
import { floatText } from './float-text.js';
import { numberStringValue } from './number-string.js';
import { personNameValues } from './person-name.js';

export interface DicomJsonOptions {
  /**
   * Called for every element that is not a sequence: return a URI to write its value as
   * BulkDataURI (PS3.18 F.2.6), undefined to write it inline. `path` locates the element:
   * [tag] at top level, [sequence tag, item index, ..., tag] inside items.
   */
  bulkData?: (el: Element, path: readonly number[]) => string | undefined;
  /** Write the top-level Pixel Data (7FE0,0008/0009/0010) as this BulkDataURI. */
  pixelDataURI?: string;
  /**
   * Write the top-level Specific Character Set (0008,0005) as "ISO_IR 192": JSON text is Unicode
   * whatever the data set's character set was (what dcm2json does).
   */
  charsetAsUtf8?: boolean;
  /** Keep Group Length (gggg,0000) elements; dropped by default, as dcm2json does (PS3.5 7.2: optional). */
  groupLengths?: boolean;
}

/** A value toDicomJson cannot write: deferred bytes or encapsulated Pixel Data without a BulkDataURI. */
export class DicomJsonError extends Error {
  override readonly name = 'DicomJsonError';
  constructor(
    message: string,
    readonly tag: Tag,
  ) {
    super(`${formatTag(tag)}: ${message}`);
  }
}

const isPixelData = (tag: Tag) => tag === PIXEL_DATA || tag === FLOAT_PIXEL_DATA || tag === DOUBLE_FLOAT_PIXEL_DATA;

/**
 * A data set in the DICOM JSON Model (PS3.18 F.2): attributes in tag order, IS/DS as numbers,
 * PN as component-group objects, AT as hex, binary values as base64 InlineBinary (little endian)
 * unless `bulkData`/`pixelDataURI` give a BulkDataURI. UN values stay UN with their bytes;
 * an undefined-length UN read as a sequence is written as SQ. Empty elements have only "vr".
 */
export function toDicomJson(ds: DataSet, opts: DicomJsonOptions = {}): DicomJson {
  return dataSetJson(ds, opts, []);
}

function dataSetJson(ds: DataSet, opts: DicomJsonOptions, path: number[]): DicomJson {
  const json: DicomJson = {};
  for (const el of ds) {
    if ((el.tag & 0xffff) === 0 && !opts.groupLengths) continue;
    json[tagHex(el.tag)] = attributeJson(ds, el, opts, path);
  }
  return json;
}

/** One attribute; `path` is that of the data set holding it ([] at top level). */
function attributeJson(ds: DataSet, el: Element, opts: DicomJsonOptions, path: number[]): DicomJsonAttribute {
  if (el.items) {
    // A UN of undefined length holds an implicit VR sequence (PS3.5 6.2.2): it is one.
    const items = el.items.map((item, i) => dataSetJson(item, opts, [...path, el.tag, i]));
    return items.length ? { vr: 'SQ', Value: items } : { vr: 'SQ' };
  }
  const topLevel = path.length === 0;
  // Encapsulated Pixel Data is OB (PS3.5 A.4).
  const vr = el.encapsulated ? 'OB' : el.vr;
  const uri = (topLevel && isPixelData(el.tag) ? opts.pixelDataURI : undefined) ?? opts.bulkData?.(el, [...path, el.tag]) ?? el.bulkDataURI;
  if (uri !== undefined) return { vr, BulkDataURI: uri };
  if (el.encapsulated) throw new DicomJsonError('encapsulated Pixel Data needs a BulkDataURI (pixelDataURI or bulkData)', el.tag);
  if (el.deferred) throw new DicomJsonError('value not loaded (deferred bulk data): give it a BulkDataURI or read it in memory', el.tag);
  if (topLevel && el.tag === SPECIFIC_CHARACTER_SET && opts.charsetAsUtf8) return { vr, Value: ['ISO_IR 192'] };
  const values = vr === 'UN' ? undefined : jsonValues(ds, el, vr);
  if (values) return values.length ? { vr, Value: values } : { vr };
  const bytes = binaryValue(ds, el, vr);
  return bytes.length ? { vr, InlineBinary: encodeBase64(bytes) } : { vr };
}

/** The Value array of a non-binary element (PS3.18 F.2.3); undefined for binary VRs. */
function jsonValues(ds: DataSet, el: Element, vr: string): DicomJsonValue[] | undefined {
  if (isStringVR(vr)) {
    const text = ds.getText(el.tag) ?? '';
    if (vr === 'PN') return personNameValues(text) ?? [];
    if (vr === 'IS' || vr === 'DS') return numberStrings(ds, el, vr, text);
    // Every value of a multi-valued element is written; an empty one as null (PS3.18 F.2.5).
    const parts = isSingleValuedVR(vr) ? (text ? [text] : []) : splitValues(text, vr);
    return parts.map((s) => (s === '' ? null : s));
  }
  switch (vr) {
    case 'AT':
      return ds.values(el).map((t) => tagHex(t as number));
    case 'FL':
      // The decimal dcm2json prints: at least the 9 significant digits that identify a binary32 float.
      return ds.values(el).map((v) => (Number.isFinite(v) ? Number(floatText(v as number, 9)) : null));
    case 'US': case 'SS': case 'UL': case 'SL': case 'FD':
      return ds.values(el).map((v) => finite(v as number));
    case 'SV': case 'UV':
      return ds.values(el).map((v) => int64Value(v as bigint | number));
    default:
      return undefined;
  }
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** A 64-bit integer beyond JSON's exact range (2^53 - 1) is written as a decimal string (PS3.18 F.2.3.1). */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
function int64Value(v: bigint | number): number | string {
  const n = BigInt(v);
  return n >= -MAX_EXACT && n <= MAX_EXACT ? Number(n) : n.toString();
}

/** IS/DS values: as read (text) or as set (numbers, or strings). */
function numberStrings(ds: DataSet, el: Element, vr: 'IS' | 'DS', text: string): DicomJsonValue[] {
  const values: DicomJsonValue[] = [];
  if (el.bytes) {
    for (const s of splitValues(text, vr)) numberStringValue(s, vr, values);
  } else {
    for (const v of ds.values(el)) {
      if (typeof v === 'number') values.push(finite(v));
      else numberStringValue(String(v ?? '').trim(), vr, values);
    }
  }
  return values;
}

/**
 * The value bytes of a binary VR as InlineBinary carries them (PS3.18 F.2.7): little endian. A
 * Value Field has even length (PS3.5 7.1.1): an odd one read from a file gets its 00H padding, as dcm2json writes it.
 */
function binaryValue(ds: DataSet, el: Element, vr: string): Uint8Array {
  const read = el.bytes;
  const bytes = read ?? (ds.values(el)[0] as Uint8Array | undefined) ?? new Uint8Array(0);
  const size = vr === 'UN' ? 1 : numericSize(vr);
  const swap = !ds.encoding.littleEndian && size > 1;
  const pad = read !== undefined && read.length % 2 === 1;
  if (!swap && !pad) return bytes;
  const out = new Uint8Array(bytes.length + Number(pad));
  out.set(bytes);
  if (swap) {
    for (let i = 0; i + size <= bytes.length; i += size) {
      for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
    }
  }
  return out;
}
