// Components at the frame's full resolution (T.81 A.1.1 sampling factors). T.81 leaves upsampling to the
// application; this matches libjpeg, which GDCM, DCMTK and Pillow decode with: a triangular filter for
// 2:1 horizontal (h2v1) and 2:1 both ways (h2v2), whose output weighs the nearer input sample 3/4,
// the farther 1/4 (edges repeat), and replication for other ratios.
import type { Frame, FrameComponent } from './headers.js';

/** Samples of one component, `stride` per line. */
export interface Plane {
  samples: Uint16Array;
  stride: number;
}

export function fullResolution(component: FrameComponent, frame: Frame): Plane {
  const horizontal = frame.hMax / component.h;
  const vertical = frame.vMax / component.v;
  if (horizontal === 1 && vertical === 1) return { samples: component.plane, stride: component.stride };
  const samples = new Uint16Array(frame.samplesPerLine * frame.lines);
  if (horizontal === 2 && vertical === 1) triangleH2V1(component, frame, samples);
  else if (horizontal === 2 && vertical === 2) triangleH2V2(component, frame, samples);
  else replicate(component, frame, samples);
  return { samples, stride: frame.samplesPerLine };
}

/** Each input sample makes two outputs: (3 x it + left + 1) / 4 and (3 x it + right + 2) / 4. */
function triangleH2V1({ plane, stride, width }: FrameComponent, { samplesPerLine, lines }: Frame, out: Uint16Array): void {
  for (let y = 0; y < lines; y++) {
    const line = y * stride;
    const o = y * samplesPerLine;
    for (let i = 0; i < width; i++) {
      const here = 3 * plane[line + i]!;
      out[o + 2 * i] = (here + plane[line + Math.max(i - 1, 0)]! + 1) >> 2;
      if (2 * i + 1 < samplesPerLine) out[o + 2 * i + 1] = (here + plane[line + Math.min(i + 1, width - 1)]! + 2) >> 2;
    }
  }
}

/**
 * Vertically first: each output line's column sums are 3 x the nearer input line + the farther one
 * (the line above for even output lines, below for odd ones); then horizontally as in h2v1 with
 * rounding terms 8 and 7 over 16.
 */
function triangleH2V2({ plane, stride, width, height }: FrameComponent, { samplesPerLine, lines }: Frame, out: Uint16Array): void {
  const sums = new Int32Array(width);
  for (let y = 0; y < lines; y++) {
    const j = y >> 1;
    const near = j * stride;
    const far = (y & 1 ? Math.min(j + 1, height - 1) : Math.max(j - 1, 0)) * stride;
    for (let i = 0; i < width; i++) sums[i] = 3 * plane[near + i]! + plane[far + i]!;
    const o = y * samplesPerLine;
    for (let i = 0; i < width; i++) {
      const here = 3 * sums[i]!;
      out[o + 2 * i] = (here + sums[Math.max(i - 1, 0)]! + 8) >> 4;
      if (2 * i + 1 < samplesPerLine) out[o + 2 * i + 1] = (here + sums[Math.min(i + 1, width - 1)]! + 7) >> 4;
    }
  }
}

/** Output sample (x, y) repeats input sample (floor(x Hi / Hmax), floor(y Vi / Vmax)). */
function replicate({ plane, stride, h, v }: FrameComponent, { samplesPerLine, lines, hMax, vMax }: Frame, out: Uint16Array): void {
  const columns = Int32Array.from({ length: samplesPerLine }, (_, x) => Math.floor((x * h) / hMax));
  for (let y = 0; y < lines; y++) {
    const line = Math.floor((y * v) / vMax) * stride;
    const o = y * samplesPerLine;
    for (let x = 0; x < samplesPerLine; x++) out[o + x] = plane[line + columns[x]!]!;
  }
}
