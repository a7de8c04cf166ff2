// 100,000 nested undefined-length sequences: the parser and DataSet walks must not use the call stack per level.
import { expect, test } from 'vitest';
import { DataSet, MemorySource, PersonName, TransferSyntax, parseDicom, readDicom } from '@dcmkit/core';
import { ELE, ILE, ITEM, ITEM_END, SEQ_END, UNDEFINED, concat, element, header, marker, str, type Enc } from './fixtures/builder.js';

const DEPTH = 100_000;
const SEQUENCE = 0x00081140;

/** DEPTH levels of (sequence, item), both undefined length, with a Patient's Name at the bottom. */
function nested(enc: Enc): Uint8Array {
  const open = concat(header(SEQUENCE, 'SQ', UNDEFINED, enc), marker(ITEM, UNDEFINED));
  const close = concat(marker(ITEM_END, 0), marker(SEQ_END, 0));
  const leaf = element(0x00100010, 'PN', str('Deep^Down'), enc);
  const out = new Uint8Array(DEPTH * (open.length + close.length) + leaf.length);
  for (let i = 0; i < DEPTH; i++) out.set(open, i * open.length);
  out.set(leaf, DEPTH * open.length);
  for (let i = 0; i < DEPTH; i++) out.set(close, DEPTH * open.length + leaf.length + i * close.length);
  return out;
}

/** Descends the first item of each level, iteratively; returns the deepest data set and the depth. */
function bottom(ds: DataSet): [DataSet, number] {
  let depth = 0;
  for (let d = ds; ; depth++) {
    const items = d.values(SEQUENCE);
    if (items.length === 0) return [d, depth];
    d = items[0] as DataSet;
  }
}

test.each([
  ['explicit VR', ELE, TransferSyntax.ExplicitVRLittleEndian],
  ['implicit VR', ILE, TransferSyntax.ImplicitVRLittleEndian],
] as const)('%s: parses without stack overflow, values decode at the bottom', (_, enc, ts) => {
  const f = parseDicom(nested(enc), { transferSyntax: ts });
  expect(f.warnings).toEqual([]);
  const [deepest, depth] = bottom(f.dataset);
  expect(depth).toBe(DEPTH);
  // Decoding a PN looks up the Specific Character Set through every enclosing data set.
  expect(deepest.get('PatientName')).toEqual(new PersonName('Deep^Down'));
  expect(deepest.characterSet.isDefault).toBe(true);
});

test('the same through a windowed source', async () => {
  const f = await readDicom(new MemorySource(nested(ELE)), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian, windowSize: 4096 });
  const [deepest, depth] = bottom(f.dataset);
  expect(depth).toBe(DEPTH);
  expect(String(deepest.get('PatientName'))).toBe('Deep^Down');
});

test('a Specific Character Set at the top applies at the bottom', () => {
  const bytes = concat(element(0x00080005, 'CS', str('ISO_IR 192')), nested(ELE));
  const ds = parseDicom(bytes, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }).dataset;
  const [deepest] = bottom(ds);
  expect(deepest.characterSet).toBe(ds.characterSet);
});

test('missing delimiters at the end of data: closed leniently with one warning', () => {
  const bytes = nested(ELE);
  const open = DEPTH * 20 + element(0x00100010, 'PN', str('Deep^Down')).length;
  const f = parseDicom(bytes.subarray(0, open), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  expect(f.warnings.map((w) => w.message)).toEqual(['end of data inside an undefined-length sequence or item: delimiters assumed']);
  expect(bottom(f.dataset)[1]).toBe(DEPTH);
});
