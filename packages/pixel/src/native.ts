// Native (uncompressed) Pixel Data: where each frame's bits are and their byte order (PS3.5 8.1-8.2, A.1-A.3).
import type { DicomFile, Element } from '@dcmkit/core';
import { PixelDataError } from './errors.js';
import type { ImagePixelDescription } from './pixel-frame.js';
import { bitRange } from './sample-layout.js';
import { readValue, valueLength } from './source-bytes.js';

export interface NativeLayout {
  /** Bits one frame occupies; frames follow each other without padding (PS3.5 8.1.1). */
  frameBits: number;
  /** YBR_FULL_422 stored with its chroma halved: 2 samples per pixel (PS3.3 C.7.6.3.1.2). */
  subsampled: boolean;
  /** Bytes reversed together to read big-endian data as little endian; 1 for little endian. */
  swapUnit: number;
}

export function nativeLayout(file: DicomFile, el: Element, desc: ImagePixelDescription): NativeLayout {
  const { rows, columns, samplesPerPixel, bitsAllocated, numberOfFrames } = desc;
  const fullBits = rows * columns * samplesPerPixel * bitsAllocated;
  // Data labelled YBR_FULL_422 but already full size is read as it is, as pydicom does.
  const subsampled = desc.photometricInterpretation === 'YBR_FULL_422' && valueLength(file, el) * 8 < fullBits * numberOfFrames;
  let swapUnit = 1;
  if (!file.dataset.encoding.littleEndian) {
    // PS3.5 A.3 / 7.3: OW is byte-swapped in 16-bit words, so 8-bit samples (and bit-packed ones) stored
    // as OW come out pairwise swapped; wider samples are swapped whole, as pydicom does.
    swapUnit = bitsAllocated > 8 ? bitsAllocated / 8 : el.vr === 'OW' ? 2 : 1;
  }
  return { frameBits: subsampled ? (fullBits / 3) * 2 : fullBits, subsampled, swapUnit };
}

function swapBytes(bytes: Uint8Array, unit: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const whole = bytes.length - (bytes.length % unit);
  for (let i = 0; i < whole; i += unit) for (let b = 0; b < unit; b++) out[i + b] = bytes[i + unit - 1 - b]!;
  out.set(bytes.subarray(whole), whole);
  return out;
}

/**
 * The little-endian bytes of frames [first, first + count): a view of the value when it is little
 * endian and in memory, else only those bytes read from the source. Bits Allocated 1 frames are
 * returned bit-packed from bit 0 (frames need not start on a byte boundary).
 */
export async function nativeFrames(file: DicomFile, el: Element, desc: ImagePixelDescription, layout: NativeLayout, first: number, count: number): Promise<Uint8Array> {
  const firstBit = first * layout.frameBits;
  const bits = count * layout.frameBits;
  const start = Math.floor(firstBit / 8);
  const end = Math.ceil((firstBit + bits) / 8);
  const length = valueLength(file, el);
  const frame = count === 1 ? first : undefined;
  if (end > length) {
    const what = count === 1 ? `frame ${first}` : `${count} frames`;
    throw new PixelDataError('truncated', `Pixel Data has ${length} bytes, ${what} need${count === 1 ? 's' : ''} bytes ${start}-${end}`, { file: file.source.name, frame });
  }
  const unit = layout.swapUnit;
  const from = start - (start % unit);
  const to = Math.min(length, Math.ceil(end / unit) * unit);
  const raw = await readValue(file, el, from, to - from, frame);
  const bytes = (unit > 1 ? swapBytes(raw, unit) : raw).subarray(start - from, end - from);
  return desc.bitsAllocated === 1 ? bitRange(bytes, firstBit - start * 8, bits) : bytes;
}
