// Rearranging stored samples into the decoded layout: one value per pixel sample, colour-by-pixel,
// full resolution (PS3.5 8.1.1, PS3.3 C.7.6.3.1.2-3).
import type { PixelArray } from './pixel-frame.js';

/** PS3.5 8.1.1: Bits Allocated 1 packs pixels into bytes least significant bit first; one 0/1 byte each. */
export function unpackBits(packed: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = (packed[i >> 3]! >> (i & 7)) & 1;
  return out;
}

/**
 * `count` bits of `packed` starting at bit `first` (least significant bit first), moved to start at
 * bit 0: frames of Bits Allocated 1 data follow each other in the bit stream without padding (PS3.5 8.1.1).
 */
export function bitRange(packed: Uint8Array, first: number, count: number): Uint8Array {
  const start = first >> 3;
  const shift = first & 7;
  const length = Math.ceil(count / 8);
  const tail = count & 7;
  let out: Uint8Array;
  if (shift === 0) {
    out = packed.subarray(start, start + length);
    // A view, unless the last byte carries the next frame's bits.
    if (!tail || out[length - 1]! >> tail === 0) return out;
    out = out.slice();
  } else {
    out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = ((packed[start + i]! >> shift) | (packed[start + i + 1]! << (8 - shift))) & 0xff;
  }
  if (tail) out[length - 1] &= (1 << tail) - 1;
  return out;
}

/** Planar Configuration 1 (RRR…GGG…BBB… per frame) to colour-by-pixel (RGBRGB…), PS3.3 C.7.6.3.1.3. */
export function interleavePlanes(planar: PixelArray, out: PixelArray, samples: number, frames: number): PixelArray {
  const frameLength = planar.length / frames;
  const pixels = frameLength / samples;
  for (let f = 0; f < frames; f++) {
    const base = f * frameLength;
    for (let s = 0; s < samples; s++) {
      const plane = base + s * pixels;
      for (let p = 0; p < pixels; p++) out[base + p * samples + s] = planar[plane + p]!;
    }
  }
  return out;
}

/**
 * YBR_FULL_422 stores each pair of pixels as Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2); full resolution
 * repeats the pair's chroma: Y1 Cb Cr Y2 Cb Cr. `out` holds 3 samples for every 2 of `subsampled`.
 */
export function upsampleYbr422(subsampled: PixelArray, out: PixelArray): PixelArray {
  for (let i = 0, o = 0; i + 3 < subsampled.length; i += 4, o += 6) {
    const cb = subsampled[i + 2]!;
    const cr = subsampled[i + 3]!;
    out[o] = subsampled[i]!;
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = subsampled[i + 1]!;
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return out;
}
