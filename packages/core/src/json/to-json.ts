import { isStringVR, isSingleValuedVR, numericSize } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA, PIXEL_DATA, SPECIFIC_CHARACTER_SET, formatTag, tagHex, type Tag } from '../tag.js';
import { splitValues } from '../values/decode.js';
import { encodeBase64 } from './base64.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonValue } from './model.js';
import { floatText } from './float-text.js';
import { numberStringValue, numberStringValues } from './number-string.js';
import { personNameValues } from './person-name.js';

export interface DicomJsonOptions {
  /**
   * Called for every element that is not a sequence: return a URI to write its value as
   * BulkDataURI (PS3.18 F.2.6), undefined to write it inline. `path` locates the element:
   * [tag] at top level, [sequence tag, item index, ..., tag] inside items. It is valid during
   * the call only (the writer reuses it): copy it to keep it.
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

/** Attribute keys by tag: the same few hundred tags recur, and a reused key string is already internalized. */
const KEYS = new Map<Tag, string>();
const KEYS_MAX = 8192;
function attributeKey(tag: Tag): string {
  let key = KEYS.get(tag);
  if (key === undefined) {
    key = tagHex(tag);
    if (KEYS.size < KEYS_MAX) KEYS.set(tag, key);
  }
  return key;
}

/** A data set being written: the elements left to visit and the object their attributes go in. */
interface Level {
  ds: DataSet;
  elements: Iterator<Element>;
  json: DicomJson;
  /** The element path's length inside this data set: 0 at top level, 2 more per item. */
  depth: number;
  /** The sequence tag and item index of this data set (in items). */
  sequence: Tag;
  item: number;
}

/**
 * A data set in the DICOM JSON Model (PS3.18 F.2): attributes in tag order, IS/DS as numbers,
 * PN as component-group objects, AT as hex, binary values as base64 InlineBinary (little endian)
 * unless `bulkData`/`pixelDataURI` give a BulkDataURI. UN values stay UN with their bytes;
 * an undefined-length UN read as a sequence is written as SQ. Empty elements have only "vr".
 * Items are written depth first from an explicit stack: any nesting depth converts.
 */
export function toDicomJson(ds: DataSet, opts: DicomJsonOptions = {}): DicomJson {
  const root: DicomJson = {};
  const stack: Level[] = [{ ds, elements: ds[Symbol.iterator](), json: root, depth: 0, sequence: 0, item: 0 }];
  /** [sequence tag, item index, ...] of the data set being written, then the element's tag for `bulkData`. */
  const path: number[] = [];
  let level = stack[0]!;
  for (;;) {
    const next = level.elements.next();
    if (next.done) {
      stack.pop();
      if (stack.length === 0) return root;
      level = enter(stack[stack.length - 1]!, path);
      continue;
    }
    const el = next.value;
    if ((el.tag & 0xffff) === 0 && !opts.groupLengths) continue;
    const items = el.items;
    if (items === undefined) {
      level.json[attributeKey(el.tag)] = valueAttribute(level.ds, el, opts, path, level.depth === 0);
    } else if (items.length === 0) {
      // A UN of undefined length holds an implicit VR sequence (PS3.5 6.2.2): it is one.
      level.json[attributeKey(el.tag)] = { vr: 'SQ' };
    } else {
      const value: DicomJson[] = [];
      for (let i = 0; i < items.length; i++) value.push({});
      level.json[attributeKey(el.tag)] = { vr: 'SQ', Value: value };
      // The items go on the stack last first, so that the first is written next.
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i]!;
        stack.push({ ds: item, elements: item[Symbol.iterator](), json: value[i]!, depth: level.depth + 2, sequence: el.tag, item: i });
      }
      level = enter(stack[stack.length - 1]!, path);
    }
  }
}

/** Makes `path` that of the data set of `level`, which is written next. */
function enter(level: Level, path: number[]): Level {
  path.length = level.depth === 0 ? 0 : level.depth - 2;
  if (level.depth > 0) path.push(level.sequence, level.item);
  return level;
}

/** The attribute of an element that is not a sequence; `path` is that of the data set holding it. */
function valueAttribute(ds: DataSet, el: Element, opts: DicomJsonOptions, path: number[], topLevel: boolean): DicomJsonAttribute {
  // Encapsulated Pixel Data is OB (PS3.5 A.4).
  const vr = el.encapsulated ? 'OB' : el.vr;
  let uri = topLevel && isPixelData(el.tag) ? opts.pixelDataURI : undefined;
  if (uri === undefined && opts.bulkData) {
    path.push(el.tag);
    uri = opts.bulkData(el, path);
    path.pop();
  }
  uri ??= el.bulkDataURI;
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
    if (vr === 'IS' || vr === 'DS') return numberStrings(ds, el, vr);
    const text = ds.getText(el.tag) ?? '';
    if (vr === 'PN') return personNameValues(text) ?? [];
    if (isSingleValuedVR(vr)) return text ? [text] : [];
    // Every value of a multi-valued element is written; an empty one as null (PS3.18 F.2.5).
    const parts: DicomJsonValue[] = splitValues(text, vr);
    for (let i = 0; i < parts.length; i++) if (parts[i] === '') parts[i] = null;
    return parts;
  }
  const values = ds.values(el);
  const out: DicomJsonValue[] = [];
  switch (vr) {
    case 'AT':
      for (const t of values) out.push(tagHex(t as number));
      return out;
    case 'FL':
      // The decimal dcm2json prints: at least the 9 significant digits that identify a binary32 float.
      for (const v of values) out.push(Number.isFinite(v) ? Number(floatText(v as number, 9)) : null);
      return out;
    case 'US': case 'SS': case 'UL': case 'SL': case 'FD':
      for (const v of values) out.push(finite(v as number));
      return out;
    case 'SV': case 'UV':
      for (const v of values) out.push(int64Value(v as bigint | number));
      return out;
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
function numberStrings(ds: DataSet, el: Element, vr: 'IS' | 'DS'): DicomJsonValue[] {
  if (el.chunk !== undefined) return numberStringValues(ds.getText(el.tag) ?? '', vr);
  const values: DicomJsonValue[] = [];
  for (const v of ds.values(el)) {
    if (typeof v === 'number') values.push(finite(v));
    else numberStringValue(String(v ?? '').trim(), vr, values);
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
