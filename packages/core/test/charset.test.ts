// Specific Character Set (0008,0005): the worked examples of PS3.5 Annexes H, I, J and K, the
// single-byte sets of PS3.3 Table C.12-2, code extension rules (PS3.5 6.1.2.5.3) and lenient reads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CharacterSetError, SpecificCharacterSet } from '../src/charset/index.js';

/** Bytes from a string of 8-bit characters ('\x1b$B' ...). */
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ESC = '\x1b';

/** The PS3.5 examples: (0008,0005), VR, the bytes the standard shows, and their text. */
const ANNEX_EXAMPLES = [
  {
    example: 'H.3.1 Japanese, ISO 2022 IR 87 (kanji, hiragana)',
    terms: ['', 'ISO 2022 IR 87'],
    vr: 'PN',
    bytes: `Yamada^Tarou=${ESC}$B;3ED${ESC}(B^${ESC}$BB@O:${ESC}(B=${ESC}$B$d$^$@${ESC}(B^${ESC}$B$?$m$&${ESC}(B`,
    text: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
  },
  {
    example: 'H.3.2 Japanese, ISO 2022 IR 13 as value 1 (half-width katakana, romaji G0)',
    terms: ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
    vr: 'PN',
    bytes: `\xd4\xcf\xc0\xde^\xc0\xdb\xb3=${ESC}$B;3ED${ESC}(J^${ESC}$BB@O:${ESC}(J=${ESC}$B$d$^$@${ESC}(J^${ESC}$B$?$m$&${ESC}(J`,
    text: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
  },
  {
    example: 'I.2 Korean, ISO 2022 IR 149 (hanja, hangul)',
    terms: ['', 'ISO 2022 IR 149'],
    vr: 'PN',
    bytes: `Hong^Gildong=${ESC}$)C\xfb\xf3^${ESC}$)C\xd1\xce\xd4\xd7=${ESC}$)C\xc8\xab^${ESC}$)C\xb1\xe6\xb5\xbf`,
    text: 'Hong^Gildong=洪^吉洞=홍^길동',
  },
  {
    example: 'J.1 Chinese, ISO_IR 192 (UTF-8) PN',
    terms: ['ISO_IR 192'],
    vr: 'PN',
    bytes: 'Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1=',
    text: 'Wang^XiaoDong=王^小東=',
  },
  {
    example: 'J.2 Chinese, ISO_IR 192 (UTF-8) LT',
    terms: ['ISO_IR 192'],
    vr: 'LT',
    bytes: 'The first line includes\xe4\xb8\xad\xe6\x96\x87.\r\nThe second line includes\xe4\xb8\xad\xe6\x96\x87, too.\r\nThe third line.\r\n',
    text: 'The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n',
  },
  {
    example: 'J.3 Chinese, GB18030 PN',
    terms: ['GB18030'],
    vr: 'PN',
    bytes: 'Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=',
    text: 'Wang^XiaoDong=王^小东=',
  },
  {
    example: 'J.4 Chinese, GB18030 LT',
    terms: ['GB18030'],
    vr: 'LT',
    bytes: 'The first line includes\xd6\xd0\xce\xc4.\r\nThe second line includes\xd6\xd0\xce\xc4, too.\r\nThe third line.\r\n',
    text: 'The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n',
  },
  {
    example: 'K.2 Chinese, ISO 2022 IR 58 (GB 2312) PN',
    terms: ['', 'ISO 2022 IR 58'],
    vr: 'PN',
    bytes: `Zhang^XiaoDong=${ESC}$)A\xd5\xc5^${ESC}$)A\xd0\xa1\xb6\xab=`,
    text: 'Zhang^XiaoDong=张^小东=',
  },
  {
    example: 'K.3 Chinese, ISO 2022 IR 58 (GB 2312) LT: G1 designated again after each CR LF',
    terms: ['', 'ISO 2022 IR 58'],
    vr: 'LT',
    bytes:
      `1.${ESC}$)A\xb5\xda\xd2\xbb\xd0\xd0\xce\xc4\xd7\xd6\xa1\xa3\r\n` +
      `2.${ESC}$)A\xb5\xda\xb6\xfe\xd0\xd0\xce\xc4\xd7\xd6\xa1\xa3\r\n` +
      `3.${ESC}$)A\xb5\xda\xc8\xfd\xd0\xd0\xce\xc4\xd7\xd6\xa1\xa3\r\n`,
    text: '1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n',
  },
];

describe('PS3.5 Annex H, I, J and K examples', () => {
  it.each(ANNEX_EXAMPLES)('$example: decodes', ({ terms, vr, bytes: b, text }) => {
    const cs = SpecificCharacterSet.from(terms);
    expect(cs.warnings).toEqual([]);
    expect(cs.decode(bytes(b), vr)).toBe(text);
  });

  it.each(ANNEX_EXAMPLES)('$example: encodes to the very bytes of the standard', ({ terms, vr, bytes: b, text }) => {
    expect(SpecificCharacterSet.from(terms).encode(text, vr)).toEqual(bytes(b));
  });

  it('I.2 Korean LT: decodes the example, which designates G1 at the start of each line', () => {
    const cs = SpecificCharacterSet.from(['', 'ISO 2022 IR 149']);
    const example =
      `${ESC}$)CThe 1st line includes \xb1\xe6\xb5\xbf.\r\n` +
      `${ESC}$)CThe 2nd line includes \xb1\xe6\xb5\xbf, too.\r\n` +
      'The 3rd line.';
    const text = 'The 1st line includes 길동.\r\nThe 2nd line includes 길동, too.\r\nThe 3rd line.';
    expect(cs.decode(bytes(example), 'LT')).toBe(text);
    // Written with each designation just before the first Korean character instead: also conformant.
    const written = cs.encode(text, 'LT');
    expect(written).toEqual(
      bytes(`The 1st line includes ${ESC}$)C\xb1\xe6\xb5\xbf.\r\nThe 2nd line includes ${ESC}$)C\xb1\xe6\xb5\xbf, too.\r\nThe 3rd line.`),
    );
    expect(cs.decode(written, 'LT')).toBe(text);
  });
});

describe('single-byte character sets (PS3.3 Tables C.12-2 and C.12-3)', () => {
  const SAMPLES = [
    ['ISO_IR 100', 'Buc^J\xe9r\xf4me', 'Buc^Jérôme'],
    ['ISO_IR 101', '\xa3\xf3d\xbc', 'Łódź'],
    ['ISO_IR 109', '\xe6\xfd', 'ĉŭ'],
    ['ISO_IR 110', '\xe0\xf3', 'āķ'],
    ['ISO_IR 144', '\xbb\xee\xda\xe1\xd5\xdc\xd1\xe3\xe0\xd3', 'Люксембург'],
    ['ISO_IR 127', '\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1', 'قباني^لنزار'],
    ['ISO_IR 126', '\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2', 'Διονυσιος'],
    ['ISO_IR 138', '\xf9\xf8\xe5\xef^\xe3\xe1\xe5\xf8\xe4', 'שרון^דבורה'],
    ['ISO_IR 148', '\xf0\xfe\xdd', 'ğşİ'],
    ['ISO_IR 203', '\xa4\xbd\xbe', '€œŸ'],
    ['ISO_IR 13', '\xd4\xcf\xc0\xde^\xc0\xdb\xb3', 'ﾔﾏﾀﾞ^ﾀﾛｳ'],
    ['ISO_IR 166', '\xa1\xe4\xf9', 'กไ๙'],
  ] as const;

  it.each(SAMPLES)('%s: decodes and encodes', (term, b, text) => {
    const cs = SpecificCharacterSet.from([term]);
    expect(cs.warnings).toEqual([]);
    expect(cs.isDefault).toBe(false);
    expect(cs.decode(bytes(b), 'PN')).toBe(text);
    expect(cs.encode(text, 'PN')).toEqual(bytes(b));
  });

  it.each(SAMPLES)('%s: the ISO 2022 variant alone reads G1 without an escape sequence', (term, b, text) => {
    const cs = SpecificCharacterSet.from([term.replace('ISO_IR', 'ISO 2022 IR')]);
    expect(cs.warnings).toEqual([]);
    expect(cs.decode(bytes(b), 'PN')).toBe(text);
    expect(cs.encode(text, 'PN')).toEqual(bytes(b));
  });

  it('reads C1 bytes 0x80-0x9F as C1 controls (ISO 8859), not as windows-125x characters', () => {
    expect(SpecificCharacterSet.from(['ISO_IR 148']).decode(bytes('a\x80\x9f'), 'LO')).toBe('a\u0080\u009f');
    expect(SpecificCharacterSet.from(['ISO_IR 100']).decode(bytes('a\x80'), 'LO')).toBe('a\u0080');
  });

  it('switches G1 between ISO 8859 parts with ESC - F, back to value 1 before each delimiter', () => {
    const cs = SpecificCharacterSet.from(['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126']);
    const text = 'Jérôme Люк^Δίων=é';
    const encoded = cs.encode(text, 'PN');
    expect(encoded).toEqual(bytes(`J\xe9r\xf4me ${ESC}-L\xbb\xee\xda${ESC}-A^${ESC}-F\xc4\xdf\xf9\xed${ESC}-A=\xe9`));
    expect(cs.decode(encoded, 'PN')).toBe(text);
  });

  it('designates a G1 set that value 1 lacks before its first character (ISO 2022 IR 6 \\ ISO 2022 IR 100)', () => {
    const cs = SpecificCharacterSet.from(['ISO 2022 IR 6', 'ISO 2022 IR 100']);
    expect(cs.encode('Jérôme^é', 'PN')).toEqual(bytes(`J${ESC}-A\xe9r\xf4me^${ESC}-A\xe9`));
    expect(cs.decode(bytes(`J${ESC}-A\xe9r\xf4me^${ESC}-A\xe9`), 'PN')).toBe('Jérôme^é');
  });
});

describe('code extensions (PS3.5 6.1.2.5)', () => {
  const japanese = SpecificCharacterSet.from(['', 'ISO 2022 IR 87']);

  it("does not take 05/12 or 05/14 inside a two-byte character for a delimiter ('ぼ' is 24 5C, 'ま' 24 5E)", () => {
    const value = bytes(`${ESC}$B$\\$^${ESC}(B\\${ESC}$B$\\${ESC}(B`);
    expect(japanese.decode(value, 'SH')).toBe('ぼま\\ぼ');
    expect(japanese.encode('ぼま\\ぼ', 'SH')).toEqual(value);
  });

  it("treats '\\' as a character in ST, LT and UT, and '^' '=' as delimiters only in PN", () => {
    expect(japanese.encode('山\\田', 'LT')).toEqual(bytes(`${ESC}$B;3${ESC}(B\\${ESC}$BED${ESC}(B`));
    expect(japanese.encode('山^田', 'LO')).toEqual(bytes(`${ESC}$B;3${ESC}(B^${ESC}$BED${ESC}(B`));
    // In PN, '^' returns to value 1 as well; ASCII after kanji needs ESC ( B in any VR.
    expect(japanese.encode('山^a', 'PN')).toEqual(bytes(`${ESC}$B;3${ESC}(B^a`));
  });

  it('returns to the initial state at control characters (CR, LF, TAB, FF)', () => {
    const korean = SpecificCharacterSet.from(['ISO 2022 IR 100', 'ISO 2022 IR 149']);
    // After TAB, G1 is ISO-IR 100 again: 0xE9 is é.
    expect(korean.decode(bytes(`${ESC}$)C\xc8\xab\t\xe9`), 'LT')).toBe('홍\té');
    expect(korean.encode('홍\té', 'LT')).toEqual(bytes(`${ESC}$)C\xc8\xab${ESC}-A\t\xe9`));
    expect(japanese.encode('山\r\n田', 'LT')).toEqual(bytes(`${ESC}$B;3${ESC}(B\r\n${ESC}$BED${ESC}(B`));
  });

  it('reads JIS X 0212 (ISO 2022 IR 159, ESC $ ( D) and writes it for characters JIS X 0208 lacks', () => {
    const cs = SpecificCharacterSet.from(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159']);
    expect(cs.decode(bytes(`${ESC}$(D0!${ESC}(B`), 'LO')).toBe('丂');
    expect(cs.encode('山丂', 'LO')).toEqual(bytes(`${ESC}$B;3${ESC}$(D0!${ESC}(B`));
  });

  it('writes a character with the first listed set that has it', () => {
    // 山 is in JIS X 0208 and KS X 1001: the order of (0008,0005) decides.
    expect(SpecificCharacterSet.from(['', 'ISO 2022 IR 149', 'ISO 2022 IR 87']).encode('山', 'LO')).toEqual(bytes(`${ESC}$)C\xdf\xa3`));
    expect(SpecificCharacterSet.from(['', 'ISO 2022 IR 87', 'ISO 2022 IR 149']).encode('山', 'LO')).toEqual(bytes(`${ESC}$B;3${ESC}(B`));
  });

  describe('lenient reading', () => {
    it('honours designations of sets that (0008,0005) does not list', () => {
      expect(japanese.decode(bytes(`${ESC}$)C\xc8\xab`), 'LO')).toBe('홍');
    });

    it('keeps G1 across a delimiter when value 1 has no G1 (writers that designate once per value)', () => {
      const korean = SpecificCharacterSet.from(['', 'ISO 2022 IR 149']);
      expect(korean.decode(bytes(`${ESC}$)C\xc8\xab^\xb1\xe6\xb5\xbf`), 'PN')).toBe('홍^길동');
    });

    it('passes unknown escape sequences through and marks a broken two-byte character', () => {
      expect(japanese.decode(bytes(`a${ESC}%Gb`), 'LO')).toBe('a\x1b%Gb');
      expect(japanese.decode(bytes(`${ESC}$B;3E`), 'LO')).toBe('山\ufffd');
      expect(japanese.decode(bytes('\xe9'), 'LO')).toBe('é');
    });

    it('ignores escape sequences in character sets without code extensions', () => {
      expect(SpecificCharacterSet.from(['ISO_IR 100']).decode(bytes(`${ESC}$B;3`), 'LO')).toBe('\x1b$B;3');
    });
  });
});

describe('SpecificCharacterSet.from: terms and warnings', () => {
  it('is the default repertoire without a value or with one empty value (PS3.3 C.12.1.1.2)', () => {
    for (const values of [[], [''], ['  ']]) {
      const cs = SpecificCharacterSet.from(values);
      expect(cs.isDefault).toBe(true);
      expect(cs.warnings).toEqual([]);
    }
    expect(SpecificCharacterSet.DEFAULT.isDefault).toBe(true);
    expect(SpecificCharacterSet.DEFAULT.terms).toEqual([]);
  });

  it('keeps the values, surrounding spaces removed', () => {
    expect(SpecificCharacterSet.from(['', 'ISO 2022 IR 87 ']).terms).toEqual(['', 'ISO 2022 IR 87']);
  });

  it('reads ISO_IR terms among several values as their ISO 2022 variants, with a warning', () => {
    const cs = SpecificCharacterSet.from(['ISO_IR 100', 'ISO 2022 IR 87']);
    expect(cs.warnings).toEqual([
      "Specific Character Set: 'ISO_IR 100' has no code extensions; read as 'ISO 2022 IR 100' (PS3.3 Table C.12-3)",
    ]);
    expect(cs.decode(bytes(`J\xe9r\xf4me=${ESC}$B;3ED${ESC}(B`), 'PN')).toBe('Jérôme=山田');
    const jis = SpecificCharacterSet.from(['ISO_IR 13', 'ISO 2022 IR 87']);
    expect(jis.warnings).toHaveLength(1);
    expect(jis.decode(bytes(`\xd4\xcf\xc0\xde=${ESC}$B;3ED${ESC}(J`), 'PN')).toBe('ﾔﾏﾀﾞ=山田');
  });

  it('reads common misspellings as the Defined Term, with a warning', () => {
    const cs = SpecificCharacterSet.from(['ISO-IR 100']);
    expect(cs.warnings).toEqual(["Specific Character Set: 'ISO-IR 100' read as the Defined Term 'ISO_IR 100'"]);
    expect(cs.decode(bytes('\xe9'), 'LO')).toBe('é');
    expect(SpecificCharacterSet.from(['iso_ir 192']).decode(bytes('\xc3\xa9'), 'LO')).toBe('é');
    expect(SpecificCharacterSet.from(['ISO 2022 IR 6', 'ISO2022IR87']).warnings).toEqual([
      "Specific Character Set: 'ISO2022IR87' read as the Defined Term 'ISO 2022 IR 87'",
    ]);
  });

  it('falls back to the default repertoire for unknown terms, with a warning', () => {
    for (const term of ['KOI8-R', 'ISO_IR 6', 'ISO 2022 IR 192']) {
      const cs = SpecificCharacterSet.from([term]);
      expect(cs.isDefault).toBe(true);
      expect(cs.warnings).toEqual([`Specific Character Set: '${term}' is not a Defined Term; ignored`]);
      expect(cs.decode(bytes('J\xe9r\xf4me'), 'PN')).toBe('Jérôme');
    }
    const mixed = SpecificCharacterSet.from(['', 'KOI8-R', 'ISO 2022 IR 87']);
    expect(mixed.warnings).toHaveLength(1);
    expect(mixed.decode(bytes(`${ESC}$B;3${ESC}(B`), 'PN')).toBe('山');
  });

  it('uses a Unicode set given as value 1 alone, with a warning for the other values', () => {
    const cs = SpecificCharacterSet.from(['ISO_IR 192', 'ISO 2022 IR 87']);
    expect(cs.warnings).toEqual([
      "Specific Character Set: 'ISO_IR 192' has no code extensions (PS3.3 Table C.12-5); values 2-2 ignored",
    ]);
    expect(cs.decode(bytes('\xe5\xb1\xb1'), 'LO')).toBe('山');
    const later = SpecificCharacterSet.from(['', 'GB18030', 'ISO 2022 IR 87']);
    expect(later.warnings).toEqual(["Specific Character Set: 'GB18030' cannot be combined with other values (PS3.3 Table C.12-5); ignored"]);
    expect(later.decode(bytes(`${ESC}$B;3${ESC}(B`), 'LO')).toBe('山');
  });

  it('reads a Table C.12-4 set as value 1 (values 2-n only) with value 1 in force, with a warning', () => {
    // Korean files often say just ISO 2022 IR 149 and store EUC-KR without escape sequences.
    const korean = SpecificCharacterSet.from(['ISO 2022 IR 149']);
    expect(korean.warnings).toEqual(["Specific Character Set: 'ISO 2022 IR 149' is for values 2-n only (PS3.3 Table C.12-4)"]);
    expect(korean.decode(bytes('\xb1\xe8\xc8\xf1\xc1\xdf'), 'PN')).toBe('김희중');
    const japanese = SpecificCharacterSet.from(['ISO 2022 IR 87']);
    expect(japanese.decode(bytes(`Yamada=${ESC}$B;3ED${ESC}(B`), 'PN')).toBe('Yamada=山田');
    expect(japanese.encode('Yamada=山田', 'PN')).toEqual(bytes(`Yamada=${ESC}$B;3ED${ESC}(B`));
  });

  it('reads GBK, the two-byte part of GB18030', () => {
    const cs = SpecificCharacterSet.from(['GBK']);
    expect(cs.decode(bytes('Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab='), 'PN')).toBe('Wang^XiaoDong=王^小东=');
    expect(cs.encode('王^小东', 'PN')).toEqual(bytes('\xcd\xf5^\xd0\xa1\xb6\xab'));
  });
});

describe('default repertoire and other VRs', () => {
  it('reads stray bytes above 0x7F as ISO 8859-1, like pydicom', () => {
    expect(SpecificCharacterSet.DEFAULT.decode(bytes('A\xe9\x80\xff'), 'LO')).toBe('A\xe9\x80\xff');
  });

  it('reads VRs other than SH, LO, ST, LT, UC, UT and PN in the default repertoire (PS3.5 6.1.2.3)', () => {
    const utf8 = SpecificCharacterSet.from(['ISO_IR 192']);
    expect(utf8.decode(bytes('\xc3\xa9'), 'CS')).toBe('Ã©');
    expect(utf8.decode(bytes('\xc3\xa9'), 'UC')).toBe('é');
    expect(() => utf8.encode('é', 'CS')).toThrow(CharacterSetError);
  });

  it('writes the default repertoire as ASCII only', () => {
    expect(SpecificCharacterSet.DEFAULT.encode('Doe^John', 'PN')).toEqual(bytes('Doe^John'));
    expect(() => SpecificCharacterSet.DEFAULT.encode('Jérôme', 'PN')).toThrow('U+00E9 is not representable in the default repertoire');
  });
});

describe('CharacterSetError', () => {
  it('names the character and the Specific Character Set', () => {
    const cs = SpecificCharacterSet.from(['ISO_IR 100']);
    const error = (() => {
      try {
        cs.encode('Jé山', 'LO');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CharacterSetError);
    expect(error).toMatchObject({ name: 'CharacterSetError', character: '山', terms: ['ISO_IR 100'] });
    expect((error as Error).message).toBe("U+5C71 is not representable in Specific Character Set 'ISO_IR 100'");
  });

  it('is thrown for characters outside every listed set', () => {
    expect(() => SpecificCharacterSet.from(['', 'ISO 2022 IR 87']).encode('😀', 'LO')).toThrow("U+1F600 is not representable in Specific Character Set '\\ISO 2022 IR 87'");
    expect(() => SpecificCharacterSet.from(['', 'ISO 2022 IR 149']).encode('ﾔ', 'LO')).toThrow(CharacterSetError);
    expect(() => SpecificCharacterSet.from(['GBK']).encode('😀', 'LO')).toThrow(CharacterSetError);
    expect(SpecificCharacterSet.from(['GB18030']).encode('😀', 'LO')).toEqual(bytes('\x949\xfc6'));
    expect(() => SpecificCharacterSet.from(['ISO_IR 192']).encode('a\ud800', 'LO')).toThrow('U+D800');
    // ESC is only ever part of an escape sequence.
    expect(() => SpecificCharacterSet.from(['', 'ISO 2022 IR 87']).encode('山\x1b', 'LO')).toThrow(CharacterSetError);
  });

  it('rejects vendor rows of JIS X 0208 (NEC row 13) that strict readers lack', () => {
    expect(SpecificCharacterSet.from(['', 'ISO 2022 IR 87']).decode(bytes(`${ESC}$B-!${ESC}(B`), 'LO')).toBe('①');
    expect(() => SpecificCharacterSet.from(['', 'ISO 2022 IR 87']).encode('①', 'LO')).toThrow(CharacterSetError);
  });
});

describe('fast path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('decodes ASCII values without TextDecoder, in every repertoire', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    for (const terms of [[], ['ISO_IR 192'], ['GB18030'], ['', 'ISO 2022 IR 87'], ['ISO_IR 100']]) {
      expect(SpecificCharacterSet.from(terms).decode(bytes('Doe^John'), 'PN')).toBe('Doe^John');
    }
    expect(SpecificCharacterSet.DEFAULT.decode(bytes('A\xe9'), 'LO')).toBe('Aé');
    expect(decode).not.toHaveBeenCalled();
    SpecificCharacterSet.from(['ISO_IR 192']).decode(bytes('\xc3\xa9'), 'LO');
    expect(decode).toHaveBeenCalled();
  });

  it('decodes long values in chunks', () => {
    const ascii = 'x'.repeat(100_000);
    expect(SpecificCharacterSet.from(['', 'ISO 2022 IR 87']).decode(bytes(ascii), 'UT')).toBe(ascii);
    const long = ascii + '\xe9';
    expect(SpecificCharacterSet.DEFAULT.decode(bytes(long), 'UT')).toBe(long);
    expect(SpecificCharacterSet.from(['ISO_IR 100']).decode(bytes(long), 'UT')).toBe(long);
  });
});
