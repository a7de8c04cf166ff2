import type { DeidentificationOption } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';

/** CID 7050 De-identification Method (PS3.16), coding scheme DCM. */
const PROFILE_CODE = ['113100', 'Basic Application Confidentiality Profile'] as const;
export const CLEAN_PIXEL_DATA_CODE = ['113101', 'Clean Pixel Data Option'] as const;
const OPTION_CODES: Record<DeidentificationOption, readonly [string, string]> = {
  cleanGraphOpt: ['113103', 'Clean Graphics Option'],
  cleanStructContOpt: ['113104', 'Clean Structured Content Option'],
  cleanDescOpt: ['113105', 'Clean Descriptors Option'],
  rtnLongFullDatesOpt: ['113106', 'Retain Longitudinal Temporal Information Full Dates Option'],
  rtnLongModifDatesOpt: ['113107', 'Retain Longitudinal Temporal Information Modified Dates Option'],
  rtnPatCharsOpt: ['113108', 'Retain Patient Characteristics Option'],
  rtnDevIdOpt: ['113109', 'Retain Device Identity Option'],
  rtnUIDsOpt: ['113110', 'Retain UIDs Option'],
  rtnSafePrivOpt: ['113111', 'Retain Safe Private Option'],
  rtnInstIdOpt: ['113112', 'Retain Institution Identity Option'],
};

/** The CID 7050 codes of the profile and the Options applied, in code order. */
export function methodCodes(options: ReadonlySet<DeidentificationOption>, cleanedPixelData: boolean): (readonly [string, string])[] {
  const codes = [PROFILE_CODE, ...[...options].map((o) => OPTION_CODES[o])];
  if (cleanedPixelData) codes.push(CLEAN_PIXEL_DATA_CODE);
  return codes.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * What PS3.15 E.1.1 (6) asks of a de-identified data set: Patient Identity Removed YES, the codes of
 * the profile and Options in De-identification Method Code Sequence (after any codes already there),
 * their meanings in De-identification Method, and Longitudinal Temporal Information Modified (E.3.6).
 */
export function recordMethod(ds: DataSet, codes: readonly (readonly [string, string])[], dates: 'UNMODIFIED' | 'MODIFIED' | 'REMOVED'): void {
  ds.set('PatientIdentityRemoved', 'YES');
  const items = ds.items('DeidentificationMethodCodeSequence').filter((item) => !codes.some(([value]) => item.getString('CodeValue') === value));
  for (const [value, meaning] of codes) {
    const item = ds.createItem();
    item.set('CodeValue', value);
    item.set('CodingSchemeDesignator', 'DCM');
    item.set('CodeMeaning', meaning);
    items.push(item);
  }
  ds.set('DeidentificationMethodCodeSequence', items);
  ds.set('DeidentificationMethod', items.map((item) => item.getString('CodeMeaning') ?? ''));
  ds.set('LongitudinalTemporalInformationModified', dates);
}
