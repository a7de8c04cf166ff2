// JPEG Lossless (Process 14, any predictor, and Selection Value 1) with jpeg-lossless-decoder-js (PS3.5 8.2.1, A.4.1).
import type { Codec } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { checkEndOfImage, readJpegHeader } from './jpeg-markers.js';
import { bytesPerSample, checkHeader, checkInfo, checkLength, signExtend } from './samples.js';
import { JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 } from './uids.js';
import { lazy } from './lazy.js';

const NAME = 'jpeg-lossless';

export function createJpegLosslessCodec(): Codec {
  const load = lazy(() => import('jpeg-lossless-decoder-js'));
  return {
    name: NAME,
    transferSyntaxes: [JPEG_LOSSLESS, JPEG_LOSSLESS_SV1],
    async decode(encoded, info) {
      checkInfo(NAME, info, [8, 16]);
      const header = readJpegHeader(NAME, encoded);
      checkHeader(NAME, header, info);
      // The decoder reads past a cut-short stream without complaint, so the end is checked first.
      checkEndOfImage(NAME, encoded);
      if (header.frameMarker !== 0xc3) throw new CodecError(NAME, 'unsupported', `frame marker FF${header.frameMarker.toString(16).toUpperCase()} is not lossless (FFC3)`);
      if (info.samplesPerPixel > 1 && info.bitsAllocated > 8) throw new CodecError(NAME, 'unsupported', 'colour above 8 bits');
      const { Decoder } = await load();
      const sampleBytes = bytesPerSample(info);
      // The decoder wants an ArrayBuffer of its own; it stores samples little endian on any platform.
      // (Uint8Array.prototype.slice: a Node Buffer's own slice() would return a view.)
      const input = Uint8Array.prototype.slice.call(encoded).buffer;
      let decoded: Uint8Array | Uint16Array;
      try {
        decoded = new Decoder().decode(input, 0, input.byteLength, sampleBytes);
      } catch (error) {
        throw new CodecError(NAME, 'corrupt', `decode failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const pixels = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
      checkLength(NAME, pixels, info);
      if (info.pixelRepresentation === 1) signExtend(pixels, sampleBytes, header.precision);
      return { pixels, planarConfiguration: 0, photometricInterpretation: info.photometricInterpretation };
    },
  };
}
