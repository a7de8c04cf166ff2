// JPEG Baseline (Process 1) and Extended (Processes 2 & 4) with libjpeg-turbo, 12-bit with our own decoder (PS3.5 8.2.1, A.4.1).
import type { Codec, FrameInfo } from '@dcmkit/pixel';
import { decodeJpegExtended } from './jpeg-extended/decode.js';
import { readJpegHeader, withoutColourTransform } from './jpeg-markers.js';
import { checkHeader, checkInfo, checkLength } from './samples.js';
import { JPEG_BASELINE, JPEG_EXTENDED } from './uids.js';
import { lazyWasm, nativeDecode, type NativeDecoder, type WasmOptions } from './wasm.js';

const NAME = 'libjpeg-turbo';

interface LibJpegTurbo {
  JPEGDecoder: new () => NativeDecoder;
}

export function createJpegCodec(options: WasmOptions = {}): Codec {
  const load = lazyWasm<LibJpegTurbo>(NAME, () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'), options);
  async function decodeWithLibjpeg(encoded: Uint8Array, info: FrameInfo): Promise<Uint8Array> {
    // PS3.5 8.2.1: Photometric Interpretation names the colour space of the compressed components,
    // so they come out as coded (YBR_FULL stays YCbCr), never through libjpeg's colour conversion.
    const stream = info.samplesPerPixel === 3 ? withoutColourTransform(NAME, encoded) : encoded;
    const wasm = await load();
    return nativeDecode(NAME, wasm, () => new wasm.module.JPEGDecoder(), stream).pixels;
  }
  return {
    name: NAME,
    transferSyntaxes: [JPEG_BASELINE, JPEG_EXTENDED],
    async decode(encoded, info) {
      checkInfo(NAME, info, [8, 16]);
      const header = readJpegHeader(NAME, encoded);
      checkHeader(NAME, header, info);
      // libjpeg-turbo is built for 8 bits: 12-bit frames (Process 4) go to our own T.81 decoder.
      const pixels = header.precision === 8 ? await decodeWithLibjpeg(encoded, info) : decodeJpegExtended(encoded, info);
      checkLength(NAME, pixels, info);
      // The decoder upsamples 4:2:2 chroma, so YBR_FULL_422 data comes out as YBR_FULL (PS3.3 C.7.6.3.1.2).
      const photometricInterpretation = info.photometricInterpretation === 'YBR_FULL_422' ? 'YBR_FULL' : info.photometricInterpretation;
      return { pixels, planarConfiguration: 0, photometricInterpretation };
    },
  };
}
