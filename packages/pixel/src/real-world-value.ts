// Real World Value Mapping: stored values to values in physical units (PS3.3 C.7.6.16.2.11, Table C.7.6.16-12b).
import type { DataSet } from '@dcmkit/core';
import { assertLoaded } from './lut-data.js';
import { functionalGroupItems } from './functional-groups.js';

/** A coded unit, from the Measurement Units Code Sequence (0040,08EA) (UCUM codes, e.g. "Hz", "mm2/s"). */
export interface CodedUnit {
  codeValue?: string;
  codingSchemeDesignator?: string;
  codeMeaning?: string;
}

/** One item of the Real World Value Mapping Sequence (0040,9096). */
export interface RealWorldValueMapping {
  /** The range of stored values this mapping applies to. */
  firstValueMapped: number;
  lastValueMapped: number;
  /** Linear form: value = stored * slope + intercept. */
  slope?: number;
  intercept?: number;
  /** Table form: Real World Value LUT Data (0040,9212), one entry per stored value from firstValueMapped. */
  lut?: number[];
  label?: string;
  explanation?: string;
  units?: CodedUnit;
}

/** The Real World Value Mappings of frame `frameIndex`: its functional group's, else the data set's own. */
export function realWorldValueMappings(ds: DataSet, frameIndex = 0): RealWorldValueMapping[] {
  const groups = functionalGroupItems(ds, frameIndex, 'RealWorldValueMappingSequence');
  const items = groups ?? ds.items('RealWorldValueMappingSequence');
  const signed = ds.getNumber('PixelRepresentation') === 1;
  return items.map((item) => mappingOf(item, signed));
}

function mappingOf(item: DataSet, signed: boolean): RealWorldValueMapping {
  // US or SS by Pixel Representation (Table C.7.6.16-12b); the Double Float forms when the integer ones are absent.
  const range = (integer: 'RealWorldValueFirstValueMapped' | 'RealWorldValueLastValueMapped', double: 'DoubleFloatRealWorldValueFirstValueMapped' | 'DoubleFloatRealWorldValueLastValueMapped') => {
    const v = item.getNumber(integer);
    if (v === undefined) return item.getNumber(double) ?? 0;
    return signed && v >= 0x8000 && item.element(integer)?.vr === 'US' ? v - 0x10000 : v;
  };
  const unit = item.items('MeasurementUnitsCodeSequence')[0];
  assertLoaded(item.element('RealWorldValueLUTData'), 'Real World Value LUT Data');
  const lut = item.getNumbers('RealWorldValueLUTData');
  const slope = item.getNumber('RealWorldValueSlope');
  const intercept = item.getNumber('RealWorldValueIntercept');
  const label = item.getString('LUTLabel');
  const explanation = item.getString('LUTExplanation');
  return {
    firstValueMapped: range('RealWorldValueFirstValueMapped', 'DoubleFloatRealWorldValueFirstValueMapped'),
    lastValueMapped: range('RealWorldValueLastValueMapped', 'DoubleFloatRealWorldValueLastValueMapped'),
    ...(slope !== undefined ? { slope, intercept: intercept ?? 0 } : {}),
    ...(lut.length ? { lut } : {}),
    ...(label ? { label } : {}),
    ...(explanation ? { explanation } : {}),
    ...(unit
      ? { units: { codeValue: unit.getString('CodeValue'), codingSchemeDesignator: unit.getString('CodingSchemeDesignator'), codeMeaning: unit.getString('CodeMeaning') } }
      : {}),
  };
}

/** The real world value of a stored value; undefined outside the mapping's range. */
export function realWorldValue(m: RealWorldValueMapping, stored: number): number | undefined {
  if (stored < m.firstValueMapped || stored > m.lastValueMapped) return undefined;
  if (m.slope !== undefined) return stored * m.slope + (m.intercept ?? 0);
  return m.lut?.[Math.round(stored - m.firstValueMapped)];
}
