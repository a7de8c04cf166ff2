// A viewport's images: every frame of every instance of a series, in order.
import type { DataSet } from '@dcmkit/core';
import type { PixelFrame } from '@dcmkit/pixel';

export interface StackImage {
  /** Cache key: SOP Instance UID and frame number. */
  key: string;
  sopInstanceUID: string;
  /** The instance's attributes (Pixel Data left out). */
  dataset: DataSet;
  /** 0-based frame of the instance. */
  frameIndex: number;
  /** Decoded stored values of the frame. */
  load(): Promise<PixelFrame>;
}

export interface ImageStack {
  /** Series Instance UID. */
  id: string;
  images: StackImage[];
}

/** Bytes of one decoded frame of `ds` (Rows x Columns x Samples per Pixel x Bits Allocated / 8). */
export function frameByteLength(ds: DataSet): number {
  const bits = ds.getNumber('BitsAllocated') ?? 16;
  const samples = (ds.getNumber('Rows') ?? 0) * (ds.getNumber('Columns') ?? 0) * (ds.getNumber('SamplesPerPixel') ?? 1);
  return samples * (bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8);
}
