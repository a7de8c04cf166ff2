import { TransferSyntax, lookupUid } from '@dcmkit/dictionary';

/** How a Transfer Syntax encodes the data set (PS3.5 Section 10, Annex A). */
export interface Encoding {
  littleEndian: boolean;
  explicitVR: boolean;
}

export interface TransferSyntaxInfo extends Encoding {
  uid: string;
  name: string;
  /** The data set after the File Meta is deflated (PS3.5 A.5). */
  deflated: boolean;
  /** Pixel Data is encapsulated in fragments (PS3.5 A.4). */
  encapsulated: boolean;
}

const NATIVE = new Set<string>([
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
]);

// JPIP syntaxes reference pixel data by URL instead of encapsulating it (PS3.5 A.6, A.7).
const JPIP = new Set<string>([
  TransferSyntax.JPIPReferenced,
  TransferSyntax.JPIPReferencedDeflate,
  TransferSyntax.JPIPHTJ2KReferenced,
  TransferSyntax.JPIPHTJ2KReferencedDeflate,
]);
const DEFLATED = new Set<string>([
  TransferSyntax.DeflatedExplicitVRLittleEndian,
  TransferSyntax.JPIPReferencedDeflate,
  TransferSyntax.JPIPHTJ2KReferencedDeflate,
]);

export const IMPLICIT_LE: Encoding = Object.freeze({ littleEndian: true, explicitVR: false });
export const EXPLICIT_LE: Encoding = Object.freeze({ littleEndian: true, explicitVR: true });
export const EXPLICIT_BE: Encoding = Object.freeze({ littleEndian: false, explicitVR: true });

/** Properties of a Transfer Syntax UID; unknown UIDs are read as explicit VR little endian encapsulated. */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo {
  const name = lookupUid(uid)?.name ?? uid;
  if (uid === TransferSyntax.ImplicitVRLittleEndian) return { uid, name, ...IMPLICIT_LE, deflated: false, encapsulated: false };
  if (uid === TransferSyntax.ExplicitVRBigEndian) return { uid, name, ...EXPLICIT_BE, deflated: false, encapsulated: false };
  return { uid, name, ...EXPLICIT_LE, deflated: DEFLATED.has(uid), encapsulated: !NATIVE.has(uid) && !JPIP.has(uid) };
}

/** Uncompressed syntaxes that `convert` writes without a codec. */
export const isNativeTransferSyntax = (uid: string): boolean => NATIVE.has(uid);
