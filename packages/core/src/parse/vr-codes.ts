import { VRS } from '@dcmkit/dictionary';

/** VR strings by their two bytes (first << 8 | second), so a parser never builds a string per element. */
const BY_CODE: (string | undefined)[] = new Array(65536);
for (const vr of VRS) BY_CODE[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = vr;

export const vrFromBytes = (b0: number, b1: number): string | undefined => BY_CODE[(b0 << 8) | b1];
