// Typed errors for pixel data that cannot be described or decoded (PS3.3 C.7.6.3, PS3.5 8 and A.4).

/** What went wrong, for callers that branch on it. */
export type PixelDataErrorKind =
  /** A required Image Pixel attribute or the Pixel Data element is absent. */
  | 'missing'
  /** Attribute values that contradict each other or the Pixel Data (sizes, bit depths, frame index). */
  | 'invalid'
  /** Valid data this library does not decode (e.g. Bits Allocated 12). */
  | 'unsupported'
  /** No codec is registered for the file's Transfer Syntax. */
  | 'no-codec'
  /** The Pixel Data ends before the frame does. */
  | 'truncated'
  /** The codec rejected the frame. */
  | 'decode';

export interface PixelDataErrorOptions {
  /** The file's name (path), when known. */
  file?: string;
  /** 0-based frame number, when the problem is one frame's. */
  frame?: number;
  cause?: unknown;
}

export class PixelDataError extends Error {
  override readonly name = 'PixelDataError';
  readonly file?: string;
  readonly frame?: number;

  constructor(
    readonly kind: PixelDataErrorKind,
    /** What was expected or found, without the location. */
    readonly reason: string,
    options: PixelDataErrorOptions = {},
  ) {
    const where = [options.file, options.frame === undefined ? undefined : `frame ${options.frame}`].filter(Boolean).join(', ');
    super(where ? `${where}: ${reason}` : reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.frame = options.frame;
  }
}
