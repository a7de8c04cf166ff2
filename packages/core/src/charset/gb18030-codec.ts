// GB18030 and its two-byte subset GBK, without code extensions (PS3.3 Table C.12-5). The WHATWG
// GB18030 decoder reads both; for writing, its two- and four-byte mappings are read back once.
import { CharacterSetError } from './character-set-error.js';
import type { TextCodec } from './text-codec.js';
import { decodeEach, decoder } from './whatwg.js';

/** Four-byte sequences from 0x81308130 up cover the BMP code points outside the two-byte table. */
const BMP_FOUR_BYTE_SEQUENCES = 39420;
/** The index of U+10000's four-byte sequence, 0x90308130; the rest of Unicode follows in order. */
const SUPPLEMENTARY_START = 189000;

/** The bytes of the `index`th four-byte sequence: 0x81-0xFE, 0x30-0x39, 0x81-0xFE, 0x30-0x39. */
function fourBytes(index: number): number[] {
  return [
    0x81 + Math.floor(index / 12600),
    0x30 + (Math.floor(index / 1260) % 10),
    0x81 + (Math.floor(index / 10) % 126),
    0x30 + (index % 10),
  ];
}

/**
 * Code unit -> the first of `sequences` that decodes to it. Every two-byte sequence and BMP four-byte
 * sequence is assigned, so U+FFFD here is the character itself (0x8431A437).
 */
function inverse<T>(sequences: readonly T[], bytes: (s: T) => readonly number[]): Map<number, T> {
  const units = decodeEach('gb18030', Uint8Array.from(sequences.flatMap(bytes)), sequences.length);
  const first = new Map<number, T>();
  units.forEach((u, i) => {
    if (!first.has(u)) first.set(u, sequences[i]!);
  });
  return first;
}

/** Two-byte sequences (lead 0x81-0xFE, trail 0x40-0x7E or 0x80-0xFE), packed as lead << 8 | trail. */
function readTwoByteTable(): Map<number, number> {
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.push((lead << 8) | trail);
  }
  return inverse(codes, (c) => [c >> 8, c & 0xff]);
}

let twoByte: Map<number, number> | undefined;
let fourByte: Map<number, number> | undefined;
const twoByteTable = () => (twoByte ??= readTwoByteTable());
const fourByteTable = () => (fourByte ??= inverse(Array.from({ length: BMP_FOUR_BYTE_SEQUENCES }, (_, i) => i), fourBytes));

export class Gb18030Codec implements TextCodec {
  constructor(
    private readonly terms: readonly string[],
    /** GB18030 has four-byte sequences; GBK is its one- and two-byte part only. */
    private readonly fourByteSequences: boolean,
  ) {}

  decode(bytes: Uint8Array): string {
    return decoder('gb18030').decode(bytes);
  }

  encode(text: string): Uint8Array {
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) {
        out.push(c);
        continue;
      }
      const two = twoByteTable().get(c);
      if (two !== undefined) {
        out.push(two >> 8, two & 0xff);
        continue;
      }
      const four = !this.fourByteSequences ? undefined
        : c > 0xffff ? SUPPLEMENTARY_START + c - 0x10000
        : fourByteTable().get(c);
      if (four === undefined) throw new CharacterSetError(ch, this.terms);
      out.push(...fourBytes(four));
    }
    return Uint8Array.from(out);
  }
}
