// Why a data set could not be moved from one Transfer Syntax to another (PS3.5 8, 10, A.4).
import { transferSyntaxInfo } from '@dcmkit/core';

export type TranscodeErrorKind =
  /** The target cannot hold this image (e.g. JPEG 2000 of 16-bit colour, a float image encapsulated). */
  | 'unsupported'
  /** No codec in the registry encodes the target Transfer Syntax. */
  | 'no-codec'
  /** The encoder failed on a frame it should have taken. */
  | 'encode';

export interface TranscodeErrorOptions {
  file?: string;
  frame?: number;
  cause?: unknown;
}

export class TranscodeError extends Error {
  override readonly name = 'TranscodeError';
  readonly file?: string;
  readonly frame?: number;

  constructor(
    readonly kind: TranscodeErrorKind,
    /** Transfer Syntax UIDs: the file's and the one asked for. */
    readonly from: string,
    readonly to: string,
    /** What stood in the way, without the location. */
    readonly reason: string,
    options: TranscodeErrorOptions = {},
  ) {
    const where = [options.file, options.frame === undefined ? undefined : `frame ${options.frame}`].filter(Boolean).join(', ');
    const what = `cannot transcode ${transferSyntaxInfo(from).name} to ${transferSyntaxInfo(to).name}: ${reason}`;
    super(where ? `${where}: ${what}` : what, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.frame = options.frame;
  }
}
