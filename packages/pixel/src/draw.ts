// Drawing on rendered RGBA images (row-major, 4 bytes a pixel): pixels and 1-pixel lines, clipped.
import type { RgbaImage } from './resize.js';

/** Red, green, blue, 0-255. */
export type Rgb = readonly [number, number, number];

/** Paints pixel (x, y) opaque; outside the image nothing happens. */
export function setPixel(image: RgbaImage, x: number, y: number, [r, g, b]: Rgb): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const p = (y * image.width + x) * 4;
  image.rgba[p] = r;
  image.rgba[p + 1] = g;
  image.rgba[p + 2] = b;
  image.rgba[p + 3] = 255;
}

/**
 * The part of segment (x0, y0)-(x1, y1) inside [xmin, xmax] x [ymin, ymax] (Liang-Barsky), or
 * undefined when none is: far-away points cost nothing to draw.
 */
function clip(x0: number, y0: number, x1: number, y1: number, xmin: number, ymin: number, xmax: number, ymax: number): [number, number, number, number] | undefined {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [[-dx, x0 - xmin], [dx, xmax - x0], [-dy, y0 - ymin], [dy, ymax - y0]] as const) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return undefined;
  }
  return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
}

/** A line between pixel centres at fractional coordinates, rasterised with Bresenham's algorithm. */
export function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
  if (![x0, y0, x1, y1].every(Number.isFinite)) return;
  const inside = clip(x0, y0, x1, y1, -1, -1, image.width, image.height);
  if (!inside) return;
  let x = Math.round(inside[0]);
  let y = Math.round(inside[1]);
  const xEnd = Math.round(inside[2]);
  const yEnd = Math.round(inside[3]);
  const dx = Math.abs(xEnd - x);
  const dy = -Math.abs(yEnd - y);
  const sx = x < xEnd ? 1 : -1;
  const sy = y < yEnd ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    setPixel(image, x, y, colour);
    if (x === xEnd && y === yEnd) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** Lines through (x, y) pairs; `closed` joins the last point to the first. */
export function drawPolyline(image: RgbaImage, points: ArrayLike<number>, closed: boolean, colour: Rgb): void {
  const n = Math.floor(points.length / 2);
  for (let i = 0; i + 1 < n; i++) drawLine(image, points[2 * i]!, points[2 * i + 1]!, points[2 * i + 2]!, points[2 * i + 3]!, colour);
  if (closed && n > 2) drawLine(image, points[2 * n - 2]!, points[2 * n - 1]!, points[0]!, points[1]!, colour);
  if (n === 1) setPixel(image, Math.round(points[0]!), Math.round(points[1]!), colour);
}

/** Paints the pixels of a 0/1 mask (`width` a row, row-major) whose first pixel lands at (x0, y0). */
export function drawPixels(image: RgbaImage, mask: Uint8Array, width: number, x0: number, y0: number, colour: Rgb): void {
  const height = Math.floor(mask.length / width);
  // Only the mask rows and columns that fall inside the image.
  const [xFrom, xTo] = [Math.max(0, -x0), Math.min(width, image.width - x0)];
  const [yFrom, yTo] = [Math.max(0, -y0), Math.min(height, image.height - y0)];
  for (let y = yFrom; y < yTo; y++) {
    for (let x = xFrom; x < xTo; x++) if (mask[y * width + x]) setPixel(image, x0 + x, y0 + y, colour);
  }
}
