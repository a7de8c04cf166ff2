// JPEG 2000 Part 1, lossless and lossy, with OpenJPEG (PS3.5 8.2.4, A.4.4).
import type { Codec } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { decodeJ2k, encodedPhotometric, j2kEncodeInput } from './j2k-frames.js';
import { JPEG_2000, JPEG_2000_LOSSLESS } from './uids.js';
import { lazyWasm, nativeEncode, type NativeDecoder, type NativeEncoder, type WasmOptions } from './wasm.js';

const NAME = 'openjpeg';

interface OpenJpeg {
  J2KDecoder: new () => NativeDecoder;
  J2KEncoder: new () => NativeEncoder & {
    setDecompositions(levels: number): void;
    /** Lossy (9/7 wavelet) when `lossless` is false, with `layers` quality layers. */
    setQuality(lossless: boolean, layers: number): void;
    setCompressionRatio(layer: number, ratio: number): void;
  };
}

export function createJpeg2000Codec(options: WasmOptions = {}): Codec {
  const load = lazyWasm<OpenJpeg>(NAME, () => import('@cornerstonejs/codec-openjpeg/wasmjs'), options);
  return {
    name: NAME,
    transferSyntaxes: [JPEG_2000_LOSSLESS, JPEG_2000],
    decode: (encoded, info) => decodeJ2k(NAME, load, (m) => new m.J2KDecoder(), encoded, info),
    async encode(pixels, info, transferSyntax, options = {}) {
      const ratio = options.compressionRatio;
      // PS3.5 8.2.4: .90 is reversible only; .91 may be either.
      if (transferSyntax === JPEG_2000_LOSSLESS ? ratio !== undefined : transferSyntax !== JPEG_2000) {
        throw new CodecError(NAME, 'unsupported', `cannot encode ${transferSyntax}${ratio === undefined ? '' : ` at ratio ${ratio}`}`);
      }
      const { frame, samples, decompositions } = j2kEncodeInput(NAME, pixels, info);
      const wasm = await load();
      const bytes = nativeEncode(NAME, wasm, () => new wasm.module.J2KEncoder(), frame, samples, (e) => {
        e.setDecompositions(decompositions);
        if (ratio === undefined) return;
        e.setQuality(false, 1);
        e.setCompressionRatio(0, ratio);
      });
      return { bytes, photometricInterpretation: encodedPhotometric(NAME, bytes, info, ratio === undefined) };
    },
  };
}
