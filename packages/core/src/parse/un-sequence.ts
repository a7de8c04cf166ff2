import type { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import { IMPLICIT_LE } from '../transfer-syntax.js';
import { parseItems } from './parser.js';

/**
 * The items of a defined-length UN element whose tag the dictionary knows as SQ: the value is a
 * sequence in implicit VR little endian (PS3.5 6.2.2), as pydicom reads it.
 */
export function parseUnknownSequence(el: Element, owner: DataSet): DataSet[] {
  const bytes = el.bytes;
  if (!bytes) return [];
  return parseItems({ base: el.offset, bytes }, el, el.offset + bytes.length, IMPLICIT_LE, owner);
}
