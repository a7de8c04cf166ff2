/** Why a frame could not be decoded or encoded. */
export type CodecErrorReason =
  /** The encoded data ends before the frame is complete. */
  | 'truncated'
  /** The encoded data is malformed or the native codec rejected it. */
  | 'corrupt'
  /** The encoded data or the pixels disagree with the FrameInfo (size, samples, bit depth). */
  | 'mismatch'
  /** A valid input this codec cannot handle (e.g. 12-bit lossy JPEG). */
  | 'unsupported'
  /** The native (WebAssembly) codec could not be loaded. */
  | 'unavailable'
  /** The codec did not finish within its time limit (see registerIsolatedCodecs). */
  | 'timeout';

export class CodecError extends Error {
  override readonly name = 'CodecError';

  constructor(
    readonly codec: string,
    readonly reason: CodecErrorReason,
    message: string,
  ) {
    super(`${codec}: ${message}`);
  }
}
