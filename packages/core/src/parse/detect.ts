import { TransferSyntax } from '@dcmkit/dictionary';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, type Encoding } from '../transfer-syntax.js';
import { vrFromBytes } from './vr-codes.js';

/** Bytes 4-5 of the element at `at` spell a VR: the data set is explicit VR. */
export const looksExplicit = (b: Uint8Array, at: number): boolean =>
  b.length >= at + 6 && vrFromBytes(b[at + 4]!, b[at + 5]!) !== undefined;

/**
 * The encoding of a data set without a Transfer Syntax: explicit when the first element carries a VR,
 * big endian when its group number reads smaller that way (groups start low: 0008, 0010 ...).
 */
export function detectEncoding(b: Uint8Array, at: number): Encoding {
  if (b.length < at + 8) return EXPLICIT_LE;
  const le = b[at]! | (b[at + 1]! << 8);
  const be = (b[at]! << 8) | b[at + 1]!;
  const explicit = looksExplicit(b, at);
  if (be < le) return explicit ? EXPLICIT_BE : IMPLICIT_LE;
  return explicit ? EXPLICIT_LE : IMPLICIT_LE;
}

export const encodingSyntax = (e: Encoding): string =>
  !e.explicitVR ? TransferSyntax.ImplicitVRLittleEndian : e.littleEndian ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ExplicitVRBigEndian;
