// Every Value Representation of PS3.5 Table 6.2-1, read in each uncompressed encoding.
import { describe, expect, test } from 'vitest';
import { VRS } from '@dcmkit/dictionary';
import { DicomDate, DicomDateTime, DicomTime, PersonName, TransferSyntax, lookupTag, parseDicom, type DataSet } from '@dcmkit/core';
import { EBE, ELE, ILE, ascii, concat, element, marker, nums, str, type Enc } from './fixtures/builder.js';

interface Case {
  tag: number;
  vr: string;
  value: (le: boolean) => Uint8Array;
  /** What `DataSet.get` returns. */
  expected: (le: boolean) => unknown;
}

const bin = (le: boolean, kind: Parameters<typeof nums>[0], v: (number | bigint)[]) => nums(kind, v, le);
const text = (s: string, vr: string) => () => str(s, vr);

/** One public tag per VR (the dictionary VR is the same, so implicit VR reads it too). */
const CASES: Case[] = [
  { tag: 0x00080016, vr: 'UI', value: text('1.2.840.10008.5.1.4.1.1.7', 'UI'), expected: () => '1.2.840.10008.5.1.4.1.1.7' },
  { tag: 0x00080020, vr: 'DA', value: text('20240131', 'DA'), expected: () => DicomDate.parse('20240131') },
  { tag: 0x0008002a, vr: 'DT', value: text('20240131123456.5', 'DT'), expected: () => DicomDateTime.parse('20240131123456.5') },
  { tag: 0x00080030, vr: 'TM', value: text('123456.789', 'TM'), expected: () => DicomTime.parse('123456.789') },
  { tag: 0x0008040c, vr: 'UV', value: (le) => bin(le, 'u64', [2n ** 63n + 5n]), expected: () => 2n ** 63n + 5n },
  { tag: 0x00080050, vr: 'SH', value: text('ACC-1', 'SH'), expected: () => 'ACC-1' },
  { tag: 0x00080060, vr: 'CS', value: text('CT', 'CS'), expected: () => 'CT' },
  { tag: 0x00080070, vr: 'LO', value: text(' GE MEDICAL ', 'LO'), expected: () => 'GE MEDICAL' },
  { tag: 0x00080081, vr: 'ST', value: text('  1 Main St\\Springfield', 'ST'), expected: () => '  1 Main St\\Springfield' },
  { tag: 0x00080119, vr: 'UC', value: text('a long code value', 'UC'), expected: () => 'a long code value' },
  { tag: 0x00081190, vr: 'UR', value: text('http://example.com/a b', 'UR'), expected: () => 'http://example.com/a b' },
  { tag: 0x00100010, vr: 'PN', value: text('Doe^John=^=', 'PN'), expected: () => PersonName.parse('Doe^John=^=') },
  { tag: 0x00100218, vr: 'UT', value: text('one\\value', 'UT'), expected: () => 'one\\value' },
  { tag: 0x00101010, vr: 'AS', value: text('045Y', 'AS'), expected: () => '045Y' },
  { tag: 0x00101020, vr: 'DS', value: text('1.75', 'DS'), expected: () => 1.75 },
  { tag: 0x00109431, vr: 'FL', value: (le) => bin(le, 'f32', [12.5]), expected: () => 12.5 },
  { tag: 0x00186020, vr: 'SL', value: (le) => bin(le, 'i32', [-5]), expected: () => -5 },
  { tag: 0x00189219, vr: 'SS', value: (le) => bin(le, 'i16', [-3]), expected: () => -3 },
  { tag: 0x00082122, vr: 'IS', value: text('3', 'IS'), expected: () => 3 },
  { tag: 0x00082134, vr: 'FD', value: (le) => bin(le, 'f64', [Math.PI]), expected: () => Math.PI },
  { tag: 0x00209228, vr: 'UL', value: (le) => bin(le, 'u32', [4000000000]), expected: () => 4000000000 },
  { tag: 0x00204000, vr: 'LT', value: text('line 1\r\nline 2\\same value', 'LT'), expected: () => 'line 1\r\nline 2\\same value' },
  { tag: 0x00280009, vr: 'AT', value: (le) => bin(le, 'u16', [0x0018, 0x1063, 0x0018, 0x1065]), expected: () => [0x00181063, 0x00181065] },
  { tag: 0x00280010, vr: 'US', value: (le) => bin(le, 'u16', [512]), expected: () => 512 },
  { tag: 0x00281201, vr: 'OW', value: (le) => bin(le, 'u16', [1, 0x1234]), expected: (le) => bin(le, 'u16', [1, 0x1234]) },
  { tag: 0x00400241, vr: 'AE', value: text('STATION_1', 'AE'), expected: () => 'STATION_1' },
  { tag: 0x00420011, vr: 'OB', value: () => Uint8Array.of(1, 2, 3, 0), expected: () => Uint8Array.of(1, 2, 3, 0) },
  { tag: 0x00640009, vr: 'OF', value: (le) => bin(le, 'f32', [1.5, -2]), expected: (le) => bin(le, 'f32', [1.5, -2]) },
  { tag: 0x00660022, vr: 'OD', value: (le) => bin(le, 'f64', [0.1]), expected: (le) => bin(le, 'f64', [0.1]) },
  { tag: 0x00660040, vr: 'OL', value: (le) => bin(le, 'u32', [7, 8]), expected: (le) => bin(le, 'u32', [7, 8]) },
  { tag: 0x0072006d, vr: 'UN', value: () => Uint8Array.of(9, 8, 7), expected: () => Uint8Array.of(9, 8, 7) },
  { tag: 0x00720081, vr: 'OV', value: (le) => bin(le, 'u64', [1n << 40n]), expected: (le) => bin(le, 'u64', [1n << 40n]) },
  { tag: 0x00720082, vr: 'SV', value: (le) => bin(le, 'i64', [-(2n ** 40n), 7n]), expected: () => [-(2n ** 40n), 7n] },
];

const dataset = (enc: Enc) =>
  concat(...[...CASES].sort((a, b) => a.tag - b.tag).map((c) => element(c.tag, c.vr, c.value(enc.littleEndian), enc)));

const ENCODINGS: [string, Enc, string][] = [
  ['implicit VR little endian', ILE, TransferSyntax.ImplicitVRLittleEndian],
  ['explicit VR little endian', ELE, TransferSyntax.ExplicitVRLittleEndian],
  ['explicit VR big endian', EBE, TransferSyntax.ExplicitVRBigEndian],
];

test('the cases cover every VR but SQ (tested with sequences), each with its dictionary VR', () => {
  expect(new Set(CASES.map((c) => c.vr))).toEqual(new Set(VRS.filter((v) => v !== 'SQ')));
  for (const c of CASES) expect(lookupTag(c.tag)?.vr).toBe(c.vr);
});

describe.each(ENCODINGS)('%s', (_, enc, ts) => {
  const ds: DataSet = parseDicom(dataset(enc), { transferSyntax: ts }).dataset;

  test.each(CASES.map((c) => [c.vr, c] as const))('%s', (vr, c) => {
    const el = ds.element(c.tag)!;
    expect(el.vr).toBe(vr);
    expect(el.length).toBe(c.value(enc.littleEndian).length);
    expect(ds.get(c.tag)).toEqual(c.expected(enc.littleEndian));
  });

  test('numbers are read in the data set byte order', () => {
    expect(ds.encoding.littleEndian).toBe(enc.littleEndian);
    expect(ds.getNumber(0x00280010)).toBe(512);
    expect(ds.getNumbers(0x00280009)).toEqual([0x00181063, 0x00181065]);
  });
});

test('odd value lengths are read as stored, with a warning', () => {
  const bytes = concat(element(0x00080060, 'CS', ascii('MR')), element(0x00100020, 'LO', ascii('ODD')), element(0x00280010, 'US', nums('u16', [8])));
  const f = parseDicom(bytes, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  expect(f.dataset.get('PatientID')).toBe('ODD');
  expect(f.dataset.get('Rows')).toBe(8);
  expect(f.warnings).toEqual([expect.objectContaining({ message: 'odd value length 3', tag: 0x00100020, offset: 10 })]);
});

test('multiple values: backslash-separated strings, repeated binary numbers; empty values kept', () => {
  const bytes = concat(
    element(0x00080008, 'CS', str('ORIGINAL\\PRIMARY\\\\AXIAL')),
    element(0x00281050, 'DS', str('40\\-1.5e2')),
    element(0x00281052, 'DS', str('')),
  );
  const ds = parseDicom(bytes, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }).dataset;
  expect(ds.get('ImageType')).toEqual(['ORIGINAL', 'PRIMARY', '', 'AXIAL']);
  expect(ds.get('WindowCenter')).toEqual([40, -150]);
  expect(ds.get('RescaleIntercept')).toBeUndefined();
  expect(ds.has('RescaleIntercept')).toBe(true);
});

describe('"US or SS" in implicit VR follows Pixel Representation (PS3.3 C.7.6.3.1)', () => {
  const image = (pixelRepresentation: number) =>
    concat(
      element(0x00280103, 'US', nums('u16', [pixelRepresentation]), ILE),
      element(0x00280106, 'US', nums('i16', [-5]), ILE),
      element(0x00283002, 'US', nums('u16', [4096, 0xfc18, 16]), ILE),
    );

  test.each([
    [0, 'US', 65531],
    [1, 'SS', -5],
  ])('Pixel Representation %i: Smallest Image Pixel Value is %s', (pr, vr, value) => {
    const ds = parseDicom(image(pr), { transferSyntax: TransferSyntax.ImplicitVRLittleEndian }).dataset;
    expect(ds.element('SmallestImagePixelValue')!.vr).toBe(vr);
    expect(ds.get('SmallestImagePixelValue')).toBe(value);
    // The LUT Descriptor's first and third values are always unsigned (PS3.3 C.11.1.1).
    expect(ds.element('LUTDescriptor')!.vr).toBe('US');
  });

  test('the Pixel Representation of an enclosing data set applies in items', () => {
    const item = element(0x00409216, 'US', nums('i16', [-1]), ILE);
    const bytes = concat(
      element(0x00280103, 'US', nums('u16', [1]), ILE),
      element(0x00409096, 'SQ', concat(marker(0xfffee000, item.length), item), ILE),
    );
    const ds = parseDicom(bytes, { transferSyntax: TransferSyntax.ImplicitVRLittleEndian }).dataset;
    expect(ds.items('RealWorldValueMappingSequence')[0]!.get('RealWorldValueFirstValueMapped')).toBe(-1);
  });
});
