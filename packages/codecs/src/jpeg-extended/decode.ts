// JPEG sequential DCT decoding (T.81 Processes 1, 2 and 4: Huffman coding, 8- or 12-bit samples), our own,
// for the frames of JPEG Baseline/Extended (PS3.5 A.4.1, 8.2.1) that libjpeg-turbo's 8-bit build cannot take.
import type { FrameInfo } from '@dcmkit/pixel';
import { bytesPerSample, signExtend } from '../samples.js';
import { decodeFrame } from './stream.js';
import { fullResolution, type Plane } from './upsample.js';

/**
 * The frame's samples as coded (no colour transform), colour-by-pixel, chroma upsampled, in Bits
 * Allocated containers (8 or 16), little endian; two's complement frames are sign-extended from P bits.
 */
export function decodeJpegExtended(encoded: Uint8Array, info: FrameInfo): Uint8Array {
  const frame = decodeFrame(encoded, info);
  const { samplesPerLine: columns, lines: rows, components } = frame;
  const size = bytesPerSample(info);
  const pixels = new Uint8Array(rows * columns * components.length * size);
  components.forEach((component, c) => place(fullResolution(component, frame), pixels, c, components.length, columns, rows, size));
  return info.pixelRepresentation === 1 ? signExtend(pixels, size, frame.precision) : pixels;
}

/** Writes component `c` of `count` into every pixel: low byte first, then the high one in 16-bit containers. */
function place({ samples, stride }: Plane, pixels: Uint8Array, c: number, count: number, columns: number, rows: number, size: number): void {
  for (let y = 0; y < rows; y++) {
    const line = y * stride;
    let i = (y * columns * count + c) * size;
    for (let x = 0; x < columns; x++) {
      const sample = samples[line + x]!;
      pixels[i] = sample; // typed arrays keep sample mod 256
      if (size === 2) pixels[i + 1] = sample >> 8;
      i += count * size;
    }
  }
}
