import { lookupUid } from '@dcmkit/dictionary';

/** "Comprehensive SR", "Key Object Selection Document": the SOP Class name without "Storage". */
export function documentType(sopClassUID: string): string {
  const name = lookupUid(sopClassUID)?.name;
  return name ? name.replace(/ Storage( - Trial)?$/, '') : `SR document of SOP Class ${sopClassUID}`;
}

/** SR documents are the Storage SOP Classes under 1.2.840.10008.5.1.4.1.1.88 (PS3.4 B.5). */
export const isStructuredReportClass = (sopClassUID: string): boolean => sopClassUID.startsWith('1.2.840.10008.5.1.4.1.1.88.');
