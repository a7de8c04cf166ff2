// High-Throughput JPEG 2000 (ITU-T T.814) with OpenJPH (PS3.5 8.2.15, A.4.11).
import type { Codec } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { decodeJ2k, encodedPhotometric, j2kEncodeInput } from './j2k-frames.js';
import { HTJ2K, HTJ2K_LOSSLESS, HTJ2K_RPCL_LOSSLESS } from './uids.js';
import { lazyWasm, nativeEncode, type NativeDecoder, type NativeEncoder, type WasmOptions } from './wasm.js';

const NAME = 'openjph';
const RPCL = 2; // T.800 Table A.16 progression order
const SYNTAXES = [HTJ2K_LOSSLESS, HTJ2K_RPCL_LOSSLESS, HTJ2K];

interface OpenJph {
  HTJ2KDecoder: new () => NativeDecoder;
  HTJ2KEncoder: new () => NativeEncoder & {
    setDecompositions(levels: number): void;
    setProgressionOrder(order: number): void;
    setTLMMarker(on: boolean): void;
    setTilePartDivisionsAtResolutions(on: boolean): void;
  };
}

export function createHtj2kCodec(options: WasmOptions = {}): Codec {
  const load = lazyWasm<OpenJph>(NAME, () => import('@cornerstonejs/codec-openjph/wasmjs'), options);
  return {
    name: NAME,
    transferSyntaxes: SYNTAXES,
    decode: (encoded, info) => decodeJ2k(NAME, load, (m) => new m.HTJ2KDecoder(), encoded, info),
    async encode(pixels, info, transferSyntax, options = {}) {
      // Reversible coding only: a lossless codestream is valid under all three syntaxes.
      if (!SYNTAXES.includes(transferSyntax) || options.compressionRatio !== undefined || options.nearLossless !== undefined) {
        throw new CodecError(NAME, 'unsupported', `only lossless encoding, not ${transferSyntax} with ${JSON.stringify(options)}`);
      }
      const { frame, samples, decompositions } = j2kEncodeInput(NAME, pixels, info);
      const wasm = await load();
      const bytes = nativeEncode(NAME, wasm, () => new wasm.module.HTJ2KEncoder(), { ...frame, isUsingColorTransform: frame.componentCount > 1 }, samples, (e) => {
        e.setDecompositions(decompositions);
        e.setProgressionOrder(RPCL);
        // PS3.5 8.2.15: the RPCL option also requires TLM markers and tile-parts split by resolution.
        const rpclOptions = transferSyntax === HTJ2K_RPCL_LOSSLESS;
        e.setTLMMarker(rpclOptions);
        e.setTilePartDivisionsAtResolutions(rpclOptions);
      });
      return { bytes, photometricInterpretation: encodedPhotometric(NAME, bytes, info, true) };
    },
  };
}
