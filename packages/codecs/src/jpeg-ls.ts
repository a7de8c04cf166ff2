// JPEG-LS lossless and near-lossless with CharLS (PS3.5 8.2.3, A.4.3).
import type { Codec } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { checkEndOfImage, readJpegHeader } from './jpeg-markers.js';
import { bytesPerSample, checkHeader, checkInfo, checkLength, interleave, maskBits, signExtend } from './samples.js';
import { JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS } from './uids.js';
import { lazyWasm, nativeDecode, nativeEncode, type NativeDecoder, type NativeEncoder, type WasmOptions } from './wasm.js';

const NAME = 'charls';

// T.87 C.2.3 (ILV): scans interleaved by component (planes), by line (1) or by sample.
const BY_COMPONENT = 0;
const BY_SAMPLE = 2;

interface CharLS {
  JpegLSDecoder: new () => NativeDecoder & { getInterleaveMode(): number };
  JpegLSEncoder: new () => NativeEncoder & { setNearLossless(near: number): void; setInterleaveMode(mode: number): void };
}

export function createJpegLsCodec(options: WasmOptions = {}): Codec {
  const load = lazyWasm<CharLS>(NAME, () => import('@cornerstonejs/codec-charls/wasmjs'), options);
  return {
    name: NAME,
    transferSyntaxes: [JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS],
    async decode(encoded, info) {
      checkInfo(NAME, info, [8, 16]);
      checkHeader(NAME, readJpegHeader(NAME, encoded), info);
      // CharLS spends seconds failing on a cut-short stream; a missing EOI rejects it at once.
      checkEndOfImage(NAME, encoded);
      const wasm = await load();
      const decoded = nativeDecode(NAME, wasm, () => new wasm.module.JpegLSDecoder(), encoded, (d) => d.getInterleaveMode());
      checkLength(NAME, decoded.pixels, info);
      const sampleBytes = bytesPerSample(info);
      // CharLS returns a by-component scan as planes; line- and sample-interleaved scans come out by pixel.
      const pixels = info.samplesPerPixel > 1 && decoded.detail === BY_COMPONENT ? interleave(decoded.pixels, info.samplesPerPixel, sampleBytes) : decoded.pixels;
      if (info.pixelRepresentation === 1) signExtend(pixels, sampleBytes, decoded.frame.bitsPerSample);
      return { pixels, planarConfiguration: 0, photometricInterpretation: info.photometricInterpretation };
    },
    async encode(pixels, info, transferSyntax, options = {}) {
      checkInfo(NAME, info, [8, 16]);
      checkLength(NAME, pixels, info);
      const near = options.nearLossless ?? 0;
      if (transferSyntax === JPEG_LS_LOSSLESS ? near !== 0 : transferSyntax !== JPEG_LS_NEAR_LOSSLESS) {
        throw new CodecError(NAME, 'unsupported', `cannot encode ${transferSyntax} with NEAR ${near}`);
      }
      const wasm = await load();
      const frame = { width: info.columns, height: info.rows, bitsPerSample: info.bitsStored, componentCount: info.samplesPerPixel, isSigned: info.pixelRepresentation === 1 };
      // JPEG-LS codes Bits Stored-bit patterns: the container's upper bits must be zero (T.87 A.1).
      const stored = maskBits(pixels, bytesPerSample(info), info.bitsStored);
      const mode = info.samplesPerPixel === 1 || info.planarConfiguration === 1 ? BY_COMPONENT : BY_SAMPLE;
      const bytes = nativeEncode(NAME, wasm, () => new wasm.module.JpegLSEncoder(), frame, stored, (e) => {
        e.setNearLossless(near);
        e.setInterleaveMode(mode);
      });
      return { bytes, photometricInterpretation: info.photometricInterpretation };
    },
  };
}
