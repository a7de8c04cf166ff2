// Bits of an entropy-coded segment (T.81 F.2.2.5 NEXTBIT): stuffed zero bytes dropped, a marker ends the data.
import { fail } from './fail.js';
import { LOOKUP_BITS, type HuffmanTable } from './huffman.js';

const LOOKUP_MASK = (1 << LOOKUP_BITS) - 1;
const RST0 = 0xd0;
const EOI = 0xd9;

function isRestart(marker: number): boolean {
  return marker >= RST0 && marker <= RST0 + 7;
}

export class EntropyReader {
  /** The next bits to decode: the low `bits` bits, first bit highest. */
  private buffer = 0;
  private bits = 0;
  /** Zero bits supplied past the segment's end; a decoder that consumes any has run out of data. */
  private padding = 0;

  constructor(
    private readonly bytes: Uint8Array,
    /** Offset of the next byte to read. */
    private position: number,
  ) {}

  /** Tops the buffer up to at least 25 bits. */
  private fill(): void {
    const bytes = this.bytes;
    while (this.bits <= 24) {
      const p = this.position;
      let byte = bytes[p] ?? 0;
      if (p >= bytes.length) this.padding += 8;
      else if (byte !== 0xff) this.position = p + 1;
      else if (bytes[p + 1] === 0) this.position = p + 2; // B.1.1.5: FF 00 is a data byte FF
      else {
        byte = 0;
        this.padding += 8;
      }
      this.buffer = (this.buffer << 8) | byte;
      this.bits += 8;
    }
  }

  /** F.2.2.3 DECODE: the value of the next Huffman code. */
  decode(table: HuffmanTable): number {
    if (this.bits < 16) this.fill();
    const entry = table.lookup[(this.buffer >>> (this.bits - LOOKUP_BITS)) & LOOKUP_MASK]!;
    if (entry !== 0) {
      this.bits -= entry >> 8;
      return entry & 0xff;
    }
    for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
      const code = (this.buffer >>> (this.bits - length)) & ((1 << length) - 1);
      if (code <= table.maxCode[length]!) {
        this.bits -= length;
        return table.values[code + table.valueOffset[length]!]!;
      }
    }
    return this.corrupt('a code not in the Huffman table');
  }

  /** F.2.2.1 RECEIVE then EXTEND: the next `size` bits as a signed difference or coefficient (size 1-16). */
  receiveExtend(size: number): number {
    if (this.bits < size) this.fill();
    this.bits -= size;
    const value = (this.buffer >>> this.bits) & ((1 << size) - 1);
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  /** Throws once decoding has used bits beyond the entropy-coded data (checked after every MCU); `where` names the place. */
  checkInside(where: string): void {
    if (this.padding > this.bits) this.invalid(`more entropy-coded data (${where})`);
  }

  /** Fails on bad data, or as cut short when the bits that made it bad came from past the data's end. */
  corrupt(message: string): never {
    this.checkInside(message);
    return fail('corrupt', `${message} near byte ${this.position}`);
  }

  /** E.2.4: at a restart interval's end, drop the padding bits and read RSTm (m counts intervals modulo 8, B.2.1). */
  restart(m: number): void {
    this.buffer = this.bits = this.padding = 0;
    const bytes = this.bytes;
    let p = this.position;
    while (bytes[p] === 0xff && bytes[p + 1] === 0xff) p++; // B.1.1.2 fill bytes
    if (bytes[p] !== 0xff || bytes[p + 1] !== RST0 + m) this.invalid(`RST${m} at byte ${p}`);
    this.position = p + 2;
  }

  /** After a scan's last MCU: the offset of the marker that follows its data (the stream's length if none does). */
  nextMarker(): number {
    const bytes = this.bytes;
    for (let p = this.position; p + 1 < bytes.length; p++) {
      const next = bytes[p + 1]!;
      if (bytes[p] === 0xff && next !== 0 && !isRestart(next)) return p;
    }
    return bytes.length;
  }

  /** Fails naming what was expected and what the data holds at the current position. */
  private invalid(expected: string): never {
    const p = this.position;
    const marker = this.bytes[p + 1];
    if (marker === undefined || marker === EOI) fail('truncated', `entropy-coded data ends at byte ${p}; expected ${expected}`);
    if (this.bytes[p] === 0xff && marker !== 0) fail('corrupt', `marker FF${hex(marker)} at byte ${p}; expected ${expected}`);
    return fail('corrupt', `expected ${expected} near byte ${p}`);
  }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
