import { lookupUid } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';

// SR Storage SOP Classes (PS3.4 B.5) whose documents `createStructuredReport` writes and `readStructuredReport` names.
export const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
export const ENHANCED_SR = '1.2.840.10008.5.1.4.1.1.88.22';
export const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
export const EXTENSIBLE_SR = '1.2.840.10008.5.1.4.1.1.88.35';
export const KEY_OBJECT_SELECTION = '1.2.840.10008.5.1.4.1.1.88.59';

/** "Comprehensive SR", "Key Object Selection Document": the SOP Class name without "Storage". */
export function documentType(sopClassUID: string): string {
  const name = lookupUid(sopClassUID)?.name;
  return name ? name.replace(/ Storage( - Trial)?$/, '') : `SR document of SOP Class ${sopClassUID}`;
}

/** SR documents are the SOP Classes under 1.2.840.10008.5.1.4.1.1.88 (PS3.4 B.5). */
export const isStructuredReport = (ds: DataSet): boolean => (ds.getText('SOPClassUID')?.replace(/\0/g, '').trim() ?? '').startsWith('1.2.840.10008.5.1.4.1.1.88.');
