import { lookupTag, lookupUid } from '@dcmkit/dictionary';
import type { Tag } from '../tag.js';
import type { KeyedHash } from './keyed-hash.js';

/** UIDs under the DICOM root are defined by the standard (PS3.5 9.1), never by an instance. */
const DICOM_ROOT = '1.2.840.10008.';

/** A UID of the registry (SOP Classes, Transfer Syntaxes, coding schemes ... PS3.6 Table A-1) or under the DICOM root. */
export const isWellKnownUid = (uid: string): boolean => uid.startsWith(DICOM_ROOT) || lookupUid(uid) !== undefined;

// UI attributes that name a class, an encoding or a coding scheme, not an entity: never replaced
// (PS3.15 E.3.9 note 4), also when the value is a private one that the registry does not list.
const STRUCTURAL = /SOPClass|TransferSyntax|ImplementationClassUID|CodingSchemeUID|^ContextUID$|MappingResourceUID/;
const structural = new Map<Tag, boolean>();

/** The attribute holds a class, syntax or coding scheme UID rather than an instance's. */
export function isStructuralUidTag(tag: Tag): boolean {
  let known = structural.get(tag);
  if (known === undefined) {
    known = STRUCTURAL.test(lookupTag(tag)?.keyword ?? '');
    structural.set(tag, known);
  }
  return known;
}

/**
 * A UID derived from a UUID (PS3.5 B.2): "2.25." and the 128-bit integer in decimal, at most 44
 * characters and without leading zeros. The bits are marked as an RFC 9562 version 8 (custom) UUID.
 */
export function uuidDerivedUid(bytes: Uint8Array): string {
  const b = bytes.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  let hex = '';
  for (const byte of b) hex += byte.toString(16).padStart(2, '0');
  return `2.25.${BigInt(`0x${hex}`)}`;
}

/**
 * Replacement UIDs (action U of PS3.15 Table E.1-1): the UUID-derived UID of HMAC-SHA256(secret,
 * original UID), so that one secret renames a UID alike in every file and run, and references stay
 * consistent. Well-known UIDs are kept. `map` records original → replacement.
 */
export class UidReplacer {
  constructor(
    readonly hash: KeyedHash,
    readonly map: Map<string, string> = new Map(),
  ) {}

  replace(uid: string): string {
    if (uid === '' || isWellKnownUid(uid)) return uid;
    let replacement = this.map.get(uid);
    if (replacement === undefined) {
      replacement = uuidDerivedUid(this.hash.digest(uid));
      this.map.set(uid, replacement);
    }
    return replacement;
  }
}
