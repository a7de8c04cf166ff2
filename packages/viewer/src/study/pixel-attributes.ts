// The Image Pixel Module attributes (PS3.3 C.7.6.3) of an instance, sent with its frames to the decoder.
import type { DataSet } from '@dcmkit/core';
import type { PixelAttributes } from '../frames/decode-messages.js';

export function pixelAttributes(ds: DataSet): PixelAttributes {
  const bitsAllocated = ds.getNumber('BitsAllocated') ?? 16;
  const bitsStored = ds.getNumber('BitsStored') ?? bitsAllocated;
  return {
    rows: ds.getNumber('Rows') ?? 0,
    columns: ds.getNumber('Columns') ?? 0,
    samplesPerPixel: ds.getNumber('SamplesPerPixel') ?? 1,
    bitsAllocated,
    bitsStored,
    highBit: ds.getNumber('HighBit') ?? bitsStored - 1,
    pixelRepresentation: ds.getNumber('PixelRepresentation') ?? 0,
    photometricInterpretation: ds.getText('PhotometricInterpretation')?.trim() || 'MONOCHROME2',
    planarConfiguration: ds.getNumber('PlanarConfiguration') ?? 0,
  };
}
