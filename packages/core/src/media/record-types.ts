import { lookupUid } from '@dcmkit/dictionary';

// Directory Record Types (PS3.3 F.5, Table F.4-1) and where they sit in the hierarchy.

/** Record types that start a root-level entity. */
const ROOT_TYPES = new Set(['PATIENT', 'TOPIC', 'HANGING PROTOCOL', 'PALETTE', 'IMPLANT', 'IMPLANT ASSY', 'IMPLANT GROUP', 'PRIVATE']);

/**
 * The level of a record type: 0 patient (root), 1 study, 2 series, 3 what a series holds. Used to
 * rebuild the hierarchy from the sequence order when offsets cannot be trusted.
 */
export function recordLevel(type: string): number {
  if (ROOT_TYPES.has(type)) return 0;
  if (type === 'STUDY') return 1;
  if (type === 'SERIES') return 2;
  return 3;
}

/** Instance-level record types by SOP Class name (PS3.3 Table F.4-1). */
const BY_NAME: [RegExp, string][] = [
  [/^Key Object Selection/, 'KEY OBJECT DOC'],
  [/SR Storage/, 'SR DOCUMENT'],
  [/^Encapsulated (PDF|CDA|STL|OBJ|MTL) Storage/, 'ENCAP DOC'],
  [/Presentation State Storage/, 'PRESENTATION'],
  [/Waveform Storage|ECG Storage/, 'WAVEFORM'],
  [/^RT Dose Storage/, 'RT DOSE'],
  [/^RT Structure Set Storage/, 'RT STRUCTURE SET'],
  [/^RT (Ion )?Plan Storage/, 'RT PLAN'],
  [/Treatment Record Storage/, 'RT TREAT RECORD'],
  [/^Raw Data Storage/, 'RAW DATA'],
  [/Registration Storage/, 'REGISTRATION'],
  [/^Spatial Fiducials Storage/, 'FIDUCIAL'],
  [/^MR Spectroscopy Storage/, 'SPECTROSCOPY'],
  [/^Real World Value Mapping Storage/, 'VALUE MAP'],
  [/^Stereometric Relationship Storage/, 'STEREOMETRIC'],
  [/^Surface Segmentation Storage/, 'SURFACE'],
];

/** The Directory Record Type of an instance of a SOP Class: IMAGE unless the table names another. */
export function recordTypeOf(sopClassUID: string): string {
  const name = lookupUid(sopClassUID)?.name ?? '';
  return BY_NAME.find(([re]) => re.test(name))?.[1] ?? 'IMAGE';
}
