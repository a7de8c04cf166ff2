// Stored values inside their containers (PS3.5 8.1.1): Bits Stored bits ending at High Bit.
import type { ImagePixelDescription, PixelArray } from './pixel-frame.js';

/** True when the containers hold bits beyond the stored ones, so masking can change values. */
export const hasUnusedBits = (desc: ImagePixelDescription): boolean => desc.bitsAllocated > 1 && desc.bitsStored < desc.bitsAllocated;

/**
 * PS3.5 8.1.1: keeps the Bits Stored bits that end at High Bit, shifted down to bit 0, and for
 * Pixel Representation 1 sign-extends them from their top bit. Writes into `out` (may be `data`).
 */
export function maskToBitsStored(data: PixelArray, out: PixelArray, desc: ImagePixelDescription): PixelArray {
  const bits = desc.bitsStored;
  const shift = desc.highBit + 1 - bits;
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const extend = 32 - bits;
  const signed = desc.pixelRepresentation === 1;
  for (let i = 0; i < data.length; i++) {
    const stored = (data[i]! >>> shift) & mask;
    out[i] = signed ? (stored << extend) >> extend : stored;
  }
  return out;
}
