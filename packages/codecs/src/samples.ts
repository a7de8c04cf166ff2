// Sample layout helpers shared by the codecs: Bits Allocated containers, little endian (PS3.5 8.1.1).
import type { FrameInfo } from '@dcmkit/pixel';
import { CodecError } from './errors.js';

export function bytesPerSample(info: FrameInfo): number {
  return info.bitsAllocated >> 3;
}

/** Size in bytes of one native frame described by `info`. */
export function frameLength(info: FrameInfo): number {
  return info.rows * info.columns * info.samplesPerPixel * bytesPerSample(info);
}

/** Rejects FrameInfo values a codec cannot honour before any work is done. */
export function checkInfo(codec: string, info: FrameInfo, bitsAllocated: readonly number[]): void {
  const { rows, columns, samplesPerPixel } = info;
  if (!(rows > 0 && columns > 0 && Number.isInteger(rows) && Number.isInteger(columns))) {
    throw new CodecError(codec, 'mismatch', `invalid frame size ${rows}x${columns}`);
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new CodecError(codec, 'unsupported', `Samples per Pixel ${samplesPerPixel}`);
  }
  if (!bitsAllocated.includes(info.bitsAllocated)) {
    throw new CodecError(codec, 'unsupported', `Bits Allocated ${info.bitsAllocated}`);
  }
  if (!(info.bitsStored >= 1 && info.bitsStored <= info.bitsAllocated)) {
    throw new CodecError(codec, 'mismatch', `Bits Stored ${info.bitsStored} with Bits Allocated ${info.bitsAllocated}`);
  }
}

/** What a codestream header says about the frame, read before decoding. */
export interface StreamHeader {
  rows: number;
  columns: number;
  components: number;
  /** Bits per sample in the codestream. */
  precision: number;
}

/** The codestream must describe the frame the data set describes (PS3.5 8.2). */
export function checkHeader(codec: string, header: StreamHeader, info: FrameInfo): void {
  const { rows, columns, components, precision } = header;
  if (rows !== info.rows || columns !== info.columns || components !== info.samplesPerPixel || precision > info.bitsAllocated) {
    throw new CodecError(
      codec,
      'mismatch',
      `codestream is ${rows}x${columns}x${components} at ${precision} bits, the data set says ` +
        `${info.rows}x${info.columns}x${info.samplesPerPixel} in ${info.bitsAllocated}-bit containers`,
    );
  }
}

export function checkLength(codec: string, pixels: Uint8Array, info: FrameInfo): void {
  const expected = frameLength(info);
  if (pixels.length !== expected) {
    throw new CodecError(codec, 'mismatch', `${pixels.length} bytes of pixels, the frame needs ${expected}`);
  }
}

/**
 * Sign-extends two's complement samples of `bits` bits to their 8- or 16-bit containers, in place.
 * Compressed streams carry Bits Stored bits per sample; the container's upper bits repeat the sign
 * (PS3.5 8.1.1, PS3.3 C.7.6.3.1.3).
 */
export function signExtend(pixels: Uint8Array, sampleBytes: number, bits: number): Uint8Array {
  if (bits >= sampleBytes * 8) return pixels;
  const shift = 32 - bits;
  if (sampleBytes === 1) {
    for (let i = 0; i < pixels.length; i++) pixels[i] = (pixels[i]! << shift) >> shift;
    return pixels;
  }
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  for (let i = 0; i + 1 < pixels.length; i += 2) view.setInt16(i, (view.getUint16(i, true) << shift) >> shift, true);
  return pixels;
}

/** A copy keeping the low `bits` bits of each 8- or 16-bit sample (drops sign extension and overlay bits). */
export function maskBits(pixels: Uint8Array, sampleBytes: number, bits: number): Uint8Array {
  if (bits >= sampleBytes * 8) return pixels;
  const out = pixels.slice();
  const mask = (1 << bits) - 1;
  if (sampleBytes === 1) {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! & mask;
    return out;
  }
  const view = new DataView(out.buffer);
  for (let i = 0; i + 1 < out.length; i += 2) view.setUint16(i, view.getUint16(i, true) & mask, true);
  return out;
}

/** Colour-by-plane to colour-by-pixel (PS3.3 C.7.6.3.1.3 Planar Configuration). */
export function interleave(planar: Uint8Array, samples: number, sampleBytes: number): Uint8Array {
  const out = new Uint8Array(planar.length);
  const plane = planar.length / samples;
  const pixels = plane / sampleBytes;
  for (let s = 0; s < samples; s++) {
    for (let p = 0; p < pixels; p++) {
      for (let b = 0; b < sampleBytes; b++) {
        out[(p * samples + s) * sampleBytes + b] = planar[s * plane + p * sampleBytes + b]!;
      }
    }
  }
  return out;
}
