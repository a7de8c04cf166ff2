// Encoding values set with DataSet.set (PS3.5 6.2): text, padding, numbers, binary, errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DataSet,
  DicomDate,
  DicomWriteError,
  PersonName,
  SpecificCharacterSet,
  TransferSyntax,
  formatDS,
  formatIS,
  parseDataSet,
  writeDataSet,
} from '@dcmkit/core';
import { EBE, ELE, ILE, ascii, concat, element, nums, str, type Enc } from './fixtures/builder.js';

const ts = (enc: Enc) =>
  !enc.explicitVR ? TransferSyntax.ImplicitVRLittleEndian : enc.littleEndian ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ExplicitVRBigEndian;

/** The bytes of a data set holding one element set with DataSet.set. */
function written(tag: number, value: unknown, vr?: string, enc: Enc = ELE): Uint8Array {
  const ds = new DataSet();
  ds.set(tag, value, vr);
  return writeDataSet(ds, ts(enc));
}

describe('formatDS: the shortest text within 16 bytes (PS3.5 Table 6.2-1)', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1.5, '1.5'],
    [-1024, '-1024'],
    [0.1 + 0.2, '0.3'],
    [1e-7, '1e-7'],
    [1.2345678901234567e21, '1.23456789012e21'],
    [123456.78901234567, '123456.789012346'],
    [-1.2345678901234567e-7, '-1.2345678901e-7'],
    [Number.MAX_VALUE, '1.79769313e308'],
    [-1.7976931345e308, '-1.79769313e308'],
    [Number.MIN_VALUE, '5e-324'],
  ])('%s -> %s', (n, text) => {
    expect(formatDS(n)).toBe(text);
  });

  it('fits 16 bytes and keeps the value as far as 16 bytes allow, for any finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = formatDS(n);
        expect(text.length).toBeLessThanOrEqual(16);
        expect(text).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/);
        const back = Number(text);
        expect(Number.isFinite(back)).toBe(true);
        if (String(n).length <= 16) expect(back).toBe(n === 0 ? 0 : n);
        // At least 9 significant digits survive (the worst case: "-d.dddddddde-3dd").
        else expect(Math.abs(back - n)).toBeLessThanOrEqual(Math.abs(n) * 5e-9);
      }),
    );
  });

  it('rejects NaN and infinities with a typed error naming the tag', () => {
    expect(() => formatDS(NaN)).toThrow(DicomWriteError);
    expect(() => written(0x00281050, Infinity)).toThrow(/\(0028,1050\).*finite number for DS/);
  });
});

describe('formatIS', () => {
  it('writes integers of the IS range and rejects others', () => {
    expect(formatIS(-2147483648)).toBe('-2147483648');
    expect(() => formatIS(2147483648)).toThrow(DicomWriteError);
    expect(() => formatIS(1.5)).toThrow(/integer/);
  });
});

describe('text values', () => {
  it('joins values with backslash and pads with a space to even length (PS3.5 6.2, 6.4)', () => {
    expect(written(0x00080008, ['ORIGINAL', 'PRIMARY', 'AX'])).toEqual(element(0x00080008, 'CS', ascii('ORIGINAL\\PRIMARY\\AX ')));
  });

  it('pads UI with NUL', () => {
    expect(written(0x00080016, '1.2.3')).toEqual(element(0x00080016, 'UI', ascii('1.2.3\0')));
  });

  it('writes PersonName, DicomDate and numbers for IS/DS by their stored text', () => {
    const pn = PersonName.fromComponents({ familyName: 'Doe', givenName: 'Jane' });
    expect(written(0x00100010, pn)).toEqual(element(0x00100010, 'PN', str('Doe^Jane')));
    expect(written(0x00080020, DicomDate.parse('20240229'))).toEqual(element(0x00080020, 'DA', ascii('20240229')));
    expect(written(0x00280030, [0.5, 1 / 3])).toEqual(element(0x00280030, 'DS', ascii('0.5\\0.33333333333333')));
    expect(written(0x00200013, 42)).toEqual(element(0x00200013, 'IS', ascii('42')));
  });

  it('writes empty, null and empty-string values as zero length; null inside multiple values as an empty value', () => {
    expect(written(0x00100020, null)).toEqual(element(0x00100020, 'LO', new Uint8Array(0)));
    expect(written(0x00100020, [])).toEqual(element(0x00100020, 'LO', new Uint8Array(0)));
    expect(written(0x00280030, [1, null])).toEqual(element(0x00280030, 'DS', ascii('1\\')));
  });

  it('encodes LO/LT/PN/SH/ST/UC/UT in the Specific Character Set, others in the default repertoire', () => {
    const ds = new DataSet();
    ds.set('SpecificCharacterSet', 'ISO_IR 192');
    ds.set('PatientName', 'Ærø^Åsa');
    const bytes = writeDataSet(ds, TransferSyntax.ExplicitVRLittleEndian);
    const utf8 = new TextEncoder().encode('Ærø^Åsa');
    expect(bytes.subarray(18 + 8, 18 + 8 + utf8.length)).toEqual(utf8);
    expect(parseDataSet(bytes, TransferSyntax.ExplicitVRLittleEndian).getString('PatientName')).toBe('Ærø^Åsa');
    expect(SpecificCharacterSet.DEFAULT.isDefault).toBe(true);
    expect(() => written(0x00080060, 'ＣＴ')).toThrow(/\(0008,0060\).*default repertoire/);
  });

  it('reports text the character set cannot encode as a DicomWriteError naming the tag', () => {
    const ds = new DataSet();
    ds.set('SpecificCharacterSet', 'ISO_IR 100');
    ds.set('PatientName', '山田^太郎');
    expect(() => writeDataSet(ds, TransferSyntax.ExplicitVRLittleEndian)).toThrow(/\(0010,0010\).*ISO_IR 100/);
  });
});

describe('binary values', () => {
  it('writes US/SS/UL/SL/FL/FD in the target byte order', () => {
    for (const enc of [ELE, EBE, ILE]) {
      const le = enc.littleEndian;
      expect(written(0x00280010, 512, undefined, enc)).toEqual(element(0x00280010, 'US', nums('u16', [512], le), enc));
      expect(written(0x00189219, [-2, 3], 'SS', enc)).toEqual(element(0x00189219, 'SS', nums('i16', [-2, 3], le), enc));
      expect(written(0x00186020, -70000, 'SL', enc)).toEqual(element(0x00186020, 'SL', nums('i32', [-70000], le), enc));
      expect(written(0x00189089, [0.25, -1], 'FD', enc)).toEqual(element(0x00189089, 'FD', nums('f64', [0.25, -1], le), enc));
    }
  });

  it('writes AT as group then element, each 16 bits (PS3.5 6.2), from numbers, keywords or "(gggg,eeee)"', () => {
    expect(written(0x00209165, [0x00100010, 'StudyDate', '(0028,0010)'], 'AT', EBE)).toEqual(
      element(0x00209165, 'AT', nums('u16', [0x0010, 0x0010, 0x0008, 0x0020, 0x0028, 0x0010], false), EBE),
    );
  });

  it('writes SV/UV from bigint or safe integers', () => {
    expect(written(0x00101003, [-(2n ** 63n), 5], 'SV')).toEqual(element(0x00101003, 'SV', nums('i64', [-(2n ** 63n), 5n])));
    expect(written(0x00101004, 2n ** 64n - 1n, 'UV', EBE)).toEqual(element(0x00101004, 'UV', nums('u64', [2n ** 64n - 1n], false), EBE));
  });

  it('rejects out-of-range and non-numeric values with the tag', () => {
    expect(() => written(0x00280010, 65536)).toThrow(/\(0028,0010\).*US values: integers 0 to 65535, got 65536/);
    expect(() => written(0x00280010, 'x')).toThrow(DicomWriteError);
    expect(() => written(0x00101004, -1n, 'UV')).toThrow(DicomWriteError);
    expect(() => written(0x00209165, 'NoSuchKeyword', 'AT')).toThrow(/AT values/);
  });

  it('writes OB/OW bytes as given in the data set byte order, swapping OW by 16-bit words for big endian', () => {
    const ow = Uint8Array.of(1, 2, 3, 4);
    expect(written(0x00281201, ow, 'OW', EBE)).toEqual(element(0x00281201, 'OW', Uint8Array.of(2, 1, 4, 3), EBE));
    expect(written(0x00281201, ow, 'OW', ELE)).toEqual(element(0x00281201, 'OW', ow));
    // OB is bytes: never swapped; odd length padded with NUL.
    expect(written(0x00420011, Uint8Array.of(1, 2, 3), 'OB', EBE)).toEqual(element(0x00420011, 'OB', Uint8Array.of(1, 2, 3, 0), EBE));
  });

  it('reads typed arrays in platform byte order (OF as 32-bit floats)', () => {
    const floats = Float32Array.of(1.5, -2);
    expect(written(0x00640009, floats, 'OF', EBE)).toEqual(element(0x00640009, 'OF', nums('f32', [1.5, -2], false), EBE));
  });

  it('rejects values that are not bytes for OB/OW/...', () => {
    expect(() => written(0x00420011, [1, 2], 'OB')).toThrow(/\(0042,0011\).*one Uint8Array/);
  });
});

describe('value length limits (PS3.5 6.2.2)', () => {
  const long = 'A'.repeat(70000);

  it('writes a value too long for a 16-bit length field as UN in explicit VR, little endian', () => {
    const bytes = written(0x00100020, long);
    expect(bytes.subarray(0, 12)).toEqual(concat(nums('u16', [0x0010, 0x0020]), ascii('UN'), new Uint8Array(2), nums('u32', [70000])));
    const back = parseDataSet(bytes, TransferSyntax.ExplicitVRLittleEndian);
    expect(back.element(0x00100020)!.vr).toBe('UN');
    expect(back.getString(0x00100020)).toBe(long);
  });

  it('keeps the VR in implicit VR, where the length field has 32 bits', () => {
    const back = parseDataSet(written(0x00100020, long, undefined, ILE), TransferSyntax.ImplicitVRLittleEndian);
    expect(back.element(0x00100020)!.vr).toBe('LO');
    expect(back.getString(0x00100020)).toBe(long);
  });

  it('keeps a long UN value little endian in explicit VR big endian (never byte-swapped)', () => {
    const values = Array.from({ length: 40000 }, (_, i) => i % 65536);
    const bytes = written(0x00280106, values, 'US', EBE);
    expect(bytes.subarray(4, 6)).toEqual(ascii('UN'));
    expect(bytes.subarray(12, 16)).toEqual(nums('u16', [0, 1], true));
  });
});
