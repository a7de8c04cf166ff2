// What the viewport reads from an image's attributes: pixel spacing, modality values, names for the overlay.
import { PersonName, type DataSet } from '@dcmkit/core';
import { functionalGroupItems, modalityLut, modalityUnit, modalityValue } from '@dcmkit/pixel';
import type { Spacing } from './measure.js';

const spacingOf = (ds: DataSet | undefined, keyword: 'PixelSpacing' | 'ImagerPixelSpacing'): Spacing | undefined => {
  const [row, column] = ds?.getNumbers(keyword) ?? [];
  return row! > 0 && column! > 0 ? { row: row!, column: column!, source: keyword } : undefined;
};

/**
 * The frame's pixel spacing: Pixel Spacing (per frame in the Pixel Measures functional group of
 * enhanced images, PS3.3 C.7.6.16.2.1), else Imager Pixel Spacing of projection images (PS3.3 10.7.1.3).
 */
export function frameSpacing(ds: DataSet, frameIndex: number): Spacing | undefined {
  const measures = functionalGroupItems(ds, frameIndex, 'PixelMeasuresSequence')?.[0];
  return spacingOf(measures, 'PixelSpacing') ?? spacingOf(ds, 'PixelSpacing') ?? spacingOf(ds, 'ImagerPixelSpacing');
}

/** Stored value to modality value (HU for CT) of a frame, with its unit (PS3.3 C.11.1). */
export function modalityOf(ds: DataSet, frameIndex: number): { value: (stored: number) => number; unit: string } {
  const lut = modalityLut(ds, frameIndex);
  return { value: (stored) => modalityValue(lut, stored), unit: modalityUnit(lut, ds) ?? '' };
}

/** A Person Name for display: "Family, Given Middle" from the alphabetic group (PS3.5 6.2.1). */
export function displayName(value: string | undefined): string {
  if (!value) return '';
  const c = PersonName.parse(value).components();
  const given = [c.namePrefix, c.givenName, c.middleName].filter(Boolean).join(' ');
  return [c.familyName, [given, c.nameSuffix].filter(Boolean).join(', ')].filter(Boolean).join(', ');
}

/** A DA value YYYYMMDD as YYYY-MM-DD; other text unchanged. */
export const displayDate = (da: string | undefined): string => (da && /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : (da ?? ''));

/** A number with at most `digits` decimals, trailing zeros dropped. */
export const displayNumber = (n: number, digits = 2): string => (Number.isFinite(n) ? String(Number(n.toFixed(digits))) : '-');
