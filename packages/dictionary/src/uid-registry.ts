import { UID_ROWS } from './generated/uids.js';

/** A UID registry entry (PS3.6 Table A-1). */
export interface UidEntry {
  uid: string;
  name: string;
  type: string;
  keyword: string;
  retired: boolean;
}

let byUid: Map<string, UidEntry> | undefined;
let byKeyword: Map<string, UidEntry> | undefined;

function index(): void {
  byUid = new Map();
  byKeyword = new Map();
  for (const [uid, name, type, keyword, retired] of UID_ROWS) {
    const e = { uid, name, type, keyword, retired: retired === 1 };
    byUid.set(uid, e);
    if (keyword) byKeyword.set(keyword, e);
  }
}

export function lookupUid(uid: string): UidEntry | undefined {
  if (!byUid) index();
  return byUid!.get(uid);
}

/** A UID from a registry keyword ('ExplicitVRLittleEndian') or the UID itself. */
export function resolveUid(uidOrKeyword: string): string | undefined {
  if (!byUid) index();
  if (byUid!.has(uidOrKeyword)) return uidOrKeyword;
  return byKeyword!.get(uidOrKeyword)?.uid ?? (/^[0-9.]+$/.test(uidOrKeyword) ? uidOrKeyword : undefined);
}
