// The Presentation LUT Sequence (2050,0010) in renderFrame (PS3.3 C.11.6, PS3.4 N.2.1): after the
// Modality and VOI LUTs, the VOI output (scaled to the table's entries) indexes the P-Values, scaled to 0..255.
import { describe, expect, it } from 'vitest';
import { DataSet, DicomParseError, TransferSyntax, parseDataSet, writeDataSet } from '@dcmkit/core';
import { presentationLut, renderFrame, type PixelFrame, type RenderOptions } from '@dcmkit/pixel';

/** A data set whose Presentation LUT Sequence holds one table. */
function withPresentationLut(descriptor: number[], data: number[]): DataSet {
  const ds = new DataSet();
  const item = ds.createItem();
  item.set('LUTDescriptor', descriptor);
  item.set('LUTData', data);
  ds.set('PresentationLUTSequence', [item]);
  return ds;
}

/** Opaque grey RGBA pixels. */
const rgbaOf = (greys: number[]): number[] => greys.flatMap((g) => [g, g, g, 255]);

const shown = (frame: PixelFrame, ds: DataSet, opts: RenderOptions): number[] => [...renderFrame(frame, ds, opts).rgba];

// A LINEAR_EXACT window over stored 0..4: VOI output x / 4 of its range, so inputs 0..4 of a 5-entry table.
const RAMP: RenderOptions = { window: { center: 2, width: 4, function: 'LINEAR_EXACT' } };
const stored: PixelFrame = {
  data: Uint8Array.of(0, 1, 2, 3, 4),
  dtype: 'uint8',
  rows: 1,
  columns: 5,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  index: 0,
};
// 12-bit P-Values, falling: the table inverts, unevenly.
const P_VALUES = [4095, 3000, 2000, 1000, 0];
const EXPECTED = P_VALUES.map((p) => Math.round((p * 255) / 4095));

describe('Presentation LUT Sequence (PS3.3 C.11.6)', () => {
  it('maps the VOI output through the table and scales its P-Values to 0..255', () => {
    const ds = withPresentationLut([5, 0, 12], P_VALUES);
    ds.items('PresentationLUTSequence')[0]!.set('LUTExplanation', 'falling');
    expect(EXPECTED).toEqual([255, 187, 125, 62, 0]);
    expect(shown(stored, ds, RAMP)).toEqual(rgbaOf(EXPECTED));
    expect(presentationLut(ds, 'MONOCHROME2')).toMatchObject({ kind: 'table', explanation: 'falling', table: { entries: 5, firstMapped: 0, bits: 12 } });
  });

  it.each([TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian])('reads LUT Data as US or OW words from a file in %s', (ts) => {
    const us = withPresentationLut([5, 0, 12], P_VALUES);
    const ow = withPresentationLut([5, 0, 12], []);
    ow.items('PresentationLUTSequence')[0]!.set('LUTData', new Uint8Array(Uint16Array.from(P_VALUES).buffer), 'OW');
    for (const ds of [us, ow]) expect(shown(stored, parseDataSet(writeDataSet(ds, ts), ts), RAMP)).toEqual(rgbaOf(EXPECTED));
  });

  it('wins over Presentation LUT Shape and MONOCHROME1; `invert` still inverts its output', () => {
    const ds = withPresentationLut([5, 0, 12], P_VALUES);
    ds.set('PresentationLUTShape', 'INVERSE');
    expect(shown(stored, ds, RAMP)).toEqual(rgbaOf(EXPECTED));
    expect(shown({ ...stored, photometricInterpretation: 'MONOCHROME1' }, ds, RAMP)).toEqual(rgbaOf(EXPECTED));
    expect(shown(stored, ds, { ...RAMP, invert: true })).toEqual(rgbaOf(EXPECTED.map((g) => 255 - g)));
    // Without the sequence the shape applies again.
    ds.delete('PresentationLUTSequence');
    expect(shown(stored, ds, RAMP)).toEqual(rgbaOf([255, 191, 127, 64, 0]));
  });

  it('reads 0 entries as 2^16 and scales the VOI output to 0..65535', () => {
    const falling = Array.from({ length: 0x10000 }, (_, i) => 0xffff - i);
    const ds = withPresentationLut([0, 0, 16], falling);
    const frame: PixelFrame = { ...stored, data: Uint16Array.of(0, 0x8000, 0xffff), dtype: 'uint16', columns: 3 };
    // VOI output ((x - 32768) / 65536 + 0.5) * 65535 rounds to 0, 32768 and 65534.
    const window = { center: 0x8000, width: 0x10000, function: 'LINEAR_EXACT' } as const;
    expect(shown(frame, ds, { window })).toEqual(rgbaOf([255, Math.round((0x7fff * 255) / 0xffff), 0]));
  });

  it('unpacks 8-bit entries stored two to a word', () => {
    const ds = withPresentationLut([5, 0, 8], [0x4000, 0xc080, 0x00ff]);
    expect(shown(stored, ds, RAMP)).toEqual(rgbaOf([0, 64, 128, 192, 255]));
  });

  it('honours the first value mapped: inputs below it take the first entry, above the last the last', () => {
    const ds = withPresentationLut([3, 1, 8], [0, 128, 255]);
    // A 3-entry table takes VOI output 0..2: inputs 0 and 1 give entry 0, input 2 entry 1.
    const frame: PixelFrame = { ...stored, data: Uint8Array.of(0, 2, 4), columns: 3 };
    expect(shown(frame, ds, RAMP)).toEqual(rgbaOf([0, 0, 128]));
  });

  it('shows entries above 2^bits - 1 white rather than wrapping', () => {
    const ds = withPresentationLut([5, 0, 10], [0, 1023, 2000, 4095, 65535]);
    expect(shown(stored, ds, RAMP)).toEqual(rgbaOf([0, 255, 255, 255, 255]));
  });
});

describe('malformed Presentation LUT Sequence items are DicomParseErrors', () => {
  const fails = (ds: DataSet, message: RegExp) => {
    expect(() => renderFrame(stored, ds, RAMP)).toThrow(DicomParseError);
    expect(() => renderFrame(stored, ds, RAMP)).toThrow(message);
  };

  it('a LUT Descriptor that is not three integers', () => fails(withPresentationLut([5, 0], P_VALUES), /LUT Descriptor of three integers/));

  it('bits per entry outside 8..16', () => {
    fails(withPresentationLut([5, 0, 17], P_VALUES), /8 to 16 bits .*got 17/);
    fails(withPresentationLut([5, 0, 0], P_VALUES), /got 0/);
  });

  it('LUT Data shorter than the entries', () => fails(withPresentationLut([6, 0, 12], P_VALUES), /6 LUT entries/));

  it('an item without LUT Data', () => {
    const ds = withPresentationLut([5, 0, 12], P_VALUES);
    ds.items('PresentationLUTSequence')[0]!.delete('LUTData');
    fails(ds, /Presentation LUT Sequence item with LUT Descriptor and LUT Data/);
  });
});
