// Modality LUT (PS3.3 C.11.1), LUT descriptors and Real World Value Mapping, on hand-built data sets.
import { describe, expect, it } from 'vitest';
import { DataSet, DicomParseError, parseDataSet } from '@dcmkit/core';
import {
  lutDescriptor,
  lutOutput,
  modalityLut,
  modalityUnit,
  modalityValue,
  readLookupTable,
  realWorldValue,
  realWorldValueMappings,
} from '@dcmkit/pixel';

function lutItem(parent: DataSet, descriptor: number[], data: number[]): DataSet {
  const item = parent.createItem();
  item.set('LUTDescriptor', descriptor);
  item.set('LUTData', data);
  return item;
}

describe('LUT Descriptor (PS3.3 C.11.1.1.1)', () => {
  it('reads 0 entries as 2^16', () => {
    const ds = new DataSet();
    ds.set('LUTDescriptor', [0, 0, 16]);
    expect(lutDescriptor(ds, 'LUTDescriptor', false)).toEqual({ entries: 65536, firstMapped: 0, bits: 16 });
  });

  it('reads the first mapped value as SS for signed pixels even when encoded US', () => {
    const ds = new DataSet();
    ds.set('LUTDescriptor', [4096, 0xfc00, 12]);
    expect(lutDescriptor(ds, 'LUTDescriptor', true)?.firstMapped).toBe(-1024);
    expect(lutDescriptor(ds, 'LUTDescriptor', false)?.firstMapped).toBe(0xfc00);
  });

  it('takes the entry count as unsigned when the descriptor is SS', () => {
    const ds = new DataSet();
    ds.set('LUTDescriptor', [-32768, -100, 16], 'SS');
    expect(lutDescriptor(ds, 'LUTDescriptor', true)).toEqual({ entries: 32768, firstMapped: -100, bits: 16 });
  });

  it('rejects a descriptor that is not three integers', () => {
    const ds = new DataSet();
    ds.set('LUTDescriptor', [256, 0]);
    expect(() => lutDescriptor(ds, 'LUTDescriptor', false)).toThrow(DicomParseError);
  });

  it('rejects LUT Data shorter than the descriptor says', () => {
    const item = lutItem(new DataSet(), [4, 0, 16], [1, 2, 3]);
    expect(() => readLookupTable(item, 'LUTDescriptor', 'LUTData', false)).toThrow(/4 LUT entries/);
  });

  it('unpacks 8-bit entries stored two to a word, low byte first', () => {
    const item = lutItem(new DataSet(), [4, 0, 8], [0x0201, 0x0403]);
    expect([...readLookupTable(item, 'LUTDescriptor', 'LUTData', false)!.data]).toEqual([1, 2, 3, 4]);
  });

  it('clamps inputs outside the table to its first and last entries', () => {
    const item = lutItem(new DataSet(), [3, 10, 16], [100, 200, 300]);
    const lut = readLookupTable(item, 'LUTDescriptor', 'LUTData', false)!;
    expect([5, 10, 11, 12, 13, 99].map((x) => lutOutput(lut, x))).toEqual([100, 100, 200, 300, 300, 300]);
  });
});

describe('Modality LUT (PS3.3 C.11.1)', () => {
  it('rescales: HU = stored * slope + intercept', () => {
    const ds = new DataSet();
    ds.set('Modality', 'CT');
    ds.set('RescaleSlope', 1);
    ds.set('RescaleIntercept', -1024);
    const m = modalityLut(ds);
    expect(m).toEqual({ kind: 'rescale', slope: 1, intercept: -1024 });
    expect(modalityValue(m, 1064)).toBe(40);
    expect(modalityUnit(m, ds)).toBe('HU');
  });

  it('is identity without rescale attributes, and names the Rescale Type unit unless unspecified', () => {
    const ds = new DataSet();
    expect(modalityValue(modalityLut(ds), 123)).toBe(123);
    ds.set('RescaleSlope', 0.684);
    ds.set('RescaleIntercept', 200);
    ds.set('RescaleType', 'OD');
    const m = modalityLut(ds);
    expect(modalityValue(m, 1000)).toBeCloseTo(884, 9);
    expect(modalityUnit(m, ds)).toBe('OD');
    ds.set('RescaleType', 'US');
    expect(modalityUnit(modalityLut(ds), ds)).toBeUndefined();
  });

  it('applies a Modality LUT Sequence in place of rescaling', () => {
    const ds = new DataSet();
    ds.set('PixelRepresentation', 0);
    ds.set('RescaleSlope', 5);
    const item = lutItem(ds, [4, 2, 16], [10, 20, 30, 40]);
    item.set('ModalityLUTType', 'OD');
    ds.set('ModalityLUTSequence', [item]);
    const m = modalityLut(ds);
    expect(m.kind).toBe('lut');
    expect([0, 2, 3, 5, 9].map((x) => modalityValue(m, x))).toEqual([10, 10, 20, 40, 40]);
    expect(modalityUnit(m, ds)).toBe('OD');
  });

  it('takes the Pixel Value Transformation of the frame, per-frame before shared (PS3.3 C.7.6.16.2.9)', () => {
    const ds = new DataSet();
    ds.set('RescaleIntercept', 7);
    const group = (slope: number, intercept: number) => {
      const fg = ds.createItem();
      const pvt = fg.createItem();
      pvt.set('RescaleSlope', slope);
      pvt.set('RescaleIntercept', intercept);
      pvt.set('RescaleType', 'HU');
      fg.set('PixelValueTransformationSequence', [pvt]);
      return fg;
    };
    ds.set('SharedFunctionalGroupsSequence', [group(2, -10)]);
    ds.set('PerFrameFunctionalGroupsSequence', [ds.createItem(), group(3, -20)]);
    expect(modalityValue(modalityLut(ds, 0), 100)).toBe(190);
    expect(modalityValue(modalityLut(ds, 1), 100)).toBe(280);
  });
});

/** An explicit VR data set holding a Modality LUT Sequence with one item (descriptor US, data `dataVR`). */
function encodedModalityLut(littleEndian: boolean, descriptor: number[], data: number[], dataVR: 'US' | 'OW'): Uint8Array {
  const bytes: number[] = [];
  const u16 = (v: number) => (littleEndian ? bytes.push(v & 0xff, v >> 8) : bytes.push(v >> 8, v & 0xff));
  const u32 = (v: number) => (littleEndian ? [v, v >>> 16] : [v >>> 16, v]).forEach((w) => u16(w & 0xffff));
  const tag = (g: number, e: number) => (u16(g), u16(e));
  const short = (g: number, e: number, vr: string, words: number[]) => {
    tag(g, e);
    bytes.push(vr.charCodeAt(0), vr.charCodeAt(1));
    u16(words.length * 2);
    words.forEach(u16);
  };
  tag(0x0028, 0x3000);
  bytes.push(0x53, 0x51, 0, 0); // SQ, reserved
  u32(0xffffffff);
  tag(0xfffe, 0xe000);
  u32(0xffffffff);
  short(0x0028, 0x3002, 'US', descriptor);
  if (dataVR === 'OW') {
    tag(0x0028, 0x3006);
    bytes.push(0x4f, 0x57, 0, 0);
    u32(data.length * 2);
    data.forEach(u16);
  } else short(0x0028, 0x3006, 'US', data);
  tag(0xfffe, 0xe00d);
  u32(0);
  tag(0xfffe, 0xe0dd);
  u32(0);
  return Uint8Array.from(bytes);
}

describe('LUT Data as parsed from a file', () => {
  it.each([
    [true, 'US'],
    [true, 'OW'],
    [false, 'US'],
    [false, 'OW'],
  ] as const)('reads 16-bit entries (little endian %s, %s) in the data set byte order', (littleEndian, vr) => {
    const syntax = littleEndian ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2.2';
    const ds = parseDataSet(encodedModalityLut(littleEndian, [3, 0, 16], [0x0102, 0x8000, 0xfffe], vr), syntax);
    const m = modalityLut(ds);
    expect([0, 1, 2].map((x) => modalityValue(m, x))).toEqual([0x0102, 0x8000, 0xfffe]);
  });
});

describe('Real World Value Mapping (PS3.3 C.7.6.16.2.11)', () => {
  it('exposes linear and table mappings with their units', () => {
    const ds = new DataSet();
    ds.set('PixelRepresentation', 1);
    const linear = ds.createItem();
    linear.set('RealWorldValueFirstValueMapped', 0xfff6); // -10 as US
    linear.set('RealWorldValueLastValueMapped', 100);
    linear.set('RealWorldValueSlope', 0.5);
    linear.set('RealWorldValueIntercept', 1);
    linear.set('LUTLabel', 'ADC');
    const unit = linear.createItem();
    unit.set('CodeValue', 'um2/s');
    unit.set('CodingSchemeDesignator', 'UCUM');
    unit.set('CodeMeaning', 'um2/s');
    linear.set('MeasurementUnitsCodeSequence', [unit]);
    const table = ds.createItem();
    table.set('RealWorldValueFirstValueMapped', 1);
    table.set('RealWorldValueLastValueMapped', 3);
    table.set('RealWorldValueLUTData', [0.25, 0.5, 0.75]);
    ds.set('RealWorldValueMappingSequence', [linear, table]);
    const [a, b] = realWorldValueMappings(ds);
    expect(a).toMatchObject({ firstValueMapped: -10, lastValueMapped: 100, slope: 0.5, intercept: 1, label: 'ADC' });
    expect(a!.units).toEqual({ codeValue: 'um2/s', codingSchemeDesignator: 'UCUM', codeMeaning: 'um2/s' });
    expect(realWorldValue(a!, -10)).toBe(-4);
    expect(realWorldValue(a!, 101)).toBeUndefined();
    expect([1, 2, 3].map((x) => realWorldValue(b!, x))).toEqual([0.25, 0.5, 0.75]);
  });
});
