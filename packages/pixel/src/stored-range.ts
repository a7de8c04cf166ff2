// The range of stored values in a frame, to size lookup tables and to find a default window.
import type { DataSet } from '@dcmkit/core';
import type { PixelArray } from './pixel-frame.js';

export interface ValueRange {
  min: number;
  max: number;
}

// Frames are values, not buffers to edit: their range is computed once per array.
const cache = new WeakMap<PixelArray, ValueRange>();

/** The smallest and largest sample of `data` (0, 0 when empty). */
export function storedRange(data: PixelArray): ValueRange {
  let range = cache.get(data);
  if (!range) {
    let [min, max] = [data[0] ?? 0, data[0] ?? 0];
    // Branch-free selects: the faster form in V8 for this first-render scan.
    for (let i = 1; i < data.length; i++) {
      const v = data[i]!;
      min = v < min ? v : min;
      max = v > max ? v : max;
    }
    range = { min, max };
    cache.set(data, range);
  }
  return range;
}

/** The range of `data` leaving out the values in [padLow, padHigh] (Pixel Padding, PS3.3 C.7.5.1.1.2). */
export function rangeWithout(data: PixelArray, padLow: number, padHigh: number): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v >= padLow && v <= padHigh) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/**
 * Pixel Padding Value (0028,0120) and Pixel Padding Range Limit (0028,0121) as a range of stored
 * values, read as SS when Pixel Representation is 1; undefined when the data set has none.
 */
export function pixelPaddingRange(ds: DataSet): [number, number] | undefined {
  const signed = ds.getNumber('PixelRepresentation') === 1;
  const read = (keyword: 'PixelPaddingValue' | 'PixelPaddingRangeLimit') => {
    const v = ds.getNumber(keyword);
    return v !== undefined && signed && ds.element(keyword)?.vr === 'US' && v >= 0x8000 ? v - 0x10000 : v;
  };
  const value = read('PixelPaddingValue');
  if (value === undefined) return undefined;
  const limit = read('PixelPaddingRangeLimit') ?? value;
  return [Math.min(value, limit), Math.max(value, limit)];
}
