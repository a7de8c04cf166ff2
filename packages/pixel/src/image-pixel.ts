// The Image Pixel Module attributes that say how Pixel Data is laid out (PS3.3 C.7.6.3), and
// the Floating Point / Double Floating Point Image Pixel Modules (PS3.3 C.7.6.24, C.7.6.25).
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA, PIXEL_DATA, type DataSet, type Keyword } from '@dcmkit/core';
import { PixelDataError } from './errors.js';
import type { ImagePixelDescription } from './pixel-frame.js';

/** An integer attribute: undefined when absent or empty, an error when not an integer. */
function integer(ds: DataSet, keyword: Keyword, file: string | undefined): number | undefined {
  if (ds.values(keyword).length === 0) return undefined;
  const n = ds.getNumber(keyword);
  if (n === undefined || !Number.isInteger(n)) {
    throw new PixelDataError('invalid', `${keyword} ${JSON.stringify(ds.getText(keyword))} is not an integer`, { file });
  }
  return n;
}

function required(ds: DataSet, keyword: Keyword, file: string | undefined): number {
  const n = integer(ds, keyword, file);
  if (n === undefined) throw new PixelDataError('missing', `no ${keyword}`, { file });
  return n;
}

/** The one pixel data element of the data set: Pixel Data, Float Pixel Data or Double Float Pixel Data. */
function pixelDataTag(ds: DataSet, file: string | undefined): number {
  const present = [PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA].filter((tag) => ds.has(tag));
  if (present.length === 0) throw new PixelDataError('missing', 'no Pixel Data, Float Pixel Data or Double Float Pixel Data', { file });
  // PS3.3 C.7.6.3, C.7.6.24, C.7.6.25: the three are mutually exclusive.
  if (present.length > 1) throw new PixelDataError('invalid', 'more than one of Pixel Data, Float Pixel Data and Double Float Pixel Data', { file });
  return present[0]!;
}

/**
 * Reads and checks how the data set's pixels are stored. Required: Rows, Columns, Bits Allocated,
 * Samples per Pixel, Photometric Interpretation and (for integer data) Pixel Representation — the
 * attributes pydicom needs too. Lenient defaults: Bits Stored = Bits Allocated, High Bit = Bits Stored - 1,
 * Planar Configuration 0, Number of Frames 1 (PS3.3 C.7.6.6: absent means one frame).
 */
export function imagePixelDescription(ds: DataSet, file?: string): ImagePixelDescription {
  const tag = pixelDataTag(ds, file);
  const float = tag !== PIXEL_DATA;
  const bad = (reason: string) => new PixelDataError('invalid', reason, { file });

  const rows = required(ds, 'Rows', file);
  const columns = required(ds, 'Columns', file);
  const samplesPerPixel = required(ds, 'SamplesPerPixel', file);
  const bitsAllocated = required(ds, 'BitsAllocated', file);
  const photometricInterpretation = ds.getString('PhotometricInterpretation')?.trim();
  if (!photometricInterpretation) throw new PixelDataError('missing', 'no PhotometricInterpretation', { file });
  // Floating point modules have no Pixel Representation; the samples are IEEE 754 (PS3.3 C.7.6.24).
  const pixelRepresentation = float ? (integer(ds, 'PixelRepresentation', file) ?? 0) : required(ds, 'PixelRepresentation', file);
  const bitsStored = integer(ds, 'BitsStored', file) ?? bitsAllocated;
  const highBit = integer(ds, 'HighBit', file) ?? bitsStored - 1;
  const planarConfiguration = samplesPerPixel > 1 ? (integer(ds, 'PlanarConfiguration', file) ?? 0) : 0;
  const numberOfFrames = integer(ds, 'NumberOfFrames', file) ?? 1;

  if (rows < 1 || columns < 1) throw bad(`${rows} Rows and ${columns} Columns`);
  if (samplesPerPixel < 1) throw bad(`Samples per Pixel ${samplesPerPixel}`);
  if (numberOfFrames < 1) throw bad(`Number of Frames ${numberOfFrames}`);
  if (float) {
    const expected = tag === FLOAT_PIXEL_DATA ? 32 : 64;
    if (bitsAllocated !== expected) throw bad(`Bits Allocated ${bitsAllocated} with ${tag === FLOAT_PIXEL_DATA ? 'Float' : 'Double Float'} Pixel Data (needs ${expected})`);
  } else if (bitsAllocated !== 1 && (bitsAllocated < 8 || bitsAllocated % 8 !== 0)) {
    // PS3.5 8.1.1: only Bits Allocated 1 or a multiple of 8 (retired packed 12-bit aside).
    throw new PixelDataError('unsupported', `Bits Allocated ${bitsAllocated}`, { file });
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw bad(`Bits Stored ${bitsStored} with Bits Allocated ${bitsAllocated}`);
  // PS3.5 8.1.1: the stored bits end at High Bit, inside the container.
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) throw bad(`High Bit ${highBit} with Bits Stored ${bitsStored} and Bits Allocated ${bitsAllocated}`);
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) throw bad(`Pixel Representation ${pixelRepresentation}`);
  if (planarConfiguration !== 0 && planarConfiguration !== 1) throw bad(`Planar Configuration ${planarConfiguration}`);
  // PS3.3 C.7.6.3.1.2: YBR_FULL_422 is three-sample data.
  if (photometricInterpretation === 'YBR_FULL_422' && samplesPerPixel !== 3) throw bad(`YBR_FULL_422 with Samples per Pixel ${samplesPerPixel}`);

  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    photometricInterpretation,
    planarConfiguration,
    numberOfFrames,
    pixelDataTag: tag,
  };
}
