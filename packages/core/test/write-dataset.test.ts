// writeDataSet / writeDicom against hand-built bytes (test/fixtures/builder.ts): framing, File Meta
// Information, raw bytes kept, byte swapping, sequences, group lengths, deflate, encapsulation.
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'fflate';
import {
  DataSet,
  DicomWriteError,
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
  PersonName,
  TransferSyntax,
  parseDataSet,
  parseDicom,
  writeDataSet,
  writeDicom,
} from '@dcmkit/core';
import {
  EBE,
  ELE,
  ILE,
  INSTANCE_UID,
  ITEM,
  SEQ_END,
  SC_STORAGE,
  UNDEFINED,
  ascii,
  concat,
  element,
  encapsulatedPixelData,
  header,
  item,
  marker,
  nums,
  part10,
  sequence,
  str,
  type Enc,
} from './fixtures/builder.js';

const ts = (enc: Enc) =>
  !enc.explicitVR ? TransferSyntax.ImplicitVRLittleEndian : enc.littleEndian ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ExplicitVRBigEndian;
const rewrite = (bytes: Uint8Array, from: Enc, to: Enc) => writeDataSet(parseDataSet(bytes, ts(from)), ts(to));

/** One element of each binary VR and some text, in any encoding: the expected output of every transcoding. */
const SAMPLE: [number, string, (le: boolean) => Uint8Array][] = [
  [0x00080070, 'LO', () => str('ACME')],
  [0x0008040c, 'UV', (le) => nums('u64', [2n ** 40n + 3n], le)],
  [0x00080427, 'UL', (le) => nums('u32', [70000, 1], le)],
  [0x00090010, 'LO', () => str('DCMKIT TEST')],
  [0x00091001, 'UN', () => Uint8Array.of(1, 2, 3, 4)],
  [0x00109431, 'FL', (le) => nums('f32', [1.25], le)],
  [0x00142210, 'OB', () => Uint8Array.of(1, 2, 3, 4)],
  [0x00186020, 'SL', (le) => nums('i32', [-5], le)],
  [0x00189219, 'SS', (le) => nums('i16', [-2, 7], le)],
  [0x00209165, 'AT', (le) => nums('u16', [0x0010, 0x0020, 0x0028, 0x0010], le)],
  [0x00280010, 'US', (le) => nums('u16', [512], le)],
  [0x00281201, 'OW', (le) => nums('u16', [1, 0x0203], le)],
  [0x00640009, 'OF', (le) => nums('f32', [1.5, -2], le)],
  [0x00660022, 'OD', (le) => nums('f64', [0.1], le)],
  [0x00660040, 'OL', (le) => nums('u32', [0x01020304], le)],
  [0x00720081, 'OV', (le) => nums('u64', [0x0102030405060708n], le)],
  [0x00720082, 'SV', (le) => nums('i64', [-3n], le)],
];
const sample = (enc: Enc) => concat(...SAMPLE.map(([tag, vr, value]) => element(tag, vr, value(enc.littleEndian), enc)));

describe('transcoding keeps raw bytes, swapping binary values by their VR (PS3.5 7.3)', () => {
  for (const from of [ILE, ELE, EBE]) {
    for (const to of [ILE, ELE, EBE]) {
      it(`${ts(from)} -> ${ts(to)}`, () => {
        expect(rewrite(sample(from), from, to)).toEqual(sample(to));
      });
    }
  }

  it('swaps private elements by the VR read from an explicit VR data set', () => {
    const le = element(0x00091002, 'US', nums('u16', [7, 8]), ELE);
    expect(rewrite(concat(element(0x00090010, 'LO', str('X')), le), ELE, EBE)).toEqual(
      concat(element(0x00090010, 'LO', str('X'), EBE), element(0x00091002, 'US', nums('u16', [7, 8], false), EBE)),
    );
  });

  it('keeps odd-length and malformed values as they are', () => {
    const odd = element(0x00100010, 'PN', ascii('Doe'));
    expect(rewrite(odd, ELE, ELE)).toEqual(odd);
    const shortUS = element(0x00280010, 'US', Uint8Array.of(1, 2, 3));
    expect(rewrite(shortUS, ELE, EBE)).toEqual(element(0x00280010, 'US', Uint8Array.of(2, 1, 3), EBE));
  });

  it('writes a value too long for its VR’s 16-bit length as UN, little endian even in big endian (PS3.5 6.2.2)', () => {
    const lut = nums('u16', Array.from({ length: 40000 }, (_, i) => i), true);
    const implicit = element(0x00283006, 'US', lut, ILE);
    expect(rewrite(implicit, ILE, EBE)).toEqual(element(0x00283006, 'UN', lut, EBE));
    expect(rewrite(implicit, ILE, ELE)).toEqual(element(0x00283006, 'UN', lut, ELE));
  });

  it('keeps the Data Set Trailing Padding (FFFC,FFFC)', () => {
    const padded = concat(element(0x00100010, 'PN', str('Doe')), element(0xfffcfffc, 'OB', new Uint8Array(6)));
    expect(rewrite(padded, ELE, ELE)).toEqual(padded);
  });
});

describe('sequences and items (PS3.5 7.5)', () => {
  const content = (enc: Enc) => element(0x00080100, 'SH', str('T-D1100'), enc);
  const forms = [
    { undefinedLength: false, undefinedItems: false },
    { undefinedLength: true, undefinedItems: false },
    { undefinedLength: false, undefinedItems: true },
    { undefinedLength: true, undefinedItems: true },
  ];

  for (const form of forms) {
    it(`keeps ${form.undefinedLength ? 'undefined' : 'defined'}-length sequences of ${form.undefinedItems ? 'undefined' : 'defined'}-length items in every encoding`, () => {
      const seq = (enc: Enc) => sequence(0x00082218, [content(enc), content(enc)], form, enc);
      for (const from of [ILE, ELE, EBE]) for (const to of [ILE, ELE, EBE]) expect(rewrite(seq(from), from, to)).toEqual(seq(to));
    });
  }

  it('recomputes a defined length after an item changed', () => {
    const ds = parseDataSet(sequence(0x00082218, [content(ELE)]), ts(ELE));
    ds.items(0x00082218)[0]!.set('CodeMeaning', 'Abdomen');
    const expected = sequence(0x00082218, [concat(content(ELE), element(0x00080104, 'LO', str('Abdomen')))]);
    expect(writeDataSet(ds, ts(ELE))).toEqual(expected);
  });

  it('writes created sequences with undefined length, items as they are flagged', () => {
    const ds = new DataSet();
    const code = ds.createItem();
    code.set('CodeValue', 'T-D1100', 'SH');
    const flagged = ds.createItem();
    flagged.undefinedLength = true;
    ds.set('AnatomicRegionSequence', [code, flagged]);
    const expected = concat(
      header(0x00082218, 'SQ', UNDEFINED),
      item(content(ELE)),
      item(new Uint8Array(0), true),
      marker(SEQ_END, 0),
    );
    expect(writeDataSet(ds, ts(ELE))).toEqual(expected);
  });

  it('rejects sequence items that are not data sets', () => {
    const ds = new DataSet();
    ds.set(0x00082218, [{ CodeValue: 'T-D1100' }], 'SQ');
    expect(() => writeDataSet(ds, ts(ELE))).toThrow(/\(0008,2218\).*DataSet items/);
  });

  it('writes an undefined-length UN holding a sequence back as UN with implicit VR little endian items (PS3.5 6.2.2)', () => {
    const un = (enc: Enc) =>
      concat(header(0x00091010, 'UN', UNDEFINED, enc), item(element(0x00100010, 'PN', str('Doe'), ILE), true, true), marker(SEQ_END, 0, true));
    const file = concat(element(0x00090010, 'LO', str('DCMKIT TEST')), un(ELE));
    const ds = parseDataSet(file, ts(ELE));
    expect(ds.element(0x00091010)!.vr).toBe('UN');
    expect(writeDataSet(ds, ts(ELE))).toEqual(file);
    expect(writeDataSet(ds, ts(EBE))).toEqual(concat(element(0x00090010, 'LO', str('DCMKIT TEST'), EBE), un(EBE)));
  });

  it('writes items created detached with the enclosing data set’s character set', () => {
    const ds = new DataSet();
    ds.set('SpecificCharacterSet', 'ISO_IR 192');
    const detached = new DataSet();
    detached.set('PatientName', 'Jérôme');
    ds.set('OtherPatientIDsSequence', [detached]);
    const back = parseDataSet(writeDataSet(ds, ts(ELE)), ts(ELE));
    expect(back.items('OtherPatientIDsSequence')[0]!.getString('PatientName')).toBe('Jérôme');
  });

  it('rejects sequences nested deeper than the writer follows, with a typed error', () => {
    const nest = (depth: number) => {
      const root = new DataSet();
      let ds = root;
      for (let i = 0; i < depth; i++) {
        const inner = new DataSet();
        ds.set('ContentSequence', [inner]);
        ds = inner;
      }
      return root;
    };
    expect(parseDataSet(writeDataSet(nest(256), ts(ELE)), ts(ELE)).items('ContentSequence')).toHaveLength(1);
    expect(() => writeDataSet(nest(257), ts(ELE))).toThrow(/\(0040,A730\).*nested at most 256 deep/);
    expect(() => writeDataSet(nest(5000), ts(ELE))).toThrow(DicomWriteError);
  });
});

describe('group lengths (PS3.5 7.2)', () => {
  it('recomputes (gggg,0000), as dcmconv does by default (+g=)', () => {
    const rest = concat(element(0x00080016, 'UI', str(SC_STORAGE, 'UI')), element(0x00080060, 'CS', str('OT')));
    const right = concat(element(0x00080000, 'UL', nums('u32', [rest.length])), rest);
    const wrong = concat(element(0x00080000, 'UL', nums('u32', [4])), rest);
    expect(rewrite(right, ELE, ELE)).toEqual(right);
    expect(rewrite(wrong, ELE, ELE)).toEqual(right);
    const ds = parseDataSet(right, ts(ELE));
    ds.set('Modality', 'MR');
    expect(parseDataSet(writeDataSet(ds, ts(EBE)), ts(EBE)).getNumber(0x00080000)).toBe(rest.length);
  });
});

describe('Part 10 files (PS3.10 7.1)', () => {
  const created = () => {
    const ds = new DataSet();
    ds.set('SOPClassUID', SC_STORAGE);
    ds.set('SOPInstanceUID', INSTANCE_UID);
    ds.set('PatientName', PersonName.fromComponents({ familyName: 'Doe' }));
    return ds;
  };

  it('writes a zero preamble, "DICM" and the File Meta Information of Table 7.1-1', () => {
    const bytes = writeDicom({ dataset: created() });
    const rest = concat(
      element(0x00020001, 'OB', Uint8Array.of(0, 1)),
      element(0x00020002, 'UI', str(SC_STORAGE, 'UI')),
      element(0x00020003, 'UI', str(INSTANCE_UID, 'UI')),
      element(0x00020010, 'UI', str(TransferSyntax.ExplicitVRLittleEndian, 'UI')),
      element(0x00020012, 'UI', str(IMPLEMENTATION_CLASS_UID, 'UI')),
      element(0x00020013, 'SH', str(IMPLEMENTATION_VERSION_NAME)),
    );
    const meta = concat(element(0x00020000, 'UL', nums('u32', [rest.length])), rest);
    const body = concat(
      element(0x00080016, 'UI', str(SC_STORAGE, 'UI')),
      element(0x00080018, 'UI', str(INSTANCE_UID, 'UI')),
      element(0x00100010, 'PN', str('Doe')),
    );
    expect(bytes).toEqual(concat(new Uint8Array(128), ascii('DICM'), meta, body));
    expect(IMPLEMENTATION_CLASS_UID).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(IMPLEMENTATION_CLASS_UID.length).toBeLessThanOrEqual(64);
  });

  it('keeps a given preamble and rejects one that is not 128 bytes', () => {
    const preamble = new Uint8Array(128).fill(7);
    expect(writeDicom({ dataset: created(), preamble }).subarray(0, 132)).toEqual(concat(preamble, ascii('DICM')));
    expect(() => writeDicom({ dataset: created(), preamble: new Uint8Array(12) })).toThrow(/128-byte File Preamble/);
  });

  it('reproduces an unchanged file byte for byte, its meta included', () => {
    const file = part10(TransferSyntax.ExplicitVRLittleEndian, sample(ELE));
    expect(writeDicom(parseDicom(file))).toEqual(file);
  });

  it('names dcmkit as the implementation once the data set changes, and keeps other meta elements', () => {
    const withAE = parseDicom(part10(TransferSyntax.ExplicitVRLittleEndian, sample(ELE)));
    withAE.meta.set('SourceApplicationEntityTitle', 'MODALITY1');
    const edits: [string, (f: typeof withAE) => void][] = [
      ['set', (f) => f.dataset.set('SOPInstanceUID', '1.2.3.99')],
      ['delete', (f) => f.dataset.delete(0x00080070)],
    ];
    for (const [, edit] of edits) {
      const f = parseDicom(writeDicom(withAE));
      edit(f);
      const meta = parseDicom(writeDicom(f)).meta;
      expect(meta.getString('ImplementationClassUID')).toBe(IMPLEMENTATION_CLASS_UID);
      expect(meta.getString('ImplementationVersionName')).toBe(IMPLEMENTATION_VERSION_NAME);
      expect(meta.getString('SourceApplicationEntityTitle')).toBe('MODALITY1');
    }
    const changed = parseDicom(writeDicom(withAE));
    changed.dataset.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
    changed.dataset.set('SOPInstanceUID', '1.2.3.99');
    const meta = parseDicom(writeDicom(changed, { transferSyntax: TransferSyntax.ExplicitVRBigEndian })).meta;
    expect(meta.getString('MediaStorageSOPClassUID')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(meta.getString('MediaStorageSOPInstanceUID')).toBe('1.2.3.99');
    expect(meta.getString('TransferSyntaxUID')).toBe(TransferSyntax.ExplicitVRBigEndian);
  });

  it('writes the File Meta Information explicit VR little endian whatever the data set syntax', () => {
    const bytes = writeDicom({ dataset: created() }, { transferSyntax: TransferSyntax.ImplicitVRLittleEndian });
    expect(bytes.subarray(132, 140)).toEqual(concat(nums('u16', [2, 0]), ascii('UL'), nums('u16', [4])));
    const f = parseDicom(bytes);
    expect(f.warnings).toEqual([]);
    expect(f.dataset.encoding.explicitVR).toBe(false);
    expect(f.dataset.getString('PatientName')).toBe('Doe');
  });
});

describe('Deflated Explicit VR Little Endian (PS3.5 A.5)', () => {
  it('writes the data set as a raw DEFLATE stream of even length', () => {
    const ds = parseDataSet(sample(ELE), ts(ELE));
    const deflated = writeDataSet(ds, TransferSyntax.DeflatedExplicitVRLittleEndian);
    expect(deflated.length % 2).toBe(0);
    expect(inflateSync(deflated)).toEqual(sample(ELE));
  });

  it('keeps the File Meta Information uncompressed', () => {
    const file = writeDicom(parseDicom(part10(TransferSyntax.ExplicitVRBigEndian, sample(EBE))), {
      transferSyntax: TransferSyntax.DeflatedExplicitVRLittleEndian,
    });
    const f = parseDicom(file);
    expect(f.deflated).toBe(true);
    expect(f.meta.getString('TransferSyntaxUID')).toBe(TransferSyntax.DeflatedExplicitVRLittleEndian);
    expect(writeDataSet(f.dataset, ts(ELE))).toEqual(sample(ELE));
  });
});

describe('encapsulated Pixel Data (PS3.5 A.4)', () => {
  const jpeg = TransferSyntax.JPEGBaseline8Bit;
  const frames = [Uint8Array.of(0xff, 0xd8, 1, 0xff, 0xd9, 0), Uint8Array.of(0xff, 0xd8, 2, 3, 0xff, 0xd9)];
  const body = concat(element(0x00280010, 'US', nums('u16', [1])), encapsulatedPixelData(frames, [0, 14]));

  it('passes the Basic Offset Table and fragments through', () => {
    const file = part10(jpeg, body);
    expect(writeDicom(parseDicom(file))).toEqual(file);
  });

  it('writes created encapsulated Pixel Data from one Uint8Array per fragment', () => {
    const ds = parseDataSet(element(0x00280010, 'US', nums('u16', [1])), ts(ELE));
    const el = ds.set('PixelData', frames, 'OB');
    el.encapsulated = { basicOffsetTable: [0, 14], fragments: [] };
    expect(writeDataSet(ds, jpeg)).toEqual(body);
  });

  it('refuses to write encapsulated Pixel Data in a native syntax, and native Pixel Data in an encapsulated one', () => {
    const f = parseDicom(part10(jpeg, body));
    expect(() => writeDicom(f, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian })).toThrow(/\(7FE0,0010\).*decompress/);
    const native = parseDataSet(element(0x7fe00010, 'OW', new Uint8Array(4)), ts(ELE));
    expect(() => writeDataSet(native, jpeg)).toThrow(/\(7FE0,0010\).*compress it/);
  });
});
