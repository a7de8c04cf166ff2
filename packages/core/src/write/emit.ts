import { hasLongLength } from '@dcmkit/dictionary';
import type { Encoding } from '../transfer-syntax.js';
import { ITEM, ITEM_DELIMITATION, SEQUENCE_DELIMITATION, UNDEFINED_LENGTH, type Tag } from '../tag.js';
import type { Node, SequenceNode, FragmentsNode } from './plan.js';
import { copySwapped } from './swap.js';

/** Writes planned elements into a buffer allocated to their exact size. */
export class Emitter {
  readonly #view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  copy(src: Uint8Array, swap = 0): void {
    copySwapped(src, this.bytes, this.pos, swap);
    this.pos += src.length;
  }

  nodes(nodes: readonly Node[], enc: Encoding): void {
    for (const node of nodes) {
      if (node.kind === 'value') {
        this.#header(node.tag, node.vr, node.bytes.length, enc);
        this.copy(node.bytes, node.swap);
      } else if (node.kind === 'sequence') {
        this.#sequence(node, enc);
      } else {
        this.#fragments(node, enc);
      }
    }
  }

  #u16(v: number, le: boolean): void {
    this.#view.setUint16(this.pos, v, le);
    this.pos += 2;
  }

  #u32(v: number, le: boolean): void {
    this.#view.setUint32(this.pos, v, le);
    this.pos += 4;
  }

  /** Tag and length of an item or delimiter (PS3.5 7.5). */
  #item(tag: Tag, length: number, le: boolean): void {
    this.#u16(tag >>> 16, le);
    this.#u16(tag & 0xffff, le);
    this.#u32(length, le);
  }

  /** An element header: explicit VR (PS3.5 7.1.2) or implicit VR (PS3.5 7.1.3). */
  #header(tag: Tag, vr: string, length: number, enc: Encoding): void {
    const le = enc.littleEndian;
    this.#u16(tag >>> 16, le);
    this.#u16(tag & 0xffff, le);
    if (!enc.explicitVR) {
      this.#u32(length, le);
      return;
    }
    this.bytes[this.pos++] = vr.charCodeAt(0);
    this.bytes[this.pos++] = vr.charCodeAt(1);
    if (hasLongLength(vr)) {
      this.#u16(0, le);
      this.#u32(length, le);
    } else {
      this.#u16(length, le);
    }
  }

  #sequence(node: SequenceNode, enc: Encoding): void {
    this.#header(node.tag, node.vr, node.undefinedLength ? UNDEFINED_LENGTH : node.length, enc);
    const ie = node.itemEncoding;
    for (const item of node.items) {
      this.#item(ITEM, item.undefinedLength ? UNDEFINED_LENGTH : item.length, ie.littleEndian);
      this.nodes(item.elements, ie);
      if (item.undefinedLength) this.#item(ITEM_DELIMITATION, 0, ie.littleEndian);
    }
    if (node.undefinedLength) this.#item(SEQUENCE_DELIMITATION, 0, ie.littleEndian);
  }

  /** Encapsulated Pixel Data: undefined length, items little endian (PS3.5 A.4). */
  #fragments(node: FragmentsNode, enc: Encoding): void {
    this.#header(node.tag, node.vr, UNDEFINED_LENGTH, enc);
    this.#item(ITEM, 4 * node.basicOffsetTable.length, true);
    for (const offset of node.basicOffsetTable) this.#u32(offset, true);
    for (const f of node.fragments) {
      this.#item(ITEM, f.length, true);
      this.copy(f);
    }
    this.#item(SEQUENCE_DELIMITATION, 0, true);
  }
}
