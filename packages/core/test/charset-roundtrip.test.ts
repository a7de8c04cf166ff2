// Properties: text written with a Specific Character Set reads back unchanged, and each written
// value ends in value 1's designations (PS3.5 6.1.2.5.3), so values can be joined with '\'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharacterSetError, SpecificCharacterSet } from '../src/charset/index.js';

const TEXT_VRS = ['SH', 'LO', 'ST', 'LT', 'UC', 'UT', 'PN'];
const MULTI_VALUED = ['SH', 'LO', 'UC', 'PN'];

/** The characters a WHATWG decoder gives for each of `sequences` (unassigned ones dropped). */
function charactersOf(label: string, sequences: number[][]): string[] {
  const decoder = new TextDecoder(label);
  return sequences.map((s) => decoder.decode(Uint8Array.from(s))).filter((c) => c.length === 1 && c !== '\ufffd');
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Row/cell pairs in GR (0xA1-0xFE) for the given rows (1-94), after `prefix`. */
const rowsAndCells = (rows: number[], prefix: number[] = []) =>
  rows.flatMap((row) => range(1, 94).map((cell) => [...prefix, 0xa0 + row, 0xa0 + cell]));

const ASCII = [...range(0x20, 0x7e).map((c) => String.fromCharCode(c)), '\r', '\n', '\t'];
const JIS_X_0208 = charactersOf('euc-jp', rowsAndCells([...range(1, 8), ...range(16, 84)]));
const JIS_X_0212 = charactersOf('euc-jp', rowsAndCells(range(1, 94), [0x8f]));
const KS_X_1001 = charactersOf('euc-kr', rowsAndCells(range(1, 94)));
const GB_2312 = charactersOf('gbk', rowsAndCells([...range(1, 9), ...range(16, 87)]));
const HALF_WIDTH_KATAKANA = range(0xff61, 0xff9f).map((c) => String.fromCharCode(c));
const upperHalf = (label: string) => charactersOf(label, range(0xa0, 0xff).map((b) => [b]));

const textOf = (alphabet: string[]) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 });

const ISO_2022 = [
  { terms: ['', 'ISO 2022 IR 87'], alphabet: [...ASCII, ...JIS_X_0208] },
  { terms: ['ISO 2022 IR 13', 'ISO 2022 IR 87'], alphabet: [...ASCII, ...HALF_WIDTH_KATAKANA, ...JIS_X_0208] },
  { terms: ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], alphabet: [...ASCII, ...JIS_X_0208, ...JIS_X_0212] },
  { terms: ['', 'ISO 2022 IR 149'], alphabet: [...ASCII, ...KS_X_1001] },
  { terms: ['ISO 2022 IR 100', 'ISO 2022 IR 149'], alphabet: [...ASCII, ...upperHalf('iso-8859-1'), ...KS_X_1001] },
  { terms: ['', 'ISO 2022 IR 58'], alphabet: [...ASCII, ...GB_2312] },
  {
    terms: ['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126', 'ISO 2022 IR 13', 'ISO 2022 IR 87', 'ISO 2022 IR 149'],
    alphabet: [...ASCII, ...upperHalf('iso-8859-1'), ...upperHalf('iso-8859-5'), ...upperHalf('iso-8859-7'), ...HALF_WIDTH_KATAKANA, ...JIS_X_0208.slice(0, 2000), ...KS_X_1001.slice(0, 2000)],
  },
];

const SINGLE_BYTE = [
  ['ISO_IR 100', 'iso-8859-1'],
  ['ISO_IR 101', 'iso-8859-2'],
  ['ISO_IR 109', 'iso-8859-3'],
  ['ISO_IR 110', 'iso-8859-4'],
  ['ISO_IR 144', 'iso-8859-5'],
  ['ISO_IR 127', 'iso-8859-6'],
  ['ISO_IR 126', 'iso-8859-7'],
  ['ISO_IR 138', 'iso-8859-8'],
  ['ISO_IR 148', 'iso-8859-9'],
  ['ISO_IR 203', 'iso-8859-15'],
  ['ISO_IR 166', 'windows-874'],
] as const;

describe('encode then decode gives the text back', () => {
  it.each(['PN', 'LT'])('ISO_IR 192 (UTF-8), any Unicode text, %s', (vr) => {
    const cs = SpecificCharacterSet.from(['ISO_IR 192']);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => cs.decode(cs.encode(text, vr), vr) === text));
  });

  it('GB18030, any Unicode text but the private-use code points it has no mapping for', () => {
    const cs = SpecificCharacterSet.from(['GB18030']);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...TEXT_VRS), (text, vr) => {
        try {
          return cs.decode(cs.encode(text, vr), vr) === text;
        } catch (e) {
          const cp = (e as CharacterSetError).character.codePointAt(0)!;
          return e instanceof CharacterSetError && cp >= 0xe000 && cp <= 0xf8ff;
        }
      }),
    );
    // The whole BMP outside private use and surrogates.
    const bmp = range(0x80, 0xffff).filter((c) => c < 0xd800 || (c > 0xdfff && (c < 0xe000 || c > 0xf8ff)));
    const text = String.fromCharCode(...bmp);
    expect(cs.decode(cs.encode(text, 'UT'), 'UT')).toBe(text);
  });

  it('GBK, its two-byte characters', () => {
    const cs = SpecificCharacterSet.from(['GBK']);
    const twoByte = charactersOf('gb18030', range(0x81, 0xfe).flatMap((lead) => range(0x40, 0xfe).filter((t) => t !== 0x7f).map((t) => [lead, t])));
    fc.assert(fc.property(textOf([...ASCII, ...twoByte]), fc.constantFrom(...TEXT_VRS), (text, vr) => cs.decode(cs.encode(text, vr), vr) === text));
  });

  it.each(ISO_2022.map((c) => [c.terms.join('\\'), c] as const))('%s (code extensions)', (_name, { terms, alphabet }) => {
    const cs = SpecificCharacterSet.from(terms);
    fc.assert(fc.property(textOf(alphabet), fc.constantFrom(...TEXT_VRS), (text, vr) => cs.decode(cs.encode(text, vr), vr) === text));
  });

  it.each(SINGLE_BYTE)('%s', (term, label) => {
    const cs = SpecificCharacterSet.from([term]);
    fc.assert(fc.property(textOf([...ASCII, ...upperHalf(label)]), fc.constantFrom(...TEXT_VRS), (text, vr) => cs.decode(cs.encode(text, vr), vr) === text));
  });
});

describe('each written value ends in the initial state (PS3.5 6.1.2.5.3)', () => {
  it.each(ISO_2022.map((c) => [c.terms.join('\\'), c] as const))('%s: values written apart read back joined by \\', (_name, { terms, alphabet }) => {
    const cs = SpecificCharacterSet.from(terms);
    const value = textOf(alphabet.filter((c) => c !== '\\'));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), fc.constantFrom(...MULTI_VALUED), (values, vr) => {
        const parts = values.map((v) => cs.encode(v, vr));
        const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, -1));
        let at = 0;
        parts.forEach((p, i) => {
          if (i > 0) joined[at++] = 0x5c;
          joined.set(p, at);
          at += p.length;
        });
        return cs.decode(joined, vr) === values.join('\\');
      }),
    );
  });
});
