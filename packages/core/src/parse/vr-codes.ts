import { VRS, hasLongLength } from '@dcmkit/dictionary';

/** VR strings by their two bytes (first << 8 | second), so a parser never builds a string per element. */
const BY_CODE: (string | undefined)[] = new Array(65536);
for (const vr of VRS) BY_CODE[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = vr;

export const vrFromBytes = (b0: number, b1: number): string | undefined => BY_CODE[(b0 << 8) | b1];

/** 1 for the two bytes of a VR with a 32-bit length in explicit VR (PS3.5 Table 7.1-1), a table so the parser asks no Set. */
const LONG_BY_CODE = new Uint8Array(65536);
for (const vr of VRS) if (hasLongLength(vr)) LONG_BY_CODE[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = 1;

export const hasLongLengthBytes = (b0: number, b1: number): boolean => LONG_BY_CODE[(b0 << 8) | b1] === 1;
