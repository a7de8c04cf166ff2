import type { DataSet } from '../dataset.js';
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA, PIXEL_DATA, type Tag } from '../tag.js';
import { DeidentifyError } from './error.js';
import type { PixelRegion } from './options.js';

// Clean Pixel Data Option (PS3.15 E.3.1): regions of every frame of native Pixel Data set to zero.
// Encapsulated (compressed) Pixel Data must be decoded by the caller first: blanking it here would
// mean decoding and re-encoding, which @dcmkit/core leaves to @dcmkit/pixel and @dcmkit/codecs.

/** The pixel layout of the Image Pixel Module (PS3.3 C.7.6.3) that blanking needs. */
interface Layout {
  rows: number;
  columns: number;
  samples: number;
  /** Bits per sample: 1 (packed, PS3.5 8.1.1) or a whole number of bytes. */
  bitsAllocated: number;
  /** Color-by-plane (1) or color-by-pixel (0). */
  planar: boolean;
  frames: number;
}

function layout(ds: DataSet, tag: Tag): Layout {
  const number = (keyword: Parameters<DataSet['getNumber']>[0], fallback?: number) => {
    const n = ds.getNumber(keyword) ?? fallback;
    if (n === undefined || !Number.isInteger(n) || n < 0) throw new DeidentifyError('pixel-data', `a valid ${keyword} to blank Pixel Data, got ${ds.getString(keyword) ?? 'none'}`, tag);
    return n;
  };
  const bitsAllocated = tag === FLOAT_PIXEL_DATA ? 32 : tag === DOUBLE_FLOAT_PIXEL_DATA ? 64 : number('BitsAllocated');
  if (bitsAllocated !== 1 && bitsAllocated % 8 !== 0) throw new DeidentifyError('pixel-data', `Bits Allocated 1 or a multiple of 8 to blank Pixel Data, got ${bitsAllocated}`, tag);
  return {
    rows: number('Rows'),
    columns: number('Columns'),
    samples: number('SamplesPerPixel', 1),
    bitsAllocated,
    planar: ds.getNumber('PlanarConfiguration') === 1,
    frames: number('NumberOfFrames', 1),
  };
}

/** The Pixel Data element of the data set, if any (PS3.3 C.7.6.3, C.7.6.24). */
const pixelDataTag = (ds: DataSet) => [PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA].find((t) => ds.has(t));

/**
 * Sets the regions of every frame to zero in a copy of the native Pixel Data of `ds`, which then holds
 * the copy; regions are clipped to the image. Returns false when there is no Pixel Data.
 */
export function blankRegions(ds: DataSet, regions: readonly PixelRegion[]): boolean {
  const tag = pixelDataTag(ds);
  if (tag === undefined || regions.length === 0) return false;
  const el = ds.element(tag)!;
  if (el.encapsulated) {
    throw new DeidentifyError('encapsulated-pixel-data', 'native Pixel Data to blank: it is encapsulated (compressed); decode it first, then de-identify the decoded data set', tag);
  }
  const bytes = el.bytes ?? (el.chunk === undefined ? (ds.values(el)[0] as Uint8Array | undefined) : undefined);
  if (!bytes) throw new DeidentifyError('pixel-data', 'the Pixel Data bytes in memory: read the file whole (parseDicom) or load its values first', tag);
  const pixels = bytes.slice();
  const l = layout(ds, tag);
  const frameSamples = l.rows * l.columns * l.samples;
  if (pixels.length * 8 < frameSamples * l.frames * l.bitsAllocated) {
    throw new DeidentifyError('pixel-data', `${l.frames} frame(s) of ${l.rows} x ${l.columns} x ${l.samples} samples of ${l.bitsAllocated} bits, got ${pixels.length} bytes`, tag);
  }
  for (let frame = 0; frame < l.frames; frame++) {
    for (const r of regions) blankRegion(pixels, l, frame * frameSamples, r);
  }
  ds.set(tag, pixels, el.vr);
  return true;
}

/** Zeroes one clipped region of one frame; `first` is the index of the frame's first sample. */
function blankRegion(pixels: Uint8Array, l: Layout, first: number, r: PixelRegion): void {
  const x1 = Math.min(r.x + r.w, l.columns);
  const y1 = Math.min(r.y + r.h, l.rows);
  if (r.x >= x1 || r.y >= y1) return;
  const planeSamples = l.rows * l.columns;
  // Color-by-plane: one run of samples per plane and row; color-by-pixel: one run of all samples per row.
  const planes = l.planar ? l.samples : 1;
  const perPixel = l.planar ? 1 : l.samples;
  for (let plane = 0; plane < planes; plane++) {
    for (let y = r.y; y < y1; y++) {
      const start = first + plane * planeSamples + (y * l.columns + r.x) * perPixel;
      zeroSamples(pixels, start, (x1 - r.x) * perPixel, l.bitsAllocated);
    }
  }
}

function zeroSamples(pixels: Uint8Array, start: number, count: number, bitsAllocated: number): void {
  if (bitsAllocated === 1) {
    // Packed bits, first pixel in the least significant bit (PS3.5 8.1.1, PS3.5 D.2).
    for (let i = start; i < start + count; i++) pixels[i >>> 3] = pixels[i >>> 3]! & ~(1 << (i & 7));
    return;
  }
  const size = bitsAllocated / 8;
  pixels.fill(0, start * size, (start + count) * size);
}
