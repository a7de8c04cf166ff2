// One frame's stored bytes, native or encapsulated, read without loading the other frames.
import { transferSyntaxInfo, type DicomFile, type Element } from '@dcmkit/core';
import { PixelDataError } from './errors.js';
import { encapsulatedFrame, frameTable } from './encapsulated.js';
import { imagePixelDescription } from './image-pixel.js';
import { nativeFrames, nativeLayout } from './native.js';
import type { ImagePixelDescription } from './pixel-frame.js';

/** The pixel data element a description was made from, checked against the Transfer Syntax. */
export function pixelDataElement(file: DicomFile, desc: ImagePixelDescription): Element {
  const el = file.dataset.element(desc.pixelDataTag)!;
  const encapsulatedSyntax = transferSyntaxInfo(file.transferSyntax).encapsulated;
  if (Boolean(el.encapsulated) !== encapsulatedSyntax) {
    // PS3.5 A.4: encapsulated Pixel Data if and only if the Transfer Syntax is a compressed one.
    const reason = el.encapsulated
      ? `encapsulated Pixel Data in the native Transfer Syntax ${file.transferSyntax}`
      : `native Pixel Data in the encapsulated Transfer Syntax ${file.transferSyntax}`;
    throw new PixelDataError('invalid', reason, { file: file.source.name });
  }
  return el;
}

export function checkFrameIndex(file: DicomFile, desc: ImagePixelDescription, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= desc.numberOfFrames) {
    throw new PixelDataError('invalid', `frame number out of range: Number of Frames is ${desc.numberOfFrames}`, { file: file.source.name, frame: index });
  }
}

/**
 * The stored bytes of frame `index` (0-based). Native data: the frame's samples in little-endian byte
 * order (big-endian data is swapped; Bits Allocated 1 frames bit-packed from bit 0; YBR_FULL_422 as
 * stored, subsampled). Encapsulated data: the frame's codestream, its fragments joined (PS3.5 A.4).
 */
export async function frameBytes(file: DicomFile, index: number, desc = imagePixelDescription(file.dataset, file.source.name)): Promise<Uint8Array> {
  checkFrameIndex(file, desc, index);
  const el = pixelDataElement(file, desc);
  if (!el.encapsulated) return nativeFrames(file, el, desc, nativeLayout(file, el, desc), index, 1);
  const table = await frameTable(file, el, desc.numberOfFrames);
  return encapsulatedFrame(file, el, table[index]!, index);
}
