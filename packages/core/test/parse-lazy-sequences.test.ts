// Long top-level sequences are skimmed at read time (every check, nothing built) and their items
// parsed on first access: the same items, warnings and errors as a parse that builds them at once.
import { describe, expect, test } from 'vitest';
import { DicomParseError, MemorySource, TransferSyntax, parseDicom, readDicom, writeDataSet } from '@dcmkit/core';
import { EBE, ELE, ILE, SEQ_END, UNDEFINED, ascii, concat, element, item, marker, sequence, str, type Enc } from './fixtures/builder.js';

const SYNTAX = new Map<Enc, string>([
  [ILE, TransferSyntax.ImplicitVRLittleEndian],
  [ELE, TransferSyntax.ExplicitVRLittleEndian],
  [EBE, TransferSyntax.ExplicitVRBigEndian],
]);
const REFERENCED_IMAGE_SEQUENCE = 0x00081140;
const ITEMS = 300;
const uid = (i: number) => `1.2.840.99.${i}`;

/** One item of the Referenced Image Sequence: ~60 bytes, so 300 of them are far past the lazy threshold. */
const refItem = (i: number, enc: Enc, extra = new Uint8Array(0)) =>
  concat(element(0x00081150, 'UI', str('1.2.840.10008.5.1.4.1.1.2', 'UI'), enc), element(0x00081155, 'UI', str(uid(i), 'UI'), enc), extra);

/** Modality, a long Referenced Image Sequence (item `odd` given `extra` content), then Patient's Name. */
function dataSet(enc: Enc, layout: { undefinedLength?: boolean; undefinedItems?: boolean } = {}, extra?: { at: number; content: Uint8Array }) {
  const items = Array.from({ length: ITEMS }, (_, i) => refItem(i, enc, extra?.at === i ? extra.content : undefined));
  return concat(
    element(0x00080060, 'CS', str('CT'), enc),
    sequence(REFERENCED_IMAGE_SEQUENCE, items, layout, enc),
    element(0x00100010, 'PN', str('After^Sequence'), enc),
  );
}

/** Defined or undefined length, for the sequence and for its items. */
const LAYOUTS = [false, true].flatMap((undefinedLength) => [false, true].map((undefinedItems) => ({ undefinedLength, undefinedItems })));

describe.each([
  ['explicit VR LE', ELE],
  ['explicit VR BE', EBE],
  ['implicit VR LE (built at once)', ILE],
] as const)('%s', (_, enc) => {
  const ts = SYNTAX.get(enc)!;

  test.each(LAYOUTS)('undefined length: sequence $undefinedLength, items $undefinedItems: items on first access, parents, lengths, byte-exact write', (layout) => {
    const bytes = dataSet(enc, layout);
    const f = parseDicom(bytes, { transferSyntax: ts });
    expect(f.warnings).toEqual([]);
    const ds = f.dataset;
    expect(ds.size).toBe(3);
    expect(ds.getString('PatientName')).toBe('After^Sequence');
    const el = ds.element(REFERENCED_IMAGE_SEQUENCE)!;
    expect(el.items).toBe(el.items);
    const items = ds.items(REFERENCED_IMAGE_SEQUENCE);
    expect(items).toHaveLength(ITEMS);
    expect(items.map((i) => i.getString('ReferencedSOPInstanceUID'))).toEqual(Array.from({ length: ITEMS }, (_, i) => uid(i)));
    for (const i of items) {
      expect(i.parent).toBe(ds);
      expect(i.undefinedLength).toBe(layout.undefinedItems);
      expect(i.encoding.littleEndian).toBe(enc.littleEndian);
    }
    expect(writeDataSet(ds, ts)).toEqual(bytes);
  });

  test('a warning from deep inside is given once, at read time', () => {
    // An odd-length value in the 250th item.
    const odd = element(0x00081160, 'IS', ascii('7'), enc);
    const f = parseDicom(dataSet(enc, { undefinedLength: true }, { at: 250, content: odd }), { transferSyntax: ts });
    expect(f.warnings.map((w) => w.message)).toEqual(['odd value length 1']);
    expect(f.dataset.items(REFERENCED_IMAGE_SEQUENCE)).toHaveLength(ITEMS);
    expect(f.warnings).toHaveLength(1);
  });

  test('malformed content deep inside fails at read time', () => {
    // An element whose length runs past its item, in the 250th item.
    const overrun = element(0x00081160, 'IS', str('70'), enc, 0x400);
    expect(() => parseDicom(dataSet(enc, {}, { at: 250, content: overrun }), { transferSyntax: ts })).toThrow(DicomParseError);
  });

  test('through a windowed source whose windows cut the sequence', async () => {
    const bytes = dataSet(enc, { undefinedLength: true, undefinedItems: true });
    for (const windowSize of [1024, 6000, 1 << 20]) {
      const f = await readDicom(new MemorySource(bytes), { transferSyntax: ts, windowSize });
      expect(f.warnings).toEqual([]);
      const items = f.dataset.items(REFERENCED_IMAGE_SEQUENCE);
      expect(items.map((i) => i.getString('ReferencedSOPInstanceUID'))).toEqual(Array.from({ length: ITEMS }, (_, i) => uid(i)));
      expect(f.dataset.getString('PatientName')).toBe('After^Sequence');
    }
  });
});

test('implicit VR content deep inside (an undefined-length UN) is read as usual', () => {
  const hidden = concat(item(element(0x00100020, 'LO', str('ID7'), ILE)), marker(SEQ_END, 0));
  const unknown = concat(element(0x00090010, 'LO', str('ACME 1.0')), element(0x00091001, 'UN', hidden, ELE, UNDEFINED));
  const f = parseDicom(dataSet(ELE, {}, { at: 250, content: unknown }), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  expect(f.warnings).toEqual([]);
  const items = f.dataset.items(REFERENCED_IMAGE_SEQUENCE);
  expect(items).toHaveLength(ITEMS);
  expect(items[250]!.items(0x00091001)[0]!.getString('PatientID')).toBe('ID7');
});

test('a sequence left out by the tags option is checked but not kept', () => {
  const f = parseDicom(dataSet(ELE), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian, tags: [0x00080060, 0x00100010] });
  expect(f.dataset.tags()).toEqual([0x00080060, 0x00100010]);
  expect(f.dataset.getString('PatientName')).toBe('After^Sequence');
});
