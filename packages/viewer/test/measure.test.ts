// Measurements, the view transform and the frame cache, without a browser.
import type { PixelFrame } from '@dcmkit/pixel';
import { describe, expect, test } from 'vitest';
import { FrameCache } from '../src/frames/frame-cache.js';
import { regionStatistics, segmentLength } from '../src/viewport/measure.js';
import { apply, fitZoom, initialView, invert, viewMatrix } from '../src/viewport/view-transform.js';

const frame = (columns: number, rows: number, value: (x: number, y: number) => number): PixelFrame => {
  const data = new Int16Array(columns * rows);
  for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) data[y * columns + x] = value(x, y);
  return { data, dtype: 'int16', rows, columns, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', index: 0 };
};

describe('lengths', () => {
  test('use the column spacing across and the row spacing down (PS3.3 10.7.1.3)', () => {
    const spacing = { row: 2, column: 0.5, source: 'PixelSpacing' as const };
    expect(segmentLength([0, 0], [40, 0], spacing)).toBe(20);
    expect(segmentLength([0, 0], [0, 10], spacing)).toBe(20);
    expect(segmentLength([0, 0], [30, 10], spacing)).toBe(25);
    expect(segmentLength([0, 0], [3, 4])).toBe(5);
  });
});

describe('region statistics', () => {
  const image = frame(10, 10, (x) => x * 10);
  const hu = (stored: number) => stored - 1000;

  test('a rectangle takes the pixels whose centre is inside, in modality values', () => {
    const s = regionStatistics('rectangle', [2, 0], [5, 2], image, hu, { row: 0.5, column: 0.5, source: 'PixelSpacing' });
    expect(s.count).toBe(6);
    expect(s.mean).toBe(-970);
    expect(s.min).toBe(-980);
    expect(s.max).toBe(-960);
    expect(s.sd).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(s.area).toBe(1.5);
  });

  test('an ellipse takes the pixels inside the inscribed ellipse; its area is pi a b', () => {
    const s = regionStatistics('ellipse', [0, 0], [10, 10], image, (v) => v);
    // Column by column from the centre: 10, 10, 8, 8 and 4 pixel centres inside, on both sides.
    expect(s.count).toBe(80);
    expect(s.area).toBeCloseTo(Math.PI * 25, 10);
    expect(s.mean).toBe(45);
  });

  test('corners in any order, clipped to the image; an empty region has no values', () => {
    expect(regionStatistics('rectangle', [12, 12], [8, 8], image, hu).count).toBe(4);
    const empty = regionStatistics('rectangle', [2.6, 2.6], [2.9, 2.9], image, hu);
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
  });
});

describe('view transform', () => {
  const image = { width: 100, height: 50 };
  const canvas = { width: 400, height: 400 };

  test('fits the image and maps its centre to the canvas centre', () => {
    const view = { ...initialView(), zoom: fitZoom(image, canvas, 0) };
    expect(view.zoom).toBe(4);
    const m = viewMatrix(view, image, canvas);
    expect(apply(m, 50, 25)).toEqual([200, 200]);
    expect(apply(m, 0, 0)).toEqual([0, 100]);
  });

  test('rotation, flips and pan round-trip through the inverse', () => {
    const view = { zoom: 2, panX: 13, panY: -7, rotation: 90, flipH: true, flipV: false };
    const m = viewMatrix(view, image, canvas, 1.5);
    const back = invert(m);
    for (const [x, y] of [[0, 0], [100, 50], [37.5, 12.25]] as const) {
      const [cx, cy] = apply(m, x, y);
      const [ix, iy] = apply(back, cx, cy);
      expect(ix).toBeCloseTo(x, 9);
      expect(iy).toBeCloseTo(y, 9);
    }
    // A quarter turn clockwise takes the image's top-left corner to the top-right.
    const turned = viewMatrix({ ...initialView(), rotation: 90 }, image, canvas);
    const [x0, y0] = apply(turned, 0, 0);
    const [x1] = apply(turned, 100, 50);
    expect(x0).toBeGreaterThan(x1);
    expect(y0).toBeLessThan(200);
    expect(fitZoom(image, canvas, 90)).toBe(4);
    expect(fitZoom(image, canvas, 0, 4)).toBe(2);
  });
});

describe('frame cache', () => {
  const sized = (bytes: number): PixelFrame => ({ ...frame(1, 1, () => 0), data: new Uint8Array(bytes), dtype: 'uint8' });

  test('drops the least recently used frames past its budget', () => {
    const cache = new FrameCache(300);
    cache.set('a', sized(100));
    cache.set('b', sized(100));
    cache.set('c', sized(100));
    cache.get('a');
    cache.set('d', sized(100));
    expect(cache.has('b')).toBe(false);
    expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([true, true, true]);
    expect(cache.bytes).toBe(300);
    expect(cache.fits(1)).toBe(false);
  });

  test('keeps a frame larger than the budget until the next one; replacing a key counts once', () => {
    const cache = new FrameCache(100);
    cache.set('big', sized(500));
    expect(cache.has('big')).toBe(true);
    cache.set('small', sized(10));
    expect(cache.has('big')).toBe(false);
    cache.set('small', sized(20));
    expect(cache.bytes).toBe(20);
    expect(cache.size).toBe(1);
  });
});
