import { PersonName } from '../values/person-name.js';
import type { DicomJsonPersonName } from './model.js';

/** Component group names in their PN order (PS3.5 6.2.1.1, PS3.18 F.2.2). */
export const COMPONENT_GROUPS = ['Alphabetic', 'Ideographic', 'Phonetic'] as const;

/** Spaces, '^' and '=' alone carry no name (PS3.5 6.2.1: padding and delimiters). */
const hasName = (s: string) => /[^ ^=]/.test(s);

/**
 * One component group as stored in JSON: components trimmed of spaces, empty trailing
 * components dropped, '' when nothing is left. dcm2json writes groups the same way.
 */
function componentGroup(group: string): string {
  const components = group.split('^').map((c) => c.trim());
  while (components.length && components.at(-1) === '') components.pop();
  return components.join('^');
}

/** A PN value as a JSON object with its non-empty component groups; null when it has no name. */
function personNameObject(value: string): DicomJsonPersonName | null {
  let pn: DicomJsonPersonName | null = null;
  // More than three component groups are not PN (PS3.5 6.2.1.1): the extra ones are dropped.
  for (let g = 0, start = 0; g < COMPONENT_GROUPS.length; g++) {
    const end = value.indexOf('=', start);
    const text = componentGroup(end < 0 ? value.slice(start) : value.slice(start, end));
    if (text) (pn ??= {})[COMPONENT_GROUPS[g]!] = text;
    if (end < 0) break;
    start = end + 1;
  }
  return pn;
}

/**
 * The JSON values of a PN element's text (values separated by backslash): undefined when no value
 * holds a name (the attribute then has no "Value"), else one object or null per value.
 */
export function personNameValues(text: string): (DicomJsonPersonName | null)[] | undefined {
  const values = text.split('\\');
  if (values.length === 1 && !hasName(text)) return undefined;
  return values.map(personNameObject);
}

/** A PersonName from a JSON PN value (an object, or the stored text some writers give). */
export function personNameFromJson(v: unknown): PersonName {
  if (typeof v === 'string') return PersonName.parse(v);
  if (v === null || v === undefined) return new PersonName('');
  const pn = v as DicomJsonPersonName;
  return new PersonName(pn.Alphabetic ?? '', pn.Ideographic ?? '', pn.Phonetic ?? '');
}
