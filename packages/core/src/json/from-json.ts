import { isStringVR, isVR } from '@dcmkit/dictionary';
import { DataSet } from '../dataset.js';
import { DicomParseError } from '../errors.js';
import { typedString } from '../values/decode.js';
import { decodeBase64 } from './base64.js';
import type { DicomJson, DicomJsonAttribute, DicomJsonValue } from './model.js';
import { personNameFromJson } from './person-name.js';

const SOURCE = 'DICOM JSON';
const TAG_KEY = /^[0-9A-Fa-f]{8}$/;

/**
 * A data set from the DICOM JSON Model (PS3.18 F.2). Elements get the JSON "vr"; values are typed
 * as parsed ones are (numbers for IS/DS and binary numbers, PersonName, DicomDate/Time/DateTime,
 * tag numbers for AT, bigint for SV/UV, [Uint8Array] for InlineBinary, DataSet items for SQ); a null
 * among several values is an empty one ('' for text, NaN for numbers). A BulkDataURI leaves the
 * value empty and is kept as `element.bulkDataURI`: retrieve the bytes and `set` them. Items are
 * read depth first from an explicit stack: any nesting depth reads.
 */
export function fromDicomJson(json: DicomJson): DataSet {
  const root = new DataSet();
  const stack: Level[] = [{ json, ds: root, where: '', attributes: undefined, next: 0 }];
  while (stack.length > 0) {
    const level = stack[stack.length - 1]!;
    const attributes = (level.attributes ??= attributesOf(level));
    if (level.next === attributes.length) {
      stack.pop();
      continue;
    }
    const [key, attr] = attributes[level.next++]!;
    const where = level.where;
    if (!TAG_KEY.test(key)) throw new DicomParseError(`a tag of 8 hex digits as key, found "${key}"${where && ` in ${where}`}`, { source: SOURCE });
    const items = readAttribute(level.ds, parseInt(key, 16) >>> 0, attr, `${where}${key}`);
    if (items === undefined) continue;
    // The items go on the stack last first, so that the first is read next.
    for (let i = items.length - 1; i >= 0; i--) stack.push({ json: attr.Value![i], ds: items[i]!, where: `${where}${key}[${i}].`, attributes: undefined, next: 0 });
  }
  return root;
}

/** A data set being read: its JSON, the DataSet it goes in, where it is (for errors), the attributes left. */
interface Level {
  json: unknown;
  ds: DataSet;
  where: string;
  /** Its attributes, once its turn has come; read up to `next`. */
  attributes: [string, DicomJsonAttribute][] | undefined;
  next: number;
}

/** The attributes of a data set's JSON, which must be an object. */
function attributesOf({ json, where }: Level): [string, DicomJsonAttribute][] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new DicomParseError(`an object of attributes at ${where || 'top level'}`, { source: SOURCE });
  return Object.entries(json as DicomJson);
}

/** Sets the element of an attribute; returns the items of a sequence, still to be read. */
function readAttribute(ds: DataSet, tag: number, attr: DicomJsonAttribute, where: string): DataSet[] | undefined {
  const fail = (expected: string) => new DicomParseError(`${expected} (${where})`, { source: SOURCE, tag });
  const vr = attr?.vr;
  if (typeof vr !== 'string' || !isVR(vr)) throw fail('a "vr" of PS3.5 Table 6.2-1');
  if (attr.BulkDataURI !== undefined) {
    if (typeof attr.BulkDataURI !== 'string') throw fail('a BulkDataURI string');
    ds.set(tag, null, vr).bulkDataURI = attr.BulkDataURI;
  } else if (attr.InlineBinary !== undefined) {
    const bytes = typeof attr.InlineBinary === 'string' ? decodeBase64(attr.InlineBinary) : undefined;
    if (!bytes) throw fail('InlineBinary in base64');
    ds.set(tag, bytes, vr);
  } else if (attr.Value !== undefined) {
    if (!Array.isArray(attr.Value)) throw fail('a Value array');
    if (vr === 'SQ') {
      const items = attr.Value.map(() => ds.createItem());
      ds.set(tag, items, vr);
      return items;
    }
    ds.set(tag, attr.Value.map((v) => typedValue(v, vr, fail)), vr);
  } else {
    ds.set(tag, null, vr);
  }
  return undefined;
}

/** One JSON value as the DataSet holds it for `vr`. */
function typedValue(v: DicomJsonValue, vr: string, fail: (expected: string) => Error): unknown {
  if (vr === 'PN') {
    if (typeof v === 'number' || Array.isArray(v)) throw fail('a Person Name object');
    return personNameFromJson(v);
  }
  if (vr === 'AT') {
    if (typeof v !== 'string' || !TAG_KEY.test(v)) throw fail('an AT value of 8 hex digits');
    return parseInt(v, 16) >>> 0;
  }
  if (vr === 'SV' || vr === 'UV') {
    if (typeof v !== 'number' && typeof v !== 'string') throw fail(`an integer for ${vr}`);
    try {
      return BigInt(v);
    } catch {
      throw fail(`an integer for ${vr}`);
    }
  }
  if (v === null) return isStringVR(vr) && vr !== 'IS' && vr !== 'DS' ? '' : NaN;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') throw fail(`a ${vr} value`);
  if (!isStringVR(vr)) {
    if (Number.isNaN(Number(v))) throw fail(`a number for ${vr}`);
    return Number(v);
  }
  // IS/DS as text: a number when it is one, else the text is kept (it is what was stored).
  const typed = typedString(v, vr);
  return typeof typed === 'number' && Number.isNaN(typed) ? v : typed;
}
