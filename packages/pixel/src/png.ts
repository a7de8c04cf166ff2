// PNG encoding (ISO/IEC 15948): 8-bit grey, grey+alpha, RGB and RGBA, and 16-bit grey, for any JS runtime.
import { concatBytes } from '@dcmkit/core';
import { zlibSync } from 'fflate';
import { crc32 } from './crc32.js';
import type { RgbaImage } from './resize.js';

export interface PngImage {
  width: number;
  height: number;
  /** 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  /** 8, or 16 for grey (samples then come as a Uint16Array). */
  bitDepth: 8 | 16;
  /** Row-major, channels interleaved. */
  data: Uint8Array | Uint8ClampedArray | Uint16Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Colour type by channel count (ISO/IEC 15948 11.2.2): 0 greyscale, 4 greyscale with alpha, 2 truecolour, 6 truecolour with alpha. */
const COLOUR_TYPE = { 1: 0, 2: 4, 3: 2, 4: 6 } as const;
/** Filter type 1, Sub: each byte minus the byte one pixel to the left (ISO/IEC 15948 9.2). */
const FILTER_SUB = 1;

/** Encodes an image as PNG; `level` is the zlib compression level (0-9, default 6). */
export function encodePng(image: PngImage, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array {
  const { width, height, channels, bitDepth, data } = image;
  if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) throw new RangeError(`PNG of ${width}x${height}: expected positive integer sizes`);
  if (bitDepth === 16 && channels !== 1) throw new RangeError('16-bit PNG output is for greyscale only');
  if (data.length < width * height * channels) throw new RangeError(`PNG of ${width}x${height}x${channels}: ${width * height * channels} samples, got ${data.length}`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([bitDepth, COLOUR_TYPE[channels], 0, 0, 0], 8);
  const idat = zlibSync(filteredScanlines(image), { level });
  return concatBytes([Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** Encodes a rendered RGBA image keeping 4 channels, or as RGB (3) or grey (1, the red channel) when alpha or colour carry nothing. */
export function encodeRgbaPng(image: RgbaImage, channels: 1 | 3 | 4 = 4): Uint8Array {
  const { rgba, width, height } = image;
  let data: Uint8Array | Uint8ClampedArray = rgba;
  if (channels !== 4) {
    data = new Uint8Array(width * height * channels);
    for (let p = 0, o = 0; p < rgba.length; p += 4, o += channels) {
      data[o] = rgba[p]!;
      if (channels === 3) {
        data[o + 1] = rgba[p + 1]!;
        data[o + 2] = rgba[p + 2]!;
      }
    }
  }
  return encodePng({ width, height, channels, bitDepth: 8, data });
}

/** Scanlines, each a filter-type byte and the row's bytes (16-bit samples big-endian) after the Sub filter. */
function filteredScanlines({ width, height, channels, bitDepth, data }: PngImage): Uint8Array {
  const bpp = channels * (bitDepth / 8);
  const rowBytes = width * bpp;
  const out = new Uint8Array(height * (rowBytes + 1));
  const row = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    if (bitDepth === 16) {
      for (let x = 0, s = y * width; x < width; x++, s++) {
        row[2 * x] = data[s]! >> 8;
        row[2 * x + 1] = data[s]! & 0xff;
      }
    } else {
      row.set(data.subarray(y * rowBytes, (y + 1) * rowBytes));
    }
    const o = y * (rowBytes + 1);
    out[o] = FILTER_SUB;
    for (let i = 0; i < rowBytes; i++) out[o + 1 + i] = row[i]! - (i >= bpp ? row[i - bpp]! : 0);
  }
  return out;
}

/** A chunk: length, type, data, CRC-32 of type and data (ISO/IEC 15948 5.3). */
function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}
