// @dcmkit/codecs: frame codecs for the compressed Transfer Syntaxes, behind @dcmkit/pixel's Codec.
// Importing this module is cheap: each WebAssembly codec loads on its first frame.
import type { CodecRegistry } from '@dcmkit/pixel';
import { createHtj2kCodec } from './htj2k.js';
import { createJpegCodec } from './jpeg.js';
import { createJpegLosslessCodec } from './jpeg-lossless.js';
import { createJpegLsCodec } from './jpeg-ls.js';
import { createJpeg2000Codec } from './jpeg2000.js';
import { rleCodec } from './rle.js';
import { deflatedImageFrameCodec, encapsulatedUncompressedCodec } from './uncompressed.js';
import type { WasmOptions } from './wasm.js';

export { CodecError, type CodecErrorReason } from './errors.js';
export { createHtj2kCodec } from './htj2k.js';
export { createJpegCodec } from './jpeg.js';
export { createJpegLosslessCodec } from './jpeg-lossless.js';
export { createJpegLsCodec } from './jpeg-ls.js';
export { createJpeg2000Codec } from './jpeg2000.js';
export { decodeRle, encodeRle, rleCodec } from './rle.js';
export { deflatedImageFrameCodec, encapsulatedUncompressedCodec } from './uncompressed.js';
export * from './uids.js';
export type { WasmOptions } from './wasm.js';

/** Registers every codec of this package; `options` tell browsers where the .wasm files are. */
export function registerAllCodecs(registry: CodecRegistry, options: WasmOptions = {}): CodecRegistry {
  return registry
    .register(rleCodec)
    .register(encapsulatedUncompressedCodec)
    .register(deflatedImageFrameCodec)
    .register(createJpegCodec(options))
    .register(createJpegLosslessCodec())
    .register(createJpegLsCodec(options))
    .register(createJpeg2000Codec(options))
    .register(createHtj2kCodec(options));
}
