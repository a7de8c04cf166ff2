// PNG output (ISO/IEC 15948): parsed back chunk by chunk, CRCs checked, IDAT inflated with node:zlib
// and unfiltered; and resizing.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, encodeRgbaPng, resizeRgba, type PngImage } from '@dcmkit/pixel';

interface Chunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

function chunks(png: Uint8Array): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

/** Decodes what encodePng writes: IHDR fields, and the samples after undoing each row's filter (None or Sub). */
function decode(png: Uint8Array) {
  const cs = chunks(png);
  expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  expect(cs.every((c) => c.crcOk)).toBe(true);
  const h = new DataView(cs[0]!.data.buffer, cs[0]!.data.byteOffset, 13);
  const [width, height, bitDepth, colourType] = [h.getUint32(0), h.getUint32(4), h.getUint8(8), h.getUint8(9)];
  const channels = { 0: 1, 4: 2, 2: 3, 6: 4 }[colourType]!;
  const bpp = (channels * bitDepth) / 8;
  const raw = new Uint8Array(inflateSync(cs[1]!.data));
  const rowBytes = width * bpp;
  expect(raw.length).toBe(height * (rowBytes + 1));
  const bytes = new Uint8Array(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!;
    expect([0, 1]).toContain(filter);
    for (let i = 0; i < rowBytes; i++) {
      const left = filter === 1 && i >= bpp ? bytes[y * rowBytes + i - bpp]! : 0;
      bytes[y * rowBytes + i] = (raw[y * (rowBytes + 1) + 1 + i]! + left) & 0xff;
    }
  }
  const samples = bitDepth === 16 ? Array.from({ length: bytes.length / 2 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!) : [...bytes];
  return { width, height, bitDepth, colourType, samples };
}

describe('crc32', () => {
  it('gives the CRC-32 check value and the IEND chunk CRC', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('6789'), crc32(new TextEncoder().encode('12345')))).toBe(0xcbf43926);
  });
});

describe('encodePng', () => {
  const ramp = (n: number, mod: number) => Array.from({ length: n }, (_, i) => (i * 37 + (i >> 3)) % mod);

  it.each([
    [1, 0],
    [2, 4],
    [3, 2],
    [4, 6],
  ] as const)('writes 8-bit images with %i channels as colour type %i', (channels, colourType) => {
    const image: PngImage = { width: 7, height: 5, channels, bitDepth: 8, data: Uint8Array.from(ramp(7 * 5 * channels, 256)) };
    expect(decode(encodePng(image))).toEqual({ width: 7, height: 5, bitDepth: 8, colourType, samples: [...image.data] });
  });

  it('writes 16-bit greyscale big-endian', () => {
    const data = Uint16Array.from([0, 1, 255, 256, 4095, 32768, 65535, 12345, 54321]);
    expect(decode(encodePng({ width: 3, height: 3, channels: 1, bitDepth: 16, data }, 9))).toEqual({ width: 3, height: 3, bitDepth: 16, colourType: 0, samples: [...data] });
  });

  it('writes RGBA from a Uint8ClampedArray', () => {
    const data = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 128]);
    expect(decode(encodePng({ width: 2, height: 1, channels: 4, bitDepth: 8, data })).samples).toEqual([...data]);
  });

  it('rejects sizes and layouts it cannot write', () => {
    const data = new Uint8Array(4);
    expect(() => encodePng({ width: 0, height: 1, channels: 1, bitDepth: 8, data })).toThrow(RangeError);
    expect(() => encodePng({ width: 2, height: 2, channels: 3, bitDepth: 8, data })).toThrow(/12 samples/);
    expect(() => encodePng({ width: 1, height: 1, channels: 3, bitDepth: 16, data: new Uint16Array(3) })).toThrow(/greyscale only/);
  });
});

describe('resizeRgba', () => {
  const image = (w: number, h: number, px: number[][]) => ({ rgba: new Uint8ClampedArray(px.flat()), width: w, height: h });
  const black = [0, 0, 0, 255];
  const white = [255, 255, 255, 255];

  it('repeats pixels with nearest', () => {
    const out = resizeRgba(image(2, 1, [black, white]), 4, 2, 'nearest');
    expect([...out.rgba]).toEqual([black, black, white, white, black, black, white, white].flat());
  });

  it('interpolates between pixel centres with bilinear', () => {
    const out = resizeRgba(image(2, 1, [black, white]), 4, 1, 'bilinear');
    // Centres at 0.25 src px spacing: x = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    expect([...out.rgba].filter((_, i) => i % 4 === 0)).toEqual([0, 64, 191, 255]);
  });

  it('halves by averaging neighbours', () => {
    const out = resizeRgba(image(4, 1, [black, white, black, white]), 2, 1, 'bilinear');
    expect([...out.rgba].filter((_, i) => i % 4 === 0)).toEqual([128, 128]);
  });

  it('returns the image when the size is unchanged and rejects bad sizes', () => {
    const im = image(1, 1, [white]);
    expect(resizeRgba(im, 1, 1)).toBe(im);
    expect(() => resizeRgba(im, 0, 3)).toThrow(RangeError);
  });
});

describe('encodeRgbaPng', () => {
  const rgba = new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 255]);
  const image = { rgba, width: 2, height: 1 };

  it('keeps RGBA, or drops alpha, or keeps the red channel as grey', () => {
    expect(decode(encodeRgbaPng(image))).toMatchObject({ colourType: 6, samples: [...rgba] });
    expect(decode(encodeRgbaPng(image, 3))).toMatchObject({ colourType: 2, samples: [10, 20, 30, 40, 50, 60] });
    expect(decode(encodeRgbaPng(image, 1))).toMatchObject({ colourType: 0, samples: [10, 40] });
  });
});
