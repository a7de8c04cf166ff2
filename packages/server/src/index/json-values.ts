// Reading values of a DICOM JSON data set (PS3.18 F.2) for index columns.
import type { DicomJson } from '@dcmkit/core';

/** Only the attributes of `json` whose tags are in `tags`. */
export function pick(json: DicomJson, tags: ReadonlySet<string>): DicomJson {
  const out: DicomJson = {};
  for (const [tag, attr] of Object.entries(json)) if (tags.has(tag)) out[tag] = attr;
  return out;
}

/** A PN for case-insensitive matching: lower case, trailing empty components and spaces removed. */
export const normalizePersonName = (name: string): string => name.toLowerCase().replace(/[\^\s]+$/, '');

/** A DA value as YYYYMMDD (the old YYYY.MM.DD form has its dots removed). */
export const normalizeDate = (da: string): string => da.replace(/\./g, '');

/**
 * A TM value as HHMMSS.FFFFFF (missing parts zero, or `fill` for the end of a range), so that
 * times compare as text (PS3.5 6.2: HH, HHMM, HHMMSS and fractions; the old HH:MM:SS form too).
 */
export function normalizeTime(tm: string, fill = '0'): string {
  const [whole = '', fraction = ''] = tm.replace(/:/g, '').split('.');
  return whole.padEnd(6, fill).slice(0, 6) + '.' + fraction.padEnd(6, fill).slice(0, 6);
}
