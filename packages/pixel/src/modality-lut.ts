// The Modality LUT: stored values to modality values, e.g. Hounsfield Units for CT (PS3.3 C.11.1).
import type { DataSet } from '@dcmkit/core';
import { functionalGroupItems } from './functional-groups.js';
import { lutOutput, readLookupTable, type LookupTable } from './lut.js';

/** The linear form: value = stored * slope + intercept (PS3.3 C.11.1.1.2). */
export interface Rescale {
  kind: 'rescale';
  slope: number;
  intercept: number;
  /** Rescale Type (0028,1054), e.g. HU, OD, US (unspecified). */
  type?: string;
}

/** The table form: Modality LUT Sequence (0028,3000). */
export interface ModalityTable {
  kind: 'lut';
  table: LookupTable;
  /** Modality LUT Type (0028,3004). */
  type?: string;
  explanation?: string;
}

export type ModalityLut = Rescale | ModalityTable;

/**
 * The Modality LUT of frame `frameIndex`: for enhanced multi-frame images the Pixel Value
 * Transformation Sequence (0028,9145) of its per-frame or shared functional group; else the
 * Modality LUT Sequence; else Rescale Slope/Intercept; else identity (PS3.3 C.11.1, C.7.6.16.2.9).
 */
export function modalityLut(ds: DataSet, frameIndex = 0): ModalityLut {
  const transformation = functionalGroupItems(ds, frameIndex, 'PixelValueTransformationSequence')?.[0];
  if (transformation) return rescaleOf(transformation);
  const item = ds.items('ModalityLUTSequence')[0];
  const table = item && readLookupTable(item, 'LUTDescriptor', 'LUTData', ds.getNumber('PixelRepresentation') === 1);
  if (item && table) {
    const type = item.getString('ModalityLUTType');
    const explanation = item.getString('LUTExplanation');
    return { kind: 'lut', table, ...(type ? { type } : {}), ...(explanation ? { explanation } : {}) };
  }
  return rescaleOf(ds);
}

function rescaleOf(ds: DataSet): Rescale {
  const slope = ds.getNumber('RescaleSlope');
  const intercept = ds.getNumber('RescaleIntercept');
  const type = ds.getString('RescaleType');
  return {
    kind: 'rescale',
    slope: slope !== undefined && Number.isFinite(slope) ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
    ...(type ? { type } : {}),
  };
}

/** The modality value of one stored value. */
export function modalityValue(m: ModalityLut, stored: number): number {
  return m.kind === 'rescale' ? stored * m.slope + m.intercept : lutOutput(m.table, stored);
}

/**
 * The unit of the modality values: the Rescale Type or Modality LUT Type when it names one
 * ('US' is "unspecified", PS3.3 C.11.1.1.2), else HU for CT, whose rescaled values are
 * Hounsfield Units (PS3.3 C.8.2.1.1.1 / C.8.15.3.10).
 */
export function modalityUnit(m: ModalityLut, ds: DataSet): string | undefined {
  if (m.type && m.type !== 'US') return m.type;
  return ds.getString('Modality') === 'CT' ? 'HU' : undefined;
}
