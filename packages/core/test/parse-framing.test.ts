// Part 10 framing (PS3.10 7.1): preamble, "DICM", File Meta, then the data set in its Transfer Syntax;
// raw data sets; deflated data sets (PS3.5 A.5); encapsulated Pixel Data (PS3.5 A.4); read options.
import { describe, expect, test } from 'vitest';
import { TransferSyntax, parseDicom, type DicomFile } from '@dcmkit/core';
import {
  EBE,
  ELE,
  ILE,
  concat,
  element,
  encapsulatedPixelData,
  fileMeta,
  header,
  nums,
  part10,
  sequence,
  str,
  ascii,
  type Enc,
} from './fixtures/builder.js';

const TS = TransferSyntax;

/** A small image data set in `enc`: a few attributes, a sequence, native Pixel Data, trailing padding. */
function image(enc: Enc, pixels = Uint8Array.of(1, 2, 3, 4)): Uint8Array {
  const le = enc.littleEndian;
  return concat(
    element(0x00080016, 'UI', str('1.2.840.10008.5.1.4.1.1.7', 'UI'), enc),
    element(0x00080060, 'CS', str('OT'), enc),
    sequence(0x00081140, [element(0x00081155, 'UI', str('1.2.3', 'UI'), enc)], { undefinedLength: true }, enc),
    element(0x00100010, 'PN', str('Doe^Jane'), enc),
    element(0x00280010, 'US', nums('u16', [2], le), enc),
    element(0x00280011, 'US', nums('u16', [2], le), enc),
    element(0x7fe00010, 'OW', pixels, enc),
    element(0xfffcfffc, 'OB', new Uint8Array(4), enc),
  );
}

function expectImage(f: DicomFile) {
  const ds = f.dataset;
  expect(ds.get('Modality')).toBe('OT');
  expect(ds.get('Rows')).toBe(2);
  expect(String(ds.get('PatientName'))).toBe('Doe^Jane');
  expect(ds.get('ReferencedImageSequence')![0]!.get('ReferencedSOPInstanceUID')).toBe('1.2.3');
  expect(ds.get('PixelData')).toEqual(Uint8Array.of(1, 2, 3, 4));
  expect(ds.size).toBe(8);
}

const NATIVE: [string, Enc][] = [
  [TS.ImplicitVRLittleEndian, ILE],
  [TS.ExplicitVRLittleEndian, ELE],
  [TS.ExplicitVRBigEndian, EBE],
];

describe('Part 10 files', () => {
  test.each(NATIVE)('%s', (ts, enc) => {
    const meta = fileMeta(ts);
    const f = parseDicom(part10(ts, image(enc)));
    expect(f.warnings).toEqual([]);
    expect(f.preamble).toHaveLength(128);
    expect(f.transferSyntax).toBe(ts);
    expect(f.meta.get('TransferSyntaxUID')).toBe(ts);
    expect(f.meta.get('FileMetaInformationGroupLength')).toBe(meta.length - 12);
    expect(f.meta.size).toBe(6);
    expect(f.datasetOffset).toBe(132 + meta.length);
    expect(f.dataset.encoding).toMatchObject(enc);
    expect(f.dataset.element('Modality')!.offset).toBeGreaterThan(f.datasetOffset);
    expectImage(f);
  });

  test('Deflated Explicit VR Little Endian: the data set is inflated (PS3.5 A.5)', () => {
    const ts = TS.DeflatedExplicitVRLittleEndian;
    const f = parseDicom(part10(ts, image(ELE)));
    expect(f.deflated).toBe(true);
    expect(f.transferSyntax).toBe(ts);
    expect(f.datasetOffset).toBe(132 + fileMeta(ts).length);
    // Offsets refer to the inflated stream, which is the file's source for deferred reads.
    const el = f.dataset.element('PixelData')!;
    expect(f.source.size).toBe(image(ELE).length);
    expect(el.offset + el.length).toBe(image(ELE).length - 16);
    expectImage(f);
  });

  test('a corrupt deflate stream is a DicomParseError at the data set offset', () => {
    const ts = TS.DeflatedExplicitVRLittleEndian;
    const bytes = concat(new Uint8Array(128), ascii('DICM'), fileMeta(ts), new Uint8Array(16).fill(0xff));
    expect(() => parseDicom(bytes, { name: 'x.dcm' })).toThrow(
      expect.objectContaining({ name: 'DicomParseError', offset: 132 + fileMeta(ts).length, source: 'x.dcm' }),
    );
  });

  test('encapsulated Pixel Data: Basic Offset Table and fragments by offset (PS3.5 A.4)', () => {
    const frag1 = Uint8Array.of(0xff, 0xd8, 1, 2, 0xff, 0xd9);
    const frag2 = Uint8Array.of(0xff, 0xd8, 3, 0xff, 0xd9, 0);
    const ds = concat(
      element(0x00280010, 'US', nums('u16', [1])),
      encapsulatedPixelData([frag1, frag2], [0, 14]),
    );
    const bytes = part10(TS.JPEGBaseline8Bit, ds);
    const f = parseDicom(bytes);
    const px = f.dataset.element('PixelData')!;
    expect(px.vr).toBe('OB');
    expect(px.undefinedLength).toBe(true);
    expect(px.encapsulated!.basicOffsetTable).toEqual([0, 14]);
    const frags = px.encapsulated!.fragments;
    expect(frags.map((g) => g.length)).toEqual([6, 6]);
    expect(bytes.subarray(frags[0]!.offset, frags[0]!.offset + 6)).toEqual(frag1);
    expect(bytes.subarray(frags[1]!.offset, frags[1]!.offset + 6)).toEqual(frag2);
  });

  test('encapsulated Pixel Data of an icon inside a sequence item', () => {
    const icon = concat(element(0x00280010, 'US', nums('u16', [8])), encapsulatedPixelData([Uint8Array.of(0xff, 0xd8, 0xff, 0xd9)]));
    const ds = concat(sequence(0x00880200, [icon], { undefinedLength: true }), encapsulatedPixelData([Uint8Array.of(1, 2)]));
    const f = parseDicom(part10(TS.JPEGBaseline8Bit, ds));
    expect(f.warnings).toEqual([]);
    const item = f.dataset.items('IconImageSequence')[0]!;
    expect(item.get('Rows')).toBe(8);
    expect(item.element('PixelData')!.encapsulated!.fragments.map((g) => g.length)).toEqual([4]);
    expect(f.dataset.element('PixelData')!.encapsulated!.fragments.map((g) => g.length)).toEqual([2]);
  });

  test('no preamble, file starts with "DICM": read with a warning', () => {
    const f = parseDicom(part10(TS.ExplicitVRLittleEndian, image(ELE), { preamble: false }));
    expect(f.preamble).toBeUndefined();
    expect(f.warnings.map((w) => w.message)).toEqual(['no preamble: file starts with "DICM"']);
    expectImage(f);
  });

  test('no preamble and no "DICM": File Meta at offset 0 is still recognised', () => {
    const f = parseDicom(concat(fileMeta(TS.ImplicitVRLittleEndian), image(ILE)));
    expect(f.meta.get('TransferSyntaxUID')).toBe(TS.ImplicitVRLittleEndian);
    expect(f.dataset.encoding).toMatchObject(ILE);
    expectImage(f);
  });

  test('File Meta without a Transfer Syntax UID: the data set encoding is detected, with a warning', () => {
    const f = parseDicom(concat(new Uint8Array(128), ascii('DICM'), fileMeta(undefined), image(ILE)));
    expect(f.transferSyntax).toBe(TS.ImplicitVRLittleEndian);
    expect(f.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^no Transfer Syntax UID: detected/)]);
    expectImage(f);
  });

  test('"DICM" but no File Meta: warning, data set detected', () => {
    const f = parseDicom(concat(new Uint8Array(128), ascii('DICM'), image(ELE)));
    expect(f.meta.size).toBe(0);
    expect(f.transferSyntax).toBe(TS.ExplicitVRLittleEndian);
    expect(f.warnings.map((w) => w.message)).toContain('no File Meta Information after "DICM"');
    expectImage(f);
  });
});

describe('raw data sets (no preamble, no File Meta)', () => {
  test.each(NATIVE)('%s given as the transferSyntax option', (ts, enc) => {
    const f = parseDicom(image(enc), { transferSyntax: ts });
    expect(f.meta.size).toBe(0);
    expect(f.preamble).toBeUndefined();
    expect(f.datasetOffset).toBe(0);
    expect(f.transferSyntax).toBe(ts);
    expect(f.warnings).toEqual([]);
    expectImage(f);
  });

  test.each(NATIVE)('%s detected from the bytes', (ts, enc) => {
    const f = parseDicom(image(enc));
    expect(f.transferSyntax).toBe(ts);
    expect(f.dataset.encoding).toMatchObject(enc);
    expectImage(f);
  });

  test('deflated raw data set with the transferSyntax option', () => {
    const deflated = part10(TS.DeflatedExplicitVRLittleEndian, image(ELE)).subarray(132 + fileMeta(TS.DeflatedExplicitVRLittleEndian).length);
    const f = parseDicom(deflated, { transferSyntax: TS.DeflatedExplicitVRLittleEndian });
    expect(f.deflated).toBe(true);
    expectImage(f);
  });

  test('an encapsulated syntax reads as explicit VR little endian with fragments', () => {
    const f = parseDicom(concat(element(0x00080060, 'CS', str('OT')), encapsulatedPixelData([Uint8Array.of(1, 2)])), {
      transferSyntax: TS.RLELossless,
    });
    expect(f.dataset.element('PixelData')!.encapsulated!.fragments).toHaveLength(1);
    expect(f.dataset.element('PixelData')!.encapsulated!.basicOffsetTable).toEqual([]);
  });
});

describe('read options', () => {
  const bytes = part10(TS.ExplicitVRLittleEndian, image(ELE));
  const pixelHeaderOffset = (() => {
    const f = parseDicom(bytes);
    return f.dataset.element('PixelData')!.offset - 12;
  })();

  test('stopBeforePixelData leaves Pixel Data and what follows unread', () => {
    const f = parseDicom(bytes, { stopBeforePixelData: true });
    expect(f.dataset.has('PixelData')).toBe(false);
    expect(f.dataset.has(0xfffcfffc)).toBe(false);
    expect(f.dataset.size).toBe(6);
    expect(f.stoppedAt).toBe(pixelHeaderOffset);
    expect(f.dataset.get('Rows')).toBe(2);
  });

  test('stopBeforePixelData also stops at Float and Double Float Pixel Data', () => {
    const ds = concat(element(0x00280010, 'US', nums('u16', [1])), element(0x7fe00008, 'OF', nums('f32', [1])));
    const f = parseDicom(ds, { transferSyntax: TS.ExplicitVRLittleEndian, stopBeforePixelData: true });
    expect(f.dataset.tags()).toEqual([0x00280010]);
    expect(f.stoppedAt).toBe(10);
  });

  test('tags keeps only the listed top-level elements and stops after the largest', () => {
    const f = parseDicom(bytes, { tags: [0x00080060, 0x00081140, 0x00280010] });
    expect(f.dataset.tags()).toEqual([0x00080060, 0x00081140, 0x00280010]);
    // Items keep all their elements.
    expect(f.dataset.items(0x00081140)[0]!.size).toBe(1);
    expect(f.stoppedAt).toBeDefined();
    expect(f.stoppedAt!).toBeLessThan(pixelHeaderOffset);
  });

  test('without options the whole file is read and stoppedAt is undefined', () => {
    expect(parseDicom(bytes).stoppedAt).toBeUndefined();
  });

  test('the File Meta is read whatever the options', () => {
    expect(parseDicom(bytes, { tags: [0x00280010] }).meta.get('TransferSyntaxUID')).toBe(TS.ExplicitVRLittleEndian);
  });

  test('element offsets point at their value bytes in the file', () => {
    const f = parseDicom(bytes);
    for (const el of f.dataset) {
      if (el.undefinedLength) continue;
      expect(el.bytes).toEqual(bytes.subarray(el.offset, el.offset + el.length));
    }
    expect(header(0x7fe00010, 'OW', 4)).toEqual(bytes.subarray(pixelHeaderOffset, pixelHeaderOffset + 12));
  });
});
