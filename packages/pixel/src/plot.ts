// A waveform multiplex group as a picture (PS3.3 C.10.9): channels stacked top to bottom, one band
// each, over a time grid; channels with the same units share a vertical scale.
import { drawLine, drawPolyline, type Rgb } from './draw.js';
import type { RgbaImage } from './resize.js';
import { channelValues, finiteRange, type MultiplexGroup } from './waveform.js';

export interface PlotOptions {
  /** Image width in pixels (default: one per sample, 400 to 2000). */
  width?: number;
  /** Height of each channel's band in pixels (default 100). */
  bandHeight?: number;
  /** Which channels (0-based), top to bottom (default: all, in order). */
  channels?: number[];
}

const BACKGROUND: Rgb = [255, 255, 255];
const MINOR_GRID: Rgb = [250, 220, 220];
const MAJOR_GRID: Rgb = [235, 160, 160];
const SEPARATOR: Rgb = [120, 120, 120];
const ZERO: Rgb = [190, 190, 190];
const TRACE: Rgb = [0, 0, 0];

function fill(image: RgbaImage, [r, g, b]: Rgb): void {
  const { rgba } = image;
  for (let p = 0; p < rgba.length; p += 4) {
    rgba[p] = r;
    rgba[p + 1] = g;
    rgba[p + 2] = b;
    rgba[p + 3] = 255;
  }
}

/** Vertical time lines: minor every 0.2 s and major every 1 s, as on ECG paper (fewer for long recordings). */
function timeGrid(image: RgbaImage, group: MultiplexGroup): void {
  const seconds = group.numberOfSamples / group.samplingFrequency;
  const major = 10 ** Math.max(0, Math.ceil(Math.log10(seconds / 20)));
  const minor = major / 5;
  const xOf = (t: number) => (t / seconds) * (image.width - 1);
  for (let k = 1; k * minor < seconds; k++) {
    const x = xOf(k * minor);
    drawLine(image, x, 0, x, image.height - 1, k % 5 === 0 ? MAJOR_GRID : MINOR_GRID);
  }
}

/**
 * Plots the channels of a multiplex group, stacked, as an opaque RGBA image: each band is centred on its
 * channel's range; channels with the same units share one scale (the largest range among them).
 */
export function plotWaveform(group: MultiplexGroup, opts: PlotOptions = {}): RgbaImage {
  const channels = opts.channels ?? group.channels.map((_, i) => i);
  const width = opts.width ?? Math.min(2000, Math.max(400, group.numberOfSamples));
  const band = opts.bandHeight ?? 100;
  if (!(Number.isInteger(width) && width > 1 && Number.isInteger(band) && band > 2)) throw new RangeError(`plot of width ${width}, bands of ${band}: expected integers above 1 and 2`);
  for (const c of channels) if (!group.channels[c]) throw new RangeError(`channel ${c}: the group has ${group.numberOfChannels}`);
  const image: RgbaImage = { rgba: new Uint8ClampedArray(width * band * channels.length * 4), width, height: band * channels.length };
  fill(image, BACKGROUND);
  timeGrid(image, group);
  const values = channels.map((c) => channelValues(group, c));
  const ranges = values.map((v) => finiteRange(v) ?? { min: 0, max: 0 });
  const unitOf = (k: number) => group.channels[channels[k]!]!.units?.value ?? '';
  const halfSpan = (k: number) => Math.max(...ranges.filter((_, j) => unitOf(j) === unitOf(k)).map(({ min, max }) => (max - min) / 2));
  const xStep = (width - 1) / Math.max(1, group.numberOfSamples - 1);
  values.forEach((v, k) => {
    const top = k * band;
    const centre = (ranges[k]!.min + ranges[k]!.max) / 2;
    // One pixel of margin above and below the trace.
    const pixelsPerUnit = (band - 3) / 2 / (halfSpan(k) || 1);
    const yOf = (value: number) => top + band / 2 - (value - centre) * pixelsPerUnit;
    if (Math.abs(yOf(0) - (top + band / 2)) < band / 2 - 1) drawLine(image, 0, yOf(0), width - 1, yOf(0), ZERO);
    if (k > 0) drawLine(image, 0, top, width - 1, top, SEPARATOR);
    const points = new Float64Array(2 * v.length);
    for (let s = 0; s < v.length; s++) {
      points[2 * s] = s * xStep;
      points[2 * s + 1] = yOf(v[s]!);
    }
    drawPolyline(image, points, false, TRACE);
  });
  return image;
}
