// RLE Lossless (PS3.5 Annex G): each byte plane of each sample is a PackBits-coded segment.
import type { Codec, FrameInfo } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { bytesPerSample, checkInfo, checkLength } from './samples.js';
import { RLE_LOSSLESS } from './uids.js';

const NAME = 'rle';
const HEADER_LENGTH = 64; // PS3.5 G.5: segment count and 15 offsets, 32-bit little endian
const MAX_RUN = 128; // PS3.5 G.3.1: a run or literal covers 1..128 bytes
const BITS_ALLOCATED = [8, 16, 32];

/** Where segment `segment` lands: sample index and byte within the little-endian container. */
function segmentTarget(segment: number, sampleBytes: number): { sample: number; byte: number } {
  // PS3.5 G.2: segments are ordered by sample, most significant byte first.
  return { sample: Math.floor(segment / sampleBytes), byte: sampleBytes - 1 - (segment % sampleBytes) };
}

/** PS3.5 G.3.2: unpacks one segment into every `stride`-th byte of `out`, starting at `first`. */
function unpackSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, first: number, stride: number, count: number, segment: number): void {
  const short = (written: number) => new CodecError(NAME, 'truncated', `segment ${segment} ends after ${written} of ${count} bytes`);
  let p = start;
  let o = first;
  let written = 0;
  while (written < count) {
    if (p >= end) throw short(written);
    const header = (src[p++]! << 24) >> 24;
    if (header >= 0) {
      // Literal: the next header + 1 bytes are output as they are.
      const length = Math.min(header + 1, count - written);
      if (p + length > end) throw short(written);
      for (let i = 0; i < length; i++, o += stride) out[o] = src[p + i]!;
      p += header + 1;
      written += length;
    } else if (header !== -128) {
      // Replicate: the next byte is output 1 - header times.
      if (p >= end) throw short(written);
      const value = src[p++]!;
      const length = Math.min(1 - header, count - written);
      for (let i = 0; i < length; i++, o += stride) out[o] = value;
      written += length;
    } // -128: no operation
  }
}

/**
 * Decodes one RLE frame to samples in Bits Allocated containers, little endian, colour-by-pixel
 * (planar configuration 0) whatever the data set's Planar Configuration says.
 */
export function decodeRle(encoded: Uint8Array, info: FrameInfo): Uint8Array {
  checkInfo(NAME, info, BITS_ALLOCATED);
  if (encoded.length < HEADER_LENGTH) throw new CodecError(NAME, 'truncated', `${encoded.length} bytes, shorter than the RLE header`);
  const sampleBytes = bytesPerSample(info);
  const stride = info.samplesPerPixel * sampleBytes;
  const count = info.rows * info.columns;
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const segments = view.getUint32(0, true);
  // PS3.5 G.2: one segment per byte of each sample.
  if (segments !== stride) throw new CodecError(NAME, 'mismatch', `${segments} segments, the frame needs ${stride}`);
  const out = new Uint8Array(count * stride);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + 4 * segment, true);
    const end = segment + 1 < segments ? view.getUint32(8 + 4 * segment, true) : encoded.length;
    if (start < HEADER_LENGTH || end < start) throw new CodecError(NAME, 'corrupt', `segment ${segment} offsets ${start}..${end}`);
    if (end > encoded.length) throw new CodecError(NAME, 'truncated', `segment ${segment} ends at ${end}, past the data (${encoded.length})`);
    const { sample, byte } = segmentTarget(segment, sampleBytes);
    unpackSegment(encoded, start, end, out, sample * sampleBytes + byte, stride, count, segment);
  }
  return out;
}

/** PS3.5 G.3.1: PackBits one row (runs never cross rows); replicate runs of 3 or more. */
function packRow(row: Uint8Array, out: Uint8Array, pos: number): number {
  const n = row.length;
  let i = 0;
  while (i < n) {
    let run = 1;
    while (i + run < n && run < MAX_RUN && row[i + run] === row[i]) run++;
    if (run >= 3) {
      out[pos++] = 257 - run; // -(run - 1) as a signed byte
      out[pos++] = row[i]!;
      i += run;
      continue;
    }
    let j = i + 1;
    while (j < n && j - i < MAX_RUN && !(j + 2 < n && row[j] === row[j + 1] && row[j] === row[j + 2])) j++;
    out[pos++] = j - i - 1;
    out.set(row.subarray(i, j), pos);
    pos += j - i;
    i = j;
  }
  return pos;
}

/** Encodes one frame given in the layout its `info.planarConfiguration` states. */
export function encodeRle(pixels: Uint8Array, info: FrameInfo): Uint8Array {
  checkInfo(NAME, info, BITS_ALLOCATED);
  checkLength(NAME, pixels, info);
  const { rows, columns, samplesPerPixel: samples } = info;
  const sampleBytes = bytesPerSample(info);
  const segments = samples * sampleBytes;
  const planar = samples > 1 && info.planarConfiguration === 1;
  // Worst case: every row one literal per 128 bytes, plus a padding byte per segment.
  const out = new Uint8Array(HEADER_LENGTH + segments * (rows * (columns + Math.ceil(columns / MAX_RUN)) + 1));
  const view = new DataView(out.buffer);
  view.setUint32(0, segments, true);
  const row = new Uint8Array(columns);
  let pos = HEADER_LENGTH;
  for (let segment = 0; segment < segments; segment++) {
    view.setUint32(4 + 4 * segment, pos, true);
    const { sample, byte } = segmentTarget(segment, sampleBytes);
    const [first, step] = planar ? [sample * rows * columns * sampleBytes + byte, sampleBytes] : [sample * sampleBytes + byte, segments];
    for (let r = 0; r < rows; r++) {
      for (let c = 0, src = first + r * columns * step; c < columns; c++, src += step) row[c] = pixels[src]!;
      pos = packRow(row, out, pos);
    }
    if (pos & 1) out[pos++] = 0; // PS3.5 G.3.1: segments have even length
  }
  return out.slice(0, pos);
}

export const rleCodec: Codec = {
  name: NAME,
  transferSyntaxes: [RLE_LOSSLESS],
  async decode(encoded, info) {
    return { pixels: decodeRle(encoded, info), planarConfiguration: 0, photometricInterpretation: info.photometricInterpretation };
  },
  async encode(pixels, info, transferSyntax) {
    if (transferSyntax !== RLE_LOSSLESS) throw new CodecError(NAME, 'unsupported', `cannot encode ${transferSyntax}`);
    return { bytes: encodeRle(pixels, info), photometricInterpretation: info.photometricInterpretation };
  },
};
