// Big-endian byte writing and bounds-checked reading for PDUs (PS3.8 9.3.1: multi-byte fields are big endian).
import { PduError } from '../errors.js';

/** Appends big-endian fields to a growing buffer; length fields are reserved and filled in when known. */
export class ByteWriter {
  #bytes = new Uint8Array(512);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  #room(n: number): number {
    const at = this.#length;
    if (at + n > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(this.#bytes.length * 2, at + n));
      grown.set(this.#bytes.subarray(0, at));
      this.#bytes = grown;
      this.#view = new DataView(grown.buffer);
    }
    this.#length += n;
    return at;
  }

  u8(v: number): this {
    this.#bytes[this.#room(1)] = v;
    return this;
  }

  u16(v: number): this {
    this.#view.setUint16(this.#room(2), v);
    return this;
  }

  u32(v: number): this {
    this.#view.setUint32(this.#room(4), v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.#bytes.set(b, this.#room(b.length));
    return this;
  }

  zeros(n: number): this {
    this.#bytes.fill(0, this.#room(n), this.#length);
    return this;
  }

  /** ASCII text (AE titles, UIDs: PS3.8 9.3.2.2 and Annex F encode them as ISO 646 characters). */
  ascii(text: string): this {
    const at = this.#room(text.length);
    for (let i = 0; i < text.length; i++) this.#bytes[at + i] = text.charCodeAt(i) & 0x7f;
    return this;
  }

  /** Runs `body`, then writes the number of bytes it wrote into a 2- or 4-byte length field before them. */
  sized(width: 2 | 4, body: () => void): this {
    const at = this.#room(width);
    body();
    const n = this.#length - at - width;
    if (width === 2) this.#view.setUint16(at, n);
    else this.#view.setUint32(at, n);
    return this;
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

/** Reads big-endian fields of one PDU; every read is checked against the PDU's end. */
export class ByteReader {
  #pos: number;
  readonly #view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly pduType: number,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.#pos = start;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get pos(): number {
    return this.#pos;
  }

  get remaining(): number {
    return this.end - this.#pos;
  }

  fail(expected: string, at = this.#pos): never {
    throw new PduError(expected, at, this.pduType);
  }

  #take(n: number, what: string): number {
    if (n > this.end - this.#pos) this.fail(`${what} (${n} bytes), but only ${this.end - this.#pos} remain`);
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  u8(what: string): number {
    return this.bytes[this.#take(1, what)]!;
  }

  u16(what: string): number {
    return this.#view.getUint16(this.#take(2, what));
  }

  u32(what: string): number {
    return this.#view.getUint32(this.#take(4, what));
  }

  skip(n: number, what: string): void {
    this.#take(n, what);
  }

  /** A view of the next `n` bytes (no copy). */
  view(n: number, what: string): Uint8Array {
    const at = this.#take(n, what);
    return this.bytes.subarray(at, at + n);
  }

  /** A reader over the next `n` bytes (an item's value), advancing past them. */
  sub(n: number, what: string): ByteReader {
    const at = this.#take(n, what);
    return new ByteReader(this.bytes, this.pduType, at, at + n);
  }

  /** ASCII text with trailing NUL and space padding removed (UIDs may be padded to even length). */
  text(n: number, what: string): string {
    const v = this.view(n, what);
    let s = '';
    for (const b of v) s += String.fromCharCode(b);
    return s.replace(/[\0 ]+$/, '');
  }
}
