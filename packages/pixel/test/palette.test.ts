// PALETTE COLOR lookup tables (PS3.3 C.7.6.3.1.5-6) and segmented palette data (C.7.9.2).
import { describe, expect, it } from 'vitest';
import { DataSet, DicomParseError } from '@dcmkit/core';
import { expandSegments, lutOutput, paletteColorLut } from '@dcmkit/pixel';

const le16 = (words: number[]) => new Uint8Array(Uint16Array.from(words).buffer);

function palette(descriptor: number[], red: Uint8Array, green = red, blue = red): DataSet {
  const ds = new DataSet();
  ds.set('PhotometricInterpretation', 'PALETTE COLOR');
  ds.set('PixelRepresentation', 0);
  for (const c of ['Red', 'Green', 'Blue'] as const) ds.set(`${c}PaletteColorLookupTableDescriptor`, descriptor);
  ds.set('RedPaletteColorLookupTableData', red, 'OW');
  ds.set('GreenPaletteColorLookupTableData', green, 'OW');
  ds.set('BluePaletteColorLookupTableData', blue, 'OW');
  return ds;
}

describe('Palette Color Lookup Tables', () => {
  it('reads 16-bit tables from OW data and clamps indices to the table', () => {
    const ds = palette([3, 10, 16], le16([0x0000, 0x8000, 0xffff]), le16([1, 2, 3]), le16([7, 8, 9]));
    const { red, green, blue } = paletteColorLut(ds);
    expect([9, 10, 11, 12, 13].map((i) => lutOutput(red, i))).toEqual([0, 0, 0x8000, 0xffff, 0xffff]);
    expect([...green.data]).toEqual([1, 2, 3]);
    expect([...blue.data]).toEqual([7, 8, 9]);
    expect(red.bits).toBe(16);
  });

  it('reads 8-bit tables stored as 8 bits allocated (two entries per word)', () => {
    const ds = palette([4, 0, 8], Uint8Array.from([10, 20, 30, 40]));
    expect([...paletteColorLut(ds).red.data]).toEqual([10, 20, 30, 40]);
  });

  it('names the missing element', () => {
    const ds = palette([4, 0, 8], Uint8Array.from([10, 20, 30, 40]));
    ds.delete('GreenPaletteColorLookupTableData');
    expect(() => paletteColorLut(ds)).toThrow(/GreenPaletteColorLookupTableData/);
  });
});

describe('Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2)', () => {
  // Discrete 0,1000,2000; linear to 6000 in 4 steps; indirect: the two segments at byte 0 again;
  // linear to 0 in 2 steps; then a padding word.
  const segments = [0, 3, 0, 1000, 2000, 1, 4, 6000, 2, 2, 0, 0, 1, 2, 0, 0];
  const expanded = [0, 1000, 2000, 3000, 4000, 5000, 6000, 0, 1000, 2000, 3000, 4000, 5000, 6000, 3000, 0];

  it('expands discrete, linear and indirect segments', () => {
    expect([...expandSegments(Uint16Array.from(segments), 16)]).toEqual(expanded);
  });

  it('rounds linear steps', () => {
    expect([...expandSegments(Uint16Array.from([0, 1, 0, 1, 3, 10]), 4)]).toEqual([0, 3, 7, 10]);
  });

  it('reads segments of an 8-bit table one byte each', () => {
    expect([...expandSegments(Uint8Array.from([0, 2, 10, 20, 1, 2, 40]), 4)]).toEqual([10, 20, 30, 40]);
  });

  it('is used for PALETTE COLOR when the data set has it', () => {
    const ds = palette([16, 0, 16], le16([]));
    for (const c of ['Red', 'Green', 'Blue'] as const) {
      ds.delete(`${c}PaletteColorLookupTableData`);
      ds.set(`Segmented${c}PaletteColorLookupTableData`, le16(segments), 'OW');
    }
    expect([...paletteColorLut(ds).blue.data]).toEqual(expanded);
  });

  it('rejects what the standard rules out', () => {
    const bad = (units: number[], entries: number) => () => expandSegments(Uint16Array.from(units), entries);
    expect(bad([1, 2, 100], 2)).toThrow(/before a linear/);
    expect(bad([3, 1, 0], 1)).toThrow(/opcode 0, 1 or 2, got 3/);
    expect(bad([0, 2, 5, 6], 3)).toThrow(/3 entries .* give 2/);
    expect(bad([0, 5, 1, 2], 5)).toThrow(/5 discrete values/);
    expect(bad([0, 1, 9, 2, 1, 0, 0, 2, 1, 6, 0], 3)).toThrow(/no indirect segment inside an indirect one/);
    expect(bad([0, 1, 9, 2, 1, 0xff, 0], 3)).toThrow(DicomParseError);
  });
});
