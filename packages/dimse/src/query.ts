// Query/Retrieve identifiers (PS3.4 C.4.1.1.3, C.2.2): the level and the keys, by keyword or tag.
import { DataSet, IMPLICIT_LE, lookupTag, parseTag } from '@dcmkit/core';
import type { QueryLevel } from './uids.js';

/**
 * An identifier at `level` with these keys: a value matches (wildcards, ranges and UID lists as PS3.4
 * C.2.2.2 writes them, multiple values separated by backslashes), an empty value asks for the attribute back.
 */
export function queryIdentifier(level: QueryLevel, keys: Iterable<readonly [string, string]>): DataSet {
  const identifier = new DataSet(IMPLICIT_LE);
  identifier.set('QueryRetrieveLevel', level);
  for (const [key, value] of keys) {
    const tag = parseTag(key);
    const vr = lookupTag(tag)?.vr;
    if (!vr || vr === 'SQ') throw new RangeError(`query key ${key}: not an attribute with a value (sequence keys are not supported)`);
    identifier.set(tag, value === '' ? [] : value.split('\\'), vr.split(' ')[0]);
  }
  return identifier;
}

/** "Keyword=value" or "(gggg,eeee)=value" as [key, value]. */
export function parseQueryKey(text: string): [string, string] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text.trim(), ''] : [text.slice(0, eq).trim(), text.slice(eq + 1)];
}
