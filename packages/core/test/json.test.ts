// DICOM JSON Model (PS3.18 F.2): toDicomJson, fromDicomJson, formatDicomJson on small made-up data sets.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DataSet,
  DicomJsonError,
  DicomParseError,
  PersonName,
  decodeBase64,
  encodeBase64,
  formatDicomJson,
  fromDicomJson,
  parseDataSet,
  parseDicom,
  toDicomJson,
  type DicomJson,
} from '@dcmkit/core';
import { EBE, ILE, ascii, concat, element, encapsulatedPixelData, nums, sequence, str } from './fixtures/builder.js';
import { nestedSequences } from './fixtures/nested.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const IMPLICIT_LE = '1.2.840.10008.1.2';

describe('base64', () => {
  test('encodes and decodes every length remainder like Node', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const b64 = encodeBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(b64)).toEqual(bytes);
    }
  });

  test('skips whitespace, rejects what is not base64', () => {
    expect(decodeBase64('AQID\nBA==')).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(decodeBase64('AQ*D')).toBeUndefined();
    expect(decodeBase64('A')).toBeUndefined();
    expect(decodeBase64('AQ=D')).toBeUndefined();
  });
});

describe('toDicomJson', () => {
  test('writes each kind of VR as PS3.18 F.2 says', () => {
    const ds = new DataSet();
    ds.set('PatientName', PersonName.parse('Doe^John=山田^太郎'));
    ds.set('ImageType', ['ORIGINAL', '', 'AXIAL']);
    ds.set('SliceThickness', 2.5);
    ds.set('InstanceNumber', 7);
    ds.set('Rows', 512);
    ds.set(0x00189089, [0.3, -1e-5], 'FD');
    ds.set(0x00189081, [Math.fround(0.1)], 'FL');
    ds.set('FrameIncrementPointer', [0x00181063]);
    ds.set(0x00189219, [-(2n ** 63n), -(2n ** 53n) - 1n, 5n], 'SV');
    ds.set('PixelData', Uint8Array.of(1, 2, 3, 4), 'OB');
    ds.set('AccessionNumber', null);
    expect(toDicomJson(ds)).toEqual({
      '00080008': { vr: 'CS', Value: ['ORIGINAL', null, 'AXIAL'] },
      '00080050': { vr: 'SH' },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^John', Ideographic: '山田^太郎' }] },
      '00180050': { vr: 'DS', Value: [2.5] },
      '00189081': { vr: 'FL', Value: [0.100000001] },
      '00189089': { vr: 'FD', Value: [0.3, -1e-5] },
      '00189219': { vr: 'SV', Value: ['-9223372036854775808', '-9007199254740993', 5] },
      '00200013': { vr: 'IS', Value: [7] },
      '00280010': { vr: 'US', Value: [512] },
      '00280009': { vr: 'AT', Value: ['00181063'] },
      '7FE00010': { vr: 'OB', InlineBinary: 'AQIDBA==' },
    });
  });

  test('reads values as stored: trimmed strings, IS/DS numbers or their text when invalid, nulls for empty values', () => {
    const ds = parseDataSet(
      concat(
        element(0x00080008, 'CS', str(' A \\B \\\\ ', 'CS')),
        element(0x00100010, 'PN', str(' Doe ^ John ^^^ = ^X^ \\\\^^', 'PN')),
        element(0x00100020, 'LO', str('  lead  ')),
        element(0x00180050, 'DS', str('0.12345678901234567', 'DS')),
        element(0x00180060, 'DS', str('+00.5\\-0.000\\ 5. \\abc\\1E+03', 'DS')),
        element(0x00200011, 'IS', str('+0012\\-0\\2147483648\\007', 'IS')),
        element(0x00204000, 'LT', str('  two\\lines  ', 'LT')),
        element(0x00321032, 'PN', str('^^^^', 'PN')),
      ),
      EXPLICIT_LE,
    );
    // The same as dcm2json (DCMTK 3.6.7) writes for these values.
    expect(toDicomJson(ds)).toEqual({
      '00080008': { vr: 'CS', Value: ['A', 'B', null, null] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^John', Ideographic: '^X' }, null, null] },
      '00100020': { vr: 'LO', Value: ['lead'] },
      '00180050': { vr: 'DS', Value: ['0.12345678901234567'] },
      '00180060': { vr: 'DS', Value: [0.5, -0, 5, 'abc', 1000] },
      '00200011': { vr: 'IS', Value: [12, -0, '2147483648', 7] },
      '00204000': { vr: 'LT', Value: ['  two\\lines'] },
      '00321032': { vr: 'PN' },
    });
  });

  test('binary values are little endian; an odd value read from a file gets its padding', () => {
    const be = parseDataSet(concat(element(0x00283006, 'OW', nums('u16', [0x0102, 0x0304], false), EBE)), EXPLICIT_BE);
    expect(toDicomJson(be)['00283006']).toEqual({ vr: 'OW', InlineBinary: encodeBase64(Uint8Array.of(2, 1, 4, 3)) });
    // An odd-length UN gets the 00H padding every Value Field has (PS3.5 7.1.1), as dcm2json writes it.
    const odd = parseDataSet(element(0x00090010, 'UN', ascii('abc')), EXPLICIT_LE);
    expect(toDicomJson(odd)['00090010']).toEqual({ vr: 'UN', InlineBinary: encodeBase64(ascii('abc\0')) });
  });

  test('UN keeps its bytes; an undefined-length UN sequence is written as SQ', () => {
    const ds = parseDataSet(
      concat(
        element(0x00100020, 'UN', ascii('ID12')),
        sequence(0x00091001, [element(0x00100020, 'LO', str('X'), ILE)], { undefinedLength: true, vr: 'UN' }),
      ),
      EXPLICIT_LE,
    );
    expect(toDicomJson(ds)).toEqual({
      '00091001': { vr: 'SQ', Value: [{ '00100020': { vr: 'LO', Value: ['X'] } }] },
      '00100020': { vr: 'UN', InlineBinary: 'SUQxMg==' },
    });
  });

  test('sequences: items as objects, an empty item as {}, an empty sequence with only "vr"', () => {
    const ds = parseDataSet(
      concat(sequence(0x00081140, [new Uint8Array(0), element(0x00081150, 'UI', str('1.2.3', 'UI'))]), sequence(0x00289505, [])),
      EXPLICIT_LE,
    );
    expect(toDicomJson(ds)).toEqual({
      '00081140': { vr: 'SQ', Value: [{}, { '00081150': { vr: 'UI', Value: ['1.2.3'] } }] },
      '00289505': { vr: 'SQ' },
    });
  });

  test('group lengths are dropped unless asked for; the character set can be declared UTF-8', () => {
    const ds = parseDataSet(concat(element(0x00080000, 'UL', nums('u32', [18])), element(0x00080005, 'CS', str('ISO_IR 100', 'CS'))), EXPLICIT_LE);
    expect(toDicomJson(ds)).toEqual({ '00080005': { vr: 'CS', Value: ['ISO_IR 100'] } });
    expect(toDicomJson(ds, { groupLengths: true, charsetAsUtf8: true })).toEqual({
      '00080000': { vr: 'UL', Value: [18] },
      '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    });
  });

  test('BulkDataURI from the callback, with the element path; Pixel Data by pixelDataURI', () => {
    const ds = parseDataSet(
      concat(
        sequence(0x00880200, [element(0x7fe00010, 'OB', Uint8Array.of(9, 9))]),
        element(0x7fe00010, 'OW', nums('u16', [1, 2])),
      ),
      EXPLICIT_LE,
    );
    const seen: number[][] = [];
    const json = toDicomJson(ds, {
      pixelDataURI: 'frames',
      bulkData: (el, at) => {
        seen.push([...at]);
        return el.vr === 'OB' ? `bulk/${at.join('.')}` : undefined;
      },
    });
    expect(json).toEqual({
      '00880200': { vr: 'SQ', Value: [{ '7FE00010': { vr: 'OB', BulkDataURI: `bulk/${0x00880200}.0.${0x7fe00010}` } }] },
      '7FE00010': { vr: 'OW', BulkDataURI: 'frames' },
    });
    expect(seen).toEqual([[0x00880200, 0, 0x7fe00010]]);
  });

  test('100,000 levels of nested sequences convert without exhausting the stack', () => {
    const depth = 100_000;
    const root = nestedSequences(depth);
    let deepest: number[] = [];
    const json = toDicomJson(root, { bulkData: (el, at) => (el.tag === 0x00080018 ? ((deepest = [...at]), undefined) : undefined) });
    let item = json;
    for (let i = 0; i < depth; i++) item = item['00081115']!.Value![0] as DicomJson;
    expect(item).toEqual({ '00080018': { vr: 'UI', Value: ['1.2.3'] } });
    expect(deepest).toHaveLength(2 * depth + 1);
    expect(deepest.slice(-3)).toEqual([0x00081115, 0, 0x00080018]);
  });

  test('encapsulated Pixel Data is OB and needs a BulkDataURI', () => {
    const file = parseDicom(
      concat(new Uint8Array(128), ascii('DICM'), element(0x00020010, 'UI', str('1.2.840.10008.1.2.4.50', 'UI')), encapsulatedPixelData([Uint8Array.of(1, 2)])),
    );
    expect(() => toDicomJson(file.dataset)).toThrow(DicomJsonError);
    expect(toDicomJson(file.dataset, { pixelDataURI: 'px' })).toEqual({ '7FE00010': { vr: 'OB', BulkDataURI: 'px' } });
  });

  test('a deferred value needs a BulkDataURI', async () => {
    const { readDicom } = await import('@dcmkit/core');
    const bytes = concat(new Uint8Array(128), ascii('DICM'), element(0x00020010, 'UI', str(EXPLICIT_LE, 'UI')), element(0x00091010, 'OB', new Uint8Array(64)));
    const file = await readDicom(new Blob([bytes]), { bulkThreshold: 16 });
    expect(() => toDicomJson(file.dataset)).toThrow(/deferred/);
    expect(toDicomJson(file.dataset, { bulkData: () => 'later' })['00091010']).toEqual({ vr: 'OB', BulkDataURI: 'later' });
  });
});

describe('fromDicomJson', () => {
  const json: DicomJson = {
    '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    '00080008': { vr: 'CS', Value: ['ORIGINAL', null] },
    '00080020': { vr: 'DA', Value: ['20240102'] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^John', Phonetic: 'do^jon' }, null] },
    '00180050': { vr: 'DS', Value: [2.5, null, '1A'] },
    '00189219': { vr: 'SV', Value: ['-9223372036854775808', 3] },
    '00280009': { vr: 'AT', Value: ['00181063'] },
    '00281050': { vr: 'DS', Value: [40] },
    '00400275': { vr: 'SQ', Value: [{ '00400007': { vr: 'LO', Value: ['Scan'] } }, {}] },
    '7FE00010': { vr: 'OW', BulkDataURI: 'https://example.org/px' },
    '00091010': { vr: 'OB', InlineBinary: 'AQID' },
    '00091011': { vr: 'UN' },
  };

  test('types the values as parsed data sets hold them', () => {
    const ds = fromDicomJson(json);
    expect(ds.get('PatientName')).toEqual(new PersonName('Doe^John', '', 'do^jon'));
    expect(ds.values('ImageType')).toEqual(['ORIGINAL', '']);
    expect(ds.get('StudyDate')?.toString()).toBe('20240102');
    expect(ds.values('SliceThickness')).toEqual([2.5, NaN, '1A']);
    expect(ds.values(0x00189219)).toEqual([-(2n ** 63n), 3n]);
    expect(ds.values('FrameIncrementPointer')).toEqual([0x00181063]);
    expect(ds.items(0x00400275)[0]?.getString(0x00400007)).toBe('Scan');
    expect(ds.items(0x00400275)[1]?.size).toBe(0);
    expect(ds.values(0x00091010)).toEqual([Uint8Array.of(1, 2, 3)]);
    expect(ds.element('PixelData')?.bulkDataURI).toBe('https://example.org/px');
    expect(ds.element('PixelData')?.vr).toBe('OW');
    expect(ds.values('PixelData')).toEqual([]);
    expect(ds.items(0x00400275)[0]?.parent).toBe(ds);
  });

  test('round trip: toDicomJson(fromDicomJson(x)) equals x', () => {
    expect(toDicomJson(fromDicomJson(json), { groupLengths: true })).toEqual(json);
  });

  test('rejects malformed JSON with a typed error naming the tag', () => {
    const bad = (j: unknown) => () => fromDicomJson(j as DicomJson);
    expect(bad({ '0010001': { vr: 'PN' } })).toThrow(DicomParseError);
    expect(bad({ '00100010': { vr: 'XX' } })).toThrow(/vr/);
    expect(bad({ '00100010': {} })).toThrow(/\(0010,0010\)/);
    expect(bad({ '00091010': { vr: 'OB', InlineBinary: '%%' } })).toThrow(/base64/);
    expect(bad({ '00280009': { vr: 'AT', Value: ['0018'] } })).toThrow(/AT/);
    expect(bad({ '00280010': { vr: 'US', Value: ['x'] } })).toThrow(/number/);
    expect(bad({ '00400275': { vr: 'SQ', Value: [[1]] } })).toThrow(/object/);
    expect(bad([])).toThrow(DicomParseError);
  });
});

describe('formatDicomJson', () => {
  test("dcm2json's layout: two-space indent, tag order, PN objects, empty items, final newline", () => {
    const text = formatDicomJson({
      '00100020': { vr: 'LO', Value: ['A"\\\u001b'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe', Ideographic: 'X' }, null] },
      '00081140': { vr: 'SQ', Value: [{}] },
      '00080050': { vr: 'SH' },
    });
    expect(text).toBe(
      [
        '{',
        '  "00080050": {',
        '    "vr": "SH"',
        '  },',
        '  "00081140": {',
        '    "vr": "SQ",',
        '    "Value": [',
        '      {}',
        '    ]',
        '  },',
        '  "00100010": {',
        '    "vr": "PN",',
        '    "Value": [',
        '      {',
        '        "Alphabetic": "Doe",',
        '        "Ideographic": "X"',
        '      },',
        '      null',
        '    ]',
        '  },',
        '  "00100020": {',
        '    "vr": "LO",',
        '    "Value": [',
        '      "A\\"\\\\\\u001b"',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('FL and FD with the digits dcm2json prints (checked against DCMTK 3.6.7 on 40,000 values)', () => {
    const values = (vr: string, v: number[]) => formatDicomJson({ '00189089': { vr, Value: v } }).split('\n').slice(4, -4).map((s) => s.trim().replace(/,$/, ''));
    const f32 = (x: number) => Math.fround(x);
    expect(values('FL', [0.1, 1e-7, 3, -2.5e30, 1e8, 1e-5, 123456.789, 1e16, 179.0357971, -77.2040634].map(f32))).toEqual([
      '0.100000001', '1.00000001e-07', '3', '-2.49999996e30', '100000000', '9.99999975e-06', '123456.789', '1.00000003e16', '179.0357971', '-77.2040634',
    ]);
    // 0.02622878766196998 prints as 0.026228787661969974, which reads back one binary64 step away.
    expect(values('FD', [0.3, 1e-5, 1e16, 1e17, 0.02622878766196998, 1.899999976158142, 0.00012300000000000002, 65506911.277770996, 0.0096427366086495336])).toEqual([
      '0.3', '1e-05', '10000000000000000', '1e17', '0.026228787661969974', '1.8999999761581421', '0.00012300000000000002', '65506911.277770996', '0.0096427366086495336',
    ]);
  });

  test('IS/DS numbers keep the text they had in the data set', () => {
    const ds = parseDataSet(element(0x00180060, 'DS', str('5.000000\\-0.0\\+1E+03\\.5', 'DS')), EXPLICIT_LE);
    expect(formatDicomJson(toDicomJson(ds))).toContain('      5.000000,\n      -0.0,\n      1E03,\n      0.5\n');
  });

  test('IS/DS numbers printed as the data set has them, be it the number\'s own text or not', () => {
    const ds = parseDataSet(
      concat(element(0x00180050, 'DS', str('5.\\1e-05\\0.70\\0.7\\-12', 'DS')), element(0x00200011, 'IS', str('007\\-0\\12', 'IS'))),
      EXPLICIT_LE,
    );
    const text = formatDicomJson(toDicomJson(ds));
    expect(text).toContain('      5.0,\n      1e-05,\n      0.70,\n      0.7,\n      -12\n');
    expect(text).toContain('      7,\n      -0,\n      12\n');
  });

  test('writes deeply nested items in order', () => {
    const depth = 500;
    const text = formatDicomJson(toDicomJson(nestedSequences(depth)));
    expect(text.match(/"00081115"/g)).toHaveLength(depth);
    expect(JSON.parse(text)).toEqual(toDicomJson(nestedSequences(depth)));
  });
});

describe('the corpus reference JSON round-trips through a DataSet', () => {
  const corpus = path.resolve(fileURLToPath(import.meta.url), '../../../../../shared/corpus');
  const manifest: { path: string; json: string | null }[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
  test.each(manifest.filter((r) => r.json).map((r) => [r.path, r.json!] as const))('%s', (_, json) => {
    const reference: DicomJson = JSON.parse(readFileSync(path.join(corpus, json), 'utf8'));
    expect(toDicomJson(fromDicomJson(reference))).toEqual(reference);
  });
});

test('implicit VR little endian data sets convert like explicit ones', () => {
  const ds = parseDataSet(concat(element(0x00100010, 'PN', str('Doe^Jane'), ILE), element(0x00280010, 'US', nums('u16', [4]), ILE)), IMPLICIT_LE);
  expect(toDicomJson(ds)).toEqual({ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] }, '00280010': { vr: 'US', Value: [4] } });
});
