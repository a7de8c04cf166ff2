// Measurements drawn over the image: lengths, rectangle and ellipse regions, each with its label.
import type { PixelFrame } from '@dcmkit/pixel';
import { displayNumber } from './image-info.js';
import { regionStatistics, segmentLength, type Point, type RegionShape, type Spacing } from './measure.js';
import { apply, type Matrix } from './view-transform.js';

export type MeasureTool = 'length' | RegionShape;

export interface Measurement {
  tool: MeasureTool;
  /** End points (length) or opposite corners (regions), in image coordinates. */
  a: Point;
  b: Point;
  /** The full text, for the measurement list. */
  label: string;
  /** The short text drawn beside it on the image. */
  caption: string;
}

/**
 * The texts of a measurement: "42.5 mm" for a length; for a region the list's "area 120 mm², mean 40.2,
 * SD 3.1, min 31, max 52 HU" and the caption "40.2 ± 3.1 HU".
 */
export function measurementText(tool: MeasureTool, a: Point, b: Point, frame: PixelFrame, spacing: Spacing | undefined, value: (stored: number) => number, unit: string): Pick<Measurement, 'label' | 'caption'> {
  const length = spacing ? 'mm' : 'px';
  if (tool === 'length') {
    const label = `${displayNumber(segmentLength(a, b, spacing))} ${length}`;
    return { label, caption: label };
  }
  const s = regionStatistics(tool, a, b, frame, value, spacing);
  const units = unit ? ` ${unit}` : '';
  return {
    label: `area ${displayNumber(s.area)} ${length}², mean ${displayNumber(s.mean)}, SD ${displayNumber(s.sd)}, min ${displayNumber(s.min)}, max ${displayNumber(s.max)}${units}`,
    caption: `${displayNumber(s.mean, 1)} ± ${displayNumber(s.sd, 1)}${units}`,
  };
}

/** Draws the measurements in canvas coordinates (the context's transform is the identity). */
export function drawMeasurements(ctx: CanvasRenderingContext2D, m: Matrix, measurements: readonly Measurement[], scale: number): void {
  ctx.save();
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = '#ffd54a';
  ctx.fillStyle = '#ffd54a';
  ctx.font = `${12 * scale}px system-ui, sans-serif`;
  for (const { tool, a, b, caption } of measurements) {
    ctx.beginPath();
    if (tool === 'length') {
      ctx.moveTo(...apply(m, ...a));
      ctx.lineTo(...apply(m, ...b));
    } else {
      // Corners through the matrix: rotation keeps the region an axis-aligned box or ellipse on screen.
      const [x0, y0] = apply(m, ...a);
      const [x1, y1] = apply(m, ...b);
      if (tool === 'rectangle') ctx.rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
      else ctx.ellipse((x0 + x1) / 2, (y0 + y1) / 2, Math.abs(x1 - x0) / 2, Math.abs(y1 - y0) / 2, 0, 0, 2 * Math.PI);
    }
    ctx.stroke();
    if (!caption) continue;
    // The caption on a dark box beside the end point, legible over any grey.
    const [lx, ly] = apply(m, ...b);
    const x = lx + 6 * scale;
    const y = ly - 6 * scale;
    const width = ctx.measureText(caption).width;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.fillRect(x - 3 * scale, y - 13 * scale, width + 6 * scale, 17 * scale);
    ctx.fillStyle = '#ffd54a';
    ctx.fillText(caption, x, y);
  }
  ctx.restore();
}
