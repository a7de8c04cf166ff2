// renderFrame's table of packed RGBA words, indexed by each sample's bit pattern (8 and 16 bits) or
// its offset from the minimum (32 bits): every integer sample type against per-pixel math (float64).
import { describe, expect, it } from 'vitest';
import { DataSet } from '@dcmkit/core';
import { renderFrame, type DType, type PixelArray, type PixelFrame } from '@dcmkit/pixel';

const ARRAYS = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
} as const;

const frame = (data: PixelArray, dtype: DType, photometricInterpretation = 'MONOCHROME2'): PixelFrame => ({
  data,
  dtype,
  rows: 1,
  columns: data.length,
  samplesPerPixel: 1,
  photometricInterpretation,
  index: 0,
});

/** The same samples rendered through the table and computed one by one. */
function both(type: keyof typeof ARRAYS, samples: number[], ds: DataSet, photometric?: string) {
  // A view that starts past the buffer's first bytes, as frames cut from a multi-frame buffer do.
  const size = ARRAYS[type].BYTES_PER_ELEMENT;
  const data = new ARRAYS[type](new ArrayBuffer((samples.length + 2) * size), size, samples.length);
  data.set(samples);
  const window = { center: 10, width: 150 };
  return {
    table: Array.from(renderFrame(frame(data, type, photometric), ds, { window }).rgba),
    perPixel: Array.from(renderFrame(frame(Float64Array.from(data), 'float64', photometric), ds, { window }).rgba),
  };
}

const RANGES: Record<keyof typeof ARRAYS, number[][]> = {
  int8: [[-128, -60, -1, 0, 1, 60, 127], [-100, -50, -3], [0, 5, 90]],
  uint8: [[0, 1, 60, 128, 255], [200, 201, 250]],
  int16: [[-30000, -2000, -1, 0, 1, 40, 32767], [-1200, -900, -5], [3, 70, 4000]],
  uint16: [[0, 1, 60, 40000, 65535], [30000, 30100]],
  int32: [[-20000, -5, 0, 7, 30000], [1_000_000, 1_000_050]],
  uint32: [[0, 9, 65000], [3_000_000_000, 3_000_000_100]],
};

describe.each(Object.keys(ARRAYS) as (keyof typeof ARRAYS)[])('%s', (type) => {
  it.each(RANGES[type].map((samples) => [samples.join(', '), samples] as const))('[%s]: the table gives the per-pixel colours', (_, samples) => {
    const ds = new DataSet();
    ds.set('RescaleSlope', 2);
    ds.set('RescaleIntercept', -20);
    const { table, perPixel } = both(type, samples, ds);
    expect(table).toEqual(perPixel);
    const inverse = both(type, samples, ds, 'MONOCHROME1');
    expect(inverse.table).toEqual(inverse.perPixel);
  });
});
