// Huffman decoding tables built from a DHT segment's BITS and HUFFVAL (T.81 Annex C, F.2.2.3).
import { fail } from './fail.js';

/** Codes up to this many bits long are decoded with one table look-up. */
export const LOOKUP_BITS = 9;

export class HuffmanTable {
  /** By the next LOOKUP_BITS bits: code length << 8 | value, or 0 when the code is longer. */
  readonly lookup = new Uint16Array(1 << LOOKUP_BITS);
  /** F.2.2.3 MAXCODE: the largest code of each length, -1 when there is none. */
  readonly maxCode = new Int32Array(17).fill(-1);
  /** F.2.2.3 VALPTR - MINCODE: added to a code of that length, the index of its value in HUFFVAL. */
  readonly valueOffset = new Int32Array(17);

  /** `counts[i]` is BITS for code length i + 1; `values` is HUFFVAL. */
  constructor(
    counts: Uint8Array,
    readonly values: Uint8Array,
  ) {
    // C.2 Generate_size_table and Generate_code_table: consecutive codes, one bit longer per length.
    let code = 0;
    let k = 0;
    for (let length = 1; length <= 16; length++) {
      const count = counts[length - 1]!;
      this.valueOffset[length] = k - code;
      if (count > 0) this.maxCode[length] = code + count - 1;
      for (let i = 0; i < count; i++, k++, code++) {
        if (length > LOOKUP_BITS) continue;
        const shift = LOOKUP_BITS - length;
        this.lookup.fill((length << 8) | values[k]!, code << shift, (code + 1) << shift);
      }
      if (code > 1 << length) fail('corrupt', `DHT has more codes of length ${length} than fit in ${length} bits`);
      code <<= 1;
    }
  }
}
