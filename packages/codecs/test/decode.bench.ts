// Decode speed, our wrapper against the bare library call: `npx vitest bench packages/codecs --run`.
// Megapixels/s = hz x the frame's pixel count / 1e6 (pixels: 320x240 RGB, 1024x256, 484x300, 512x512, 256x256).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Decoder } from 'jpeg-lossless-decoder-js';
import { bench, describe } from 'vitest';
import {
  createHtj2kCodec,
  createJpeg2000Codec,
  createJpegCodec,
  createJpegLosslessCodec,
  createJpegLsCodec,
  HTJ2K_LOSSLESS,
  JPEG_LS_LOSSLESS,
  RLE_LOSSLESS,
  rleCodec,
} from '@dcmkit/codecs';
import { frameInfo, framesOf, nativeImage, record } from './corpus.js';
import { readPixelData } from './frames.js';

type Factory = (options: object) => Promise<Record<string, new () => { getEncodedBuffer(n: number): Uint8Array; decode(): void; getDecodedBuffer(): ArrayBufferView; delete(): void }>>;
const options = { time: 3000, warmupTime: 500 };
const quiet = () => ({ print() {}, printErr() {} });
const load = async (specifier: string) => ((await import(specifier)).default as Factory)(quiet());

function raw(module: Awaited<ReturnType<Factory>>, name: string, bytes: Uint8Array): Uint8Array {
  const decoder = new module[name]!();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const view = decoder.getDecodedBuffer();
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  } finally {
    decoder.delete();
  }
}

const rgb = nativeImage('test_files/examples_rgb_color.dcm');
const overlay = nativeImage('test_files/examples_overlay.dcm');
const j2k = record('test_files/693_J2KI.dcm');
const j2kFrame = framesOf(j2k)[0]!;
const ybr = record('test_files/examples_ybr_color.dcm');
const ybrFrame = framesOf(ybr)[0]!;
const lossy12 = record('test_files/JPEG-lossy.dcm');
const lossy12Frame = framesOf(lossy12)[0]!;
const lossless = readPixelData(`${dirname(createRequire(import.meta.url).resolve('jpeg-lossless-decoder-js/package.json'))}/tests/data/jpeg_lossless_sel1.dcm`).frames[0]!;
const losslessInfo = { rows: 256, columns: 256, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0 };

const rle = (await rleCodec.encode!(rgb.pixels, rgb.info, RLE_LOSSLESS)).bytes;
const jpeg = createJpegCodec();
const jpegLossless = createJpegLosslessCodec();
const charls = createJpegLsCodec();
const jls = (await charls.encode!(overlay.pixels, overlay.info, JPEG_LS_LOSSLESS)).bytes;
const openjpeg = createJpeg2000Codec();
const openjph = createHtj2kCodec();
const j2kPixels = (await openjpeg.decode(j2kFrame, frameInfo(j2k))).pixels;
const htj2k = (await openjph.encode!(j2kPixels, frameInfo(j2k), HTJ2K_LOSSLESS)).bytes;
const modules = {
  jpeg: await load('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  charls: await load('@cornerstonejs/codec-charls/wasmjs'),
  openjpeg: await load('@cornerstonejs/codec-openjpeg/wasmjs'),
  openjph: await load('@cornerstonejs/codec-openjph/wasmjs'),
};

describe('RLE, 320x240 RGB', () => {
  bench('wrapper', async () => void (await rleCodec.decode(rle, rgb.info)), options);
});
describe('JPEG baseline, 320x240 YBR_FULL_422', () => {
  bench('wrapper', async () => void (await jpeg.decode(ybrFrame, frameInfo(ybr))), options);
  bench('raw', () => void raw(modules.jpeg, 'JPEGDecoder', ybrFrame), options);
});
describe('JPEG extended 12-bit (our decoder), 1024x256', () => {
  bench('wrapper', async () => void (await jpeg.decode(lossy12Frame, frameInfo(lossy12))), options);
});
describe('JPEG lossless, 256x256 16-bit', () => {
  bench('wrapper', async () => void (await jpegLossless.decode(lossless, losslessInfo)), options);
  bench('raw', () => void new Decoder().decode(lossless.slice().buffer, 0, lossless.length, 2), options);
});
describe('JPEG-LS, 484x300 16-bit', () => {
  bench('wrapper', async () => void (await charls.decode(jls, overlay.info)), options);
  bench('raw', () => void raw(modules.charls, 'JpegLSDecoder', jls), options);
});
describe('JPEG 2000, 512x512 16-bit', () => {
  bench('wrapper', async () => void (await openjpeg.decode(j2kFrame, frameInfo(j2k))), options);
  bench('raw', () => void raw(modules.openjpeg, 'J2KDecoder', j2kFrame), options);
});
describe('HTJ2K, 512x512 16-bit', () => {
  bench('wrapper', async () => void (await openjph.decode(htj2k, frameInfo(j2k))), options);
  bench('raw', () => void raw(modules.openjph, 'HTJ2KDecoder', htj2k), options);
});
