// What the page asks the decode workers, and what they answer.
import type { ImagePixelDescription, PixelFrame } from '@dcmkit/pixel';

/** The Image Pixel Module attributes (PS3.3 C.7.6.3) a frame's bytes need to be decoded. */
export type PixelAttributes = Omit<ImagePixelDescription, 'numberOfFrames' | 'pixelDataTag'>;

/** One frame's bytes as WADO-RS sent them (PS3.18 8.7.3.3.2): native little endian, or one compressed frame. */
export interface EncodedFrameRequest {
  kind: 'encoded';
  bytes: Uint8Array;
  transferSyntax: string;
  attributes: PixelAttributes;
}

/** Frame `frame` of a local file, read in the worker (Files can be posted to workers). */
export interface FileFrameRequest {
  kind: 'file';
  file: File;
  frame: number;
}

export type DecodeRequest = EncodedFrameRequest | FileFrameRequest;

export type DecodeResponse = { id: number; frame: PixelFrame } | { id: number; error: string };
