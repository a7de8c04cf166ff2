// Stored samples as typed arrays: the sample type from Bits Allocated and Pixel Representation
// (PS3.5 8.1.1), and the numpy-style shape the reference corpus uses.
import { FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA } from '@dcmkit/core';
import { PixelDataError } from './errors.js';
import type { DType, ImagePixelDescription, PixelArray } from './pixel-frame.js';

type PixelArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => PixelArray;

const ARRAY: Record<DType, PixelArrayConstructor & { BYTES_PER_ELEMENT: number }> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** The sample type: Bits Allocated 1 unpacks to one uint8 0/1 per pixel; float modules give float32/float64. */
export function dtypeOf(desc: ImagePixelDescription, file?: string): DType {
  if (desc.pixelDataTag === FLOAT_PIXEL_DATA) return 'float32';
  if (desc.pixelDataTag === DOUBLE_FLOAT_PIXEL_DATA) return 'float64';
  const signed = desc.pixelRepresentation === 1;
  switch (desc.bitsAllocated) {
    case 1:
      return 'uint8';
    case 8:
      return signed ? 'int8' : 'uint8';
    case 16:
      return signed ? 'int16' : 'uint16';
    case 32:
      return signed ? 'int32' : 'uint32';
    default:
      throw new PixelDataError('unsupported', `Bits Allocated ${desc.bitsAllocated} integer samples`, { file });
  }
}

/** Bytes of one sample in the decoded array. */
export const bytesPerElement = (dtype: DType): number => ARRAY[dtype].BYTES_PER_ELEMENT;

/**
 * Little-endian sample bytes as a typed array: a view when `bytes` is aligned, else an aligned copy.
 * Typed arrays use the platform's byte order, little endian on every platform this runs on.
 */
export function pixelArray(dtype: DType, bytes: Uint8Array): PixelArray {
  const Array = ARRAY[dtype];
  const size = Array.BYTES_PER_ELEMENT;
  // new Uint8Array copies: a Node Buffer's slice() would return a view at the same offset.
  const aligned = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes);
  return new Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / size));
}

/** A new zero-filled array of `length` samples. */
export function allocate(dtype: DType, length: number): PixelArray {
  const Array = ARRAY[dtype];
  return new Array(new ArrayBuffer(length * Array.BYTES_PER_ELEMENT), 0, length);
}

/** The array's bytes (little endian, C order), no copy. */
export const arrayBytes = (data: PixelArray): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** (frames, rows, columns, samples): frames only when Number of Frames > 1, samples only when > 1. */
export function pixelArrayShape(desc: ImagePixelDescription, frames = desc.numberOfFrames): number[] {
  return [...(frames > 1 ? [frames] : []), desc.rows, desc.columns, ...(desc.samplesPerPixel > 1 ? [desc.samplesPerPixel] : [])];
}
