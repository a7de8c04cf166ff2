// The codec packages ship no type declarations; wasm.ts and the codec modules type what they call.
declare module '@cornerstonejs/codec-*' {
  const factory: unknown;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    /** `numBytes` forces the output container: 1 gives Uint8Array, 2 Uint16Array (platform order). */
    decode(buffer: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
