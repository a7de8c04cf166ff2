import { numericSize } from '@dcmkit/dictionary';

/**
 * The unit a value is byte-swapped by between little and big endian (PS3.5 7.3): the size of its
 * binary numbers; AT swaps group and element number separately. 0 for bytes, text and UN (PS3.5 6.2.2).
 */
export const byteSwapSize = (vr: string): number => (vr === 'AT' ? 2 : numericSize(vr));

/** Copies `src` into `dst` at `at`, reversing the bytes of each `size`-byte word (size 0: as is). */
export function copySwapped(src: Uint8Array, dst: Uint8Array, at: number, size: number): void {
  if (size < 2) {
    dst.set(src, at);
    return;
  }
  const whole = src.length - (src.length % size);
  if (size === 2) {
    for (let i = 0; i < whole; i += 2) {
      dst[at + i] = src[i + 1]!;
      dst[at + i + 1] = src[i]!;
    }
  } else {
    for (let i = 0; i < whole; i += size) {
      for (let j = 0; j < size; j++) dst[at + i + j] = src[i + size - 1 - j]!;
    }
  }
  // A trailing partial word (a malformed length) is copied as it is.
  if (whole < src.length) dst.set(src.subarray(whole), at + whole);
}

/**
 * The swap unit of a value in `ds`: OW Pixel Data swaps by its samples' size, Bits Allocated / 8
 * (32-bit samples as whole words, PS3.5 8.2.1 and A.3), else by its VR.
 */
export function valueSwapSize(tag: number, vr: string, ds: { getNumber(tag: number): number | undefined }): number {
  if (tag === 0x7fe00010 && vr === 'OW') return Math.max(2, (ds.getNumber(0x00280100) ?? 16) / 8);
  return byteSwapSize(vr);
}
