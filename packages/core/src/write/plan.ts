import { hasLongLength, isVR } from '@dcmkit/dictionary';
import type { SpecificCharacterSet } from '../charset/index.js';
import { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import type { Chunk } from '../source.js';
import { IMPLICIT_LE, type Encoding } from '../transfer-syntax.js';
import { PIXEL_DATA, SPECIFIC_CHARACTER_SET, UNDEFINED_LENGTH, type Tag } from '../tag.js';
import { encodeValues, type EncodedValue } from '../values/encode.js';
import { DicomWriteError } from './error.js';
import { valueSwapSize } from './swap.js';

/**
 * An element ready to emit, with its encoded size, so defined lengths and group lengths are known
 * before a byte is written and the output is allocated once.
 */
export type Node = ValueNode | SequenceNode | FragmentsNode;

interface NodeBase {
  tag: Tag;
  /** The VR as written (explicit VR). */
  vr: string;
  /** Bytes the element takes: header, value, delimiters. */
  size: number;
}

export interface ValueNode extends NodeBase, EncodedValue {
  kind: 'value';
}

export interface SequenceNode extends NodeBase {
  kind: 'sequence';
  items: ItemNode[];
  undefinedLength: boolean;
  /** Items of a UN are implicit VR little endian (PS3.5 6.2.2); of an SQ, in the data set's encoding. */
  itemEncoding: Encoding;
  /** Bytes of the items, without the Sequence Delimitation Item. */
  length: number;
}

export interface ItemNode {
  elements: Node[];
  undefinedLength: boolean;
  /** Bytes of the item's elements. */
  length: number;
}

/** Encapsulated Pixel Data (PS3.5 A.4): Basic Offset Table, then one item per fragment. */
export interface FragmentsNode extends NodeBase {
  kind: 'fragments';
  basicOffsetTable: number[];
  fragments: Uint8Array[];
}

export interface DataSetPlan {
  nodes: Node[];
  size: number;
}

/** Values a windowed read left in the source, read ahead by `writeDicomAsync`. */
export interface LoadedValues {
  values: Map<Element, Uint8Array>;
  fragments: Map<Element, Uint8Array[]>;
}

export interface PlanContext {
  /** The Transfer Syntax encapsulates Pixel Data (PS3.5 A.4). */
  encapsulated: boolean;
  loaded?: LoadedValues;
  /** Cleared when an element is created or re-encoded: otherwise every element keeps its parsed bytes. */
  pristine: boolean;
}

/** Nesting of sequences the writer follows (its recursion stays far within the call stack). */
export const MAX_SEQUENCE_DEPTH = 256;

/** Sizes and value bytes of a data set in encoding `enc` (PS3.5 7). */
export function planDataSet(ds: DataSet, enc: Encoding, ctx: PlanContext): DataSetPlan {
  return planElements(ds, enc, ctx, ds.characterSet, 0);
}

function planElements(ds: DataSet, enc: Encoding, ctx: PlanContext, inherited: SpecificCharacterSet, depth: number): DataSetPlan {
  if (ds.encoding.littleEndian !== enc.littleEndian || ds.encoding.explicitVR !== enc.explicitVR) ctx.pristine = false;
  // An item without its own (0008,0005) uses the enclosing data set's (PS3.5 6.1.2.2), also when created detached.
  const charset = ds.has(SPECIFIC_CHARACTER_SET) ? ds.characterSet : inherited;
  const nodes: Node[] = [];
  let size = 0;
  for (const el of ds) {
    const node = planElement(el, ds, enc, ctx, charset, depth);
    nodes.push(node);
    size += node.size;
  }
  fillGroupLengths(nodes, enc.littleEndian);
  return { nodes, size };
}

/** Element header bytes: 12 for explicit VRs with a 32-bit length (PS3.5 Table 7.1-1), else 8. */
export const headerSize = (vr: string, enc: Encoding): number => (enc.explicitVR && hasLongLength(vr) ? 12 : 8);

const isCreated = (el: Element) => el.chunk === undefined;
const isGroupLength = (tag: Tag) => (tag & 0xffff) === 0;

function planElement(el: Element, ds: DataSet, enc: Encoding, ctx: PlanContext, charset: SpecificCharacterSet, depth: number): Node {
  if (el.encapsulated) return planFragments(el, enc, ctx);
  const items = el.vr === 'SQ' ? (el.items ?? (el.value as DataSet[] | undefined) ?? []) : el.items;
  if (items) return planSequence(el, items, enc, ctx, charset, depth);
  if (isGroupLength(el.tag)) return { kind: 'value', tag: el.tag, vr: 'UL', bytes: new Uint8Array(4), swap: 0, size: headerSize('UL', enc) + 4 };
  if (el.tag === PIXEL_DATA && depth === 0 && ctx.encapsulated) {
    throw new DicomWriteError('Pixel Data encapsulated, as the Transfer Syntax says (PS3.5 A.4): compress it with a codec first', el.tag);
  }
  let vr = el.vr;
  let value = elementValue(el, ds, enc.littleEndian, ctx, charset);
  if (enc.explicitVR && !hasLongLength(vr) && value.bytes.length > 0xfffe) {
    // Too long for a 16-bit Value Length: UN, whose value is little endian and never swapped (PS3.5 6.2.2).
    vr = 'UN';
    if (!enc.littleEndian) value = elementValue(el, ds, true, ctx, charset);
  }
  if (enc.explicitVR && !isVR(vr)) throw new DicomWriteError(`a VR of PS3.5 Table 6.2-1, got '${vr}'`, el.tag);
  return { kind: 'value', tag: el.tag, vr, bytes: value.bytes, swap: value.swap, size: headerSize(vr, enc) + value.bytes.length };
}

/** A created element's values encoded; a parsed one's bytes as they are, swapped if the byte order changes. */
function elementValue(el: Element, ds: DataSet, littleEndian: boolean, ctx: PlanContext, charset: SpecificCharacterSet): EncodedValue {
  if (isCreated(el)) {
    ctx.pristine = false;
    const values = Array.isArray(el.value) ? el.value : el.value === undefined || el.value === null ? [] : [el.value];
    return encodeValues(values, el.vr, el.tag, { littleEndian, charset, rawLittleEndian: ds.encoding.littleEndian, swapSize: valueSwapSize(el.tag, el.vr, ds) });
  }
  const bytes = el.bytes ?? ctx.loaded?.values.get(el);
  if (!bytes) throw new DicomWriteError('its value, still in the source: write with writeDicomAsync, which reads it', el.tag);
  return { bytes, swap: ds.encoding.littleEndian === littleEndian ? 0 : valueSwapSize(el.tag, el.vr, ds) };
}

function planSequence(el: Element, items: DataSet[], enc: Encoding, ctx: PlanContext, charset: SpecificCharacterSet, depth: number): SequenceNode {
  if (depth >= MAX_SEQUENCE_DEPTH) throw new DicomWriteError(`sequences nested at most ${MAX_SEQUENCE_DEPTH} deep`, el.tag);
  if (isCreated(el)) ctx.pristine = false;
  const vr = el.vr === 'UN' ? 'UN' : 'SQ';
  // An undefined-length UN holds an implicit VR little endian sequence (PS3.5 6.2.2).
  const itemEncoding = vr === 'UN' ? IMPLICIT_LE : enc;
  // Parsed sequences keep their length encoding; created ones are written with undefined length.
  const undefinedLength = el.length === UNDEFINED_LENGTH || isCreated(el);
  let length = 0;
  const nodes = items.map((item) => {
    if (!(item instanceof DataSet)) throw new DicomWriteError('DataSet items as the value of a sequence', el.tag);
    const plan = planElements(item, itemEncoding, ctx, charset, depth + 1);
    length += 8 + plan.size + (item.undefinedLength ? 8 : 0);
    return { elements: plan.nodes, undefinedLength: item.undefinedLength, length: plan.size };
  });
  return { kind: 'sequence', tag: el.tag, vr, items: nodes, undefinedLength, itemEncoding, length, size: headerSize(vr, enc) + length + (undefinedLength ? 8 : 0) };
}

function planFragments(el: Element, enc: Encoding, ctx: PlanContext): FragmentsNode {
  if (!ctx.encapsulated) throw new DicomWriteError('native Pixel Data, as the Transfer Syntax says; it is encapsulated (PS3.5 A.4): decompress it first', el.tag);
  if (isCreated(el)) ctx.pristine = false;
  const basicOffsetTable = el.encapsulated!.basicOffsetTable;
  const fragments = fragmentBytes(el, ctx);
  // Basic Offset Table item, fragment items, Sequence Delimitation Item (PS3.5 A.4).
  let length = 8 + 4 * basicOffsetTable.length + 8;
  for (const f of fragments) length += 8 + f.length;
  return { kind: 'fragments', tag: el.tag, vr: el.vr, basicOffsetTable, fragments, size: headerSize(el.vr, enc) + length };
}

/**
 * The fragments of encapsulated Pixel Data: a parsed element's from its chunk (or read ahead), a
 * created one's from its value, one Uint8Array per fragment.
 */
function fragmentBytes(el: Element, ctx: PlanContext): Uint8Array[] {
  if (isCreated(el)) {
    const values = (el.value ?? []) as unknown[];
    if (!values.every((v) => v instanceof Uint8Array)) throw new DicomWriteError('one Uint8Array per fragment as the value of encapsulated Pixel Data', el.tag);
    return values as Uint8Array[];
  }
  const loaded = ctx.loaded?.fragments.get(el);
  if (loaded) return loaded;
  return el.encapsulated!.fragments.map((f) => {
    const bytes = chunkBytes(el.chunk!, f.offset, f.length);
    if (!bytes) throw new DicomWriteError(`the fragment at offset ${f.offset}, still in the source: write with writeDicomAsync, which reads it`, el.tag);
    return bytes;
  });
}

/** The bytes at [offset, offset + length) of the source when the chunk holds them. */
export function chunkBytes(chunk: Chunk, offset: number, length: number): Uint8Array | undefined {
  const start = offset - chunk.base;
  if (!chunk.bytes || start < 0 || start + length > chunk.bytes.length) return undefined;
  return chunk.bytes.subarray(start, start + length);
}

/** Group Length (gggg,0000): the bytes of the group's elements that follow it (PS3.5 7.2), recomputed. */
function fillGroupLengths(nodes: Node[], littleEndian: boolean): void {
  nodes.forEach((node, i) => {
    if (node.kind !== 'value' || !isGroupLength(node.tag)) return;
    let length = 0;
    for (let j = i + 1; j < nodes.length && nodes[j]!.tag >>> 16 === node.tag >>> 16; j++) length += nodes[j]!.size;
    new DataView(node.bytes.buffer).setUint32(0, length, littleEndian);
  });
}
