// A dcmdump-like listing of the File Meta Information and the data set, one line per element:
// (gggg,eeee) VR value  # length, VM Keyword; sequences and items indented (`dcmkit dump`, the viewer's metadata tree).
import { hasLongLength, isSingleValuedVR, isStringVR, lookupPrivate, lookupTag, lookupUid, numericSize } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import type { DicomFile } from '../parse/read.js';
import { isPrivateCreator, isPrivateTag, privateCreatorTag } from '../tag.js';
import type { Encoding } from '../transfer-syntax.js';
import { decodeText } from '../values/decode.js';
import { indent } from '../indent.js';

export interface DumpOptions {
  /** List the File Meta Information (default true). */
  meta?: boolean;
  /** Print long values in full instead of shortened. */
  full?: boolean;
}

/** Values longer than this are shortened with "..." unless --full. */
const SHORT_VALUE = 64;
/** Bytes of a binary value read for a shortened listing: more than SHORT_VALUE characters' worth. */
const PREVIEW_BYTES = 64;
const VALUE_WIDTH = 40;

const hex = (n: number | bigint, digits: number) => n.toString(16).padStart(digits, '0');
/** Tags as dcmdump writes them: lower-case hex. */
const tagText = (tag: number) => `(${hex(tag >>> 16, 4)},${hex(tag & 0xffff, 4)})`;

function line(depth: number, tag: number, vr: string, value: string, length: string, vm: number, name: string): string {
  return `${indent(depth)}${tagText(tag)} ${vr} ${value.padEnd(VALUE_WIDTH)} # ${length.padStart(3)},${String(vm).padStart(2)} ${name}`;
}

const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;

const itemEnd = (depth: number, undefinedLength: boolean) =>
  line(depth, ITEM_DELIMITATION, 'na', undefinedLength ? '(ItemDelimitationItem)' : '(ItemDelimitationItem for re-encoding)', '0', 0, 'ItemDelimitationItem');
const sequenceEnd = (depth: number, undefinedLength: boolean) =>
  line(depth, SEQUENCE_DELIMITATION, 'na', undefinedLength ? '(SequenceDelimitationItem)' : '(SequenceDelimitationItem for re-encod.)', '0', 0, 'SequenceDelimitationItem');

/** An SQ, or a UN of undefined length, which holds an implicit VR sequence (PS3.5 6.2.2). */
const isSequence = (el: Element) => el.vr === 'SQ' || (el.vr === 'UN' && el.undefinedLength && el.items !== undefined);

/** The keyword column: dictionary keyword, private dictionary name, or dcmdump's words for the rest. */
function elementName(el: Element, ds: DataSet): string {
  const tag = el.tag;
  if ((tag & 0xffff) === 0 && tag >>> 16 !== 0x0002) return isPrivateTag(tag) ? 'PrivateGroupLength' : 'GenericGroupLength';
  if (isPrivateTag(tag)) {
    if (isPrivateCreator(tag)) return 'PrivateCreator';
    const creator = ds.getString(privateCreatorTag(tag));
    const name = creator === undefined ? undefined : lookupPrivate(creator, tag)?.name;
    return name ? name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => c?.toUpperCase() ?? '') : 'Unknown Tag & Data';
  }
  return lookupTag(tag)?.keyword || 'Unknown Tag & Data';
}

/** C's %.{precision}g, as dcmdump prints FL (9) and FD (17) values. */
function formatFloat(v: number, precision: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  const exponent = Number(v.toExponential(precision - 1).split('e')[1]);
  const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exponent < -4 || exponent >= precision) {
    const [mantissa] = v.toExponential(precision - 1).split('e');
    return `${trim(mantissa!)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(v.toFixed(precision - 1 - exponent));
}

/** Each binary value of `bytes` as text: numbers for US...FD, hex words for OB/OW/OL/OV/UN, tags for AT. */
function binaryValues(bytes: Uint8Array, vr: string, le: boolean): string[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = vr === 'OB' || vr === 'UN' ? 1 : numericSize(vr);
  const out: string[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) {
    switch (vr) {
      case 'OB': case 'UN': out.push(hex(bytes[at]!, 2)); break;
      case 'OW': out.push(hex(dv.getUint16(at, le), 4)); break;
      case 'OL': out.push(hex(dv.getUint32(at, le), 8)); break;
      case 'OV': out.push(hex(dv.getBigUint64(at, le), 16)); break;
      case 'US': out.push(String(dv.getUint16(at, le))); break;
      case 'SS': out.push(String(dv.getInt16(at, le))); break;
      case 'UL': out.push(String(dv.getUint32(at, le))); break;
      case 'SL': out.push(String(dv.getInt32(at, le))); break;
      case 'SV': out.push(String(dv.getBigInt64(at, le))); break;
      case 'UV': out.push(String(dv.getBigUint64(at, le))); break;
      case 'FL': case 'OF': out.push(formatFloat(dv.getFloat32(at, le), 9)); break;
      case 'FD': case 'OD': out.push(formatFloat(dv.getFloat64(at, le), 17)); break;
      case 'AT': out.push(tagText(((dv.getUint16(at, le) << 16) | dv.getUint16(at + 2, le)) >>> 0)); break;
    }
  }
  return out;
}

/** OB, OW ... are one value however long (PS3.5 6.4); US, FL ... have one value per item. */
const isOtherVR = (vr: string) => vr.startsWith('O') || vr === 'UN';

/** The value bytes to show: all of a string, a prefix of a long binary value unless `full`. */
async function valueBytes(el: Element, full: boolean): Promise<Uint8Array> {
  const limit = full || isStringVR(el.vr) ? el.length : Math.min(el.length, PREVIEW_BYTES);
  if (el.deferred) return el.chunk!.source!.read(el.offset, limit);
  return el.bytes!.subarray(0, limit);
}

/** The value column and the VM of a non-sequence element. */
async function valueOf(el: Element, ds: DataSet, full: boolean): Promise<[string, number]> {
  const vr = el.vr;
  if (el.length === 0) return ['(no value available)', isOtherVR(vr) ? 1 : 0];
  const bytes = await valueBytes(el, full);
  if (isStringVR(vr)) {
    const text = decodeText(bytes, vr, ds.characterSet);
    const vm = text === '' ? 0 : isSingleValuedVR(vr) ? 1 : text.split('\\').length;
    const uid = vr === 'UI' ? lookupUid(text)?.keyword : undefined;
    return [uid ? `=${uid}` : `[${text}]`, vm];
  }
  const values = binaryValues(bytes, vr, ds.encoding.littleEndian);
  return [values.join('\\'), isOtherVR(vr) ? 1 : Math.floor(el.length / (numericSize(vr) || 1))];
}

/** A long value cut to SHORT_VALUE characters, at a value boundary when there is one, then "...". */
function shorten(value: string, full: boolean): string {
  if (full || value.length <= SHORT_VALUE) return value;
  const boundary = value.lastIndexOf('\\', SHORT_VALUE);
  return `${value.slice(0, boundary > 0 ? boundary : SHORT_VALUE)}...`;
}

/** Header length of an element in an encoding (PS3.5 7.1.2, 7.1.3). */
const headerLength = (vr: string, enc: Encoding) => (!enc.explicitVR ? 8 : hasLongLength(vr) ? 12 : 8);

/**
 * Encoded lengths of all items (PS3.5 7.5), for the "explicit length" column: computed bottom-up
 * over the parsed structure, with a loop rather than recursion so nesting depth does not matter.
 */
function itemLengths(root: DataSet): Map<DataSet, number> {
  const order: DataSet[] = [];
  for (const stack = [root]; stack.length; ) {
    const ds = stack.pop()!;
    order.push(ds);
    for (const el of ds) if (isSequence(el)) for (const item of el.items!) stack.push(item);
  }
  const lengths = new Map<DataSet, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const ds = order[i]!;
    let n = 0;
    for (const el of ds) {
      n += headerLength(el.vr, ds.encoding);
      if (!el.undefinedLength) n += el.length;
      else if (el.encapsulated) n += 8 + 4 * el.encapsulated.basicOffsetTable.length + el.encapsulated.fragments.reduce((s, f) => s + 8 + f.length, 8);
      else n += el.items!.reduce((s, item) => s + 8 + lengths.get(item)! + (item.undefinedLength ? 8 : 0), 8);
    }
    lengths.set(ds, n);
  }
  return lengths;
}

/** Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table and each fragment as "pi" items. */
async function* pixelItems(el: Element, name: string, file: DicomFile, depth: number, full: boolean): AsyncGenerator<string> {
  const enc = el.encapsulated!;
  const table = new Uint8Array(4 * enc.basicOffsetTable.length);
  enc.basicOffsetTable.forEach((offset, i) => new DataView(table.buffer).setUint32(4 * i, offset, true));
  const items: [number, () => Promise<Uint8Array>][] = [
    [table.length, async () => table],
    ...enc.fragments.map((f) => [f.length, () => file.source.read(f.offset, full ? f.length : Math.min(f.length, PREVIEW_BYTES))] as [number, () => Promise<Uint8Array>]),
  ];
  yield line(depth, el.tag, el.vr, `(PixelSequence #=${items.length})`, 'u/l', 1, name);
  for (const [length, read] of items) {
    const value = length === 0 ? '(no value available)' : shorten(binaryValues(await read(), 'OB', true).join('\\'), full);
    yield line(depth + 1, ITEM, 'pi', value, String(length), 1, 'Item');
  }
  yield sequenceEnd(depth, true);
}

/** A line to print, or the elements of a data set from index `from` on. */
type Task = string | { ds: DataSet; depth: number; elements: Element[]; from: number };

/** The lines of one data set, sequences and items included, in order (an explicit stack, no recursion). */
async function* dataSetLines(root: DataSet, file: DicomFile, full: boolean): AsyncGenerator<string> {
  const lengths = itemLengths(root);
  for (const stack: Task[] = [{ ds: root, depth: 0, elements: [...root], from: 0 }]; stack.length; ) {
    const task = stack.pop()!;
    if (typeof task === 'string') {
      yield task;
      continue;
    }
    const { ds, depth, elements } = task;
    for (let i = task.from; i < elements.length; i++) {
      const el = elements[i]!;
      const name = elementName(el, ds);
      if (el.encapsulated) {
        yield* pixelItems(el, name, file, depth, full);
      } else if (isSequence(el)) {
        const items = el.items!;
        const how = el.undefinedLength ? 'undefined' : 'explicit';
        yield line(depth, el.tag, 'SQ', `(Sequence with ${how} length #=${items.length})`, el.undefinedLength ? 'u/l' : String(el.length), 1, name);
        // The rest of this data set, then the sequence's end, then its items (pushed last, listed first).
        stack.push({ ds, depth, elements, from: i + 1 }, sequenceEnd(depth, el.undefinedLength));
        for (let k = items.length - 1; k >= 0; k--) {
          const item = items[k]!;
          const itemHow = item.undefinedLength ? 'undefined' : 'explicit';
          const length = item.undefinedLength ? 'u/l' : String(lengths.get(item));
          stack.push(itemEnd(depth + 1, item.undefinedLength), { ds: item, depth: depth + 2, elements: [...item], from: 0 });
          stack.push(line(depth + 1, ITEM, 'na', `(Item with ${itemHow} length #=${item.size})`, length, 1, 'Item'));
        }
        break;
      } else {
        const [value, vm] = await valueOf(el, ds, full);
        yield line(depth, el.tag, el.vr, shorten(value, full), String(el.length), vm, name);
      }
    }
  }
}

/** The whole listing: File Meta Information (unless `meta` is false), then the data set. */
export async function* dumpLines(file: DicomFile, opts: DumpOptions = {}): AsyncGenerator<string> {
  const full = opts.full ?? false;
  if (opts.meta !== false && (file.meta.size > 0 || file.preamble)) {
    yield '';
    yield '# Dicom-File-Format';
    yield '';
    yield '# Dicom-Meta-Information-Header';
    yield `# Used TransferSyntax: ${file.meta.encoding.explicitVR ? 'Explicit' : 'Implicit'} VR Little Endian`;
    yield* dataSetLines(file.meta, file, full);
  }
  yield '';
  yield '# Dicom-Data-Set';
  yield `# Used TransferSyntax: ${lookupUid(file.transferSyntax)?.name ?? file.transferSyntax}`;
  yield* dataSetLines(file.dataset, file, full);
}
