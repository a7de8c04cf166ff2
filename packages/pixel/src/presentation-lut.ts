// The Presentation LUT stage for grayscale: inverse or identity (PS3.3 C.11.6, PS3.4 N.2.1).
import type { DataSet } from '@dcmkit/core';

/**
 * True when the grayscale output must be inverted: Presentation LUT Shape (2050,0020) INVERSE,
 * or, when no shape is given, MONOCHROME1 (minimum value displayed white, PS3.3 C.7.6.3.1.2).
 * A given shape already accounts for MONOCHROME1 (it "shall be INVERSE" for it, PS3.3 C.8.11.1.1.1).
 */
export function presentationInverse(ds: DataSet, photometricInterpretation: string): boolean {
  const shape = ds.getString('PresentationLUTShape')?.trim().toUpperCase();
  if (shape === 'INVERSE') return true;
  if (shape === 'IDENTITY') return false;
  return photometricInterpretation.trim().toUpperCase() === 'MONOCHROME1';
}
