// Reading values of a DICOM JSON data set (PS3.18 F.2) for index columns.
import type { DicomJson, DicomJsonPersonName } from '@dcmkit/core';

/** Only the attributes of `json` whose tags are in `tags`. */
export function pick(json: DicomJson, tags: ReadonlySet<string>): DicomJson {
  const out: DicomJson = {};
  for (const [tag, attr] of Object.entries(json)) if (tags.has(tag)) out[tag] = attr;
  return out;
}

/** A PN component group without its trailing empty components and spaces (PS3.5 6.2.1). */
const trimComponentGroup = (group: string): string => group.replace(/[\^\s]+$/, '');

/** A PN component group for case-insensitive matching: lower case, trailing empty components and spaces removed. */
const normalizePersonName = (name: string): string => trimComponentGroup(name.toLowerCase());

/**
 * How each PN component group is kept and compared, in their order (PS3.5 6.2.1.1): alphabetic and
 * phonetic case-insensitively, ideographic exactly.
 */
export const PERSON_NAME_GROUPS = [normalizePersonName, trimComponentGroup, normalizePersonName] as const;

/** The component groups of the first PN value of `tag` (PS3.18 F.2.2), each as PERSON_NAME_GROUPS keeps it; null when empty. */
export function personNameGroups(json: DicomJson, tag: string): [alphabetic: string | null, ideographic: string | null, phonetic: string | null] {
  const v = json[tag]?.Value?.[0];
  // A PN value is an object of component groups; the stored text some writers give is read as well.
  const pn = v as DicomJsonPersonName | string | null | undefined;
  const groups = typeof pn === 'string' ? pn.split('=') : pn ? [pn.Alphabetic, pn.Ideographic, pn.Phonetic] : [];
  const group = (g: 0 | 1 | 2) => PERSON_NAME_GROUPS[g](groups[g] ?? '') || null;
  return [group(0), group(1), group(2)];
}

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
