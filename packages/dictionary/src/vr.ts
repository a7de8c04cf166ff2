/** Value Representations of PS3.5 Table 6.2-1. */
export const VRS = [
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW',
  'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
] as const;
export type VR = (typeof VRS)[number];

const VR_SET: ReadonlySet<string> = new Set(VRS);
export const isVR = (s: string): s is VR => VR_SET.has(s);

/** VRs with a 2-byte reserved field and a 32-bit length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_LENGTH: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const hasLongLength = (vr: string): boolean => LONG_LENGTH.has(vr);

/** Character-string VRs whose values are text (PS3.5 6.2). */
const STRING: ReadonlySet<string> = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
export const isStringVR = (vr: string): boolean => STRING.has(vr);

/** String VRs affected by Specific Character Set (PS3.5 6.1.2.3). */
const CHARSET: ReadonlySet<string> = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);
export const usesCharacterSet = (vr: string): boolean => CHARSET.has(vr);

/** String VRs that hold one value only: backslash is not a delimiter (PS3.5 6.2). */
const SINGLE: ReadonlySet<string> = new Set(['LT', 'ST', 'UR', 'UT']);
export const isSingleValuedVR = (vr: string): boolean => SINGLE.has(vr);

/** Byte size of one value of a binary numeric VR; 0 for others. */
export function numericSize(vr: string): number {
  switch (vr) {
    case 'SS': case 'US': case 'OW': return 2;
    case 'SL': case 'UL': case 'FL': case 'OF': case 'OL': case 'AT': return 4;
    case 'FD': case 'OD': case 'SV': case 'UV': case 'OV': return 8;
    default: return 0;
  }
}

/** Padding byte for odd-length values: space for strings, NUL for UI and binary (PS3.5 6.2). */
export const paddingByte = (vr: string): number => (isStringVR(vr) && vr !== 'UI' ? 0x20 : 0);
