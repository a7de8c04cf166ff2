// Measurements on one frame: lengths in mm from the pixel spacing, and region statistics in
// modality values (HU for CT, PS3.3 C.11.1).
import type { PixelFrame } from '@dcmkit/pixel';

export type Point = [number, number];

/** Physical size of a pixel in mm: between rows (y) and between columns (x). */
export interface Spacing {
  row: number;
  column: number;
  /** 'PixelSpacing' (in the patient) or 'ImagerPixelSpacing' (at the detector, PS3.3 10.7.1.3). */
  source: 'PixelSpacing' | 'ImagerPixelSpacing';
}

/** Length of a segment in image pixel coordinates, in mm (or pixels without spacing). */
export function segmentLength([x1, y1]: Point, [x2, y2]: Point, spacing?: Spacing): number {
  const dx = (x2 - x1) * (spacing?.column ?? 1);
  const dy = (y2 - y1) * (spacing?.row ?? 1);
  return Math.hypot(dx, dy);
}

export type RegionShape = 'rectangle' | 'ellipse';

export interface RegionStatistics {
  /** Area of the shape in mm² (pixels² without spacing). */
  area: number;
  /** Pixels whose centre lies inside the shape. */
  count: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
  min: number;
  max: number;
}

/**
 * Statistics of the modality values of the pixels whose centre lies inside a rectangle or the
 * ellipse inscribed in it (corners `a` and `b` in image coordinates). Grayscale frames only.
 */
export function regionStatistics(shape: RegionShape, a: Point, b: Point, frame: PixelFrame, value: (stored: number) => number, spacing?: Spacing): RegionStatistics {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  const [cx, cy, rx, ry] = [(x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2];
  const inside = shape === 'rectangle' ? () => true : (x: number, y: number) => rx > 0 && ry > 0 && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  // Pixel (x, y) covers [x, x+1) x [y, y+1): its centre is (x + 0.5, y + 0.5).
  const firstX = Math.max(0, Math.ceil(x0 - 0.5));
  const lastX = Math.min(frame.columns - 1, Math.floor(x1 - 0.5));
  const firstY = Math.max(0, Math.ceil(y0 - 0.5));
  const lastY = Math.min(frame.rows - 1, Math.floor(y1 - 0.5));
  for (let y = firstY; y <= lastY; y++) {
    for (let x = firstX; x <= lastX; x++) {
      if (!inside(x + 0.5, y + 0.5)) continue;
      const v = value(frame.data[(y * frame.columns + x) * frame.samplesPerPixel]!);
      count++;
      sum += v;
      sumSquares += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const pixelArea = (spacing?.row ?? 1) * (spacing?.column ?? 1);
  const boxArea = (x1 - x0) * (y1 - y0) * pixelArea;
  const mean = count ? sum / count : NaN;
  return {
    area: shape === 'rectangle' ? boxArea : (Math.PI / 4) * boxArea,
    count,
    mean,
    sd: count ? Math.sqrt(Math.max(0, sumSquares / count - mean * mean)) : NaN,
    min: count ? min : NaN,
    max: count ? max : NaN,
  };
}
