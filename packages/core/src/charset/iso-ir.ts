// The ISO-IR graphic sets named by PS3.3 Tables C.12-2 to C.12-4, with their escape sequences.
// Non-ASCII code tables are read from WHATWG decoders on first use.
import { OneByteSet, TwoByteSet } from './graphic-set.js';
import { decodeEach } from './whatwg.js';

const REPLACEMENT = 0xfffd;

/** A one-byte table: `char(b)` for each 7-bit byte `b` from `first` to `last`, 0xFFFD elsewhere. */
function oneByteTable(first: number, last: number, char: (b: number) => number): Uint16Array {
  const table = new Uint16Array(0x80).fill(REPLACEMENT);
  for (let b = first; b <= last; b++) table[b] = char(b);
  return table;
}

/** Positions 0xA0-0xFF of a WHATWG single-byte encoding, as a 96-character G1 set at 0x20-0x7F. */
function upperHalfOf(label: string): () => Uint16Array {
  return () => {
    const units = decodeEach(label, Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i), 96);
    return oneByteTable(0x20, 0x7f, (b) => units[b - 0x20]!);
  };
}

/** Rows 1-94 × cells 1-94 read from a WHATWG EUC-style decoder: GR bytes (0xA1-0xFE), after `prefix`. */
function rowsAndCellsOf(label: string, prefix: readonly number[] = []): () => Uint16Array {
  return () => {
    const size = prefix.length + 2;
    const bytes = new Uint8Array(94 * 94 * size);
    for (let row = 0; row < 94; row++) {
      for (let cell = 0; cell < 94; cell++) {
        const at = (row * 94 + cell) * size;
        bytes.set(prefix, at);
        bytes[at + prefix.length] = 0xa1 + row;
        bytes[at + prefix.length + 1] = 0xa1 + cell;
      }
    }
    return decodeEach(label, bytes, 94 * 94);
  };
}

// SPACE and DEL included: they are the same in every set (ISO/IEC 2022).
const ascii = () => oneByteTable(0x20, 0x7f, (b) => b);
const everyRow = () => true;

// ISO-IR 6: ASCII, ESC ( B (PS3.3 Table C.12-3).
export const IR_6 = new OneByteSet('G0', '(B', ascii);
// ISO-IR 14: JIS X 0201 Romaji, ESC ( J. Read as ASCII, as pydicom (Python's shift_jis) and WHATWG's
// Shift_JIS decoder do: its 05/12, YEN SIGN, must stay the value delimiter '\' (PS3.5 6.1.2.5.3).
export const IR_14 = new OneByteSet('G0', '(J', ascii);
// ISO-IR 13: JIS X 0201 Katakana, ESC ) I: 0xA1-0xDF are the half-width katakana U+FF61-U+FF9F.
export const IR_13 = new OneByteSet('G1', ')I', () => oneByteTable(0x21, 0x5f, (b) => 0xff61 + b - 0x21));

// ISO 8859 right-hand parts and TIS 620, designated into G1 by ESC 02/13 and a final byte (PS3.3 Table C.12-3).
export const IR_100 = new OneByteSet('G1', '-A', upperHalfOf('iso-8859-1'));
export const IR_101 = new OneByteSet('G1', '-B', upperHalfOf('iso-8859-2'));
export const IR_109 = new OneByteSet('G1', '-C', upperHalfOf('iso-8859-3'));
export const IR_110 = new OneByteSet('G1', '-D', upperHalfOf('iso-8859-4'));
export const IR_144 = new OneByteSet('G1', '-L', upperHalfOf('iso-8859-5'));
export const IR_127 = new OneByteSet('G1', '-G', upperHalfOf('iso-8859-6'));
export const IR_126 = new OneByteSet('G1', '-F', upperHalfOf('iso-8859-7'));
export const IR_138 = new OneByteSet('G1', '-H', upperHalfOf('iso-8859-8'));
export const IR_148 = new OneByteSet('G1', '-M', upperHalfOf('iso-8859-9'));
export const IR_203 = new OneByteSet('G1', '-b', upperHalfOf('iso-8859-15'));
// TIS 620-2533; WHATWG's windows-874 equals it from 0xA0 up.
export const IR_166 = new OneByteSet('G1', '-T', upperHalfOf('windows-874'));

// PS3.3 Table C.12-4. JIS X 0208 in G0, ESC $ B: EUC-JP with the high bit set on both bytes.
// Written only in the rows JIS X 0208 assigns (1-8, 16-84); vendor rows are read, not written.
export const IR_87 = new TwoByteSet('G0', '$B', rowsAndCellsOf('euc-jp'),
  (row) => row <= 8 || (row >= 16 && row <= 84));
// JIS X 0212 in G0, ESC $ ( D: EUC-JP's 0x8F single shift followed by the high-bit bytes.
export const IR_159 = new TwoByteSet('G0', '$(D', rowsAndCellsOf('euc-jp', [0x8f]), everyRow);
// KS X 1001 in G1, ESC $ ) C: EUC-KR's GR bytes.
export const IR_149 = new TwoByteSet('G1', '$)C', rowsAndCellsOf('euc-kr'), everyRow);
// GB 2312 in G1, ESC $ ) A: GBK's GR bytes. Written only in GB 2312's rows (1-9, 16-87), not GBK's user areas.
export const IR_58 = new TwoByteSet('G1', '$)A', rowsAndCellsOf('gbk'),
  (row) => row <= 9 || (row >= 16 && row <= 87));

/** Every set an escape sequence may designate, for reading (PS3.5 6.1.2.5.1). */
export const DESIGNATABLE = [IR_6, IR_14, IR_13, IR_100, IR_101, IR_109, IR_110, IR_144, IR_127, IR_126, IR_138,
  IR_148, IR_203, IR_166, IR_87, IR_159, IR_149, IR_58];
